/*
 * Bridge FDB entries: an AF_BRIDGE neighbour dump, static and permanent entries of a
 * bridge's database on the bridge itself only (learned ones come and go with traffic; a
 * configuration makes none).
 *
 * What the flags of `bridge fdb add` become in the dump: a device's own entries (its
 * unicast and multicast address lists, a VXLAN device's remotes) come with NTF_SELF; the
 * entries of a bridge's database come with NDA_MASTER naming the bridge and without a
 * flag. Of those, one on the bridge itself is what `bridge fdb add MAC dev BRIDGE self`
 * made, one on a port what `bridge fdb add MAC dev PORT master` made.
 */
#include <errno.h>
#include <string.h>

#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>
#include <netlink/route/neighbour.h>

#include "nl_int.h"

static int fdb_from(struct nld_ctx *c, struct rtnl_neigh *n)
{
	int state = rtnl_neigh_get_state(n);
	if (state < 0 || !(state & (NUD_PERMANENT | NUD_NOARP)))
		return 0;
	int ifindex = rtnl_neigh_get_ifindex(n);
	const char *ifname = nld_ifname(c, ifindex);
	struct nl_addr *mac = rtnl_neigh_get_lladdr(n);
	if (!ifname || !mac || nl_addr_get_len(mac) != 6)
		return 0;
	/* Only the entries of a bridge's database on the bridge itself: what
	 * `bridge fdb add MAC dev BRIDGE self` makes, the only kind a configuration makes. A
	 * device's own address lists (NTF_SELF: a bond's multicast addresses, a bridge's
	 * IPv6 groups) and the entries the kernel keeps for its ports' MACs are not ours to
	 * plan, and the kernel flushes the latter when a port leaves. */
	int master = rtnl_neigh_get_master(n);
	if (master != ifindex)
		return 0;
	bool self = true, in_master = false;
	struct ifcc_fdb *f = ifcc_state_add_fdb(c->s);
	if (!f)
		return -ENOMEM;
	f->ifname = ifname;
	memcpy(f->mac.b, nl_addr_get_binary_addr(mac), 6);
	int vid = rtnl_neigh_get_vlan(n);
	f->vid = vid > 0 && vid < 4096 ? (uint16_t)vid : 0;
	f->self = self;
	f->master = in_master;
	return 0;
}

struct one_fdb {
	struct nld_ctx *c;
	int r;
};

static void on_fdb(struct nl_object *o, void *arg)
{
	struct one_fdb *p = arg;
	p->r = fdb_from(p->c, (struct rtnl_neigh *)o);
}

int nld_fdb_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct one_fdb p = {c, 0};
	if (nlmsg_hdr(m)->nlmsg_type != RTM_NEWNEIGH)
		return 0;
	int r = nl_msg_parse(m, on_fdb, &p);
	if (r < 0)
		return r == -NLE_NOMEM
		           ? -ENOMEM
		           : nld_fail(c, -EIO, "cannot read an FDB entry: %s", nl_geterror(r));
	return p.r;
}

static void fdb_restart(struct nld_ctx *c)
{
	c->s->fdb.n = c->mark;
}

int nld_fdb(struct nld_ctx *c)
{
	struct ndmsg hdr = {.ndm_family = AF_BRIDGE};
	c->mark = c->s->fdb.n;
	return nld_dump(c, "bridge FDB", RTM_GETNEIGH, &hdr, sizeof(hdr), 0, nld_fdb_msg,
	                fdb_restart);
}
