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

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The usual form, six two-digit groups with one separator: read at once, or false. */
static bool mac_canonical(const char *s, size_t len, struct ifcc_mac *out)
{
	if (len != 17 || (s[2] != ':' && s[2] != '-'))
		return false;
	for (int k = 0; k < 6; k++) {
		const char *g = s + 3 * k;
		int hi = hex_digit(g[0]), lo = hex_digit(g[1]);
		if (hi < 0 || lo < 0 || (k < 5 && g[2] != s[2]))
			return false;
		out->b[k] = (uint8_t)(hi << 4 | lo);
	}
	return true;
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
