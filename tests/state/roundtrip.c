/*
 * JSON round trip of realised states: for every lab file and every corpus file of
 * INDEX.tsv, realise, write, read back, write again; the two texts must be identical.
 * Also: every name the realised state refers to is one of its links.
 * Usage: test-state-roundtrip DATA_DIR
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/state.h"

/* The state written as JSON into a malloc'd string (NULL on failure). */
static char *to_json(const struct ifcc_state *s, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);
	if (!f)
		return NULL;
	int r = ifcc_state_write_json(s, f);
	fclose(f);
	if (r < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* Every name an object refers to is a link of the state: the planner can rely on it. */
static int names_links(const char *path, const struct ifcc_state *s)
{
	const char *bad = NULL;
	for (size_t k = 0; k < s->links.n && !bad; k++) {
		const struct ifcc_link *l = &s->links.v[k];
		if (l->master && !ifcc_state_find_link(s, l->master))
			bad = l->master;
		if (l->kind == LK_VLAN && l->u.vlan.lower &&
		    !ifcc_state_find_link(s, l->u.vlan.lower))
			bad = l->u.vlan.lower;
		if (l->kind == LK_MACVLAN && !ifcc_state_find_link(s, l->u.macvlan.lower))
			bad = l->u.macvlan.lower;
	}
	for (size_t k = 0; k < s->addresses.n && !bad; k++)
		if (!ifcc_state_find_link(s, s->addresses.v[k].ifname))
			bad = s->addresses.v[k].ifname;
	for (size_t k = 0; k < s->bridge_vlans.n && !bad; k++)
		if (!ifcc_state_find_link(s, s->bridge_vlans.v[k].ifname))
			bad = s->bridge_vlans.v[k].ifname;
	for (size_t k = 0; k < s->fdb.n && !bad; k++)
		if (!ifcc_state_find_link(s, s->fdb.v[k].ifname))
			bad = s->fdb.v[k].ifname;
	for (size_t k = 0; k < s->routes.n && !bad; k++)
		if (s->routes.v[k].dev && !ifcc_state_find_link(s, s->routes.v[k].dev))
			bad = s->routes.v[k].dev;
	if (bad)
		fprintf(stderr, "FAIL %s: '%s' is named but is no link\n", path, bad);
	return bad != NULL;
}

/* 0 when the round trip of `path` is exact, else 1 with a message. */
static int check(const char *path)
{
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	int fail = 1;
	char *one = NULL, *two = NULL;
	size_t n1 = 0, n2 = 0;
	struct arena a;
	struct ifcc_diags d;
	arena_init(&a);
	diags_init(&d, &a);
	struct ifcc_model *m = ifcc_load_file(&cfg, path) < 0 ? NULL : ifcc_lower(&cfg);
	struct ifcc_state *s = m ? ifcc_realise(&cfg, m) : NULL, *back = NULL;
	if (!s) {
		fprintf(stderr, "FAIL %s: cannot realise\n", path);
		goto out;
	}
	if (names_links(path, s))
		goto out;
	one = to_json(s, &n1);
	FILE *in = one ? fmemopen(one, n1, "r") : NULL;
	if (!in) {
		fprintf(stderr, "FAIL %s: cannot write\n", path);
		goto out;
	}
	int r = ifcc_state_read_json(&a, in, &back, &d);
	fclose(in);
	if (r < 0) {
		fprintf(stderr, "FAIL %s: cannot read back (%d)\n", path, r);
		diags_render_text(&d, stderr, false);
		goto out;
	}
	two = to_json(back, &n2);
	if (!two || n1 != n2 || memcmp(one, two, n1)) {
		fprintf(stderr, "FAIL %s: the second write differs from the first\n", path);
		goto out;
	}
	fail = 0;
out:
	free(one);
	free(two);
	arena_free(&a);
	ifcc_config_free(&cfg);
	return fail;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: test-state-roundtrip DATA_DIR\n", stderr);
		return 2;
	}
	char pat[8192], line[2048];
	int fails = 0, files = 0;
	glob_t g;
	snprintf(pat, sizeof(pat), "%s/lab/*/interfaces", argv[1]);
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc; k++, files++)
			fails += check(g.gl_pathv[k]);
		globfree(&g);
	}
	snprintf(pat, sizeof(pat), "%s/corpus/INDEX.tsv", argv[1]);
	FILE *idx = fopen(pat, "r");
	if (!idx) {
		perror(pat);
		return 1;
	}
	for (int first = 1; fgets(line, sizeof(line), idx); first = 0) {
		line[strcspn(line, "\t\n")] = '\0';
		if (first || !*line)
			continue; /* header */
		snprintf(pat, sizeof(pat), "%s/corpus/%s", argv[1], line);
		fails += check(pat);
		files++;
	}
	fclose(idx);
	printf("%d files, %d failures\n", files, fails);
	return fails || files < 10 ? 1 : 0;
}
