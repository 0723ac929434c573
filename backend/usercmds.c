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

static int env_build(struct env *e, const struct ifcc_iface *i, enum ifcc_phase ph)
{
	int r = 0;
	for (char **p = environ; !r && *p; p++) {
		const char *eq = strchr(*p, '=');
		if (!eq)
			continue;
		char key[256];
		size_t n = (size_t)(eq - *p) < sizeof(key) - 1 ? (size_t)(eq - *p) : sizeof(key) - 1;
		memcpy(key, *p, n);
		key[n] = '\0';
		r = env_put(e, key, eq + 1);
	}
	const char *fam = (i->families & 3) == 3 ? "inet,inet6"
	                  : i->families & 2      ? "inet6"
	                  : i->families & 1      ? "inet"
	                                         : "";
	r = r ? r : env_put(e, "IFACE", i->name);
	r = r ? r : env_put(e, "LOGICAL", i->name);
	r = r ? r : env_put(e, "ADDRFAM", fam);
	r = r ? r : env_put(e, "METHOD", i->method ? i->method : "");
	r = r ? r : env_put(e, "MODE", ph <= IFCC_PHASE_POST_UP ? "start" : "stop");
	r = r ? r : env_put(e, "PHASE", phase_names[ph]);
	for (size_t k = 0; !r && k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		const struct ifcc_line *first = at->lines.n ? at->lines.v[0] : NULL;
		char key[128] = "IF_";
		size_t n = 3;
		for (const char *c = at->name; *c && n + 1 < sizeof(key); c++)
			key[n++] = *c == '-' ? '_' : (char)toupper((unsigned char)*c);
		key[n] = '\0';
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

/* The scripts of DIR/if-PHASE.d: regular executable files, in name order. */
static int run_scripts(const struct ifcc_iface *i, enum ifcc_phase ph, const char *dir,
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
		struct stat st;
		snprintf(file, sizeof(file), "%s/%s", path, names[k]->d_name);
		if (names[k]->d_name[0] != '.' && !stat(file, &st) && S_ISREG(st.st_mode) &&
		    !access(file, X_OK)) {
			char *argv[] = {file, NULL};
			int rc = spawn_wait(argv, envp);
			if (rc) {
				diag_add(d, IFCC_WARNING, "usercmd-failed", i->loc,
				         "%s: %s script %s failed (exit %d)", i->name, phase_names[ph],
				         file, rc);
				failed++;
			}
		}
		free(names[k]);
	}
	free(names);
	return failed;
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
		char *argv[] = {"/bin/sh", "-c", (char *)(ln->text ? ln->text : ""), NULL};
		int rc = spawn_wait(argv, e.v);
		if (rc) {
			diag_add(d, IFCC_WARNING, "usercmd-failed", ast_attr_value_loc(ln->src),
			         "%s: %s command failed (exit %d)", i->name, phase_names[ph], rc);
			failed++;
		}
	}
	if (scripts_dir)
		failed += run_scripts(i, ph, scripts_dir, e.v, d);
	env_free(&e);
	return failed;
}
