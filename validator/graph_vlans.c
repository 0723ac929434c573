/*
 * VLANs of a VLAN-aware bridge: SVIs whose VLAN no port carries, access ports that also
 * list trunk VLANs, and VXLAN ports that are not pinned to one VLAN.
 */
#include <string.h>

#include "graph.h"

static void vset_add(struct ifcc_vlan_set *s, uint64_t vid)
{
	if (vid >= 1 && vid <= 4094)
		s->bits[vid / 64] |= 1ull << (vid % 64);
}

static void vset_or(struct ifcc_vlan_set *s, const struct ifcc_vlan_set *o)
{
	for (size_t k = 0; k < 64; k++)
		s->bits[k] |= o->bits[k];
}

static size_t vset_count(const struct ifcc_vlan_set *s)
{
	size_t n = 0;
	for (size_t k = 0; k < 64; k++)
		n += (size_t)__builtin_popcountll(s->bits[k]);
	return n;
}

/* The VLANs one interface puts on a bridge: its vids, pvid, access VLAN and VNI map. */
static void add_own_vlans(struct ifcc_vlan_set *s, const struct ifcc_iface *i)
{
	const struct ifcc_line *ln;
	if ((ln = graph_typed(i, KWI_BRIDGE_VIDS)))
		vset_or(s, ln->v.vlans);
	if ((ln = graph_typed(i, KWI_BRIDGE_PVID)))
		vset_add(s, ln->v.u);
	if ((ln = graph_typed(i, KWI_BRIDGE_ACCESS)))
		vset_add(s, ln->v.u);
	const struct ifcc_attr *map = ifcc_iface_attr_id(i, KWI_BRIDGE_VLAN_VNI_MAP);
	for (size_t k = 0; map && k < map->lines.n; k++) {
		const struct ifcc_line *m = map->lines.v[k];
		for (size_t j = 0; m->typed && j < m->v.vni_map.n; j++)
			for (unsigned vid = m->v.vni_map.v[j].vid_first;
			     vid <= m->v.vni_map.v[j].vid_last; vid++)
				vset_add(s, vid);
	}
}

/* Every VLAN the bridge or one of its ports carries; false when that cannot be known. */
static bool carried_vlans(const struct ifcc_iface *br, struct ifcc_vlan_set *s)
{
	/* The legacy per-port lists under the bridge: too rare to model, so stay silent. */
	if (ifcc_iface_attr_id(br, KWI_BRIDGE_PORT_VIDS) || ifcc_iface_attr_id(br, KWI_BRIDGE_PORT_PVIDS))
		return false;
	memset(s, 0, sizeof(*s));
	add_own_vlans(s, br);
	if (!graph_typed(br, KWI_BRIDGE_PVID))
		vset_add(s, 1); /* ifupdown2's default bridge-pvid */
	for (size_t k = 0; k < br->ports.n; k++)
		add_own_vlans(s, br->ports.v[k]);
	return true;
}

static void check_svis(struct vctx *v, const struct ifcc_iface *br)
{
	const struct ifcc_model *m = v->dev->model;
	const struct ifcc_line *vids = graph_typed(br, KWI_BRIDGE_VIDS);
	struct ifcc_vlan_set carried;
	if (!vids || !carried_vlans(br, &carried))
		return;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit || i->kind != IFK_VLAN || i->lower != br || !i->has_vlan_id ||
		    ifcc_vlan_set_has(&carried, i->vlan_id))
			continue;
		const struct ifcc_line *id = graph_typed(i, KWI_VLAN_ID);
		struct ifcc_diag *g = vreport(
			v, "svi-vlan-not-carried", id ? vline_token_loc(id, 0) : i->loc,
			"SVI %s is VLAN %u, but bridge %s does not carry VLAN %u (not in its "
			"bridge-vids, not its bridge-pvid, on none of its ports): the SVI can reach "
			"no one; add %u to bridge-vids of %s",
			i->name, i->vlan_id, br->name, i->vlan_id, i->vlan_id, br->name);
		diag_note(v->d, g, ast_attr_value_loc(vids->src), "bridge-vids of %s", br->name);
	}
}

static void check_access(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_line *acc = ifcc_iface_first_id(i, KWI_BRIDGE_ACCESS);
	if (!acc)
		return;
	static const enum ifcc_kw_id ignored[] = {KWI_BRIDGE_VIDS, KWI_BRIDGE_PVID};
	for (size_t k = 0; k < 2; k++) {
		const struct ifcc_line *ln = ifcc_iface_first_id(i, ignored[k]);
		if (!ln)
			continue;
		struct ifcc_diag *g = vreport(
			v, "access-with-vids", ast_attr_key_loc(ln->src),
			"iface %s: bridge-access makes this an access port, so ifupdown2 ignores "
			"its %s: remove %s, or remove bridge-access to make the port a trunk",
			i->name, ifcc_kw(ignored[k])->name, ifcc_kw(ignored[k])->name);
		diag_note(v->d, g, ast_attr_key_loc(acc->src), "bridge-access is here");
	}
}

/* ifupdown2's bridge syntax check: a VXLAN in a VLAN-aware bridge belongs to one VLAN. */
static void check_vxlan_port(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_iface *br = i->master;
	if (!br->vlan_aware || ifcc_iface_first_id(i, KWI_BRIDGE_ACCESS) ||
	    ifcc_iface_attr_id(i, KWI_BRIDGE_VLAN_VNI_MAP))
		return;
	const struct ifcc_line *vids = graph_typed(i, KWI_BRIDGE_VIDS);
	const struct ifcc_line *pvid = graph_typed(i, KWI_BRIDGE_PVID);
	if (vids && (pvid || vset_count(vids->v.vlans) == 1))
		return;
	struct ifcc_diag *g = vreport(
		v, "vxlan-port-vlan", vids ? ast_attr_value_loc(vids->src) : i->loc,
		"VXLAN %s is a port of VLAN-aware bridge %s but is not tied to one VLAN: a VNI "
		"carries one VLAN, and ifupdown2 refuses the port ('bridge-access is mandatory'); "
		"add bridge-access with the VLAN of this VNI, or use one VXLAN device with "
		"bridge-vlan-vni-map",
		i->name, br->name);
	diag_note(v->d, g, graph_port_loc(br, i->name), "port of %s here", br->name);
}

void graph_check_bridge_vlans(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit)
			continue;
		if (i->kind == IFK_BRIDGE && i->vlan_aware)
			check_svis(v, i);
		if (!i->master || i->master->kind != IFK_BRIDGE)
			continue;
		check_access(v, i);
		if (i->kind == IFK_VXLAN)
			check_vxlan_port(v, i);
	}
}
