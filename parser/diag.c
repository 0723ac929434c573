#include "ifcc/diag.h"

#include <stdarg.h>
#include <stdio.h>

void diags_init(struct ifcc_diags *d, struct arena *a)
{
	d->arena = a;
	d->list = (struct ptrvec){0};
	d->errors = d->warnings = 0;
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
