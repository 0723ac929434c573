/* User commands and /etc/network/if-*.d scripts (include/ifcc/usercmds.h). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ifcc/usercmds.h"

extern char **environ;

static const char *const phase_names[] = {"pre-up",   "up",   "post-up",
                                          "pre-down", "down", "post-down"};

const char *ifcc_phase_name(enum ifcc_phase ph)
{
	return phase_names[ph];
}

bool ifcc_usercmds_any(const struct ifcc_iface *i, bool down)
{
	for (int ph = down ? IFCC_PHASE_PRE_DOWN : IFCC_PHASE_PRE_UP;
	     ph <= (down ? IFCC_PHASE_POST_DOWN : IFCC_PHASE_POST_UP); ph++)
		if (ifcc_iface_attr(i, phase_names[ph]))
			return true;
	return false;
}

/* The environment: the process's own, with the interface's variables set over it. */
struct env {
	char **v;
	size_t n, cap;
};

static int env_put(struct env *e, const char *key, const char *value)
{
	size_t klen = strlen(key);
	char *kv = malloc(klen + strlen(value) + 2);
	if (!kv)
		return -ENOMEM;
	sprintf(kv, "%s=%s", key, value);
	for (size_t k = 0; k < e->n; k++)
		if (!strncmp(e->v[k], kv, klen + 1)) {
			free(e->v[k]);
			e->v[k] = kv;
			return 0;
		}
	if (e->n + 2 > e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 64;
		char **v = realloc(e->v, cap * sizeof(*v));
		if (!v) {
			free(kv);
			return -ENOMEM;
		}
		e->v = v;
		e->cap = cap;
	}
	e->v[e->n++] = kv;
	e->v[e->n] = NULL;
	return 0;
}

static void env_free(struct env *e)
{
	for (size_t k = 0; k < e->n; k++)
		free(e->v[k]);
	free(e->v);
}

/* "IF_" and the attribute's name in capitals, '-' as '_'. */
static void if_key(const char *attr, char *key, size_t size)
{
	size_t n = 3;
	memcpy(key, "IF_", 3);
	for (const char *c = attr; *c && n + 1 < size; c++)
		key[n++] = *c == '-' ? '_' : (char)toupper((unsigned char)*c);
	key[n] = '\0';
}

static const char *addrfam(const struct ifcc_iface *i)
{
	return (i->families & 3) == 3 ? "inet,inet6"
	       : i->families & 2      ? "inet6"
	       : i->families & 1      ? "inet"
	                              : "";
}

/* The process's environment, then IFACE, LOGICAL, MODE and PHASE. */
static int env_base(struct env *e, const char *name, enum ifcc_phase ph)
{
	int r = 0;
	for (char **p = environ; !r && *p; p++) {
		const char *eq = strchr(*p, '=');
		if (!eq)
			continue;
		char key[256];
		size_t n =
		    (size_t)(eq - *p) < sizeof(key) - 1 ? (size_t)(eq - *p) : sizeof(key) - 1;
		memcpy(key, *p, n);
		key[n] = '\0';
		r = env_put(e, key, eq + 1);
	}
	r = r ? r : env_put(e, "IFACE", name);
	r = r ? r : env_put(e, "LOGICAL", name);
	r = r ? r : env_put(e, "MODE", ph <= IFCC_PHASE_POST_UP ? "start" : "stop");
	return r ? r : env_put(e, "PHASE", phase_names[ph]);
}

static int env_build(struct env *e, const struct ifcc_iface *i, enum ifcc_phase ph)
{
	int r = env_base(e, i->name, ph);
	r = r ? r : env_put(e, "ADDRFAM", addrfam(i));
	r = r ? r : env_put(e, "METHOD", i->method ? i->method : "");
	for (size_t k = 0; !r && k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		const struct ifcc_line *first = at->lines.n ? at->lines.v[0] : NULL;
		char key[128];
		if_key(at->name, key, sizeof(key));
		r = env_put(e, key, first && first->text ? first->text : "");
	}
	return r;
}

/* Runs argv with the environment; its exit status, or -1 when it could not start. */
static int spawn_wait(char *const argv[], char *const envp[])
{
	pid_t pid;
	if (posix_spawn(&pid, argv[0], NULL, NULL, argv, envp) != 0)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A regular executable file, not hidden: a script run-parts would run. */
static bool runnable(const char *dir, const char *name)
{
	char file[8192];
	struct stat st;
	snprintf(file, sizeof(file), "%s/%s", dir, name);
	return name[0] != '.' && !stat(file, &st) && S_ISREG(st.st_mode) && !access(file, X_OK);
}

/* The scripts of DIR/if-PHASE.d: regular executable files, in name order. Failures are
 * reported at loc, interface `name`'s stanza. */
static int run_scripts(const char *name, struct ifcc_loc loc, enum ifcc_phase ph, const char *dir,
                       char *const envp[], struct ifcc_diags *d)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/if-%s.d", dir, phase_names[ph]);
	struct dirent **names;
	int n = scandir(path, &names, NULL, NULL);
	if (n < 0)
		return 0; /* no such folder: nothing to run */
	qsort(names, (size_t)n, sizeof(*names), by_name);
	int failed = 0;
	for (int k = 0; k < n; k++) {
		char file[8192];
		snprintf(file, sizeof(file), "%s/%s", path, names[k]->d_name);
		if (runnable(path, names[k]->d_name)) {
			char *argv[] = {file, NULL};
			int rc = spawn_wait(argv, envp);
			if (rc) {
				diag_add(d, IFCC_WARNING, "usercmd-failed", loc,
				         "%s: %s script %s failed (exit %d)", name, phase_names[ph],
				         file, rc);
				failed++;
			}
		}
		free(names[k]);
	}
	free(names);
	return failed;
}

bool ifcc_scripts_any(const char *scripts_dir, bool down)
{
	bool any = false;
	for (int ph = down ? IFCC_PHASE_PRE_DOWN : IFCC_PHASE_PRE_UP;
	     scripts_dir && !any && ph <= (down ? IFCC_PHASE_POST_DOWN : IFCC_PHASE_POST_UP); ph++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/if-%s.d", scripts_dir, phase_names[ph]);
		DIR *dir = opendir(path);
		for (struct dirent *e; dir && !any && (e = readdir(dir));)
			any = runnable(path, e->d_name);
		if (dir)
			closedir(dir);
	}
	return any;
}

/* One command line through /bin/sh -c; 1 when it failed (a warning at loc), else 0. */
static int run_line(const char *text, struct ifcc_loc loc, const char *name, enum ifcc_phase ph,
                    char *const envp[], struct ifcc_diags *d)
{
	char *argv[] = {"/bin/sh", "-c", (char *)(text ? text : ""), NULL};
	int rc = spawn_wait(argv, envp);
	if (!rc)
		return 0;
	diag_add(d, IFCC_WARNING, "usercmd-failed", loc, "%s: %s command failed (exit %d)", name,
	         phase_names[ph], rc);
	return 1;
}

int ifcc_usercmds_run(const struct ifcc_iface *i, enum ifcc_phase ph, const char *scripts_dir,
                      struct ifcc_diags *d)
{
	const struct ifcc_attr *at = ifcc_iface_attr(i, phase_names[ph]);
	if (!at && !scripts_dir)
		return 0;
	struct env e = {0};
	if (env_build(&e, i, ph) < 0) {
		env_free(&e);
		return -ENOMEM;
	}
	int failed = 0;
	for (size_t k = 0; at && k < at->lines.n; k++) {
		const struct ifcc_line *ln = at->lines.v[k];
		failed += run_line(ln->text, ast_attr_value_loc(ln->src), i->name, ph, e.v, d);
	}
	if (scripts_dir)
		failed += run_scripts(i->name, i->loc, ph, scripts_dir, e.v, d);
	env_free(&e);
	return failed;
}

int ifcc_down_rec_from_iface(struct arena *a, const struct ifcc_iface *i, struct ifcc_down_rec *out)
{
	*out = (struct ifcc_down_rec){.name = i->name, .loc = i->loc};
	out->env = arena_alloc(a, (i->attrs.n + 2) * sizeof(*out->env));
	if (!out->env)
		return -ENOMEM;
	out->env[out->nenv++] = arena_printf(a, "ADDRFAM=%s", addrfam(i));
	out->env[out->nenv++] = arena_printf(a, "METHOD=%s", i->method ? i->method : "");
	for (size_t k = 0; k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		const struct ifcc_line *first = at->lines.n ? at->lines.v[0] : NULL;
		char key[128];
		if_key(at->name, key, sizeof(key));
		out->env[out->nenv++] =
		    arena_printf(a, "%s=%s", key, first && first->text ? first->text : "");
	}
	for (size_t k = 0; k < out->nenv; k++)
		if (!out->env[k])
			return -ENOMEM;
	for (int p = 0; p < 3; p++) {
		const struct ifcc_attr *at =
		    ifcc_iface_attr(i, phase_names[IFCC_PHASE_PRE_DOWN + p]);
		if (!at || !at->lines.n)
			continue;
		out->cmds[p] = arena_alloc(a, at->lines.n * sizeof(*out->cmds[p]));
		if (!out->cmds[p])
			return -ENOMEM;
		for (size_t k = 0; k < at->lines.n; k++) {
			const struct ifcc_line *ln = at->lines.v[k];
			out->cmds[p][k] = (struct ifcc_cmd_rec){.text = ln->text ? ln->text : "",
			                                        .loc = ast_attr_value_loc(ln->src)};
		}
		out->ncmds[p] = at->lines.n;
	}
	return 0;
}

const struct ifcc_down_rec *ifcc_down_record_find(const struct ifcc_down_record *r,
                                                  const char *name)
{
	for (size_t k = 0; r && k < r->n; k++)
		if (!strcmp(r->v[k].name, name))
			return &r->v[k];
	return NULL;
}

int ifcc_usercmds_run_rec(const struct ifcc_down_rec *r, enum ifcc_phase ph,
                          const char *scripts_dir, struct ifcc_diags *d)
{
	if (ph < IFCC_PHASE_PRE_DOWN)
		return 0;
	size_t p = (size_t)(ph - IFCC_PHASE_PRE_DOWN);
	if (!r->ncmds[p] && !scripts_dir)
		return 0;
	struct env e = {0};
	int g = env_base(&e, r->name, ph);
	for (size_t k = 0; !g && k < r->nenv; k++) {
		const char *eq = strchr(r->env[k], '=');
		char key[256];
		size_t n = eq ? (size_t)(eq - r->env[k]) : 0;
		if (!n || n >= sizeof(key))
			continue;
		memcpy(key, r->env[k], n);
		key[n] = '\0';
		g = env_put(&e, key, eq + 1);
	}
	if (g < 0) {
		env_free(&e);
		return -ENOMEM;
	}
	int failed = 0;
	for (size_t k = 0; k < r->ncmds[p]; k++)
		failed += run_line(r->cmds[p][k].text, r->cmds[p][k].loc, r->name, ph, e.v, d);
	if (scripts_dir)
		failed += run_scripts(r->name, r->loc, ph, scripts_dir, e.v, d);
	env_free(&e);
	return failed;
}
