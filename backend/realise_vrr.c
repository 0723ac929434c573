/*
 * VRR (IFUPDOWN2-NOTES §3): each `address-virtual MAC|none [PREFIX...]` line of an
 * interface becomes a private-mode macvlan on it named `<name[:13], '.'→'-'>-v<index>`,
 * index counting every address-virtual line of the interface (a line that is not
 * understood still uses its index). The macvlan gets the MAC (none: the kernel's random
 * one), the prefixes with metric 1024, IPv6 DAD off (accept_dad, dad_transmits,
 * enhanced_dad = 0), the interface's VRF as master, and is down when the interface has
 * `link-down yes`. Its MAC goes into the bridge FDB as `self`: on the bridge itself, or,
 * for a VLAN on a VLAN-aware bridge, on that bridge with the VLAN id.
 *
 * A multicast MAC makes ifupdown2 3.0.0 abort the rest of the interface's VRR; the kernel
 * refuses such an address anyway, so that line alone is left out here.
 */
#include <errno.h>
#include <string.h>

#include "realise.h"

static const char *macvlan_name(struct arena *a, const char *base, size_t index)
{
	char buf[40];
	size_t n = strlen(base) < 13 ? strlen(base) : 13, k;
	for (k = 0; k < n; k++)
		buf[k] = base[k] == '.' ? '-' : base[k];
	buf[k++] = '-';
	buf[k++] = 'v';
	char digits[24];
	size_t nd = 0;
	do
		digits[nd++] = (char)('0' + index % 10);
	while ((index /= 10) && nd < sizeof(digits));
	while (nd && k < sizeof(buf) - 1)
		buf[k++] = digits[--nd];
	return arena_strndup(a, buf, k);
}

static int add_fdb(struct realise_ctx *c, const struct ifcc_iface *i, const struct ifcc_mac *mac,
                   struct ifcc_loc src)
{
	const char *bridge = NULL;
	uint16_t vid = 0;
	if (i->kind == IFK_BRIDGE) {
		bridge = i->name;
	} else if (i->kind == IFK_VLAN && i->lower && i->lower->kind == IFK_BRIDGE &&
	           i->lower->vlan_aware && i->has_vlan_id) {
		bridge = i->lower->name;
		vid = i->vlan_id;
	}
	if (!bridge)
		return 0;
	struct ifcc_fdb *f = ifcc_state_add_fdb(c->s);
	if (!f)
		return -ENOMEM;
	*f = (struct ifcc_fdb){
	    .ifname = bridge, .mac = *mac, .vid = vid, .self = true, .source = src};
	return 0;
}

static int add_line(struct realise_ctx *c, const struct ifcc_iface *i, size_t index,
                    const struct ifcc_line *ln)
{
	const struct ifcc_address_virtual *av = &ln->v.av;
	struct ifcc_loc src = rz_loc(ln);
	if (!av->mac_none && (av->mac.b[0] & 1))
		return 0;
	const char *name = macvlan_name(c->a, i->name, index);
	struct ifcc_link *l = name ? ifcc_state_add_link(c->s) : NULL;
	if (!l)
		return -ENOMEM;
	l->name = name;
	l->kind = LK_MACVLAN;
	l->u.macvlan.lower = i->name;
	l->u.macvlan.mode = MACVLAN_PRIVATE;
	l->master = i->vrf ? i->vrf->name : NULL;
	l->up = rz_bool(i, "link-down") != 1;
	l->set = LF_ADMIN | LF_MASTER | MVF_LOWER | MVF_MODE;
	if (!av->mac_none) {
		l->address = av->mac;
		l->set |= LF_ADDRESS;
	}
	l->source = src;

	for (size_t k = 0; k < av->nprefixes; k++) {
		struct ifcc_address *ad = ifcc_state_add_address(c->s);
		if (!ad)
			return -ENOMEM;
		ad->ifname = name;
		ad->prefix = av->prefixes[k];
		ad->prefix.has_len = true;
		ad->metric = 1024;
		ad->source = src;
	}
	static const char *const dad[] = {"accept_dad", "dad_transmits", "enhanced_dad"};
	for (size_t k = 0; k < 3; k++) {
		int r = realise_sysctl(c, "ipv6", name, dad[k], "0", src);
		if (r < 0)
			return r;
	}
	return av->mac_none ? 0 : add_fdb(c, i, &av->mac, src);
}

int realise_vrr(struct realise_ctx *c)
{
	for (size_t k = 0; k < c->m->ifaces.n; k++) {
		const struct ifcc_iface *i = c->m->ifaces.v[k];
		const struct ifcc_attr *at = ifcc_iface_attr(i, "address-virtual");
		for (size_t j = 0; at && j < at->lines.n; j++) {
			const struct ifcc_line *ln = at->lines.v[j];
			int r = ln->typed ? add_line(c, i, j, ln) : 0;
			if (r < 0)
				return r;
		}
	}
	return 0;
}
