/* Set of strings in an arena (open addressing); strings are not copied. */
#ifndef IFCC_STRSET_H
#define IFCC_STRSET_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/arena.h"

struct strset {
	const char **slot;
	void **val;
	size_t n, cap;
};

/* Adds `s` (kept by pointer) with value `v` unless present; returns the stored value, or
 * NULL when out of memory. */
void *strset_put(struct arena *a, struct strset *set, const char *s, void *v);
void *strset_get(const struct strset *set, const char *s);
bool strset_has(const struct strset *set, const char *s);

#endif
