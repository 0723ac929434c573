/*
 * A big file in two halves at once. The cut is at a line where the scanner and the
 * grammar are between lines with nothing pending (see frontend_split_point), so each half
 * parses as it would in one scan. The first half is read into the configuration as
 * usual; the second, on a thread of its own, into a configuration of its own. What the
 * second half's lines depend on from before the cut is the reading state of `auto` and
 * `allow` lines: the merge applies the first half's to the second's stanzas (is_auto,
 * classes, the late-auto marks), and the bound on names from `auto` ranges, which counts
 * both halves, is awaited (split_sync) at the second half's first such range. Then items,
 * stanzas, names, diagnostics and memory are appended in reading order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/thread.h"
#include "parse_ctx.h"
#include "reader.h"

struct split_sync {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool done;  /* the first half is read: its totals below are final */
	bool taken; /* the second half added them to its own */
	unsigned long auto_names;
	bool auto_names_reported;
};

static bool is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == '\n';
}

/*
 * Whether a half may start at line start s: a blank line just before it, an `auto` or
 * `iface` line at its first byte (a keyword line ends any stanza or block), and no
 * backslash as the last non-blank byte before (a continuation, even in a comment, would
 * run across the blank line).
 */
static bool can_cut(const char *t, uint32_t s)
{
	if (s < 3 || t[s - 1] != '\n' || t[s - 2] != '\n')
		return false;
	if (strncmp(t + s, "auto ", 5) && strncmp(t + s, "iface ", 6))
		return false;
	uint32_t k = s - 2;
	while (k > 0 && is_white(t[k - 1]))
		k--;
	return k > 0 && t[k - 1] != '\\';
}

/* The index of f's first line that starts at or after offset `off` (nlines: none). */
static size_t first_line_from(const struct ifcc_file *f, uint32_t off)
{
	size_t lo = 0, hi = f->nlines;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (f->line_starts[m] < off)
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

uint32_t frontend_split_point(const struct ifcc_file *f)
{
	if (f->nlines < 4 || !f->line_starts)
		return 0;
	/*
	 * From the line at 54 % of the lines on: reading costs about the same a line,
	 * whatever its length (long lines are taken sixteen bytes at a time), and the second
	 * half starts later (its thread is made, and looks for `source` lines first). On the
	 * N=4000 bench leaf a cut at the middle byte left the first thread waiting for about
	 * 0.3 ms of the 1.5 ms a half takes; with this cut (at 57 % of its bytes) a lint
	 * takes 5.66 ms instead of 5.79 (medians of 200 runs each, taking turns).
	 */
	for (size_t i = f->nlines * 54 / 100; i < f->nlines; i++) {
		uint32_t s = f->line_starts[i];
		if (s < f->len && can_cut(f->text, s))
			return s;
	}
	return 0;
}

void frontend_split_take_prior(struct parse_ctx *pc)
{
	struct split_sync *y = pc->prior;
	pthread_mutex_lock(&y->mu);
	while (!y->done)
		pthread_cond_wait(&y->cv, &y->mu);
	struct reader_state *rs = pc->cfg->reader;
	rs->auto_names += y->auto_names;
	rs->auto_names_reported |= y->auto_names_reported;
	y->taken = true;
	pthread_mutex_unlock(&y->mu);
	pc->prior_taken = true;
}

struct split_job {
	struct ifcc_config *cfg; /* the second half's own */
	struct ifcc_file *f;
	uint32_t begin, end;
	struct split_sync *sync;
	bool refused; /* the half has a `source` line: not read here */
	int r;
};

/* Whether the line at w (the text ends with two NULs) is a `source` or
 * `source-directory` line; byte by byte, so a NUL stops it. */
static bool source_line(const char *w)
{
	while (*w == ' ' || *w == '\t')
		w++;
	return w[0] == 's' && w[1] == 'o' && w[2] == 'u' && w[3] == 'r' && w[4] == 'c' &&
	       w[5] == 'e';
}

/* Whether f's lines from offset `from` on include a `source` line. */
static bool has_source(const struct ifcc_file *f, uint32_t from)
{
	for (size_t i = first_line_from(f, from); i < f->nlines; i++)
		if (source_line(f->text + f->line_starts[i]))
			return true;
	return false;
}

static void *run_half(void *arg)
{
	struct split_job *j = arg;
	/* A `source` line would read other files into this half, and those belong to the
	 * configuration being read (its file list and limits): the first half's thread
	 * reads this half after its own instead. */
	if (has_source(j->f, j->begin)) {
		j->refused = true;
		return NULL;
	}
	j->r = frontend_parse_range(j->cfg, j->f, j->begin, j->end, j->sync);
	return NULL;
}

/* The first half's `auto` and `allow` lines, applied to a second-half stanza: 1 when they
 * made it auto, 0 when not, -1 when out of memory. */
static int apply_prior(struct arena *a, const struct reader_state *rs, struct ast_stanza *st)
{
	const char *key = build_stanza_key(st);
	int made_auto = 0;
	if (!st->is_auto) {
		void **kv = strset_find(&rs->names, key);
		st->is_auto = rs->auto_all || (kv && ((uintptr_t)*kv & NAME_AUTO));
		made_auto = st->is_auto;
	}
	size_t n = 0;
	for (size_t i = 0; i < rs->allows.n; i++)
		n += !strcmp(((const struct allow_entry *)rs->allows.v[i])->name, key);
	if (!n)
		return made_auto;
	/* The first half's classes come first, as its `allow` lines do. */
	size_t total = n + st->classes.n;
	void **v = arena_alloc_raw(a, total * sizeof(*v));
	if (!v)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < rs->allows.n; i++) {
		const struct allow_entry *e = rs->allows.v[i];
		if (!strcmp(e->name, key))
			v[k++] = (void *)e->cls;
	}
	if (st->classes.n)
		memcpy(v + k, st->classes.v, st->classes.n * sizeof(*v));
	st->classes = (struct ptrvec){v, total, total};
	return made_auto;
}

static int merge_names(struct arena *a, struct reader_state *rs, const struct reader_state *rb)
{
	for (size_t i = 0; i < rb->names.cap; i++) {
		if (!rb->names.slot[i])
			continue;
		void **v = strset_slot(a, &rs->names, rb->names.slot[i]);
		if (!v)
			return -1;
		uintptr_t xa = (uintptr_t)*v, xb = (uintptr_t)rb->names.val[i];
		uintptr_t x = xa | (xb & NAME_FLAGS);
		/* Second-half `auto` words naming a first-half stanza: not among the second
		 * half's late-auto candidates, so the check looks at every word. */
		if ((xb & NAME_AUTO) && (xa & ~(uintptr_t)NAME_FLAGS))
			rs->late_auto_all = true;
		/* The name's first stanza: the first half's, if it had one. */
		if (!(xa & ~(uintptr_t)NAME_FLAGS))
			x |= xb & ~(uintptr_t)NAME_FLAGS;
		*v = (void *)x;
	}
	return 0;
}

static int append_all(struct arena *a, struct ptrvec *dst, const struct ptrvec *src)
{
	for (size_t i = 0; i < src->n; i++)
		if (ptrvec_push(a, dst, src->v[i]) < 0)
			return -1;
	return 0;
}

/* Appends the second half (its own configuration `sub`) to cfg. */
static int merge_half(struct ifcc_config *cfg, struct ifcc_config *sub, bool took_prior)
{
	struct reader_state *rs = cfg->reader, *rb = sub->reader;
	const struct ptrvec *sts = &sub->ast.stanzas;
	/* The stanzas the first half's `auto` lines made auto (as a rule none: a stanza
	 * that was auto already marked its name in the second half's set). */
	struct ast_stanza **made = NULL;
	size_t nmade = 0;
	for (size_t i = 0; i < sts->n; i++) {
		int r = apply_prior(&cfg->arena, rs, sts->v[i]);
		if (r > 0 && ((struct ast_stanza *)sts->v[i])->kind == AST_IFACE) {
			if (!made)
				made = malloc((sts->n - i) * sizeof(*made));
			if (!made)
				r = -1;
			else
				made[nmade++] = sts->v[i];
		}
		if (r < 0) {
			free(made);
			return -ENOMEM;
		}
	}
	if (merge_names(&cfg->reading, rs, rb) < 0) {
		free(made);
		return -ENOMEM;
	}
	/* A stanza that the first half's `auto` lines made auto marks its name. */
	for (size_t i = 0; i < nmade; i++) {
		void **v = strset_find(&rs->names, made[i]->base);
		if (v)
			*v = (void *)((uintptr_t)*v | NAME_MARKED);
	}
	free(made);
	rs->auto_all |= rb->auto_all;
	rs->auto_names = took_prior ? rb->auto_names : rs->auto_names + rb->auto_names;
	rs->auto_names_reported |= rb->auto_names_reported;
	rs->late_auto_all |= rb->late_auto_all;
	if (append_all(&cfg->reading, &rs->allows, &rb->allows) < 0 ||
	    append_all(&cfg->reading, &rs->late_auto, &rb->late_auto) < 0 ||
	    append_all(&cfg->reading, &cfg->ast.items, &sub->ast.items) < 0 ||
	    frontend_append_stanzas(cfg, (struct ast_stanza **)sts->v, sts->n) ||
	    diags_append(&cfg->diags, &sub->diags) < 0)
		return -ENOMEM;
	return 0;
}

int frontend_parse_split(struct ifcc_config *cfg, struct ifcc_file *f, uint32_t at)
{
	struct ifcc_config sub;
	frontend_config_init_shared(&sub, cfg);
	sub.limits = cfg->limits;
	sub.reader = arena_alloc(&sub.reading, sizeof(*sub.reader));
	if (!sub.reader || strset_reserve(&sub.reading, &sub.reader->names, f->nlines / 16) < 0) {
		ifcc_config_free(&sub);
		return -ENOMEM;
	}
	struct split_sync sync = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	struct split_job job = {
	    .cfg = &sub, .f = f, .begin = at, .end = (uint32_t)f->len, .sync = &sync};
	/* The first half ends at the blank line before the cut: its last newline and that
	 * line's become the two NULs flex wants after a buffer (put back below). */
	char saved[2] = {f->text[at - 2], f->text[at - 1]};
	f->text[at - 2] = f->text[at - 1] = '\0';
	struct ifcc_job half;
	ifcc_job_start(&half, run_half, &job);
	int r = frontend_parse_range(cfg, f, 0, at - 2, NULL);
	pthread_mutex_lock(&sync.mu);
	sync.done = true;
	sync.auto_names = cfg->reader->auto_names;
	sync.auto_names_reported = cfg->reader->auto_names_reported;
	pthread_cond_broadcast(&sync.cv);
	pthread_mutex_unlock(&sync.mu);
	ifcc_job_wait(&half);
	f->text[at - 2] = saved[0];
	f->text[at - 1] = saved[1];
	if (r == 0 && job.refused)
		r = frontend_parse_range(cfg, f, at, (uint32_t)f->len, NULL);
	else if (r == 0)
		r = job.r;
	if (r == 0 && !job.refused)
		r = merge_half(cfg, &sub, sync.taken);
	/* cfg owns the second half's memory from now on, merged or not (after a failure,
	 * part of it may be referenced). */
	arena_absorb(&cfg->arena, &sub.arena);
	arena_absorb(&cfg->reading, &sub.reading);
	sub.ast = (struct ast){0};
	ifcc_config_free(&sub);
	pthread_mutex_destroy(&sync.mu);
	pthread_cond_destroy(&sync.cv);
	return r;
}
