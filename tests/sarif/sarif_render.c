/*
 * Renders the diagnostics of fixture files as SARIF on stdout, the way `ifcc lint` does:
 * load, AST checks, lowering, device rules. Arguments: NAME=PATH, where PATH is read and
 * NAME is the file name the locations carry (relative, absolute, with spaces...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/check.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/validate.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t cap = 0, n = 0, r;
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 4096;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

static int load(struct ifcc_config *cfg, const char *arg, const struct ifcc_validate_opts *o)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		fprintf(stderr, "sarif-render: want NAME=PATH, got '%s'\n", arg);
		return -1;
	}
	char *name = arena_strndup(&cfg->arena, arg, (size_t)(eq - arg));
	size_t len = 0;
	char *data = slurp(eq + 1, &len);
	if (!name || !data) {
		fprintf(stderr, "sarif-render: cannot read %s\n", eq + 1);
		free(data);
		return -1;
	}
	int r = ifcc_load_buffer(cfg, name, data, len);
	free(data);
	if (r < 0)
		return -1;
	ifcc_check_ast(cfg);
	struct ifcc_device dev = {.name = name, .cfg = cfg, .model = ifcc_lower(cfg)};
	if (!dev.model)
		return -1;
	ifcc_validate_device(&dev, o);
	diags_sort(&cfg->diags);
	return 0;
}

int main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)(argc - 1) : 0;
	struct ifcc_config *cfgs = calloc(n + 1, sizeof(*cfgs));
	const struct ifcc_diags **d = calloc(n + 1, sizeof(*d));
	struct ifcc_validate_opts o;
	ifcc_validate_opts_init(&o);
	int status = cfgs && d ? 0 : 1;
	size_t loaded = 0;
	for (size_t i = 0; status == 0 && i < n; i++) {
		ifcc_config_init(&cfgs[i]);
		loaded++;
		if (load(&cfgs[i], argv[i + 1], &o) < 0)
			status = 1;
		d[i] = &cfgs[i].diags;
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = status == 0 ? open_memstream(&buf, &len) : NULL;
	if (status == 0 && (!mem || diags_render_sarif(d, n, mem) < 0))
		status = 1;
	if (mem)
		fclose(mem);
	if (status == 0)
		fwrite(buf, 1, len, stdout);
	free(buf);
	for (size_t i = 0; i < loaded; i++)
		ifcc_config_free(&cfgs[i]);
	free(cfgs);
	free(d);
	return status;
}
