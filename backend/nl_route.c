/*
 * Routes. The model has default routes via a gateway only (`gateway` lines), in the main
 * table or a VRF's; every table of both families is dumped and the rest left out: other
 * destinations, routes without a gateway or of another type (a VRF table's unreachable
 * default), tables that are neither main nor a VRF's, and multipath routes (the model has
 * one gateway per route). Rules: those of the model's form, "from all lookup TABLE"
 * without any selector; the l3mdev rule and rules with selectors are left out.
 */
#include <errno.h>
#include <string.h>

#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/errno.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>

#include "nl_int.h"

/* The VRF whose table `table` is: *vrf NULL for main; false for any other table. */
static bool table_vrf(const struct nld_ctx *c, uint32_t table, const char **vrf)
{
	*vrf = NULL;
	if (table == RT_TABLE_MAIN)
		return true;
	for (size_t k = 0; k < c->s->links.n; k++) {
		const struct ifcc_link *l = &c->s->links.v[k];
		if (l->kind == LK_VRF && (l->set & VRF_TABLE) && l->u.vrf.table == table) {
			*vrf = l->name;
			return true;
		}
	}
	return false;
}

static bool ip_of(struct nl_addr *a, int family, struct ifcc_ip *out)
{
	unsigned len = family == AF_INET ? 4 : 16;
	if (!a || nl_addr_get_family(a) != family || nl_addr_get_len(a) != len)
		return false;
	out->family = family == AF_INET ? IFCC_AF_INET : IFCC_AF_INET6;
	memcpy(out->addr, nl_addr_get_binary_addr(a), len);
	return true;
}

static int route_from(struct nld_ctx *c, struct rtnl_route *rt)
{
	struct nl_addr *dst = rtnl_route_get_dst(rt);
	int family = rtnl_route_get_family(rt);
	const char *vrf;
	if ((family != AF_INET && family != AF_INET6) || rtnl_route_get_type(rt) != RTN_UNICAST ||
	    (dst && nl_addr_get_prefixlen(dst) != 0) || rtnl_route_get_nnexthops(rt) != 1 ||
	    !table_vrf(c, rtnl_route_get_table(rt), &vrf))
		return 0;
	struct rtnl_nexthop *nh = rtnl_route_nexthop_n(rt, 0);
	struct ifcc_ip gw;
	if (!nh || !ip_of(rtnl_route_nh_get_gateway(nh), family, &gw))
		return 0;
	struct ifcc_route *r = ifcc_state_add_route(c->s);
	if (!r)
		return -ENOMEM;
	r->vrf = vrf;
	r->dst.ip.family = gw.family;
	r->dst.has_len = true;
	r->gateway = gw;
	r->dev = nld_ifname(c, rtnl_route_nh_get_ifindex(nh));
	r->metric = rtnl_route_get_priority(rt);
	r->onlink = rtnl_route_nh_get_flags(nh) & RTNH_F_ONLINK;
	return 0;
}

struct one_route {
	struct nld_ctx *c;
	int r;
};

static void on_route(struct nl_object *o, void *arg)
{
	struct one_route *p = arg;
	p->r = route_from(p->c, (struct rtnl_route *)o);
}

int nld_route_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct one_route p = {c, 0};
	if (nlmsg_hdr(m)->nlmsg_type != RTM_NEWROUTE)
		return 0;
	int r = nl_msg_parse(m, on_route, &p);
	if (r < 0)
		return r == -NLE_NOMEM
		           ? -ENOMEM
		           : nld_fail(c, -EIO, "cannot read a route: %s", nl_geterror(r));
	return p.r;
}

static void route_restart(struct nld_ctx *c)
{
	c->s->routes.n = c->mark;
}

int nld_routes(struct nld_ctx *c)
{
	struct rtmsg hdr = {.rtm_family = AF_UNSPEC};
	c->mark = c->s->routes.n;
	return nld_dump(c, "routes", RTM_GETROUTE, &hdr, sizeof(hdr), 0, nld_route_msg,
	                route_restart);
}

/* A rule of the model's form, or 0 to leave it out. */
static int rule_from(struct nld_ctx *c, struct nlmsghdr *h)
{
	struct nlattr *tb[FRA_MAX + 1];
	const struct fib_rule_hdr *fr = nlmsg_data(h);
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*fr)) ||
	    nlmsg_parse(h, sizeof(*fr), tb, FRA_MAX, NULL) < 0)
		return nld_fail(c, -EIO, "cannot read a rule");
	if ((fr->family != AF_INET && fr->family != AF_INET6) || fr->src_len || fr->dst_len ||
	    fr->tos || fr->action != FR_ACT_TO_TBL || (fr->flags & FIB_RULE_INVERT))
		return 0;
	for (int k = 0; k <= FRA_MAX; k++)
		if (tb[k] && k != FRA_TABLE && k != FRA_PRIORITY && k != FRA_PROTOCOL &&
		    !(k == FRA_SUPPRESS_PREFIXLEN && nla_get_u32(tb[k]) == UINT32_MAX))
			return 0; /* a selector (or goto, l3mdev, suppress_prefixlength, ...) */
	struct ifcc_fib_rule want = {
	    .family = fr->family == AF_INET6 ? IFCC_AF_INET6 : IFCC_AF_INET,
	    .table = tb[FRA_TABLE] ? nla_get_u32(tb[FRA_TABLE]) : fr->table,
	    .priority = tb[FRA_PRIORITY] ? nla_get_u32(tb[FRA_PRIORITY]) : 0,
	};
	/* One per table and family: the one the kernel looks at first. */
	for (size_t k = c->mark; k < c->s->rules.n; k++) {
		struct ifcc_fib_rule *o = &c->s->rules.v[k];
		if (!ifcc_fib_rule_key_cmp(o, &want)) {
			if (want.priority < o->priority)
				o->priority = want.priority;
			return 0;
		}
	}
	struct ifcc_fib_rule *ru = ifcc_state_add_fib_rule(c->s);
	if (!ru)
		return -ENOMEM;
	*ru = want;
	return 0;
}

int nld_rule_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	return h->nlmsg_type == RTM_NEWRULE ? rule_from(c, h) : 0;
}

static void rule_restart(struct nld_ctx *c)
{
	c->s->rules.n = c->mark;
}

int nld_rules(struct nld_ctx *c)
{
	struct fib_rule_hdr hdr = {.family = AF_UNSPEC};
	c->mark = c->s->rules.n;
	return nld_dump(c, "rules", RTM_GETRULE, &hdr, sizeof(hdr), 0, nld_rule_msg,
	                rule_restart);
}
