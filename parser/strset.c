#include "ifcc/strset.h"

#include <stdint.h>
#include <string.h>

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static size_t find(const struct strset *set, const char *s)
{
	size_t mask = set->cap - 1, i = hash(s) & mask;
	while (set->slot[i] && strcmp(set->slot[i], s))
		i = (i + 1) & mask;
	return i;
}

/* Rehashes into `cap` slots (a power of two above the load limit). */
static int grow(struct arena *a, struct strset *set, size_t cap)
{
	struct strset grown = {.cap = cap, .n = set->n};
	grown.slot = arena_alloc(a, cap * sizeof(*grown.slot));
	grown.val = arena_alloc_raw(a, cap * sizeof(*grown.val));
	if (!grown.slot || !grown.val)
		return -1;
	for (size_t i = 0; i < set->cap; i++) {
		if (!set->slot[i])
			continue;
		size_t j = find(&grown, set->slot[i]);
		grown.slot[j] = set->slot[i];
		grown.val[j] = set->val[i];
	}
	*set = grown;
	return 0;
}

int strset_reserve(struct arena *a, struct strset *set, size_t n)
{
	size_t cap = set->cap ? set->cap : 16;
	while ((n + 1) * 4 >= cap * 3)
		cap *= 2;
	return cap == set->cap ? 0 : grow(a, set, cap);
}

/* Slot index of `s`, added (with value v) when absent; SIZE_MAX when out of memory. */
static size_t insert(struct arena *a, struct strset *set, const char *s, void *v)
{
	if ((set->n + 1) * 4 >= set->cap * 3 && grow(a, set, set->cap ? set->cap * 2 : 16) < 0)
		return SIZE_MAX;
	size_t i = find(set, s);
	if (!set->slot[i]) {
		set->slot[i] = s;
		set->val[i] = v;
		set->n++;
	}
	return i;
}

void *strset_put(struct arena *a, struct strset *set, const char *s, void *v)
{
	size_t i = insert(a, set, s, v);
	return i == SIZE_MAX ? NULL : set->val[i];
}

void **strset_slot(struct arena *a, struct strset *set, const char *s)
{
	size_t i = insert(a, set, s, NULL);
	return i == SIZE_MAX ? NULL : &set->val[i];
}

void **strset_find(const struct strset *set, const char *s)
{
	if (!set->cap)
		return NULL;
	size_t i = find(set, s);
	return set->slot[i] ? &set->val[i] : NULL;
}

void *strset_get(const struct strset *set, const char *s)
{
	if (!set->cap)
		return NULL;
	size_t i = find(set, s);
	return set->slot[i] ? set->val[i] : NULL;
}

bool strset_has(const struct strset *set, const char *s)
{
	return set->cap && set->slot[find(set, s)] != NULL;
}
