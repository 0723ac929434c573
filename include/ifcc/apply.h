/*
 * Executing a plan on the running kernel over rtnetlink (libnl-3), and through /proc/sys
 * for sysctls: no command is run. Requests are pipelined: many are sent, then their
 * acknowledgements collected, not one round trip per op. New links get their ifindex
 * chosen in advance, so that an op can name a link created earlier in the same batch.
 */
#ifndef IFCC_APPLY_H
#define IFCC_APPLY_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/plan.h"

struct ifcc_exec_opts {
	long fail_at; /* fault injection for tests: op fail_at is failed, not sent; -1 none */
	/*
	 * Barriers: before op barriers[j] is sent, every op sent so far is acknowledged and,
	 * when none failed, at_barrier(ctx, barriers[j]) runs (the user commands between one
	 * interface's ops and the next). barriers ascending, each < the plan's length.
	 */
	const size_t *barriers;
	size_t nbarriers;
	void (*at_barrier)(void *ctx, size_t k);
	void *ctx;
};

struct ifcc_exec_result {
	size_t applied;	     /* ops the kernel acknowledged */
	long failed;	     /* the first op that failed, -1 if none */
	int error;	     /* its errno (positive) */
	const char *message; /* the kernel's extended acknowledgement, or NULL */
};

/*
 * Runs the ops of p in order. `desired` and `actual` are the states the plan was made
 * from (VRF tables and link kinds are looked up there). Stops sending at the first
 * failure (the ops already in flight are still collected). Returns 0 when every op was
 * applied, -1 when one failed (res says which and why), -ENOMEM.
 */
int ifcc_plan_execute(struct arena *a, const struct ifcc_plan *p, const struct ifcc_state *desired,
                      const struct ifcc_state *actual, const struct ifcc_exec_opts *o,
                      struct ifcc_exec_result *res);

/*
 * The state file: the state the last successful apply or reload made (the snapshot format
 * of docs/state-format.md), so that a reload knows what it owns: what an earlier run
 * created and the new file no longer asks for is removed. IFCC_STATE_FILE is where it
 * lives unless a command is told otherwise.
 */
#define IFCC_STATE_FILE "/run/network/ifcc/state.json"
#define IFCC_LOCK_FILE	"/run/network/.lock"

/* Reads the state file into a new state in a: 0 (with *out NULL when there is no file),
 * or a negative errno with a diagnostic in d. */
int ifcc_statefile_read(struct arena *a, const char *path, struct ifcc_state **out,
                        struct ifcc_diags *d);
/* Writes s atomically (a temporary file in the same folder, fsync, rename), creating the
 * folder when needed; 0 or a negative errno. */
int ifcc_statefile_write(const char *path, const struct ifcc_state *s);
/* Takes the exclusive lock ifupdown2's commands take (flock on path); the descriptor in
 * *fd, to keep until exit. 0, -EWOULDBLOCK when another instance holds it, or another
 * negative errno. */
int ifcc_lock(const char *path, int *fd);

#endif
