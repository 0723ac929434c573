/*
 * Lowering, step 1: stanzas -> interfaces. Walks the stanzas in reading order (whether
 * each is auto, by an `auto` line before it as in ifupdown2, the front end decided),
 * expands ranges, folds `name:alias`, substitutes $IFACE, and squashes duplicate stanzas:
 * attribute lists appended, families united, auto OR-ed, the first stanza's method kept.
 */
#include <stdlib.h>
#include <string.h>

#include "ifcc/range.h"
#include "lower.h"

const char *ifcc_kind_name(enum ifcc_kind k)
{
	static const char *const names[] = {
		[IFK_PHYSICAL] = "physical", [IFK_LOOPBACK] = "loopback", [IFK_BOND] = "bond",
		[IFK_BRIDGE] = "bridge",     [IFK_VLAN] = "vlan",	  [IFK_VRF] = "vrf",
		[IFK_VXLAN] = "vxlan",	     [IFK_VETH] = "veth",	  [IFK_DUMMY] = "dummy",
		[IFK_TUNNEL] = "tunnel",     [IFK_BRIDGE_VLAN] = "bridge-vlan",
	};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

struct ifcc_iface *ifcc_model_find(const struct ifcc_model *m, const char *name)
{
	return strset_get(&m->by_name, name);
}

/*
 * A known attribute is found by its table row (at->kw == kw exactly when at->name is
 * kw->name), an unknown one (kw NULL) by its name among the other unknown ones.
 */
struct ifcc_attr *lower_find_attr(const struct ifcc_iface *i, const struct ifcc_keyword *kw,
				  const char *name)
{
	if (kw) {
		for (size_t k = 0; k < i->attrs.n; k++) {
			struct ifcc_attr *at = i->attrs.v[k];
			if (at->kw == kw)
				return at;
		}
		return NULL;
	}
	for (size_t k = 0; k < i->attrs.n; k++) {
		struct ifcc_attr *at = i->attrs.v[k];
		if (!at->kw && !strcmp(at->name, name))
			return at;
	}
	return NULL;
}

const struct ifcc_attr *ifcc_iface_attr(const struct ifcc_iface *i, const char *name)
{
	return lower_find_attr(i, ifcc_keyword_find(name), name);
}

const struct ifcc_line *ifcc_iface_first(const struct ifcc_iface *i, const char *name)
{
	const struct ifcc_attr *a = ifcc_iface_attr(i, name);
	return a && a->lines.n ? a->lines.v[0] : NULL;
}

const struct ifcc_attr *ifcc_iface_attr_id(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	return lower_find_attr(i, ifcc_kw(id), NULL);
}

const struct ifcc_line *ifcc_iface_first_id(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_attr *a = lower_find_attr(i, ifcc_kw(id), NULL);
	return a && a->lines.n ? a->lines.v[0] : NULL;
}

struct ifcc_iface *lower_iface(struct lower_ctx *lc, const char *name, struct ifcc_loc loc,
			       bool implicit)
{
	struct ifcc_iface *i = ifcc_model_find(lc->m, name);
	if (i)
		return i;
	i = arena_alloc(lc->a, sizeof(*i));
	if (!i)
		return NULL;
	i->name = name;
	i->index = (uint32_t)lc->m->ifaces.n;
	i->loc = loc;
	i->implicit = implicit;
	/* ifupdown2 brings implicit dependents up with their upper: they count as auto. */
	i->is_auto = implicit;
	if (!strset_put(lc->a, &lc->m->by_name, name, i) || ptrvec_push(lc->a, &lc->m->ifaces, i) < 0)
		return NULL;
	return i;
}

struct ifcc_attr *lower_attr(struct lower_ctx *lc, struct ifcc_iface *i,
			     const struct ifcc_keyword *kw, const char *name)
{
	struct ifcc_attr *at = lower_find_attr(i, kw, name);
	if (at)
		return at;
	at = arena_alloc(lc->a, sizeof(*at));
	if (!at)
		return NULL;
	at->name = kw ? kw->name : name;
	at->kw = kw;
	if (ptrvec_push(lc->a, &i->attrs, at) < 0)
		return NULL;
	return at;
}

bool lower_spend_names(struct lower_ctx *lc, unsigned long n, struct ifcc_loc loc)
{
	if (n <= LOWER_NAMES_MAX - lc->names) {
		lc->names += n;
		return true;
	}
	if (!lc->names_reported) {
		lc->names_reported = true;
		diag_add(lc->d, IFCC_ERROR, "too-many-interfaces", loc,
			 "ranges and port lists in this configuration name more than %lu "
			 "interfaces; the rest are not checked",
			 LOWER_NAMES_MAX);
	}
	return false;
}

/* Appends the stanza's attribute lines to the interface, with $IFACE substituted. */
static void add_lines(struct lower_ctx *lc, struct ifcc_iface *i, const struct ast_stanza *st)
{
	for (size_t k = 0; k < st->attrs.n; k++) {
		const struct ast_attr *src = st->attrs.v[k];
		struct ifcc_attr *at = lower_attr(lc, i, src->kw, src->key);
		struct ifcc_line *ln = at ? arena_alloc(lc->a, sizeof(*ln)) : NULL;
		if (!ln)
			return;
		ln->src = src;
		ln->text = ast_subst_iface(lc->a, src->value.s, st->name);
		ptrvec_push(lc->a, &at->lines, ln);
	}
}

/* ifupdown2's compare(): same name, family, method, auto, classes and config. */
static bool same_stanza(const struct ast_stanza *a, const struct ast_stanza *b)
{
	if (a->kind != b->kind || a->is_auto != b->is_auto || a->attrs.n != b->attrs.n ||
	    a->classes.n != b->classes.n)
		return false;
	if ((a->family == NULL) != (b->family == NULL) || (a->family && strcmp(a->family, b->family)))
		return false;
	if ((a->method == NULL) != (b->method == NULL) || (a->method && strcmp(a->method, b->method)))
		return false;
	for (size_t k = 0; k < a->attrs.n; k++) {
		const struct ast_attr *x = a->attrs.v[k], *y = b->attrs.v[k];
		if (strcmp(x->key, y->key) || strcmp(x->value.s, y->value.s))
			return false;
	}
	return true;
}

/* `quiet`: a later clone of a range stanza, whose duplicate was already reported. */
static void merge_stanza(struct lower_ctx *lc, const struct ast_stanza *st, const char *name,
			 bool quiet)
{
	struct ifcc_iface *i = lower_iface(lc, name, st->name_loc, false);
	if (!i)
		return;
	if (i->implicit) {
		/* Named before its own stanza (e.g. as a port): the stanza defines it. */
		i->implicit = false;
		i->is_auto = false;
		i->loc = st->name_loc;
	}
	if (i->stanzas.n) {
		const struct ast_stanza *first = i->stanzas.v[0];
		if (same_stanza(first, st)) {
			if (quiet)
				return;
			struct ifcc_diag *g = diag_add(lc->d, IFCC_WARNING, "duplicate-stanza",
						       st->name_loc,
						       "duplicate interface %s: this stanza repeats "
						       "the first one and is ignored",
						       st->base);
			diag_note(lc->d, g, first->name_loc, "first stanza of %s", st->base);
			return;
		}
	} else {
		i->method = st->method;
	}
	ptrvec_push(lc->a, &i->stanzas, (void *)st);
	if (st->family)
		i->families |= !strcmp(st->family, "inet") ? 1u : 2u;
	i->is_auto |= st->is_auto;
	for (size_t k = 0; k < st->classes.n; k++)
		ptrvec_push(lc->a, &i->classes, st->classes.v[k]);
	add_lines(lc, i, st);
}

static void lower_stanza(struct lower_ctx *lc, const struct ast_stanza *st)
{
	if (st->kind == AST_VLAN) {
		/* Per-VLAN settings of a bridge live apart from interfaces (ifupdown2's -T vlan). */
		struct ifcc_iface *v = arena_alloc(lc->a, sizeof(*v));
		if (!v)
			return;
		v->name = st->name;
		v->kind = IFK_BRIDGE_VLAN;
		v->loc = st->name_loc;
		ptrvec_push(lc->a, &v->stanzas, (void *)st);
		add_lines(lc, v, st);
		ptrvec_push(lc->a, &lc->m->vlans, v);
		return;
	}
	struct ifcc_range r;
	if (ifcc_range_parse(st->base, &r)) {
		unsigned long n = ifcc_range_count(&r);
		if (n > LOWER_RANGE_MAX)
			return; /* reported by the front end */
		if (!lower_spend_names(lc, n, st->name_loc))
			return;
		for (unsigned long k = 0; k < n; k++) {
			char *name = ifcc_range_name(lc->a, &r, k);
			if (name)
				/* ifupdown2 decides auto once, by the range as written. */
				merge_stanza(lc, st, name, k > 0);
		}
		return;
	}
	merge_stanza(lc, st, st->base, false);
}

struct ifcc_model *ifcc_lower(struct ifcc_config *cfg)
{
	struct ifcc_model *m = arena_alloc(&cfg->arena, sizeof(*m));
	if (!m)
		return NULL;
	struct lower_ctx lc = {.cfg = cfg, .m = m, .a = &cfg->arena, .d = &cfg->diags};
	size_t nstanzas = 0;
	for (size_t k = 0; k < cfg->ast.items.n; k++)
		nstanzas += ((const struct ast_item *)cfg->ast.items.v[k])->kind == AST_ITEM_STANZA;
	if (strset_reserve(lc.a, &m->by_name, nstanzas) < 0)
		return NULL;
	for (size_t k = 0; k < cfg->ast.items.n; k++) {
		const struct ast_item *it = cfg->ast.items.v[k];
		if (it->kind == AST_ITEM_STANZA)
			lower_stanza(&lc, it->stanza);
	}
	lower_attributes(&lc);
	lower_references(&lc);
	lower_check_kinds(&lc);
	return m;
}
