/*
 * One table of operations per link kind (the way iproute2 has struct link_util): a new kind
 * is one link_KIND.c file and one entry in link_ops.c. Hooks may be NULL when a kind has
 * no data of its own (physical, dummy).
 */
#ifndef IFCC_BACKEND_LINK_OPS_H
#define IFCC_BACKEND_LINK_OPS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "ifcc/model.h"
#include "ifcc/state.h"

struct rtnl_link;
struct nl_msg;
struct nlattr;

/* What a kind's from_nl hook reads of one RTM_NEWLINK message of a kernel dump. */
struct link_nl {
	struct rtnl_link *rl; /* libnl's parse of the message: the rtnl_link_KIND_get_* accessors */
	struct nlattr *data;  /* IFLA_INFO_DATA, for what libnl has no accessor for; NULL: none */
	const char *link;     /* the link IFLA_LINK names (lower device, veth peer) in the same
	                       * namespace; NULL: none, or in another namespace */
};

struct ifcc_link_ops {
	enum ifcc_link_kind kind;
	const char *name; /* as in JSON and `ip -d link`: "bridge", "vlan", ... */
	/* Fills l's kind data (and set bits) from interface i of m; 0 or -ENOMEM. */
	int (*realise)(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
	               struct ifcc_link *l);
	/* Kind bits of the kind data that differ between a and b, both of this kind. */
	uint32_t (*compare)(const struct ifcc_link *a, const struct ifcc_link *b);
	/* Adds l's set kind data to the object o; 0 or -ENOMEM. */
	int (*to_json)(const struct ifcc_link *l, json_t *o);
	/* Fills l's kind data from a kernel link, every field the kernel reports (set bits
	 * included); 0 or -ENOMEM. Fields the message lacks are left unset. */
	int (*from_nl)(struct arena *a, const struct link_nl *in, struct ifcc_link *l);
	/* Reads what to_json wrote from o into l; 0, or -EINVAL with *why naming the fault. */
	int (*from_json)(struct arena *a, json_t *o, struct ifcc_link *l, const char **why);
	/* Writes a short text of l's kind data ("id 10 on br0") into buf (n bytes). */
	void (*describe)(const struct ifcc_link *l, char *buf, size_t n);
	/* Writes the `ip link` arguments for the kind bits `fields` of l: for a new link
	 * everything after `link add name NAME` (" link br0 type vlan id 10"), for a change
	 * everything after `link set dev NAME` (" type bridge stp_state 1"). */
	void (*ip_args)(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out);
	/* Kind bits the kernel fixes at creation: a change means delete and create again. */
	uint32_t fixed;
	/* Writes the IFLA_INFO_DATA attributes of the kind bits `fields` of l into m, for a
	 * new link when `add` (the caller has opened the nest); index_of(ctx, name) gives a link's ifindex, including
	 * one chosen for a link created in the same batch. 0 or a negative errno. */
	int (*to_nl)(const struct ifcc_link *l, uint32_t fields, bool add, struct nl_msg *m,
	             int (*index_of)(void *ctx, const char *name), void *ctx);
};

/* The operations of kind k (never NULL for k < LK__COUNT). */
const struct ifcc_link_ops *link_ops_get(enum ifcc_link_kind k);

extern const struct ifcc_link_ops link_physical_ops, link_bridge_ops, link_vlan_ops,
    link_macvlan_ops, link_bond_ops, link_vrf_ops, link_vxlan_ops, link_veth_ops, link_dummy_ops;

#endif
