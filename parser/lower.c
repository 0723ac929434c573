/*
 * Lowering, step 1: stanzas -> interfaces. Walks the stanzas in reading order (whether
 * each is auto, by an `auto` line before it as in ifupdown2, the front end decided),
 * expands ranges, folds `name:alias`, substitutes $IFACE, and squashes duplicate stanzas:
 * attribute lists appended, families united, auto OR-ed, the first stanza's method kept.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/range.h"
#include "lower.h"
#include "ifcc/thread.h"

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

/* The attribute of keyword row `row`; a set bit only says "maybe" (rows share bits). */
static inline struct ifcc_attr *find_known(const struct ifcc_iface *i, size_t row)
{
	if (!lower_kw_maybe(i, row))
		return NULL;
	const struct ifcc_keyword *kw = &ifcc_keywords[row];
	for (size_t k = 0; k < i->attrs.n; k++) {
		struct ifcc_attr *at = i->attrs.v[k];
		if (at->kw == kw)
			return at;
	}
	return NULL;
}

/*
 * A known attribute is found by its table row (at->kw == kw exactly when at->name is
 * kw->name), an unknown one (kw NULL) by its name among the other unknown ones.
 */
struct ifcc_attr *lower_find_attr(const struct ifcc_iface *i, const struct ifcc_keyword *kw,
				  const char *name)
{
	if (kw)
		return find_known(i, (size_t)(kw - ifcc_keywords));
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
	return find_known(i, id);
}

const struct ifcc_line *ifcc_iface_first_id(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_attr *a = find_known(i, id);
	return a && a->lines.n ? a->lines.v[0] : NULL;
}

struct ifcc_iface *lower_iface(struct lower_ctx *lc, const char *name, struct ifcc_loc loc,
			       bool implicit)
{
	/* One lookup: the name's slot, made when absent. */
	void **v = strset_slot(lc->a, &lc->m->by_name, name);
	if (!v)
		return NULL;
	if (*v)
		return *v;
	struct ifcc_iface *i = arena_alloc(lc->a, sizeof(*i));
	if (!i)
		return NULL;
	i->name = name;
	i->index = (uint32_t)lc->m->ifaces.n;
	i->loc = loc;
	i->implicit = implicit;
	/* ifupdown2 brings implicit dependents up with their upper: they count as auto. */
	i->is_auto = implicit;
	*v = i;
	if (ptrvec_push(lc->a, &lc->m->ifaces, i) < 0)
		return NULL;
	return i;
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

/* Room for n entries in each of the reused scratch arrays; false when out of memory. */
static bool lines_room(struct lower_ctx *lc, size_t n)
{
	if (n <= lc->tmp_cap)
		return true;
	size_t cap = n < 64 ? 64 : n * 2;
	void *r = realloc(lc->tmp_rep, cap * sizeof(*lc->tmp_rep));
	if (r)
		lc->tmp_rep = r;
	void *g = realloc(lc->tmp_grp, cap * sizeof(*lc->tmp_grp));
	if (g)
		lc->tmp_grp = g;
	void *c = realloc(lc->tmp_cnt, cap * sizeof(*lc->tmp_cnt));
	if (c)
		lc->tmp_cnt = c;
	if (!r || !g || !c)
		return false;
	lc->tmp_cap = cap;
	return true;
}

/*
 * The interface's attributes from the lines of its stanzas, in reading order, with
 * $IFACE substituted: one array of lines, one of attributes and one of pointers to each,
 * so an interface costs a handful of allocations whatever its number of lines.
 */
static void build_attrs(struct lower_ctx *lc, struct ifcc_iface *i)
{
	size_t n = 0, m = 0;
	for (size_t s = 0; s < i->stanzas.n; s++)
		n += ((const struct ast_stanza *)i->stanzas.v[s])->attrs.n;
	if (!n || !lines_room(lc, n))
		return;
	/* Group the lines by attribute: a known one by its row, an unknown one by name. */
	size_t k = 0;
	for (size_t s = 0; s < i->stanzas.n; s++) {
		const struct ast_stanza *st = i->stanzas.v[s];
		for (size_t j = 0; j < st->attrs.n; j++, k++) {
			const struct ast_attr *src = &st->attrs.v[j];
			size_t g = 0;
			while (g < m && (lc->tmp_rep[g]->kw != src->kw ||
					 (!src->kw && strcmp(lc->tmp_rep[g]->key, src->key))))
				g++;
			if (g == m) {
				lc->tmp_rep[m++] = src;
				lc->tmp_cnt[g] = 0;
			}
			lc->tmp_grp[k] = (uint32_t)g;
			lc->tmp_cnt[g]++;
		}
	}
	/* The four arrays in one allocation: lines, attributes, then the pointers to each
	 * (every size a multiple of a pointer's). */
	unsigned char *blk = arena_alloc_raw(lc->a, n * (sizeof(struct ifcc_line) + sizeof(void *)) +
							  m * (sizeof(struct ifcc_attr) + sizeof(void *)));
	if (!blk)
		return;
	struct ifcc_line *lines = (struct ifcc_line *)(void *)blk;
	struct ifcc_attr *attrs = (struct ifcc_attr *)(void *)(lines + n);
	void **lp = (void **)(void *)(attrs + m);
	void **ap = lp + n;
	memset(lines, 0, n * sizeof(*lines));
	size_t off = 0;
	for (size_t g = 0; g < m; g++) {
		const struct ast_attr *rep = lc->tmp_rep[g];
		attrs[g] = (struct ifcc_attr){.name = rep->kw ? rep->kw->name : rep->key,
					      .kw = rep->kw,
					      .lines = {lp + off, 0, (uint32_t)lc->tmp_cnt[g]}};
		off += lc->tmp_cnt[g];
		ap[g] = &attrs[g];
		if (rep->kw)
			lower_kw_mark(i, rep->kw);
	}
	k = 0;
	for (size_t s = 0; s < i->stanzas.n; s++) {
		const struct ast_stanza *st = i->stanzas.v[s];
		for (size_t j = 0; j < st->attrs.n; j++, k++) {
			struct ifcc_line *ln = &lines[k];
			struct ifcc_attr *at = &attrs[lc->tmp_grp[k]];
			ln->src = &st->attrs.v[j];
			const struct ast_text *v = &ln->src->value;
			/* Most values have no '$': no call, and a short scan of known length. */
			ln->text = memchr(v->s, '$', v->len) ? ast_subst_iface(lc->a, v->s, st->name)
							     : v->s;
			at->lines.v[at->lines.n++] = ln;
		}
	}
	i->attrs = (struct ptrvec){ap, m, m};
}

/* Unit u of the attribute step: the interfaces, then the `vlan` stanzas' entries. */
static struct ifcc_iface *unit(const struct ifcc_model *m, size_t u)
{
	return u < m->ifaces.n ? m->ifaces.v[u] : m->vlans.v[u - m->ifaces.n];
}

/*
 * The attribute step of a big configuration is shared by two threads, in chunks of units
 * that each takes as it goes, so that neither waits for the other at the end (the cost
 * of a unit varies a lot: one bridge-vlan-vni-map line can weigh as much as a thousand
 * SVI lines). The first thread takes chunks from the front, the second from the back:
 * each then mostly works on the interfaces of the half of the file that its CPU read
 * (units come in the order of the file; the second thread runs on the CPU the second
 * half was read on). Each chunk's diagnostics go to a list of its own, appended in chunk
 * order afterwards: the same order as one pass over the units.
 */
struct attr_share {
	size_t n, chunk, nchunks;
	_Atomic uint64_t left; /* the chunks not taken yet: [low 32 bits, high 32 bits) */
	struct ifcc_diags *chunk_diags;
};

struct attr_job {
	struct lower_ctx lc; /* its own arena and scratch */
	struct arena arena;
	struct attr_share *share;
	bool from_back;
};

/* The next chunk, from the front or the back of those left; SIZE_MAX when none is. */
static size_t take_chunk(struct attr_share *sh, bool from_back)
{
	uint64_t s = atomic_load_explicit(&sh->left, memory_order_relaxed);
	for (;;) {
		uint32_t lo = (uint32_t)s, hi = (uint32_t)(s >> 32);
		if (lo >= hi)
			return SIZE_MAX;
		uint64_t t = from_back ? (uint64_t)(hi - 1) << 32 | lo : (uint64_t)hi << 32 | (lo + 1);
		if (atomic_compare_exchange_weak_explicit(&sh->left, &s, t, memory_order_relaxed,
							  memory_order_relaxed))
			return from_back ? hi - 1 : lo;
	}
}

/* Unit u: its attributes gathered from its stanzas, then checked and typed. A unit's work
 * touches only that unit, the job's arena and the diagnostics list lc->d. */
static void attr_unit(struct lower_ctx *lc, size_t u)
{
	struct ifcc_iface *i = unit(lc->m, u);
	build_attrs(lc, i);
	lower_iface_attrs(lc, i);
	if (u < lc->m->ifaces.n) {
		lower_kind(i);
		lower_prefetch_refs(lc, i);
	}
}

static void free_scratch(struct lower_ctx *lc)
{
	free(lc->tmp_rep);
	free(lc->tmp_grp);
	free(lc->tmp_cnt);
	lc->tmp_rep = NULL;
	lc->tmp_grp = NULL;
	lc->tmp_cnt = NULL;
	lc->tmp_cap = 0;
}

static void *attr_chunks(void *arg)
{
	struct attr_job *j = arg;
	struct attr_share *sh = j->share;
	size_t c;
	while ((c = take_chunk(sh, j->from_back)) != SIZE_MAX) {
		struct ifcc_diags *d = &sh->chunk_diags[c];
		diags_init(d, j->lc.a);
		j->lc.d = d;
		size_t to = (c + 1) * sh->chunk < sh->n ? (c + 1) * sh->chunk : sh->n;
		for (size_t u = c * sh->chunk; u < to; u++)
			attr_unit(&j->lc, u);
	}
	free_scratch(&j->lc);
	return NULL;
}

/*
 * Step 2 over every interface: on this thread alone, or with `share` (a big
 * configuration) on two, the second with an arena of its own that is absorbed afterwards.
 */
int lower_attributes(struct lower_ctx *lc, bool share)
{
	const struct ifcc_model *m = lc->m;
	size_t n = m->ifaces.n + m->vlans.n;
	if (!share || n < 2) {
		for (size_t u = 0; u < n; u++)
			attr_unit(lc, u);
		free_scratch(lc);
		return 0;
	}
	/* Chunks of up to 64 units, and at least 64 chunks when there are enough units. */
	size_t chunk = n / 64 < 1 ? 1 : n / 64 > 64 ? 64 : n / 64;
	struct attr_share sh = {.n = n, .chunk = chunk, .nchunks = (n + chunk - 1) / chunk};
	atomic_init(&sh.left, (uint64_t)sh.nchunks << 32);
	sh.chunk_diags = calloc(sh.nchunks, sizeof(*sh.chunk_diags));
	if (!sh.chunk_diags)
		return -1;
	struct attr_job far = {.share = &sh, .from_back = true};
	arena_init_pool(&far.arena, lc->a->pool);
	far.lc = (struct lower_ctx){.cfg = lc->cfg, .m = lc->m, .a = &far.arena};
	struct ifcc_job job;
	ifcc_job_start(&job, attr_chunks, &far);
	struct attr_job near = {.lc = *lc, .share = &sh};
	attr_chunks(&near);
	ifcc_job_wait(&job); /* without a thread, far takes what is left: nothing */
	int r = 0;
	for (size_t c = 0; c < sh.nchunks && r == 0; c++)
		r = diags_append(lc->d, &sh.chunk_diags[c]);
	free(sh.chunk_diags);
	arena_absorb(lc->a, &far.arena);
	return r;
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
		const struct ast_attr *x = &a->attrs.v[k], *y = &b->attrs.v[k];
		if (strcmp(x->key, y->key) || strcmp(x->value.s, y->value.s))
			return false;
	}
	return true;
}

/* `quiet`: a later clone of a range stanza, whose duplicate was already reported. */
static void merge_stanza(struct lower_ctx *lc, void **slot, const char *name, bool quiet)
{
	const struct ast_stanza *st = *slot;
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
	if (!i->stanzas.n) {
		/* The first stanza: the slot in the AST's list serves as the interface's list
		 * (cap 1: a second stanza gets an array of its own). */
		i->stanzas = (struct ptrvec){slot, 1, 1};
	} else {
		ptrvec_push(lc->a, &i->stanzas, (void *)st);
	}
	if (st->family)
		i->families |= !strcmp(st->family, "inet") ? 1u : 2u;
	i->is_auto |= st->is_auto;
	for (size_t k = 0; k < st->classes.n; k++)
		ptrvec_push(lc->a, &i->classes, st->classes.v[k]);
}

/* `slot`: the stanza's entry in cfg->ast.stanzas. */
static void lower_stanza(struct lower_ctx *lc, void **slot)
{
	const struct ast_stanza *st = *slot;
	if (st->kind == AST_VLAN) {
		/* Per-VLAN settings of a bridge live apart from interfaces (ifupdown2's -T vlan). */
		struct ifcc_iface *v = arena_alloc(lc->a, sizeof(*v));
		if (!v)
			return;
		v->name = st->name;
		v->kind = IFK_BRIDGE_VLAN;
		v->loc = st->name_loc;
		v->stanzas = (struct ptrvec){slot, 1, 1};
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
				merge_stanza(lc, slot, name, k > 0);
		}
		return;
	}
	merge_stanza(lc, slot, st->base, false);
}

struct ifcc_model *ifcc_lower(struct ifcc_config *cfg)
{
	struct ifcc_model *m = arena_alloc(&cfg->arena, sizeof(*m));
	if (!m)
		return NULL;
	struct lower_ctx lc = {.cfg = cfg, .m = m, .a = &cfg->arena, .d = &cfg->diags};
	size_t nstanzas = cfg->ast.stanzas.n;
	if (strset_reserve(lc.a, &m->by_name, nstanzas) < 0)
		return NULL;
	/* One interface a stanza, mostly: the list is made once at that size. */
	m->ifaces.v = arena_alloc_raw(lc.a, (nstanzas + 16) * sizeof(void *));
	if (!m->ifaces.v)
		return NULL;
	m->ifaces.cap = nstanzas + 16;
	for (size_t k = 0; k < nstanzas; k++)
		lower_stanza(&lc, &cfg->ast.stanzas.v[k]);
	if (lower_attributes(&lc, ifcc_config_big(cfg)) < 0)
		return NULL;
	lower_references(&lc);
	lower_check_kinds(&lc);
	return m;
}
