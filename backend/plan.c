/* The planner's driver: links decided, then teardown ops, then build ops (plan.h). */
#include <errno.h>
#include <string.h>

#include "plan_int.h"

static const char *const op_names[IFCC_OP__COUNT] = {
    [IFCC_OP_LINK_ADD] = "link-add",   [IFCC_OP_LINK_SET] = "link-set",
    [IFCC_OP_LINK_DEL] = "link-del",   [IFCC_OP_ADDR_ADD] = "addr-add",
    [IFCC_OP_ADDR_DEL] = "addr-del",   [IFCC_OP_VLAN_ADD] = "vlan-add",
    [IFCC_OP_VLAN_DEL] = "vlan-del",   [IFCC_OP_FDB_ADD] = "fdb-add",
    [IFCC_OP_FDB_DEL] = "fdb-del",     [IFCC_OP_ROUTE_ADD] = "route-add",
    [IFCC_OP_ROUTE_DEL] = "route-del", [IFCC_OP_SYSCTL_SET] = "sysctl-set",
    [IFCC_OP_RULE_SET] = "rule-set",
};

const char *ifcc_op_name(enum ifcc_op_kind k)
{
	return k < IFCC_OP__COUNT ? op_names[k] : "?";
}

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static int map_build(struct arena *a, struct name_map *m, const struct ifcc_state *s)
{
	size_t cap = 16;
	while (cap < 2 * s->links.n)
		cap *= 2;
	m->s = s;
	m->mask = cap - 1;
	m->slot = arena_alloc(a, cap * sizeof(*m->slot));
	if (!m->slot)
		return -ENOMEM;
	memset(m->slot, 0, cap * sizeof(*m->slot));
	for (size_t k = 0; k < s->links.n; k++) {
		size_t h = name_hash(s->links.v[k].name) & m->mask;
		while (m->slot[h])
			h = (h + 1) & m->mask;
		m->slot[h] = (uint32_t)k + 1;
	}
	return 0;
}

static long map_find(const struct name_map *m, const char *name)
{
	for (size_t h = name_hash(name) & m->mask; m->slot[h]; h = (h + 1) & m->mask)
		if (!strcmp(m->s->links.v[m->slot[h] - 1].name, name))
			return (long)m->slot[h] - 1;
	return -1;
}

long plan_link_index(const struct planner *pl, const struct ifcc_state *s, const char *name)
{
	if (!name)
		return -1;
	if (s == pl->des && pl->dmap.slot)
		return map_find(&pl->dmap, name);
	if (s == pl->act && pl->amap.slot)
		return map_find(&pl->amap, name);
	const struct ifcc_link *l = ifcc_state_find_link(s, name);
	return l ? (long)(l - s->links.v) : -1;
}

const char *plan_link_lower(const struct ifcc_link *l)
{
	if (l->kind == LK_VLAN && (l->set & VLF_LOWER))
		return l->u.vlan.lower;
	if (l->kind == LK_MACVLAN && (l->set & MVF_LOWER))
		return l->u.macvlan.lower;
	return NULL;
}

const char *plan_sysctl_ifname(struct arena *a, const char *name)
{
	static const char *const prefixes[] = {"net.ipv4.conf.", "net.ipv6.conf."};
	for (size_t k = 0; k < 2; k++) {
		size_t n = strlen(prefixes[k]);
		if (strncmp(name, prefixes[k], n))
			continue;
		const char *ifn = name + n, *dot = strrchr(ifn, '.');
		if (!dot || dot == ifn)
			return NULL;
		char *s = arena_strndup(a, ifn, (size_t)(dot - ifn));
		for (char *p = s; p && *p; p++)
			if (*p == '/')
				*p = '.';
		return s;
	}
	return NULL;
}

static bool master_is_bond(const struct planner *pl, const char *name)
{
	const struct ifcc_state *states[2] = {pl->des, pl->act};
	for (size_t k = 0; k < 2; k++) {
		long i = states[k] ? plan_link_index(pl, states[k], name) : -1;
		if (i >= 0)
			return states[k]->links.v[i].kind == LK_BOND;
	}
	return false;
}

int plan_push(struct planner *pl, enum ifcc_op_kind k, const char *ifname, const void *obj,
              const void *old, uint32_t fields, struct ifcc_loc src)
{
	struct ifcc_plan *p = pl->p;
	if (p->n == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 64;
		struct ifcc_op *v = arena_alloc(pl->a, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		if (p->n)
			memcpy(v, p->v, p->n * sizeof(*v));
		p->v = v;
		p->cap = cap;
	}
	if (!src.file && ifname) {
		long di = plan_link_index(pl, pl->des, ifname);
		long ai = plan_link_index(pl, pl->act, ifname);
		if (di >= 0)
			src = pl->des->links.v[di].source;
		if (!src.file && ai >= 0)
			src = pl->act->links.v[ai].source;
	}
	p->v[p->n++] = (struct ifcc_op){
	    .kind = k,
	    .ifname = ifname,
	    .obj.any = obj,
	    .old.any = old,
	    .fields = fields,
	    .source = src,
	};
	if ((k == IFCC_OP_LINK_ADD || k == IFCC_OP_LINK_SET) && (fields & LF_MASTER)) {
		const struct ifcc_link *l = obj;
		p->v[p->n - 1].bond_port = l->master && master_is_bond(pl, l->master);
	}
	return 0;
}

static void *zalloc(struct arena *a, size_t n, size_t size)
{
	void *p = arena_alloc(a, (n + 1) * size);
	if (p)
		memset(p, 0, (n + 1) * size);
	return p;
}

int ifcc_plan_build(struct arena *a, const struct ifcc_state *desired,
                    const struct ifcc_state *actual, const struct ifcc_plan_opts *o,
                    struct ifcc_plan *out, struct ifcc_diags *d)
{
	*out = (struct ifcc_plan){0};
	struct planner pl = {
	    .a = a,
	    .des = desired,
	    .act = actual,
	    .owned = o ? o->owned : NULL,
	    .kernel = o && o->actual_is_kernel,
	    .p = out,
	    .d = d,
	    .astate = zalloc(a, actual->links.n, 1),
	    .dstate = zalloc(a, desired->links.n, 1),
	    .match = zalloc(a, desired->links.n, sizeof(*pl.match)),
	    .dlink = zalloc(a, desired->links.n, sizeof(*pl.dlink)),
	    .amaster = zalloc(a, actual->links.n, sizeof(*pl.amaster)),
	};
	if (!pl.astate || !pl.dstate || !pl.match || !pl.dlink || !pl.amaster ||
	    map_build(a, &pl.dmap, desired) < 0 || map_build(a, &pl.amap, actual) < 0)
		return -ENOMEM;
	if (plan_links_decide(&pl) < 0 || plan_objects_prepare(&pl) < 0 ||
	    plan_objects_teardown(&pl) < 0 || plan_links_teardown(&pl) < 0)
		return -ENOMEM;
	out->teardown = out->n;
	if (plan_links_build(&pl) < 0 || plan_objects_build(&pl) < 0)
		return -ENOMEM;
	return 0;
}
