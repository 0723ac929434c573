/* Helpers shared by the value parsers; private to parser/value. */
#ifndef IFCC_VALUE_INTERNAL_H
#define IFCC_VALUE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * Next token of v from *pos: separators are blanks, plus commas when `commas`.
 * Returns false at the end of v.
 */
bool value_next(const char *v, size_t *pos, bool commas, struct value_token *t);

/*
 * Decimal digits s[0..len) (no sign, at least one digit). Returns 0, -EINVAL for a
 * non-digit or an empty string, -ERANGE when the number does not fit in 64 bits.
 */
int value_decimal(const char *s, size_t len, uint64_t *out);

/* Whether the token equals the NUL-terminated word exactly. */
bool value_token_is(const char *v, struct value_token t, const char *word);

#endif
