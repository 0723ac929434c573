/* Addresses: every one, link-local and loopback included (the planner knows the kernel's). */
#include <errno.h>
#include <string.h>

#include <linux/if_addr.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/route/addr.h>

#include "nl_int.h"

struct one_addr {
	struct nld_ctx *c;
	struct nlmsghdr *h;
	int r;
};

static int addr_from(struct nld_ctx *c, struct rtnl_addr *ra, struct nlmsghdr *h)
{
	const char *ifname = nld_ifname(c, rtnl_addr_get_ifindex(ra));
	struct nl_addr *local = rtnl_addr_get_local(ra);
	if (!ifname || !local)
		return 0; /* on a link that came after the link dump */
	unsigned len = nl_addr_get_len(local);
	int fam = nl_addr_get_family(local);
	if (!((fam == AF_INET && len == 4) || (fam == AF_INET6 && len == 16)))
		return 0;
	struct ifcc_address *ad = ifcc_state_add_address(c->s);
	if (!ad)
		return -ENOMEM;
	ad->ifname = ifname;
	ad->prefix.ip.family = len == 4 ? IFCC_AF_INET : IFCC_AF_INET6;
	memcpy(ad->prefix.ip.addr, nl_addr_get_binary_addr(local), len);
	ad->prefix.len = (uint8_t)rtnl_addr_get_prefixlen(ra);
	ad->prefix.has_len = true;
	ad->flags = rtnl_addr_get_flags(ra) & IFA_F_NODAD ? IFCC_ADDR_NODAD : 0;
	/* libnl 3.7 has no accessor for the prefix route's metric. */
	struct nlattr *prio = nlmsg_find_attr(h, sizeof(struct ifaddrmsg), IFA_RT_PRIORITY);
	if (prio && nla_len(prio) >= 4)
		ad->metric = nla_get_u32(prio);
	return 0;
}

static void on_addr(struct nl_object *o, void *arg)
{
	struct one_addr *p = arg;
	p->r = addr_from(p->c, (struct rtnl_addr *)o, p->h);
}

int nld_addr_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct one_addr p = {c, nlmsg_hdr(m), 0};
	if (p.h->nlmsg_type != RTM_NEWADDR)
		return 0;
	int r = nl_msg_parse(m, on_addr, &p);
	if (r < 0)
		return r == -NLE_NOMEM
		           ? -ENOMEM
		           : nld_fail(c, -EIO, "cannot read an address: %s", nl_geterror(r));
	return p.r;
}

static void addr_restart(struct nld_ctx *c)
{
	c->s->addresses.n = c->mark;
}

int nld_addresses(struct nld_ctx *c)
{
	struct ifaddrmsg hdr = {.ifa_family = AF_UNSPEC};
	c->mark = c->s->addresses.n;
	return nld_dump(c, "addresses", RTM_GETADDR, &hdr, sizeof(hdr), 0, nld_addr_msg,
	                addr_restart);
}
