/* Numbers, words, booleans and vrf-table. */
#include "value_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int value_parse_uint(const char *v, struct value_token t, uint64_t min, uint64_t max, uint64_t *out,
                     struct value_error *err)
{
	char q[VALUE_QUOTE_MAX + 4];
	uint64_t x;

	if (t.len == 0)
		return value_fail(err, t.off, 0, "missing number: expected %llu-%llu",
		                  (unsigned long long)min, (unsigned long long)max);
	value_quote(q, sizeof(q), v + t.off, t.len);
	int r = value_decimal(v + t.off, t.len, &x);
	if (r == -EINVAL)
		return value_fail(err, t.off, t.len,
		                  "invalid number '%s': expected a decimal number %llu-%llu", q,
		                  (unsigned long long)min, (unsigned long long)max);
	if (r < 0 || x < min || x > max)
		return value_fail(err, t.off, t.len, "value %s is out of range %llu-%llu", q,
		                  (unsigned long long)min, (unsigned long long)max);
	*out = x;
	return 0;
}

/* "a, b or c" into buf. */
static void list_words(char *buf, size_t n, const char *const *words, size_t nw)
{
	size_t w = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < nw && w < n; i++) {
		const char *sep = i == 0 ? "" : i + 1 == nw ? " or " : ", ";
		int r = snprintf(buf + w, n - w, "%s%s", sep, words[i]);
		if (r < 0)
			return;
		w += (size_t)r;
	}
}

static int word_fail(const char *v, struct value_token t, struct value_error *err,
                     const char *const *words, size_t nw)
{
	char list[160], q[VALUE_QUOTE_MAX + 4];

	list_words(list, sizeof(list), words, nw);
	if (t.len == 0)
		return value_fail(err, t.off, 0, "missing value: expected %s", list);
	return value_fail(err, t.off, t.len, "invalid value '%s': expected %s",
	                  value_quote(q, sizeof(q), v + t.off, t.len), list);
}

int value_parse_enum(const char *v, struct value_token t, const char *const *allowed, size_t n,
                     size_t *index, struct value_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (value_token_is(v, t, allowed[i])) {
			*index = i;
			return 0;
		}
	return word_fail(v, t, err, allowed, n);
}

int value_parse_bool(const char *v, struct value_token t, unsigned allowed_mask, bool *out,
                     struct value_error *err)
{
	static const char *const words[6] = {"yes", "no", "on", "off", "1", "0"};
	const char *ok[6];
	size_t nok = 0;

	for (unsigned pair = 0; pair < 3; pair++) {
		if (!(allowed_mask & (1u << pair)))
			continue;
		for (unsigned k = 0; k < 2; k++) {
			const char *w = words[2 * pair + k];
			if (value_token_is(v, t, w)) {
				*out = k == 0;
				return 0;
			}
			ok[nok++] = w;
		}
	}
	return word_fail(v, t, err, ok, nok);
}

/* The kernel's own tables (rtnetlink.h RT_TABLE_*), which a VRF must not take. */
static const char *reserved_table(uint64_t id)
{
	switch (id) {
	case 0:
		return "the kernel reads 0 as 'no table given'";
	case 253:
		return "it is the kernel's 'default' table";
	case 254:
		return "it is the kernel's 'main' table";
	case 255:
		return "it is the kernel's 'local' table";
	default:
		return NULL;
	}
}

int value_parse_vrf_table(const char *v, uint32_t *table, struct value_error *err)
{
	struct value_token t;
	size_t pos = 0;
	uint64_t x;

	if (!value_next(v, &pos, false, &t))
		return value_fail(err, 0, 0,
		                  "missing table: expected auto or a number 1-4294967295");
	if (value_token_is(v, t, "auto")) {
		x = 0;
	} else {
		char q[VALUE_QUOTE_MAX + 4];
		value_quote(q, sizeof(q), v + t.off, t.len);
		int r = value_decimal(v + t.off, t.len, &x);
		if (r == -EINVAL)
			return value_fail(err, t.off, t.len,
			                  "invalid table '%s': expected auto or a number "
			                  "1-4294967295",
			                  q);
		if (r < 0 || x > UINT32_MAX)
			return value_fail(err, t.off, t.len,
			                  "value %s is out of range 1-4294967295", q);
		const char *why = reserved_table(x);
		if (why)
			return value_fail(err, t.off, t.len,
			                  "table %s is reserved: %s; use auto or another id", q,
			                  why);
	}
	struct value_token extra;
	if (value_next(v, &pos, false, &extra)) {
		char q[VALUE_QUOTE_MAX + 4];
		return value_fail(err, extra.off, extra.len, "unexpected '%s' after the table",
		                  value_quote(q, sizeof(q), v + extra.off, extra.len));
	}
	*table = (uint32_t)x;
	return 0;
}
