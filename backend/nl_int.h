/*
 * What the netlink dump's files (nl_*.c) share. Each object kind is one dump request and
 * one handler per answer message; the handlers take a struct nl_msg so that unit tests can
 * feed them hand-built messages for kinds this machine's kernel cannot create.
 */
#ifndef IFCC_BACKEND_NL_INT_H
#define IFCC_BACKEND_NL_INT_H

#include <stddef.h>
#include <stdint.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "ifcc/netlink.h"

/* One link of the namespace: what the other objects refer to by ifindex. */
struct nld_ifname {
	int ifindex;
	const char *name;
	bool conf; /* its sysctls came with the link (IFLA_AF_SPEC): /proc/sys not read */
};

struct nld_ctx {
	struct arena *a;
	struct ifcc_state *s;
	struct ifcc_diags *d;
	struct nl_sock *sk;
	struct nld_ifname *names; /* sorted by ifindex */
	size_t nnames, names_cap;
	struct ptrvec raw; /* RTM_NEWLINK answers (struct nlmsghdr *), kept until names are known */
	size_t mark; /* the dumped array's length before the dump: where a restart goes back */
	int err;     /* first failure of a message handler */
};

/* Handles one answer of a dump: 0, or a negative errno (the dump reads on, then fails). */
typedef int (*nld_msg_fn)(struct nld_ctx *c, struct nl_msg *m);

/*
 * Sends an rtnetlink dump request of `type` with the family header hdr (hdrlen bytes) and,
 * when ext_mask is not 0, IFLA_EXT_MASK; calls fn for every answer. An interrupted dump
 * (the kernel's tables changed under it) is run again from `restart`, which must undo
 * what fn added. 0, or a negative errno with an error diagnostic naming `what`.
 */
int nld_dump(struct nld_ctx *c, const char *what, int type, const void *hdr, size_t hdrlen,
             uint32_t ext_mask, nld_msg_fn fn, void (*restart)(struct nld_ctx *c));

/* Queues an error diagnostic (rule state-dump); returns err. */
int nld_fail(struct nld_ctx *c, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The name of link ifindex in this namespace; NULL when the link dump did not see it (it
 * came after the dump, or the index is of another namespace). */
const char *nld_ifname(const struct nld_ctx *c, int ifindex);
/* Adds ifindex -> name to c->names (kept sorted); 0 or -ENOMEM. */
int nld_name_add(struct nld_ctx *c, int ifindex, const char *name);

/* nl_link.c: every link into c->s with its kind data, and c->names. */
int nld_links(struct nld_ctx *c);
/* One RTM_NEWLINK message (names already known) into a link of c->s. */
int nld_link_msg(struct nld_ctx *c, struct nl_msg *m);

/* nl_addr.c: every address. */
int nld_addresses(struct nld_ctx *c);
int nld_addr_msg(struct nld_ctx *c, struct nl_msg *m);

/* nl_brvlan.c: the VLANs of bridge ports and bridges (links already in c->s, sorted). */
int nld_bridge_vlans(struct nld_ctx *c);
int nld_brvlan_msg(struct nld_ctx *c, struct nl_msg *m);

/* nld_fdb.c: static and permanent bridge FDB entries. */
int nld_fdb(struct nld_ctx *c);
int nld_fdb_msg(struct nld_ctx *c, struct nl_msg *m);

/* nl_route.c: default routes via a gateway of the main and VRF tables (links in c->s). */
int nld_routes(struct nld_ctx *c);
/* nl_route.c: rules ("from all lookup TABLE"); nld_rule_msg reads one RTM_NEWRULE. */
int nld_rule_msg(struct nld_ctx *c, struct nl_msg *m);
int nld_rules(struct nld_ctx *c);
int nld_route_msg(struct nld_ctx *c, struct nl_msg *m);

/* nl_sysctl.c: forwarding and DAD sysctls of every link, read below `root` ("/proc/sys"). */
int nld_sysctls(struct nld_ctx *c, const char *root);
/* The same sysctls of one link from its RTM_NEWLINK answer (IFLA_AF_SPEC: the devconf
 * arrays of both families), so that a dump reads no /proc/sys file for it: 1 when the
 * answer has them (the link's names entry is marked), 0 when not, or a negative errno. */
int nld_sysctls_from_link(struct nld_ctx *c, int ifindex, const char *ifname,
                          struct nlmsghdr *h);

#endif
