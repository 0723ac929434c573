/*
 * VNI-to-VLAN maps across the fabric: EVPN carries the VNI, so the VLAN behind one VNI
 * should be the same on every device (a translation is legal but is usually a typo).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fabric.h"

struct vmap {
	uint32_t vni, dev, seq;
	uint16_t vid;
	int32_t entry; /* token of bridge-vlan-vni-map, -1 for vxlan-id */
	const struct ifcc_line *ln;
};

struct vmap_list {
	struct vmap *v;
	size_t n, cap;
};

static void add(struct vmap_list *l, struct vmap m)
{
	if (l->v && l->n < l->cap) {
		m.seq = (uint32_t)l->n;
		l->v[l->n++] = m;
	}
}

static const struct ifcc_line *typed(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, id);
	return ln && ln->typed ? ln : NULL;
}

/* Counts (l->v NULL) or fills the VNI -> VLAN records of one device. */
static size_t walk(const struct fdev *fd, uint32_t dev, struct vmap_list *l)
{
	size_t count = 0;
	const struct ptrvec *ifs = &fd->dev->model->ifaces;
	for (size_t k = 0; k < ifs->n; k++) {
		const struct ifcc_iface *i = ifs->v[k];
		if (i->kind != IFK_VXLAN)
			continue;
		const struct ifcc_line *map = typed(i, KWI_BRIDGE_VLAN_VNI_MAP);
		for (size_t e = 0; map && e < map->v.vni_map.n; e++) {
			const struct ifcc_vni_map_entry *en = &map->v.vni_map.v[e];
			for (uint32_t vni = en->vni_first; vni <= en->vni_last; vni++, count++)
				add(l, (struct vmap){.vni = vni, .dev = dev, .entry = (int32_t)e,
						     .ln = map,
						     .vid = (uint16_t)(en->vid_first +
								       (vni - en->vni_first))});
		}
		const struct ifcc_line *id = typed(i, KWI_VXLAN_ID), *acc = typed(i, KWI_BRIDGE_ACCESS);
		if (!map && id && acc) {
			add(l, (struct vmap){.vni = (uint32_t)id->v.u, .dev = dev, .entry = -1,
					     .ln = id, .vid = (uint16_t)acc->v.u});
			count++;
		}
	}
	return count;
}

static int cmp_vmap(const void *pa, const void *pb)
{
	const struct vmap *a = pa, *b = pb;
	if (a->vni != b->vni)
		return a->vni < b->vni ? -1 : 1;
	if (a->dev != b->dev)
		return a->dev < b->dev ? -1 : 1;
	return (a->seq > b->seq) - (a->seq < b->seq);
}

static struct ifcc_loc vmap_loc(const struct vmap *m)
{
	return m->entry < 0 ? ast_attr_value_loc(m->ln->src) : fab_token_loc(m->ln, (size_t)m->entry);
}

/* One warning per map entry and device: a range entry that disagrees is reported once. */
struct warned {
	const struct ifcc_line *ln;
	int32_t entry;
};

static void check_group(struct fabric *f, const struct vmap *g, size_t k, struct warned *w)
{
	const struct vmap *ref = &g[0];
	for (size_t j = 1; j < k; j++) {
		const struct vmap *m = &g[j];
		if (m->dev == ref->dev || m->vid == ref->vid)
			continue;
		if (w[m->dev].ln == m->ln && w[m->dev].entry == m->entry)
			continue;
		w[m->dev] = (struct warned){m->ln, m->entry};
		struct fdev *x = &f->d[m->dev];
		const char *rname = f->d[ref->dev].dev->name;
		struct ifcc_diag *d = vreport(
			&x->v, "fabric-vni-map-mismatch", vmap_loc(m),
			"VNI %u is VLAN %u on %s but VLAN %u on %s; EVPN carries the VNI, so the VLAN "
			"behind it is normally the same on every device",
			m->vni, (unsigned)m->vid, x->dev->name, (unsigned)ref->vid, rname);
		diag_note(x->v.d, d, vmap_loc(ref), "VNI %u on %s", ref->vni, rname);
	}
}

int fab_check_vni_maps(struct fabric *f)
{
	struct vmap_list l = {0};
	for (size_t k = 0; k < f->n; k++)
		if (f->d[k].dev->model)
			l.cap += walk(&f->d[k], (uint32_t)k, &l);
	if (!l.cap)
		return 0;
	l.v = malloc(l.cap * sizeof(*l.v));
	struct warned *w = calloc(f->n, sizeof(*w));
	if (!l.v || !w) {
		free(l.v);
		free(w);
		return -ENOMEM;
	}
	for (size_t k = 0; k < f->n; k++)
		if (f->d[k].dev->model)
			walk(&f->d[k], (uint32_t)k, &l);
	qsort(l.v, l.n, sizeof(*l.v), cmp_vmap);
	for (size_t s = 0, e; s < l.n; s = e) {
		for (e = s + 1; e < l.n && l.v[e].vni == l.v[s].vni; e++)
			;
		if (e - s > 1)
			check_group(f, l.v + s, e - s, w);
	}
	free(l.v);
	free(w);
	return 0;
}
