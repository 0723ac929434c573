/*
 * Links. libnl parses each RTM_NEWLINK answer into an rtnl_link (the common fields, and
 * most kind data through its rtnl_link_KIND_get_* accessors); the kinds' from_nl hooks
 * (link_KIND.c) read the rest from IFLA_INFO_DATA. A link names its master and lower
 * device by ifindex, and a link may name one dumped after it: the answers are kept and
 * read once the whole dump has given every name.
 */
#include <errno.h>
#include <string.h>

#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/route/link.h>

#include "link_ops.h"
#include "nl_int.h"

static int keep_answer(struct nld_ctx *c, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	if (h->nlmsg_type != RTM_NEWLINK || !nlmsg_valid_hdr(h, (int)sizeof(struct ifinfomsg)))
		return 0;
	const struct ifinfomsg *ifi = nlmsg_data(h);
	struct nlattr *nm = nlmsg_find_attr(h, sizeof(*ifi), IFLA_IFNAME);
	if (!nm)
		return 0; /* the kernel always names a link */
	struct nlmsghdr *copy = arena_alloc(c->a, h->nlmsg_len);
	const char *name =
	    arena_strndup(c->a, nla_data(nm), strnlen(nla_data(nm), (size_t)nla_len(nm)));
	if (!copy || !name)
		return -ENOMEM;
	memcpy(copy, h, h->nlmsg_len);
	if (nld_name_add(c, ifi->ifi_index, name) < 0 || ptrvec_push(c->a, &c->raw, copy) < 0)
		return -ENOMEM;
	return 0;
}

static void forget_answers(struct nld_ctx *c)
{
	c->raw.n = 0;
	c->nnames = 0;
}

static struct nlattr *info_data(struct nlmsghdr *h)
{
	struct nlattr *li = nlmsg_find_attr(h, sizeof(struct ifinfomsg), IFLA_LINKINFO);
	return li ? nla_find(nla_data(li), nla_len(li), IFLA_INFO_DATA) : NULL;
}

static int link_from(struct nld_ctx *c, struct rtnl_link *rl, struct nlmsghdr *h)
{
	const char *name = nld_ifname(c, rtnl_link_get_ifindex(rl));
	if (!name && rtnl_link_get_name(rl) && !(name = arena_strdup(c->a, rtnl_link_get_name(rl))))
		return -ENOMEM;
	if (!name)
		return 0;
	int r = nld_sysctls_from_link(c, rtnl_link_get_ifindex(rl), name, h);
	if (r < 0)
		return r;
	struct ifcc_link *l = ifcc_state_add_link(c->s);
	if (!l)
		return -ENOMEM;
	l->name = name;
	const char *type = rtnl_link_get_type(rl);
	int k = type ? ifcc_link_kind_from_name(type) : -1;
	/* Real NICs, lo and every kind the model does not know (tun, gre, ...) exist without
	 * a configuration creating them: physical. */
	l->kind = k > 0 ? (enum ifcc_link_kind)k : LK_PHYSICAL;
	l->mtu = rtnl_link_get_mtu(rl);
	l->up = rtnl_link_get_flags(rl) & IFF_UP;
	/* The kernel has no alias when none was set; as a field that is the empty alias
	 * (`ip link set alias ""` removes one). */
	const char *alias = rtnl_link_get_ifalias(rl);
	if (!(l->alias = arena_strdup(c->a, alias ? alias : "")))
		return -ENOMEM;
	int master = rtnl_link_get_master(rl);
	l->master = master ? nld_ifname(c, master) : NULL;
	l->set = LF_MTU | LF_ADMIN | LF_ALIAS | LF_MASTER;
	struct nl_addr *mac = rtnl_link_get_addr(rl);
	if (mac && nl_addr_get_len(mac) == sizeof(l->address.b)) {
		memcpy(l->address.b, nl_addr_get_binary_addr(mac), sizeof(l->address.b));
		l->set |= LF_ADDRESS;
	}
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	if (!ops->from_nl)
		return 0;
	/* IFLA_LINK with IFLA_LINK_NETNSID is an ifindex of another namespace. */
	int lower = rtnl_link_get_link(rl);
	int32_t nsid;
	struct link_nl in = {
	    .rl = rl,
	    .data = info_data(h),
	    .link =
	        lower && rtnl_link_get_link_netnsid(rl, &nsid) < 0 ? nld_ifname(c, lower) : NULL,
	};
	return ops->from_nl(c->a, &in, l);
}

struct one_link {
	struct nld_ctx *c;
	struct nlmsghdr *h;
	int r;
};

static void on_link(struct nl_object *o, void *arg)
{
	struct one_link *p = arg;
	p->r = link_from(p->c, (struct rtnl_link *)o, p->h);
}

int nld_link_msg(struct nld_ctx *c, struct nl_msg *m)
{
	struct one_link p = {c, nlmsg_hdr(m), 0};
	int r = nl_msg_parse(m, on_link, &p);
	if (r < 0)
		return r == -NLE_NOMEM
		           ? -ENOMEM
		           : nld_fail(c, -EIO, "cannot read a link: %s", nl_geterror(r));
	return p.r;
}

int nld_links(struct nld_ctx *c)
{
	struct ifinfomsg hdr = {.ifi_family = AF_UNSPEC};
	int r =
	    nld_dump(c, "links", RTM_GETLINK, &hdr, sizeof(hdr), 0, keep_answer, forget_answers);
	for (size_t k = 0; !r && k < c->raw.n; k++) {
		struct nl_msg *m = nlmsg_convert(c->raw.v[k]);
		if (!m)
			return -ENOMEM;
		/* A message made here, not received: libnl finds its parser by protocol. */
		nlmsg_set_proto(m, NETLINK_ROUTE);
		r = nld_link_msg(c, m);
		nlmsg_free(m);
	}
	return r;
}
