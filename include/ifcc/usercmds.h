/*
 * User commands (`pre-up`, `up`, `post-up`, `pre-down`, `down`, `post-down` lines) and the
 * /etc/network/if-PHASE.d scripts, run the way ifupdown2 runs them: each command line
 * through `/bin/sh -c`, in the order written, then the scripts, with the interface's
 * environment (IFACE, LOGICAL, ADDRFAM, METHOD, MODE, PHASE and IF_<ATTRIBUTE> = the
 * attribute's first value). Only apply, reload, up and down run them; lint, diff, check
 * and -n never do.
 *
 * The down phases of an interface can also run from a record kept in the state file (the
 * `usercmds` object below), so that a reload can take down an interface whose stanza is
 * gone from the file, and `ifcc down` runs what the interface was brought up with, as
 * ifupdown2 runs its saved configuration.
 */
#ifndef IFCC_USERCMDS_H
#define IFCC_USERCMDS_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/diag.h"
#include "ifcc/model.h"

struct ifcc_state;

enum ifcc_phase {
	IFCC_PHASE_PRE_UP,
	IFCC_PHASE_UP,
	IFCC_PHASE_POST_UP,
	IFCC_PHASE_PRE_DOWN,
	IFCC_PHASE_DOWN,
	IFCC_PHASE_POST_DOWN,
};

/* "pre-up", ... */
const char *ifcc_phase_name(enum ifcc_phase ph);

/*
 * Runs interface i's commands of phase ph, then the executables of
 * SCRIPTS_DIR/if-PHASE.d in name order (scripts_dir NULL: no scripts). A command that
 * fails is reported as a warning against its line, as ifupdown2 does, and the others
 * still run. Returns the number of commands and scripts that failed, or -ENOMEM.
 */
int ifcc_usercmds_run(const struct ifcc_iface *i, enum ifcc_phase ph, const char *scripts_dir,
                      struct ifcc_diags *d);

/* Whether i has any command line of a phase of `up` (pre-up, up, post-up) or of `down`. */
bool ifcc_usercmds_any(const struct ifcc_iface *i, bool down);
/* Whether SCRIPTS_DIR/if-PHASE.d has a script for a phase of `up` or of `down`. */
bool ifcc_scripts_any(const char *scripts_dir, bool down);

/* A recorded command line: its text and where it was written. */
struct ifcc_cmd_rec {
	const char *text;
	struct ifcc_loc loc;
};

/* What taking interface `name` down needs once its stanza may be gone. */
struct ifcc_down_rec {
	const char *name;
	struct ifcc_loc loc; /* the stanza's name: script failures are reported here */
	const char **env;    /* "KEY=value": ADDRFAM, METHOD and the IF_* variables */
	size_t nenv;
	struct ifcc_cmd_rec *cmds[3]; /* the lines of pre-down, down and post-down */
	size_t ncmds[3];
};

/* The record of one configuration: every interface with a stanza, in dependency order
 * (lower devices, ports and VRF slaves first), so that down runs it backwards. */
struct ifcc_down_record {
	struct ifcc_down_rec *v;
	size_t n;
	bool present; /* false: none known (no state file, or one written without it) */
};

/* The record entry of i, its strings in a (or shared with i); 0 or -ENOMEM. */
int ifcc_down_rec_from_iface(struct arena *a, const struct ifcc_iface *i,
                             struct ifcc_down_rec *out);
/* The entry of r named `name`, or NULL. */
const struct ifcc_down_rec *ifcc_down_record_find(const struct ifcc_down_record *r,
                                                  const char *name);
/*
 * Runs the recorded commands of down phase ph (pre-down, down or post-down) of r, then the
 * SCRIPTS_DIR/if-PHASE.d scripts, with IFACE and LOGICAL = the name, MODE=stop, PHASE and
 * the recorded variables; failures are warnings at the recorded lines. Returns how many
 * failed, or -ENOMEM.
 */
int ifcc_usercmds_run_rec(const struct ifcc_down_rec *r, enum ifcc_phase ph,
                          const char *scripts_dir, struct ifcc_diags *d);

/*
 * The state file (include/ifcc/apply.h) with the record: the snapshot document gets one
 * more key, which readers of snapshots ignore,
 *
 *   "usercmds": {"version": 1, "files": [PATH...], "interfaces": [
 *     {"name": N, "at": [FILE, LINE, COL], "env": {"ADDRFAM": ..., "IF_...": ...},
 *      "pre-down": [[TEXT, FILE, LINE, COL]...], "down": [...], "post-down": [...]}, ...]}
 *
 * FILE an index in "files"; an empty phase is left out; one interface per line. Writes
 * like ifcc_statefile_write; r NULL or not present: no record.
 */
int ifcc_statefile_write_record(const char *path, const struct ifcc_state *s,
                                const struct ifcc_down_record *r);
/* Reads the record of the state file into r (strings in a): 0 with r->present false when
 * there is no file or no record (an older ifcc's file) or a newer version of it (with a
 * warning in d); -EINVAL with an error in d when it is malformed; another -errno. */
int ifcc_statefile_read_record(struct arena *a, const char *path, struct ifcc_down_record *r,
                               struct ifcc_diags *d);
/* The same and, when state is not NULL, the recorded state (as ifcc_statefile_read), from
 * one reading of the file. */
int ifcc_statefile_read_all(struct arena *a, const char *path, struct ifcc_state **state,
                            struct ifcc_down_record *r, struct ifcc_diags *d);

#endif
