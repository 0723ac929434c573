/*
 * Graph rules of one device: names that point nowhere (typos of logical devices), cycles
 * through ports, raw devices and VRFs, VLAN ids that contradict the name, and MTUs above
 * the lower device's. The bridge VLAN rules and duplicate addresses live beside it.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "ifcc/misspell.h"

#define KIND(k) (1u << (k))

const char *graph_ports_attr(const struct ifcc_iface *master)
{
	if (master->kind == IFK_BRIDGE)
		return "bridge-ports";
	if (master->kind == IFK_BOND)
		return "bond-slaves";
	return NULL;
}

const struct ifcc_line *graph_typed(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, id);
	return ln && ln->typed ? ln : NULL;
}

/* The lines of a port list that ifupdown2 reads: all of bridge-ports, bond-slaves' first. */
static size_t port_lines(const struct ifcc_attr *at)
{
	return at->kw && at->kw->multi == KW_FIRST_LINE ? (at->lines.n ? 1 : 0) : at->lines.n;
}

static struct ifcc_loc port_token_loc(const struct ifcc_line *ln, const struct ifcc_port *p)
{
	if (ln->text == ln->src->value.s)
		return ast_text_loc(&ln->src->value, p->off, p->len);
	return ast_attr_value_loc(ln->src);
}

struct ifcc_loc graph_port_loc(const struct ifcc_iface *master, const char *port)
{
	const char *name = graph_ports_attr(master);
	const struct ifcc_attr *at = name ? ifcc_iface_attr(master, name) : NULL;
	for (size_t k = 0; at && k < port_lines(at); k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.ports.n; j++) {
			const struct ifcc_port *p = &ln->v.ports.v[j];
			if (p->name && !strcmp(p->name, port))
				return port_token_loc(ln, p);
		}
	}
	return master->loc;
}

/* Names the kernel or udev gives to ports: ifupdown2 rightly takes them as existing links. */
static bool looks_physical(const char *name)
{
	static const char *const prefixes[] = {"swp", "eth", "eno", "ens", "enp", "enx",
					       "em",  "wlan", "wlp", "fp",  "p"};
	for (size_t k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++) {
		size_t n = strlen(prefixes[k]);
		if (!strncmp(name, prefixes[k], n) && isdigit((unsigned char)name[n]))
			return true;
	}
	return false;
}

/*
 * The defined interface of one of `kinds` closest to `word`; with prefer_free, one that
 * is nobody's port yet wins over a closer one that is already used.
 */
static const struct ifcc_iface *closest(const struct ifcc_model *m, const struct ifcc_iface *self,
					const char *word, unsigned kinds, bool prefer_free)
{
	for (int pass = prefer_free ? 0 : 1; pass < 2; pass++) {
		struct misspell ms;
		misspell_init(&ms, word);
		for (size_t k = 0; k < m->ifaces.n; k++) {
			const struct ifcc_iface *c = m->ifaces.v[k];
			if (c == self || c->implicit || !(kinds & KIND(c->kind)))
				continue;
			if (pass == 0 && c->master)
				continue;
			misspell_offer(&ms, c->name);
		}
		const char *best = misspell_result(&ms);
		if (best)
			return ifcc_model_find(m, best);
	}
	return NULL;
}

/* How a candidate is named in "did you mean": a physical interface is a port. */
static const char *noun(const struct ifcc_iface *i)
{
	return i->kind == IFK_PHYSICAL ? "port" : ifcc_kind_name(i->kind);
}

/* A name worth checking: no stanza, not a sub-interface, not a port-like name. */
static bool suspicious(const struct ifcc_iface *t)
{
	return t && t->implicit && !strchr(t->name, '.') && !looks_physical(t->name);
}

static void check_port_refs(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_model *m = v->dev->model;
	const char *attr = graph_ports_attr(i);
	const struct ifcc_attr *at = attr ? ifcc_iface_attr(i, attr) : NULL;
	if (!at)
		return;
	bool bond = i->kind == IFK_BOND;
	unsigned kinds = bond ? KIND(IFK_PHYSICAL) : KIND(IFK_BOND) | KIND(IFK_BRIDGE) | KIND(IFK_VXLAN);
	for (size_t k = 0; k < port_lines(at); k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		for (size_t j = 0; ln->typed && j < ln->v.ports.n; j++) {
			const struct ifcc_port *p = &ln->v.ports.v[j];
			if (!p->name || !suspicious(ifcc_model_find(m, p->name)))
				continue;
			const struct ifcc_iface *best = closest(m, i, p->name, kinds, true);
			if (!best)
				continue;
			struct ifcc_diag *g = vreport(
				v, "dangling-reference", port_token_loc(ln, p),
				"%s %s lists '%s' in %s, but no stanza defines it: ifupdown2 would "
				"look for an existing link of that name; did you mean %s '%s'?",
				ifcc_kind_name(i->kind), i->name, p->name, attr, noun(best),
				best->name);
			diag_note(v->d, g, best->loc, "%s is defined here", best->name);
		}
	}
}

static void check_raw_device(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VLAN_RAW_DEVICE);
	if (!ln || !suspicious(i->lower))
		return;
	const struct ifcc_iface *best =
		closest(v->dev->model, i, i->lower->name,
			KIND(IFK_BRIDGE) | KIND(IFK_BOND) | KIND(IFK_PHYSICAL), false);
	if (!best)
		return;
	struct ifcc_diag *g = vreport(
		v, "dangling-reference", ast_attr_value_loc(ln->src),
		"iface %s: vlan-raw-device '%s' has no stanza, so the VLAN would sit on an existing "
		"link of that name, not on a bridge or bond of this file; did you mean %s '%s'?",
		i->name, i->lower->name, noun(best), best->name);
	diag_note(v->d, g, best->loc, "%s is defined here", best->name);
}

/* ifupdown2's VLAN id from a name: after the first or second dot, or after "vlan". */
static bool name_vlan_id(const char *name, unsigned *id)
{
	const char *s = NULL, *d1 = strchr(name, '.');
	if (d1) {
		const char *d2 = strchr(d1 + 1, '.');
		if (d2 && strchr(d2 + 1, '.'))
			return false; /* split('.', 2) leaves a dot in the id: not a number */
		s = d2 ? d2 + 1 : d1 + 1;
	} else if (!strncmp(name, "vlan", 4)) {
		s = name + 4;
	}
	if (!s)
		return false;
	unsigned v = 0;
	size_t n = 0;
	for (; s[n] >= '0' && s[n] <= '9'; n++)
		if (n < 5)
			v = v * 10 + (unsigned)(s[n] - '0');
	if (n == 0 || n > 5 || s[n])
		return false;
	*id = v;
	return v <= 4095;
}

static void check_vlan_id(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_line *ln = graph_typed(i, KWI_VLAN_ID);
	unsigned from_name;
	if (!ln || !name_vlan_id(i->name, &from_name) || from_name == ln->v.u)
		return;
	struct ifcc_diag *g = vreport(
		v, "vlan-id-mismatch", vline_token_loc(ln, 0),
		"iface %s: vlan-id %llu contradicts the VLAN %u in the name; ifupdown2 tags with "
		"%llu, and anyone reading the name expects %u: make them agree",
		i->name, (unsigned long long)ln->v.u, from_name, (unsigned long long)ln->v.u,
		from_name);
	diag_note(v->d, g, i->loc, "the name says VLAN %u", from_name);
}

static void check_mtu(struct vctx *v, const struct ifcc_iface *i)
{
	if (!i->lower || i->lower->implicit)
		return;
	const struct ifcc_line *mine = graph_typed(i, KWI_MTU), *low = graph_typed(i->lower, KWI_MTU);
	if (!mine || !low || mine->v.u <= low->v.u)
		return;
	struct ifcc_diag *g = vreport(
		v, "mtu-above-lower", vline_token_loc(mine, 0),
		"iface %s: mtu %llu is above the mtu %llu of its lower device %s; the kernel "
		"refuses a VLAN device larger than its lower device: lower it to %llu or raise "
		"%s's mtu",
		i->name, (unsigned long long)mine->v.u, (unsigned long long)low->v.u,
		i->lower->name, (unsigned long long)low->v.u, i->lower->name);
	diag_note(v->d, g, vline_token_loc(low, 0), "mtu of %s", i->lower->name);
}

/* ---- dependency cycles ---- */

struct gnode {
	const struct ifcc_iface *i;
	struct gnode **lowers; /* what this interface needs first (nlowers of them) */
	size_t nlowers;
	size_t next;	       /* DFS: next edge to follow */
	unsigned char color;  /* 0 new, 1 on the DFS path, 2 done */
};

/* Where `u` names `w`, and how. */
static struct ifcc_loc edge_loc(const struct ifcc_iface *u, const struct ifcc_iface *w,
				const char **how)
{
	if (u->lower == w) {
		const struct ifcc_line *ln = ifcc_iface_first_id(u, KWI_VLAN_RAW_DEVICE);
		*how = "vlan-raw-device";
		return ln ? ast_attr_value_loc(ln->src) : u->loc;
	}
	if (u->kind == IFK_VRF && w->vrf == u) {
		const struct ifcc_line *ln = ifcc_iface_first_id(w, KWI_VRF);
		*how = "vrf";
		return ln ? ast_attr_value_loc(ln->src) : w->loc;
	}
	*how = graph_ports_attr(u) ? graph_ports_attr(u) : "ports";
	return graph_port_loc(u, w->name);
}

#define CYCLE_SHOWN 8 /* interfaces named in the message, and notes, of one cycle */

static void report_cycle(struct vctx *v, struct gnode **path, size_t from, size_t to,
			 struct gnode *back)
{
	const char *how;
	struct ifcc_loc loc = edge_loc(path[to]->i, back->i, &how);
	if (from == to) {
		vreport(v, "dependency-cycle", loc,
			"iface %s names itself in %s: an interface cannot be its own lower "
			"device; name the real one",
			back->i->name, how);
		return;
	}
	char chain[200];
	size_t len = 0, n = to - from + 1;
	for (size_t k = from; k <= to && k - from < CYCLE_SHOWN; k++) {
		int w = snprintf(chain + len, sizeof(chain) - len, "%s -> ", path[k]->i->name);
		if (w < 0 || (size_t)w >= sizeof(chain) - len)
			break;
		len += (size_t)w;
	}
	if (n > CYCLE_SHOWN)
		snprintf(chain + len, sizeof(chain) - len, "... (%zu interfaces)", n);
	else
		snprintf(chain + len, sizeof(chain) - len, "%s", back->i->name);
	struct ifcc_diag *g = vreport(
		v, "dependency-cycle", loc,
		"dependency cycle %s: each needs the next one created first, so ifupdown2 stops "
		"with 'cycle found'; remove one of these references",
		chain);
	for (size_t k = from; k < to && k - from < CYCLE_SHOWN; k++) {
		const struct ifcc_iface *u = path[k]->i, *w = path[k + 1]->i;
		struct ifcc_loc at = edge_loc(u, w, &how);
		diag_note(v->d, g, at, "%s needs %s (%s)", u->name, w->name, how);
	}
}

static void dfs(struct vctx *v, struct gnode *start, struct gnode **path)
{
	size_t depth = 0;
	path[depth++] = start;
	start->color = 1;
	while (depth) {
		struct gnode *u = path[depth - 1];
		if (u->next == u->nlowers) {
			u->color = 2;
			depth--;
			continue;
		}
		struct gnode *w = u->lowers[u->next++];
		if (w->color == 0) {
			w->color = 1;
			path[depth++] = w;
		} else if (w->color == 1) {
			size_t from = depth - 1;
			while (path[from] != w)
				from--;
			report_cycle(v, path, from, depth - 1, w);
		}
	}
}

/*
 * The edges of the dependency graph in visiting order, passed twice over the same
 * order: with fill false it counts each node's edges, with fill true it stores them
 * (each node's cursor nlowers starting from 0 again).
 */
static void edges(struct gnode *nodes, size_t n, bool fill)
{
	for (size_t k = 0; k < n; k++) {
		const struct ifcc_iface *i = nodes[k].i;
		struct gnode *u = &nodes[k];
		for (size_t j = 0; j < i->ports.n; j++) {
			const struct ifcc_iface *p = i->ports.v[j];
			if (fill)
				u->lowers[u->nlowers] = &nodes[p->index];
			u->nlowers++;
		}
		if (i->lower) {
			if (fill)
				u->lowers[u->nlowers] = &nodes[i->lower->index];
			u->nlowers++;
		}
		if (i->vrf && i->vrf != i) {
			struct gnode *w = &nodes[i->vrf->index];
			if (fill)
				w->lowers[w->nlowers] = u;
			w->nlowers++;
		}
	}
}

static void check_cycles(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	size_t n = m->ifaces.n;
	/* Scratch of its own, freed when the walk ends: nodes by interface index, and the
	 * edges of all of them in one array. */
	struct arena a;
	arena_init_pool(&a, v->a->pool);
	struct gnode *nodes = arena_alloc(&a, n * sizeof(*nodes) + 1);
	struct gnode **path = arena_alloc_raw(&a, n * sizeof(*path) + 1);
	if (!nodes || !path)
		goto out;
	for (size_t k = 0; k < n; k++)
		nodes[k].i = m->ifaces.v[k];
	edges(nodes, n, false);
	size_t total = 0;
	for (size_t k = 0; k < n; k++)
		total += nodes[k].nlowers;
	struct gnode **all = arena_alloc_raw(&a, total * sizeof(*all) + 1);
	if (!all)
		goto out;
	for (size_t k = 0, at = 0; k < n; k++) {
		nodes[k].lowers = all + at;
		at += nodes[k].nlowers;
		nodes[k].nlowers = 0;
	}
	edges(nodes, n, true);
	for (size_t k = 0; k < n; k++)
		if (nodes[k].color == 0)
			dfs(v, &nodes[k], path);
out:
	arena_free(&a);
}

void validate_graph_ifaces(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit)
			continue;
		check_port_refs(v, i);
		if (i->kind == IFK_VLAN) {
			check_raw_device(v, i);
			check_vlan_id(v, i);
			check_mtu(v, i);
		}
	}
}

void validate_graph_cycles(struct vctx *v)
{
	check_cycles(v);
}

void validate_graph_vlans(struct vctx *v)
{
	graph_check_bridge_vlans(v);
}

void validate_graph_addresses(struct vctx *v)
{
	graph_check_addresses(v);
}

void validate_graph(struct vctx *v)
{
	validate_graph_ifaces(v);
	validate_graph_cycles(v);
	validate_graph_vlans(v);
	validate_graph_addresses(v);
}
