/* ifcc lint: read files, report every problem of every file; never touches the system. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ifcc/check.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/validate.h"

static void lint_usage(FILE *out)
{
	fputs("usage: ifcc lint [--format=text|json|sarif] [--werror] [--color=auto|always|never]\n"
	      "                 [--disable=RULE]... [--vrr-mac-range=MAC-MAC] FILE...\n"
	      "       ifcc lint [OPTIONS] --fabric DIR [--pair A,B]...\n",
	      out);
}

/* "MAC-MAC": the VRR MAC range that vrr-mac-range accepts without a warning. */
static int parse_mac_range(const char *arg, struct ifcc_validate_opts *o)
{
	char buf[64];
	const char *dash = strchr(arg, '-');
	if (!dash || strlen(arg) >= sizeof(buf))
		return -1;
	memcpy(buf, arg, (size_t)(dash - arg));
	buf[dash - arg] = '\0';
	struct value_error err;
	struct value_token t = {buf, 0, (uint32_t)strlen(buf)};
	struct value_token u = {dash + 1, 0, (uint32_t)strlen(dash + 1)};
	if (value_parse_mac(buf, t, &o->vrr_mac_lo, &err) < 0 ||
	    value_parse_mac(dash + 1, u, &o->vrr_mac_hi, &err) < 0 ||
	    memcmp(o->vrr_mac_lo.b, o->vrr_mac_hi.b, 6) > 0)
		return -1;
	return 0;
}

int lint_render(const struct ifcc_diags *const *diags, size_t n, const struct lint_opts *o)
{
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < n; i++) {
		errors += diags[i]->errors;
		warnings += diags[i]->warnings;
	}
	if (o->sarif) {
		if (diags_render_sarif(diags, n, stdout) < 0) {
			fprintf(stderr, "ifcc lint: out of memory\n");
			return 2;
		}
	} else if (o->json) {
		if (diags_render_json(diags, n, stdout) < 0) {
			fprintf(stderr, "ifcc lint: out of memory\n");
			return 2;
		}
	} else {
		for (size_t i = 0; i < n; i++)
			diags_render_text(diags[i], stdout, o->color);
		if (errors || warnings)
			printf("%zu error%s, %zu warning%s\n", errors, errors == 1 ? "" : "s",
			       warnings, warnings == 1 ? "" : "s");
	}
	return errors || (o->werror && warnings) ? 1 : 0;
}

int cmd_lint(int argc, char **argv)
{
	enum { OPT_FORMAT = 256, OPT_WERROR, OPT_COLOR, OPT_DISABLE, OPT_VRR_RANGE, OPT_FABRIC,
	       OPT_PAIR };
	static const struct option opts[] = {
		{"format", required_argument, NULL, OPT_FORMAT},
		{"werror", no_argument, NULL, OPT_WERROR},
		{"color", required_argument, NULL, OPT_COLOR},
		{"disable", required_argument, NULL, OPT_DISABLE},
		{"vrr-mac-range", required_argument, NULL, OPT_VRR_RANGE},
		{"fabric", required_argument, NULL, OPT_FABRIC},
		{"pair", required_argument, NULL, OPT_PAIR},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false, sarif = false, werror = false;
	struct ifcc_validate_opts vopts;
	ifcc_validate_opts_init(&vopts);
	struct arena opt_arena;
	arena_init(&opt_arena);
	struct ptrvec disabled = {0}, pairs = {0};
	const char *fabric = NULL;
	int color = -1;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			json = sarif = false;
			if (!strcmp(optarg, "json"))
				json = true;
			else if (!strcmp(optarg, "sarif"))
				sarif = true;
			else if (!strcmp(optarg, "text"))
				json = false;
			else {
				fprintf(stderr, "ifcc lint: unknown format '%s' (text, json or sarif)\n",
					optarg);
				return 2;
			}
			break;
		case OPT_WERROR:
			werror = true;
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "always"))
				color = 1;
			else if (!strcmp(optarg, "never"))
				color = 0;
			else if (!strcmp(optarg, "auto"))
				color = -1;
			else {
				fprintf(stderr, "ifcc lint: unknown color mode '%s'\n", optarg);
				return 2;
			}
			break;
		case OPT_DISABLE:
			for (char *tok = strtok(optarg, ","); tok; tok = strtok(NULL, ","))
				ptrvec_push(&opt_arena, &disabled, tok);
			break;
		case OPT_VRR_RANGE:
			if (parse_mac_range(optarg, &vopts) < 0) {
				fprintf(stderr, "ifcc lint: --vrr-mac-range wants MAC-MAC, e.g. "
						"00:00:5e:00:01:00-00:00:5e:00:01:ff\n");
				arena_free(&opt_arena);
				return 2;
			}
			break;
		case OPT_FABRIC:
			fabric = optarg;
			break;
		case OPT_PAIR:
			ptrvec_push(&opt_arena, &pairs, optarg);
			break;
		case 'h':
			lint_usage(stdout);
			arena_free(&opt_arena);
			return 0;
		default:
			lint_usage(stderr);
			arena_free(&opt_arena);
			return 2;
		}
	}
	if (fabric ? optind < argc : optind >= argc || pairs.n) {
		lint_usage(stderr);
		arena_free(&opt_arena);
		return 2;
	}
	if (color < 0)
		color = isatty(STDOUT_FILENO) && !json && !sarif;
	struct lint_opts lo = {.json = json, .sarif = sarif, .werror = werror, .color = color,
			       .disabled = &disabled, .vopts = &vopts};
	if (fabric) {
		int st = lint_fabric(fabric, &pairs, &lo);
		arena_free(&opt_arena);
		return st;
	}

	/* Each file named on the command line is its own configuration (its own device). */
	size_t n = (size_t)(argc - optind);
	struct ifcc_config *cfgs = calloc(n, sizeof(*cfgs));
	const struct ifcc_diags **diags = calloc(n, sizeof(*diags));
	int status = 0;
	if (!cfgs || !diags) {
		fprintf(stderr, "ifcc lint: out of memory\n");
		status = 2;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct ifcc_config *cfg = &cfgs[i];
		ifcc_config_init(cfg);
		int r = ifcc_load_file(cfg, argv[optind + (int)i]);
		if (r == -ENOMEM) {
			fprintf(stderr, "ifcc lint: out of memory\n");
			status = 2;
			n = i + 1;
			goto out;
		}
		if (r < 0)
			status = 2; /* the file itself cannot be read */
		else {
			ifcc_check_ast(cfg);
			ifcc_drop_items(cfg); /* the model reuses that memory */
			struct ifcc_device dev = {.name = argv[optind + (int)i], .cfg = cfg};
			dev.model = ifcc_lower(cfg);
			if (!dev.model)
				r = -ENOMEM;
			else
				ifcc_validate_device(&dev, &vopts);
		}
		if (r == -ENOMEM) {
			fprintf(stderr, "ifcc lint: out of memory\n");
			status = 2;
			n = i + 1;
			goto out;
		}
		ifcc_suppress(&cfg->diags, &disabled);
		diags_sort(&cfg->diags);
		diags[i] = &cfg->diags;
	}
	int rs = lint_render(diags, n, &lo);
	if (status == 0 || rs == 2)
		status = rs;
out:
	for (size_t i = 0; cfgs && i < n; i++)
		ifcc_config_free(&cfgs[i]);
	free(cfgs);
	free(diags);
	arena_free(&opt_arena);
	fflush(stdout);
	return status;
}
