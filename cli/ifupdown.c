/*
 * ifupdown2's command names: when ifcc is run as ifup, ifdown, ifreload or ifquery (a
 * link to it), it takes their usual flags and exit codes and does the same through its
 * own commands: ifup -> apply (-a: the auto interfaces), ifdown -> down, ifreload ->
 * reload, ifquery -> query (ifquery --check -> check, ifquery -r -> the running values). `-s` (syntax check) is a lint of
 * the file: exit 1 on any error or warning, as ifupdown2's -s. ifupdown2's argument
 * errors exit with 90.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DEFAULT_FILE "/etc/network/interfaces"
#define EXIT_ARGV    90 /* ifupdown2: argument validation failed */

/* Arguments for the ifcc command, built from the ifupdown2-style ones. */
struct args {
	char **v;
	int n, cap;
};

static int push(struct args *a, const char *s)
{
	if (a->n + 2 > a->cap) {
		int cap = a->cap ? 2 * a->cap : 32;
		char **v = realloc(a->v, (size_t)cap * sizeof(*v));
		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = (char *)s;
	a->v[a->n] = NULL;
	return 0;
}

static void usage(const char *prog, FILE *out)
{
	fprintf(out,
	        "usage: %s [-a] [-i FILE] [-n] [-v] [-s] [-X PATTERN] [--allow CLASS] "
	        "[IFACE...]\n"
	        "  ifcc, run as %s: ifupdown2's command with the same flags\n",
	        prog, prog);
}

/* ifup, ifdown, ifreload. */
static int updown(const char *prog, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"all", no_argument, NULL, 'a'},
	    {"interfaces", required_argument, NULL, 'i'},
	    {"no-act", no_argument, NULL, 'n'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"debug", no_argument, NULL, 'd'},
	    {"syntax-check", no_argument, NULL, 's'},
	    {"exclude", required_argument, NULL, 'X'},
	    {"allow", required_argument, NULL, 'A'},
	    {"force", no_argument, NULL, 'f'},
	    {"with-depends", no_argument, NULL, 'w'},
	    {"perfmode", no_argument, NULL, 'p'},
	    {"nocache", no_argument, NULL, 'C'},
	    {"no-scripts", no_argument, NULL, 'S'},
	    {"currently-up", no_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    /* ifcc's own, passed on */
	    {"state-file", required_argument, NULL, 'T'},
	    {"scripts-dir", required_argument, NULL, 'D'},
	    {"lock-file", required_argument, NULL, 'L'},
	    {0},
	};
	bool reload = !strcmp(prog, "ifreload"), down = !strcmp(prog, "ifdown");
	bool all = false, syntax = false, allow = false;
	const char *file = DEFAULT_FILE;
	struct args a = {0};
	int c, st = 0;
	push(&a, reload ? "reload" : down ? "down" : "apply");
	optind = 1;
	while ((c = getopt_long(argc, argv, "ai:nvdsX:fwpcCh", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			all = true;
			push(&a, "-a");
			break;
		case 'i':
			file = optarg;
			break;
		case 'n':
			push(&a, "-n");
			break;
		case 'v':
		case 'd':
			push(&a, "-v");
			break;
		case 's':
			syntax = true;
			break;
		case 'X':
			push(&a, "-X");
			push(&a, optarg);
			break;
		case 'A':
			allow = true;
			push(&a, "--allow");
			push(&a, optarg);
			break;
		case 'S':
			push(&a, "--no-scripts");
			break;
		case 'T':
			push(&a, "--state-file");
			push(&a, optarg);
			break;
		case 'D':
			push(&a, "--scripts-dir");
			push(&a, optarg);
			break;
		case 'L':
			push(&a, "--lock-file");
			push(&a, optarg);
			break;
		case 'f':
		case 'w':
		case 'p':
		case 'C':
		case 'c':
			break; /* accepted; ifcc always plans against the kernel as it is */
		case 'h':
			usage(prog, stdout);
			free(a.v);
			return 0;
		default:
			usage(prog, stderr);
			free(a.v);
			return EXIT_ARGV;
		}
	}
	bool names = optind < argc;
	if ((reload && !all && !allow) || (!reload && !all && !allow && !names) || (all && names)) {
		fprintf(stderr, "%s: give -a, --allow CLASS%s\n", prog,
		        reload ? "" : " or interface names (not both -a and names)");
		free(a.v);
		return EXIT_ARGV;
	}
	if (syntax) {
		/* -s: only check the file, like ifupdown2; any warning fails */
		char *lint[] = {"lint", "--werror", (char *)file, NULL};
		free(a.v);
		return cmd_lint(3, lint) ? 1 : 0;
	}
	push(&a, "-i");
	push(&a, file);
	for (int k = optind; k < argc; k++)
		push(&a, argv[k]);
	if (!a.v)
		return 2;
	st = reload ? cmd_reload(a.n, a.v) : down ? cmd_down(a.n, a.v) : cmd_apply(a.n, a.v);
	free(a.v);
	return st;
}

/* ifquery: --check/-c goes to ifcc check, the rest to ifcc query. */
static int query(int argc, char **argv)
{
	struct args a = {0};
	bool check = false, running = false;
	for (int k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--check") || !strcmp(argv[k], "-c"))
			check = true;
		else if (!strcmp(argv[k], "--running") || !strcmp(argv[k], "-r"))
			running = true;
	}
	if (running) {
		const char *file = DEFAULT_FILE;
		bool all = false;
		char **names = calloc((size_t)argc + 1, sizeof(*names));
		size_t n = 0;
		for (int k = 1; names && k < argc; k++) {
			if (!strcmp(argv[k], "-i") && k + 1 < argc)
				file = argv[++k];
			else if (!strcmp(argv[k], "-a") || !strcmp(argv[k], "--all"))
				all = true;
			else if (argv[k][0] != '-')
				names[n++] = argv[k];
		}
		int st = names ? query_running(file, all, names, n) : 2;
		free(names);
		return st;
	}
	push(&a, check ? "check" : "query");
	for (int k = 1; k < argc; k++)
		if (!check || (strcmp(argv[k], "--check") && strcmp(argv[k], "-c")))
			push(&a, argv[k]);
	if (!a.v)
		return 2;
	int st = check ? cmd_check(a.n, a.v) : cmd_query(a.n, a.v);
	free(a.v);
	return st;
}

int ifupdown_main(const char *prog, int argc, char **argv)
{
	if (!strcmp(prog, "ifquery"))
		return query(argc, argv);
	return updown(prog, argc, argv);
}
