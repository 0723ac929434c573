#include "ifcc/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void diags_init(struct ifcc_diags *d, struct arena *a)
{
	d->arena = a;
	d->list = (struct ptrvec){0};
	d->errors = d->warnings = 0;
}

int diags_append(struct ifcc_diags *d, const struct ifcc_diags *src)
{
	for (size_t i = 0; i < src->list.n; i++)
		if (ptrvec_push(d->arena, &d->list, src->list.v[i]) < 0)
			return -1;
	d->errors += src->errors;
	d->warnings += src->warnings;
	return 0;
}

__attribute__((format(printf, 2, 0))) static char *vformat(struct arena *a, const char *fmt,
							   va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *s = arena_alloc(a, (size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

struct ifcc_diag *diag_add(struct ifcc_diags *d, enum ifcc_severity sev, const char *rule,
			   struct ifcc_loc loc, const char *fmt, ...)
{
	struct ifcc_diag *g = arena_alloc(d->arena, sizeof(*g));
	if (!g)
		return NULL;
	va_list ap;
	va_start(ap, fmt);
	g->message = vformat(d->arena, fmt, ap);
	va_end(ap);
	g->severity = sev;
	g->rule = rule;
	g->loc = loc;
	if (!g->message || ptrvec_push(d->arena, &d->list, g) < 0)
		return NULL;
	if (sev == IFCC_ERROR)
		d->errors++;
	else if (sev == IFCC_WARNING)
		d->warnings++;
	return g;
}

void diag_note(struct ifcc_diags *d, struct ifcc_diag *diag, struct ifcc_loc loc, const char *fmt,
	       ...)
{
	if (!diag)
		return;
	struct ifcc_related *r = arena_alloc(d->arena, sizeof(*r));
	if (!r)
		return;
	va_list ap;
	va_start(ap, fmt);
	r->message = vformat(d->arena, fmt, ap);
	va_end(ap);
	r->loc = loc;
	if (r->message)
		ptrvec_push(d->arena, &diag->related, r);
}

const char *ifcc_severity_name(enum ifcc_severity sev)
{
	switch (sev) {
	case IFCC_NOTE:
		return "note";
	case IFCC_WARNING:
		return "warning";
	case IFCC_ERROR:
		return "error";
	}
	return "?";
}

struct pos {
	uint32_t file, line, col;
};

/* Reading position from the top file down: [(file, line, col) at each level]. */
static size_t chain(const struct ifcc_loc *l, struct pos *out, size_t max)
{
	size_t n = 0;
	const struct ifcc_file *f = l->file;
	struct pos p = {f ? f->index : 0, l->line, l->col};
	for (;;) {
		if (n < max)
			out[n++] = p;
		if (!f || !f->parent)
			break;
		p = (struct pos){f->parent->index, f->parent_line, f->parent_col};
		f = f->parent;
	}
	/* Reverse: top file first. */
	for (size_t i = 0; i < n / 2; i++) {
		struct pos t = out[i];
		out[i] = out[n - 1 - i];
		out[n - 1 - i] = t;
	}
	return n;
}

static int cmp_pos(const struct pos *a, const struct pos *b)
{
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

struct keyed {
	const struct ifcc_diag *g;
	size_t order;
	struct pos key[40];
	size_t n;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	for (size_t i = 0; i < a->n && i < b->n; i++) {
		/* At the same level, a sourced file's problems come where its line stands. */
		int c = cmp_pos(&a->key[i], &b->key[i]);
		if (c)
			return c;
	}
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

void diags_sort(struct ifcc_diags *d)
{
	size_t n = d->list.n;
	if (n < 2)
		return;
	struct keyed *k = calloc(n, sizeof(*k));
	if (!k)
		return; /* unsorted is still correct output */
	for (size_t i = 0; i < n; i++) {
		k[i].g = d->list.v[i];
		k[i].order = i;
		k[i].n = chain(&k[i].g->loc, k[i].key, sizeof(k[i].key) / sizeof(k[i].key[0]));
	}
	qsort(k, n, sizeof(*k), cmp_keyed);
	for (size_t i = 0; i < n; i++)
		d->list.v[i] = (void *)k[i].g;
	free(k);
}
