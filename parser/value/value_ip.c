/* IPv4 and IPv6 addresses and prefixes, with errors that name the bad octet or group. */
#include "value_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The address being read, for the "invalid ... 'X':" part of messages. */
struct addr_ctx {
	const char *v;
	size_t off, len;  /* the whole token (address or prefix) */
	const char *what; /* "IPv4 address", "IPv6 prefix", ... */
	struct value_error *err;
};

static int addr_fail(const struct addr_ctx *c, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int addr_fail(const struct addr_ctx *c, size_t off, size_t len, const char *fmt, ...)
{
	char detail[160], q[VALUE_QUOTE_MAX + 4];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	return value_fail(c->err, off, len, "invalid %s '%s': %s", c->what,
	                  value_quote(q, sizeof(q), c->v + c->off, c->len), detail);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The usual dotted quad, read in one pass: four octets of 1-3 digits, no leading zero,
 * each at most 255, and nothing else. False for anything else, which parse_v4 then reads
 * again to say what is wrong.
 */
static bool v4_plain(const char *s, size_t len, uint8_t out[4])
{
	if (len < 7 || len > 15)
		return false;
	const char *p = s, *end = s + len;
	for (int k = 0; k < 4; k++) {
		/* One to three digits, bounds checked: the span need not end at a non-digit. */
		if (p >= end)
			return false;
		unsigned x = (unsigned)(unsigned char)*p - '0', d;
		if (x > 9)
			return false;
		p++;
		if (p < end && (d = (unsigned)(unsigned char)*p - '0') <= 9) {
			if (x == 0)
				return false; /* a leading zero */
			x = x * 10 + d;
			p++;
			if (p < end && (d = (unsigned)(unsigned char)*p - '0') <= 9) {
				x = x * 10 + d;
				p++;
				if (x > 255 || (p < end && (unsigned)(unsigned char)*p - '0' <= 9))
					return false;
			}
		}
		out[k] = (uint8_t)x;
		if (k < 3 && (p >= end || *p++ != '.'))
			return false;
	}
	return p == end;
}

/* Dotted quad in v[start, end). */
static int parse_v4(const struct addr_ctx *c, size_t start, size_t end, uint8_t out[4])
{
	const char *v = c->v;
	char q[VALUE_QUOTE_MAX + 4];
	size_t i = start;
	int k = 0;

	for (;;) {
		size_t ps = i;
		while (i < end && v[i] != '.')
			i++;
		size_t plen = i - ps;
		if (k == 4)
			return addr_fail(c, ps, end - ps, "more than 4 octets");
		if (plen == 0) {
			size_t dot = i < end ? i : ps - 1;
			return addr_fail(c, dot, 1, "empty octet");
		}
		for (size_t j = ps; j < i; j++)
			if (!is_digit(v[j]))
				return addr_fail(c, ps, plen, "octet '%s' is not a decimal number",
				                 value_quote(q, sizeof(q), v + ps, plen));
		if (plen > 3 || (plen == 3 && memcmp(v + ps, "255", 3) > 0))
			return addr_fail(c, ps, plen, "octet %s is above 255",
			                 value_quote(q, sizeof(q), v + ps, plen));
		if (plen > 1 && v[ps] == '0')
			return addr_fail(c, ps, plen,
			                 "octet '%.*s' has a leading zero (octal or decimal?)",
			                 (int)plen, v + ps);
		unsigned x = 0;
		for (size_t j = ps; j < i; j++)
			x = x * 10 + (unsigned)(v[j] - '0');
		out[k++] = (uint8_t)x;
		if (i == end)
			break;
		i++; /* the dot */
		if (i == end)
			return addr_fail(c, i - 1, 1, "empty octet");
	}
	if (k < 4)
		return addr_fail(c, start, end - start, "%d octet%s, 4 expected", k,
		                 k == 1 ? "" : "s");
	return 0;
}

/* RFC 4291 section 2.2 text forms in v[start, end). */
static int parse_v6(const struct addr_ctx *c, size_t start, size_t end, uint8_t out[16])
{
	const char *v = c->v;
	char q[VALUE_QUOTE_MAX + 4];
	uint16_t g[8];
	int n = 0, dbl = -1;
	size_t i = start;

	for (size_t j = start; j < end; j++)
		if (v[j] == '%')
			return addr_fail(c, j, end - j, "zone ids ('%s') are not allowed here",
			                 value_quote(q, sizeof(q), v + j, end - j));
	if (v[i] == ':') {
		if (i + 1 >= end || v[i + 1] != ':')
			return addr_fail(c, i, 1, "starts with a single ':'");
		if (i + 2 < end && v[i + 2] == ':')
			return addr_fail(c, i, 3, "':::' is not valid");
		dbl = 0;
		i += 2;
	}
	while (i < end) {
		size_t ps = i, pe = i;
		bool dotted = false;
		while (pe < end && v[pe] != ':') {
			dotted = dotted || v[pe] == '.';
			pe++;
		}
		size_t plen = pe - ps;
		int cap = dbl >= 0 ? 7 : 8;
		if (dotted) {
			if (pe != end)
				return addr_fail(c, ps, plen,
				                 "the embedded IPv4 address '%s' must come last",
				                 value_quote(q, sizeof(q), v + ps, plen));
			if (n + 2 > cap)
				return addr_fail(
				    c, ps, plen,
				    "too many groups before the embedded IPv4 address");
			uint8_t b[4];
			int r = parse_v4(c, ps, pe, b);
			if (r < 0)
				return r;
			g[n++] = (uint16_t)(b[0] << 8 | b[1]);
			g[n++] = (uint16_t)(b[2] << 8 | b[3]);
			break;
		}
		for (size_t j = ps; j < pe; j++)
			if (hex_val(v[j]) < 0)
				return addr_fail(c, ps, plen, "group '%s' is not hexadecimal",
				                 value_quote(q, sizeof(q), v + ps, plen));
		if (plen > 4)
			return addr_fail(c, ps, plen, "group '%s' has more than 4 hex digits",
			                 value_quote(q, sizeof(q), v + ps, plen));
		if (n >= cap)
			return addr_fail(c, ps, end - ps, "more than %d groups%s", cap,
			                 dbl >= 0 ? " with '::'" : "");
		unsigned x = 0;
		for (size_t j = ps; j < pe; j++)
			x = x << 4 | (unsigned)hex_val(v[j]);
		g[n++] = (uint16_t)x;
		if (pe == end)
			break;
		/* v[pe] is ':' */
		if (pe + 1 < end && v[pe + 1] == ':') {
			if (pe + 2 < end && v[pe + 2] == ':')
				return addr_fail(c, pe, 3, "':::' is not valid");
			if (dbl >= 0)
				return addr_fail(c, pe, 2, "'::' may appear only once");
			if (n >= 8)
				return addr_fail(c, pe, 2, "'::' after 8 groups");
			dbl = n;
			i = pe + 2;
		} else {
			if (pe + 1 == end)
				return addr_fail(c, pe, 1, "ends with a single ':'");
			i = pe + 1;
		}
	}
	if (dbl < 0 && n != 8)
		return addr_fail(c, start, end - start,
		                 "%d group%s, 8 expected (or '::' for zeros)", n,
		                 n == 1 ? "" : "s");
	memset(out, 0, 16);
	int head = dbl >= 0 ? dbl : n;
	for (int k = 0; k < head; k++) {
		out[2 * k] = (uint8_t)(g[k] >> 8);
		out[2 * k + 1] = (uint8_t)g[k];
	}
	for (int k = head; k < n; k++) {
		int slot = 8 - (n - k);
		out[2 * slot] = (uint8_t)(g[k] >> 8);
		out[2 * slot + 1] = (uint8_t)g[k];
	}
	return 0;
}

static bool span_has(const char *v, size_t start, size_t end, char ch)
{
	return memchr(v + start, ch, end - start) != NULL;
}

/* The address in v[start, end); c->what is adjusted to the family found. */
static int parse_addr(struct addr_ctx *c, size_t start, size_t end, int family, struct ifcc_ip *out,
                      bool prefix)
{
	if (family != IFCC_AF_INET6 && v4_plain(c->v + start, end - start, out->addr)) {
		memset(out->addr + 4, 0, sizeof(out->addr) - 4);
		out->family = IFCC_AF_INET;
		return 0;
	}
	bool v6 = span_has(c->v, start, end, ':');
	bool v4 = !v6 && span_has(c->v, start, end, '.');

	if (v6) {
		c->what = prefix ? "IPv6 prefix" : "IPv6 address";
		if (family == IFCC_AF_INET)
			return addr_fail(c, start, end - start,
			                 "an IPv6 address where IPv4 is expected");
		out->family = IFCC_AF_INET6;
		return parse_v6(c, start, end, out->addr);
	}
	if (v4) {
		c->what = prefix ? "IPv4 prefix" : "IPv4 address";
		if (family == IFCC_AF_INET6)
			return addr_fail(c, start, end - start,
			                 "an IPv4 address where IPv6 is expected");
		memset(out->addr, 0, sizeof(out->addr));
		out->family = IFCC_AF_INET;
		return parse_v4(c, start, end, out->addr);
	}
	return addr_fail(c, start, end - start, "expected %s",
	                 family == IFCC_AF_INET ? "a dotted quad like 10.0.0.1"
	                 : family == IFCC_AF_INET6
	                     ? "an IPv6 address like 2001:db8::1"
	                     : "an IPv4 (10.0.0.1) or IPv6 (2001:db8::1) address");
}

static const char *family_word(int family, bool prefix)
{
	if (family == IFCC_AF_INET)
		return prefix ? "IPv4 prefix" : "IPv4 address";
	if (family == IFCC_AF_INET6)
		return prefix ? "IPv6 prefix" : "IPv6 address";
	return prefix ? "prefix" : "address";
}

int value_parse_ip(const char *v, struct value_token t, int family, struct ifcc_ip *out,
                   struct value_error *err)
{
	struct addr_ctx c = {v, t.off, t.len, family_word(family, false), err};
	struct ifcc_ip ip;

	if (t.len == 0)
		return value_fail(err, t.off, 0, "missing %s", c.what);
	memset(&ip, 0, sizeof(ip));
	int r = parse_addr(&c, t.off, t.off + t.len, family, &ip, false);
	if (r < 0)
		return r;
	*out = ip;
	return 0;
}

/*
 * The usual IPv4 prefix, a plain dotted quad and "/N" (N 0-32, no leading zero), read in
 * one pass: one in every address and address-virtual line of an SVI. False for anything
 * else, which the general path then reads (and explains when it is wrong).
 */
static bool prefix_v4_plain(const char *s, size_t len, struct ifcc_prefix *out)
{
	if (len < 9 || len > 18)
		return false;
	const char *slash = s + len - 2;
	if (*slash != '/')
		slash--;
	if (*slash != '/')
		return false;
	unsigned n = (unsigned)(unsigned char)slash[1] - '0';
	if (n > 9)
		return false;
	if (slash + 3 == s + len) {
		unsigned d = (unsigned)(unsigned char)slash[2] - '0';
		if (d > 9 || n == 0)
			return false;
		n = n * 10 + d;
		if (n > 32)
			return false;
	}
	struct ifcc_prefix p = {.ip.family = IFCC_AF_INET, .len = (uint8_t)n, .has_len = true};
	if (!v4_plain(s, (size_t)(slash - s), p.ip.addr))
		return false;
	*out = p;
	return true;
}

int value_parse_prefix(const char *v, struct value_token t, int family, struct ifcc_prefix *out,
                       struct value_error *err)
{
	if (family != IFCC_AF_INET6 && prefix_v4_plain(v + t.off, t.len, out))
		return 0;
	struct addr_ctx c = {v, t.off, t.len, family_word(family, true), err};
	struct ifcc_prefix p;
	size_t end = t.off + t.len;
	const char *slash = memchr(v + t.off, '/', t.len);
	size_t aend = slash ? (size_t)(slash - v) : end;

	if (t.len == 0)
		return value_fail(err, t.off, 0, "missing %s", c.what);
	if (aend == t.off)
		return addr_fail(&c, t.off, 1, "missing address before '/'");
	memset(&p, 0, sizeof(p));
	int r = parse_addr(&c, t.off, aend, family, &p.ip, true);
	if (r < 0)
		return r;
	unsigned max = p.ip.family == IFCC_AF_INET ? 32 : 128;
	p.len = (uint8_t)max;
	if (slash) {
		char q[VALUE_QUOTE_MAX + 4];
		size_t ls = aend + 1, llen = end - ls;
		uint64_t n;
		if (llen == 0)
			return addr_fail(&c, aend, 1, "missing prefix length after '/'");
		r = value_decimal(v + ls, llen, &n);
		if (r == -EINVAL)
			return addr_fail(&c, ls, llen, "prefix length '%s' is not a number 0-%u",
			                 value_quote(q, sizeof(q), v + ls, llen), max);
		if (r < 0 || n > max)
			return addr_fail(&c, ls, llen, "prefix length %s is above %u",
			                 value_quote(q, sizeof(q), v + ls, llen), max);
		p.len = (uint8_t)n;
		p.has_len = true;
	}
	*out = p;
	return 0;
}
