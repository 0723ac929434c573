/* Restricting a plan to some interfaces (ifcc diff IFACE..., ifcc apply IFACE...). */
#include <errno.h>
#include <string.h>

#include "plan_int.h"

static bool listed(const char *const *names, size_t n, const char *name)
{
	for (size_t k = 0; name && k < n; k++)
		if (!strcmp(names[k], name))
			return true;
	return false;
}

/* Adds to sel the links of s stacked on a selected link (the VRR macvlans of an SVI). */
static bool grow_selection(const struct ifcc_state *s, const char **sel, size_t *n)
{
	bool grew = false;
	for (size_t k = 0; k < s->links.n; k++) {
		const struct ifcc_link *l = &s->links.v[k];
		const char *lower = l->kind == LK_MACVLAN ? l->u.macvlan.lower
		                    : l->kind == LK_VLAN  ? l->u.vlan.lower
		                                          : NULL;
		if (!listed(sel, *n, l->name) && listed(sel, *n, lower)) {
			sel[(*n)++] = l->name;
			grew = true;
		}
	}
	return grew;
}

/* Whether an FDB op carries the MAC of a selected macvlan (VRR entries on the bridge). */
static bool selected_fdb(const struct ifcc_state *const *states, const struct ifcc_fdb *f,
                         const char *const *sel, size_t n)
{
	for (size_t s = 0; s < 2; s++)
		for (size_t k = 0; k < states[s]->links.n; k++) {
			const struct ifcc_link *l = &states[s]->links.v[k];
			if ((l->set & LF_ADDRESS) && !memcmp(l->address.b, f->mac.b, 6) &&
			    listed(sel, n, l->name))
				return true;
		}
	return false;
}

int ifcc_plan_select(struct arena *a, struct ifcc_plan *p, const struct ifcc_state *des,
                     const struct ifcc_state *act, char *const *names, size_t nnames)
{
	size_t cap = nnames + des->links.n + act->links.n;
	const char **sel = arena_alloc(a, (cap + 1) * sizeof(*sel));
	if (!sel)
		return -ENOMEM;
	size_t n = 0;
	for (size_t k = 0; k < nnames; k++)
		sel[n++] = names[k];
	for (bool grew = true; grew;) {
		grew = grow_selection(des, sel, &n);
		grew = grow_selection(act, sel, &n) || grew;
	}
	const struct ifcc_state *states[2] = {des, act};
	size_t w = 0, teardown = 0;
	for (size_t k = 0; k < p->n; k++) {
		const struct ifcc_op *op = &p->v[k];
		bool keep = listed(sel, n, op->ifname) ||
		            ((op->kind == IFCC_OP_FDB_ADD || op->kind == IFCC_OP_FDB_DEL) &&
		             selected_fdb(states, op->obj.fdb, sel, n));
		if (keep) {
			teardown += k < p->teardown;
			p->v[w++] = *op;
		}
	}
	p->n = w;
	p->teardown = teardown;
	return 0;
}


/* Whether link l is named, or stacked (VLAN, macvlan) on a named link, in s. */
static bool taken(const struct ifcc_state *s, const struct ifcc_link *l, char *const *names,
                  size_t n, unsigned depth)
{
	if (listed((const char *const *)names, n, l->name))
		return true;
	const char *lower = l->kind == LK_MACVLAN ? l->u.macvlan.lower
	                    : l->kind == LK_VLAN  ? l->u.vlan.lower
	                                          : NULL;
	const struct ifcc_link *lo = lower ? ifcc_state_find_link(s, lower) : NULL;
	return lo && depth < 16 && taken(s, lo, names, n, depth + 1);
}

#define KEEP_IF(dst, src, adder, keep)                                                             \
	for (size_t k_ = 0; k_ < (src).n; k_++) {                                                  \
		const __typeof__(*(src).v) *x = &(src).v[k_];                                      \
		if (!(keep))                                                                       \
			continue;                                                                  \
		__typeof__((dst).v) y_ = adder(out);                                               \
		if (!y_)                                                                           \
			return NULL;                                                               \
		*y_ = *x;                                                                          \
	}

struct ifcc_state *ifcc_state_without(struct arena *a, const struct ifcc_state *s,
                                      char *const *names, size_t n)
{
	struct ifcc_state *out = ifcc_state_new(a);
	if (!out)
		return NULL;
	const char **gone = arena_alloc(a, (s->links.n + 1) * sizeof(*gone));
	size_t ngone = 0;
	if (!gone)
		return NULL;
	for (size_t k = 0; k < s->links.n; k++) {
		const struct ifcc_link *l = &s->links.v[k];
		bool t = taken(s, l, names, n, 0);
		if (t)
			gone[ngone++] = l->name;
		if (t && l->kind != LK_PHYSICAL)
			continue; /* deleted */
		struct ifcc_link *c = ifcc_state_add_link(out);
		if (!c)
			return NULL;
		*c = *l;
		if (t && strcmp(l->name, "lo")) { /* a port: down and released */
			c->up = false;
			c->master = NULL;
			c->set |= LF_ADMIN | LF_MASTER;
		}
	}
	KEEP_IF(out->addresses, s->addresses, ifcc_state_add_address,
	        !listed(gone, ngone, x->ifname));
	KEEP_IF(out->bridge_vlans, s->bridge_vlans, ifcc_state_add_bridge_vlan,
	        !listed(gone, ngone, x->ifname));
	KEEP_IF(out->fdb, s->fdb, ifcc_state_add_fdb, !listed(gone, ngone, x->ifname));
	KEEP_IF(out->routes, s->routes, ifcc_state_add_route, !listed(gone, ngone, x->dev));
	KEEP_IF(out->sysctls, s->sysctls, ifcc_state_add_sysctl,
	        !listed(gone, ngone, plan_sysctl_ifname(a, x->name)));
	KEEP_IF(out->rules, s->rules, ifcc_state_add_fib_rule, !listed(gone, ngone, x->ifname));
	ifcc_state_sort(out);
	return out;
}
