/*
 * SARIF 2.1.0 output: one run of the tool "ifcc", its rules (the whole rule table, then
 * every other rule id the results use) and one result per diagnostic.
 *
 * Columns: ifcc counts bytes; SARIF counts characters, so each column is converted to
 * Unicode code points of its line (run.columnKind "unicodeCodePoints") and the inclusive
 * end column becomes SARIF's exclusive one.
 */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/validate.h"

#define SARIF_SCHEMA                                                                       \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

/* Length of the valid UTF-8 sequence at p (at most n bytes), 0 if there is none. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
	size_t len;
	uint32_t min;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, min = 0x80;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, min = 0x800;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	uint32_t cp = p[0] & (0x7f >> len);
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* A JSON string of s; bytes that are not UTF-8 become U+FFFD, one each. */
static json_t *text(const char *s)
{
	json_t *j = json_string(s ? s : "");
	if (j)
		return j;
	size_t n = strlen(s);
	char *buf = malloc(n * 3 + 1), *o = buf;
	if (!buf)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(p + i, n - i);
		if (k) {
			memcpy(o, p + i, k);
			o += k;
			i += k;
		} else {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		}
	}
	*o = '\0';
	j = json_string(buf);
	free(buf);
	return j;
}

/* Characters (a byte that is not UTF-8 counts as one) in the first `bytes` bytes of s. */
static size_t chars(const char *s, size_t len, size_t bytes)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;
	if (bytes > len)
		bytes = len;
	for (size_t i = 0; i < bytes; n++) {
		size_t k = utf8_seq(p + i, len - i);
		i += k ? k : 1;
	}
	return n;
}

/* The 1-based character column of 1-based byte column `col` of `line`. */
static uint32_t char_col(const struct ifcc_file *f, uint32_t line, uint32_t col)
{
	size_t len = 0;
	const char *s = f && f->text ? ifcc_file_line(f, line, &len) : NULL;
	if (!s || col == 0)
		return col;
	size_t before = chars(s, len, col - 1);
	/* Past the end of the line (the line terminator): count the bytes past it as-is. */
	if (col - 1 > len)
		before += col - 1 - len;
	return (uint32_t)before + 1;
}

/* RFC 3986 unreserved characters and the few delimiters a path may keep. */
static bool uri_keeps(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c && strchr("-._~/!$&'()*+,;=@", c) != NULL;
}

/*
 * The file path as a URI reference: relative paths stay relative, absolute ones become
 * file:// URIs; everything else (spaces, '%', ':', '#', '?', non-ASCII) is percent-encoded.
 */
static json_t *path_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *buf = malloc(n * 3 + sizeof("file://")), *o = buf;
	if (!buf)
		return NULL;
	if (path[0] == '/') {
		memcpy(o, "file://", 7);
		o += 7;
	}
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (uri_keeps(*p)) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	json_t *j = json_string(buf);
	free(buf);
	return j;
}

/* A physicalLocation for loc; without a region when the problem is the file itself. */
static json_t *physical(const struct ifcc_loc *l)
{
	json_t *pl = json_object(), *art = json_object();
	if (!pl || !art) {
		json_decref(art);
		json_decref(pl);
		return NULL;
	}
	if (json_object_set_new(pl, "artifactLocation", art)) { /* art is freed */
		json_decref(pl);
		return NULL;
	}
	int r = json_object_set_new(art, "uri", path_uri(l->file ? l->file->path : ""));
	if (l->line > 0) {
		json_t *reg = json_object();
		r |= json_object_set_new(pl, "region", reg);
		r |= json_object_set_new(reg, "startLine", json_integer(l->line));
		if (l->col > 0) {
			uint32_t end_line = l->end_line >= l->line ? l->end_line : l->line;
			uint32_t end_col =
				l->end_line >= l->line && l->end_col > 0 ? l->end_col : l->col;
			if (end_line == l->line && end_col < l->col)
				end_col = l->col;
			r |= json_object_set_new(reg, "startColumn",
						 json_integer(char_col(l->file, l->line, l->col)));
			r |= json_object_set_new(reg, "endLine", json_integer(end_line));
			r |= json_object_set_new(
				reg, "endColumn",
				json_integer(char_col(l->file, end_line, end_col + 1)));
		}
	}
	if (r) {
		json_decref(pl);
		return NULL;
	}
	return pl;
}

static json_t *message(const char *s)
{
	json_t *m = json_object();
	if (m && json_object_set_new(m, "text", text(s))) {
		json_decref(m);
		return NULL;
	}
	return m;
}

static const char *level(enum ifcc_severity s)
{
	switch (s) {
	case IFCC_ERROR:
		return "error";
	case IFCC_WARNING:
		return "warning";
	case IFCC_NOTE:
		break;
	}
	return "note";
}

/* The rules of the run: the table's in order, then the other ids in order of use. */
struct rule_list {
	json_t *rules;
	const char **extra;
	size_t nextra, cap;
};

static json_t *table_rule(const struct ifcc_rule *t)
{
	json_t *o = json_object(), *cfg = json_object(), *help = json_object();
	int r = !o || !cfg || !help;
	if (r) {
		json_decref(o);
		json_decref(cfg);
		json_decref(help);
		return NULL;
	}
	char *h = NULL, *md = NULL;
	size_t hn = 0, mn = 0;
	FILE *hf = open_memstream(&h, &hn), *mf = open_memstream(&md, &mn);
	if (hf) {
		fprintf(hf, "%s\n\nTriggers it:\n\n%s\n\nCorrected:\n\n%s\n", t->summary, t->bad,
			t->good);
		fclose(hf);
	}
	if (mf) {
		fprintf(mf, "%s\n\nTriggers it:\n\n```\n%s\n```\n\nCorrected:\n\n```\n%s\n```\n",
			t->summary, t->bad, t->good);
		fclose(mf);
	}
	r |= json_object_set_new(o, "id", json_string(t->id));
	r |= json_object_set_new(o, "shortDescription", message(t->summary));
	r |= json_object_set_new(cfg, "level", json_string(level(t->severity)));
	r |= json_object_set_new(o, "defaultConfiguration", cfg);
	r |= json_object_set_new(help, "text", text(h ? h : t->summary));
	r |= json_object_set_new(help, "markdown", text(md ? md : t->summary));
	r |= json_object_set_new(o, "help", help);
	json_t *props = json_object();
	r |= json_object_set_new(props, "scope",
				 json_string(t->scope == RULE_FABRIC ? "fabric" : "device"));
	r |= json_object_set_new(o, "properties", props);
	free(h);
	free(md);
	if (r || !hf || !mf) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The ruleIndex of id, adding an entry for an id that is not in the table; -1 if OOM. */
static long rule_index(struct rule_list *rl, const char *id)
{
	const struct ifcc_rule *t = ifcc_rule_find(id);
	if (t)
		return (long)(t - ifcc_rules);
	for (size_t i = 0; i < rl->nextra; i++)
		if (!strcmp(rl->extra[i], id))
			return (long)(ifcc_nrules + i);
	if (rl->nextra == rl->cap) {
		size_t cap = rl->cap ? rl->cap * 2 : 16;
		const char **v = realloc(rl->extra, cap * sizeof(*v));
		if (!v)
			return -1;
		rl->extra = v;
		rl->cap = cap;
	}
	json_t *o = json_object();
	if (!o || json_object_set_new(o, "id", json_string(id)) ||
	    json_array_append_new(rl->rules, o))
		return -1;
	rl->extra[rl->nextra++] = id;
	return (long)(ifcc_nrules + rl->nextra - 1);
}

/* Notes, then the `source` lines through which the file was read. */
static int related(json_t *res, const struct ifcc_diag *g)
{
	json_t *arr = json_array();
	int r = arr ? 0 : -1;
	json_int_t id = 0;
	for (size_t j = 0; r == 0 && j < g->related.n; j++) {
		const struct ifcc_related *rl = g->related.v[j];
		json_t *o = json_object();
		r |= json_array_append_new(arr, o);
		r |= json_object_set_new(o, "id", json_integer(id++));
		r |= json_object_set_new(o, "physicalLocation", physical(&rl->loc));
		r |= json_object_set_new(o, "message", message(rl->message));
	}
	for (const struct ifcc_file *f = g->loc.file; r == 0 && f && f->parent; f = f->parent) {
		struct ifcc_loc at = {f->parent, f->parent_line, f->parent_col, f->parent_line,
				      f->parent_col};
		json_t *o = json_object();
		r |= json_array_append_new(arr, o);
		r |= json_object_set_new(o, "id", json_integer(id++));
		r |= json_object_set_new(o, "physicalLocation", physical(&at));
		r |= json_object_set_new(o, "message", message("file included from here"));
	}
	if (r == 0 && json_array_size(arr) > 0)
		return json_object_set_new(res, "relatedLocations", arr);
	json_decref(arr);
	return r;
}

static json_t *result(struct rule_list *rl, const struct ifcc_diag *g)
{
	/* Containers are attached with json_object_set (we keep a reference), so that a
	 * failure part way leaves nothing freed under our hands. */
	json_t *res = json_object(), *locs = json_array(), *loc = json_object();
	int r = !res || !locs || !loc;
	if (r == 0 && g->rule && *g->rule) {
		long idx = rule_index(rl, g->rule);
		r |= idx < 0;
		r |= json_object_set_new(res, "ruleId", json_string(g->rule));
		r |= json_object_set_new(res, "ruleIndex", json_integer(idx));
	}
	if (r == 0) {
		r |= json_object_set_new(res, "level", json_string(level(g->severity)));
		r |= json_object_set_new(res, "message", message(g->message));
		r |= json_object_set(res, "locations", locs);
		r |= json_array_append(locs, loc);
		r |= json_object_set_new(loc, "physicalLocation", physical(&g->loc));
		r |= related(res, g);
	}
	json_decref(locs);
	json_decref(loc);
	if (r) {
		json_decref(res);
		return NULL;
	}
	return res;
}

static json_t *build(const struct ifcc_diags *const *d, size_t n)
{
	struct rule_list rl = {json_array(), NULL, 0, 0};
	json_t *root = json_object(), *runs = json_array(), *run = json_object();
	json_t *tool = json_object(), *driver = json_object(), *results = json_array();
	int r = !rl.rules || !root || !runs || !run || !tool || !driver || !results;
	if (r == 0) {
		r |= json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
		r |= json_object_set_new(root, "version", json_string("2.1.0"));
		r |= json_object_set(root, "runs", runs);
		r |= json_array_append(runs, run);
		r |= json_object_set(run, "tool", tool);
		r |= json_object_set(tool, "driver", driver);
		r |= json_object_set_new(driver, "name", json_string("ifcc"));
		r |= json_object_set(driver, "rules", rl.rules);
		r |= json_object_set(run, "results", results);
		r |= json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
	}
	for (size_t i = 0; r == 0 && i < ifcc_nrules; i++)
		r |= json_array_append_new(rl.rules, table_rule(&ifcc_rules[i]));
	for (size_t i = 0; r == 0 && i < n; i++)
		for (size_t k = 0; r == 0 && k < d[i]->list.n; k++)
			r |= json_array_append_new(results, result(&rl, d[i]->list.v[k]));
	free(rl.extra);
	json_decref(rl.rules);
	json_decref(runs);
	json_decref(run);
	json_decref(tool);
	json_decref(driver);
	json_decref(results);
	if (r) {
		json_decref(root);
		return NULL;
	}
	return root;
}

int diags_render_sarif(const struct ifcc_diags *const *d, size_t n, FILE *out)
{
	json_t *root = build(d, n);
	if (!root)
		return -ENOMEM;
	int r = json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
	return r == 0 ? 0 : -ENOMEM;
}
