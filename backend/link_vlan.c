/* 802.1Q/802.1ad VLAN devices: lower link, VLAN id, protocol. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <netlink/route/link/vlan.h>

#include <linux/if_link.h>
#include <netlink/attr.h>
#include "link_ops.h"
#include "realise.h"
#include "state_json.h"

static const char *const protocols[] = {"802.1Q", "802.1ad"};

static int vlan_realise(struct arena *a, const struct ifcc_model *m, const struct ifcc_iface *i,
                        struct ifcc_link *l)
{
	(void)a;
	(void)m;
	struct ifcc_link_vlan *v = &l->u.vlan;
	if (i->lower) {
		v->lower = i->lower->name;
		l->set |= VLF_LOWER;
	}
	if (i->has_vlan_id) {
		v->id = i->vlan_id;
		l->set |= VLF_ID;
	}
	v->ad = rz_word(i, "vlan-protocol") == 1; /* values: 802.1q|802.1ad */
	l->set |= VLF_PROTOCOL;
	return 0;
}

static uint32_t vlan_compare(const struct ifcc_link *a, const struct ifcc_link *b)
{
	const struct ifcc_link_vlan *x = &a->u.vlan, *y = &b->u.vlan;
	return (strcmp(x->lower ? x->lower : "", y->lower ? y->lower : "") ? VLF_LOWER : 0) |
	       (x->id != y->id ? VLF_ID : 0) | (x->ad != y->ad ? VLF_PROTOCOL : 0);
}

static int vlan_to_json(const struct ifcc_link *l, json_t *o)
{
	int r = 0;
	if (l->set & VLF_LOWER)
		r |= sj_set(o, "lower", json_string(l->u.vlan.lower));
	if (l->set & VLF_ID)
		r |= sj_set(o, "id", json_integer(l->u.vlan.id));
	if (l->set & VLF_PROTOCOL)
		r |= sj_set(o, "protocol", json_string(protocols[l->u.vlan.ad]));
	return r ? -ENOMEM : 0;
}

static int vlan_from_nl(struct arena *a, const struct link_nl *in, struct ifcc_link *l)
{
	(void)a;
	struct ifcc_link_vlan *v = &l->u.vlan;
	if (in->link) {
		v->lower = in->link;
		l->set |= VLF_LOWER;
	}
	/* libnl answers 0 for an id it did not get, and 0 is a valid id: ask only when the
	 * kernel sent the VLAN's data (it always does). */
	int id = in->data ? rtnl_link_vlan_get_id(in->rl) : -1;
	if (id >= 0) {
		v->id = (uint16_t)id;
		l->set |= VLF_ID;
	}
	/* libnl keeps the protocol as the kernel sends it, in network byte order. */
	int proto = rtnl_link_vlan_get_protocol(in->rl);
	if (proto > 0) {
		v->ad = ntohs((uint16_t)proto) == ETH_P_8021AD;
		l->set |= VLF_PROTOCOL;
	}
	return 0;
}

static int vlan_from_json(struct arena *a, json_t *o, struct ifcc_link *l, const char **why)
{
	uint64_t u;
	unsigned p;
	int r;
	if ((r = sj_get_str(a, o, "lower", &l->u.vlan.lower, why)) < 0)
		return r;
	l->set |= r ? VLF_LOWER : 0;
	if ((r = sj_get_uint(a, o, "id", 4095, &u, why)) < 0)
		return r;
	if (r) {
		l->u.vlan.id = (uint16_t)u;
		l->set |= VLF_ID;
	}
	if ((r = sj_get_name(a, o, "protocol", protocols, 2, &p, why)) < 0)
		return r;
	if (r) {
		l->u.vlan.ad = p == 1;
		l->set |= VLF_PROTOCOL;
	}
	return 0;
}

static void vlan_describe(const struct ifcc_link *l, char *buf, size_t n)
{
	snprintf(buf, n, "id %u on %s%s", l->u.vlan.id, l->u.vlan.lower ? l->u.vlan.lower : "?",
	         l->u.vlan.ad ? " 802.1ad" : "");
}

static void vlan_ip_args(const struct ifcc_link *l, uint32_t fields, bool add, FILE *out)
{
	const struct ifcc_link_vlan *v = &l->u.vlan;
	if (add && (fields & VLF_LOWER))
		fprintf(out, " link %s", v->lower);
	fputs(" type vlan", out);
	if (fields & VLF_ID)
		fprintf(out, " id %u", v->id);
	if (fields & VLF_PROTOCOL)
		fprintf(out, " protocol %s", protocols[v->ad]);
}

static int vlan_to_nl(const struct ifcc_link *l, uint32_t fields, bool add,
                      struct nl_msg *m, int (*index_of)(void *ctx, const char *name),
                      void *ctx)
{
	(void)add;
	(void)index_of;
	(void)ctx;
	int r = 0;
	if (fields & VLF_ID)
		r |= nla_put_u16(m, IFLA_VLAN_ID, l->u.vlan.id);
	if (fields & VLF_PROTOCOL)
		r |= nla_put_u16(m, IFLA_VLAN_PROTOCOL, htons(l->u.vlan.ad ? ETH_P_8021AD : ETH_P_8021Q));
	return r ? -ENOMEM : 0;
}

const struct ifcc_link_ops link_vlan_ops = {
    .kind = LK_VLAN,
    .name = "vlan",
    .realise = vlan_realise,
    .compare = vlan_compare,
    .from_nl = vlan_from_nl,
    .to_json = vlan_to_json,
    .from_json = vlan_from_json,
    .describe = vlan_describe,
    .ip_args = vlan_ip_args,
    .fixed = VLF_LOWER | VLF_ID | VLF_PROTOCOL,
    .to_nl = vlan_to_nl,
};
