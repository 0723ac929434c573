#include "value_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int value_fail(struct value_error *err, size_t off, size_t len, const char *fmt, ...)
{
	va_list ap;

	err->off = (uint32_t)off;
	err->len = (uint32_t)len;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int value_nomem(struct value_error *err)
{
	err->off = 0;
	err->len = 0;
	snprintf(err->msg, sizeof(err->msg), "out of memory");
	return -ENOMEM;
}

const char *value_quote(char *buf, size_t n, const char *s, size_t len)
{
	/* On every parse's path, errors or not: plain copies, no formatting. */
	if (n == 0)
		return buf;
	if (len > VALUE_QUOTE_MAX) {
		size_t k = VALUE_QUOTE_MAX - 3 < n - 1 ? VALUE_QUOTE_MAX - 3 : n - 1;
		memcpy(buf, s, k);
		size_t d = n - 1 - k < 3 ? n - 1 - k : 3;
		memcpy(buf + k, "...", d);
		buf[k + d] = '\0';
	} else {
		size_t k = len < n - 1 ? len : n - 1;
		memcpy(buf, s, k);
		buf[k] = '\0';
	}
	return buf;
}

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

bool value_next(const char *v, size_t *pos, bool commas, struct value_token *t)
{
	size_t i = *pos;

	while (v[i] == ' ' || v[i] == '\t' || (commas && v[i] == ','))
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

size_t value_tokens(const char *v, struct value_token *out, size_t max)
{
	struct value_token t;
	size_t pos = 0, n = 0;

	while (value_next(v, &pos, false, &t)) {
		if (n < max)
			out[n] = t;
		n++;
	}
	return n;
}

int value_decimal(const char *s, size_t len, uint64_t *out)
{
	uint64_t x = 0;
	bool over = false;

	if (len == 0)
		return -EINVAL;
	for (size_t i = 0; i < len; i++) {
		unsigned d = (unsigned)(unsigned char)s[i] - '0';
		if (d > 9)
			return -EINVAL; /* a non-digit anywhere, even after an overflow */
		/* 19 digits always fit in 64 bits: check only from the 20th on. */
		if (i >= 19 && x > (UINT64_MAX - d) / 10)
			over = true;
		x = x * 10 + d;
	}
	if (over)
		return -ERANGE;
	*out = x;
	return 0;
}

bool value_token_is(const char *v, struct value_token t, const char *word)
{
	return strlen(word) == t.len && memcmp(v + t.off, word, t.len) == 0;
}
