/*
 * Bridge VLANs. An AF_BRIDGE link dump with RTEXT_FILTER_BRVLAN answers, for every bridge
 * port and every bridge, its VLANs in IFLA_AF_SPEC. Read raw: libnl's
 * rtnl_link_bridge_get_port_vlan gives the VLAN bitmaps but not the tunnel ids of a
 * single VXLAN device's VLANs.
 */
#include <errno.h>
#include <string.h>

#include <linux/if_bridge.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <netlink/attr.h>

#include "nl_int.h"

#define VID_MAX 4095

static int add_vlan(struct nld_ctx *c, const char *ifname, bool self, unsigned vid, uint16_t flags,
                    uint32_t *where)
{
	if (vid > VID_MAX)
		return 0;
	struct ifcc_bridge_vlan *v = ifcc_state_add_bridge_vlan(c->s);
	if (!v)
		return -ENOMEM;
	v->ifname = ifname;
	v->vid = (uint16_t)vid;
	v->pvid = flags & BRIDGE_VLAN_INFO_PVID;
	v->untagged = flags & BRIDGE_VLAN_INFO_UNTAGGED;
	v->self = self;
	where[vid] = (uint32_t)c->s->bridge_vlans.n; /* index + 1 */
	return 0;
}

/* IFLA_BRIDGE_VLAN_INFO entries: single VLANs, or a RANGE_BEGIN entry and a RANGE_END one. */
static int vlans(struct nld_ctx *c, struct nlattr *spec, const char *ifname, bool self,
                 uint32_t *where)
{
	struct nlattr *a;
	int rem, r = 0;
	unsigned begin = 0;
	nla_for_each_nested(a, spec, rem)
	{
		if (nla_type(a) != IFLA_BRIDGE_VLAN_INFO ||
		    nla_len(a) < (int)sizeof(struct bridge_vlan_info))
			continue;
		const struct bridge_vlan_info *vi = nla_data(a);
		if (vi->flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			begin = vi->vid;
			continue;
		}
		unsigned lo = vi->flags & BRIDGE_VLAN_INFO_RANGE_END ? begin : vi->vid;
		for (unsigned vid = lo; !r && vid <= vi->vid; vid++)
			r = add_vlan(c, ifname, self, vid, vi->flags, where);
	}
	return r;
}

/* IFLA_BRIDGE_VLAN_TUNNEL_INFO entries (VID -> tunnel id), ranges as for the VLANs: the
 * ids of a range count up with the VIDs. */
static void tunnels(struct nld_ctx *c, struct nlattr *spec, const uint32_t *where)
{
	static const struct nla_policy pol[IFLA_BRIDGE_VLAN_TUNNEL_MAX + 1] = {
	    [IFLA_BRIDGE_VLAN_TUNNEL_ID] = {.type = NLA_U32},
	    [IFLA_BRIDGE_VLAN_TUNNEL_VID] = {.type = NLA_U16},
	    [IFLA_BRIDGE_VLAN_TUNNEL_FLAGS] = {.type = NLA_U16},
	};
	struct nlattr *a, *tb[IFLA_BRIDGE_VLAN_TUNNEL_MAX + 1];
	int rem;
	unsigned begin_vid = 0;
	uint32_t begin_id = 0;
	nla_for_each_nested(a, spec, rem)
	{
		if (nla_type(a) != IFLA_BRIDGE_VLAN_TUNNEL_INFO ||
		    nla_parse_nested(tb, IFLA_BRIDGE_VLAN_TUNNEL_MAX, a, pol) < 0 ||
		    !tb[IFLA_BRIDGE_VLAN_TUNNEL_ID] || !tb[IFLA_BRIDGE_VLAN_TUNNEL_VID])
			continue;
		uint32_t id = nla_get_u32(tb[IFLA_BRIDGE_VLAN_TUNNEL_ID]);
		unsigned vid = nla_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_VID]);
		uint16_t flags = tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS]
		                     ? nla_get_u16(tb[IFLA_BRIDGE_VLAN_TUNNEL_FLAGS])
		                     : 0;
		if (flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
			begin_vid = vid;
			begin_id = id;
			continue;
		}
		if (!(flags & BRIDGE_VLAN_INFO_RANGE_END)) {
			begin_vid = vid;
			begin_id = id;
		}
		for (unsigned v = begin_vid; v <= vid && v <= VID_MAX; v++)
			if (where[v])
				c->s->bridge_vlans.v[where[v] - 1].tunnel_id =
				    begin_id + (v - begin_vid);
	}
}

/* A port's flags (IFLA_PROTINFO, nested): learning, ARP/ND suppression, VLAN tunnelling. */
static void port_flags(struct nld_ctx *c, const char *ifname, struct nlattr *pi)
{
	struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	if (!pi || !(nla_type(pi) == IFLA_PROTINFO) || !(pi->nla_type & NLA_F_NESTED) ||
	    nla_parse_nested(tb, IFLA_BRPORT_MAX, pi, NULL) < 0)
		return;
	struct ifcc_link *l = NULL;
	for (size_t k = 0; k < c->s->links.n && !l; k++)
		if (!strcmp(c->s->links.v[k].name, ifname))
			l = &c->s->links.v[k];
	if (!l)
		return;
	static const struct {
		int attr;
		uint8_t bit;
	} flags[] = {{IFLA_BRPORT_LEARNING, BP_LEARNING},
	             {IFLA_BRPORT_NEIGH_SUPPRESS, BP_NEIGH_SUPPRESS},
	             {IFLA_BRPORT_VLAN_TUNNEL, BP_VLAN_TUNNEL}};
	for (size_t k = 0; k < sizeof(flags) / sizeof(*flags); k++) {
		if (!tb[flags[k].attr])
			continue;
		bool v = nla_get_u8(tb[flags[k].attr]) != 0;
		if (flags[k].bit == BP_LEARNING)
			l->brport.learning = v;
		else if (flags[k].bit == BP_NEIGH_SUPPRESS)
			l->brport.neigh_suppress = v;
		else
			l->brport.vlan_tunnel = v;
		l->brport.set |= flags[k].bit;
	}
	if (tb[IFLA_BRPORT_MULTICAST_ROUTER]) {
		l->brport.mcast_router = nla_get_u8(tb[IFLA_BRPORT_MULTICAST_ROUTER]);
		l->brport.set |= BP_MCAST_ROUTER;
	}
	if (l->brport.set)
		l->set |= LF_BRPORT;
}

int nld_brvlan_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	if (h->nlmsg_type != RTM_NEWLINK || !nlmsg_valid_hdr(h, (int)sizeof(struct ifinfomsg)))
		return 0;
	const struct ifinfomsg *ifi = nlmsg_data(h);
	const char *ifname = nld_ifname(c, ifi->ifi_index);
	struct nlattr *spec = nlmsg_find_attr(h, sizeof(*ifi), IFLA_AF_SPEC);
	struct nlattr *ma0 = nlmsg_find_attr(h, sizeof(*ifi), IFLA_MASTER);
	if (ifname && ma0 && (int)nla_get_u32(ma0) != ifi->ifi_index)
		port_flags(c, ifname, nlmsg_find_attr(h, sizeof(*ifi), IFLA_PROTINFO));
	if (!ifname || !spec)
		return 0;
	/* A bridge answers for its ports with IFLA_MASTER naming it, and for itself with
	 * IFLA_MASTER naming itself (or none): its own VLANs are `self` ones. A device that
	 * answers for itself without being a bridge (a NIC's embedded switch) has no VLANs of
	 * the model. */
	struct nlattr *ma = nlmsg_find_attr(h, sizeof(*ifi), IFLA_MASTER);
	bool self = !ma || (int)nla_get_u32(ma) == ifi->ifi_index;
	const struct ifcc_link *l = self ? ifcc_state_find_link(c->s, ifname) : NULL;
	if (self && (!l || l->kind != LK_BRIDGE))
		return 0;
	uint32_t where[VID_MAX + 1] = {0}; /* VID -> index + 1 of its VLAN of this message */
	int r = vlans(c, spec, ifname, self, where);
	if (!r)
		tunnels(c, spec, where);
	return r;
}

static void brvlan_restart(struct nld_ctx *c)
{
	c->s->bridge_vlans.n = c->mark;
}

int nld_bridge_vlans(struct nld_ctx *c)
{
	struct ifinfomsg hdr = {.ifi_family = AF_BRIDGE};
	c->mark = c->s->bridge_vlans.n;
	return nld_dump(c, "bridge VLANs", RTM_GETLINK, &hdr, sizeof(hdr), RTEXT_FILTER_BRVLAN,
	                nld_brvlan_msg, brvlan_restart);
}
