/*
 * MLAG across a pair: dual-connected bonds (clag-id) with the same VLANs on both legs, one
 * anycast VTEP address, and backup links that point at the peer.
 */
#include <stdio.h>
#include <string.h>

#include "fabric.h"

static const struct ifcc_line *typed(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, id);
	return ln && ln->typed ? ln : NULL;
}

static uint64_t clag_id(const struct ifcc_iface *i)
{
	return typed(i, KWI_CLAG_ID)->v.u;
}

static const struct ifcc_iface *find_clag(const struct fdev *fd, uint64_t id)
{
	for (size_t k = 0; k < fd->clag.n; k++)
		if (clag_id(fd->clag.v[k]) == id)
			return fd->clag.v[k];
	return NULL;
}

/* The VLANs a bridge port carries: its access VLAN, else its bridge-vids or the bridge's. */
struct port_vlans {
	uint64_t access; /* 0: trunk */
	const struct ifcc_vlan_set *vids;
	const struct ifcc_line *line; /* where it is written, NULL when nowhere */
};

static struct port_vlans port_vlans(const struct ifcc_iface *i)
{
	struct port_vlans p = {0};
	const struct ifcc_line *ln = typed(i, KWI_BRIDGE_ACCESS);
	if (ln) {
		p.access = ln->v.u;
		p.line = ln;
		return p;
	}
	ln = typed(i, KWI_BRIDGE_VIDS);
	if (!ln && i->master && i->master->kind == IFK_BRIDGE && i->master->vlan_aware)
		ln = typed(i->master, KWI_BRIDGE_VIDS);
	if (ln) {
		p.vids = ln->v.vlans;
		p.line = ln;
	}
	return p;
}

static void format_vlans(const struct port_vlans *p, char *buf, size_t n)
{
	if (p->access) {
		snprintf(buf, n, "bridge-access %llu", (unsigned long long)p->access);
		return;
	}
	if (!p->vids) {
		snprintf(buf, n, "no VLAN");
		return;
	}
	size_t len = (size_t)snprintf(buf, n, "VLANs");
	for (unsigned v = 0; v < 4096 && len + 1 < n;) {
		if (!ifcc_vlan_set_has(p->vids, v)) {
			v++;
			continue;
		}
		unsigned e = v;
		while (e + 1 < 4096 && ifcc_vlan_set_has(p->vids, e + 1))
			e++;
		int w = e == v ? snprintf(buf + len, n - len, " %u", v)
			       : snprintf(buf + len, n - len, " %u-%u", v, e);
		if (w < 0 || (size_t)w >= n - len)
			break;
		len += (size_t)w;
		v = e + 1;
	}
}

static bool same_vlans(const struct port_vlans *x, const struct port_vlans *y)
{
	if (x->access || y->access)
		return x->access == y->access;
	if (!x->vids || !y->vids)
		return x->vids == y->vids;
	return !memcmp(x->vids, y->vids, sizeof(*x->vids));
}

/* The bond's own VLAN line (bridge-access, bridge-vids), else its clag-id. */
static const struct ifcc_line *vlan_line(const struct ifcc_iface *i)
{
	const struct ifcc_line *ln = typed(i, KWI_BRIDGE_ACCESS);
	if (!ln)
		ln = typed(i, KWI_BRIDGE_VIDS);
	return ln ? ln : typed(i, KWI_CLAG_ID);
}

static void check_bond_vlans(struct fdev *a, struct fdev *b, const struct ifcc_iface *ai,
			     const struct ifcc_iface *bi)
{
	struct port_vlans pa = port_vlans(ai), pb = port_vlans(bi);
	if (same_vlans(&pa, &pb))
		return;
	char as[160], bs[160];
	format_vlans(&pa, as, sizeof(as));
	format_vlans(&pb, bs, sizeof(bs));
	const struct ifcc_line *bl = vlan_line(bi), *al = vlan_line(ai);
	struct ifcc_diag *g = vreport(
		&b->v, "mlag-clag-id-mismatch", ast_attr_loc(bl->src),
		"clag-id %llu: %s on %s carries %s, but %s on its MLAG peer %s carries %s; both "
		"legs of a dual-connected bond must carry the same VLANs",
		(unsigned long long)clag_id(bi), bi->name, b->dev->name, bs, ai->name, a->dev->name,
		as);
	diag_note(b->v.d, g, ast_attr_loc(al->src), "%s on %s", ai->name, a->dev->name);
}

static void report_lone_clag(struct fdev *x, struct fdev *y, const struct ifcc_iface *i)
{
	uint64_t id = clag_id(i);
	const struct ifcc_iface *same = ifcc_model_find(y->dev->model, i->name);
	struct ifcc_diag *g = vreport(
		&x->v, "mlag-clag-id-mismatch", ast_attr_loc(typed(i, KWI_CLAG_ID)->src),
		"clag-id %llu of %s on %s has no bond with that clag-id on its MLAG peer %s; the "
		"host behind it is attached to one switch only",
		(unsigned long long)id, i->name, x->dev->name, y->dev->name);
	if (same)
		diag_note(x->v.d, g, same->loc, "%s on %s has %s", same->name, y->dev->name,
			  ifcc_iface_attr_id(same, KWI_CLAG_ID) ? "another clag-id" : "no clag-id");
	else
		diag_note(x->v.d, g, fab_peer_loc(y), "%s, the MLAG peer", y->dev->name);
}

static void check_clag(struct fdev *a, struct fdev *b)
{
	for (size_t k = 0; k < a->clag.n; k++) {
		const struct ifcc_iface *ai = a->clag.v[k];
		const struct ifcc_iface *bi = find_clag(b, clag_id(ai));
		if (bi)
			check_bond_vlans(a, b, ai, bi);
		else
			report_lone_clag(a, b, ai);
	}
	for (size_t k = 0; k < b->clag.n; k++) {
		const struct ifcc_iface *bi = b->clag.v[k];
		if (!find_clag(a, clag_id(bi)))
			report_lone_clag(b, a, bi);
	}
}

static void check_anycast(struct fdev *a, struct fdev *b)
{
	if (!a->anycast && !b->anycast)
		return;
	char as[64] = "", bs[64] = "";
	if (a->anycast)
		ifcc_ip_format(&a->anycast->v.ip, as, sizeof(as));
	if (b->anycast)
		ifcc_ip_format(&b->anycast->v.ip, bs, sizeof(bs));
	if (a->anycast && b->anycast) {
		if (ip_equal(&a->anycast->v.ip, &b->anycast->v.ip))
			return;
		struct ifcc_diag *g = vreport(
			&b->v, "mlag-anycast-mismatch", ast_attr_value_loc(b->anycast->src),
			"clagd-vxlan-anycast-ip %s on %s differs from %s on its MLAG peer %s; the "
			"pair must share one anycast VTEP address",
			bs, b->dev->name, as, a->dev->name);
		diag_note(b->v.d, g, ast_attr_value_loc(a->anycast->src), "%s on %s", as,
			  a->dev->name);
		return;
	}
	struct fdev *x = a->anycast ? a : b, *y = a->anycast ? b : a;
	struct ifcc_diag *g = vreport(
		&x->v, "mlag-anycast-mismatch", ast_attr_value_loc(x->anycast->src),
		"clagd-vxlan-anycast-ip %s on %s, but its MLAG peer %s has none; the pair must "
		"share one anycast VTEP address",
		a->anycast ? as : bs, x->dev->name, y->dev->name);
	diag_note(x->v.d, g, fab_peer_loc(y), "%s, the MLAG peer", y->dev->name);
}

/* The `vrf NAME` of a clagd-backup-ip line, or NULL. */
static const char *backup_vrf(struct arena *a, const struct ifcc_line *ln)
{
	struct value_token t[4];
	size_t k = value_tokens(ln->text, t, 4);
	if (k >= 3 && t[1].len == 3 && !memcmp(t[1].s, "vrf", 3))
		return arena_strndup(a, t[2].s, t[2].len);
	return NULL;
}

static bool has_dhcp(const struct fdev *fd)
{
	const struct ptrvec *ifs = &fd->dev->model->ifaces;
	for (size_t k = 0; k < ifs->n; k++) {
		const struct ifcc_iface *i = ifs->v[k];
		if (i->method && strstr(i->method, "dhcp"))
			return true;
	}
	return false;
}

static void check_backup(struct fabric *f, struct fdev *x, struct fdev *y)
{
	if (!x->backup)
		return;
	const struct ifcc_iface *where = NULL;
	char ip[64];
	ifcc_ip_format(&x->backup->v.ip, ip, sizeof(ip));
	if (fab_has_address(y, &x->backup->v.ip, &where)) {
		const char *want = backup_vrf(&f->a, x->backup), *got = fab_vrf_of(where);
		if (!want || !strcmp(want, got))
			return;
		struct ifcc_diag *g = vreport(
			&x->v, "mlag-backup-ip", vline_token_loc(x->backup, 0),
			"clagd-backup-ip %s of %s names VRF %s, but on its MLAG peer %s the address "
			"is on %s in %s%s",
			ip, x->dev->name, want, y->dev->name, where->name, *got ? "VRF " : "",
			*got ? got : "the default VRF");
		diag_note(x->v.d, g, where->loc, "%s on %s", where->name, y->dev->name);
		return;
	}
	if (has_dhcp(y))
		return; /* the peer's address may come from DHCP: nothing to compare */
	struct ifcc_diag *g = vreport(
		&x->v, "mlag-backup-ip", vline_token_loc(x->backup, 0),
		"clagd-backup-ip %s of %s is no address of its MLAG peer %s; the backup link "
		"would not reach the peer when the peer link fails",
		ip, x->dev->name, y->dev->name);
	diag_note(x->v.d, g, fab_peer_loc(y), "%s, the MLAG peer", y->dev->name);
}

void fab_check_pair_mlag(struct fabric *f, struct fdev *a, struct fdev *b)
{
	check_clag(a, b);
	check_anycast(a, b);
	check_backup(f, a, b);
	check_backup(f, b, a);
}
