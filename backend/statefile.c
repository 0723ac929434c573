/* The state file of the last apply or reload (with the record of the user commands that
 * take its interfaces down), and the lock of the running instance. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "ifcc/apply.h"
#include "ifcc/usercmds.h"
#include "state_json.h"

/* mkdir -p of the folder that holds path. */
static int make_parent(const char *path)
{
	char dir[4096];
	size_t n = strlen(path);
	if (n >= sizeof(dir))
		return -ENAMETOOLONG;
	memcpy(dir, path, n + 1);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return mkdir(dir, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

int ifcc_statefile_read(struct arena *a, const char *path, struct ifcc_state **out,
                        struct ifcc_diags *d)
{
	*out = NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	int r = ifcc_state_read_json(a, f, out, d);
	fclose(f);
	return r;
}

#define RECORD_VERSION 1

static const char *const phase_keys[3] = {"pre-down", "down", "post-down"};
/* Their variables: left out of "env" when they are the first command, as they are. */
static const char *const phase_vars[3] = {"IF_PRE_DOWN", "IF_DOWN", "IF_POST_DOWN"};

/* Whether env entry kv ("KEY=value") is the first command of its phase in r. */
static bool implied(const struct ifcc_down_rec *r, const char *kv)
{
	for (int p = 0; p < 3; p++) {
		size_t n = strlen(phase_vars[p]);
		if (r->ncmds[p] && !strncmp(kv, phase_vars[p], n) && kv[n] == '=' &&
		    !strcmp(kv + n + 1, r->cmds[p][0].text))
			return true;
	}
	return false;
}

/* A JSON string of s; bytes that are not UTF-8 text (which jansson refuses) as '?'. */
static json_t *jstr(const char *s)
{
	json_t *j = json_string(s);
	if (j || !s)
		return j;
	char *t = strdup(s);
	for (char *c = t; c && *c; c++)
		if ((unsigned char)*c >= 0x80)
			*c = '?';
	j = t ? json_string(t) : NULL;
	free(t);
	return j;
}

/* The index of path in files (added when new); -1 when out of memory. */
static json_int_t file_index(json_t *files, const char *path)
{
	size_t k;
	json_t *f;
	json_array_foreach(files, k, f)
	{
		if (!strcmp(json_string_value(f), path))
			return (json_int_t)k;
	}
	return json_array_append_new(files, jstr(path)) < 0
	           ? -1
	           : (json_int_t)json_array_size(files) - 1;
}

/* [FILE, LINE, COL], or NULL when loc has no file (or out of memory). */
static json_t *at_json(json_t *files, const struct ifcc_loc *loc)
{
	if (!loc->file)
		return NULL;
	json_int_t fi = file_index(files, loc->file->path);
	return fi < 0 ? NULL
	              : json_pack("[I,I,I]", fi, (json_int_t)loc->line, (json_int_t)loc->col);
}

static json_t *rec_json(json_t *files, const struct ifcc_down_rec *r)
{
	json_t *o = json_object(), *env = json_object();
	if (!o || !env) {
		json_decref(o);
		json_decref(env);
		return NULL;
	}
	int e = json_object_set_new(o, "name", jstr(r->name));
	json_t *at = at_json(files, &r->loc);
	if (at)
		e |= json_object_set_new(o, "at", at);
	e |= json_object_set_new(o, "env", env); /* o holds env from here on */
	for (size_t k = 0; !e && k < r->nenv; k++) {
		const char *eq = strchr(r->env[k], '=');
		if (implied(r, r->env[k]))
			continue;
		char *key = eq ? strndup(r->env[k], (size_t)(eq - r->env[k])) : NULL;
		if (key)
			e |= json_object_set_new(env, key, jstr(eq + 1));
		free(key);
	}
	for (int p = 0; !e && p < 3; p++) {
		json_t *cmds = r->ncmds[p] ? json_array() : NULL;
		for (size_t k = 0; cmds && !e && k < r->ncmds[p]; k++) {
			const struct ifcc_cmd_rec *c = &r->cmds[p][k];
			json_t *cmd = json_array(), *cat = at_json(files, &c->loc);
			e |= !cmd || json_array_append_new(cmd, jstr(c->text)) < 0 ||
			     (cat && json_array_extend(cmd, cat) < 0);
			json_decref(cat);
			e |= json_array_append_new(cmds, cmd) < 0;
		}
		if (cmds)
			e |= json_object_set_new(o, phase_keys[p], cmds);
	}
	if (e) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* `,\n  "usercmds": {...}`: one interface per line. */
static int write_record(FILE *f, const struct ifcc_down_record *r)
{
	json_t *files = json_array();
	json_t **lines = calloc(r->n + 1, sizeof(*lines));
	int e = !files || !lines;
	for (size_t k = 0; !e && k < r->n; k++)
		e = !(lines[k] = rec_json(files, &r->v[k]));
	char *fs = e ? NULL : json_dumps(files, JSON_COMPACT);
	e = e || !fs;
	if (!e)
		e = fprintf(f,
		            ",\n  \"usercmds\": {\"version\": %d, \"files\": %s, \"interfaces\": [",
		            RECORD_VERSION, fs) < 0;
	for (size_t k = 0; !e && k < r->n; k++) {
		e = fprintf(f, "%s\n    ", k ? "," : "") < 0 ||
		    json_dumpf(lines[k], f, JSON_COMPACT | JSON_PRESERVE_ORDER) < 0;
	}
	e = e || fputs(r->n ? "\n  ]}" : "]}", f) == EOF;
	free(fs);
	for (size_t k = 0; lines && k < r->n; k++)
		json_decref(lines[k]);
	free(lines);
	json_decref(files);
	return e ? -EIO : 0;
}

/* The snapshot document, with the record before its closing brace. */
static int write_doc(FILE *f, const struct ifcc_state *s, const struct ifcc_down_record *rec)
{
	if (!rec || !rec->present)
		return ifcc_state_write_json(s, f);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return -ENOMEM;
	int r = ifcc_state_write_json(s, m);
	if (fclose(m) && !r)
		r = -ENOMEM;
	while (!r && len && buf[len - 1] != '}')
		len--;
	if (!r && !len)
		r = -EIO; /* not a JSON object */
	size_t end = len ? len - 1 : 0;
	while (end && (buf[end - 1] == '\n' || buf[end - 1] == ' '))
		end--;
	if (!r &&
	    (fwrite(buf, 1, end, f) != end || write_record(f, rec) < 0 || fputs("\n}\n", f) == EOF))
		r = -EIO;
	free(buf);
	return r;
}

int ifcc_statefile_write(const char *path, const struct ifcc_state *s)
{
	return ifcc_statefile_write_record(path, s, NULL);
}

int ifcc_statefile_write_record(const char *path, const struct ifcc_state *s,
                                const struct ifcc_down_record *rec)
{
	char tmp[4096];
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	int r = make_parent(path);
	if (r < 0)
		return r;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -errno;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		r = -errno;
		close(fd);
		unlink(tmp);
		return r;
	}
	r = write_doc(f, s, rec);
	if (!r && (fflush(f) || fchmod(fd, 0644) || fsync(fd)))
		r = -errno;
	if (fclose(f) && !r)
		r = -EIO;
	if (!r && rename(tmp, path) < 0)
		r = -errno;
	if (r)
		unlink(tmp);
	return r;
}

int ifcc_lock(const char *path, int *fd)
{
	int r = make_parent(path);
	if (r < 0)
		return r;
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		return -errno;
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		r = errno == EWOULDBLOCK ? -EWOULDBLOCK : -errno;
		close(*fd);
		*fd = -1;
		return r;
	}
	return 0;
}

/* Reading the record back. */
struct rec_reader {
	struct arena *a;
	struct ifcc_diags *d;
	const char *path;
	struct ifcc_file **files;
	size_t nfiles;
	size_t index; /* the interface being read */
};

static int rec_fail(struct rec_reader *rr, const char *why)
{
	diag_add(rr->d, IFCC_ERROR, "state-snapshot", (struct ifcc_loc){0},
	         "%s: usercmds.interfaces[%zu]: %s", rr->path, rr->index, why);
	return -EINVAL;
}

/* [FILE, LINE, COL] starting at element `first` of arr into loc; absent: no location. */
static int read_at(struct rec_reader *rr, json_t *arr, size_t first, struct ifcc_loc *loc)
{
	*loc = (struct ifcc_loc){0};
	if (!arr || json_array_size(arr) == first)
		return 0;
	json_t *fi = json_array_get(arr, first), *ln = json_array_get(arr, first + 1),
	       *co = json_array_get(arr, first + 2);
	if (json_array_size(arr) != first + 3 || !json_is_integer(fi) || !json_is_integer(ln) ||
	    !json_is_integer(co) || json_integer_value(fi) < 0 ||
	    (size_t)json_integer_value(fi) >= rr->nfiles || json_integer_value(ln) < 0 ||
	    json_integer_value(ln) > UINT32_MAX || json_integer_value(co) < 0 ||
	    json_integer_value(co) > UINT32_MAX)
		return rec_fail(rr, "a location must be [FILE, LINE, COLUMN] with FILE in 'files'");
	loc->file = rr->files[json_integer_value(fi)];
	loc->line = loc->end_line = (uint32_t)json_integer_value(ln);
	loc->col = loc->end_col = (uint32_t)json_integer_value(co);
	return 0;
}

static int read_cmds(struct rec_reader *rr, json_t *o, int p, struct ifcc_down_rec *r)
{
	json_t *cmds = json_object_get(o, phase_keys[p]), *c;
	size_t k;
	if (!cmds)
		return 0;
	if (!json_is_array(cmds))
		return rec_fail(rr, arena_printf(rr->a, "'%s' must be an array", phase_keys[p]));
	r->cmds[p] = arena_alloc(rr->a, (json_array_size(cmds) + 1) * sizeof(*r->cmds[p]));
	if (!r->cmds[p])
		return -ENOMEM;
	json_array_foreach(cmds, k, c)
	{
		if (!json_is_array(c) || !json_is_string(json_array_get(c, 0)))
			return rec_fail(rr, arena_printf(rr->a,
			                                 "'%s' must hold [TEXT, FILE, LINE, "
			                                 "COLUMN] arrays",
			                                 phase_keys[p]));
		struct ifcc_cmd_rec *cr = &r->cmds[p][k];
		cr->text = arena_strdup(rr->a, json_string_value(json_array_get(c, 0)));
		int g = cr->text ? read_at(rr, c, 1, &cr->loc) : -ENOMEM;
		if (g < 0)
			return g;
	}
	r->ncmds[p] = json_array_size(cmds);
	return 0;
}

static int read_rec(struct rec_reader *rr, json_t *o, struct ifcc_down_rec *r)
{
	json_t *name = json_object_get(o, "name"), *env = json_object_get(o, "env"), *v;
	const char *key;
	if (!json_is_object(o) || !json_is_string(name))
		return rec_fail(rr, "an interface must be an object with a 'name'");
	if (env && !json_is_object(env))
		return rec_fail(rr, "'env' must be an object");
	r->name = arena_strdup(rr->a, json_string_value(name));
	r->env = arena_alloc(rr->a, (json_object_size(env) + 4) * sizeof(*r->env));
	if (!r->name || !r->env)
		return -ENOMEM;
	json_object_foreach(env, key, v)
	{
		if (!json_is_string(v))
			return rec_fail(rr, "the values of 'env' must be strings");
		if (!(r->env[r->nenv++] = arena_printf(rr->a, "%s=%s", key, json_string_value(v))))
			return -ENOMEM;
	}
	json_t *at = json_object_get(o, "at");
	if (at && !json_is_array(at))
		return rec_fail(rr, "'at' must be [FILE, LINE, COLUMN]");
	int g = read_at(rr, at, 0, &r->loc);
	for (int p = 0; !g && p < 3; p++)
		g = read_cmds(rr, o, p, r);
	for (int p = 0; !g && p < 3; p++)
		if (r->ncmds[p] && !json_object_get(env, phase_vars[p]) &&
		    !(r->env[r->nenv++] =
		          arena_printf(rr->a, "%s=%s", phase_vars[p], r->cmds[p][0].text)))
			return -ENOMEM;
	return g;
}

static int read_record(struct rec_reader *rr, json_t *uc, struct ifcc_down_record *out)
{
	json_t *ver = json_object_get(uc, "version"), *files = json_object_get(uc, "files"),
	       *ifs = json_object_get(uc, "interfaces"), *o;
	if (!json_is_object(uc) || !json_is_integer(ver))
		return rec_fail(rr, "'usercmds' must be an object with a 'version'");
	if (json_integer_value(ver) != RECORD_VERSION) {
		diag_add(rr->d, IFCC_WARNING, "state-snapshot", (struct ifcc_loc){0},
		         "%s: usercmds version %lld is not %d: the recorded down commands are "
		         "ignored",
		         rr->path, (long long)json_integer_value(ver), RECORD_VERSION);
		return 0;
	}
	if ((files && !json_is_array(files)) || !json_is_array(ifs))
		return rec_fail(rr, "'files' and 'interfaces' must be arrays");
	rr->nfiles = json_array_size(files);
	rr->files = arena_alloc(rr->a, (rr->nfiles + 1) * sizeof(*rr->files));
	out->v = arena_alloc(rr->a, (json_array_size(ifs) + 1) * sizeof(*out->v));
	if (!rr->files || !out->v)
		return -ENOMEM;
	for (size_t k = 0; k < rr->nfiles; k++) {
		json_t *f = json_array_get(files, k);
		if (!json_is_string(f))
			return rec_fail(rr, "'files' must hold strings");
		rr->files[k] = arena_alloc(rr->a, sizeof(**rr->files));
		if (!rr->files[k] ||
		    !(rr->files[k]->path = arena_strdup(rr->a, json_string_value(f))))
			return -ENOMEM;
		rr->files[k]->index = (uint32_t)k;
		/* read, but empty: diagnostics give the line and column, and no excerpt of a
		 * file that may have changed since */
		if (!(rr->files[k]->text = arena_strdup(rr->a, "")))
			return -ENOMEM;
	}
	json_array_foreach(ifs, rr->index, o)
	{
		out->v[rr->index] = (struct ifcc_down_rec){0};
		int g = read_rec(rr, o, &out->v[rr->index]);
		if (g < 0)
			return g;
	}
	out->n = json_array_size(ifs);
	out->present = true;
	return 0;
}

int ifcc_statefile_read_all(struct arena *a, const char *path, struct ifcc_state **state,
                            struct ifcc_down_record *r, struct ifcc_diags *d)
{
	*r = (struct ifcc_down_record){0};
	if (state)
		*state = NULL;
	json_error_t err;
	FILE *f = fopen(path, "r");
	if (!f)
		return errno == ENOENT ? 0 : -errno;
	json_t *doc = json_loadf(f, JSON_REJECT_DUPLICATES, &err);
	fclose(f);
	if (!doc) {
		diag_add(d, IFCC_ERROR, "state-snapshot", (struct ifcc_loc){0},
		         "%s: line %d, column %d: %s", path, err.line, err.column, err.text);
		return -EINVAL;
	}
	int g = state ? sj_state_from_doc(a, doc, state, d) : 0;
	json_t *uc = json_object_get(doc, "usercmds");
	struct rec_reader rr = {.a = a, .d = d, .path = path};
	if (g >= 0 && uc)
		g = read_record(&rr, uc, r);
	json_decref(doc);
	if (g < 0)
		*r = (struct ifcc_down_record){0};
	return g;
}

int ifcc_statefile_read_record(struct arena *a, const char *path, struct ifcc_down_record *r,
                               struct ifcc_diags *d)
{
	return ifcc_statefile_read_all(a, path, NULL, r, d);
}
