/*
 * The planner: the ordered kernel operations that turn one state (`actual`: a kernel dump,
 * a snapshot, or what an older configuration realised) into another (`desired`: what the
 * configuration realises). Apply and the dry run share the plan; it is plain data.
 *
 * Ownership: an object of `actual` that `desired` lacks is removed only when it is ours:
 * it is in `owned` (what an earlier configuration created; for a diff between two
 * configurations, the old configuration's state), or it is a bridge VLAN or address of a
 * link the desired configuration manages. Never removed: links that no configuration
 * created (foreign), physical links, IPv6 link-local and loopback addresses, addresses of a
 * link under `address-purge no`, FDB entries and routes that are not in `owned`, sysctls.
 *
 * Order: teardown first (routes, FDB entries, addresses, bridge VLANs, then links, uppers
 * before lowers), then build (links, lowers and masters first, each created or changed in
 * place; sysctls; bridge VLANs; FDB entries; addresses; routes). A link is deleted and
 * created again only when the kernel cannot change it in place (its kind, or a field such
 * as a VLAN id that is fixed at creation); the links stacked on it follow it.
 */
#ifndef IFCC_PLAN_H
#define IFCC_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ifcc/diag.h"
#include "ifcc/state.h"

enum ifcc_op_kind {
	IFCC_OP_LINK_ADD,
	IFCC_OP_LINK_SET,
	IFCC_OP_LINK_DEL,
	IFCC_OP_ADDR_ADD,
	IFCC_OP_ADDR_DEL,
	IFCC_OP_VLAN_ADD,
	IFCC_OP_VLAN_DEL,
	IFCC_OP_FDB_ADD,
	IFCC_OP_FDB_DEL,
	IFCC_OP_ROUTE_ADD,
	IFCC_OP_ROUTE_DEL,
	IFCC_OP_SYSCTL_SET,
	IFCC_OP_RULE_SET, /* a rule added, or moved to another priority (old: as it was) */
	IFCC_OP__COUNT,
};

/* "link-add", "addr-del", ... as in the JSON plan. */
const char *ifcc_op_name(enum ifcc_op_kind k);

union ifcc_op_obj {
	const struct ifcc_link *link;
	const struct ifcc_address *addr;
	const struct ifcc_bridge_vlan *vlan;
	const struct ifcc_fdb *fdb;
	const struct ifcc_route *route;
	const struct ifcc_sysctl *sysctl;
	const struct ifcc_fib_rule *rule;
	const void *any;
};

struct ifcc_op {
	enum ifcc_op_kind kind;
	const char *ifname; /* the link it acts on; a route's dev; NULL for a sysctl */
	/*
	 * The object: for adds and sets the desired one, for deletions the actual one.
	 * link-add: the link with every field it is created with; link-set: `fields` names
	 * the LF_* and kind bits to change to obj's values (old: the link as it was).
	 */
	union ifcc_op_obj obj, old;
	uint32_t fields;
	bool replace;		/* addr-add, route-add: an object of the same key is changed */
	/*
	 * link-add, link-set that enslaves the link to a bond. A bond refuses a port that is
	 * up, and a change notified on a port after it is enslaved (an alias, say) makes an
	 * 802.3ad bond re-read the port's speed: so the port is set down with every other
	 * field first, then its master alone, then up.
	 */
	bool bond_port;
	struct ifcc_loc source; /* the line that caused it (for a deletion, the old line) */
};

struct ifcc_plan {
	struct ifcc_op *v;
	size_t n, cap;
	size_t teardown; /* v[0 .. teardown): the teardown ops; the build ops follow */
	/* `vrf-table auto` tables chosen for new VRFs live in the links of `desired`. */
};

/* Build the plan in `a`. desired and actual must be sorted (ifcc_state_sort); owned may
 * be NULL. Problems the plan cannot solve (a physical link of desired missing from a
 * kernel dump, a foreign link of another kind under a configured name) are reported to d
 * as diagnostics. Returns 0 or -ENOMEM. */
struct ifcc_plan_opts {
	const struct ifcc_state *owned;
	bool actual_is_kernel; /* a dump: a physical link it lacks does not exist */
};
int ifcc_plan_build(struct arena *a, const struct ifcc_state *desired,
                    const struct ifcc_state *actual, const struct ifcc_plan_opts *o,
                    struct ifcc_plan *out, struct ifcc_diags *d);

/*
 * Carries out the plan on a copy of `from`, in memory, with the kernel's side effects (a
 * deleted link takes the links stacked on it, its objects and its ports' membership with
 * it; enslaving a port to a VLAN-filtering bridge gives it the default PVID; one PVID per
 * port): *out is the state the kernel would be in afterwards, sorted. Returns 0, -ENOMEM,
 * or -EINVAL when an op is one the kernel would refuse (adding a link that exists,
 * changing or deleting an object that does not); *failed is then its index.
 */
int ifcc_plan_apply_state(struct arena *a, const struct ifcc_state *from,
                          const struct ifcc_plan *p, struct ifcc_state **out, size_t *failed);

/* Keeps the ops on the named interfaces and on what is stacked on them (their VRR
 * macvlans, and the FDB entries of those macvlans' MACs); 0 or -ENOMEM. */
int ifcc_plan_select(struct arena *a, struct ifcc_plan *p, const struct ifcc_state *des,
                     const struct ifcc_state *act, char *const *names, size_t n);

/* A copy of s without the links `names` and the links stacked on them, nor their
 * addresses, bridge VLANs, FDB entries and routes: what `down` leaves. A physical link
 * among them stays, set down (except lo) and released from its master. NULL when out of
 * memory. */
struct ifcc_state *ifcc_state_without(struct arena *a, const struct ifcc_state *s,
                                      char *const *names, size_t n);

/*
 * Regroups the build ops of p (after p->teardown) by interface (plan_order.c): owner gives
 * the position, from 1 in dependency order, of the interface an op belongs to (0: none);
 * an op goes no earlier than the links it needs and the ops before it on its link. The
 * teardown ops stay first (segment 0); the order within a segment is the plan's. *segs
 * (in a) gets each op's segment, in the new order. 0 or -ENOMEM.
 */
int ifcc_plan_segment(struct arena *a, struct ifcc_plan *p,
                      uint32_t (*owner)(void *ctx, const struct ifcc_op *op), void *ctx,
                      uint32_t **segs);

/* Renderers (plan_text.c, plan_ip.c, plan_json.c). */
void ifcc_plan_write_text(const struct ifcc_plan *p, FILE *out);
/* A shell script of `ip -batch`, `bridge -batch` and `sysctl -w` steps. */
void ifcc_plan_write_ip(const struct ifcc_plan *p, FILE *out);
/* {"ops":[...]}; 0 or -ENOMEM / -EIO. */
int ifcc_plan_write_json(const struct ifcc_plan *p, FILE *out);

#endif
