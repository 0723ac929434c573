#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/diag.h"

/* jansson refuses invalid UTF-8; file bytes that are not text are replaced by U+FFFD. */
static json_t *json_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t n = strlen(s);
	char *buf = malloc(n * 3 + 1), *o = buf;
	if (!buf)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x80) {
			*o++ = (char)*p;
		} else {
			*o++ = (char)0xef;
			*o++ = (char)0xbf;
			*o++ = (char)0xbd;
		}
	}
	*o = '\0';
	j = json_string(buf);
	free(buf);
	return j;
}

static int set_loc(json_t *o, const struct ifcc_loc *l)
{
	int r = 0;
	r |= json_object_set_new(o, "file", json_text(l->file ? l->file->path : ""));
	r |= json_object_set_new(o, "line", json_integer(l->line));
	r |= json_object_set_new(o, "column", json_integer(l->col));
	return r;
}

static int add_diags(json_t *arr, const struct ifcc_diags *d)
{
	int r = 0;
	for (size_t i = 0; r == 0 && i < d->list.n; i++) {
		const struct ifcc_diag *g = d->list.v[i];
		json_t *o = json_object(), *rel = json_array();
		if (!o || !rel) {
			json_decref(o);
			json_decref(rel);
			r = -1;
			break;
		}
		r |= set_loc(o, &g->loc);
		uint32_t end = g->loc.end_line == g->loc.line ? g->loc.end_col : g->loc.col;
		r |= json_object_set_new(o, "end_column", json_integer(end));
		r |= json_object_set_new(o, "severity", json_string(ifcc_severity_name(g->severity)));
		r |= json_object_set_new(o, "rule", json_string(g->rule ? g->rule : ""));
		r |= json_object_set_new(o, "message", json_text(g->message));
		for (size_t j = 0; j < g->related.n; j++) {
			const struct ifcc_related *rl = g->related.v[j];
			json_t *ro = json_object();
			r |= set_loc(ro, &rl->loc);
			r |= json_object_set_new(ro, "message", json_text(rl->message));
			r |= json_array_append_new(rel, ro);
		}
		r |= json_object_set_new(o, "related", rel);
		r |= json_array_append_new(arr, o);
	}
	return r;
}

int diags_render_json(const struct ifcc_diags *const *d, size_t n, FILE *out)
{
	json_t *root = json_object(), *arr = json_array(), *sum = json_object();
	int r = (!root || !arr || !sum) ? -1 : 0;
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; r == 0 && i < n; i++) {
		r |= add_diags(arr, d[i]);
		errors += d[i]->errors;
		warnings += d[i]->warnings;
	}
	if (r == 0) {
		r |= json_object_set_new(sum, "errors", json_integer((json_int_t)errors));
		r |= json_object_set_new(sum, "warnings", json_integer((json_int_t)warnings));
		r |= json_object_set_new(root, "diagnostics", arr);
		r |= json_object_set_new(root, "summary", sum);
		arr = sum = NULL;
	}
	if (r == 0) {
		r = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', out);
	}
	json_decref(arr);
	json_decref(sum);
	json_decref(root);
	return r == 0 ? 0 : -ENOMEM;
}
