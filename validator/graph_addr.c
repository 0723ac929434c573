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
 * One address of the configuration: 16 bytes, as there may be many thousands. Its
 * address is in its line (the line's prefix, or prefix tok-1 of its address-virtual), its
 * interface is m->ifaces.v[iface], its VRF the interface's (entry_vrf); its reading order
 * is its place in the list.
 */
struct aentry {
	const struct ifcc_line *ln;
	uint32_t iface;
	uint32_t tok; /* 0: an `address` line; k: prefix k-1 of an address-virtual line */
};

/* The entries in reading order, and the model they point into. */
struct alist {
	const struct ifcc_model *m;
	struct aentry *v;
	size_t n, cap;
};

static const struct ifcc_ip *entry_ip(const struct aentry *e)
{
	return e->tok ? &e->ln->v.av.prefixes[e->tok - 1].ip : &e->ln->v.prefix.ip;
}

static const struct ifcc_iface *entry_iface(const struct alist *l, const struct aentry *e)
{
	return l->m->ifaces.v[e->iface];
}

/* From address-virtual. */
static bool entry_virt(const struct aentry *e)
{
	return e->tok != 0;
}

/* A /32 or /128 `address`. */
static bool entry_host(const struct aentry *e)
{
	const struct ifcc_prefix *p = &e->ln->v.prefix;
	return !e->tok && p->len == (p->ip.family == IFCC_AF_INET ? 32 : 128);
}

/* The entry's VRF; NULL: the default VRF. */
static const struct ifcc_iface *entry_vrf(const struct alist *l, const struct aentry *e)
{
	const struct ifcc_iface *i = entry_iface(l, e);
	return i->kind == IFK_VRF ? i : i->vrf;
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

static int cmp_entry(const struct alist *l, const struct aentry *a, const struct aentry *b)
{
	const struct ifcc_ip *x = entry_ip(a), *y = entry_ip(b);
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	int c = memcmp(x->addr, y->addr, x->family == IFCC_AF_INET ? 4 : 16);
	if (c)
		return c;
	uintptr_t va = (uintptr_t)entry_vrf(l, a), vb = (uintptr_t)entry_vrf(l, b);
	if (va != vb)
		return va < vb ? -1 : 1;
	/* Both in the same list: the one read first comes first. */
	return a < b ? -1 : a > b;
}

/* Room for one more entry; false when out of memory. */
static bool room(struct alist *l)
{
	if (l->n < l->cap)
		return true;
	/* First guess: two per interface (an SVI's address and its virtual one). */
	size_t cap = l->cap ? 2 * l->cap : 2 * l->m->ifaces.n + 16;
	struct aentry *v = realloc(l->v, cap * sizeof(*v));
	if (!v)
		return false;
	l->v = v;
	l->cap = cap;
	return true;
}

/* Appends the addresses of i that take part (link-local ones do not); false when out of
 * memory. */
static bool collect(const struct ifcc_iface *i, struct alist *l)
{
	const struct ifcc_attr *a = ifcc_iface_attr_id(i, KWI_ADDRESS);
	for (size_t k = 0; a && k < a->lines.n; k++) {
		const struct ifcc_line *ln = a->lines.v[k];
		if (!ln->typed || link_local(&ln->v.prefix.ip))
			continue;
		if (!room(l))
			return false;
		l->v[l->n++] = (struct aentry){.ln = ln, .iface = i->index, .tok = 0};
	}
	const struct ifcc_attr *av = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
	for (size_t k = 0; av && k < av->lines.n; k++) {
		const struct ifcc_line *ln = av->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.av.nprefixes; j++) {
			if (link_local(&ln->v.av.prefixes[j].ip))
				continue;
			if (!room(l))
				return false;
			l->v[l->n++] = (struct aentry){
				.ln = ln, .iface = i->index, .tok = (uint32_t)j + 1};
		}
	}
	return true;
}

/* Unnumbered: the loopback's host address copied onto routed ports as a host prefix. */
static bool unnumbered(const struct alist *l, const struct aentry *a, const struct aentry *b,
		       bool group_has_loopback)
{
	if (entry_virt(a) || entry_virt(b) || !entry_host(a) || !entry_host(b))
		return false;
	return group_has_loopback || loopback_like(entry_iface(l, a)) ||
	       loopback_like(entry_iface(l, b));
}

static void report(struct vctx *v, const struct alist *l, const struct aentry *e,
		   const struct aentry *f)
{
	char ip[64];
	ifcc_ip_format(entry_ip(e), ip, sizeof(ip));
	const struct ifcc_iface *vrf = entry_vrf(l, e);
	const char *where = vrf ? vrf->name : "the default VRF";
	const struct ifcc_iface *ei = entry_iface(l, e), *fi = entry_iface(l, f);
	struct ifcc_diag *g = vreport(
		v, "duplicate-address", vline_token_loc(e->ln, e->tok),
		"iface %s: %s %s is also %s of %s, in the same VRF (%s); the two interfaces "
		"then compete for its traffic: give each its own address, or put them in "
		"different VRFs",
		ei->name, entry_virt(e) ? "virtual IP" : "address", ip,
		entry_virt(f) ? "a virtual IP (address-virtual)" : "the address", fi->name, where);
	diag_note(v->d, g, vline_token_loc(f->ln, f->tok), "%s has %s here", fi->name, ip);
}

/* One group of equal (address, VRF) entries, in reading order. */
static void check_group(struct vctx *v, const struct alist *l, const struct aentry *const *g,
			size_t n)
{
	bool has_lo = false;
	for (size_t k = 0; k < n; k++)
		has_lo |= !entry_virt(g[k]) && loopback_like(entry_iface(l, g[k]));
	for (size_t k = 1; k < n; k++) {
		for (size_t j = 0; j < k; j++) {
			if (g[j]->iface == g[k]->iface || unnumbered(l, g[j], g[k], has_lo))
				continue;
			report(v, l, g[k], g[j]);
			break;
		}
	}
}

static uint32_t key_hash(const struct alist *l, const struct aentry *e)
{
	const struct ifcc_ip *ip = entry_ip(e);
	uint32_t h = 2166136261u ^ ip->family;
	size_t n = ip->family == IFCC_AF_INET ? 4 : 16;
	for (size_t k = 0; k < n; k++)
		h = (h ^ ip->addr[k]) * 16777619u;
	uintptr_t p = (uintptr_t)entry_vrf(l, e);
	return (h ^ (uint32_t)(p >> 4) ^ (uint32_t)(p >> 36)) * 16777619u;
}

static bool same_key(const struct alist *l, const struct aentry *a, const struct aentry *b)
{
	return ip_equal(entry_ip(a), entry_ip(b)) && entry_vrf(l, a) == entry_vrf(l, b);
}

struct head_sort {
	const struct alist *l;
	const struct aentry *first;
	uint32_t slot;
};

static int cmp_head(const void *pa, const void *pb)
{
	const struct head_sort *a = pa, *b = pb;
	return cmp_entry(a->l, a->first, b->first);
}

/*
 * Groups equal (address, VRF) entries with a hash table (each slot the newest entry of
 * its group, chained to the older ones); only the few groups of two or more are sorted,
 * by address, VRF and reading order, and checked in that order.
 */
static void check_groups(struct vctx *v, const struct alist *l)
{
	size_t cap = 64;
	while (cap < 2 * l->n)
		cap *= 2;
	/* Written (zeroed) before it is read: a calloc'd table of this size is fresh pages
	 * that a first read maps to the shared zero page, and the first write then copies,
	 * with a TLB flush on every CPU the process runs on. */
	uint32_t *slot = malloc(cap * sizeof(*slot)); /* newest entry of the group + 1, 0: empty */
	uint32_t *next = malloc(l->n * sizeof(*next)); /* the group's previous entry + 1 */
	uint32_t *multi = NULL; /* slots of the groups of two or more */
	struct head_sort *heads = NULL;
	const struct aentry **g = NULL;
	size_t nmulti = 0, capmulti = 0;
	if (!slot || !next)
		goto out;
	memset(slot, 0, cap * sizeof(*slot));
	for (size_t e = 0; e < l->n; e++) {
		size_t s = key_hash(l, &l->v[e]) & (cap - 1);
		while (slot[s] && !same_key(l, &l->v[slot[s] - 1], &l->v[e]))
			s = (s + 1) & (cap - 1);
		next[e] = slot[s];
		if (slot[s] && !next[slot[s] - 1]) {
			/* The group's second entry. */
			if (nmulti == capmulti) {
				capmulti = capmulti ? 2 * capmulti : 16;
				uint32_t *nm = realloc(multi, capmulti * sizeof(*nm));
				if (!nm)
					goto out;
				multi = nm;
			}
			multi[nmulti++] = (uint32_t)s;
		}
		slot[s] = (uint32_t)e + 1;
	}
	if (!nmulti)
		goto out;
	heads = malloc(nmulti * sizeof(*heads));
	g = malloc(l->n * sizeof(*g));
	if (!heads || !g)
		goto out;
	for (size_t k = 0; k < nmulti; k++) {
		uint32_t e = slot[multi[k]];
		while (next[e - 1])
			e = next[e - 1];
		heads[k] = (struct head_sort){.l = l, .first = &l->v[e - 1], .slot = multi[k]};
	}
	qsort(heads, nmulti, sizeof(*heads), cmp_head);
	for (size_t k = 0; k < nmulti; k++) {
		size_t n = 0;
		for (uint32_t e = slot[heads[k].slot]; e; e = next[e - 1])
			g[n++] = &l->v[e - 1];
		/* Newest first in the chain: reading order is the reverse. */
		for (size_t a = 0, b = n - 1; a < b; a++, b--) {
			const struct aentry *t = g[a];
			g[a] = g[b];
			g[b] = t;
		}
		check_group(v, l, g, n);
	}
out:
	free(slot);
	free(next);
	free(multi);
	free(heads);
	free(g);
}

void graph_check_addresses(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	struct alist l = {.m = m};
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (!i->implicit && !collect(i, &l))
			goto out;
	}
	if (l.n >= 2)
		check_groups(v, &l);
out:
	free(l.v);
}
