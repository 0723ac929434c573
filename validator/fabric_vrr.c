/*
 * VRR across an MLAG pair, per VLAN: both peers own the same virtual IPs behind the same
 * virtual MAC, each with its own unique address, and both have the SVI at all.
 */
#include <stdio.h>
#include <string.h>

#include "fabric.h"

/* A typed address-virtual line with a MAC or addresses (not `none` alone). */
static bool av_line(const struct ifcc_line *ln)
{
	return ln->typed && (ln->v.av.nprefixes || !ln->v.av.mac_none);
}

static const struct ifcc_attr *av_of(const struct ifcc_iface *i)
{
	return ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
}

static const struct ifcc_line *first_av(const struct ifcc_iface *i)
{
	const struct ifcc_attr *a = av_of(i);
	for (size_t k = 0; a && k < a->lines.n; k++)
		if (av_line(a->lines.v[k]))
			return a->lines.v[k];
	return a && a->lines.n ? a->lines.v[0] : NULL;
}

static bool has_vip(const struct ifcc_iface *i, const struct ifcc_prefix *p)
{
	const struct ifcc_attr *a = av_of(i);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes; j++) {
			const struct ifcc_prefix *q = &ln->v.av.prefixes[j];
			if (q->len == p->len && ip_equal(&q->ip, &p->ip))
				return true;
		}
	}
	return false;
}

/* The first virtual IP of x that y lacks: its line and token, false when none. */
static bool vip_not_in(const struct ifcc_iface *x, const struct ifcc_iface *y,
		       struct ifcc_loc *loc)
{
	const struct ifcc_attr *a = av_of(x);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes; j++)
			if (!has_vip(y, &ln->v.av.prefixes[j])) {
				*loc = vline_token_loc(ln, j + 1);
				return true;
			}
	}
	return false;
}

static void format_vips(const struct ifcc_iface *i, char *buf, size_t n)
{
	const struct ifcc_attr *a = av_of(i);
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes && len + 1 < n; j++) {
			char p[64];
			ifcc_prefix_format(&ln->v.av.prefixes[j], p, sizeof(p));
			int w = snprintf(buf + len, n - len, "%s%s", len ? " " : "", p);
			if (w < 0 || (size_t)w >= n - len)
				break;
			len += (size_t)w;
		}
	}
}

static void check_vips(struct fdev *a, struct fdev *b, const char *key,
		       const struct ifcc_iface *ai, const struct ifcc_iface *bi)
{
	struct ifcc_loc bl, al;
	bool b_extra = vip_not_in(bi, ai, &bl), a_extra = vip_not_in(ai, bi, &al);
	if (!b_extra && !a_extra)
		return;
	if (!b_extra)
		bl = ast_attr_value_loc(first_av(bi)->src);
	if (!a_extra)
		al = ast_attr_value_loc(first_av(ai)->src);
	char av[256], bv[256];
	format_vips(ai, av, sizeof(av));
	format_vips(bi, bv, sizeof(bv));
	struct ifcc_diag *g = vreport(
		&b->v, "mlag-vrr-vip-mismatch", bl,
		"%s: virtual IPs of %s on %s (%s) differ from those of its MLAG peer %s (%s); both "
		"peers must answer for the same gateway addresses",
		key, bi->name, b->dev->name, bv, a->dev->name, av);
	diag_note(b->v.d, g, al, "%s: %s on %s", key, ai->name, a->dev->name);
}

static bool has_mac(const struct ifcc_iface *i, const struct ifcc_mac *m)
{
	const struct ifcc_attr *a = av_of(i);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (ln->typed && !ln->v.av.mac_none && !memcmp(ln->v.av.mac.b, m->b, 6))
			return true;
	}
	return false;
}

/* The first MAC line of x whose MAC y lacks, else NULL. */
static const struct ifcc_line *mac_not_in(const struct ifcc_iface *x, const struct ifcc_iface *y)
{
	const struct ifcc_attr *a = av_of(x);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (ln->typed && !ln->v.av.mac_none && !has_mac(y, &ln->v.av.mac))
			return ln;
	}
	return NULL;
}

static void check_mac(struct fdev *a, struct fdev *b, const char *key,
		      const struct ifcc_iface *ai, const struct ifcc_iface *bi)
{
	const struct ifcc_line *bx = mac_not_in(bi, ai), *ax = mac_not_in(ai, bi);
	if (!bx && !ax)
		return;
	const struct ifcc_line *bl = bx ? bx : first_av(bi), *al = ax ? ax : first_av(ai);
	char am[24] = "none", bm[24] = "none";
	if (!al->v.av.mac_none)
		ifcc_mac_format(&al->v.av.mac, am, sizeof(am));
	if (!bl->v.av.mac_none)
		ifcc_mac_format(&bl->v.av.mac, bm, sizeof(bm));
	struct ifcc_diag *g = vreport(
		&b->v, "mlag-vrr-mac-mismatch", vline_token_loc(bl, 0),
		"%s: VRR MAC %s of %s on %s differs from %s on its MLAG peer %s; both peers must "
		"answer ARP for the gateway with the same MAC",
		key, bm, bi->name, b->dev->name, am, a->dev->name);
	diag_note(b->v.d, g, vline_token_loc(al, 0), "%s: VRR MAC of %s on %s", key, ai->name,
		  a->dev->name);
}

static void check_unique(struct fdev *a, struct fdev *b, const char *key,
			 const struct ifcc_iface *ai, const struct ifcc_iface *bi)
{
	const struct ifcc_attr *aa = ifcc_iface_attr_id(ai, KWI_ADDRESS),
			       *ba = ifcc_iface_attr_id(bi, KWI_ADDRESS);
	for (size_t k = 0; aa && ba && k < ba->lines.n; k++) {
		const struct ifcc_line *bl = ba->lines.v[k];
		for (size_t j = 0; bl->typed && j < aa->lines.n; j++) {
			const struct ifcc_line *al = aa->lines.v[j];
			if (!al->typed || !ip_equal(&al->v.prefix.ip, &bl->v.prefix.ip))
				continue;
			char ip[64];
			ifcc_ip_format(&bl->v.prefix.ip, ip, sizeof(ip));
			struct ifcc_diag *g = vreport(
				&b->v, "mlag-unique-ip-same", ast_attr_value_loc(bl->src),
				"%s: unique address %s of %s on %s is also the unique address of its "
				"MLAG peer %s; each peer needs its own (e.g. .2 and .3 beside the "
				"virtual .1)",
				key, ip, bi->name, b->dev->name, a->dev->name);
			diag_note(b->v.d, g, ast_attr_value_loc(al->src), "%s: %s on %s", key,
				  ai->name, a->dev->name);
			break;
		}
	}
}

/* x has VRR on `i`; its peer y has no VRR SVI under the same key. */
static void report_missing(struct fdev *x, struct fdev *y, const char *key,
			   const struct ifcc_iface *i)
{
	const struct ifcc_iface *other = strset_get(&y->svi_by_key, key);
	struct ifcc_diag *g = vreport(
		&x->v, "mlag-vrr-missing", ast_attr_key_loc(first_av(i)->src),
		"%s: %s has VRR on %s but its MLAG peer %s has %s; hosts hashed to %s lose their "
		"gateway",
		key, x->dev->name, i->name, y->dev->name,
		other ? "no address-virtual on it" : "no SVI for it", y->dev->name);
	if (other)
		diag_note(x->v.d, g, other->loc, "%s on %s has no address-virtual", other->name,
			  y->dev->name);
	else
		diag_note(x->v.d, g, fab_peer_loc(y), "%s, the MLAG peer", y->dev->name);
}

void fab_check_pair_vrr(struct fabric *f, struct fdev *a, struct fdev *b)
{
	for (size_t k = 0; k < a->vrr.n; k++) {
		const struct ifcc_iface *ai = a->vrr.v[k];
		const char *key = fab_svi_key(&f->a, ai);
		const struct ifcc_iface *bi = key ? strset_get(&b->vrr_by_key, key) : NULL;
		if (!key)
			continue;
		if (!bi) {
			report_missing(a, b, key, ai);
			continue;
		}
		check_vips(a, b, key, ai, bi);
		check_mac(a, b, key, ai, bi);
		check_unique(a, b, key, ai, bi);
	}
	for (size_t k = 0; k < b->vrr.n; k++) {
		const struct ifcc_iface *bi = b->vrr.v[k];
		const char *key = fab_svi_key(&f->a, bi);
		if (key && !strset_get(&a->vrr_by_key, key))
			report_missing(b, a, key, bi);
	}
}
