/* Diagnostics are queued with their locations and rendered once, at the end. */
#ifndef IFCC_DIAG_H
#define IFCC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "ifcc/arena.h"
#include "ifcc/source.h"

enum ifcc_severity { IFCC_NOTE, IFCC_WARNING, IFCC_ERROR };

struct ifcc_related {
	struct ifcc_loc loc;
	const char *message;
};

struct ifcc_diag {
	enum ifcc_severity severity;
	const char *rule; /* stable id, e.g. "attr-outside-stanza" */
	struct ifcc_loc loc;
	const char *message;
	struct ptrvec related; /* struct ifcc_related * */
};

struct ifcc_diags {
	struct arena *arena;
	struct ptrvec list; /* struct ifcc_diag *, in the order they were found */
	size_t errors, warnings;
};

void diags_init(struct ifcc_diags *d, struct arena *a);
/* Appends src's diagnostics (which must outlive d: same arena, or one absorbed into d's)
 * to d, in their order; 0 or -1 when out of memory. */
int diags_append(struct ifcc_diags *d, const struct ifcc_diags *src);

/* Queues one diagnostic; returns it so that notes can be attached, NULL if out of memory. */
struct ifcc_diag *diag_add(struct ifcc_diags *d, enum ifcc_severity sev, const char *rule,
			   struct ifcc_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void diag_note(struct ifcc_diags *d, struct ifcc_diag *diag, struct ifcc_loc loc, const char *fmt,
	       ...) __attribute__((format(printf, 4, 5)));

/*
 * Orders the diagnostics as the text is read: by position, a sourced file's problems
 * where its `source` line stands; stable for equal positions.
 */
void diags_sort(struct ifcc_diags *d);

const char *ifcc_severity_name(enum ifcc_severity sev);

/* gcc-style text: include chain, FILE:LINE:COL: severity: message [rule], line, caret. */
void diags_render_text(const struct ifcc_diags *d, FILE *out, bool color);
/*
 * One JSON document {"diagnostics":[...],"summary":{...}} (README.md) for the
 * diagnostics of n configurations; 0 or -ENOMEM.
 */
int diags_render_json(const struct ifcc_diags *const *d, size_t n, FILE *out);

#endif
