/* ifcc state: kernel state as a configuration asks for it, as a snapshot holds it, or as the
 * running kernel has it. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/netlink.h"
#include "ifcc/state.h"

#define DEFAULT_FILE "/etc/network/interfaces"

static void state_usage(FILE *out)
{
	fputs("usage: ifcc state realise [-i FILE] [-o json|text]\n"
	      "       ifcc state show [-o json|text] SNAPSHOT|-\n"
	      "       ifcc state dump [-o json|text]\n"
	      "  realise   the kernel state FILE asks for: links, addresses, bridge VLANs,\n"
	      "            FDB entries, routes and sysctls, each with the line that caused it\n"
	      "            (exit 1 when FILE has errors: the state is then incomplete)\n"
	      "  show      read a JSON snapshot (docs/state-format.md) and print it in\n"
	      "            canonical form\n"
	      "  dump      read the running kernel's state (this network namespace) over\n"
	      "            netlink and /proc/sys: every link, address, bridge VLAN, static\n"
	      "            FDB entry, gateway route and forwarding/DAD sysctl (exit 1 when\n"
	      "            the kernel cannot be read)\n",
	      out);
}

/* -i FILE, -o json|text; returns -1 to go on, else the exit status. */
static int parse_opts(int argc, char **argv, const char **file, bool *json)
{
	static const struct option opts[] = {
	    {"interfaces", required_argument, NULL, 'i'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			*file = optarg;
			break;
		case 'o':
			if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
				fprintf(stderr, "ifcc state: unknown output '%s' (json or text)\n",
				        optarg);
				return 2;
			}
			*json = !strcmp(optarg, "json");
			break;
		case 'h':
			state_usage(stdout);
			return 0;
		default:
			state_usage(stderr);
			return 2;
		}
	}
	return -1;
}

static int print_state(const struct ifcc_state *s, bool json)
{
	if (!json) {
		ifcc_state_write_text(s, stdout);
		return 0;
	}
	if (ifcc_state_write_json(s, stdout) < 0) {
		fputs("ifcc state: cannot write the state\n", stderr);
		return 2;
	}
	return 0;
}

static int state_realise(int argc, char **argv)
{
	const char *file = DEFAULT_FILE;
	bool json = true;
	int st = parse_opts(argc, argv, &file, &json);
	if (st >= 0)
		return st;
	if (optind < argc) {
		state_usage(stderr);
		return 2;
	}
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	int r = ifcc_load_file(&cfg, file);
	struct ifcc_model *m = r < 0 ? NULL : ifcc_lower(&cfg);
	struct ifcc_state *s = m ? ifcc_realise(&cfg, m) : NULL;
	/* Problems go to stderr so that stdout stays the state. */
	diags_render_text(&cfg.diags, stderr, false);
	int status = cfg.diags.errors ? 1 : 0;
	if (!s) {
		if (m)
			fputs("ifcc state: out of memory\n", stderr);
		status = 2;
	} else if (print_state(s, json)) {
		status = 2;
	}
	ifcc_config_free(&cfg);
	return status;
}

static int state_show(int argc, char **argv)
{
	const char *unused = NULL;
	bool json = true;
	int st = parse_opts(argc, argv, &unused, &json);
	if (st >= 0)
		return st;
	if (optind + 1 != argc || unused) {
		state_usage(stderr);
		return 2;
	}
	const char *path = argv[optind];
	FILE *in = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!in) {
		fprintf(stderr, "ifcc state: %s: %s\n", path, strerror(errno));
		return 2;
	}
	struct arena a;
	struct ifcc_diags d;
	struct ifcc_state *s = NULL;
	arena_init(&a);
	diags_init(&d, &a);
	int r = ifcc_state_read_json(&a, in, &s, &d);
	if (in != stdin)
		fclose(in);
	diags_render_text(&d, stderr, false);
	if (r == -ENOMEM)
		fputs("ifcc state: out of memory\n", stderr);
	int status = r < 0 ? 2 : print_state(s, json);
	arena_free(&a);
	return status;
}

static int state_dump(int argc, char **argv)
{
	const char *unused = NULL;
	bool json = true;
	int st = parse_opts(argc, argv, &unused, &json);
	if (st >= 0)
		return st;
	if (optind != argc || unused) {
		state_usage(stderr);
		return 2;
	}
	struct arena a;
	struct ifcc_diags d;
	struct ifcc_state *s = NULL;
	arena_init(&a);
	diags_init(&d, &a);
	int r = ifcc_state_dump(&a, &s, &d);
	diags_render_text(&d, stderr, false);
	if (r == -ENOMEM)
		fputs("ifcc state: out of memory\n", stderr);
	int status = r < 0 ? 1 : print_state(s, json);
	arena_free(&a);
	return status;
}

int cmd_state(int argc, char **argv)
{
	if (argc < 2) {
		state_usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "realise") || !strcmp(argv[1], "realize"))
		return state_realise(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return state_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "dump"))
		return state_dump(argc - 1, argv + 1);
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		state_usage(stdout);
		return 0;
	}
	fprintf(stderr, "ifcc state: unknown verb '%s'\n", argv[1]);
	state_usage(stderr);
	return 2;
}
