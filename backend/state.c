/* The kernel-state container: growable arrays in an arena, key order, sort, compare. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "ifcc/state.h"
#include "link_ops.h"

struct ifcc_state *ifcc_state_new(struct arena *a)
{
	struct ifcc_state *s = arena_alloc(a, sizeof(*s));
	if (s)
		s->arena = a;
	return s;
}

/* Room for one more element of `size` bytes in *v; the new element is zeroed. */
static void *grow(struct arena *a, void **v, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *nv = arena_alloc(a, ncap * size);
		if (!nv)
			return NULL;
		if (*n)
			memcpy(nv, *v, *n * size);
		*v = nv;
		*cap = ncap;
	}
	void *e = (char *)*v + (*n)++ * size;
	memset(e, 0, size);
	return e;
}

#define ADD(s, arr)                                                                                \
	grow((s)->arena, (void **)&(s)->arr.v, &(s)->arr.n, &(s)->arr.cap, sizeof(*(s)->arr.v))

struct ifcc_link *ifcc_state_add_link(struct ifcc_state *s)
{
	return ADD(s, links);
}

struct ifcc_address *ifcc_state_add_address(struct ifcc_state *s)
{
	return ADD(s, addresses);
}

struct ifcc_bridge_vlan *ifcc_state_add_bridge_vlan(struct ifcc_state *s)
{
	return ADD(s, bridge_vlans);
}

struct ifcc_fdb *ifcc_state_add_fdb(struct ifcc_state *s)
{
	return ADD(s, fdb);
}

struct ifcc_route *ifcc_state_add_route(struct ifcc_state *s)
{
	return ADD(s, routes);
}

struct ifcc_sysctl *ifcc_state_add_sysctl(struct ifcc_state *s)
{
	return ADD(s, sysctls);
}

struct ifcc_fib_rule *ifcc_state_add_fib_rule(struct ifcc_state *s)
{
	return ADD(s, rules);
}

static int cmp_u(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

/* NULL sorts first (the main table, no master). */
static int cmp_str(const char *a, const char *b)
{
	if (!a || !b)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_ip(const struct ifcc_ip *a, const struct ifcc_ip *b)
{
	int r = cmp_u(a->family, b->family);
	return r ? r : memcmp(a->addr, b->addr, a->family == IFCC_AF_INET ? 4 : 16);
}

static int cmp_prefix(const struct ifcc_prefix *a, const struct ifcc_prefix *b)
{
	int r = cmp_ip(&a->ip, &b->ip);
	return r ? r : cmp_u(a->len, b->len);
}

int ifcc_link_key_cmp(const struct ifcc_link *a, const struct ifcc_link *b)
{
	return strcmp(a->name, b->name);
}

int ifcc_address_key_cmp(const struct ifcc_address *a, const struct ifcc_address *b)
{
	int r = strcmp(a->ifname, b->ifname);
	return r ? r : cmp_prefix(&a->prefix, &b->prefix);
}

int ifcc_bridge_vlan_key_cmp(const struct ifcc_bridge_vlan *a, const struct ifcc_bridge_vlan *b)
{
	int r = strcmp(a->ifname, b->ifname);
	return r ? r : cmp_u(a->vid, b->vid);
}

int ifcc_fdb_key_cmp(const struct ifcc_fdb *a, const struct ifcc_fdb *b)
{
	int r = strcmp(a->ifname, b->ifname);
	if (!r)
		r = memcmp(a->mac.b, b->mac.b, 6);
	return r ? r : cmp_u(a->vid, b->vid);
}

int ifcc_route_key_cmp(const struct ifcc_route *a, const struct ifcc_route *b)
{
	int r = cmp_str(a->vrf, b->vrf);
	if (!r)
		r = cmp_prefix(&a->dst, &b->dst);
	return r ? r : cmp_u(a->metric, b->metric);
}

int ifcc_sysctl_key_cmp(const struct ifcc_sysctl *a, const struct ifcc_sysctl *b)
{
	return strcmp(a->name, b->name);
}

int ifcc_fib_rule_key_cmp(const struct ifcc_fib_rule *a, const struct ifcc_fib_rule *b)
{
	int r = cmp_u(a->family, b->family);
	return r ? r : cmp_u(a->table, b->table);
}

/* Objects without a source line sort after those with one; then file, line, column. */
static int cmp_loc(const struct ifcc_loc *a, const struct ifcc_loc *b)
{
	if (!a->file || !b->file)
		return (a->file == NULL) - (b->file == NULL);
	int r = cmp_u(a->file->index, b->file->index);
	if (!r)
		r = cmp_str(a->file->path, b->file->path);
	if (!r)
		r = cmp_u(a->line, b->line);
	return r ? r : cmp_u(a->col, b->col);
}

#define SORTER(T, keycmp)                                                                          \
	static int sort_##T(const void *pa, const void *pb)                                        \
	{                                                                                          \
		const struct T *a = pa, *b = pb;                                                   \
		int r = keycmp(a, b);                                                              \
		return r ? r : cmp_loc(&a->source, &b->source);                                    \
	}
SORTER(ifcc_link, ifcc_link_key_cmp)
SORTER(ifcc_address, ifcc_address_key_cmp)
SORTER(ifcc_bridge_vlan, ifcc_bridge_vlan_key_cmp)
SORTER(ifcc_fdb, ifcc_fdb_key_cmp)
SORTER(ifcc_route, ifcc_route_key_cmp)
SORTER(ifcc_sysctl, ifcc_sysctl_key_cmp)
SORTER(ifcc_fib_rule, ifcc_fib_rule_key_cmp)

/* Sorts arr and keeps the first of each run of equal keys. */
#define SORT_UNIQUE(arr, T, keycmp)                                                                \
	do {                                                                                       \
		if ((arr).n < 2)                                                                   \
			break;                                                                     \
		size_t s_ = 1; /* already in order (a copy of a sorted state): no sort */          \
		while (s_ < (arr).n && sort_##T(&(arr).v[s_ - 1], &(arr).v[s_]) <= 0)              \
			s_++;                                                                      \
		if (s_ < (arr).n)                                                                  \
			qsort((arr).v, (arr).n, sizeof(*(arr).v), sort_##T);                       \
		size_t w = 1;                                                                      \
		for (size_t k = 1; k < (arr).n; k++)                                               \
			if (keycmp(&(arr).v[w - 1], &(arr).v[k]))                                  \
				(arr).v[w++] = (arr).v[k];                                         \
		(arr).n = w;                                                                       \
	} while (0)

void ifcc_state_sort(struct ifcc_state *s)
{
	SORT_UNIQUE(s->links, ifcc_link, ifcc_link_key_cmp);
	SORT_UNIQUE(s->addresses, ifcc_address, ifcc_address_key_cmp);
	SORT_UNIQUE(s->bridge_vlans, ifcc_bridge_vlan, ifcc_bridge_vlan_key_cmp);
	SORT_UNIQUE(s->fdb, ifcc_fdb, ifcc_fdb_key_cmp);
	SORT_UNIQUE(s->routes, ifcc_route, ifcc_route_key_cmp);
	SORT_UNIQUE(s->sysctls, ifcc_sysctl, ifcc_sysctl_key_cmp);
	SORT_UNIQUE(s->rules, ifcc_fib_rule, ifcc_fib_rule_key_cmp);
}

const struct ifcc_link *ifcc_state_find_link(const struct ifcc_state *s, const char *name)
{
	size_t lo = 0, hi = s->links.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r = strcmp(s->links.v[mid].name, name);
		if (!r)
			return &s->links.v[mid];
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

uint32_t ifcc_link_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	if (a->kind != b->kind)
		return LF_KIND;
	uint32_t both = a->set & b->set, diff = a->set ^ b->set;
	if ((both & LF_MTU) && a->mtu != b->mtu)
		diff |= LF_MTU;
	if ((both & LF_ADDRESS) && memcmp(a->address.b, b->address.b, 6))
		diff |= LF_ADDRESS;
	if ((both & LF_ALIAS) && cmp_str(a->alias, b->alias))
		diff |= LF_ALIAS;
	if ((both & LF_ADMIN) && a->up != b->up)
		diff |= LF_ADMIN;
	if ((both & LF_MASTER) && cmp_str(a->master, b->master))
		diff |= LF_MASTER;
	if (both & LF_BRPORT) {
		const struct ifcc_brport *x = &a->brport, *y = &b->brport;
		/* the flags the first link (the desired one) sets */
		uint8_t common = x->set & y->set;
		if ((x->set & ~y->set) || ((common & BP_LEARNING) && x->learning != y->learning) ||
		    ((common & BP_NEIGH_SUPPRESS) && x->neigh_suppress != y->neigh_suppress) ||
		    ((common & BP_VLAN_TUNNEL) && x->vlan_tunnel != y->vlan_tunnel) ||
		    ((common & BP_MCAST_ROUTER) && x->mcast_router != y->mcast_router))
			diff |= LF_BRPORT;
	}
	const struct ifcc_link_ops *ops = link_ops_get(a->kind);
	if (ops->compare)
		diff |= ops->compare(a, b) & both;
	return diff;
}

bool ifcc_address_same(const struct ifcc_address *a, const struct ifcc_address *b)
{
	return a->metric == b->metric && a->flags == b->flags;
}

bool ifcc_bridge_vlan_same(const struct ifcc_bridge_vlan *a, const struct ifcc_bridge_vlan *b)
{
	return a->pvid == b->pvid && a->untagged == b->untagged && a->self == b->self &&
	       a->tunnel_id == b->tunnel_id;
}

bool ifcc_fdb_same(const struct ifcc_fdb *a, const struct ifcc_fdb *b)
{
	return a->self == b->self && a->master == b->master;
}

bool ifcc_route_same(const struct ifcc_route *a, const struct ifcc_route *b)
{
	return !cmp_ip(&a->gateway, &b->gateway) && !cmp_str(a->dev, b->dev) &&
	       a->onlink == b->onlink;
}

bool ifcc_sysctl_same(const struct ifcc_sysctl *a, const struct ifcc_sysctl *b)
{
	return !strcmp(a->value, b->value);
}

bool ifcc_fib_rule_same(const struct ifcc_fib_rule *a, const struct ifcc_fib_rule *b)
{
	return a->priority == b->priority;
}

static const struct {
	uint32_t id;
	const char *name;
} table_names[] = {{253, "default"}, {254, "main"}, {255, "local"}};

void ifcc_table_format(uint32_t table, char *buf, size_t n)
{
	for (size_t k = 0; k < sizeof(table_names) / sizeof(table_names[0]); k++)
		if (table == table_names[k].id) {
			snprintf(buf, n, "%s", table_names[k].name);
			return;
		}
	snprintf(buf, n, "%" PRIu32, table);
}

long ifcc_table_parse(const char *s)
{
	for (size_t k = 0; k < sizeof(table_names) / sizeof(table_names[0]); k++)
		if (!strcmp(s, table_names[k].name))
			return (long)table_names[k].id;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	return *s >= '0' && *s <= '9' && !*end && !errno && v <= UINT32_MAX ? (long)v : -1;
}

void ifcc_brport_format(const struct ifcc_brport *b, char *buf, size_t n)
{
	int k = snprintf(buf, n, "%s%s%s%s%s%s", b->set & BP_LEARNING ? " learning " : "",
	                 b->set & BP_LEARNING ? (b->learning ? "on" : "off") : "",
	                 b->set & BP_NEIGH_SUPPRESS ? " neigh_suppress " : "",
	                 b->set & BP_NEIGH_SUPPRESS ? (b->neigh_suppress ? "on" : "off") : "",
	                 b->set & BP_VLAN_TUNNEL ? " vlan_tunnel " : "",
	                 b->set & BP_VLAN_TUNNEL ? (b->vlan_tunnel ? "on" : "off") : "");
	if ((b->set & BP_MCAST_ROUTER) && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, " mcast_router %u", b->mcast_router);
}
