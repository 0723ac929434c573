/* veth pairs: the peer's name. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <netlink/attr.h>
#include <netlink/msg.h>
#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

static int veth_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                        struct ifcc_link *l)
{
	(void)a;
	(void)m;
	const struct ifcc_line *ln = ifcc_iface_first(i, "veth-peer-name");
	if (ln) {
		l->u.veth.peer = ln->text;
		l->set |= VEF_PEER;
	}
	return 0;
}

static uint32_t veth_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const char *x = a->u.veth.peer, *y = b->u.veth.peer;
	return strcmp(x ? x : "", y ? y : "") ? VEF_PEER : 0;
}

static int veth_to_json(const struct ifcc_link *l, json_t *o)
{
	return l->set & VEF_PEER ? sj_set(o, "peer", json_string(l->u.veth.peer)) : 0;
}

/* The peer is the link IFLA_LINK names; one in another namespace has no name here. */
static int veth_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	if (in->link) {
		l->u.veth.peer = in->link;
		l->set |= VEF_PEER;
	}
	return 0;
}

static int veth_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	int r = sj_get_str(a, o, "peer", &l->u.veth.peer, why);
	if (r < 0)
		return r;
	l->set |= r ? VEF_PEER : 0;
	return 0;
}

static void veth_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	snprintf(buf, n, "peer %s", l->u.veth.peer ? l->u.veth.peer : "?");
}

static void veth_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	(void)add;
	fputs(" type veth", out);
	if (fields & VEF_PEER)
		fprintf(out, " peer name %s", l->u.veth.peer);
}

static int veth_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                      struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                      void *ctx)
{
	(void)add;
	if (!(fields & VEF_PEER))
		return 0;
	/* the peer: its own ifinfomsg (with the index chosen for it) and its name */
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = index_of(ctx, l->u.veth.peer)};
	struct nlattr *peer = nla_nest_start(m, VETH_INFO_PEER);
	if (!peer || nlmsg_append(m, &ifi, sizeof(ifi), NLMSG_ALIGNTO) < 0 ||
	    nla_put_string(m, IFLA_IFNAME, l->u.veth.peer) < 0)
		return -ENOMEM;
	nla_nest_end(m, peer);
	return 0;
}

const struct ifcc_link_ops link_veth_ops = {
    .kind = LK_VETH,
    .name = "veth",
    .realise = veth_realise,
    .compare = veth_compare,
    .from_nl = veth_from_nl,
    .to_json = veth_to_json,
    .from_json = veth_from_json,
    .describe = veth_describe,
    .ip_args = veth_ip_args,
    .fixed = VEF_PEER,
    .to_nl = veth_to_nl,
};
