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

void *strset_put(struct arena *a, struct strset *set, const char *s, void *v)
{
	if ((set->n + 1) * 4 >= set->cap * 3) {
		size_t cap = set->cap ? set->cap * 2 : 16;
		struct strset grown = {.cap = cap, .n = set->n};
		grown.slot = arena_alloc(a, cap * sizeof(*grown.slot));
		grown.val = arena_alloc(a, cap * sizeof(*grown.val));
		if (!grown.slot || !grown.val)
			return NULL;
		for (size_t i = 0; i < set->cap; i++) {
			if (!set->slot[i])
				continue;
			size_t j = find(&grown, set->slot[i]);
			grown.slot[j] = set->slot[i];
			grown.val[j] = set->val[i];
		}
		*set = grown;
	}
	size_t i = find(set, s);
	if (!set->slot[i]) {
		set->slot[i] = s;
		set->val[i] = v;
		set->n++;
	}
	return set->val[i];
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
