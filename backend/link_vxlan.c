/*
 * VXLAN devices: one VNI (`vxlan-id`), or a single device for many VNIs (external with
 * vnifilter; its VLAN-to-VNI map becomes per-VLAN tunnel ids in realise_bridge.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/if_link.h>
#include <netlink/addr.h>
#include <netlink/attr.h>
#include <netlink/route/link/vxlan.h>

#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

static int vxlan_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                         struct ifcc_link *l)
{
	(void)a;
	struct ifcc_link_vxlan *v = &l->u.vxlan;
	const struct ifcc_line *ln;
	int b;
	if ((ln = rz_line(i, "vxlan-id"))) {
		v->vni = (uint32_t)ln->v.u;
		l->set |= VXF_VNI;
	}
	if (ifcc_iface_attr(i, "bridge-vlan-vni-map")) {
		/* one device for many VNIs, as ifupdown2 3.0 makes it: collect metadata, the
		 * VLAN-to-VNI map as the port's tunnel ids (no VNI filter) */
		v->external = true;
		l->set |= VXF_EXTERNAL;
	}
	/* ifupdown2 falls back to lo's vxlan-local-tunnelip. */
	ln = rz_line(i, "vxlan-local-tunnelip");
	const struct ifcc_iface *lo = ifcc_model_find(m, "lo");
	if (!ln && lo)
		ln = rz_line(lo, "vxlan-local-tunnelip");
	if (ln) {
		v->local = ln->v.ip;
		l->set |= VXF_LOCAL;
	}
	/* ifupdown2's default port is IANA's 4789 (the kernel's own is 8472) */
	ln = rz_line(i, "vxlan-port");
	v->port = ln ? (uint16_t)ln->v.u : 4789;
	l->set |= VXF_PORT;
	if ((b = rz_bool(i, "vxlan-learning")) >= 0) {
		v->learning = b;
		l->set |= VXF_LEARNING;
	}
	return 0;
}

static uint32_t vxlan_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const struct ifcc_link_vxlan *x = &a->u.vxlan, *y = &b->u.vxlan;
	return (x->vni != y->vni ? VXF_VNI : 0) | (x->external != y->external ? VXF_EXTERNAL : 0) |
	       (x->vnifilter != y->vnifilter ? VXF_VNIFILTER : 0) |
	       (memcmp(&x->local, &y->local, sizeof(x->local)) ? VXF_LOCAL : 0) |
	       (x->port != y->port ? VXF_PORT : 0) |
	       (x->learning != y->learning ? VXF_LEARNING : 0);
}

static int vxlan_to_json(const struct ifcc_link *l, json_t *o)
{
	const struct ifcc_link_vxlan *v = &l->u.vxlan;
	int r = 0;
	if (l->set & VXF_VNI)
		r |= sj_set(o, "vni", json_integer(v->vni));
	if (l->set & VXF_EXTERNAL)
		r |= sj_set(o, "external", json_boolean(v->external));
	if (l->set & VXF_VNIFILTER)
		r |= sj_set(o, "vnifilter", json_boolean(v->vnifilter));
	if (l->set & VXF_LOCAL)
		r |= sj_set(o, "local", sj_ip(&v->local));
	if (l->set & VXF_PORT)
		r |= sj_set(o, "port", json_integer(v->port));
	if (l->set & VXF_LEARNING)
		r |= sj_set(o, "learning", json_boolean(v->learning));
	return r ? -ENOMEM : 0;
}

static void local_from_nl(struct rtnl_link *rl, struct ifcc_link *l)
{
	struct nl_addr *ip;
	if (rtnl_link_vxlan_get_local(rl, &ip) < 0)
		return; /* none: the kernel reports no IFLA_VXLAN_LOCAL for "any" */
	struct ifcc_ip *v = &l->u.vxlan.local;
	unsigned len = nl_addr_get_len(ip);
	if ((nl_addr_get_family(ip) == AF_INET && len == 4) ||
	    (nl_addr_get_family(ip) == AF_INET6 && len == 16)) {
		v->family = len == 4 ? IFCC_AF_INET : IFCC_AF_INET6;
		memcpy(v->addr, nl_addr_get_binary_addr(ip), len);
		l->set |= VXF_LOCAL;
	}
	nl_addr_put(ip);
}

static int vxlan_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	struct ifcc_link_vxlan *v = &l->u.vxlan;
	uint32_t u;
	int b;
	if ((b = rtnl_link_vxlan_get_collect_metadata(in->rl)) >= 0) {
		v->external = b;
		l->set |= VXF_EXTERNAL;
	}
	/* An external device reports VNI 0: it has none. */
	if (!v->external && rtnl_link_vxlan_get_id(in->rl, &u) == 0) {
		v->vni = u;
		l->set |= VXF_VNI;
	}
	/* libnl 3.7 has no accessor for vnifilter; the kernel sends it only when it is on. */
	struct nlattr *vf =
	    in->data ? nla_find(nla_data(in->data), nla_len(in->data), IFLA_VXLAN_VNIFILTER) : NULL;
	v->vnifilter = vf && nla_len(vf) >= 1 && nla_get_u8(vf);
	l->set |= VXF_VNIFILTER;
	local_from_nl(in->rl, l);
	if (rtnl_link_vxlan_get_port(in->rl, &u) == 0) {
		v->port = (uint16_t)u;
		l->set |= VXF_PORT;
	}
	if ((b = rtnl_link_vxlan_get_learning(in->rl)) >= 0) {
		v->learning = b;
		l->set |= VXF_LEARNING;
	}
	return 0;
}

static int vxlan_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	struct ifcc_link_vxlan *v = &l->u.vxlan;
	uint64_t u;
	int r;
	if ((r = sj_get_uint(a, o, "vni", 16777215, &u, why)) < 0)
		return r;
	if (r) {
		v->vni = (uint32_t)u;
		l->set |= VXF_VNI;
	}
	if ((r = sj_get_bool(a, o, "external", &v->external, why)) < 0)
		return r;
	l->set |= r ? VXF_EXTERNAL : 0;
	if ((r = sj_get_bool(a, o, "vnifilter", &v->vnifilter, why)) < 0)
		return r;
	l->set |= r ? VXF_VNIFILTER : 0;
	if ((r = sj_get_ip(a, o, "local", &v->local, why)) < 0)
		return r;
	l->set |= r ? VXF_LOCAL : 0;
	if ((r = sj_get_uint(a, o, "port", 65535, &u, why)) < 0)
		return r;
	if (r) {
		v->port = (uint16_t)u;
		l->set |= VXF_PORT;
	}
	if ((r = sj_get_bool(a, o, "learning", &v->learning, why)) < 0)
		return r;
	l->set |= r ? VXF_LEARNING : 0;
	return 0;
}

static void vxlan_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	if (l->u.vxlan.external)
		snprintf(buf, n, "external%s", l->u.vxlan.vnifilter ? " vnifilter" : "");
	else
		snprintf(buf, n, "vni %u", l->u.vxlan.vni);
}

static void vxlan_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	(void)add;
	const struct ifcc_link_vxlan *v = &l->u.vxlan;
	char ip[INET6_ADDRSTRLEN];
	fputs(" type vxlan", out);
	if (fields & VXF_VNI)
		fprintf(out, " id %u", v->vni);
	if ((fields & VXF_EXTERNAL) && v->external)
		fputs(" external", out);
	if ((fields & VXF_VNIFILTER) && v->vnifilter)
		fputs(" vnifilter", out);
	if (fields & VXF_LOCAL) {
		ifcc_ip_format(&v->local, ip, sizeof(ip));
		fprintf(out, " local %s", ip);
	}
	if (fields & VXF_PORT)
		fprintf(out, " dstport %u", v->port);
	if (fields & VXF_LEARNING)
		fputs(v->learning ? " learning" : " nolearning", out);
}

static int vxlan_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                       struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                       void *ctx)
{
	(void)add;
	(void)index_of;
	(void)ctx;
	const struct ifcc_link_vxlan *v = &l->u.vxlan;
	int r = 0;
	if (fields & VXF_VNI)
		r |= nla_put_u32(m, IFLA_VXLAN_ID, v->vni);
	if ((fields & VXF_EXTERNAL) && v->external)
		r |= nla_put_u8(m, IFLA_VXLAN_COLLECT_METADATA, 1);
	if ((fields & VXF_VNIFILTER) && v->vnifilter)
		r |= nla_put_u8(m, IFLA_VXLAN_VNIFILTER, 1);
	if (fields & VXF_LOCAL) {
		bool v6 = v->local.family == IFCC_AF_INET6;
		r |= nla_put(m, v6 ? IFLA_VXLAN_LOCAL6 : IFLA_VXLAN_LOCAL, v6 ? 16 : 4, v->local.addr);
	}
	if (fields & VXF_PORT)
		r |= nla_put_u16(m, IFLA_VXLAN_PORT, htons(v->port));
	if (fields & VXF_LEARNING)
		r |= nla_put_u8(m, IFLA_VXLAN_LEARNING, v->learning);
	return r ? -ENOMEM : 0;
}

const struct ifcc_link_ops link_vxlan_ops = {
    .kind = LK_VXLAN,
    .name = "vxlan",
    .realise = vxlan_realise,
    .compare = vxlan_compare,
    .from_nl = vxlan_from_nl,
    .to_json = vxlan_to_json,
    .from_json = vxlan_from_json,
    .describe = vxlan_describe,
    .ip_args = vxlan_ip_args,
    .fixed = VXF_VNI | VXF_EXTERNAL | VXF_VNIFILTER | VXF_PORT,
    .to_nl = vxlan_to_nl,
};
