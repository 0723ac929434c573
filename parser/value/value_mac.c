/* <mac>: six groups of one or two hex digits, all separated by ':' or all by '-'. */
#include "value_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <strings.h>

#define MAC_FORM "six hex bytes separated by ':' or '-', like 44:38:39:00:27:b8"

static int mac_fail(const char *v, struct value_token t, struct value_error *err, size_t off,
                    size_t len, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int mac_fail(const char *v, struct value_token t, struct value_error *err, size_t off,
                    size_t len, const char *fmt, ...)
{
	char detail[120], q[VALUE_QUOTE_MAX + 4];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return value_fail(err, off, len, "invalid MAC address '%s': %s",
	                  value_quote(q, sizeof(q), v + t.off, t.len), detail);
}

static inline int hex_digit(char c)
{
	unsigned d = (unsigned)(unsigned char)c - '0';
	if (d <= 9)
		return (int)d;
	/* A letter's case bit set: 'A'..'F' read as 'a'..'f', nothing else becomes one. */
	d = (unsigned)((unsigned char)c | 0x20) - 'a';
	return d <= 5 ? (int)d + 10 : -1;
}

/* The usual form, six two-digit groups with one separator: read at once, or false. */
static bool mac_canonical(const char *s, size_t len, struct ifcc_mac *out)
{
	if (len != 17)
		return false;
	char sep = s[2];
	if ((sep != ':' && sep != '-') || s[5] != sep || s[8] != sep || s[11] != sep ||
	    s[14] != sep)
		return false;
	int bad = 0;
	for (int k = 0; k < 6; k++) {
		int hi = hex_digit(s[3 * k]), lo = hex_digit(s[3 * k + 1]);
		bad |= hi | lo; /* negative when either is not a hex digit */
		out->b[k] = (uint8_t)((unsigned)hi << 4 | (unsigned)lo);
	}
	return bad >= 0;
}

int value_parse_mac(const char *v, struct value_token t, struct ifcc_mac *out,
                    struct value_error *err)
{
	struct ifcc_mac m;
	size_t end = t.off + t.len, i = t.off;
	char sep = 0, q[VALUE_QUOTE_MAX + 4];
	int k = 0;

	if (t.len == 0)
		return value_fail(err, t.off, 0, "missing MAC address: expected " MAC_FORM);
	if (mac_canonical(v + t.off, t.len, &m)) {
		*out = m;
		return 0;
	}
	for (size_t j = t.off; j < end; j++)
		if (v[j] == ':' || v[j] == '-') {
			sep = v[j];
			break;
		}
	if (!sep)
		return mac_fail(v, t, err, t.off, t.len, "expected " MAC_FORM);
	for (;;) {
		size_t gs = i;
		while (i < end && v[i] != ':' && v[i] != '-')
			i++;
		size_t glen = i - gs;
		if (k == 6)
			return mac_fail(v, t, err, gs, end - gs,
			                "more than 6 groups; expected " MAC_FORM);
		if (glen == 0)
			return mac_fail(v, t, err, i < end ? i : gs - 1, 1, "empty group");
		for (size_t j = gs; j < i; j++)
			if (hex_digit(v[j]) < 0)
				return mac_fail(v, t, err, gs, glen,
				                "group '%s' is not hexadecimal",
				                value_quote(q, sizeof(q), v + gs, glen));
		if (glen > 2)
			return mac_fail(v, t, err, gs, glen,
			                "group '%s' has more than 2 hex digits",
			                value_quote(q, sizeof(q), v + gs, glen));
		int x = hex_digit(v[gs]);
		if (glen == 2)
			x = x << 4 | hex_digit(v[gs + 1]);
		m.b[k++] = (uint8_t)x;
		if (i == end)
			break;
		if (v[i] != sep)
			return mac_fail(v, t, err, i, 1, "mixes '%c' and '%c' separators", sep,
			                v[i]);
		i++;
		if (i == end)
			return mac_fail(v, t, err, i - 1, 1, "empty group");
	}
	if (k < 6)
		return mac_fail(v, t, err, t.off, t.len, "%d group%s; expected " MAC_FORM, k,
		                k == 1 ? "" : "s");
	*out = m;
	return 0;
}

int value_parse_hwaddress(const char *v, struct ifcc_mac *out, struct value_error *err)
{
	struct value_token t;
	size_t pos = 0;

	if (!value_next(v, &pos, false, &t))
		return value_fail(err, 0, 0, "missing MAC address: expected " MAC_FORM);
	if (t.len == 5 && strncasecmp(v + t.off, "ether", 5) == 0) {
		if (!value_next(v, &pos, false, &t))
			return value_fail(err, pos, 0,
			                  "missing MAC address after 'ether': expected " MAC_FORM);
	}
	int r = value_parse_mac(v, t, out, err);
	if (r < 0)
		return r;
	if (value_next(v, &pos, false, &t)) {
		char q[VALUE_QUOTE_MAX + 4];
		return value_fail(err, t.off, t.len, "unexpected '%s' after the MAC address",
		                  value_quote(q, sizeof(q), v + t.off, t.len));
	}
	return 0;
}
