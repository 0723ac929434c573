/*
 * ifcc lint --fabric DIR: every DIR/NAME/interfaces (or DIR/NAME/etc/network/interfaces)
 * is the device NAME. Each device is checked alone, then the cross-device rules run;
 * every configuration stays loaded until the end, since a diagnostic of one device may
 * carry a note in another device's file.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "ifcc/check.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"

struct dev_path {
	const char *name, *path;
};

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* DIR/NAME/REST, without a leading "./" when DIR is "." (paths as a user would type). */
static char *join(struct arena *a, const char *dir, const char *name, const char *rest)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 1 && dir[0] == '.')
		return arena_printf(a, "%s/%s", name, rest);
	return arena_printf(a, "%.*s/%s/%s", (int)n, dir, name, rest);
}

static int cmp_dev(const void *pa, const void *pb)
{
	const struct dev_path *a = *(const struct dev_path *const *)pa;
	const struct dev_path *b = *(const struct dev_path *const *)pb;
	return strcmp(a->name, b->name);
}

/* The device folders of dir, sorted by name; 0 or -errno. */
static int find_devices(struct arena *a, const char *dir, struct ptrvec *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return -errno;
	int r = 0;
	for (struct dirent *e; r == 0 && (e = readdir(d));) {
		if (e->d_name[0] == '.')
			continue;
		char *name = arena_strdup(a, e->d_name);
		char *path = name ? join(a, dir, name, "interfaces") : NULL;
		if (path && !is_file(path))
			path = join(a, dir, name, "etc/network/interfaces");
		if (!path) {
			r = -ENOMEM;
			break;
		}
		if (!is_file(path))
			continue;
		struct dev_path *dp = arena_alloc(a, sizeof(*dp));
		if (!dp || ptrvec_push(a, out, dp) < 0) {
			r = -ENOMEM;
			break;
		}
		*dp = (struct dev_path){name, path};
	}
	closedir(d);
	if (r == 0 && out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_dev);
	return r;
}

static bool known(const struct ptrvec *devs, const char *name)
{
	for (size_t k = 0; k < devs->n; k++)
		if (!strcmp(((const struct dev_path *)devs->v[k])->name, name))
			return true;
	return false;
}

/* "A,B" arguments -> struct ifcc_pair_names; messages for what cannot be a pair. */
static int parse_pairs(struct arena *a, const struct ptrvec *args, const struct ptrvec *devs,
		       struct ptrvec *out)
{
	for (size_t k = 0; k < args->n; k++) {
		const char *arg = args->v[k], *comma = strchr(arg, ',');
		struct ifcc_pair_names *p = arena_alloc(a, sizeof(*p));
		if (!p || ptrvec_push(a, out, p) < 0)
			return -ENOMEM;
		if (!comma || strchr(comma + 1, ',')) {
			fprintf(stderr, "ifcc lint: --pair wants two device names, A,B: '%s'\n", arg);
			return -EINVAL;
		}
		p->a = arena_strndup(a, arg, (size_t)(comma - arg));
		p->b = arena_strdup(a, comma + 1);
		if (!p->a || !p->b)
			return -ENOMEM;
		if (!strcmp(p->a, p->b)) {
			fprintf(stderr, "ifcc lint: --pair %s: a device cannot be its own peer\n", arg);
			return -EINVAL;
		}
		for (int s = 0; s < 2; s++) {
			const char *name = s ? p->b : p->a;
			if (!known(devs, name)) {
				fprintf(stderr, "ifcc lint: --pair %s: no device '%s' in the fabric\n",
					arg, name);
				return -EINVAL;
			}
			for (size_t j = 0; j < k; j++) {
				const struct ifcc_pair_names *q = out->v[j];
				if (!strcmp(q->a, name) || !strcmp(q->b, name)) {
					fprintf(stderr, "ifcc lint: --pair %s: %s is already paired "
							"with %s\n",
						arg, name, strcmp(q->a, name) ? q->a : q->b);
					return -EINVAL;
				}
			}
		}
	}
	return 0;
}

/* Loads and checks one device alone; 0, 2 (its file cannot be read) or -ENOMEM. */
static int load_device(struct ifcc_device *dev, const struct dev_path *dp,
		       const struct lint_opts *o)
{
	ifcc_config_init(dev->cfg);
	dev->name = dp->name;
	int r = ifcc_load_file(dev->cfg, dp->path);
	if (r == -ENOMEM)
		return r;
	if (r < 0)
		return 2;
	ifcc_check_ast(dev->cfg);
	dev->model = ifcc_lower(dev->cfg);
	if (!dev->model)
		return -ENOMEM;
	ifcc_validate_device(dev, o->vopts);
	return 0;
}

static int run(struct arena *a, const char *dir, const struct ptrvec *pair_args,
	       const struct lint_opts *o, struct ifcc_config *cfgs, size_t *nloaded,
	       const struct ptrvec *paths)
{
	size_t n = paths->n;
	struct ptrvec pairs = {0};
	int r = parse_pairs(a, pair_args, paths, &pairs);
	if (r < 0)
		return r == -ENOMEM ? r : 2;
	struct ifcc_device *devs = arena_alloc(a, n * sizeof(*devs));
	const struct ifcc_diags **diags = arena_alloc(a, n * sizeof(*diags));
	if (!devs || !diags)
		return -ENOMEM;
	int status = 0;
	for (size_t k = 0; k < n; k++) {
		devs[k].cfg = &cfgs[k];
		*nloaded = k + 1;
		r = load_device(&devs[k], paths->v[k], o);
		if (r < 0)
			return r;
		if (r)
			status = r;
	}
	r = ifcc_validate_fabric(devs, n, &pairs, o->vopts);
	if (r < 0) {
		if (r == -ENOMEM)
			return r;
		fprintf(stderr, "ifcc lint: --fabric %s: the forced pairs are inconsistent\n", dir);
		return 2;
	}
	for (size_t k = 0; k < n; k++) {
		ifcc_suppress(&cfgs[k].diags, o->disabled);
		diags_sort(&cfgs[k].diags);
		diags[k] = &cfgs[k].diags;
	}
	int rs = lint_render(diags, n, o);
	return status == 0 || rs == 2 ? rs : status;
}

int lint_fabric(const char *dir, const struct ptrvec *pair_args, const struct lint_opts *o)
{
	struct arena a;
	arena_init(&a);
	struct ptrvec paths = {0};
	int r = find_devices(&a, dir, &paths);
	if (r < 0 && r != -ENOMEM) {
		fprintf(stderr, "ifcc lint: --fabric %s: %s\n", dir, strerror(-r));
		arena_free(&a);
		return 2;
	}
	if (r == 0 && paths.n == 0) {
		fprintf(stderr, "ifcc lint: --fabric %s: no device folder with an interfaces file "
				"(NAME/interfaces or NAME/etc/network/interfaces)\n",
			dir);
		arena_free(&a);
		return 2;
	}
	size_t nloaded = 0;
	struct ifcc_config *cfgs = r == 0 ? calloc(paths.n, sizeof(*cfgs)) : NULL;
	if (r == 0 && !cfgs)
		r = -ENOMEM;
	if (r == 0)
		r = run(&a, dir, pair_args, o, cfgs, &nloaded, &paths);
	if (r == -ENOMEM) {
		fprintf(stderr, "ifcc lint: out of memory\n");
		r = 2;
	}
	for (size_t k = 0; k < nloaded; k++)
		ifcc_config_free(&cfgs[k]);
	free(cfgs);
	arena_free(&a);
	fflush(stdout);
	return r;
}
