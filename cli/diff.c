/*
 * ifcc diff: what applying a configuration would change, planned against an older
 * configuration or a state snapshot, without a kernel. Exit 0: nothing to do; 1: a plan;
 * 2: an error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/netlink.h"
#include "ifcc/plan.h"
#include "ifcc/state.h"

#define DEFAULT_FILE "/etc/network/interfaces"

struct diff_opts {
	const char *file, *old_config, *snapshot;
	enum plan_format format;
	bool all;
	char **ifaces;
	size_t nifaces;
};

static void diff_usage(FILE *out)
{
	fputs("usage: ifcc diff [-i FILE] [-a | IFACE...] [--against-config OLD |\n"
	      "                 --against-state SNAPSHOT.json] [--format=text|ip|json]\n"
	      "  the operations that turn what OLD configured (or what SNAPSHOT holds, or by\n"
	      "  default the running kernel) into what FILE asks for, in the order apply runs\n"
	      "  them, each with the line that causes it\n"
	      "  text   per interface: + added, - removed, ~ changed\n"
	      "  ip     a shell script of ip -batch, bridge -batch and sysctl steps\n"
	      "  json   {\"ops\":[{\"op\", \"ifname\", ..., \"source\"}]}\n"
	      "  exit status: 0 nothing to do, 1 there is a plan, 2 error\n",
	      out);
}

/* Returns -1 to go on, else the exit status. */
static int parse_opts(int argc, char **argv, struct diff_opts *o)
{
	static const struct option opts[] = {
	    {"interfaces", required_argument, NULL, 'i'},
	    {"all", no_argument, NULL, 'a'},
	    {"against-config", required_argument, NULL, 'c'},
	    {"against-state", required_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:ah", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			o->file = optarg;
			break;
		case 'a':
			o->all = true;
			break;
		case 'c':
			o->old_config = optarg;
			break;
		case 's':
			o->snapshot = optarg;
			break;
		case 'f': {
			int f = plan_format_from(optarg);
			if (f < 0) {
				fprintf(stderr, "ifcc diff: unknown format '%s' (text, ip or json)\n",
				        optarg);
				return 2;
			}
			o->format = (enum plan_format)f;
			break;
		}
		case 'h':
			diff_usage(stdout);
			return 0;
		default:
			diff_usage(stderr);
			return 2;
		}
	}
	o->ifaces = argv + optind;
	o->nifaces = (size_t)(argc - optind);
	if (o->old_config && o->snapshot) {
		fputs("ifcc diff: --against-config and --against-state exclude each other\n", stderr);
		return 2;
	}
	if (o->all && o->nifaces) {
		fputs("ifcc diff: -a and interface names exclude each other\n", stderr);
		return 2;
	}
	return -1;
}

/* Loads, lowers and realises a configuration; diagnostics go to stderr. NULL on error. */
static struct ifcc_state *realise_file(struct ifcc_config *cfg, const char *path)
{
	ifcc_config_init(cfg);
	int r = ifcc_load_file(cfg, path);
	struct ifcc_model *m = r < 0 ? NULL : ifcc_lower(cfg);
	struct ifcc_state *s = m && !cfg->diags.errors ? ifcc_realise(cfg, m) : NULL;
	diags_render_text(&cfg->diags, stderr, false);
	if (m && !cfg->diags.errors && !s)
		fputs("ifcc diff: out of memory\n", stderr);
	if (cfg->diags.errors)
		fprintf(stderr, "ifcc diff: %s has errors: no plan\n", path);
	return s;
}

static struct ifcc_state *read_snapshot(struct arena *a, struct ifcc_diags *d, const char *path)
{
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!in) {
		fprintf(stderr, "ifcc diff: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	struct ifcc_state *s = NULL;
	int r = ifcc_state_read_json(a, in, &s, d);
	if (in != stdin)
		fclose(in);
	diags_render_text(d, stderr, false);
	if (r == -ENOMEM)
		fputs("ifcc diff: out of memory\n", stderr);
	return r < 0 ? NULL : s;
}

int cmd_diff(int argc, char **argv)
{
	struct diff_opts o = {.file = DEFAULT_FILE};
	int st = parse_opts(argc, argv, &o);
	if (st >= 0)
		return st;
	struct ifcc_config cfg, old;
	struct arena a;
	struct ifcc_diags d;
	arena_init(&a);
	diags_init(&d, &a);
	bool have_old = false;
	int status = 2;
	struct ifcc_state *des = realise_file(&cfg, o.file), *act = NULL;
	if (des && o.old_config) {
		have_old = true;
		act = realise_file(&old, o.old_config);
	} else if (des && o.snapshot) {
		act = read_snapshot(&a, &d, o.snapshot);
	} else if (des) {
		/* the running kernel, read over netlink */
		if (ifcc_state_dump(&a, &act, &d) < 0)
			act = NULL;
		diags_render_text(&d, stderr, false);
	}
	struct ifcc_plan p;
	struct ifcc_plan_opts po = {.owned = o.old_config ? act : NULL,
	                            .actual_is_kernel = !o.old_config};
	if (!des || !act)
		goto out;
	struct ifcc_diags pd;
	diags_init(&pd, &a);
	if (ifcc_plan_build(&a, des, act, &po, &p, &pd) < 0 ||
	    (o.nifaces && ifcc_plan_select(&a, &p, des, act, o.ifaces, o.nifaces) < 0)) {
		fputs("ifcc diff: out of memory\n", stderr);
		goto out;
	}
	diags_sort(&pd);
	diags_render_text(&pd, stderr, false);
	if (pd.errors)
		goto out;
	if (plan_print(&p, o.format) < 0) {
		fputs("ifcc diff: cannot write the plan\n", stderr);
		goto out;
	}
	status = p.n ? 1 : 0;
out:
	if (have_old)
		ifcc_config_free(&old);
	ifcc_config_free(&cfg);
	arena_free(&a);
	return status;
}
