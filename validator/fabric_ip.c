/*
 * Fabric-wide: an address lives on one device, except the addresses meant to be shared
 * (VRR virtual IPs, a pair's anycast VTEP address); a VNI means one VLAN everywhere.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fabric.h"

enum occ_kind { OCC_OWN, OCC_VIP, OCC_ANYCAST };

struct occ {
	struct ifcc_ip ip;
	const char *vrf;
	uint32_t dev, seq, tok;
	enum occ_kind kind;
	const struct ifcc_iface *i;
	const struct ifcc_line *ln;
};

/* Host-local addresses every switch has: loopback 127/8 and ::1, link-local, unspecified. */
static bool ignored(const struct ifcc_ip *ip)
{
	const uint8_t *a = ip->addr;
	static const uint8_t zero[16];
	if (ip->family == IFCC_AF_INET)
		return a[0] == 127 || (a[0] == 169 && a[1] == 254) || !memcmp(a, zero, 4);
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return true;
	if (!memcmp(a, zero, 15))
		return a[15] <= 1; /* :: and ::1 */
	return false;
}

struct occ_list {
	struct occ *v;
	size_t n, cap;
};

static void add(struct occ_list *l, const struct occ *o)
{
	if (l->v && l->n < l->cap && !ignored(&o->ip)) {
		l->v[l->n] = *o;
		l->v[l->n].seq = (uint32_t)l->n;
		l->n++;
	}
}

/* Counts (l->v NULL) or fills the occurrences of one device. */
static size_t walk(const struct fdev *fd, uint32_t dev, struct occ_list *l)
{
	size_t count = 0;
	const struct ptrvec *ifs = &fd->dev->model->ifaces;
	for (size_t k = 0; k < ifs->n; k++) {
		const struct ifcc_iface *i = ifs->v[k];
		struct occ o = {.dev = dev, .i = i, .vrf = fab_vrf_of(i)};
		const struct ifcc_attr *a = ifcc_iface_attr_id(i, KWI_ADDRESS);
		for (size_t j = 0; a && j < a->lines.n; j++, count++) {
			o.ln = a->lines.v[j];
			o.kind = OCC_OWN;
			if (o.ln->typed) {
				o.ip = o.ln->v.prefix.ip;
				add(l, &o);
			}
		}
		a = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
		for (size_t j = 0; a && j < a->lines.n; j++) {
			o.ln = a->lines.v[j];
			o.kind = OCC_VIP;
			for (size_t t = 0; o.ln->typed && t < o.ln->v.av.nprefixes; t++, count++) {
				o.ip = o.ln->v.av.prefixes[t].ip;
				o.tok = (uint32_t)t + 1;
				add(l, &o);
			}
		}
	}
	if (fd->anycast) {
		struct occ o = {.dev = dev, .vrf = "", .kind = OCC_ANYCAST, .ln = fd->anycast,
				.ip = fd->anycast->v.ip};
		add(l, &o);
		count++;
	}
	return count;
}

static int cmp_occ(const void *pa, const void *pb)
{
	const struct occ *a = pa, *b = pb;
	int c = strcmp(a->vrf, b->vrf);
	if (!c)
		c = (int)a->ip.family - (int)b->ip.family;
	if (!c)
		c = memcmp(a->ip.addr, b->ip.addr, a->ip.family == IFCC_AF_INET ? 4 : 16);
	if (!c)
		c = (a->dev > b->dev) - (a->dev < b->dev);
	return c ? c : (a->seq > b->seq) - (a->seq < b->seq);
}

static struct ifcc_loc occ_loc(const struct occ *o)
{
	return o->kind == OCC_VIP ? vline_token_loc(o->ln, o->tok) : ast_attr_value_loc(o->ln->src);
}

static const char *occ_what(const struct occ *o)
{
	switch (o->kind) {
	case OCC_VIP:
		return "a VRR virtual IP";
	case OCC_ANYCAST:
		return "the anycast VTEP address";
	default:
		return "an address";
	}
}

/* The two devices are (likely) MLAG peers and may share this address. */
static bool pair_shares(struct fabric *f, const struct occ *g, size_t k, uint32_t d0,
			uint32_t d1)
{
	if (!fab_likely_peers(f, d0, d1))
		return false;
	bool anycast = true, unique_svi = f->d[d0].peer == (int)d1;
	const char *key0 = NULL;
	for (size_t j = 0; j < k; j++) {
		const struct occ *o = &g[j];
		if (o->kind != OCC_ANYCAST && !(o->kind == OCC_OWN && o->i->kind == IFK_LOOPBACK))
			anycast = false;
		/* The same unique address on one VRR SVI of both peers: mlag-unique-ip-same. */
		const char *key = o->kind == OCC_OWN ? fab_svi_key(&f->a, o->i) : NULL;
		if (!key || strset_get(&f->d[o->dev].vrr_by_key, key) != o->i ||
		    (key0 && strcmp(key, key0)))
			unique_svi = false;
		if (!key0)
			key0 = key;
	}
	return anycast || unique_svi;
}

static void check_group(struct fabric *f, const struct occ *g, size_t k)
{
	size_t ndev = 1, other = 0;
	bool all_vip = true;
	for (size_t j = 0; j < k; j++) {
		all_vip &= g[j].kind == OCC_VIP;
		if (j && g[j].dev != g[j - 1].dev) {
			ndev++;
			if (!other)
				other = j;
		}
	}
	if (ndev < 2 || all_vip)
		return;
	if (ndev == 2 && pair_shares(f, g, k, g[0].dev, g[other].dev))
		return;
	const struct occ *ref = &g[0];
	char ip[64];
	ifcc_ip_format(&ref->ip, ip, sizeof(ip));
	for (size_t j = 1; j < k; j++) {
		const struct occ *o = &g[j];
		if (o->dev == g[j - 1].dev || o->dev == ref->dev)
			continue;
		struct fdev *x = &f->d[o->dev];
		const char *rname = ref->i ? ref->i->name : "clagd-vxlan-anycast-ip";
		struct ifcc_diag *d = vreport(
			&x->v, "fabric-duplicate-ip", occ_loc(o),
			"%s%s%s%s is %s of %s on %s and %s of %s on %s; an address belongs to one "
			"device (only VRR virtual IPs and a pair's anycast address are shared)",
			ip, *o->vrf ? " (VRF " : "", *o->vrf ? o->vrf : "", *o->vrf ? ")" : "", occ_what(o),
			o->i ? o->i->name : "clagd-vxlan-anycast-ip", x->dev->name, occ_what(ref),
			rname, f->d[ref->dev].dev->name);
		diag_note(x->v.d, d, occ_loc(ref), "%s on %s", rname, f->d[ref->dev].dev->name);
	}
}

int fab_check_addresses(struct fabric *f)
{
	struct occ_list l = {0};
	for (size_t k = 0; k < f->n; k++)
		if (f->d[k].dev->model)
			l.cap += walk(&f->d[k], (uint32_t)k, &l);
	if (!l.cap)
		return 0;
	l.v = malloc(l.cap * sizeof(*l.v));
	if (!l.v)
		return -ENOMEM;
	for (size_t k = 0; k < f->n; k++)
		if (f->d[k].dev->model)
			walk(&f->d[k], (uint32_t)k, &l);
	qsort(l.v, l.n, sizeof(*l.v), cmp_occ);
	for (size_t s = 0, e; s < l.n; s = e) {
		for (e = s + 1; e < l.n && !strcmp(l.v[s].vrf, l.v[e].vrf) &&
				ip_equal(&l.v[s].ip, &l.v[e].ip);
		     e++)
			;
		if (e - s > 1)
			check_group(f, l.v + s, e - s);
	}
	free(l.v);
	return 0;
}
