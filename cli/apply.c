/*
 * ifcc apply: make the running kernel what the configuration asks for, transactionally.
 * The kernel is read (netlink dump), the plan made against it, and executed (pipelined
 * netlink requests, /proc/sys). When an op fails, the kernel is read again and the plan
 * back to the state read first is executed, so that the switch is never left half
 * configured; the error names the line of the op that failed. `-n` prints the plan and
 * changes nothing.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ifcc/apply.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/netlink.h"
#include "ifcc/plan.h"
#include "ifcc/usercmds.h"

#define DEFAULT_FILE "/etc/network/interfaces"

enum mode { M_APPLY, M_RELOAD, M_DOWN };

struct apply_opts {
	const char *file, *state_file, *allow, *scripts_dir, *lock_file;
	enum plan_format format;
	enum mode mode;
	bool no_scripts;
	const char *exclude[16];
	size_t nexclude;
	bool dry_run, all, verbose;
	long fail_at;
	char **ifaces;
	size_t nifaces;
};

static void apply_usage(FILE *out)
{
	fputs("usage: ifcc apply [-i FILE] [-a | IFACE...] [-n] [-v] [--format=text|ip|json]\n"
	      "       ifcc reload [-i FILE] [-a | --allow CLASS] [-n] [-v] [--format=...]\n"
	      "  apply reads the kernel, plans what FILE asks for and applies it; when an\n"
	      "  operation fails, what was applied is rolled back and the error names its line.\n"
	      "  reload does the same and also removes what the last apply or reload made and\n"
	      "  FILE no longer asks for (links, addresses, VLANs, FDB entries, routes), as\n"
	      "  recorded in the state file\n"
	      "  -a   the interfaces marked auto (without -a or names: every interface)\n"
	      "  -X PATTERN  leave out the interfaces whose name matches (fnmatch); repeatable\n"
	      "  -n   print the plan (what would be done) and change nothing\n"
	      "  -v   print the plan before applying it\n"
	      "  --format  how -n and -v print the plan (as ifcc diff; default text)\n"
	      "  --state-file PATH  default " IFCC_STATE_FILE "\n"
	      "  --lock-file PATH   default " IFCC_LOCK_FILE "\n"
	      "  --no-scripts  run no user command (pre-up, up, ...) nor if-*.d script\n"
	      "  --scripts-dir DIR  where the if-PHASE.d folders are (default /etc/network)\n"
	      "       ifcc down [-i FILE] [-a | IFACE...] [-n] [-v]: take interfaces down: links\n"
	      "  the file made are deleted, ports set down and released, their addresses removed\n",
	      out);
}

static int parse_opts(int argc, char **argv, struct apply_opts *o)
{
	static const struct option opts[] = {
	    {"interfaces", required_argument, NULL, 'i'},
	    {"all", no_argument, NULL, 'a'},
	    {"no-act", no_argument, NULL, 'n'},
	    {"verbose", no_argument, NULL, 'v'},
	    {"format", required_argument, NULL, 'f'},
	    {"state-file", required_argument, NULL, 'S'},
	    {"lock-file", required_argument, NULL, 'L'},
	    {"allow", required_argument, NULL, 'A'},
	    {"no-scripts", no_argument, NULL, 'N'},
	    {"exclude", required_argument, NULL, 'X'},
	    {"scripts-dir", required_argument, NULL, 'D'},
	    {"fail-op", required_argument, NULL, 'F'}, /* fault injection, for tests */
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:anvhX:", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			o->file = optarg;
			break;
		case 'a':
			o->all = true;
			break;
		case 'n':
			o->dry_run = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'f': {
			int f = plan_format_from(optarg);
			if (f < 0) {
				fprintf(stderr, "ifcc apply: unknown format '%s'\n", optarg);
				return 2;
			}
			o->format = (enum plan_format)f;
			break;
		}
		case 'S':
			o->state_file = optarg;
			break;
		case 'L':
			o->lock_file = optarg;
			break;
		case 'A':
			o->allow = optarg;
			break;
		case 'N':
			o->no_scripts = true;
			break;
		case 'X':
			if (o->nexclude < sizeof(o->exclude) / sizeof(*o->exclude))
				o->exclude[o->nexclude++] = optarg;
			break;
		case 'D':
			o->scripts_dir = optarg;
			break;
		case 'F':
			o->fail_at = strtol(optarg, NULL, 10);
			break;
		case 'h':
			apply_usage(stdout);
			return 0;
		default:
			apply_usage(stderr);
			return 2;
		}
	}
	o->ifaces = argv + optind;
	o->nifaces = (size_t)(argc - optind);
	if (o->all && o->nifaces) {
		fputs("ifcc apply: -a and interface names exclude each other\n", stderr);
		return 2;
	}
	if (o->mode == M_RELOAD && o->nifaces) {
		fputs("ifcc reload: reloads all interfaces (-a) or a class (--allow CLASS)\n", stderr);
		return 2;
	}
	return -1;
}

static struct ifcc_state *dump(struct arena *a)
{
	struct ifcc_diags d;
	diags_init(&d, a);
	struct ifcc_state *s = NULL;
	if (ifcc_state_dump(a, &s, &d) < 0)
		s = NULL;
	diags_render_text(&d, stderr, false);
	return s;
}

/* The kernel error of a failed op, against the op's source line. */
static void report(const struct ifcc_plan *p, const struct ifcc_exec_result *r)
{
	const struct ifcc_op *op = &p->v[r->failed];
	if (op->source.file)
		fprintf(stderr, "%s:%u:%u: ", op->source.file->path, op->source.line,
		        op->source.col);
	fprintf(stderr, "error: kernel refused %s %s: %s%s%s\n", ifcc_op_name(op->kind),
	        op->ifname ? op->ifname : "", strerror(r->error), r->message ? ": " : "",
	        r->message ? r->message : "");
}

/* Whether the interfaces `names` (all when n is 0) have up commands to run, or the
 * if-*.d folders up scripts. */
static bool wants_interleave(const struct ifcc_model *m, char *const *names, size_t n,
                             const char *scripts_dir)
{
	if (ifcc_scripts_any(scripts_dir, false))
		return true;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		bool named = !n;
		for (size_t j = 0; j < n && !named; j++)
			named = !strcmp(names[j], i->name);
		if (named && ifcc_usercmds_any(i, false))
			return true;
	}
	return false;
}

/* Puts the kernel back as `before` said it was; 0 when it is. */
static int roll_back(struct arena *a, const struct ifcc_state *before)
{
	struct ifcc_state *now = dump(a);
	struct ifcc_diags d;
	diags_init(&d, a);
	struct ifcc_plan back;
	struct ifcc_plan_opts po = {.owned = now, .actual_is_kernel = true};
	if (!now || ifcc_plan_build(a, before, now, &po, &back, &d) < 0)
		return -1;
	struct ifcc_exec_result r;
	int st = ifcc_plan_execute(a, &back, before, now, NULL, &r);
	if (st) {
		fputs("ifcc apply: the rollback failed too: ", stderr);
		report(&back, &r);
		return -1;
	}
	fprintf(stderr, "ifcc apply: rolled back (%zu operation%s)\n", back.n,
	        back.n == 1 ? "" : "s");
	return 0;
}

/* --allow CLASS: the names of the interfaces of that class. */
static char **class_members(struct arena *a, const struct ifcc_model *m, const char *cls,
                            size_t *n)
{
	char **v = arena_alloc(a, (m->ifaces.n + 1) * sizeof(*v));
	*n = 0;
	for (size_t k = 0; v && k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		for (size_t c = 0; c < i->classes.n; c++)
			if (!strcmp(i->classes.v[c], cls)) {
				v[(*n)++] = (char *)i->name;
				break;
			}
	}
	return v;
}

static int run(struct apply_opts *o);

static int start(int argc, char **argv, enum mode mode)
{
	struct apply_opts o = {.file = DEFAULT_FILE, .format = PLAN_TEXT, .fail_at = -1,
	                       .state_file = IFCC_STATE_FILE, .scripts_dir = "/etc/network",
	                       .lock_file = IFCC_LOCK_FILE,
	                       .mode = mode};
	int st = parse_opts(argc, argv, &o);
	return st >= 0 ? st : run(&o);
}

int cmd_apply(int argc, char **argv)
{
	return start(argc, argv, M_APPLY);
}

int cmd_reload(int argc, char **argv)
{
	return start(argc, argv, M_RELOAD);
}

int cmd_down(int argc, char **argv)
{
	return start(argc, argv, M_DOWN);
}

static bool excluded(const struct apply_opts *o, const char *name)
{
	for (size_t k = 0; k < o->nexclude; k++)
		if (!fnmatch(o->exclude[k], name, 0))
			return true;
	return false;
}

/* The interfaces of the file (only those marked auto when auto_only), less -X; *all says
 * whether that is every interface of the file. */
static char **members(struct arena *a, const struct ifcc_model *m, const struct apply_opts *o,
                      bool auto_only, size_t *n, bool *all)
{
	char **v = arena_alloc(a, (m->ifaces.n + 1) * sizeof(*v));
	*n = 0;
	*all = true;
	for (size_t k = 0; v && k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit || i->kind == IFK_BRIDGE_VLAN)
			continue;
		if ((auto_only && !i->is_auto) || excluded(o, i->name))
			*all = false;
		else
			v[(*n)++] = (char *)i->name;
	}
	return v;
}

/* The plan of a down: the kernel without the interfaces taken down; ours to remove is
 * what the file makes. */
static int plan_down(struct arena *a, const struct ifcc_state *des,
                     const struct ifcc_state *before, struct apply_opts *o, struct ifcc_plan *p,
                     struct ifcc_diags *d)
{
	struct ifcc_state *target = ifcc_state_without(a, before, o->ifaces, o->nifaces);
	struct ifcc_plan_opts po = {.owned = des, .actual_is_kernel = true};
	return target ? ifcc_plan_build(a, target, before, &po, p, d) : -ENOMEM;
}

/* The recorded interfaces (old) that m no longer has, for a reload of the whole file
 * (`all`): they go down with the commands they were brought up with. An interface still in
 * m, even only as a port another stanza names, is not taken down (as ifupdown2's reload).
 * Interfaces whose stanza changed are not taken down either: ifupdown2 (with its shipped
 * ifreload_down_changed=0) runs no down command for them. */
static int gone_list(struct arena *a, const struct ifcc_model *m,
                     const struct ifcc_down_record *old, bool all, struct ifcc_down_record *out)
{
	*out = (struct ifcc_down_record){0};
	if (!m || !all || !old->n)
		return 0;
	out->v = arena_alloc(a, old->n * sizeof(*out->v));
	if (!out->v)
		return -ENOMEM;
	for (size_t k = 0; k < old->n; k++)
		if (!ifcc_model_find(m, old->v[k].name))
			out->v[out->n++] = old->v[k];
	return 0;
}

/* What `down` runs: the file's interfaces in dependency order, each with the commands it
 * was brought up with when the record has it (ifdown runs the saved configuration); the
 * recorded interfaces the file no longer has come first, so they go down last. */
static int down_list(struct arena *a, const struct ifcc_model *m,
                     const struct ifcc_down_record *old, struct ifcc_down_record *out)
{
	*out = (struct ifcc_down_record){0};
	if (!m)
		return 0;
	struct ifcc_down_record file;
	if (down_record_of(a, m, &file) < 0)
		return -ENOMEM;
	out->v = arena_alloc(a, (file.n + old->n + 1) * sizeof(*out->v));
	if (!out->v)
		return -ENOMEM;
	for (size_t k = 0; k < old->n; k++)
		if (!ifcc_down_record_find(&file, old->v[k].name))
			out->v[out->n++] = old->v[k];
	for (size_t k = 0; k < file.n; k++) {
		const struct ifcc_down_rec *r = ifcc_down_record_find(old, file.v[k].name);
		out->v[out->n++] = r ? *r : file.v[k];
	}
	return 0;
}

/* Takes the interfaces `names` out of the record (a copy in a). */
static int drop_named(struct arena *a, struct ifcc_down_record *r, char *const *names,
                      size_t n)
{
	struct ifcc_down_rec *v = arena_alloc(a, (r->n + 1) * sizeof(*v));
	size_t kept = 0;
	if (!v)
		return -ENOMEM;
	for (size_t k = 0; k < r->n; k++) {
		bool drop = false;
		for (size_t j = 0; j < n && !drop; j++)
			drop = !strcmp(names[j], r->v[k].name);
		if (!drop)
			v[kept++] = r->v[k];
	}
	r->v = v;
	r->n = kept;
	return 0;
}

static int run(struct apply_opts *op)
{
	struct apply_opts o = *op;
	static const char *const names[] = {"ifcc apply", "ifcc reload", "ifcc down"};
	const char *cmd = names[o.mode];
	int lock = -1;
	if (!o.dry_run && geteuid() != 0) {
		fprintf(stderr, "%s: changing the kernel needs root (-n plans without changing "
		        "anything)\n", cmd);
		return 2;
	}
	if (!o.dry_run) {
		int r = ifcc_lock(o.lock_file, &lock);
		if (r == -EWOULDBLOCK) {
			fprintf(stderr, "%s: another instance is running (%s is locked)\n", cmd,
			        o.lock_file);
			return 89;
		}
		if (r < 0)
			fprintf(stderr, "%s: warning: cannot lock %s: %s\n", cmd, o.lock_file,
			        strerror(-r));
	}
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	struct arena a;
	arena_init(&a);
	int status = 2;
	struct ifcc_model *m = ifcc_load_file(&cfg, o.file) < 0 ? NULL : ifcc_lower(&cfg);
	struct ifcc_state *des = m && !cfg.diags.errors ? ifcc_realise(&cfg, m) : NULL;
	diags_render_text(&cfg.diags, stderr, false);
	if (cfg.diags.errors)
		fprintf(stderr, "%s: %s has errors: nothing done\n", cmd, o.file);
	struct ifcc_state *before = des ? dump(&a) : NULL, *owned = NULL;
	struct ifcc_plan p;
	struct interleave *iv = NULL;
	struct ifcc_diags pd;
	diags_init(&pd, &a);
	struct ifcc_down_record old = {0}; /* the user commands of the last apply or reload */
	if (o.mode != M_APPLY && before) {
		/* reload: the state and the record, from one reading; down: the record only (one
		 * it cannot read leaves it the file's commands, as a missing one) */
		struct ifcc_diags rd;
		diags_init(&rd, &a);
		int r = o.mode == M_RELOAD
		            ? ifcc_statefile_read_all(&a, o.state_file, &owned, &old, &pd)
		            : (ifcc_statefile_read_record(&a, o.state_file, &old, &rd), 0);
		if (r < 0) {
			diags_render_text(&pd, stderr, false);
			fprintf(stderr, "%s: %s: %s\n", cmd, o.state_file, strerror(-r));
			goto out;
		}
	}
	bool whole = !o.nifaces && !o.allow; /* the record describes what was applied */
	if (o.allow && m) {
		o.ifaces = class_members(&a, m, o.allow, &o.nifaces);
	} else if (!o.nifaces && m && (o.all || o.nexclude || o.mode == M_DOWN)) {
		bool all;
		o.ifaces = members(&a, m, &o, o.all || o.mode == M_DOWN, &o.nifaces, &all);
		if (all && o.mode != M_DOWN)
			o.nifaces = 0; /* every interface: no selection */
		whole = all;
	}
	struct ifcc_plan_opts po = {.owned = owned, .actual_is_kernel = true};
	if (!before ||
	    (o.mode == M_DOWN ? plan_down(&a, des, before, &o, &p, &pd)
	                      : ifcc_plan_build(&a, des, before, &po, &p, &pd)) < 0 ||
	    (o.nifaces && ifcc_plan_select(&a, &p, des, before, o.ifaces, o.nifaces) < 0))
		goto out;
	diags_sort(&pd);
	diags_render_text(&pd, stderr, false);
	if (pd.errors)
		goto out;
	/* With user commands or if-*.d scripts to run, the plan runs interface by interface
	 * (interleave.c); the dry run shows it in that order too. */
	bool down = o.mode == M_DOWN, cmds = !o.no_scripts;
	if (cmds && !down && m && wants_interleave(m, o.ifaces, o.nifaces, o.scripts_dir) &&
	    !(iv = interleave_plan(&a, m, &p))) {
		fputs("ifcc apply: out of memory\n", stderr);
		goto out;
	}
	if (o.dry_run || o.verbose) {
		if (plan_print(&p, o.format) < 0)
			goto out;
	}
	if (o.dry_run) {
		status = 0;
		goto out;
	}
	/* user commands around the plan: pre-down of what goes down and pre-up before it,
	 * down, post-down, up and post-up after it; or, interleaved, each interface's between
	 * its ops and the next's */
	const char *sd = o.scripts_dir;
	struct ifcc_diags ud;
	diags_init(&ud, &a);
	struct ifcc_down_record downs;
	char *const *dn = o.ifaces; /* the entries of downs to run; NULL: all */
	if (down ? down_list(&a, m, &old, &downs) < 0
	         : gone_list(&a, m, &old, whole && !o.nifaces, &downs) < 0) {
		fputs("ifcc apply: out of memory\n", stderr);
		goto out;
	}
	if (!down)
		dn = NULL;
	if (cmds) {
		run_down_phase(&downs, dn, o.nifaces, IFCC_PHASE_PRE_DOWN, sd, &ud);
		if (!down && !iv)
			run_phase(m, o.ifaces, o.nifaces, IFCC_PHASE_PRE_UP, sd, &ud);
	}
	struct ifcc_exec_opts eo = {.fail_at = o.fail_at};
	if (iv)
		interleave_opts(iv, o.ifaces, o.nifaces, sd, &downs, &ud, &eo);
	struct ifcc_exec_result r;
	int e = ifcc_plan_execute(&a, &p, des, before, &eo, &r);
	if (iv && e == 0)
		interleave_finish(iv);
	if (cmds && !iv && e == 0) {
		run_down_phase(&downs, dn, o.nifaces, IFCC_PHASE_DOWN, sd, &ud);
		run_down_phase(&downs, dn, o.nifaces, IFCC_PHASE_POST_DOWN, sd, &ud);
		if (!down) {
			run_phase(m, o.ifaces, o.nifaces, IFCC_PHASE_UP, sd, &ud);
			run_phase(m, o.ifaces, o.nifaces, IFCC_PHASE_POST_UP, sd, &ud);
		}
	}
	diags_sort(&ud);
	diags_render_text(&ud, stderr, false);
	if (e == -ENOMEM) {
		fputs("ifcc apply: out of memory\n", stderr);
		goto out;
	}
	if (e < 0) {
		report(&p, &r);
		status = roll_back(&a, before) < 0 ? 2 : 1;
		goto out;
	}
	status = 0;
	/* What this run made is what the next reload owns; a run on some interfaces only
	 * leaves the record as it was, and a down takes its interfaces out of it. */
	struct ifcc_state *record = NULL;
	struct ifcc_down_record cmdrec = {0};
	if (down) {
		struct ifcc_diags rd;
		diags_init(&rd, &a);
		if (ifcc_statefile_read(&a, o.state_file, &record, &rd) == 0 && record)
			record = ifcc_state_without(&a, record, o.ifaces, o.nifaces);
		cmdrec = old;
		if (drop_named(&a, &cmdrec, o.ifaces, o.nifaces) < 0)
			record = NULL;
	} else if (whole) {
		record = des;
		if (down_record_of(&a, m, &cmdrec) < 0)
			record = NULL;
	}
	if (record) {
		int w = ifcc_statefile_write_record(o.state_file, record, &cmdrec);
		if (w < 0)
			fprintf(stderr, "%s: warning: cannot write %s: %s\n", cmd, o.state_file,
			        strerror(-w));
	}
out:
	interleave_free(iv);
	if (lock >= 0)
		close(lock);
	ifcc_config_free(&cfg);
	arena_free(&a);
	return status;
}
