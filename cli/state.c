/* ifcc state: the kernel state a configuration asks for (more verbs come with the planner). */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/state.h"

#define DEFAULT_FILE "/etc/network/interfaces"

static void state_usage(FILE *out)
{
	fputs("usage: ifcc state realise [-i FILE] [-o json|text]\n"
	      "  realise   the kernel state FILE asks for: links, addresses, bridge VLANs,\n"
	      "            FDB entries, routes and sysctls, each with the line that caused it\n",
	      out);
}

static int state_realise(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"interfaces", required_argument, NULL, 'i'},
	    {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	const char *file = DEFAULT_FILE;
	bool json = true;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			file = optarg;
			break;
		case 'o':
			if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
				fprintf(stderr, "ifcc state: unknown output '%s' (json or text)\n",
				        optarg);
				return 2;
			}
			json = !strcmp(optarg, "json");
			break;
		case 'h':
			state_usage(stdout);
			return 0;
		default:
			state_usage(stderr);
			return 2;
		}
	}
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
	int status = 0;
	if (!s) {
		if (m)
			fputs("ifcc state: out of memory\n", stderr);
		status = 2;
	} else if (json) {
		if (ifcc_state_write_json(s, stdout) < 0) {
			fputs("ifcc state: cannot write the state\n", stderr);
			status = 2;
		}
	} else {
		ifcc_state_write_text(s, stdout);
	}
	ifcc_config_free(&cfg);
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
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		state_usage(stdout);
		return 0;
	}
	fprintf(stderr, "ifcc state: unknown verb '%s'\n", argv[1]);
	state_usage(stderr);
	return 2;
}
