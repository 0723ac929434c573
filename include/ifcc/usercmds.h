/*
 * User commands (`pre-up`, `up`, `post-up`, `pre-down`, `down`, `post-down` lines) and the
 * /etc/network/if-PHASE.d scripts, run the way ifupdown2 runs them: each command line
 * through `/bin/sh -c`, in the order written, then the scripts, with the interface's
 * environment (IFACE, LOGICAL, ADDRFAM, METHOD, MODE, PHASE and IF_<ATTRIBUTE> = the
 * attribute's first value). Only apply, reload, up and down run them; lint, diff, check
 * and -n never do.
 */
#ifndef IFCC_USERCMDS_H
#define IFCC_USERCMDS_H

#include "ifcc/diag.h"
#include "ifcc/model.h"

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

#endif
