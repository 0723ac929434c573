/* Interface index -> name in the dumped namespace: what every other object refers to. */
#include <errno.h>
#include <string.h>

#include "nl_int.h"

const char *nld_ifname(const struct nld_ctx *c, int ifindex)
{
	size_t lo = 0, hi = c->nnames;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->names[mid].ifindex == ifindex)
			return c->names[mid].name;
		if (c->names[mid].ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int nld_name_add(struct nld_ctx *c, int ifindex, const char *name)
{
	/* The kernel dumps links in ifindex order, so this appends; the insertion keeps other
	 * orders (hand-built tests) right. */
	size_t n = c->nnames;
	if (n == c->names_cap) {
		size_t cap = n ? 2 * n : 16;
		struct nld_ifname *v = arena_alloc(c->a, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		if (n)
			memcpy(v, c->names, n * sizeof(*v));
		c->names = v;
		c->names_cap = cap;
	}
	size_t k = n;
	while (k > 0 && c->names[k - 1].ifindex > ifindex) {
		c->names[k] = c->names[k - 1];
		k--;
	}
	c->names[k] = (struct nld_ifname){.ifindex = ifindex, .name = name};
	c->nnames = n + 1;
	return 0;
}
