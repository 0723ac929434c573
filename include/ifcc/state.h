/*
 * Kernel state: plain data, keyed the way the kernel keys it. One type for three sources:
 * what a configuration produces (ifcc_realise), what a netlink dump finds, and what a JSON
 * snapshot holds; the planner diffs two of them with a merge walk over sorted arrays.
 *
 * Every object remembers the configuration line that caused it (`source`; file NULL when
 * no line did, e.g. a kernel dump or an implicit port). All storage lives in one arena.
 */
#ifndef IFCC_STATE_H
#define IFCC_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ifcc/arena.h"
#include "ifcc/diag.h"
#include "ifcc/source.h"
#include "ifcc/value.h"

enum ifcc_link_kind {
	LK_PHYSICAL, /* exists already (ports, lo): configured, never created or deleted */
	LK_BRIDGE,
	LK_VLAN,
	LK_MACVLAN,
	LK_BOND,
	LK_VRF,
	LK_VXLAN,
	LK_VETH,
	LK_DUMMY,
	LK__COUNT,
};

/* Bridge port flags of struct ifcc_brport. */
enum {
	BP_LEARNING = 1u << 0,
	BP_NEIGH_SUPPRESS = 1u << 1,
	BP_VLAN_TUNNEL = 1u << 2,
	BP_MCAST_ROUTER = 1u << 3,
};

/* Link fields: bit set in `set` when the field holds a value (unset: not configured). */
enum {
	LF_MTU = 1u << 0,
	LF_ADDRESS = 1u << 1,
	LF_ALIAS = 1u << 2,
	LF_ADMIN = 1u << 3,
	LF_MASTER = 1u << 4, /* master NULL with the bit set: no master */
	LF_BRPORT = 1u << 5, /* bridge port flags (brport.set says which) */
	LF_KIND = 1u << 7,   /* compare only: the kinds differ */
};
/* Kind-specific fields use bits 8..31; each kind file names its own (LF_K(0), ...). */
#define LF_K(n) (1u << (8 + (n)))

enum { BRF_VLAN_FILTERING = LF_K(0), BRF_DEFAULT_PVID = LF_K(1), BRF_STP = LF_K(2) };
struct ifcc_link_bridge {
	bool vlan_filtering;
	uint16_t default_pvid;
	bool stp;
};

enum { VLF_LOWER = LF_K(0), VLF_ID = LF_K(1), VLF_PROTOCOL = LF_K(2) };
struct ifcc_link_vlan {
	const char *lower;
	uint16_t id;
	bool ad; /* 802.1ad; else 802.1Q */
};

enum ifcc_macvlan_mode { MACVLAN_PRIVATE, MACVLAN_VEPA, MACVLAN_BRIDGE, MACVLAN_PASSTHRU };
enum { MVF_LOWER = LF_K(0), MVF_MODE = LF_K(1) };
struct ifcc_link_macvlan {
	const char *lower;
	enum ifcc_macvlan_mode mode;
};

enum {
	BOF_MODE = LF_K(0),
	BOF_MIIMON = LF_K(1),
	BOF_LACP_RATE = LF_K(2),
	BOF_XMIT_HASH = LF_K(3),
	BOF_MIN_LINKS = LF_K(4),
};
struct ifcc_link_bond {
	uint8_t mode;      /* kernel numbering: 0 balance-rr ... 4 802.3ad ... 6 balance-alb */
	uint32_t miimon;   /* ms */
	uint8_t lacp_rate; /* 0 slow, 1 fast */
	uint8_t xmit_hash; /* 0 layer2, 1 layer3+4, 2 layer2+3, 3 encap2+3, 4 encap3+4 */
	uint32_t min_links;
};

enum { VRF_TABLE = LF_K(0) };
struct ifcc_link_vrf {
	uint32_t table; /* 0: `vrf-table auto`, allocated at apply */
};

enum {
	VXF_VNI = LF_K(0),
	VXF_EXTERNAL = LF_K(1),
	VXF_VNIFILTER = LF_K(2),
	VXF_LOCAL = LF_K(3),
	VXF_PORT = LF_K(4),
	VXF_LEARNING = LF_K(5),
};
struct ifcc_link_vxlan {
	uint32_t vni;   /* single-VNI device */
	bool external;  /* collect metadata: a single VXLAN device for many VNIs */
	bool vnifilter; /* with external: VNIs filtered per device (bridge vni) */
	struct ifcc_ip local;
	uint16_t port;
	bool learning;
};

enum { VEF_PEER = LF_K(0) };
struct ifcc_link_veth {
	const char *peer;
};

struct ifcc_link {
	const char *name; /* key */
	enum ifcc_link_kind kind;
	uint32_t set; /* LF_* and kind bits of the fields that hold a value */
	uint32_t mtu;
	struct ifcc_mac address;
	const char *alias;
	bool up;
	const char *master; /* bridge, bond or VRF */
	/* As a bridge port (IFLA_PROTINFO): the flags in `set` hold a value. */
	struct ifcc_brport {
		uint8_t set; /* BP_* */
		bool learning, neigh_suppress, vlan_tunnel;
		uint8_t mcast_router; /* 0 off, 1 learned from queries (the kernel's), 2 always */
	} brport;
	/* `address-purge no`: addresses no configuration made are left on the link. A hint
	 * for the planner, not kernel state: not compared. */
	bool keep_addresses;
	union {
		struct ifcc_link_bridge bridge;
		struct ifcc_link_vlan vlan;
		struct ifcc_link_macvlan macvlan;
		struct ifcc_link_bond bond;
		struct ifcc_link_vrf vrf;
		struct ifcc_link_vxlan vxlan;
		struct ifcc_link_veth veth;
	} u;
	struct ifcc_loc source;
};

enum { IFCC_ADDR_NODAD = 1u << 0 };
/* Key: ifname, family, address, prefix length (the kernel's identity of an address). */
struct ifcc_address {
	const char *ifname;
	struct ifcc_prefix prefix;
	uint32_t metric; /* 0: none */
	unsigned flags;  /* IFCC_ADDR_* */
	struct ifcc_loc source;
};

/* Key: ifname, vid. ifname is the bridge itself for `self` entries (SVI VLANs). */
struct ifcc_bridge_vlan {
	const char *ifname;
	uint16_t vid;
	bool pvid, untagged;
	bool self;
	uint32_t tunnel_id; /* vlan-tunnel VNI on a single VXLAN device; 0: none */
	struct ifcc_loc source;
};

/* Key: ifname, mac, vid (0: no VLAN). */
struct ifcc_fdb {
	const char *ifname;
	struct ifcc_mac mac;
	uint16_t vid;
	bool self, master;
	struct ifcc_loc source;
};

/* Key: table (VRF name, NULL: main), family, destination, metric. */
struct ifcc_route {
	const char *vrf;
	struct ifcc_prefix dst; /* default: 0.0.0.0/0 or ::/0 */
	struct ifcc_ip gateway;
	const char *dev;
	uint32_t metric;
	bool onlink;
	struct ifcc_loc source;
};

/* Key: name, as `sysctl` spells it (interface dots written as '/'). */
struct ifcc_sysctl {
	const char *name;
	const char *value;
	struct ifcc_loc source;
};

/*
 * A policy routing rule "from all lookup TABLE" (no selector). Key: family, table: the
 * model has one such rule per table, at the lowest priority the kernel has it (with VRFs,
 * the local table's rule is moved from priority 0 to 32765, after the VRFs' l3mdev rule).
 * ifname: the interface whose configuration asks for it (the first VRF), for selection.
 */
#define IFCC_TABLE_LOCAL 255u
struct ifcc_fib_rule {
	const char *ifname;
	uint8_t family; /* IFCC_AF_INET, IFCC_AF_INET6 */
	uint32_t table;
	uint32_t priority;
	struct ifcc_loc source;
};

#define IFCC_STATE_ARRAY(T)                                                                        \
	struct {                                                                                   \
		T *v;                                                                              \
		size_t n, cap;                                                                     \
	}

struct ifcc_state {
	struct arena *arena;
	IFCC_STATE_ARRAY(struct ifcc_link) links;
	IFCC_STATE_ARRAY(struct ifcc_address) addresses;
	IFCC_STATE_ARRAY(struct ifcc_bridge_vlan) bridge_vlans;
	IFCC_STATE_ARRAY(struct ifcc_fdb) fdb;
	IFCC_STATE_ARRAY(struct ifcc_route) routes;
	IFCC_STATE_ARRAY(struct ifcc_sysctl) sysctls;
	IFCC_STATE_ARRAY(struct ifcc_fib_rule) rules;
};

/* An empty state whose arrays live in `a`; NULL when out of memory. */
struct ifcc_state *ifcc_state_new(struct arena *a);

/* Append one zeroed object; NULL when out of memory. Pointers stay valid until the next add. */
struct ifcc_link *ifcc_state_add_link(struct ifcc_state *s);
struct ifcc_address *ifcc_state_add_address(struct ifcc_state *s);
struct ifcc_bridge_vlan *ifcc_state_add_bridge_vlan(struct ifcc_state *s);
struct ifcc_fdb *ifcc_state_add_fdb(struct ifcc_state *s);
struct ifcc_route *ifcc_state_add_route(struct ifcc_state *s);
struct ifcc_sysctl *ifcc_state_add_sysctl(struct ifcc_state *s);
struct ifcc_fib_rule *ifcc_state_add_fib_rule(struct ifcc_state *s);

/* Key order (<0, 0, >0), the order a merge walk needs. Equal keys: the same kernel object. */
int ifcc_link_key_cmp(const struct ifcc_link *a, const struct ifcc_link *b);
int ifcc_address_key_cmp(const struct ifcc_address *a, const struct ifcc_address *b);
int ifcc_bridge_vlan_key_cmp(const struct ifcc_bridge_vlan *a, const struct ifcc_bridge_vlan *b);
int ifcc_fdb_key_cmp(const struct ifcc_fdb *a, const struct ifcc_fdb *b);
int ifcc_route_key_cmp(const struct ifcc_route *a, const struct ifcc_route *b);
int ifcc_sysctl_key_cmp(const struct ifcc_sysctl *a, const struct ifcc_sysctl *b);
int ifcc_fib_rule_key_cmp(const struct ifcc_fib_rule *a, const struct ifcc_fib_rule *b);

/*
 * Sorts every array by key (ties by source location, so the result is deterministic) and
 * drops later duplicates of a key: the first object, in source order, wins.
 */
void ifcc_state_sort(struct ifcc_state *s);

/* Binary search by name in a sorted state; NULL if absent. */
const struct ifcc_link *ifcc_state_find_link(const struct ifcc_state *s, const char *name);

/* LF_* and kind bits of the fields that differ (set in one only, or set in both with
 * different values; for the bridge port flags, a flag a sets that b lacks or has
 * otherwise); LF_KIND alone when the kinds differ. 0: the same link. */
uint32_t ifcc_link_compare(const struct ifcc_link *a, const struct ifcc_link *b);

/* For two objects of equal key: whether every other field agrees too (source aside), i.e.
 * whether the kernel object needs no change. */
bool ifcc_address_same(const struct ifcc_address *a, const struct ifcc_address *b);
bool ifcc_bridge_vlan_same(const struct ifcc_bridge_vlan *a, const struct ifcc_bridge_vlan *b);
bool ifcc_fdb_same(const struct ifcc_fdb *a, const struct ifcc_fdb *b);
bool ifcc_route_same(const struct ifcc_route *a, const struct ifcc_route *b);
bool ifcc_sysctl_same(const struct ifcc_sysctl *a, const struct ifcc_sysctl *b);
bool ifcc_fib_rule_same(const struct ifcc_fib_rule *a, const struct ifcc_fib_rule *b);

/* A routing table's name as ip spells it ("local", "main", "default") or its number. */
void ifcc_table_format(uint32_t table, char *buf, size_t n);
/* The number of "local", "main", "default" or a decimal; -1 when it is neither. */
long ifcc_table_parse(const char *s);

/* The bridge port flags b sets, as `bridge link set` spells them, each after a space
 * (" learning off neigh_suppress on"); "" when none. */
void ifcc_brport_format(const struct ifcc_brport *b, char *buf, size_t n);

const char *ifcc_link_kind_name(enum ifcc_link_kind k);
/* -1 when the name is no link kind. */
int ifcc_link_kind_from_name(const char *name);

/* JSON snapshot (docs/state-format.md). Write: 0, -ENOMEM or -EIO. */
int ifcc_state_write_json(const struct ifcc_state *s, FILE *out);
/* Read into a new state in `a`: 0, or -EINVAL with diagnostics in `d`, or -ENOMEM. */
int ifcc_state_read_json(struct arena *a, FILE *in, struct ifcc_state **out, struct ifcc_diags *d);
/* One line per object, for people (`ifcc state realise -o text`). */
void ifcc_state_write_text(const struct ifcc_state *s, FILE *out);

struct ifcc_config;
struct ifcc_model;
/* The kernel state configuration `m` (lowered from cfg) asks for, in cfg's arena, sorted;
 * NULL when out of memory. */
struct ifcc_state *ifcc_realise(struct ifcc_config *cfg, const struct ifcc_model *m);

#endif
