/* Helpers shared by the value parsers; private to parser/value. */
#ifndef IFCC_VALUE_INTERNAL_H
#define IFCC_VALUE_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ifcc/value.h"

/* Longest piece of user text quoted back in a message; longer text ends with "...". */
#define VALUE_QUOTE_MAX 48

/* Sets *err (offset, length, printf message) and returns -EINVAL. */
int value_fail(struct value_error *err, size_t off, size_t len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Sets *err to an out-of-memory error and returns -ENOMEM. */
int value_nomem(struct value_error *err);

/* Copies s[0..len) into buf (size n) for quoting, cut to VALUE_QUOTE_MAX with "...". */
const char *value_quote(char *buf, size_t n, const char *s, size_t len);

/*
 * Whether c ends a token: NUL, a blank, or a comma when `commas`. Every one of them is at
 * most ',' in ASCII, so the bytes of most tokens (digits, letters, '.', ':', '/', '-') are
 * passed over with one comparison.
 */
static inline bool ends_token(char c, bool commas)
{
	return (unsigned char)c <= ',' &&
	       (c == '\0' || c == ' ' || c == '\t' || (commas && c == ','));
}

/*
 * Next token of v from *pos: separators are blanks, plus commas when `commas`.
 * Returns false at the end of v. Inline: on the path of every value.
 */
static inline bool value_next(const char *v, size_t *pos, bool commas, struct value_token *t)
{
	size_t i = *pos;

	while ((unsigned char)v[i] <= ',' &&
	       (v[i] == ' ' || v[i] == '\t' || (commas && v[i] == ',')))
		i++;
	if (!v[i]) {
		*pos = i;
		return false;
	}
	size_t start = i;
	while (!ends_token(v[i], commas))
		i++;
	t->s = v + start;
	t->off = (uint32_t)start;
	t->len = (uint32_t)(i - start);
	*pos = i;
	return true;
}

/*
 * Decimal digits s[0..len) (no sign, at least one digit). Returns 0, -EINVAL for a
 * non-digit or an empty string, -ERANGE when the number does not fit in 64 bits.
 * Inline: on the path of every number the parsers read.
 */
static inline int value_decimal(const char *s, size_t len, uint64_t *out)
{
	uint64_t x = 0;
	bool over = false;

	if (len == 0)
		return -EINVAL;
	/* 19 digits always fit in 64 bits: check for an overflow only from the 20th on. */
	size_t i = 0, fit = len < 19 ? len : 19;
	for (; i < fit; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d > 9)
			return -EINVAL;
		x = x * 10 + d;
	}
	for (; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d > 9)
			return -EINVAL; /* a non-digit anywhere, even after an overflow */
		if (x > (UINT64_MAX - d) / 10)
			over = true;
		x = x * 10 + d;
	}
	if (over)
		return -ERANGE;
	*out = x;
	return 0;
}

/* Whether the token equals the NUL-terminated word exactly. */
static inline bool value_token_is(const char *v, struct value_token t, const char *word)
{
	return strlen(word) == t.len && memcmp(v + t.off, word, t.len) == 0;
}

#endif
