/*
 * `source` and `source-directory` on real files: path resolution, glob order, missing
 * files, loops, depth limit, the include chain, and directories named by `source`.
 * Every test builds its own folder under /tmp and removes it at the end.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit_helpers.h"

struct fixture {
	struct ifcc_config cfg;
	char dir[64];
	char cwd[PATH_MAX];
	char buf[4][PATH_MAX];
	unsigned nbuf;
};

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int fx_setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	if (!fx)
		return -1;
	strcpy(fx->dir, "/tmp/ifcc-unit-XXXXXX");
	if (!mkdtemp(fx->dir) || !getcwd(fx->cwd, sizeof(fx->cwd))) {
		free(fx);
		return -1;
	}
	ifcc_config_init(&fx->cfg);
	*state = fx;
	return 0;
}

static int fx_teardown(void **state)
{
	struct fixture *fx = *state;
	int r = 0;
	ifcc_config_free(&fx->cfg);
	if (chdir(fx->cwd) < 0)
		r = -1;
	if (nftw(fx->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		r = -1;
	free(fx);
	return r;
}

#define FX_TEST(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)

/* dir/rel, in one of a few rotating buffers. */
static const char *at(struct fixture *fx, const char *rel)
{
	char *b = fx->buf[fx->nbuf++ % 4];
	snprintf(b, PATH_MAX, "%s/%s", fx->dir, rel);
	return b;
}

static void mkdirs(struct fixture *fx, const char *rel)
{
	char p[PATH_MAX];
	snprintf(p, sizeof(p), "%s/%s", fx->dir, rel);
	for (char *s = p + strlen(fx->dir) + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		assert_true(mkdir(p, 0700) == 0 || errno == EEXIST);
		*s = '/';
	}
	assert_true(mkdir(p, 0700) == 0 || errno == EEXIST);
}

/* Writes dir/rel, creating its folders. */
static void put(struct fixture *fx, const char *rel, const char *text)
{
	const char *slash = strrchr(rel, '/');
	if (slash) {
		char d[PATH_MAX];
		snprintf(d, sizeof(d), "%.*s", (int)(slash - rel), rel);
		mkdirs(fx, d);
	}
	FILE *f = fopen(at(fx, rel), "w");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static struct ifcc_config *load(struct fixture *fx, const char *rel)
{
	assert_int_equal(ifcc_load_file(&fx->cfg, at(fx, rel)), 0);
	return &fx->cfg;
}

static const struct ifcc_file *file(const struct ifcc_config *cfg, size_t i)
{
	assert_true(i < cfg->ast.files.n);
	return cfg->ast.files.v[i];
}

static void test_relative_to_including_file(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "auto a b\n"
			      "source sub/a.intf\n");
	put(fx, "sub/a.intf", "iface a\n"
			      "source b.intf\n");
	put(fx, "sub/b.intf", "iface b\n");
	/* Decoys: what a CWD-relative reading would find. */
	put(fx, "b.intf", "iface wrong\n");
	mkdirs(fx, "elsewhere/sub");
	put(fx, "elsewhere/sub/a.intf", "iface wrong\n");
	assert_int_equal(chdir(at(fx, "elsewhere")), 0);

	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nitems(cfg), 5);
	assert_int_equal(item(cfg, 1)->kind, AST_ITEM_SOURCE);
	assert_string_equal(word(item(cfg, 1), 0)->text, "sub/a.intf");
	assert_loc(word(item(cfg, 1), 0)->loc, 2, 8, 2, 17);
	assert_int_equal(item(cfg, 1)->files.n, 1);
	assert_ptr_equal(item(cfg, 1)->files.v[0], file(cfg, 1));
	assert_int_equal(cfg->ast.files.n, 3);
	assert_string_equal(file(cfg, 1)->path, at(fx, "sub/a.intf"));
	assert_string_equal(file(cfg, 2)->path, at(fx, "sub/b.intf"));

	/* Sourced stanzas come inline, where the source line stands. */
	assert_int_equal(item(cfg, 2)->kind, AST_ITEM_STANZA);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_string_equal(st->name, "a");
	assert_ptr_equal(st->name_loc.file, file(cfg, 1));
	assert_loc(st->name_loc, 1, 7, 1, 7);
	/* auto state carries into sourced files. */
	assert_true(st->is_auto);
	assert_int_equal(item(cfg, 3)->kind, AST_ITEM_SOURCE);
	st = stanza(cfg, 1);
	assert_string_equal(st->name, "b");
	assert_true(st->is_auto);
	assert_ptr_equal(st->name_loc.file, file(cfg, 2));
}

static void test_relative_top_path(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "source sub/a.intf\n");
	put(fx, "sub/a.intf", "source b.intf\n");
	put(fx, "sub/b.intf", "iface b\n");
	assert_int_equal(chdir(fx->dir), 0);
	assert_int_equal(ifcc_load_file(&fx->cfg, "interfaces"), 0);
	struct ifcc_config *cfg = &fx->cfg;
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(cfg->ast.files.n, 3);
	assert_string_equal(file(cfg, 0)->path, "interfaces");
	assert_string_equal(file(cfg, 1)->path, "sub/a.intf");
	assert_string_equal(file(cfg, 2)->path, "sub/b.intf");
	assert_int_equal(nstanzas(cfg), 1);
}

static void test_glob_sorted(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "source d/*.intf\n"
			      "iface last\n");
	put(fx, "d/c.intf", "iface c\n");
	put(fx, "d/a.intf", "iface a\n");
	put(fx, "d/B.intf", "iface B\n");
	put(fx, "d/b.intf", "iface b\n");
	put(fx, "d/x.txt", "iface x\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nstanzas(cfg), 5);
	static const char *const order[] = {"B", "a", "b", "c", "last"};
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(stanza(cfg, i)->name, order[i]);
	const struct ast_item *it = item(cfg, 0);
	assert_int_equal(it->files.n, 4);
	assert_string_equal(((const struct ifcc_file *)it->files.v[0])->path, at(fx, "d/B.intf"));
	assert_string_equal(((const struct ifcc_file *)it->files.v[3])->path, at(fx, "d/c.intf"));
}

static void test_missing_file_warns(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "iface x\n"
			      "source nothere.intf\n"
			      "source what?.intf\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	/* Only a pattern with '*' may match nothing silently. */
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "source-missing");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_WARNING);
	assert_ptr_equal(diag(cfg, 0)->loc.file, file(cfg, 0));
	assert_loc(diag(cfg, 0)->loc, 2, 8, 2, 19);
	assert_non_null(strstr(diag(cfg, 0)->message, at(fx, "nothere.intf")));
	assert_string_equal(diag(cfg, 1)->rule, "source-missing");
	assert_loc(diag(cfg, 1)->loc, 3, 8, 3, 17);
	assert_int_equal(item(cfg, 1)->files.n, 0);
	assert_int_equal(cfg->ast.files.n, 1);
}

static void test_glob_no_match_silent(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "source nothere/*.intf\n"
			      "source none-*.cfg\n"
			      "source /nonexistent-ifcc-dir/*\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nitems(cfg), 3);
	assert_int_equal(cfg->ast.files.n, 1);
}

static void test_loop(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "iface top\n"
			      "source a.intf\n");
	put(fx, "a.intf", "iface a\n"
			  "  source interfaces\n"
			  "iface a2\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_one_diag(cfg, "source-loop", IFCC_ERROR);
	const struct ifcc_diag *g = diag(cfg, 0);
	assert_ptr_equal(g->loc.file, file(cfg, 1));
	assert_loc(g->loc, 2, 10, 2, 19);
	/* One note: where a.intf was read from. */
	assert_int_equal(g->related.n, 1);
	const struct ifcc_related *r = g->related.v[0];
	assert_ptr_equal(r->loc.file, file(cfg, 0));
	assert_int_equal(r->loc.line, 2);
	assert_int_equal(r->loc.col, 8); /* the path of the source line */
	/* Nothing is read twice; reading goes on after the loop. */
	assert_int_equal(cfg->ast.files.n, 2);
	assert_int_equal(nstanzas(cfg), 3);
	assert_string_equal(stanza(cfg, 2)->name, "a2");
}

static void test_self_loop(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "source self.intf\n");
	put(fx, "self.intf", "iface s\n"
			     "source ./self.intf\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_one_diag(cfg, "source-loop", IFCC_ERROR);
	assert_ptr_equal(diag(cfg, 0)->loc.file, file(cfg, 1));
	assert_int_equal(diag(cfg, 0)->loc.line, 2);
	assert_int_equal(diag(cfg, 0)->related.n, 1);
	assert_int_equal(nstanzas(cfg), 1);
}

static void test_source_directory_sorted(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "source-directory d\n"
			      "source-directory missing.d\n");
	put(fx, "d/30-c", "iface c\n");
	put(fx, "d/10-a", "iface a\n");
	put(fx, "d/20-b.cfg", "iface b\n");
	put(fx, "d/sub/40-d", "iface d\n"); /* folders inside are not read */
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_one_diag(cfg, "source-missing", IFCC_WARNING);
	assert_loc(diag(cfg, 0)->loc, 2, 18, 2, 26);
	assert_int_equal(nstanzas(cfg), 3);
	assert_string_equal(stanza(cfg, 0)->name, "a");
	assert_string_equal(stanza(cfg, 1)->name, "b");
	assert_string_equal(stanza(cfg, 2)->name, "c");
	assert_int_equal(item(cfg, 0)->kind, AST_ITEM_SOURCE);
	assert_int_equal(item(cfg, 0)->files.n, 3);
	assert_string_equal(((const struct ifcc_file *)item(cfg, 0)->files.v[1])->path,
			    at(fx, "d/20-b.cfg"));
	assert_int_equal(file(cfg, 1)->parent_line, 1);
	assert_int_equal(file(cfg, 1)->depth, 1);
}

static void test_depth_limit(void **state)
{
	struct fixture *fx = *state;
	fx->cfg.limits.max_depth = 2;
	put(fx, "interfaces", "iface l0\nsource l1\n");
	put(fx, "l1", "iface l1\nsource l2\n");
	put(fx, "l2", "iface l2\n   source l3\n");
	put(fx, "l3", "iface l3\nsource l4\n");
	put(fx, "l4", "iface l4\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_one_diag(cfg, "source-depth", IFCC_ERROR);
	assert_ptr_equal(diag(cfg, 0)->loc.file, file(cfg, 2));
	assert_loc(diag(cfg, 0)->loc, 2, 11, 2, 12);
	assert_int_equal(cfg->ast.files.n, 3);
	assert_int_equal(file(cfg, 2)->depth, 2);
	assert_int_equal(nstanzas(cfg), 3);
	assert_string_equal(stanza(cfg, 2)->name, "l2");
}

static void test_include_chain(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "# top\n"
			      "source a.intf\n");
	put(fx, "a.intf", "iface a\n"
			  "\n"
			  "  source b.intf\n");
	put(fx, "b.intf", "iface b\n"
			  "  mtu\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_int_equal(cfg->ast.files.n, 3);
	const struct ifcc_file *top = file(cfg, 0), *a = file(cfg, 1), *b = file(cfg, 2);
	assert_null(top->parent);
	assert_int_equal(top->depth, 0);
	assert_ptr_equal(a->parent, top);
	assert_int_equal(a->parent_line, 2);
	assert_int_equal(a->parent_col, 8);
	assert_int_equal(a->depth, 1);
	assert_ptr_equal(b->parent, a);
	assert_int_equal(b->parent_line, 3);
	assert_int_equal(b->parent_col, 10);
	assert_int_equal(b->depth, 2);

	assert_one_diag(cfg, "missing-value", IFCC_ERROR);
	assert_ptr_equal(diag(cfg, 0)->loc.file, b);
	assert_loc(diag(cfg, 0)->loc, 2, 3, 2, 5);

	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_non_null(f);
	diags_render_text(&cfg->diags, f, false);
	fclose(f);
	char want[4 * PATH_MAX];
	snprintf(want, sizeof(want),
		 "In file included from %s:3:10:\n"
		 "In file included from %s:2:8:\n"
		 "%s:2:3: error: ",
		 at(fx, "a.intf"), at(fx, "interfaces"), at(fx, "b.intf"));
	int same = len >= strlen(want) && !memcmp(out, want, strlen(want));
	if (!same)
		fprintf(stderr, "got:\n%s\nwant prefix:\n%s\n", out, want);
	free(out);
	assert_true(same);
}

static void test_source_names_directory(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "iface x\n"
			      "source sub\n");
	put(fx, "sub/a.intf", "iface a\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	assert_one_diag(cfg, "file-unreadable", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 2, 8, 2, 10);
	assert_non_null(strstr(diag(cfg, 0)->message, "directory"));
	assert_int_equal(item(cfg, 1)->files.n, 1);
	assert_null(((const struct ifcc_file *)item(cfg, 1)->files.v[0])->text);
	assert_int_equal(nstanzas(cfg), 1);
}

static void test_top_file_missing(void **state)
{
	struct fixture *fx = *state;
	assert_int_equal(ifcc_load_file(&fx->cfg, at(fx, "nothere")), -ENOENT);
	assert_one_diag(&fx->cfg, "file-unreadable", IFCC_ERROR);
	assert_int_equal(nitems(&fx->cfg), 0);
}

static void test_state_across_files(void **state)
{
	struct fixture *fx = *state;
	put(fx, "interfaces", "auto a\n"
			      "iface b\n"
			      "source x.intf\n"
			      "    mtu 9000\n"
			      "iface b\n");
	put(fx, "x.intf", "allow-hotplug b\n"
			  "iface a\n");
	struct ifcc_config *cfg = load(fx, "interfaces");
	/* The stanza of x.intf does not run on into the including file. */
	assert_one_diag(cfg, "attr-outside-stanza", IFCC_ERROR);
	assert_ptr_equal(diag(cfg, 0)->loc.file, file(cfg, 0));
	assert_int_equal(diag(cfg, 0)->loc.line, 4);
	assert_int_equal(stanza(cfg, 1)->attrs.n, 0);
	assert_true(stanza(cfg, 1)->is_auto);
	assert_int_equal(stanza(cfg, 0)->classes.n, 0);
	assert_int_equal(stanza(cfg, 2)->classes.n, 1);
	assert_string_equal(stanza(cfg, 2)->classes.v[0], "hotplug");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		FX_TEST(test_relative_to_including_file),
		FX_TEST(test_relative_top_path),
		FX_TEST(test_glob_sorted),
		FX_TEST(test_missing_file_warns),
		FX_TEST(test_glob_no_match_silent),
		FX_TEST(test_loop),
		FX_TEST(test_self_loop),
		FX_TEST(test_source_directory_sorted),
		FX_TEST(test_depth_limit),
		FX_TEST(test_include_chain),
		FX_TEST(test_source_names_directory),
		FX_TEST(test_top_file_missing),
		FX_TEST(test_state_across_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
