/*
 * One address on two interfaces of one device, in one VRF. Addresses are compared
 * without their prefix length; VRFs keep them apart. Not a conflict: link-local
 * addresses, and a loopback's (or VRF device's) host address repeated as a /32 or /128
 * on routed ports (unnumbered interfaces).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

struct aentry {
	struct ifcc_ip ip;
	const struct ifcc_iface *i;
	const struct ifcc_iface *vrf; /* NULL: the default VRF */
	const struct ifcc_line *ln;
	size_t tok;   /* value token of the address in ln */
	size_t seq;   /* reading order */
	bool host;    /* /32 or /128 */
	bool virt;    /* from address-virtual */
};

static bool link_local(const struct ifcc_ip *ip)
{
	if (ip->family == IFCC_AF_INET)
		return ip->addr[0] == 169 && ip->addr[1] == 254;
	return ip->addr[0] == 0xfe && (ip->addr[1] & 0xc0) == 0x80;
}

static bool loopback_like(const struct ifcc_iface *i)
{
	return i->kind == IFK_LOOPBACK || i->kind == IFK_VRF || i->kind == IFK_DUMMY;
}

static int cmp_entry(const void *pa, const void *pb)
{
	const struct aentry *a = pa, *b = pb;
	if (a->ip.family != b->ip.family)
		return a->ip.family < b->ip.family ? -1 : 1;
	int c = memcmp(a->ip.addr, b->ip.addr, a->ip.family == IFCC_AF_INET ? 4 : 16);
	if (c)
		return c;
	uintptr_t va = (uintptr_t)a->vrf, vb = (uintptr_t)b->vrf;
	if (va != vb)
		return va < vb ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

struct alist {
	struct aentry *v;
	size_t n, cap;
};

static void add(struct vctx *v, struct alist *l, struct aentry e)
{
	if (link_local(&e.ip))
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct aentry *nv = arena_alloc(v->a, cap * sizeof(*nv));
		if (!nv)
			return;
		if (l->n)
			memcpy(nv, l->v, l->n * sizeof(*nv));
		l->v = nv;
		l->cap = cap;
	}
	e.seq = l->n;
	l->v[l->n++] = e;
}

static void collect(struct vctx *v, const struct ifcc_iface *i, struct alist *l)
{
	const struct ifcc_iface *vrf = i->kind == IFK_VRF ? i : i->vrf;
	const struct ifcc_attr *a = ifcc_iface_attr(i, "address");
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (!ln->typed)
			continue;
		const struct ifcc_prefix *p = &ln->v.prefix;
		add(v, l,
		    (struct aentry){.ip = p->ip, .i = i, .vrf = vrf, .ln = ln, .tok = 0,
				    .host = p->len == (p->ip.family == IFCC_AF_INET ? 32 : 128)});
	}
	const struct ifcc_attr *av = ifcc_iface_attr(i, "address-virtual");
	for (size_t k = 0; av && k < av->lines.n; k++) {
		const struct ifcc_line *ln = av->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes; j++)
			add(v, l,
			    (struct aentry){.ip = ln->v.av.prefixes[j].ip, .i = i, .vrf = vrf,
					    .ln = ln, .tok = j + 1, .virt = true});
	}
}

/* Unnumbered: the loopback's host address copied onto routed ports as a host prefix. */
static bool unnumbered(const struct aentry *a, const struct aentry *b, bool group_has_loopback)
{
	if (a->virt || b->virt || !a->host || !b->host)
		return false;
	return group_has_loopback || loopback_like(a->i) || loopback_like(b->i);
}

static void report(struct vctx *v, const struct aentry *e, const struct aentry *f)
{
	char ip[64];
	ifcc_ip_format(&e->ip, ip, sizeof(ip));
	const char *where = e->vrf ? e->vrf->name : "the default VRF";
	struct ifcc_diag *g = vreport(
		v, "duplicate-address", vline_token_loc(e->ln, e->tok),
		"iface %s: %s %s is also %s of %s, in the same VRF (%s); the two interfaces "
		"then compete for its traffic: give each its own address, or put them in "
		"different VRFs",
		e->i->name, e->virt ? "virtual IP" : "address", ip,
		f->virt ? "a virtual IP (address-virtual)" : "the address", f->i->name, where);
	diag_note(v->d, g, vline_token_loc(f->ln, f->tok), "%s has %s here", f->i->name, ip);
}

static void check_group(struct vctx *v, const struct aentry *g, size_t n)
{
	bool has_lo = false;
	for (size_t k = 0; k < n; k++)
		has_lo |= !g[k].virt && loopback_like(g[k].i);
	for (size_t k = 1; k < n; k++) {
		for (size_t j = 0; j < k; j++) {
			if (g[j].i == g[k].i || unnumbered(&g[j], &g[k], has_lo))
				continue;
			report(v, &g[k], &g[j]);
			break;
		}
	}
}

void graph_check_addresses(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	struct alist l = {0};
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (!i->implicit)
			collect(v, i, &l);
	}
	if (l.n < 2)
		return;
	qsort(l.v, l.n, sizeof(*l.v), cmp_entry);
	for (size_t s = 0; s < l.n;) {
		size_t e = s + 1;
		while (e < l.n && ip_equal(&l.v[s].ip, &l.v[e].ip) && l.v[s].vrf == l.v[e].vrf)
			e++;
		if (e - s > 1)
			check_group(v, &l.v[s], e - s);
		s = e;
	}
}
