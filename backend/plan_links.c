/*
 * Links in the plan: which are created, changed in place, deleted, recreated or left
 * alone, and in which order (lowers and masters before the links on them when building,
 * the reverse when tearing down).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "link_ops.h"
#include "plan_int.h"

/* Generic link fields: what a link-set can change on any kind. */
#define LF_GENERIC (LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER | LF_BRPORT)

/* `vrf-table auto`: ifupdown2 allocates from 1001 upward. */
#define VRF_TABLE_FIRST 1001u

static bool owned_link(const struct planner *pl, const char *name)
{
	return pl->owned && plan_link_index(pl, pl->owned, name) >= 0;
}

static bool vrf_auto(const struct ifcc_link *l)
{
	return l->kind == LK_VRF && (l->set & VRF_TABLE) && l->u.vrf.table == 0;
}

/* The decision for desired link di, whose actual link (if any) is a. */
static void decide_desired(struct planner *pl, size_t di, const struct ifcc_link *a)
{
	const struct ifcc_link *d = &pl->des->links.v[di];
	pl->dlink[di] = *d;
	if (vrf_auto(d) && a && a->kind == LK_VRF)
		pl->dlink[di].u.vrf.table = a->u.vrf.table; /* auto: whatever it has */
	if (!a) {
		if (d->kind != LK_PHYSICAL) {
			pl->dstate[di] = D_NEW;
		} else if (pl->kernel) {
			diag_add(pl->d, IFCC_WARNING, "plan-missing-link", d->source,
			         "%s: no such link; physical links are configured, never created",
			         d->name);
			pl->dstate[di] = D_SKIP;
		} else {
			pl->dstate[di] = D_SET; /* assumed to exist, state unknown */
		}
		return;
	}
	size_t ai = (size_t)(a - pl->act->links.v);
	pl->match[di] = a;
	pl->astate[ai] = A_KEEP;
	if (d->kind == LK_PHYSICAL) {
		pl->dstate[di] = D_SET; /* whatever made it, it is configured in place */
		return;
	}
	if (a->kind == LK_PHYSICAL) {
		diag_add(pl->d, IFCC_ERROR, "plan-kind-conflict", d->source,
		         "%s exists and is not a %s link: left alone", d->name,
		         ifcc_link_kind_name(d->kind));
		pl->dstate[di] = D_SKIP;
		return;
	}
	uint32_t diff = ifcc_link_compare(&pl->dlink[di], a);
	if (diff == LF_KIND || (diff & d->set & link_ops_get(d->kind)->fixed)) {
		pl->astate[ai] = A_RECREATE;
		pl->dstate[di] = D_NEW;
		pl->match[di] = NULL;
		return;
	}
	pl->dstate[di] = D_SET;
}

/* Links stacked on a gone link (VLANs, macvlans) and veth peers of gone links go too. */
static void cascade(struct planner *pl)
{
	const struct ifcc_state *act = pl->act;
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t ai = 0; ai < act->links.n; ai++) {
			const struct ifcc_link *l = &act->links.v[ai];
			if (plan_gone(pl, ai))
				continue;
			const char *dep = plan_link_lower(l);
			if (!dep && l->kind == LK_VETH && (l->set & VEF_PEER))
				dep = l->u.veth.peer;
			long li = dep ? plan_link_index(pl, act, dep) : -1;
			if (li < 0 || !plan_gone(pl, (size_t)li))
				continue;
			pl->astate[ai] = A_CASCADE;
			long di = plan_link_index(pl, pl->des, l->name);
			if (di >= 0 && pl->dstate[di] == D_SET) {
				pl->dstate[di] = D_NEW;
				pl->match[di] = NULL;
			}
			changed = true;
		}
	}
}

/* Source order: file, line, column; links without a source last, by name. */
static int by_source(const void *pa, const void *pb)
{
	const struct ifcc_link *a = *(const struct ifcc_link *const *)pa;
	const struct ifcc_link *b = *(const struct ifcc_link *const *)pb;
	const struct ifcc_loc *x = &a->source, *y = &b->source;
	if (!x->file || !y->file)
		return x->file ? -1 : y->file ? 1 : strcmp(a->name, b->name);
	if (x->file != y->file)
		return x->file->index < y->file->index ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x->col > y->col) - (x->col < y->col);
}

/* New VRFs with `vrf-table auto` get the lowest free table from 1001 on, in the order the
 * file names them (as ifupdown2 allocates them). */
static int choose_vrf_tables(struct planner *pl)
{
	size_t n = 0;
	struct ifcc_link **vrfs = arena_alloc(pl->a, (pl->des->links.n + 1) * sizeof(*vrfs));
	if (!vrfs)
		return -ENOMEM;
	for (size_t di = 0; di < pl->des->links.n; di++)
		if (vrf_auto(&pl->dlink[di]) && pl->dstate[di] == D_NEW)
			vrfs[n++] = &pl->dlink[di];
	qsort(vrfs, n, sizeof(*vrfs), by_source);
	uint32_t next = VRF_TABLE_FIRST;
	for (size_t v = 0; v < n; v++) {
		struct ifcc_link *d = vrfs[v];
		for (bool used = true; used; next++) {
			used = false;
			for (size_t k = 0; k < pl->act->links.n && !used; k++) {
				const struct ifcc_link *a = &pl->act->links.v[k];
				used = a->kind == LK_VRF && !plan_gone(pl, k) && a->u.vrf.table == next;
			}
			for (size_t k = 0; k < pl->des->links.n && !used; k++)
				used = pl->dlink[k].kind == LK_VRF && pl->dlink[k].u.vrf.table == next;
		}
		d->u.vrf.table = next - 1;
	}
	return 0;
}

int plan_links_decide(struct planner *pl)
{
	const struct ifcc_state *des = pl->des, *act = pl->act;
	for (size_t ai = 0; ai < act->links.n; ai++) {
		const struct ifcc_link *a = &act->links.v[ai];
		if (plan_link_index(pl, des, a->name) >= 0)
			continue; /* decided with its desired link */
		if (a->kind == LK_PHYSICAL)
			pl->astate[ai] = owned_link(pl, a->name) && strcmp(a->name, "lo") ? A_RELEASE
			                                                                  : A_FOREIGN;
		else
			pl->astate[ai] = owned_link(pl, a->name) ? A_DEL : A_FOREIGN;
	}
	for (size_t di = 0; di < des->links.n; di++) {
		long ai = plan_link_index(pl, act, des->links.v[di].name);
		decide_desired(pl, di, ai >= 0 ? &act->links.v[ai] : NULL);
	}
	cascade(pl);
	/* What is stacked on a link that cannot be made cannot be made either. */
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t di = 0; di < des->links.n; di++) {
			long li = plan_link_index(pl, des, plan_link_lower(&des->links.v[di]));
			if (pl->dstate[di] != D_SKIP && li >= 0 && pl->dstate[li] == D_SKIP) {
				pl->dstate[di] = D_SKIP;
				changed = true;
			}
		}
	}
	/* A new veth pair is made by one link-add, from the end whose name sorts first. */
	for (size_t di = 0; di < des->links.n; di++) {
		const struct ifcc_link *d = &des->links.v[di];
		if (pl->dstate[di] != D_NEW || d->kind != LK_VETH || !(d->set & VEF_PEER))
			continue;
		long pi = plan_link_index(pl, des, d->u.veth.peer);
		if (pi >= 0 && (size_t)pi < di && pl->dstate[pi] == D_NEW)
			pl->dstate[di] = D_PEER;
	}
	if (choose_vrf_tables(pl) < 0)
		return -ENOMEM;
	for (size_t ai = 0; ai < act->links.n; ai++) {
		const struct ifcc_link *a = &act->links.v[ai];
		long mi = a->master ? plan_link_index(pl, act, a->master) : -1;
		pl->amaster[ai] = pl->astate[ai] == A_RELEASE || (mi >= 0 && plan_gone(pl, (size_t)mi))
		                      ? NULL
		                      : a->master;
	}
	return 0;
}

/*
 * Depth-first order of the links of s, each after the links it needs (its lower and its
 * master, when s has them). mark: 0 new, 1 on the path, 2 done. A cycle (which no valid
 * configuration makes) is broken where it is found.
 */
static void topo_visit(const struct planner *pl, const struct ifcc_state *s, size_t k, uint8_t *mark, size_t *order,
                       size_t *n)
{
	if (mark[k])
		return;
	mark[k] = 1;
	const struct ifcc_link *l = &s->links.v[k];
	const char *deps[2] = {plan_link_lower(l), l->master};
	for (size_t j = 0; j < 2; j++) {
		long d = deps[j] ? plan_link_index(pl, s, deps[j]) : -1;
		if (d >= 0)
			topo_visit(pl, s, (size_t)d, mark, order, n);
	}
	mark[k] = 2;
	order[(*n)++] = k;
}

static size_t *topo_order(const struct planner *pl, const struct ifcc_state *s)
{
	struct arena *a = pl->a;
	size_t *order = arena_alloc(a, (s->links.n + 1) * sizeof(*order));
	uint8_t *mark = arena_alloc(a, s->links.n + 1);
	if (!order || !mark)
		return NULL;
	memset(mark, 0, s->links.n + 1);
	size_t n = 0;
	for (size_t k = 0; k < s->links.n; k++)
		topo_visit(pl, s, k, mark, order, &n);
	return order;
}

int plan_links_teardown(struct planner *pl)
{
	const struct ifcc_state *act = pl->act;
	for (size_t ai = 0; ai < act->links.n; ai++) {
		const struct ifcc_link *a = &act->links.v[ai];
		if (pl->astate[ai] != A_RELEASE)
			continue;
		uint32_t f = ((a->set & LF_ADMIN) && !a->up ? 0 : LF_ADMIN) |
		             (a->master ? LF_MASTER : 0);
		if (!f)
			continue;
		struct ifcc_link *down = arena_alloc(pl->a, sizeof(*down));
		if (!down)
			return -ENOMEM;
		*down = *a;
		down->up = false;
		down->master = NULL;
		down->set |= f;
		if (plan_push(pl, IFCC_OP_LINK_SET, a->name, down, a, f, a->source) < 0)
			return -ENOMEM;
	}
	size_t *order = topo_order(pl, act);
	uint8_t *done = arena_alloc(pl->a, act->links.n + 1);
	if (!order || !done)
		return -ENOMEM;
	memset(done, 0, act->links.n + 1);
	for (size_t k = act->links.n; k-- > 0;) {
		size_t ai = order[k];
		const struct ifcc_link *a = &act->links.v[ai];
		if (!plan_gone(pl, ai) || done[ai])
			continue;
		if (a->kind == LK_VETH && (a->set & VEF_PEER)) {
			long pi = plan_link_index(pl, act, a->u.veth.peer);
			if (pi >= 0)
				done[pi] = 1; /* the kernel deletes both ends */
		}
		if (plan_push(pl, IFCC_OP_LINK_DEL, a->name, a, NULL, 0, a->source) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* The actual link as teardown leaves it: released from a master that went. */
static const struct ifcc_link *after_teardown(struct planner *pl, const struct ifcc_link *a)
{
	size_t ai = (size_t)(a - pl->act->links.v);
	if (pl->amaster[ai] == a->master)
		return a;
	struct ifcc_link *c = arena_alloc(pl->a, sizeof(*c));
	if (!c)
		return NULL;
	*c = *a;
	c->master = NULL;
	return c;
}

static int build_one(struct planner *pl, size_t di)
{
	struct ifcc_link *d = &pl->dlink[di];
	long mi = d->master ? plan_link_index(pl, pl->des, d->master) : -1;
	if (mi >= 0 && pl->dstate[mi] == D_SKIP)
		d->set &= ~LF_MASTER; /* its master cannot be made: not enslaved */
	const struct ifcc_link_ops *ops = link_ops_get(d->kind);
	switch ((enum plan_dstate)pl->dstate[di]) {
	case D_SKIP:
		return 0;
	case D_NEW:
		return plan_push(pl, IFCC_OP_LINK_ADD, d->name, d, NULL, d->set, d->source);
	case D_PEER: {
		/* Its peer's link-add made it, down, with no master and the kernel's defaults. */
		uint32_t f = d->set & (LF_GENERIC & ~(LF_ADMIN | LF_MASTER));
		f |= (d->set & LF_ADMIN) && d->up ? LF_ADMIN : 0;
		f |= (d->set & LF_MASTER) && d->master ? LF_MASTER : 0;
		return f ? plan_push(pl, IFCC_OP_LINK_SET, d->name, d, NULL, f, d->source) : 0;
	}
	case D_SET:
		break;
	}
	const struct ifcc_link *a = pl->match[di];
	uint32_t f;
	if (a) {
		if (!(a = after_teardown(pl, a)))
			return -ENOMEM;
		struct ifcc_link as_port = *a;
		if (d->kind != a->kind) { /* physical in the file, any kind in the kernel: the
		                           * generic fields are compared, the kind is its own */
			as_port.kind = d->kind;
			as_port.set &= LF_GENERIC;
		}
		if ((d->set & LF_MASTER) && !(as_port.master && d->master &&
		                              !strcmp(as_port.master, d->master)))
			as_port.brport = (struct ifcc_brport){
			    .set = BP_LEARNING | BP_NEIGH_SUPPRESS | BP_VLAN_TUNNEL | BP_MCAST_ROUTER,
			    .learning = true, .mcast_router = 1}; /* a new port has the kernel's defaults */
		f = ifcc_link_compare(d, &as_port) & d->set & ~LF_KIND;
		if (d->kind != a->kind)
			f &= LF_GENERIC;
	} else {
		/* Assumed to exist as the kernel made it: not enslaved, default settings. */
		f = d->set & (LF_GENERIC | (ops->compare ? ~LF_GENERIC : 0));
		if (!d->master)
			f &= ~LF_MASTER;
	}
	return f ? plan_push(pl, IFCC_OP_LINK_SET, d->name, d, a, f, d->source) : 0;
}

int plan_links_build(struct planner *pl)
{
	size_t *order = topo_order(pl, pl->des);
	if (!order)
		return -ENOMEM;
	for (size_t k = 0; k < pl->des->links.n; k++)
		if (build_one(pl, order[k]) < 0)
			return -ENOMEM;
	return 0;
}

const char *plan_final_master(const struct planner *pl, const char *name, bool *known)
{
	long di = plan_link_index(pl, pl->des, name);
	if (di >= 0 && pl->dstate[di] != D_SKIP && (pl->dlink[di].set & LF_MASTER)) {
		*known = true;
		return pl->dlink[di].master;
	}
	long ai = plan_link_index(pl, pl->act, name);
	*known = ai >= 0;
	return ai >= 0 ? pl->amaster[ai] : NULL;
}
