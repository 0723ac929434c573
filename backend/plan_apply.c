/*
 * A plan carried out in memory, the way the kernel would carry it out: the check that a
 * plan does what it claims (tests), independent of how the planner reasoned.
 */
#include <errno.h>
#include <string.h>

#include "ifcc/plan.h"

struct sim {
	struct arena *a;
	struct ifcc_state *s;
};

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

#define FIND(arr, obj, keycmp)                                                                     \
	({                                                                                         \
		long f_ = -1;                                                                      \
		for (size_t k_ = 0; k_ < (arr).n && f_ < 0; k_++)                                  \
			if (!keycmp(&(arr).v[k_], (obj)))                                          \
				f_ = (long)k_;                                                     \
		f_;                                                                                \
	})

/* Removes element at of arr, keeping the order. */
#define REMOVE_AT(arr, at)                                                                         \
	do {                                                                                       \
		memmove(&(arr).v[(at)], &(arr).v[(at) + 1],                                        \
		        ((arr).n - (size_t)(at)-1) * sizeof(*(arr).v));                            \
		(arr).n--;                                                                         \
	} while (0)

/* Puts obj in arr: replaces the object of the same key, or appends a copy. */
#define PUT(sim, arr, obj, keycmp, adder)                                                          \
	({                                                                                         \
		long at_ = FIND(arr, obj, keycmp);                                                 \
		int r_ = 0;                                                                        \
		if (at_ >= 0) {                                                                    \
			(arr).v[at_] = *(obj);                                                     \
		} else {                                                                           \
			__typeof__((arr).v) n_ = adder((sim)->s);                                  \
			if (n_)                                                                    \
				*n_ = *(obj);                                                      \
			else                                                                       \
				r_ = -ENOMEM;                                                      \
		}                                                                                  \
		r_;                                                                                \
	})

static struct ifcc_link *link_named(struct sim *m, const char *name)
{
	for (size_t k = 0; k < m->s->links.n; k++)
		if (!strcmp(m->s->links.v[k].name, name))
			return &m->s->links.v[k];
	return NULL;
}

/* The default PVID of bridge `name` if it filters VLANs, else 0. */
static uint16_t default_pvid(struct sim *m, const char *name)
{
	const struct ifcc_link *b = name ? link_named(m, name) : NULL;
	if (!b || b->kind != LK_BRIDGE || !b->u.bridge.vlan_filtering)
		return 0;
	return b->set & BRF_DEFAULT_PVID ? b->u.bridge.default_pvid : 1;
}

static int vlan_put(struct sim *m, const struct ifcc_bridge_vlan *v)
{
	if (v->pvid)
		for (size_t k = 0; k < m->s->bridge_vlans.n; k++) {
			struct ifcc_bridge_vlan *o = &m->s->bridge_vlans.v[k];
			if (!strcmp(o->ifname, v->ifname) && o->vid != v->vid)
				o->pvid = false;
		}
	return PUT(m, m->s->bridge_vlans, v, ifcc_bridge_vlan_key_cmp, ifcc_state_add_bridge_vlan);
}

static int default_vlan(struct sim *m, const char *ifname, uint16_t vid, bool self)
{
	if (!vid)
		return 0;
	struct ifcc_bridge_vlan v = {
	    .ifname = ifname, .vid = vid, .pvid = true, .untagged = true, .self = self};
	return vlan_put(m, &v);
}

static void flush_port_vlans(struct sim *m, const char *ifname)
{
	for (size_t k = m->s->bridge_vlans.n; k-- > 0;)
		if (!m->s->bridge_vlans.v[k].self && !strcmp(m->s->bridge_vlans.v[k].ifname, ifname))
			REMOVE_AT(m->s->bridge_vlans, k);
}

/* The port joins `master` (NULL: leaves its bridge). */
static int set_master(struct sim *m, struct ifcc_link *l, const char *master)
{
	const char *name = l->name;
	bool changed = !str_eq(l->master, master);
	l->master = master;
	l->set |= LF_MASTER;
	if (!changed)
		return 0;
	flush_port_vlans(m, name);
	/* a port starts with the kernel's default flags */
	l->brport = (struct ifcc_brport){
	    .set = BP_LEARNING | BP_NEIGH_SUPPRESS | BP_VLAN_TUNNEL | BP_MCAST_ROUTER,
	    .learning = true,
	    .mcast_router = 1};
	if (master)
		l->set |= LF_BRPORT;
	return default_vlan(m, name, default_pvid(m, master), false);
}

static int link_set(struct sim *m, const struct ifcc_link *obj, uint32_t f);

static int link_add(struct sim *m, const struct ifcc_link *obj)
{
	if (link_named(m, obj->name))
		return -EINVAL;
	struct ifcc_link *l = ifcc_state_add_link(m->s);
	if (!l)
		return -ENOMEM;
	*l = *obj;
	const char *master = l->master;
	l->master = NULL;
	if (obj->kind == LK_VETH && (obj->set & VEF_PEER) && !link_named(m, obj->u.veth.peer)) {
		struct ifcc_link *p = ifcc_state_add_link(m->s);
		if (!p)
			return -ENOMEM;
		*p = (struct ifcc_link){.name = obj->u.veth.peer,
		                        .kind = LK_VETH,
		                        .set = VEF_PEER | LF_ADMIN | LF_MASTER,
		                        .u.veth.peer = obj->name};
		l = link_named(m, obj->name);
	}
	if (obj->kind == LK_BRIDGE && default_vlan(m, obj->name, default_pvid(m, obj->name), true))
		return -ENOMEM;
	int r = set_master(m, l, master);
	if (!r && (obj->set & LF_BRPORT))
		r = link_set(m, obj, LF_BRPORT);
	return r;
}

static int link_set(struct sim *m, const struct ifcc_link *obj, uint32_t f)
{
	struct ifcc_link *l = link_named(m, obj->name);
	if (!l)
		return -EINVAL;
	if (f & LF_MTU)
		l->mtu = obj->mtu;
	if (f & LF_ADDRESS)
		l->address = obj->address;
	if (f & LF_ALIAS)
		l->alias = obj->alias;
	if (f & LF_ADMIN)
		l->up = obj->up;
	uint32_t brport = f & LF_BRPORT;
	if ((f & ~(LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER | LF_KIND)) &&
	    l->kind == obj->kind)
		l->u = obj->u;
	l->set |= f & ~LF_KIND;
	int r = f & LF_MASTER ? set_master(m, l, obj->master) : 0;
	if (!r && brport) { /* after the enslavement, which resets them */
		l = link_named(m, obj->name);
		const struct ifcc_brport *b = &obj->brport;
		l->brport.set |= b->set;
		if (b->set & BP_LEARNING)
			l->brport.learning = b->learning;
		if (b->set & BP_NEIGH_SUPPRESS)
			l->brport.neigh_suppress = b->neigh_suppress;
		if (b->set & BP_VLAN_TUNNEL)
			l->brport.vlan_tunnel = b->vlan_tunnel;
		if (b->set & BP_MCAST_ROUTER)
			l->brport.mcast_router = b->mcast_router;
		l->set |= LF_BRPORT;
	}
	return r;
}

/* Whether name is in the list of names being deleted. */
static bool in(const char *const *names, size_t n, const char *name)
{
	for (size_t k = 0; name && k < n; k++)
		if (!strcmp(names[k], name))
			return true;
	return false;
}

static int link_del(struct sim *m, const char *name)
{
	if (!link_named(m, name))
		return -EINVAL;
	const char **dead = arena_alloc(m->a, (m->s->links.n + 1) * sizeof(*dead));
	if (!dead)
		return -ENOMEM;
	size_t n = 0;
	dead[n++] = name;
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t k = 0; k < m->s->links.n; k++) {
			const struct ifcc_link *l = &m->s->links.v[k];
			const char *on = l->kind == LK_VLAN      ? l->u.vlan.lower
			                 : l->kind == LK_MACVLAN ? l->u.macvlan.lower
			                 : l->kind == LK_VETH    ? l->u.veth.peer
			                                         : NULL;
			if (!in(dead, n, l->name) && in(dead, n, on)) {
				dead[n++] = l->name;
				grew = true;
			}
		}
	}
	struct ifcc_state *s = m->s;
	for (size_t k = 0; k < s->links.n; k++)
		if (!in(dead, n, s->links.v[k].name) && in(dead, n, s->links.v[k].master) &&
		    set_master(m, &s->links.v[k], NULL) < 0)
			return -ENOMEM;
	for (size_t k = s->links.n; k-- > 0;)
		if (in(dead, n, s->links.v[k].name))
			REMOVE_AT(s->links, k);
	for (size_t k = s->addresses.n; k-- > 0;)
		if (in(dead, n, s->addresses.v[k].ifname))
			REMOVE_AT(s->addresses, k);
	for (size_t k = s->bridge_vlans.n; k-- > 0;)
		if (in(dead, n, s->bridge_vlans.v[k].ifname))
			REMOVE_AT(s->bridge_vlans, k);
	for (size_t k = s->fdb.n; k-- > 0;)
		if (in(dead, n, s->fdb.v[k].ifname))
			REMOVE_AT(s->fdb, k);
	for (size_t k = s->routes.n; k-- > 0;)
		if (in(dead, n, s->routes.v[k].dev))
			REMOVE_AT(s->routes, k);
	for (size_t k = s->sysctls.n; k-- > 0;) {
		const char *nm = s->sysctls.v[k].name;
		for (size_t j = 0; j < n; j++) {
			/* net.ipvN.conf.IFNAME.key, IFNAME's dots written '/' */
			const char *p = nm + strlen("net.ipv4.conf.");
			size_t len = strlen(dead[j]);
			bool match = strlen(nm) > len + 14 && !strncmp(nm, "net.ipv", 7) && p[len] == '.';
			for (size_t c = 0; match && c < len; c++)
				match = p[c] == (dead[j][c] == '.' ? '/' : dead[j][c]);
			if (match) {
				REMOVE_AT(s->sysctls, k);
				break;
			}
		}
	}
	return 0;
}

#define DEL(arr, obj, keycmp)                                                                      \
	({                                                                                         \
		long at_ = FIND(arr, obj, keycmp);                                                 \
		if (at_ >= 0)                                                                      \
			REMOVE_AT(arr, at_);                                                       \
		at_ >= 0 ? 0 : -EINVAL;                                                            \
	})

static int apply_op(struct sim *m, const struct ifcc_op *op)
{
	struct ifcc_state *s = m->s;
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
		return link_add(m, op->obj.link);
	case IFCC_OP_LINK_SET:
		return link_set(m, op->obj.link, op->fields);
	case IFCC_OP_LINK_DEL:
		return link_del(m, op->obj.link->name);
	case IFCC_OP_ADDR_ADD:
		if (!link_named(m, op->obj.addr->ifname))
			return -EINVAL;
		return PUT(m, s->addresses, op->obj.addr, ifcc_address_key_cmp,
		           ifcc_state_add_address);
	case IFCC_OP_ADDR_DEL:
		return DEL(s->addresses, op->obj.addr, ifcc_address_key_cmp);
	case IFCC_OP_VLAN_ADD:
		if (!link_named(m, op->obj.vlan->ifname))
			return -EINVAL;
		return vlan_put(m, op->obj.vlan);
	case IFCC_OP_VLAN_DEL:
		return DEL(s->bridge_vlans, op->obj.vlan, ifcc_bridge_vlan_key_cmp);
	case IFCC_OP_FDB_ADD:
		if (!link_named(m, op->obj.fdb->ifname))
			return -EINVAL;
		return PUT(m, s->fdb, op->obj.fdb, ifcc_fdb_key_cmp, ifcc_state_add_fdb);
	case IFCC_OP_FDB_DEL:
		return DEL(s->fdb, op->obj.fdb, ifcc_fdb_key_cmp);
	case IFCC_OP_ROUTE_ADD:
		if (op->obj.route->dev && !link_named(m, op->obj.route->dev))
			return -EINVAL;
		return PUT(m, s->routes, op->obj.route, ifcc_route_key_cmp, ifcc_state_add_route);
	case IFCC_OP_ROUTE_DEL:
		return DEL(s->routes, op->obj.route, ifcc_route_key_cmp);
	case IFCC_OP_SYSCTL_SET:
		if (op->ifname && !link_named(m, op->ifname))
			return -EINVAL;
		return PUT(m, s->sysctls, op->obj.sysctl, ifcc_sysctl_key_cmp,
		           ifcc_state_add_sysctl);
	case IFCC_OP_RULE_SET:
		return PUT(m, s->rules, op->obj.rule, ifcc_fib_rule_key_cmp, ifcc_state_add_fib_rule);
	case IFCC_OP__COUNT:
		break;
	}
	return -EINVAL;
}

#define COPY_ALL(dst, src, adder)                                                                  \
	for (size_t k_ = 0; k_ < (src).n; k_++) {                                                  \
		__typeof__((dst).v) n_ = adder(s);                                                 \
		if (!n_)                                                                           \
			return -ENOMEM;                                                            \
		*n_ = (src).v[k_];                                                                 \
	}

int ifcc_plan_apply_state(struct arena *a, const struct ifcc_state *from,
                          const struct ifcc_plan *p, struct ifcc_state **out, size_t *failed)
{
	struct ifcc_state *s = ifcc_state_new(a);
	if (!s)
		return -ENOMEM;
	COPY_ALL(s->links, from->links, ifcc_state_add_link);
	COPY_ALL(s->addresses, from->addresses, ifcc_state_add_address);
	COPY_ALL(s->bridge_vlans, from->bridge_vlans, ifcc_state_add_bridge_vlan);
	COPY_ALL(s->fdb, from->fdb, ifcc_state_add_fdb);
	COPY_ALL(s->routes, from->routes, ifcc_state_add_route);
	COPY_ALL(s->sysctls, from->sysctls, ifcc_state_add_sysctl);
	COPY_ALL(s->rules, from->rules, ifcc_state_add_fib_rule);
	struct sim m = {.a = a, .s = s};
	for (size_t k = 0; k < p->n; k++) {
		int r = apply_op(&m, &p->v[k]);
		if (r < 0) {
			*failed = k;
			return r;
		}
	}
	ifcc_state_sort(s);
	*out = s;
	return 0;
}
