/*
 * Bridge VLANs of VLAN-aware bridges (IFUPDOWN2-NOTES §2.2):
 *  - a port with `bridge-access V`: only V, as PVID and untagged;
 *  - else the port's `bridge-vids` (or the bridge's) tagged, and its `bridge-pvid` (or the
 *    bridge's, or 1) as PVID and untagged; PVID 0 means none;
 *  - a single VXLAN device's `bridge-vlan-vni-map` gives each mapped VLAN its tunnel id
 *    (and adds the VLAN to the port when it was not there);
 *  - the bridge itself (`self`): the kernel's default PVID 1 and the VLAN of every SVI.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "realise.h"

/* One port's VLANs while they are collected, indexed by VID. */
struct port_vlan {
	bool present, pvid, untagged;
	uint32_t tunnel_id;
	struct ifcc_loc source;
};

static void put(struct port_vlan *t, unsigned vid, bool pvid, struct ifcc_loc src)
{
	if (vid == 0 || vid > 4094)
		return;
	if (!t[vid].present)
		t[vid].source = src;
	t[vid].present = true;
	t[vid].pvid |= pvid;
	t[vid].untagged |= pvid;
}

static int flush(struct realise_ctx *c, const char *ifname, bool self, struct port_vlan *t)
{
	for (unsigned vid = 1; vid < 4095; vid++) {
		if (!t[vid].present)
			continue;
		struct ifcc_bridge_vlan *bv = ifcc_state_add_bridge_vlan(c->s);
		if (!bv)
			return -ENOMEM;
		*bv = (struct ifcc_bridge_vlan){.ifname = ifname,
		                                .vid = (uint16_t)vid,
		                                .pvid = t[vid].pvid,
		                                .untagged = t[vid].untagged,
		                                .self = self,
		                                .tunnel_id = t[vid].tunnel_id,
		                                .source = t[vid].source};
	}
	memset(t, 0, 4095 * sizeof(*t));
	return 0;
}

static struct ifcc_loc port_source(const struct ifcc_iface *p)
{
	return p->implicit ? rz_loc(ifcc_iface_first(p->master, "bridge-ports")) : p->loc;
}

static void port_vlans(const struct ifcc_iface *br, const struct ifcc_iface *p, struct port_vlan *t)
{
	const struct ifcc_line *access = rz_line(p, "bridge-access");
	if (access) {
		put(t, (unsigned)access->v.u, true, rz_loc(access));
		return;
	}
	const struct ifcc_line *vids = rz_line(p, "bridge-vids");
	if (!vids)
		vids = rz_line(br, "bridge-vids");
	const struct ifcc_line *pvid = rz_line(p, "bridge-pvid");
	if (!pvid)
		pvid = rz_line(br, "bridge-pvid");
	unsigned pv = pvid ? (unsigned)pvid->v.u : 1;
	put(t, pv, true, pvid ? rz_loc(pvid) : port_source(p));
	for (unsigned vid = 1; vids && vid < 4095; vid++)
		if (ifcc_vlan_set_has(vids->v.vlans, vid))
			put(t, vid, false, rz_loc(vids));

	const struct ifcc_attr *map = ifcc_iface_attr(p, "bridge-vlan-vni-map");
	for (size_t k = 0; map && k < map->lines.n; k++) {
		const struct ifcc_line *ln = map->lines.v[k];
		for (size_t e = 0; ln->typed && e < ln->v.vni_map.n; e++) {
			const struct ifcc_vni_map_entry *me = &ln->v.vni_map.v[e];
			for (unsigned vid = me->vid_first; vid <= me->vid_last; vid++) {
				put(t, vid, false, rz_loc(ln));
				if (vid < 4095 && !t[vid].tunnel_id)
					t[vid].tunnel_id = me->vni_first + (vid - me->vid_first);
			}
		}
	}
}

static int bridge_vlans(struct realise_ctx *c, const struct ifcc_iface *br, struct port_vlan *t)
{
	int r;
	for (size_t k = 0; k < br->ports.n; k++) {
		const struct ifcc_iface *p = br->ports.v[k];
		port_vlans(br, p, t);
		if ((r = flush(c, p->name, false, t)) < 0)
			return r;
	}
	put(t, 1, true, br->loc);
	for (size_t k = 0; k < c->m->ifaces.n; k++) {
		const struct ifcc_iface *svi = c->m->ifaces.v[k];
		if (svi->kind == IFK_VLAN && svi->lower == br && svi->has_vlan_id)
			put(t, svi->vlan_id, false, svi->implicit ? br->loc : svi->loc);
	}
	return flush(c, br->name, true, t);
}

int realise_bridge_vlans(struct realise_ctx *c)
{
	struct port_vlan *t = calloc(4095, sizeof(*t));
	int r = 0;
	if (!t)
		return -ENOMEM;
	for (size_t k = 0; k < c->m->ifaces.n && r >= 0; k++) {
		const struct ifcc_iface *br = c->m->ifaces.v[k];
		if (br->kind == IFK_BRIDGE && br->vlan_aware)
			r = bridge_vlans(c, br, t);
	}
	free(t);
	return r;
}
