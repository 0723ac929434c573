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

/*
 * One address of the configuration: 40 bytes, as there may be many thousands. Its VRF is
 * its interface's (entry_vrf); its reading order is its place in the list.
 */
struct aentry {
	struct ifcc_ip ip;
	bool host;    /* /32 or /128 */
	bool virt;    /* from address-virtual */
	uint32_t tok; /* value token of the address in ln */
	const struct ifcc_iface *i;
	const struct ifcc_line *ln;
};

/* The entry's VRF; NULL: the default VRF. */
static const struct ifcc_iface *entry_vrf(const struct aentry *e)
{
	return e->i->kind == IFK_VRF ? e->i : e->i->vrf;
}

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
	uintptr_t va = (uintptr_t)entry_vrf(a), vb = (uintptr_t)entry_vrf(b);
	if (va != vb)
		return va < vb ? -1 : 1;
	/* Both in the same list: the one read first comes first. */
	return a < b ? -1 : a > b;
}

/* The entries in reading order, in malloc'd scratch freed when the check ends. */
struct alist {
	struct aentry *v;
	size_t n, cap;
	bool oom;
};

static void add(struct alist *l, struct aentry e)
{
	if (link_local(&e.ip) || l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct aentry *nv = realloc(l->v, cap * sizeof(*nv));
		if (!nv) {
			l->oom = true;
			return;
		}
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = e;
}

static void collect(const struct ifcc_iface *i, struct alist *l)
{
	const struct ifcc_attr *a = ifcc_iface_attr_id(i, KWI_ADDRESS);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (!ln->typed)
			continue;
		const struct ifcc_prefix *p = &ln->v.prefix;
		add(l,
		    (struct aentry){.ip = p->ip, .i = i, .ln = ln, .tok = 0,
				    .host = p->len == (p->ip.family == IFCC_AF_INET ? 32 : 128)});
	}
	const struct ifcc_attr *av = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
	for (size_t k = 0; av && k < av->lines.n; k++) {
		const struct ifcc_line *ln = av->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes; j++)
			add(l,
			    (struct aentry){.ip = ln->v.av.prefixes[j].ip, .i = i, .ln = ln,
					    .tok = (uint32_t)j + 1, .virt = true});
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
	const struct ifcc_iface *vrf = entry_vrf(e);
	const char *where = vrf ? vrf->name : "the default VRF";
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

static uint32_t key_hash(const struct aentry *e)
{
	uint32_t h = 2166136261u ^ e->ip.family;
	size_t n = e->ip.family == IFCC_AF_INET ? 4 : 16;
	for (size_t k = 0; k < n; k++)
		h = (h ^ e->ip.addr[k]) * 16777619u;
	uintptr_t p = (uintptr_t)entry_vrf(e);
	return (h ^ (uint32_t)(p >> 4) ^ (uint32_t)(p >> 36)) * 16777619u;
}

static bool same_key(const struct aentry *a, const struct aentry *b)
{
	return ip_equal(&a->ip, &b->ip) && entry_vrf(a) == entry_vrf(b);
}

static int cmp_head(const void *pa, const void *pb)
{
	return cmp_entry(*(const struct aentry *const *)pa, *(const struct aentry *const *)pb);
}

/*
 * Groups equal (address, VRF) entries with a hash table; only the few groups of two or
 * more are sorted, by address, VRF and reading order, and checked in that order.
 */
static void check_groups(struct vctx *v, const struct alist *l)
{
	size_t cap = 64;
	while (cap < 2 * l->n)
		cap *= 2;
	uint32_t *slot = malloc(cap * sizeof(*slot)); /* head entry + 1, 0: empty */
	uint32_t *next = malloc(l->n * sizeof(*next)); /* next entry of the group + 1 */
	uint32_t *tail = malloc(l->n * sizeof(*tail));	/* of a head: its last entry */
	uint32_t *count = malloc(l->n * sizeof(*count)); /* of a head: its entries; else 0 */
	struct aentry **heads = NULL, *g = NULL;
	size_t nheads = 0;
	if (!slot || !next || !tail || !count)
		goto out;
	memset(slot, 0, cap * sizeof(*slot));
	for (size_t e = 0; e < l->n; e++) {
		size_t s = key_hash(&l->v[e]) & (cap - 1);
		while (slot[s] && !same_key(&l->v[slot[s] - 1], &l->v[e]))
			s = (s + 1) & (cap - 1);
		next[e] = 0;
		if (!slot[s]) {
			slot[s] = (uint32_t)e + 1;
			tail[e] = (uint32_t)e;
			count[e] = 1;
			continue;
		}
		size_t h = slot[s] - 1;
		count[e] = 0; /* not a head */
		next[tail[h]] = (uint32_t)e + 1;
		tail[h] = (uint32_t)e;
		if (count[h]++ == 1)
			nheads++;
	}
	if (!nheads)
		goto out;
	heads = malloc(nheads * sizeof(*heads));
	g = malloc(l->n * sizeof(*g));
	if (!heads || !g)
		goto out;
	nheads = 0;
	for (size_t e = 0; e < l->n; e++)
		if (count[e] > 1)
			heads[nheads++] = &l->v[e];
	qsort(heads, nheads, sizeof(*heads), cmp_head);
	for (size_t k = 0; k < nheads; k++) {
		size_t n = 0;
		for (uint32_t e = (uint32_t)(heads[k] - l->v) + 1; e; e = next[e - 1])
			g[n++] = l->v[e - 1];
		check_group(v, g, n);
	}
out:
	free(slot);
	free(next);
	free(tail);
	free(count);
	free(heads);
	free(g);
}

void graph_check_addresses(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	struct alist l = {0};
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (!i->implicit)
			collect(i, &l);
	}
	if (l.n >= 2)
		check_groups(v, &l);
	free(l.v);
}
