#include <stdio.h>

#include "ifcc/diag.h"

static const char *sev_color(enum ifcc_severity s)
{
	return s == IFCC_ERROR ? "\033[1;31m" : s == IFCC_WARNING ? "\033[1;35m" : "\033[1;36m";
}

/* The physical line, then a caret under the first column and tildes to the span's end. */
static void render_excerpt(FILE *out, const struct ifcc_loc *l, bool color)
{
	size_t len;
	const char *line = ifcc_file_line(l->file, l->line, &len);
	if (!line)
		return;
	fputs(" ", out);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)line[i];
		/* Control bytes would move the terminal's cursor; show them as '?'. */
		fputc(c == '\t' || c >= 0x20 ? c : '?', out);
	}
	fputs("\n ", out);
	size_t last = l->end_line == l->line ? l->end_col : len;
	if (last < l->col)
		last = l->col;
	/* Columns count bytes; a UTF-8 continuation byte takes no room on the screen. */
	for (size_t i = 1; i < l->col && i <= len; i++)
		if (((unsigned char)line[i - 1] & 0xc0) != 0x80)
			fputc(line[i - 1] == '\t' ? '\t' : ' ', out);
	if (color)
		fputs("\033[1;32m", out);
	fputc('^', out);
	for (size_t i = l->col + 1; i <= last && i <= len; i++)
		if (((unsigned char)line[i - 1] & 0xc0) != 0x80)
			fputc('~', out);
	if (color)
		fputs("\033[0m", out);
	fputc('\n', out);
}

static void render_one(FILE *out, enum ifcc_severity sev, const char *rule,
		       const struct ifcc_loc *l, const char *msg, bool color)
{
	if (l->file && l->file->parent) {
		for (const struct ifcc_file *f = l->file; f->parent; f = f->parent)
			fprintf(out, "In file included from %s:%u:%u:\n", f->parent->path,
				f->parent_line, f->parent_col);
	}
	const char *path = l->file ? l->file->path : "ifcc";
	if (l->file && l->file->text)
		fprintf(out, "%s:%u:%u: ", path, l->line, l->col);
	else
		fprintf(out, "%s: ", path);
	if (color)
		fprintf(out, "%s%s:\033[0m ", sev_color(sev), ifcc_severity_name(sev));
	else
		fprintf(out, "%s: ", ifcc_severity_name(sev));
	fputs(msg, out);
	if (rule)
		fprintf(out, " [%s]", rule);
	fputc('\n', out);
	if (l->file && l->file->text)
		render_excerpt(out, l, color);
}

void diags_render_text(const struct ifcc_diags *d, FILE *out, bool color)
{
	for (size_t i = 0; i < d->list.n; i++) {
		const struct ifcc_diag *g = d->list.v[i];
		render_one(out, g->severity, g->rule, &g->loc, g->message, color);
		for (size_t j = 0; j < g->related.n; j++) {
			const struct ifcc_related *r = g->related.v[j];
			render_one(out, IFCC_NOTE, NULL, &r->loc, r->message, color);
		}
	}
}
