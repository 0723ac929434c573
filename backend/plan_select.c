/* Restricting a plan to some interfaces (ifcc diff IFACE..., ifcc apply IFACE...). */
#include <errno.h>
#include <string.h>

#include "ifcc/plan.h"

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
	size_t w = 0;
	for (size_t k = 0; k < p->n; k++) {
		const struct ifcc_op *op = &p->v[k];
		bool keep = listed(sel, n, op->ifname) ||
		            ((op->kind == IFCC_OP_FDB_ADD || op->kind == IFCC_OP_FDB_DEL) &&
		             selected_fdb(states, op->obj.fdb, sel, n));
		if (keep)
			p->v[w++] = *op;
	}
	p->n = w;
	return 0;
}

