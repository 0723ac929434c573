/*
 * Lowering, step 3: what each interface is and what it points at. Kinds are inferred
 * as ifupdown2's addons infer them; every name an interface refers to (ports, slaves,
 * raw device, VRF) becomes a pointer, creating the implicit interfaces ifupdown2 creates.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/misspell.h"
#include "lower.h"

static bool has(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	return ifcc_iface_attr_id(i, id) != NULL;
}

static bool first_is(const struct ifcc_iface *i, enum ifcc_kw_id id, const char *word)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, id);
	return ln && !strcmp(ln->text, word);
}

static enum ifcc_kind infer_kind(const struct ifcc_iface *i)
{
	if (!strcmp(i->name, "lo") || (i->method && !strcmp(i->method, "loopback")))
		return IFK_LOOPBACK;
	if (has(i, KWI_VRF_TABLE))
		return IFK_VRF;
	/* A single VXLAN device (Cumulus Linux 5) has a VLAN-VNI map and no vxlan-id. */
	if (has(i, KWI_VXLAN_ID) || has(i, KWI_BRIDGE_VLAN_VNI_MAP))
		return IFK_VXLAN;
	if (has(i, KWI_BOND_SLAVES))
		return IFK_BOND;
	if (has(i, KWI_BRIDGE_PORTS) || has(i, KWI_BRIDGE_VLAN_AWARE))
		return IFK_BRIDGE;
	if (has(i, KWI_VLAN_RAW_DEVICE) || strchr(i->name, '.'))
		return IFK_VLAN;
	if (first_is(i, KWI_LINK_TYPE, "dummy"))
		return IFK_DUMMY;
	if (first_is(i, KWI_LINK_TYPE, "veth") || has(i, KWI_VETH_PEER_NAME))
		return IFK_VETH;
	if (has(i, KWI_TUNNEL_MODE) || has(i, KWI_TUNNEL_ENDPOINT) || has(i, KWI_TUNNEL_LOCAL) ||
	    (i->method && !strcmp(i->method, "tunnel")))
		return IFK_TUNNEL;
	return IFK_PHYSICAL;
}

/* ifupdown2's VLAN id: vlan-id, else after the last '.', else the digits after "vlan". */
static void vlan_id_from_name(struct ifcc_iface *i)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VLAN_ID);
	if (ln && ln->typed) {
		i->vlan_id = (uint16_t)ln->v.u;
		i->has_vlan_id = true;
		return;
	}
	if (ln)
		return;
	const char *s = strrchr(i->name, '.');
	s = s ? s + 1 : (!strncmp(i->name, "vlan", 4) ? i->name + 4 : NULL);
	if (!s || !*s)
		return;
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p))
			return;
	unsigned long id = strtoul(s, NULL, 10);
	if (id <= 4095) {
		i->vlan_id = (uint16_t)id;
		i->has_vlan_id = true;
	}
}

static struct ifcc_iface *implicit(struct lower_ctx *lc, const char *name, struct ifcc_loc loc)
{
	struct ifcc_iface *t = ifcc_model_find(lc->m, name);
	if (t)
		return t;
	t = lower_iface(lc, arena_strdup(lc->a, name), loc, true);
	if (t)
		t->kind = strchr(name, '.') ? IFK_VLAN : IFK_PHYSICAL;
	return t;
}

static void enslave(struct lower_ctx *lc, struct ifcc_iface *master, const char *port,
		    struct ifcc_loc loc)
{
	if (!lower_spend_names(lc, 1, loc))
		return;
	struct ifcc_iface *p = implicit(lc, port, loc);
	if (!p)
		return;
	if (p == master) {
		diag_add(lc->d, IFCC_ERROR, "self-port", loc, "%s %s lists itself as a port",
			 ifcc_kind_name(master->kind), master->name);
		return;
	}
	if (p->master && p->master != master) {
		/* A bond in a bridge is fine: the bond is the bridge's port, its slaves are not. */
		struct ifcc_diag *g = diag_add(
			lc->d, IFCC_ERROR, "two-masters", loc,
			"%s is a port of both %s and %s; an interface has one master", p->name,
			p->master->name, master->name);
		diag_note(lc->d, g, p->master->loc, "%s is defined here", p->master->name);
		return;
	}
	if (p->master == master)
		return;
	p->master = master;
	ptrvec_push(lc->a, &master->ports, p);
}

static void resolve_ports(struct lower_ctx *lc, struct ifcc_iface *i, enum ifcc_kw_id attr)
{
	const struct ifcc_attr *at = ifcc_iface_attr_id(i, attr);
	if (!at)
		return;
	/* bridge-ports: every line, concatenated; bond-slaves: the first line only. */
	size_t nlines = at->kw && at->kw->multi == KW_FIRST_LINE ? 1 : at->lines.n;
	for (size_t k = 0; k < nlines; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		if (!ln->typed)
			continue;
		if (lc->names_reported)
			return; /* over LOWER_NAMES_MAX (enslave reported it) */
		for (size_t j = 0; j < ln->v.ports.n; j++) {
			const struct ifcc_port *p = &ln->v.ports.v[j];
			if (!p->name)
				continue; /* regex: matched against the running system at apply */
			struct ifcc_loc loc = ln->text == ln->src->value.s
						      ? ast_text_loc(&ln->src->value, p->off, p->len)
						      : ast_attr_value_loc(ln->src);
			enslave(lc, i, p->name, loc);
		}
	}
}

/*
 * ifcc_model_find with a one-entry memory per call site: thousands of SVIs name the same
 * bridge as raw device and one of a few VRFs, so most lookups are the previous one.
 */
static struct ifcc_iface *find_again(struct lower_ctx *lc, struct ifcc_iface **last,
				     const char *name)
{
	if (*last && !strcmp((*last)->name, name))
		return *last;
	struct ifcc_iface *t = ifcc_model_find(lc->m, name);
	if (t)
		*last = t;
	return t;
}

static void resolve_vlan(struct lower_ctx *lc, struct ifcc_iface *i)
{
	/* An interface with a stanza whose raw device existed in step 2 is done. */
	if (!i->implicit && i->lower)
		return;
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VLAN_RAW_DEVICE);
	const char *raw = NULL;
	if (ln) {
		raw = ln->text;
	} else {
		const char *dot = strrchr(i->name, '.');
		if (dot)
			raw = arena_strndup(lc->a, i->name, (size_t)(dot - i->name));
	}
	if (raw && *raw) {
		/* The location only matters when the raw device is made here. */
		i->lower = find_again(lc, &lc->last_raw, raw);
		if (!i->lower)
			i->lower = implicit(lc, raw, ln ? ast_attr_value_loc(ln->src) : i->loc);
	}
	vlan_id_from_name(i);
}

static void resolve_vrf(struct lower_ctx *lc, struct ifcc_iface *i)
{
	/* Found in step 2 (it was an interface already): the usual case, no lookup. */
	struct ifcc_iface *v = i->vrf;
	i->vrf = NULL;
	if (v && v->kind == IFK_VRF && v != i) {
		i->vrf = v;
		return;
	}
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VRF);
	if (!ln || !*ln->text)
		return;
	if (!v)
		v = find_again(lc, &lc->last_vrf, ln->text);
	if (!v) {
		struct misspell ms;
		misspell_init(&ms, ln->text);
		for (size_t k = 0; k < lc->m->ifaces.n; k++) {
			const struct ifcc_iface *c = lc->m->ifaces.v[k];
			if (c->kind == IFK_VRF)
				misspell_offer(&ms, c->name);
		}
		const char *best = misspell_result(&ms);
		if (best)
			diag_add(lc->d, IFCC_ERROR, "undefined-vrf", ast_attr_value_loc(ln->src),
				 "iface %s: vrf '%s' is not defined; did you mean '%s'?", i->name,
				 ln->text, best);
		else
			diag_add(lc->d, IFCC_WARNING, "undefined-vrf", ast_attr_value_loc(ln->src),
				 "iface %s: vrf '%s' has no stanza with 'vrf-table' in this file",
				 i->name, ln->text);
		v = implicit(lc, ln->text, ast_attr_value_loc(ln->src));
		if (v)
			v->kind = IFK_VRF;
	} else if (v->kind != IFK_VRF) {
		struct ifcc_diag *g = diag_add(lc->d, IFCC_ERROR, "not-a-vrf", ast_attr_value_loc(ln->src),
					       "iface %s: '%s' is a %s, not a VRF (a VRF has "
					       "'vrf-table')",
					       i->name, v->name, ifcc_kind_name(v->kind));
		diag_note(lc->d, g, v->loc, "%s is defined here", v->name);
	}
	if (v == i) {
		diag_add(lc->d, IFCC_ERROR, "self-vrf", ast_attr_value_loc(ln->src),
			 "iface %s: a VRF cannot be its own member", i->name);
		return;
	}
	i->vrf = v;
}

void lower_kind(struct ifcc_iface *i)
{
	i->kind = infer_kind(i);
	/* At run time ifupdown2 reads the flag as a boolean string. */
	i->vlan_aware = first_is(i, KWI_BRIDGE_VLAN_AWARE, "yes") ||
			first_is(i, KWI_BRIDGE_VLAN_AWARE, "on") ||
			first_is(i, KWI_BRIDGE_VLAN_AWARE, "1");
}

void lower_references(struct lower_ctx *lc)
{
	struct ifcc_model *m = lc->m;
	/* Implicit interfaces are appended while walking: n grows, that is intended. */
	for (size_t k = 0; k < m->ifaces.n; k++) {
		struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit)
			continue;
		if (i->kind == IFK_BRIDGE)
			resolve_ports(lc, i, KWI_BRIDGE_PORTS);
		else if (i->kind == IFK_BOND)
			resolve_ports(lc, i, KWI_BOND_SLAVES);
	}
	for (size_t k = 0; k < m->ifaces.n; k++) {
		struct ifcc_iface *i = m->ifaces.v[k];
		if (i->kind == IFK_VLAN)
			resolve_vlan(lc, i);
		if (!i->implicit)
			resolve_vrf(lc, i);
	}
}

static unsigned kind_bits(const struct ifcc_iface *i)
{
	static const unsigned bits[] = {
		[IFK_PHYSICAL] = KWK_PHYSICAL, [IFK_LOOPBACK] = KWK_LOOPBACK,
		[IFK_BOND] = KWK_BOND,	       [IFK_BRIDGE] = KWK_BRIDGE,
		[IFK_VLAN] = KWK_VLAN,	       [IFK_VRF] = KWK_VRF,
		[IFK_VXLAN] = KWK_VXLAN,       [IFK_VETH] = KWK_VETH,
		[IFK_DUMMY] = KWK_DUMMY,       [IFK_TUNNEL] = KWK_TUNNEL,
		[IFK_BRIDGE_VLAN] = KWK_BRIDGE_VLAN,
	};
	unsigned b = bits[i->kind];
	if (i->master && i->master->kind == IFK_BRIDGE)
		b |= KWK_BRIDGE_PORT;
	return b;
}

void lower_prefetch_refs(struct lower_ctx *lc, struct ifcc_iface *i)
{
	if (i->kind == IFK_VLAN) {
		vlan_id_from_name(i);
		const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VLAN_RAW_DEVICE);
		/* Without the attribute, the name before its last '.' (step 3 copies it). */
		if (ln && *ln->text)
			i->lower = find_again(lc, &lc->last_raw, ln->text);
	}
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VRF);
	if (ln && *ln->text)
		i->vrf = find_again(lc, &lc->last_vrf, ln->text);
	unsigned alone = kind_bits(i), port = alone | KWK_BRIDGE_PORT;
	for (size_t j = 0; j < i->attrs.n; j++) {
		const struct ifcc_attr *at = i->attrs.v[j];
		if (!at->kw)
			continue;
		if (!(at->kw->kinds & alone))
			i->kind_misfit |= LOWER_MISFIT_ALONE;
		if (!(at->kw->kinds & port))
			i->kind_misfit |= LOWER_MISFIT_BRIDGE_PORT;
	}
}

void lower_check_kinds(struct lower_ctx *lc)
{
	for (size_t k = 0; k < lc->m->ifaces.n; k++) {
		const struct ifcc_iface *i = lc->m->ifaces.v[k];
		unsigned bits = kind_bits(i);
		/* Only interfaces whose attributes misfit their kind in step 2 can have any
		 * (those made in step 3 have no attributes). */
		if (!(i->kind_misfit & (bits & KWK_BRIDGE_PORT ? LOWER_MISFIT_BRIDGE_PORT
								: LOWER_MISFIT_ALONE)))
			continue;
		for (size_t j = 0; j < i->attrs.n; j++) {
			const struct ifcc_attr *at = i->attrs.v[j];
			if (!at->kw || (at->kw->kinds & bits))
				continue;
			const struct ifcc_line *ln = at->lines.v[0];
			const char *what = (at->kw->kinds & KWK_BRIDGE_PORT) && !(at->kw->kinds & ~KWK_BRIDGE_PORT)
						   ? " (it applies to bridge ports)"
						   : "";
			diag_add(lc->d, IFCC_WARNING, "attribute-kind", ast_attr_key_loc(ln->src),
				 "iface %s: '%s' does not apply to a %s interface%s; ifupdown2 "
				 "ignores it here",
				 i->name, at->name, ifcc_kind_name(i->kind), what);
		}
	}
}
