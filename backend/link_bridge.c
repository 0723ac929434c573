/* Bridges: VLAN filtering, default PVID, STP. */
#include <errno.h>
#include <stdio.h>

#include <linux/if_link.h>
#include <netlink/attr.h>

#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

static int bridge_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                          struct ifcc_link *l)
{
	(void)a;
	(void)m;
	l->u.bridge.vlan_filtering = i->vlan_aware;
	l->set |= BRF_VLAN_FILTERING;
	int stp = rz_bool(i, "bridge-stp");
	if (stp >= 0) {
		l->u.bridge.stp = stp;
		l->set |= BRF_STP;
	}
	return 0;
}

static uint32_t bridge_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const struct ifcc_link_bridge *x = &a->u.bridge, *y = &b->u.bridge;
	return (x->vlan_filtering != y->vlan_filtering ? BRF_VLAN_FILTERING : 0) |
	       (x->default_pvid != y->default_pvid ? BRF_DEFAULT_PVID : 0) |
	       (x->stp != y->stp ? BRF_STP : 0);
}

static int bridge_to_json(const struct ifcc_link *l, json_t *o)
{
	int r = 0;
	if (l->set & BRF_VLAN_FILTERING)
		r |= sj_set(o, "vlan_filtering", json_boolean(l->u.bridge.vlan_filtering));
	if (l->set & BRF_DEFAULT_PVID)
		r |= sj_set(o, "default_pvid", json_integer(l->u.bridge.default_pvid));
	if (l->set & BRF_STP)
		r |= sj_set(o, "stp", json_boolean(l->u.bridge.stp));
	return r ? -ENOMEM : 0;
}

/* libnl has no accessors for a bridge's own attributes (IFLA_BR_*): read raw. A kernel
 * without VLAN filtering reports no default PVID. */
static int bridge_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	static const struct nla_policy pol[IFLA_BR_MAX + 1] = {
	    [IFLA_BR_VLAN_FILTERING] = {.type = NLA_U8},
	    [IFLA_BR_VLAN_DEFAULT_PVID] = {.type = NLA_U16},
	    [IFLA_BR_STP_STATE] = {.type = NLA_U32},
	};
	struct nlattr *tb[IFLA_BR_MAX + 1];
	if (!in->data || nla_parse_nested(tb, IFLA_BR_MAX, in->data, pol) < 0)
		return 0;
	if (tb[IFLA_BR_VLAN_FILTERING]) {
		l->u.bridge.vlan_filtering = nla_get_u8(tb[IFLA_BR_VLAN_FILTERING]);
		l->set |= BRF_VLAN_FILTERING;
	}
	if (tb[IFLA_BR_VLAN_DEFAULT_PVID]) {
		l->u.bridge.default_pvid = nla_get_u16(tb[IFLA_BR_VLAN_DEFAULT_PVID]);
		l->set |= BRF_DEFAULT_PVID;
	}
	if (tb[IFLA_BR_STP_STATE]) {
		/* 1: the kernel's STP, 2: a user-space daemon's; both are `bridge-stp on`. */
		l->u.bridge.stp = nla_get_u32(tb[IFLA_BR_STP_STATE]) != 0;
		l->set |= BRF_STP;
	}
	return 0;
}

static int bridge_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	uint64_t u;
	int r;
	if ((r = sj_get_bool(a, o, "vlan_filtering", &l->u.bridge.vlan_filtering, why)) < 0)
		return r;
	l->set |= r ? BRF_VLAN_FILTERING : 0;
	if ((r = sj_get_uint(a, o, "default_pvid", 4094, &u, why)) < 0)
		return r;
	if (r) {
		l->u.bridge.default_pvid = (uint16_t)u;
		l->set |= BRF_DEFAULT_PVID;
	}
	if ((r = sj_get_bool(a, o, "stp", &l->u.bridge.stp, why)) < 0)
		return r;
	l->set |= r ? BRF_STP : 0;
	return 0;
}

static void bridge_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	int k = snprintf(
	    buf, n, "%s",
	    (l->set & BRF_VLAN_FILTERING) && l->u.bridge.vlan_filtering ? "vlan_filtering" : "");
	if ((l->set & BRF_STP) && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, "%sstp %s", k ? " " : "",
		         l->u.bridge.stp ? "on" : "off");
}

static void bridge_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	const struct ifcc_link_bridge *b = &l->u.bridge;
	/* A new bridge has the kernel's defaults (no VLAN filtering, no STP): said only when
	 * they change, so that a kernel without VLAN filtering accepts the plain bridge. */
	fputs(" type bridge", out);
	if ((fields & BRF_VLAN_FILTERING) && (b->vlan_filtering || !add))
		fprintf(out, " vlan_filtering %d", b->vlan_filtering);
	if (fields & BRF_DEFAULT_PVID)
		fprintf(out, " vlan_default_pvid %u", b->default_pvid);
	if ((fields & BRF_STP) && (b->stp || !add))
		fprintf(out, " stp_state %d", b->stp);
}

static int bridge_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                        struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                        void *ctx)
{
	(void)index_of;
	(void)ctx;
	const struct ifcc_link_bridge *b = &l->u.bridge;
	int r = 0;
	/* a new bridge has the kernel's defaults; a kernel without VLAN filtering refuses
	 * even "vlan_filtering 0" */
	if ((fields & BRF_VLAN_FILTERING) && (b->vlan_filtering || !add))
		r |= nla_put_u8(m, IFLA_BR_VLAN_FILTERING, b->vlan_filtering);
	if (fields & BRF_DEFAULT_PVID)
		r |= nla_put_u16(m, IFLA_BR_VLAN_DEFAULT_PVID, b->default_pvid);
	if ((fields & BRF_STP) && (b->stp || !add))
		r |= nla_put_u32(m, IFLA_BR_STP_STATE, b->stp);
	return r ? -ENOMEM : 0;
}

const struct ifcc_link_ops link_bridge_ops = {
    .kind = LK_BRIDGE,
    .name = "bridge",
    .realise = bridge_realise,
    .compare = bridge_compare,
    .from_nl = bridge_from_nl,
    .to_json = bridge_to_json,
    .from_json = bridge_from_json,
    .describe = bridge_describe,
    .ip_args = bridge_ip_args,
    .fixed = 0,
    .to_nl = bridge_to_nl,
};
