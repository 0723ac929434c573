/*
 * User commands interface by interface, as ifupdown2 runs them: for each interface in
 * dependency order, its pre-up commands (and if-pre-up.d scripts), then its part of the
 * plan, then its up and post-up ones, before the next interface's. The plan's build ops
 * are regrouped per interface (ifcc_plan_segment); the executor stops at each change of
 * interface, waits for the kernel's acknowledgements, and the phases run there.
 *
 * An op belongs to the interface whose stanza holds its source line (the stanza's name,
 * or one of its attribute lines); ops without one belong to the interface they act on,
 * if it has a stanza. The planner then keeps each op after what it needs, so a port is
 * enslaved in its bond's or bridge's part, as ifupdown2 enslaves ports while bringing
 * their master up.
 */
#include <stdlib.h>
#include <string.h>

#include "ifcc/apply.h"
#include "ifcc/ast.h"
#include "ifcc/plan.h"

#include "cli.h"

struct stanza_start {
	const struct ifcc_file *file;
	uint32_t line;
	uint32_t pos; /* 1 + the interface's place in dependency order; 0: none (a vlan stanza) */
};

struct interleave {
	const struct ifcc_model *m;
	const struct ifcc_iface **order; /* dependency order; position p is order[p - 1] */
	size_t n;
	uint32_t *pos; /* per interface index: its position */
	struct stanza_start *starts;
	size_t nstarts;
	uint32_t *segs; /* per op, after regrouping */
	size_t *barriers, nbarriers;
	/* the run */
	char *const *names;
	size_t nnames;
	const char *scripts_dir;
	struct ifcc_diags *d;
	const struct ifcc_down_record *downs; /* removed interfaces: down, post-down first */
	bool downs_done;
	size_t done; /* positions 1..done have had every phase */
	bool open;   /* the pre-up of position done + 1 has run */
};

static int by_start(const void *pa, const void *pb)
{
	const struct stanza_start *a = pa, *b = pb;
	if (a->file != b->file)
		return (uintptr_t)a->file < (uintptr_t)b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static int add_stanzas(struct interleave *iv, const struct ifcc_iface *i, uint32_t pos)
{
	for (size_t k = 0; k < i->stanzas.n; k++) {
		const struct ast_stanza *st = i->stanzas.v[k];
		if (!st->loc.file)
			continue;
		struct stanza_start *s = realloc(iv->starts, (iv->nstarts + 1) * sizeof(*s));
		if (!s)
			return -1;
		iv->starts = s;
		s[iv->nstarts++] = (struct stanza_start){st->loc.file, st->loc.line, pos};
	}
	return 0;
}

/* The position of the stanza that holds line `line` of `file`, 0 if none. */
static uint32_t stanza_at(const struct interleave *iv, const struct ifcc_file *file,
                          uint32_t line)
{
	size_t lo = 0, hi = iv->nstarts; /* the last start <= (file, line) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct stanza_start *s = &iv->starts[mid];
		if (s->file == file ? s->line <= line : (uintptr_t)s->file < (uintptr_t)file)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && iv->starts[lo - 1].file == file ? iv->starts[lo - 1].pos : 0;
}

static uint32_t owner(void *ctx, const struct ifcc_op *op)
{
	const struct interleave *iv = ctx;
	if (op->source.file) {
		uint32_t p = stanza_at(iv, op->source.file, op->source.line);
		if (p)
			return p;
	}
	const struct ifcc_iface *i = op->ifname ? ifcc_model_find(iv->m, op->ifname) : NULL;
	return i && !i->implicit ? iv->pos[i->index] : 0;
}

void interleave_free(struct interleave *iv)
{
	if (!iv)
		return;
	free(iv->order);
	free(iv->pos);
	free(iv->starts);
	free(iv->barriers);
	free(iv);
}

struct interleave *interleave_plan(struct arena *a, const struct ifcc_model *m,
                                   struct ifcc_plan *p)
{
	struct interleave *iv = calloc(1, sizeof(*iv));
	if (!iv)
		return NULL;
	iv->m = m;
	iv->order = iface_order(m, &iv->n);
	iv->pos = calloc(m->ifaces.n + 1, sizeof(*iv->pos));
	iv->barriers = malloc((p->n + 1) * sizeof(*iv->barriers));
	bool ok = iv->order && iv->pos && iv->barriers;
	for (size_t k = 0; ok && k < iv->n; k++) {
		iv->pos[iv->order[k]->index] = (uint32_t)(k + 1);
		ok = add_stanzas(iv, iv->order[k], (uint32_t)(k + 1)) == 0;
	}
	for (size_t k = 0; ok && k < m->vlans.n; k++)
		ok = add_stanzas(iv, m->vlans.v[k], 0) == 0;
	if (ok && iv->nstarts)
		qsort(iv->starts, iv->nstarts, sizeof(*iv->starts), by_start);
	if (!ok || ifcc_plan_segment(a, p, owner, iv, &iv->segs) < 0) {
		interleave_free(iv);
		return NULL;
	}
	/* a barrier where the build starts and wherever the interface changes */
	for (size_t k = p->teardown; k < p->n; k++)
		if (k == p->teardown || iv->segs[k] != iv->segs[k - 1])
			iv->barriers[iv->nbarriers++] = k;
	return iv;
}

static bool chosen(const struct interleave *iv, const struct ifcc_iface *i)
{
	if (i->implicit || i->kind == IFK_BRIDGE_VLAN)
		return false;
	for (size_t k = 0; k < iv->nnames; k++)
		if (!strcmp(iv->names[k], i->name))
			return true;
	return !iv->nnames;
}

static void phase(struct interleave *iv, size_t pos, enum ifcc_phase ph)
{
	const struct ifcc_iface *i = iv->order[pos - 1];
	if (chosen(iv, i))
		ifcc_usercmds_run(i, ph, iv->scripts_dir, iv->d);
}

/* Every phase of the interfaces before position `upto` not yet done, then the pre-up of
 * `upto` (0: none, the end). */
static void advance(struct interleave *iv, size_t upto)
{
	if (!iv->downs_done) {
		run_down_phase(iv->downs, NULL, 0, IFCC_PHASE_DOWN, iv->scripts_dir, iv->d);
		run_down_phase(iv->downs, NULL, 0, IFCC_PHASE_POST_DOWN, iv->scripts_dir, iv->d);
		iv->downs_done = true;
	}
	size_t end = upto ? upto : iv->n + 1;
	if (iv->open) {
		phase(iv, iv->done + 1, IFCC_PHASE_UP);
		phase(iv, iv->done + 1, IFCC_PHASE_POST_UP);
		iv->done++;
		iv->open = false;
	}
	for (; iv->done + 1 < end; iv->done++) {
		phase(iv, iv->done + 1, IFCC_PHASE_PRE_UP);
		phase(iv, iv->done + 1, IFCC_PHASE_UP);
		phase(iv, iv->done + 1, IFCC_PHASE_POST_UP);
	}
	if (upto && iv->done + 1 == upto) {
		phase(iv, upto, IFCC_PHASE_PRE_UP);
		iv->open = true;
	}
}

static void at_barrier(void *ctx, size_t k)
{
	struct interleave *iv = ctx;
	advance(iv, iv->segs[k] <= iv->n ? iv->segs[k] : 0);
}

void interleave_opts(struct interleave *iv, char *const *names, size_t n,
                     const char *scripts_dir, const struct ifcc_down_record *downs,
                     struct ifcc_diags *d, struct ifcc_exec_opts *eo)
{
	iv->names = names;
	iv->nnames = n;
	iv->scripts_dir = scripts_dir;
	iv->downs = downs;
	iv->d = d;
	eo->barriers = iv->barriers;
	eo->nbarriers = iv->nbarriers;
	eo->at_barrier = at_barrier;
	eo->ctx = iv;
}

void interleave_finish(struct interleave *iv)
{
	advance(iv, 0);
}
