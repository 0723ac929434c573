/*
 * VRR rules (address-virtual): placement on SVIs, the unique address beside the virtual
 * one, the virtual MAC, and what the kernel refuses when ifupdown2 builds the macvlans.
 */
#include <stdio.h>
#include <string.h>

#include "vctx.h"

#define IFNAMSIZ_MAX 15u

/* Where VRR is allowed: an SVI (a VLAN interface on a bridge) or a bridge. */
static const char *placement_problem(const struct ifcc_iface *i, char *buf, size_t n)
{
	if (i->master) {
		snprintf(buf, n, "%s is a port of %s %s", i->name, ifcc_kind_name(i->master->kind),
			 i->master->name);
		return buf;
	}
	switch (i->kind) {
	case IFK_BRIDGE:
		return NULL;
	case IFK_VLAN:
		if (i->lower && i->lower->kind == IFK_BRIDGE)
			return NULL;
		if (i->lower && i->lower->implicit && !strchr(i->name, '.'))
			snprintf(buf, n, "its raw device %s has no stanza, so it is not a bridge",
				 i->lower->name);
		else
			snprintf(buf, n, "%s is a sub-interface of %s %s, not an SVI of a bridge",
				 i->name, i->lower ? ifcc_kind_name(i->lower->kind) : "?",
				 i->lower ? i->lower->name : "?");
		return buf;
	case IFK_PHYSICAL:
		snprintf(buf, n, "%s is a physical port", i->name);
		return buf;
	default:
		snprintf(buf, n, "%s is a %s interface", i->name, ifcc_kind_name(i->kind));
		return buf;
	}
}

static void check_placement(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_attr *av)
{
	char why[160];
	const char *p = placement_problem(i, why, sizeof(why));
	if (!p)
		return;
	const struct ifcc_line *ln = av->lines.v[0];
	vreport(v, "vrr-svi-only", ast_attr_key_loc(ln->src),
		"address-virtual on %s: %s; VRR belongs on an SVI (a VLAN interface of the "
		"bridge, e.g. vlan10 with vlan-raw-device) or on the bridge itself",
		i->name, p);
}

/* The macvlan name ifupdown2 3.x derives: name[:13], '.' -> '-', then "-v<index>". */
static void check_macvlan_name(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *ln,
			       size_t index)
{
	char base[14];
	size_t n = strnlen(i->name, 13), digits = 1;
	for (size_t x = index; x >= 10; x /= 10)
		digits++;
	if (n + 2 + digits <= IFNAMSIZ_MAX)
		return; /* the common case: no need to make the name */
	memcpy(base, i->name, n);
	base[n] = '\0';
	for (char *c = base; *c; c++)
		if (*c == '.')
			*c = '-';
	char name[40];
	snprintf(name, sizeof(name), "%s-v%zu", base, index);
	if (strlen(name) > IFNAMSIZ_MAX)
		vreport(v, "vrr-macvlan-name", ast_attr_key_loc(ln->src),
			"address-virtual line %zu of %s makes the macvlan '%s', %zu characters; "
			"the kernel allows %u: rename %s to at most %d characters",
			index + 1, i->name, name, strlen(name), IFNAMSIZ_MAX, i->name,
			(int)(IFNAMSIZ_MAX - 2 - (index >= 10 ? 2 : 1)));
}

static bool mac_in_range(const struct ifcc_mac *m, const struct ifcc_mac *lo,
			 const struct ifcc_mac *hi)
{
	return memcmp(m->b, lo->b, 6) >= 0 && memcmp(m->b, hi->b, 6) <= 0;
}

static void check_mac(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *ln)
{
	const struct ifcc_address_virtual *a = &ln->v.av;
	if (a->mac_none)
		return;
	char mac[24], lo[24], hi[24];
	bool multicast = a->mac.b[0] & 1;
	bool outside = !mac_in_range(&a->mac, &v->opts->vrr_mac_lo, &v->opts->vrr_mac_hi);
	if (!multicast && !outside)
		return;
	ifcc_mac_format(&a->mac, mac, sizeof(mac));
	if (multicast) {
		vreport(v, "vrr-mac-multicast", vline_token_loc(ln, 0),
			"iface %s: VRR MAC %s has the multicast bit set (first octet odd); use a "
			"unicast MAC such as 00:00:5e:00:01:01",
			i->name, mac);
		return;
	}
	if (outside) {
		ifcc_mac_format(&v->opts->vrr_mac_lo, lo, sizeof(lo));
		ifcc_mac_format(&v->opts->vrr_mac_hi, hi, sizeof(hi));
		vreport(v, "vrr-mac-range", vline_token_loc(ln, 0),
			"iface %s: VRR MAC %s is outside the VRR range %s-%s (fine as a deliberate "
			"per-VLAN override; both MLAG peers must use the same)",
			i->name, mac, lo, hi);
	}
}

/* The SVI's own addresses: every typed `address` line. */
static size_t own_addresses(const struct ifcc_iface *i, const struct ifcc_line **out, size_t max)
{
	const struct ifcc_attr *a = ifcc_iface_attr_id(i, KWI_ADDRESS);
	size_t n = 0;
	for (size_t k = 0; a && k < a->lines.n && n < max; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (ln->typed)
			out[n++] = ln;
	}
	return n;
}

static void check_addresses(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *ln)
{
	const struct ifcc_address_virtual *a = &ln->v.av;
	if (a->nprefixes == 0)
		return; /* `address-virtual none` on an L3 VNI SVI, or a MAC alone */
	const struct ifcc_line *own[64];
	size_t nown = own_addresses(i, own, 64);
	if (nown == 0) {
		vreport(v, "vrr-no-unique-address", ast_attr_key_loc(ln->src),
			"iface %s has address-virtual but no address of its own: give each MLAG peer a "
			"unique address in the virtual IP's subnet (e.g. .2 and .3 beside the gateway .1)",
			i->name);
		return;
	}
	for (size_t k = 0; k < a->nprefixes; k++) {
		const struct ifcc_prefix *vip = &a->prefixes[k];
		char vs[64] = "";
		bool inside = false;
		for (size_t j = 0; j < nown; j++) {
			const struct ifcc_prefix *u = &own[j]->v.prefix;
			if (ip_equal(&u->ip, &vip->ip)) {
				ifcc_ip_format(&vip->ip, vs, sizeof(vs));
				struct ifcc_diag *g = vreport(
					v, "vrr-vip-is-unique", vline_token_loc(ln, k + 1),
					"iface %s: virtual IP %s is also the SVI's own address; the "
					"peers answer for the virtual IP together, so each needs a "
					"different unique address",
					i->name, vs);
				diag_note(v->d, g, ast_attr_value_loc(own[j]->src), "own address here");
				inside = true;
				break;
			}
			if (prefix_contains(u, &vip->ip))
				inside = true;
		}
		if (!inside) {
			ifcc_ip_format(&vip->ip, vs, sizeof(vs));
			struct ifcc_diag *g = vreport(
				v, "vrr-vip-outside-subnet", vline_token_loc(ln, k + 1),
				"iface %s: virtual IP %s is in none of the SVI's own subnets; hosts "
				"could not reach the gateway through it",
				i->name, vs);
			/* Point at an own address of the same family when there is one. */
			const struct ifcc_line *near = own[0];
			for (size_t j = 0; j < nown; j++)
				if (own[j]->v.prefix.ip.family == vip->ip.family) {
					near = own[j];
					break;
				}
			diag_note(v->d, g, ast_attr_value_loc(near->src), "the SVI's address");
		}
	}
}

/* address-virtual lines of one SVI: one MAC (EVPN), and never the same MAC twice. */
static void check_lines(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_attr *av)
{
	const struct ifcc_line *first_mac = NULL;
	for (size_t k = 0; k < av->lines.n; k++) {
		const struct ifcc_line *ln = av->lines.v[k];
		if (!ln->typed || ln->v.av.mac_none)
			continue;
		for (size_t j = 0; j < k; j++) {
			const struct ifcc_line *o = av->lines.v[j];
			if (!o->typed || o->v.av.mac_none || memcmp(o->v.av.mac.b, ln->v.av.mac.b, 6))
				continue;
			struct ifcc_diag *g = vreport(
				v, "vrr-mac-reused", vline_token_loc(ln, 0),
				"iface %s: this MAC is already used by address-virtual line %zu; each "
				"line is its own macvlan and the kernel refuses a second one with the "
				"same MAC: put the addresses on one line",
				i->name, j + 1);
			diag_note(v->d, g, vline_token_loc(o, 0), "first use");
			break;
		}
		if (!first_mac) {
			first_mac = ln;
		} else if (memcmp(first_mac->v.av.mac.b, ln->v.av.mac.b, 6)) {
			struct ifcc_diag *g = vreport(
				v, "vrr-mac-per-vlan", vline_token_loc(ln, 0),
				"iface %s: a second VRR MAC on one VLAN; with EVPN all VRR subnets of "
				"a VLAN should share one MAC",
				i->name);
			diag_note(v->d, g, vline_token_loc(first_mac, 0), "first VRR MAC");
		}
	}
}

/* vrrp uses 00:00:5e:00:01:<vrid> (IPv4) and 00:00:5e:00:02:<vrid> (IPv6). */
static void check_vrrp(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_attr *av)
{
	const struct ifcc_attr *vr = ifcc_iface_attr_id(i, KWI_VRRP);
	if (!vr)
		return;
	const struct ifcc_line *a0 = av->lines.v[0], *r0 = vr->lines.v[0];
	struct ifcc_diag *g = vreport(v, "vrr-with-vrrp", ast_attr_key_loc(r0->src),
				      "iface %s has both VRR (address-virtual) and VRRP (vrrp); "
				      "an interface uses one of them",
				      i->name);
	diag_note(v->d, g, ast_attr_key_loc(a0->src), "address-virtual is here");
	for (size_t k = 0; k < vr->lines.n; k++) {
		const struct ifcc_line *r = vr->lines.v[k];
		if (!r->typed)
			continue;
		for (size_t j = 0; j < av->lines.n; j++) {
			const struct ifcc_line *a = av->lines.v[j];
			const uint8_t *m = a->v.av.mac.b;
			if (!a->typed || a->v.av.mac_none || m[0] || m[1] || m[2] != 0x5e || m[3] ||
			    (m[4] != 1 && m[4] != 2) || m[5] != r->v.u)
				continue;
			struct ifcc_diag *h = vreport(
				v, "vrr-mac-reused", vline_token_loc(a, 0),
				"iface %s: this VRR MAC is the VRRP MAC of vrid %llu on the same "
				"interface; the kernel refuses the second macvlan",
				i->name, (unsigned long long)r->v.u);
			diag_note(v->d, h, ast_attr_key_loc(r->src), "vrrp line");
		}
	}
}

void validate_vrr(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		const struct ifcc_attr *av = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
		if (!av || !av->lines.n)
			continue;
		check_placement(v, i, av);
		check_vrrp(v, i, av);
		check_lines(v, i, av);
		for (size_t j = 0; j < av->lines.n; j++) {
			const struct ifcc_line *ln = av->lines.v[j];
			check_macvlan_name(v, i, ln, j);
			if (!ln->typed)
				continue;
			check_mac(v, i, ln);
			check_addresses(v, i, ln);
		}
	}
}
