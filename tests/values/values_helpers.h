/* Shared by the value parser tests. Include after <cmocka.h>. */
#ifndef VALUES_HELPERS_H
#define VALUES_HELPERS_H

#include <stdio.h>
#include <string.h>

#include "ifcc/value.h"

/* The whole string as one token. */
static inline struct value_token whole(const char *v)
{
	struct value_token t = {v, 0, (uint32_t)strlen(v)};
	return t;
}

/* An error at [off, off+len) whose message contains `part`; the failing line is kept. */
#define assert_value_error(r, err, off_, len_, part)                                               \
	do {                                                                                       \
		if ((r) != -EINVAL || (err).off != (off_) || (err).len != (len_) ||                \
		    !strstr((err).msg, (part)))                                                    \
			print_error("got r=%d off=%u len=%u msg=\"%s\"\n", (int)(r),               \
			            (unsigned)(err).off, (unsigned)(err).len, (err).msg);          \
		assert_int_equal((r), -EINVAL);                                                    \
		assert_int_equal((err).off, (off_));                                               \
		assert_int_equal((err).len, (len_));                                               \
		assert_non_null(strstr((err).msg, (part)));                                        \
	} while (0)

#endif
