/*
 * Addresses, bridge VLANs, FDB entries, routes and sysctls in the plan: a merge walk of the
 * desired objects against the actual ones as the link ops leave them.
 */
#include <errno.h>
#include <string.h>

#include "plan_int.h"

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* The link is in the desired state and can be made: the plan manages its objects. */
static bool managed(const struct planner *pl, const char *name)
{
	long di = name ? plan_link_index(pl, pl->des, name) : -1;
	return di >= 0 && pl->dstate[di] != D_SKIP;
}

static bool skipped(const struct planner *pl, const char *name)
{
	long di = name ? plan_link_index(pl, pl->des, name) : -1;
	return di >= 0 && pl->dstate[di] == D_SKIP;
}

static bool link_gone(const struct planner *pl, const char *name)
{
	long ai = name ? plan_link_index(pl, pl->act, name) : -1;
	return ai >= 0 && plan_gone(pl, (size_t)ai);
}

/* Binary search for an object of the same key in a sorted array. */
#define HAS_KEY(arr, obj, keycmp)                                                                  \
	({                                                                                         \
		size_t lo_ = 0, hi_ = (arr).n;                                                     \
		bool found_ = false;                                                               \
		while (lo_ < hi_ && !found_) {                                                     \
			size_t mid_ = lo_ + (hi_ - lo_) / 2;                                       \
			int r_ = keycmp(&(arr).v[mid_], (obj));                                    \
			found_ = !r_;                                                              \
			if (r_ < 0)                                                                \
				lo_ = mid_ + 1;                                                    \
			else                                                                       \
				hi_ = mid_;                                                        \
		}                                                                                  \
		found_;                                                                            \
	})

static bool owned_address(const struct planner *pl, const struct ifcc_address *x)
{
	return pl->owned && HAS_KEY(pl->owned->addresses, x, ifcc_address_key_cmp);
}

/* fe80::/10 and the loopback addresses come with the link: never purged. */
static bool kernel_address(const struct ifcc_address *x)
{
	const uint8_t *b = x->prefix.ip.addr;
	if (x->prefix.ip.family == IFCC_AF_INET6) {
		static const uint8_t lo6[16] = {[15] = 1};
		return (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || !memcmp(b, lo6, 16);
	}
	return b[0] == 127;
}

static bool address_removable(const struct planner *pl, const struct ifcc_address *x)
{
	if (owned_address(pl, x))
		return true;
	if (!managed(pl, x->ifname) || kernel_address(x))
		return false;
	long di = plan_link_index(pl, pl->des, x->ifname);
	return !pl->des->links.v[di].keep_addresses;
}

static bool vlan_removable(const struct planner *pl, const struct ifcc_bridge_vlan *x)
{
	return managed(pl, x->ifname) ||
	       (pl->owned && HAS_KEY(pl->owned->bridge_vlans, x, ifcc_bridge_vlan_key_cmp));
}

static bool fdb_removable(const struct planner *pl, const struct ifcc_fdb *x)
{
	return pl->owned && HAS_KEY(pl->owned->fdb, x, ifcc_fdb_key_cmp);
}

static bool route_removable(const struct planner *pl, const struct ifcc_route *x)
{
	return pl->owned && HAS_KEY(pl->owned->routes, x, ifcc_route_key_cmp);
}

/* The default PVID the kernel gives a VLAN-filtering bridge and its new ports; 0: none or
 * not such a bridge. */
static uint16_t default_pvid(const struct planner *pl, const char *bridge)
{
	long di = bridge ? plan_link_index(pl, pl->des, bridge) : -1;
	if (di < 0 || pl->dstate[di] == D_SKIP)
		return 0;
	const struct ifcc_link *b = &pl->dlink[di];
	if (b->kind != LK_BRIDGE || !(b->set & BRF_VLAN_FILTERING) || !b->u.bridge.vlan_filtering)
		return 0;
	return b->set & BRF_DEFAULT_PVID ? b->u.bridge.default_pvid : 1;
}

static int add_implicit_vlan(struct planner *pl, const char *ifname, uint16_t vid, bool self)
{
	struct ifcc_bridge_vlan *v = ifcc_state_add_bridge_vlan(pl->eff);
	if (!v)
		return -ENOMEM;
	*v = (struct ifcc_bridge_vlan){
	    .ifname = ifname, .vid = vid, .pvid = true, .untagged = true, .self = self};
	return 0;
}

/* VLANs the kernel adds by itself: a new VLAN-filtering bridge's default PVID, and the
 * default PVID of a port newly enslaved to one. */
static int implicit_vlans(struct planner *pl)
{
	for (size_t di = 0; di < pl->des->links.n; di++) {
		const struct ifcc_link *d = &pl->dlink[di];
		enum plan_dstate st = pl->dstate[di];
		if (st == D_SKIP)
			continue;
		uint16_t pv;
		if (st == D_NEW && (pv = default_pvid(pl, d->name)) &&
		    add_implicit_vlan(pl, d->name, pv, true) < 0)
			return -ENOMEM;
		if (!(d->set & LF_MASTER) || !(pv = default_pvid(pl, d->master)))
			continue;
		const char *before = NULL;
		long ai = plan_link_index(pl, pl->act, d->name);
		if (st == D_SET && ai >= 0)
			before = pl->amaster[ai];
		if (!str_eq(before, d->master) && add_implicit_vlan(pl, d->name, pv, false) < 0)
			return -ENOMEM;
	}
	return 0;
}

#define COPY_IF(dst, src, keep)                                                                    \
	for (size_t k_ = 0; k_ < (src).n; k_++) {                                                  \
		const __typeof__(*(src).v) *x = &(src).v[k_];                                      \
		if (!(keep))                                                                       \
			continue;                                                                  \
		if ((dst).n == (dst).cap && grow_array(pl->a, (void **)&(dst).v, &(dst).cap,      \
		                                       (dst).n, sizeof(*x)) < 0)                   \
			return -ENOMEM;                                                            \
		(dst).v[(dst).n++] = *x;                                                           \
	}

static int grow_array(struct arena *a, void **v, size_t *cap, size_t n, size_t size)
{
	size_t c = *cap ? 2 * *cap : 64;
	void *nv = arena_alloc(a, c * size);
	if (!nv)
		return -ENOMEM;
	if (n)
		memcpy(nv, *v, n * size);
	*v = nv;
	*cap = c;
	return 0;
}

/* A port's VLANs go when it leaves its bridge or joins another. */
static bool vlan_survives(const struct planner *pl, const struct ifcc_bridge_vlan *x)
{
	if (link_gone(pl, x->ifname))
		return false;
	if (x->self)
		return true;
	long ai = plan_link_index(pl, pl->act, x->ifname);
	bool known;
	const char *final = plan_final_master(pl, x->ifname, &known);
	return ai >= 0 && str_eq(pl->act->links.v[ai].master, pl->amaster[ai]) &&
	       (!known || str_eq(final, pl->amaster[ai]));
}

static bool sysctl_survives(struct planner *pl, const struct ifcc_sysctl *x)
{
	const char *ifn = plan_sysctl_ifname(pl->a, x->name);
	return !ifn || !link_gone(pl, ifn);
}

int plan_objects_prepare(struct planner *pl)
{
	const struct ifcc_state *act = pl->act;
	if (!(pl->eff = ifcc_state_new(pl->a)))
		return -ENOMEM;
	COPY_IF(pl->eff->addresses, act->addresses, !link_gone(pl, x->ifname));
	COPY_IF(pl->eff->bridge_vlans, act->bridge_vlans, vlan_survives(pl, x));
	COPY_IF(pl->eff->fdb, act->fdb, !link_gone(pl, x->ifname));
	COPY_IF(pl->eff->routes, act->routes, !link_gone(pl, x->dev));
	COPY_IF(pl->eff->sysctls, act->sysctls, sysctl_survives(pl, x));
	COPY_IF(pl->eff->rules, act->rules, true);
	if (implicit_vlans(pl) < 0)
		return -ENOMEM;
	ifcc_state_sort(pl->eff);
	return 0;
}

/*
 * Merge walk of desired array D against effective array E (both sorted by key):
 * ONLY_E(x) for an object only E has, ONLY_D(x) for one only D has, BOTH(d, e) for a pair.
 */
#define MERGE(D, E, keycmp, ONLY_E, ONLY_D, BOTH)                                                  \
	do {                                                                                       \
		size_t i_ = 0, j_ = 0;                                                             \
		while (i_ < (D).n || j_ < (E).n) {                                                 \
			int c_ = i_ == (D).n   ? 1                                                 \
			         : j_ == (E).n ? -1                                                \
			                       : keycmp(&(D).v[i_], &(E).v[j_]);                   \
			if (c_ > 0) {                                                              \
				const __typeof__(*(E).v) *e = &(E).v[j_++];                        \
				ONLY_E;                                                            \
			} else if (c_ < 0) {                                                       \
				const __typeof__(*(D).v) *d = &(D).v[i_++];                        \
				ONLY_D;                                                            \
			} else {                                                                   \
				const __typeof__(*(D).v) *d = &(D).v[i_++];                        \
				const __typeof__(*(E).v) *e = &(E).v[j_++];                        \
				BOTH;                                                              \
			}                                                                          \
		}                                                                                  \
	} while (0)

#define PUSH(k, ifn, obj, old, src)                                                                \
	do {                                                                                       \
		if (plan_push(pl, (k), (ifn), (obj), (old), 0, (src)) < 0)                         \
			return -ENOMEM;                                                            \
	} while (0)

int plan_objects_teardown(struct planner *pl)
{
	const struct ifcc_state *des = pl->des, *eff = pl->eff;
	MERGE(des->routes, eff->routes, ifcc_route_key_cmp,
	      if (route_removable(pl, e)) PUSH(IFCC_OP_ROUTE_DEL, e->dev, e, NULL, e->source),
	      (void)d, (void)d; (void)e);
	MERGE(des->fdb, eff->fdb, ifcc_fdb_key_cmp,
	      if (fdb_removable(pl, e)) PUSH(IFCC_OP_FDB_DEL, e->ifname, e, NULL, e->source),
	      (void)d, (void)d; (void)e);
	MERGE(des->addresses, eff->addresses, ifcc_address_key_cmp,
	      if (address_removable(pl, e))
		      PUSH(IFCC_OP_ADDR_DEL, e->ifname, e, NULL, e->source),
	      (void)d, (void)d; (void)e);
	return 0;
}

static int push_replace(struct planner *pl, enum ifcc_op_kind k, const char *ifname,
                        const void *obj, const void *old, struct ifcc_loc src)
{
	if (plan_push(pl, k, ifname, obj, old, 0, src) < 0)
		return -ENOMEM;
	pl->p->v[pl->p->n - 1].replace = old != NULL;
	return 0;
}

#define ADD(k, ifn, obj, old, src)                                                                 \
	do {                                                                                       \
		if (!skipped(pl, (ifn)) && push_replace(pl, (k), (ifn), (obj), (old), (src)) < 0) \
			return -ENOMEM;                                                            \
	} while (0)

int plan_objects_build(struct planner *pl)
{
	const struct ifcc_state *des = pl->des, *eff = pl->eff;
	MERGE(des->sysctls, eff->sysctls, ifcc_sysctl_key_cmp, (void)e,
	      ADD(IFCC_OP_SYSCTL_SET, plan_sysctl_ifname(pl->a, d->name), d, NULL, d->source),
	      if (!ifcc_sysctl_same(d, e)) ADD(IFCC_OP_SYSCTL_SET,
	                                       plan_sysctl_ifname(pl->a, d->name), d, e,
	                                       d->source));
	/* Rules are added or moved, never removed (the kernel's own are among them). */
	MERGE(des->rules, eff->rules, ifcc_fib_rule_key_cmp, (void)e,
	      ADD(IFCC_OP_RULE_SET, d->ifname, d, NULL, d->source),
	      if (!ifcc_fib_rule_same(d, e)) ADD(IFCC_OP_RULE_SET, d->ifname, d, e, d->source));
	MERGE(des->bridge_vlans, eff->bridge_vlans, ifcc_bridge_vlan_key_cmp,
	      if (vlan_removable(pl, e)) PUSH(IFCC_OP_VLAN_DEL, e->ifname, e, NULL, e->source),
	      (void)d, (void)d; (void)e);
	MERGE(des->bridge_vlans, eff->bridge_vlans, ifcc_bridge_vlan_key_cmp, (void)e,
	      ADD(IFCC_OP_VLAN_ADD, d->ifname, d, NULL, d->source),
	      if (!ifcc_bridge_vlan_same(d, e))
		      ADD(IFCC_OP_VLAN_ADD, d->ifname, d, e, d->source));
	MERGE(des->fdb, eff->fdb, ifcc_fdb_key_cmp, (void)e,
	      ADD(IFCC_OP_FDB_ADD, d->ifname, d, NULL, d->source),
	      if (!ifcc_fdb_same(d, e)) ADD(IFCC_OP_FDB_ADD, d->ifname, d, e, d->source));
	MERGE(des->addresses, eff->addresses, ifcc_address_key_cmp, (void)e,
	      ADD(IFCC_OP_ADDR_ADD, d->ifname, d, NULL, d->source),
	      if (!ifcc_address_same(d, e)) ADD(IFCC_OP_ADDR_ADD, d->ifname, d, e, d->source));
	MERGE(des->routes, eff->routes, ifcc_route_key_cmp, (void)e,
	      ADD(IFCC_OP_ROUTE_ADD, d->dev, d, NULL, d->source),
	      if (!ifcc_route_same(d, e)) ADD(IFCC_OP_ROUTE_ADD, d->dev, d, e, d->source));
	return 0;
}
