/*
 * Requests for the ops on objects: addresses (RTM_NEWADDR/DELADDR), routes
 * (RTM_NEWROUTE/DELROUTE), bridge VLANs (RTM_SETLINK/DELLINK of family AF_BRIDGE with
 * IFLA_AF_SPEC), FDB entries (RTM_NEWNEIGH/DELNEIGH of family AF_BRIDGE), rules
 * (RTM_NEWRULE, then RTM_DELRULE of the one moved); and sysctls,
 * written through /proc/sys.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_bridge.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <sys/socket.h>

#include "exec_int.h"

static int family_of(const struct ifcc_ip *ip)
{
	return ip->family == IFCC_AF_INET6 ? AF_INET6 : AF_INET;
}

static int ip_len(const struct ifcc_ip *ip)
{
	return ip->family == IFCC_AF_INET6 ? 16 : 4;
}

static int address_msg(struct exec *x, const struct ifcc_op *op, struct nl_msg **out)
{
	const struct ifcc_address *ad = op->obj.addr;
	bool add = op->kind == IFCC_OP_ADDR_ADD;
	int ifindex = exec_ifindex(x, ad->ifname);
	if (!ifindex)
		return -ENODEV;
	struct nl_msg *m = nlmsg_alloc_simple(add ? RTM_NEWADDR : RTM_DELADDR,
	                                      add ? NLM_F_CREATE | (op->replace ? NLM_F_REPLACE
	                                                                        : NLM_F_EXCL)
	                                          : 0);
	struct ifaddrmsg ifa = {
	    .ifa_family = (uint8_t)family_of(&ad->prefix.ip),
	    .ifa_prefixlen = ad->prefix.len,
	    .ifa_index = (uint32_t)ifindex,
	};
	if (!m || nlmsg_append(m, &ifa, sizeof(ifa), NLMSG_ALIGNTO) < 0 ||
	    nla_put(m, IFA_LOCAL, ip_len(&ad->prefix.ip), ad->prefix.ip.addr) < 0 ||
	    nla_put(m, IFA_ADDRESS, ip_len(&ad->prefix.ip), ad->prefix.ip.addr) < 0 ||
	    (add && ad->metric && nla_put_u32(m, IFA_RT_PRIORITY, ad->metric) < 0) ||
	    (add && (ad->flags & IFCC_ADDR_NODAD) && nla_put_u32(m, IFA_FLAGS, IFA_F_NODAD) < 0)) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

/* The routing table of VRF `name` in the desired state, else in the actual one; 0 when
 * unknown. */
static uint32_t vrf_table(const struct exec *x, const char *name)
{
	const struct ifcc_state *states[2] = {x->des, x->act};
	for (size_t k = 0; k < 2; k++) {
		const struct ifcc_link *l = states[k] ? ifcc_state_find_link(states[k], name) : NULL;
		if (l && l->kind == LK_VRF && l->u.vrf.table)
			return l->u.vrf.table;
	}
	/* vrf-table auto: the planner chose the table in the link-add op */
	for (size_t k = 0; k < x->p->n; k++) {
		const struct ifcc_op *op = &x->p->v[k];
		if (op->kind == IFCC_OP_LINK_ADD && op->obj.link->kind == LK_VRF &&
		    !strcmp(op->obj.link->name, name))
			return op->obj.link->u.vrf.table;
	}
	return 0;
}

static int route_msg(struct exec *x, const struct ifcc_op *op, struct nl_msg **out)
{
	const struct ifcc_route *rt = op->obj.route;
	bool add = op->kind == IFCC_OP_ROUTE_ADD;
	uint32_t table = rt->vrf ? vrf_table(x, rt->vrf) : RT_TABLE_MAIN;
	int oif = rt->dev ? exec_ifindex(x, rt->dev) : 0;
	if (!table || (rt->dev && !oif))
		return -ENODEV;
	struct nl_msg *m = nlmsg_alloc_simple(add ? RTM_NEWROUTE : RTM_DELROUTE,
	                                      add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	struct rtmsg r = {
	    .rtm_family = (uint8_t)family_of(&rt->dst.ip),
	    .rtm_dst_len = rt->dst.len,
	    .rtm_table = table < 256 ? (uint8_t)table : RT_TABLE_UNSPEC,
	    .rtm_protocol = RTPROT_KERNEL, /* as ifupdown2 adds gateway routes */
	    .rtm_scope = RT_SCOPE_UNIVERSE,
	    .rtm_type = RTN_UNICAST,
	    .rtm_flags = rt->onlink ? RTNH_F_ONLINK : 0,
	};
	if (!m || nlmsg_append(m, &r, sizeof(r), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(m, RTA_TABLE, table) < 0 ||
	    (rt->dst.len && nla_put(m, RTA_DST, ip_len(&rt->dst.ip), rt->dst.ip.addr) < 0) ||
	    nla_put(m, RTA_GATEWAY, ip_len(&rt->gateway), rt->gateway.addr) < 0 ||
	    (oif && nla_put_u32(m, RTA_OIF, (uint32_t)oif) < 0) ||
	    (rt->metric && nla_put_u32(m, RTA_PRIORITY, rt->metric) < 0)) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

static int vlan_msg(struct exec *x, const struct ifcc_op *op, struct nl_msg **out)
{
	const struct ifcc_bridge_vlan *v = op->obj.vlan;
	bool add = op->kind == IFCC_OP_VLAN_ADD;
	int ifindex = exec_ifindex(x, v->ifname);
	if (!ifindex)
		return -ENODEV;
	struct nl_msg *m = nlmsg_alloc_simple(add ? RTM_SETLINK : RTM_DELLINK, 0);
	struct ifinfomsg ifi = {.ifi_family = AF_BRIDGE, .ifi_index = ifindex};
	struct bridge_vlan_info info = {
	    .flags = (uint16_t)((add && v->pvid ? BRIDGE_VLAN_INFO_PVID : 0) |
	                        (add && v->untagged ? BRIDGE_VLAN_INFO_UNTAGGED : 0)),
	    .vid = v->vid,
	};
	struct nlattr *spec;
	if (!m || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    !(spec = nla_nest_start(m, IFLA_AF_SPEC)) ||
	    (v->self && nla_put_u16(m, IFLA_BRIDGE_FLAGS, BRIDGE_FLAGS_SELF) < 0) ||
	    nla_put(m, IFLA_BRIDGE_VLAN_INFO, sizeof(info), &info) < 0)
		goto nomem;
	if (add && v->tunnel_id) {
		struct nlattr *t = nla_nest_start(m, IFLA_BRIDGE_VLAN_TUNNEL_INFO);
		if (!t || nla_put_u32(m, IFLA_BRIDGE_VLAN_TUNNEL_ID, v->tunnel_id) < 0 ||
		    nla_put_u16(m, IFLA_BRIDGE_VLAN_TUNNEL_VID, v->vid) < 0 ||
		    nla_put_u16(m, IFLA_BRIDGE_VLAN_TUNNEL_FLAGS, 0) < 0)
			goto nomem;
		nla_nest_end(m, t);
	}
	nla_nest_end(m, spec);
	*out = m;
	return 0;
nomem:
	nlmsg_free(m);
	return -ENOMEM;
}

static int fdb_msg(struct exec *x, const struct ifcc_op *op, struct nl_msg **out)
{
	const struct ifcc_fdb *f = op->obj.fdb;
	bool add = op->kind == IFCC_OP_FDB_ADD;
	int ifindex = exec_ifindex(x, f->ifname);
	if (!ifindex)
		return -ENODEV;
	struct nl_msg *m = nlmsg_alloc_simple(add ? RTM_NEWNEIGH : RTM_DELNEIGH,
	                                      add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	struct ndmsg nd = {
	    .ndm_family = AF_BRIDGE,
	    .ndm_ifindex = ifindex,
	    .ndm_state = NUD_NOARP | NUD_PERMANENT,
	    .ndm_flags = (uint8_t)((f->self ? NTF_SELF : 0) | (f->master ? NTF_MASTER : 0)),
	};
	if (!m || nlmsg_append(m, &nd, sizeof(nd), NLMSG_ALIGNTO) < 0 ||
	    nla_put(m, NDA_LLADDR, 6, f->mac.b) < 0 ||
	    (f->vid && nla_put_u16(m, NDA_VLAN, f->vid) < 0)) {
		nlmsg_free(m);
		return -ENOMEM;
	}
	*out = m;
	return 0;
}

/* "from all lookup TABLE" at priority prio. */
static struct nl_msg *rule_msg(int type, const struct ifcc_fib_rule *ru, uint32_t prio)
{
	struct nl_msg *m =
	    nlmsg_alloc_simple(type, type == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0);
	struct fib_rule_hdr h = {
	    .family = ru->family == IFCC_AF_INET6 ? AF_INET6 : AF_INET,
	    .table = ru->table < 256 ? (uint8_t)ru->table : RT_TABLE_UNSPEC,
	    .action = FR_ACT_TO_TBL,
	};
	if (!m || nlmsg_append(m, &h, sizeof(h), NLMSG_ALIGNTO) < 0 ||
	    nla_put_u32(m, FRA_PRIORITY, prio) < 0 || nla_put_u32(m, FRA_TABLE, ru->table) < 0) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static int rule_set(struct exec *x, size_t k)
{
	const struct ifcc_op *op = &x->p->v[k];
	struct nl_msg *m = rule_msg(RTM_NEWRULE, op->obj.rule, op->obj.rule->priority);
	int r = m ? exec_send(x, k, m) : -ENOMEM;
	if (r < 0 || !op->old.rule)
		return r;
	m = rule_msg(RTM_DELRULE, op->old.rule, op->old.rule->priority);
	return m ? exec_send(x, k, m) : -ENOMEM;
}

int exec_object(struct exec *x, size_t k)
{
	const struct ifcc_op *op = &x->p->v[k];
	struct nl_msg *m = NULL;
	int r;
	switch (op->kind) {
	case IFCC_OP_ADDR_ADD:
	case IFCC_OP_ADDR_DEL:
		r = address_msg(x, op, &m);
		break;
	case IFCC_OP_ROUTE_ADD:
	case IFCC_OP_ROUTE_DEL:
		r = route_msg(x, op, &m);
		break;
	case IFCC_OP_VLAN_ADD:
	case IFCC_OP_VLAN_DEL:
		r = vlan_msg(x, op, &m);
		break;
	case IFCC_OP_FDB_ADD:
	case IFCC_OP_FDB_DEL:
		r = fdb_msg(x, op, &m);
		break;
	case IFCC_OP_RULE_SET:
		return rule_set(x, k);
	default:
		return -EINVAL;
	}
	return r < 0 ? r : exec_send(x, k, m);
}

int exec_sysctl(const struct ifcc_sysctl *s)
{
	/* net.ipv6.conf.swp1/100.accept_dad -> /proc/sys/net/ipv6/conf/swp1.100/accept_dad */
	char path[512] = "/proc/sys/";
	size_t n = strlen(path);
	for (const char *p = s->name; *p && n + 1 < sizeof(path); p++)
		path[n++] = *p == '.' ? '/' : *p == '/' ? '.' : *p;
	path[n] = '\0';
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	size_t len = strlen(s->value);
	ssize_t w = write(fd, s->value, len);
	int err = w == (ssize_t)len ? 0 : w < 0 ? -errno : -EIO;
	close(fd);
	return err;
}
