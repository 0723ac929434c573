/*
 * A big file is parsed in two halves at once (parser/split.c). The result must be the
 * same as one scan's: every file of the test data (corpus, lab, peers' fixtures, golden
 * inputs) is read both ways, with the split forced on every file that has a place to
 * cut, and the AST, the model and the rendered diagnostics compared. Then the cases where
 * the second half depends on the first: `auto` and `allow` lines before the cut, late
 * `auto` lines after it, `auto all`, the bound on names from `auto` ranges, duplicate
 * stanzas across the cut, a syntax error on the first half's last line, a `source` line
 * after the cut.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "unit_helpers.h"

#include "ifcc/check.h"
#include "ifcc/model.h"
#include "ifcc/validate.h"
#include "parse_ctx.h"

#ifndef IFCC_SRCDIR
#error IFCC_SRCDIR must name the source tree
#endif

static void dump_text(FILE *o, const struct ast_text *t)
{
	uint32_t n;
	const struct ast_seg *seg = ast_text_segs(t, &n);
	fprintf(o, "'%s'@%u+%u/%u", t->s, ast_text_foff(t), t->len, n);
	for (uint32_t k = 0; seg && k < n; k++)
		fprintf(o, ",%u:%u", seg[k].voff, seg[k].foff);
}

static void dump_loc(FILE *o, const struct ifcc_loc *l)
{
	fprintf(o, "%s:%u:%u-%u:%u", l->file ? l->file->path : "-", l->line, l->col, l->end_line,
	        l->end_col);
}

static void dump_ast(FILE *o, const struct ast *ast)
{
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		fprintf(o, "item %d cls=%s ", it->kind, it->cls ? it->cls : "-");
		dump_loc(o, &it->loc);
		for (size_t k = 0; k < it->words.n; k++) {
			const struct ast_word *w = it->words.v[k];
			fprintf(o, " %s@", w->text);
			dump_loc(o, &w->loc);
		}
		fprintf(o, " stanza=%d\n", it->stanza ? 1 : 0);
	}
	for (size_t i = 0; i < ast->stanzas.n; i++) {
		const struct ast_stanza *st = ast->stanzas.v[i];
		fprintf(o, "stanza %d %s base=%s fam=%s meth=%s auto=%d head=%u-%u ", st->kind,
		        st->name, st->base, st->family ? st->family : "-",
		        st->method ? st->method : "-", st->is_auto, st->head.begin, st->head.end);
		dump_loc(o, &st->loc);
		dump_loc(o, &st->name_loc);
		for (size_t k = 0; k < st->classes.n; k++)
			fprintf(o, " class=%s", (const char *)st->classes.v[k]);
		for (size_t k = 0; k < st->raw.n; k++)
			fprintf(o, " raw=%u-%u", st->raw.v[k].begin, st->raw.v[k].end);
		fputc('\n', o);
		for (size_t k = 0; k < st->attrs.n; k++) {
			const struct ast_attr *a = &st->attrs.v[k];
			fprintf(o, "  %s kw=%s key=%u-%u ", a->key, a->kw ? a->kw->name : "-",
			        a->key_sp.begin, a->key_sp.end);
			dump_text(o, &a->value);
			fputc('\n', o);
		}
	}
}

static void dump_model(FILE *o, const struct ifcc_model *m)
{
	for (size_t i = 0; i < m->ifaces.n; i++) {
		const struct ifcc_iface *f = m->ifaces.v[i];
		fprintf(o, "iface %s kind=%d auto=%d impl=%d fam=%u stanzas=%zu classes=%zu\n",
		        f->name, f->kind, f->is_auto, f->implicit, f->families, f->stanzas.n,
		        f->classes.n);
		for (size_t k = 0; k < f->attrs.n; k++) {
			const struct ifcc_attr *a = f->attrs.v[k];
			for (size_t j = 0; j < a->lines.n; j++) {
				const struct ifcc_line *ln = a->lines.v[j];
				fprintf(o, "  %s '%s' typed=%d\n", a->name, ln->text, ln->typed);
			}
		}
	}
	fprintf(o, "vlans %zu\n", m->vlans.n);
}

/* Everything one read of a file gives, as text; NULL when the file is not read at all. */
static char *read_all(const char *path, const char *text, size_t split_min, bool *split)
{
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	cfg.limits.split_min = split_min;
	char *out = NULL;
	size_t len = 0;
	FILE *o = open_memstream(&out, &len);
	assert_non_null(o);
	int r =
	    text ? ifcc_load_buffer(&cfg, path, text, strlen(text)) : ifcc_load_file(&cfg, path);
	fprintf(o, "load %d\n", r);
	if (split && cfg.ast.files.n) {
		const struct ifcc_file *f = cfg.ast.files.v[0];
		*split = f->line_starts && frontend_split_point(f) != 0;
	}
	if (r == 0) {
		ifcc_check_ast(&cfg);
		dump_ast(o, &cfg.ast);
		ifcc_drop_items(&cfg);
		struct ifcc_device dev = {.name = "t", .cfg = &cfg};
		dev.model = ifcc_lower(&cfg);
		assert_non_null(dev.model);
		struct ifcc_validate_opts vo;
		ifcc_validate_opts_init(&vo);
		ifcc_validate_device(&dev, &vo);
		dump_model(o, dev.model);
	}
	/* The order found first (one pass's order, which the split keeps), then sorted. */
	for (size_t k = 0; k < cfg.diags.list.n; k++) {
		const struct ifcc_diag *dg = cfg.diags.list.v[k];
		fprintf(o, "found %s %u:%u\n", dg->rule, dg->loc.line, dg->loc.col);
	}
	diags_sort(&cfg.diags);
	fprintf(o, "errors %zu warnings %zu\n", cfg.diags.errors, cfg.diags.warnings);
	diags_render_text(&cfg.diags, o, false);
	fclose(o);
	ifcc_config_free(&cfg);
	return out;
}

/* Reads path (or text) both ways and compares; true when the split applied. */
static bool same_both_ways(const char *path, const char *text)
{
	bool split = false;
	char *one = read_all(path, text, SIZE_MAX, NULL);
	char *two = read_all(path, text, 0, &split);
	if (strcmp(one, two)) {
		fprintf(stderr, "split read of %s differs:\n--- one scan\n%s\n--- two halves\n%s\n",
		        path, one, two);
		fail();
	}
	free(one);
	free(two);
	return split;
}

struct walk {
	size_t files, split;
};

static void walk_dir(const char *dir, struct walk *w)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
		struct stat st;
		if (stat(p, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			walk_dir(p, w);
			continue;
		}
		/* Interfaces files and fixtures; not the expectations beside them. */
		const char *dot = strrchr(de->d_name, '.');
		if (dot && (!strcmp(dot, ".json") || !strcmp(dot, ".tsv") || !strcmp(dot, ".md") ||
		            !strcmp(dot, ".txt") || !strcmp(dot, ".out") || !strcmp(dot, ".sh")))
			continue;
		if (!S_ISREG(st.st_mode) || st.st_size > (4 << 20))
			continue;
		w->files++;
		w->split += same_both_ways(p, NULL);
	}
	closedir(d);
}

static void test_every_file(void **state)
{
	(void)state;
	struct walk w = {0};
	walk_dir(IFCC_SRCDIR "/tests/data", &w);
	walk_dir(IFCC_SRCDIR "/tests/golden", &w);
	walk_dir(IFCC_SRCDIR "/examples", &w);
	printf("split: %zu files read both ways, %zu of them cut in two\n", w.files, w.split);
	assert_true(w.files > 100);
	assert_true(w.split > 50);
}

/* A growing text buffer for the synthetic files. */
struct buf {
	char *s;
	size_t n, cap;
};

static void put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[512];
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	if (b->n + (size_t)n + 1 > b->cap) {
		b->cap = (b->n + (size_t)n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->n, tmp, (size_t)n + 1);
	b->n += (size_t)n;
}

static void filler(struct buf *b, unsigned from, unsigned to)
{
	for (unsigned k = from; k < to; k++)
		put(b,
		    "auto vlan%u\niface vlan%u\n    address 10.%u.%u.2/24\n    vlan-id %u\n"
		    "    vlan-raw-device br0\n\n",
		    k, k, k / 256, k % 256, k);
}

static void check_split(struct buf *b)
{
	assert_true(same_both_ways("synthetic", b->s));
	free(b->s);
}

/* auto/allow lines of the first half naming stanzas of the second, and late ones. */
static void test_reading_state(void **state)
{
	(void)state;
	struct buf b = {0};
	put(&b, "auto swp1 swp[5-7]\nallow-hotplug swp2 swp3\nallow-ovs swp3\n\n"
	        "iface late0\n    mtu 9000\n\niface br0\n    bridge-ports swp1\n\n");
	filler(&b, 2, 60);
	put(&b, "allow-hotplug swp3\n\niface swp1\n    mtu 9000\n\niface swp2\n\niface swp3\n\n"
	        "iface swp[5-7]\n    mtu 1500\n\nauto late0 late1\n\niface late1\n\n"
	        "auto swp2\n\niface swp2\n    alias again\n\n");
	check_split(&b);

	struct buf c = {0};
	put(&c, "auto all\n\n");
	filler(&c, 2, 60);
	put(&c, "iface x1\n\niface x2\n    mtu 1500\n\n");
	check_split(&c);
}

/* The bound on names from `auto` ranges counts both halves. */
static void test_auto_range_bound(void **state)
{
	(void)state;
	struct buf b = {0};
	put(&b, "auto a[1-40000]\n\n");
	filler(&b, 2, 60);
	put(&b, "auto b[1-20000]\n\nauto c[1-10000]\n\nauto d[1-2]\n\n");
	filler(&b, 60, 70);
	check_split(&b);

	/* Over the bound inside the second half alone. */
	struct buf c = {0};
	filler(&c, 2, 60);
	put(&c, "auto e[1-60000]\n\nauto f[1-10000]\n\nauto g[1-3]\n\n");
	check_split(&c);
}

/* Duplicate stanzas across the cut; errors at the first half's end; a continuation or a
 * comment ending in a backslash before the blank line forbids a cut there. */
static void test_edges(void **state)
{
	(void)state;
	struct buf b = {0};
	put(&b, "auto dup\niface dup\n    mtu 9000\n\n");
	filler(&b, 2, 40);
	put(&b, "iface broken\n    mtu\n\n");
	put(&b, "auto dup\niface dup\n    mtu 9000\n\n");
	filler(&b, 40, 80);
	check_split(&b);

	struct buf c = {0};
	filler(&c, 2, 40);
	put(&c, "iface y\n    alias a \\\n\n");
	put(&c, "# a comment \\\n\n");
	put(&c, "iface z\n    bridge-ports swp1 \\\n    swp2\n\n");
	filler(&c, 40, 80);
	put(&c, "iface w\n    mtu 1500");
	check_split(&c);

	/* A `source` line in the second half: that half is read after the first. */
	struct buf d = {0};
	put(&d, "auto all\n\n");
	filler(&d, 2, 60);
	put(&d, "  source /nonexistent/ifcc-split-test/*\n\nsource-directory /nonexistent/d\n\n");
	filler(&d, 60, 70);
	check_split(&d);
}

/* The rules of a big configuration run on two threads; their diagnostics must come in
 * the order of one pass (VRR, the graph's interfaces, cycles, bridge VLANs and
 * addresses, MLAG). */
static void test_rule_order(void **state)
{
	(void)state;
	struct buf b = {0};
	filler(&b, 2, 40);
	put(&b, "iface swp1\n    address-virtual 00:00:5e:00:01:01 10.9.8.1/24\n\n");
	put(&b, "iface br0\n    bridge-ports swp2\n    mtu 1500\n\n");
	put(&b, "iface vlan7\n    vlan-raw-device br0\n    vlan-id 7\n    mtu 9000\n\n");
	put(&b, "iface bond1\n    bond-slaves bond2\n    clag-id 5\n\n");
	put(&b, "iface bond2\n    bond-slaves bond1\n    clag-id 5\n\n");
	put(&b, "iface swp3\n    address 10.9.9.1/24\n\niface swp4\n    address 10.9.9.1/24\n\n");
	put(&b, "iface br1\n    bridge-ports swp5\n    bridge-vlan-aware yes\n\n");
	put(&b, "iface swp5\n    bridge-access 10\n    bridge-vids 20\n\n");
	filler(&b, 40, 80);
	check_split(&b);
}

/* The number of diagnostics of `rule` in one read of text (split_min as in read_all). */
static size_t count_rule(const char *text, size_t split_min, const char *rule)
{
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	cfg.limits.split_min = split_min;
	assert_int_equal(ifcc_load_buffer(&cfg, "synthetic", text, strlen(text)), 0);
	ifcc_check_ast(&cfg);
	size_t n = 0;
	for (size_t k = 0; k < cfg.diags.list.n; k++)
		n += !strcmp(((const struct ifcc_diag *)cfg.diags.list.v[k])->rule, rule);
	ifcc_config_free(&cfg);
	return n;
}

/* A file of the three parts before, a filler cut in two, after: `want` late-auto warnings
 * one scan and two halves, and the same reading both ways. */
static void check_late_autos(const char *before, const char *after, size_t want)
{
	struct buf b = {0};
	put(&b, "%s", before);
	filler(&b, 2, 60);
	put(&b, "%s", after);
	assert_int_equal(count_rule(b.s, SIZE_MAX, "auto-after-iface"), want);
	assert_int_equal(count_rule(b.s, 0, "auto-after-iface"), want);
	check_split(&b);
}

/*
 * The late-auto check looks only at the `auto` words that named a stanza already when
 * read, or at every word when a second half's `auto` names a first-half stanza: each
 * way must find what a look at every word finds, one scan or two halves.
 */
static void test_late_auto(void **state)
{
	(void)state;
	/* Late in the first half (x0), in the second half of a second-half stanza (y0);
	 * early ones (x1, y1), a name without a stanza (none). */
	check_late_autos("iface x0\n\nauto x0 x1 none\n\niface x1\n\n",
			 "iface y0\n    mtu 1500\n\nauto y0 y1\n\niface y1\n\n", 2);
	/* `auto all` after a stanza named all (every later stanza is auto). */
	check_late_autos("iface all\n\nauto all\n\n", "iface w0\n\nauto w0\n\n", 1);
	/* A second-half `auto` naming a first-half stanza, and a second one of it (once). */
	check_late_autos("iface z0\n\n", "auto z0\n\nauto z0\n\n", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_file),
	    cmocka_unit_test(test_reading_state),
	    cmocka_unit_test(test_auto_range_bound),
	    cmocka_unit_test(test_edges),
	    cmocka_unit_test(test_rule_order),
	    cmocka_unit_test(test_late_auto),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
