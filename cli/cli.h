/* Subcommands of the ifcc command; each returns the process exit status. */
#ifndef IFCC_CLI_H
#define IFCC_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/model.h"
#include "ifcc/usercmds.h"
#include "ifcc/validate.h"

int cmd_lint(int argc, char **argv);

/* What `ifcc lint` was asked for, shared by its per-file and fabric modes. */
struct lint_opts {
	bool json, sarif, werror, color;
	const struct ptrvec *disabled; /* const char *: --disable rule ids */
	const struct ifcc_validate_opts *vopts;
};

/* Renders n configurations' diagnostics; returns 2 when out of memory, 1 when there are
 * errors (or warnings with --werror), else 0. */
int lint_render(const struct ifcc_diags *const *diags, size_t n, const struct lint_opts *o);

/* ifcc lint --fabric DIR [--pair A,B]...: `pairs` holds the "A,B" arguments. Returns the
 * exit status. */
int lint_fabric(const char *dir, const struct ptrvec *pairs, const struct lint_opts *o);
int cmd_show(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_state(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_apply(int argc, char **argv);
int cmd_reload(int argc, char **argv);
int cmd_down(int argc, char **argv);
enum plan_format { PLAN_TEXT, PLAN_IP, PLAN_JSON };
/* "text", "ip", "json" -> the format; -1 for anything else. */
int plan_format_from(const char *s);
/* Prints the plan on stdout; 0, or -1 when it cannot be written. */
struct ifcc_plan;
int plan_print(const struct ifcc_plan *p, enum plan_format f);

/* ifquery -r: the file's interfaces with the kernel's values; the exit status. */
int query_running(const char *file, bool all, char *const *names, size_t n);
/* ifcc run as ifup, ifdown, ifreload or ifquery. */
int ifupdown_main(const char *prog, int argc, char **argv);

/* Runs phase ph's user commands (and if-PHASE.d scripts when scripts_dir is not NULL) of
 * the interfaces `names` (every interface with a stanza when n is 0), in dependency
 * order; failures are warnings in d. Returns how many failed, -1 when out of memory. */
int run_phase(const struct ifcc_model *m, char *const *names, size_t n, enum ifcc_phase ph,
              const char *scripts_dir, struct ifcc_diags *d);
/* The down record of m: every interface with a stanza, in dependency order; 0 or -1 when
 * out of memory. */
int down_record_of(struct arena *a, const struct ifcc_model *m, struct ifcc_down_record *out);
/* Runs down phase ph of the entries of r named in names (all of them when names is NULL),
 * last entry first (uppers before what they stand on); returns how many commands failed,
 * -1 when out of memory. */
int run_down_phase(const struct ifcc_down_record *r, char *const *names, size_t n,
                   enum ifcc_phase ph, const char *scripts_dir, struct ifcc_diags *d);
/* Every interface of m in dependency order (lower devices first); *got of them, or NULL
 * when out of memory. The caller frees it. */
const struct ifcc_iface **iface_order(const struct ifcc_model *m, size_t *got);

/*
 * interleave.c: the user commands interface by interface. interleave_plan regroups p's
 * build ops by interface (NULL when out of memory); interleave_opts sets the executor's
 * barriers to run, between one interface's ops and the next, the up and post-up phases of
 * the one and the pre-up phase of the other (and, first, the down and post-down phases of
 * `downs`); interleave_finish runs what is left once the plan has run.
 */
struct interleave;
struct ifcc_exec_opts;
struct interleave *interleave_plan(struct arena *a, const struct ifcc_model *m,
                                   struct ifcc_plan *p);
void interleave_opts(struct interleave *iv, char *const *names, size_t n,
                     const char *scripts_dir, const struct ifcc_down_record *downs,
                     struct ifcc_diags *d, struct ifcc_exec_opts *eo);
void interleave_finish(struct interleave *iv);
void interleave_free(struct interleave *iv);

#endif
