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
