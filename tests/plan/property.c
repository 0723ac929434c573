/*
 * Property test of the planner over real configurations: for a pair (A, B), the plan A → B
 * carried out in memory on A's state (ifcc_plan_apply_state, which models the kernel's
 * side effects) gives B's state, and planning B against that result gives no op. Every op
 * names a source line.
 *
 * Pairs: every ordered pair of lab files, each lab and corpus file from and to an empty
 * file, and 100 pseudo-random corpus pairs (fixed seed). Usage: test-plan-property DATA_DIR
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/plan.h"
#include "ifcc/state.h"

#define MAX_FILES 256

struct input {
	char *path;
	struct ifcc_config cfg;
	struct ifcc_state *s;
};

static bool str_eq(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Every link of B is in R as B configures it; R's other links are physical. */
static const char *links_match(const struct ifcc_state *r, const struct ifcc_state *b)
{
	for (size_t k = 0; k < b->links.n; k++) {
		const struct ifcc_link *want = &b->links.v[k];
		const struct ifcc_link *got = ifcc_state_find_link(r, want->name);
		if (!got)
			return want->name;
		struct ifcc_link w = *want;
		if (w.kind == LK_VRF && w.u.vrf.table == 0 && got->kind == LK_VRF)
			w.u.vrf.table = got->u.vrf.table; /* vrf-table auto */
		if (w.kind == LK_PHYSICAL)
			w.kind = got->kind;
		if (ifcc_link_compare(&w, got) & w.set)
			return want->name;
	}
	for (size_t k = 0; k < r->links.n; k++)
		if (r->links.v[k].kind != LK_PHYSICAL && !ifcc_state_find_link(b, r->links.v[k].name))
			return r->links.v[k].name;
	return NULL;
}

#define SAME_SET(x, y, keycmp, same)                                                               \
	do {                                                                                       \
		if ((x).n != (y).n)                                                                \
			return #x " count";                                                        \
		for (size_t k_ = 0; k_ < (x).n; k_++)                                              \
			if (keycmp(&(x).v[k_], &(y).v[k_]) || !same(&(x).v[k_], &(y).v[k_]))       \
				return #x;                                                         \
	} while (0)

static const char *objects_match(const struct ifcc_state *r, const struct ifcc_state *b)
{
	SAME_SET(r->addresses, b->addresses, ifcc_address_key_cmp, ifcc_address_same);
	SAME_SET(r->bridge_vlans, b->bridge_vlans, ifcc_bridge_vlan_key_cmp, ifcc_bridge_vlan_same);
	SAME_SET(r->fdb, b->fdb, ifcc_fdb_key_cmp, ifcc_fdb_same);
	SAME_SET(r->routes, b->routes, ifcc_route_key_cmp, ifcc_route_same);
	/* sysctls are set, never removed: B's are in R with B's values */
	for (size_t k = 0; k < b->sysctls.n; k++) {
		const struct ifcc_sysctl *w = &b->sysctls.v[k];
		bool found = false;
		for (size_t j = 0; j < r->sysctls.n && !found; j++)
			found = str_eq(r->sysctls.v[j].name, w->name) &&
			        str_eq(r->sysctls.v[j].value, w->value);
		if (!found)
			return w->name;
	}
	/* rules are added or moved, never removed: B's are in R */
	for (size_t k = 0; k < b->rules.n; k++) {
		bool found = false;
		for (size_t j = 0; j < r->rules.n && !found; j++)
			found = !ifcc_fib_rule_key_cmp(&r->rules.v[j], &b->rules.v[k]) &&
			        ifcc_fib_rule_same(&r->rules.v[j], &b->rules.v[k]);
		if (!found)
			return "a rule";
	}
	return NULL;
}

#define COPY(dst, src, adder)                                                                      \
	for (size_t k_ = 0; k_ < (src).n; k_++)                                                    \
		*adder(s) = (src).v[k_];

/* A's state on a machine that has B's physical ports too (as the kernel made them). */
static struct ifcc_state *with_ports(struct arena *ar, const struct ifcc_state *a,
                                     const struct ifcc_state *b)
{
	struct ifcc_state *s = ifcc_state_new(ar);
	COPY(s->links, a->links, ifcc_state_add_link);
	COPY(s->addresses, a->addresses, ifcc_state_add_address);
	COPY(s->bridge_vlans, a->bridge_vlans, ifcc_state_add_bridge_vlan);
	COPY(s->fdb, a->fdb, ifcc_state_add_fdb);
	COPY(s->routes, a->routes, ifcc_state_add_route);
	COPY(s->sysctls, a->sysctls, ifcc_state_add_sysctl);
	COPY(s->rules, a->rules, ifcc_state_add_fib_rule);
	for (size_t k = 0; k < b->links.n; k++)
		if (b->links.v[k].kind == LK_PHYSICAL && !ifcc_state_find_link(a, b->links.v[k].name))
			*ifcc_state_add_link(s) = (struct ifcc_link){.name = b->links.v[k].name};
	ifcc_state_sort(s);
	return s;
}

/* 0 when the pair holds the property; else 1 with a message. */
static int check_pair(const struct input *a_in, const struct input *b)
{
	struct arena ar;
	struct ifcc_diags d;
	arena_init(&ar);
	diags_init(&d, &ar);
	struct input a_ports = *a_in, *a = &a_ports;
	a_ports.s = with_ports(&ar, a_in->s, b->s);
	struct ifcc_plan p, again;
	struct ifcc_plan_opts o = {.owned = a_in->s};
	struct ifcc_state *r = NULL;
	size_t failed = 0;
	const char *why = NULL;
	int fail = 1;
	if (ifcc_plan_build(&ar, b->s, a->s, &o, &p, &d) < 0) {
		why = "out of memory";
		goto out;
	}
	if (d.errors) {
		/* a physical link turned into a created one: the plan refuses, rightly */
		fail = -1;
		goto out;
	}
	for (size_t k = 0; k < p.n; k++)
		if (!p.v[k].source.file) {
			fprintf(stderr, "  op %zu (%s %s) has no source\n", k, ifcc_op_name(p.v[k].kind),
			        p.v[k].ifname ? p.v[k].ifname : "");
			why = "an op without a source line";
			goto out;
		}
	int rc = ifcc_plan_apply_state(&ar, a->s, &p, &r, &failed);
	if (rc < 0) {
		fprintf(stderr, "  op %zu (%s %s) is refused\n", failed,
		        ifcc_op_name(p.v[failed].kind), p.v[failed].ifname ? p.v[failed].ifname : "");
		why = "the kernel would refuse an op";
		goto out;
	}
	const char *bad = links_match(r, b->s);
	if (bad) {
		fprintf(stderr, "  link %s\n", bad);
		why = "a link differs from the target";
		goto out;
	}
	if ((bad = objects_match(r, b->s))) {
		fprintf(stderr, "  %s\n", bad);
		why = "objects differ from the target";
		goto out;
	}
	struct ifcc_plan_opts o2 = {.owned = r};
	if (ifcc_plan_build(&ar, b->s, r, &o2, &again, &d) < 0 || again.n) {
		if (again.n)
			ifcc_plan_write_text(&again, stderr);
		why = "planning again gives ops";
		goto out;
	}
	fail = 0;
out:
	if (fail > 0)
		fprintf(stderr, "FAIL %s -> %s: %s\n", a->path, b->path, why);
	arena_free(&ar);
	return fail;
}

static bool load(struct input *in, const char *path)
{
	in->path = strdup(path);
	ifcc_config_init(&in->cfg);
	struct ifcc_model *m = ifcc_load_file(&in->cfg, path) < 0 ? NULL : ifcc_lower(&in->cfg);
	in->s = m && !in->cfg.diags.errors ? ifcc_realise(&in->cfg, m) : NULL;
	if (!in->s) { /* a file with errors gives no plan: not a pair member */
		ifcc_config_free(&in->cfg);
		free(in->path);
	}
	return in->s != NULL;
}

struct tally {
	int pairs, fails, refused;
};

static void run(struct tally *t, const struct input *a, const struct input *b)
{
	int r = check_pair(a, b);
	t->pairs++;
	t->fails += r > 0;
	t->refused += r < 0;
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: test-plan-property DATA_DIR\n", stderr);
		return 2;
	}
	static struct input in[MAX_FILES];
	size_t nlab = 0, n = 0;
	char pat[8192], line[2048];
	glob_t g;
	snprintf(pat, sizeof(pat), "%s/lab/*/interfaces", argv[1]);
	if (glob(pat, 0, NULL, &g) == 0) {
		for (size_t k = 0; k < g.gl_pathc && n < MAX_FILES; k++)
			n += load(&in[n], g.gl_pathv[k]);
		globfree(&g);
	}
	nlab = n;
	snprintf(pat, sizeof(pat), "%s/corpus/INDEX.tsv", argv[1]);
	FILE *idx = fopen(pat, "r");
	if (!idx) {
		perror(pat);
		return 1;
	}
	for (int first = 1; fgets(line, sizeof(line), idx) && n < MAX_FILES; first = 0) {
		line[strcspn(line, "\t\n")] = '\0';
		if (first || !*line)
			continue;
		snprintf(pat, sizeof(pat), "%s/corpus/%s", argv[1], line);
		n += load(&in[n], pat);
	}
	fclose(idx);
	struct input empty = {.path = "(empty)"};
	ifcc_config_init(&empty.cfg);
	if (ifcc_load_buffer(&empty.cfg, "(empty)", "", 0) < 0 ||
	    !(empty.s = ifcc_realise(&empty.cfg, ifcc_lower(&empty.cfg)))) {
		fputs("cannot realise an empty file\n", stderr);
		return 1;
	}
	struct tally t = {0};
	for (size_t i = 0; i < nlab; i++)
		for (size_t j = 0; j < nlab; j++)
			run(&t, &in[i], &in[j]);
	for (size_t i = 0; i < n; i++) {
		run(&t, &empty, &in[i]);
		run(&t, &in[i], &empty);
	}
	unsigned long seed = 20261126;
	for (int k = 0; k < 100 && n > nlab + 1; k++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		size_t i = nlab + (seed >> 33) % (n - nlab);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		size_t j = nlab + (seed >> 33) % (n - nlab);
		run(&t, &in[i], &in[j]);
	}
	printf("%zu files (%zu lab), %d pairs: %d hold, %d refused by the planner, %d fail\n", n,
	       nlab, t.pairs, t.pairs - t.fails - t.refused, t.refused, t.fails);
	for (size_t i = 0; i < n; i++) {
		ifcc_config_free(&in[i].cfg);
		free(in[i].path);
	}
	ifcc_config_free(&empty.cfg);
	return t.fails || t.pairs < 100 || t.refused > t.pairs / 10 ? 1 : 0;
}
