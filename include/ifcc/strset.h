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
/* The value slot of `s` (kept by pointer), added with value NULL when absent; NULL when
 * out of memory. */
void **strset_slot(struct arena *a, struct strset *set, const char *s);
/* The value slot of `s`, or NULL when absent. */
void **strset_find(const struct strset *set, const char *s);
/* Makes room for n strings in all without growing again; 0, or -1 when out of memory. */
int strset_reserve(struct arena *a, struct strset *set, size_t n);
bool strset_has(const struct strset *set, const char *s);

#endif
