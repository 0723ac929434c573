/*
 * Requests for link ops: RTM_NEWLINK to create (NLM_F_CREATE | NLM_F_EXCL, with the
 * ifindex chosen in advance) or to change a link in place, RTM_DELLINK to delete it. The
 * generic fields are written here; the kind's own data (IFLA_INFO_DATA) by the kind's
 * to_nl hook in link_KIND.c.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>

#include "exec_int.h"
#include "link_ops.h"

static const char *lower_of(const struct ifcc_link *l)
{
	if (l->kind == LK_VLAN && (l->set & VLF_LOWER))
		return l->u.vlan.lower;
	if (l->kind == LK_MACVLAN && (l->set & MVF_LOWER))
		return l->u.macvlan.lower;
	return NULL;
}

static int index_of(void *ctx, const char *name)
{
	return exec_ifindex(ctx, name);
}

/* A request on link l: header (ifindex, admin state) and the generic fields in f. */
static struct nl_msg *link_request(struct exec *x, int type, int flags, int ifindex,
                                   const struct ifcc_link *l, uint32_t f)
{
	struct nl_msg *m = nlmsg_alloc_simple(type, flags);
	struct ifinfomsg ifi = {
	    .ifi_family = AF_UNSPEC,
	    .ifi_index = ifindex,
	    .ifi_flags = (f & LF_ADMIN) && l->up ? IFF_UP : 0,
	    .ifi_change = f & LF_ADMIN ? IFF_UP : 0,
	};
	int master = (f & LF_MASTER) && l->master ? exec_ifindex(x, l->master) : 0;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    (type == RTM_NEWLINK && (flags & NLM_F_CREATE) &&
	     nla_put_string(m, IFLA_IFNAME, l->name) < 0) ||
	    ((f & LF_MTU) && nla_put_u32(m, IFLA_MTU, l->mtu) < 0) ||
	    ((f & LF_ADDRESS) && nla_put(m, IFLA_ADDRESS, 6, l->address.b) < 0) ||
	    ((f & LF_ALIAS) && nla_put_string(m, IFLA_IFALIAS, l->alias ? l->alias : "") < 0) ||
	    ((f & LF_MASTER) && nla_put_u32(m, IFLA_MASTER, (uint32_t)master) < 0)) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

/* IFLA_LINKINFO with the kind and the kind bits in f. */
static int put_linkinfo(struct exec *x, struct nl_msg *m, const struct ifcc_link *l, uint32_t f,
                        bool add)
{
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	struct nlattr *info = nla_nest_start(m, IFLA_LINKINFO), *data;
	if (!info || nla_put_string(m, IFLA_INFO_KIND, ops->name) < 0)
		return -ENOMEM;
	if (ops->to_nl && (f & ~0xffu)) {
		if (!(data = nla_nest_start(m, IFLA_INFO_DATA)))
			return -ENOMEM;
		int r = ops->to_nl(l, f, add, m, index_of, x);
		if (r < 0)
			return r;
		nla_nest_end(m, data);
	}
	nla_nest_end(m, info);
	return 0;
}

static int send_set(struct exec *x, size_t k, int index, const struct ifcc_link *l, uint32_t f)
{
	struct nl_msg *m = link_request(x, RTM_NEWLINK, 0, index, l, f);
	if (!m)
		return -ENOMEM;
	int r = f & ~0xffu ? put_linkinfo(x, m, l, f, false) : 0;
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	return exec_send(x, k, m);
}

/* The bridge port flags of l (RTM_SETLINK of family AF_BRIDGE, IFLA_PROTINFO). */
static int send_brport(struct exec *x, size_t k, int index, const struct ifcc_link *l)
{
	struct nl_msg *m = nlmsg_alloc_simple(RTM_SETLINK, 0);
	struct ifinfomsg ifi = {.ifi_family = AF_BRIDGE, .ifi_index = index};
	struct nlattr *pi;
	const struct ifcc_brport *b = &l->brport;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    !(pi = nla_nest_start(m, IFLA_PROTINFO | NLA_F_NESTED)) ||
	    ((b->set & BP_LEARNING) && nla_put_u8(m, IFLA_BRPORT_LEARNING, b->learning) < 0) ||
	    ((b->set & BP_NEIGH_SUPPRESS) &&
	     nla_put_u8(m, IFLA_BRPORT_NEIGH_SUPPRESS, b->neigh_suppress) < 0) ||
	    ((b->set & BP_VLAN_TUNNEL) && nla_put_u8(m, IFLA_BRPORT_VLAN_TUNNEL, b->vlan_tunnel) < 0) ||
	    ((b->set & BP_MCAST_ROUTER) &&
	     nla_put_u8(m, IFLA_BRPORT_MULTICAST_ROUTER, b->mcast_router) < 0)) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	nla_nest_end(m, pi);
	return exec_send(x, k, m);
}

static int link_add(struct exec *x, size_t k, const struct ifcc_link *l)
{
	int index = exec_new_index(x);
	if (exec_name_set(x, l->name, index) < 0)
		return -ENOMEM;
	if (l->kind == LK_VETH && (l->set & VEF_PEER) && !exec_ifindex(x, l->u.veth.peer) &&
	    exec_name_set(x, l->u.veth.peer, exec_new_index(x)) < 0)
		return -ENOMEM;
	/* A bond port is created down and without its master (plan.h, bond_port). */
	bool later = x->p->v[k].bond_port;
	uint32_t f = l->set & (later ? ~(uint32_t)(LF_MASTER | LF_ADMIN) : ~0u);
	struct nl_msg *m = link_request(x, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, index, l, f);
	if (!m)
		return -ENOMEM;
	const char *lower = lower_of(l);
	int r = lower && nla_put_u32(m, IFLA_LINK, (uint32_t)exec_ifindex(x, lower)) < 0 ? -ENOMEM
	                                                                                  : 0;
	if (!r && l->kind != LK_PHYSICAL)
		r = put_linkinfo(x, m, l, f, true);
	if (r < 0) {
		nlmsg_free(m);
		return r;
	}
	if ((r = exec_send(x, k, m)) < 0)
		return r;
	/* The kernel sets no alias at creation; a bond port gets it before its master. */
	if ((l->set & LF_ALIAS) && (r = send_set(x, k, index, l, LF_ALIAS)) < 0)
		return r;
	if (later && (r = send_set(x, k, index, l, LF_MASTER)) < 0)
		return r;
	if (later && (l->set & LF_ADMIN) && l->up && (r = send_set(x, k, index, l, LF_ADMIN)) < 0)
		return r;
	return l->set & LF_BRPORT && l->master ? send_brport(x, k, index, l) : 0;
}

static int link_set(struct exec *x, size_t k, const struct ifcc_op *op)
{
	const struct ifcc_link *l = op->obj.link;
	int index = exec_ifindex(x, l->name);
	if (!index)
		return -ENODEV;
	uint32_t f = op->fields & ~(uint32_t)LF_BRPORT;
	int r;
	if (!op->bond_port) {
		r = f ? send_set(x, k, index, l, f) : 0;
		return !r && (op->fields & LF_BRPORT) ? send_brport(x, k, index, l) : r;
	}
	/* plan.h, bond_port: down with every other field, the master alone, then up again if
	 * it was or is to be up. */
	struct ifcc_link down = *l;
	down.up = false;
	r = send_set(x, k, index, &down, LF_ADMIN | (f & ~(uint32_t)(LF_ADMIN | LF_MASTER)));
	if (!r)
		r = send_set(x, k, index, l, LF_MASTER);
	bool up = f & LF_ADMIN ? l->up : !op->old.link || op->old.link->up;
	if (!r && up) {
		struct ifcc_link on = *l;
		on.up = true;
		r = send_set(x, k, index, &on, LF_ADMIN);
	}
	return r;
}

static int link_del(struct exec *x, size_t k, const struct ifcc_link *l)
{
	int index = exec_ifindex(x, l->name);
	if (!index)
		return -ENODEV;
	struct nl_msg *m = link_request(x, RTM_DELLINK, 0, index, l, 0);
	return m ? exec_send(x, k, m) : -ENOMEM;
}

int exec_link(struct exec *x, size_t k)
{
	const struct ifcc_op *op = &x->p->v[k];
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
		return link_add(x, k, op->obj.link);
	case IFCC_OP_LINK_SET:
		return link_set(x, k, op);
	case IFCC_OP_LINK_DEL:
		return link_del(x, k, op->obj.link);
	default:
		return -EINVAL;
	}
}
