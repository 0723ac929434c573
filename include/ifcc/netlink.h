/*
 * The running kernel's network state, read over rtnetlink (libnl) and /proc/sys: the
 * "actual" side of a plan for apply, and `ifcc state dump`. No command is run.
 */
#ifndef IFCC_NETLINK_H
#define IFCC_NETLINK_H

#include "ifcc/arena.h"
#include "ifcc/diag.h"
#include "ifcc/state.h"

/*
 * Reads the current network namespace into a new state in `a`, sorted by key: every link
 * (kinds the model does not know as `physical`) with every field the kernel reports,
 * every address, the bridge VLANs of ports and bridges, the static and permanent bridge
 * FDB entries, the default routes via a gateway of the main and the VRF tables, and the
 * forwarding and DAD sysctls of every link. Nothing is filtered as foreign: the planner
 * decides what is ours. Returns 0; or -ENOMEM; or a negative errno (-EIO for a netlink
 * failure) with an error diagnostic (rule `state-dump`) in `d`, *out then NULL.
 */
int ifcc_state_dump(struct arena *a, struct ifcc_state **out, struct ifcc_diags *d);

#endif
