/* What the planner's files (plan.c, plan_links.c, plan_objects.c) share. */
#ifndef IFCC_BACKEND_PLAN_INT_H
#define IFCC_BACKEND_PLAN_INT_H

#include "ifcc/plan.h"

/* What happens to a link of the actual state. */
enum plan_astate {
	A_KEEP,	    /* stays; desired says how (maybe a link-set) */
	A_FOREIGN,  /* not ours: untouched */
	A_DEL,	    /* ours, no longer wanted: deleted */
	A_RECREATE, /* wanted, but the kernel cannot change it in place */
	A_CASCADE,  /* goes with a link it is stacked on (its lower, its veth peer) */
	A_RELEASE,  /* a physical link no longer configured: set down, released */
};
/* What happens to a link of the desired state. */
enum plan_dstate {
	D_SET,	/* exists (or, from a configuration, is assumed to): changed in place */
	D_NEW,	/* created */
	D_PEER, /* created by its veth peer's link-add, then changed in place */
	D_SKIP, /* cannot be made: its objects are left out */
};

/* Link name -> index in a state's sorted links: open addressing, FNV-1a. */
struct name_map {
	const struct ifcc_state *s;
	uint32_t *slot; /* index + 1; 0: empty */
	size_t mask;
};

struct planner {
	struct arena *a;
	const struct ifcc_state *des, *act, *owned;
	bool kernel;
	struct ifcc_plan *p;
	struct ifcc_diags *d;
	uint8_t *astate;		/* enum plan_astate, per actual link */
	uint8_t *dstate;		/* enum plan_dstate, per desired link */
	const struct ifcc_link **match; /* per desired link: the actual link it changes */
	struct ifcc_link *dlink;	/* per desired link: as it will be (vrf-table auto chosen) */
	const char **amaster;		/* per actual link: its master once teardown is done */
	struct ifcc_state *eff;		/* actual objects as the link ops leave them */
	struct name_map dmap, amap;	/* desired and actual links by name */
};

static inline bool plan_gone(const struct planner *pl, size_t ai)
{
	return pl->astate[ai] == A_DEL || pl->astate[ai] == A_RECREATE ||
	       pl->astate[ai] == A_CASCADE;
}

/* Index of the link named `name` in s (pl->des, pl->act or any other sorted state), or -1. */
long plan_link_index(const struct planner *pl, const struct ifcc_state *s, const char *name);
/* The link l is stacked on (VLAN or macvlan lower), or NULL. */
const char *plan_link_lower(const struct ifcc_link *l);
/* The interface a per-interface sysctl names (net.ipv4.conf.swp1/100.x → swp1.100), in a;
 * NULL for other sysctls or when out of memory. */
const char *plan_sysctl_ifname(struct arena *a, const char *name);

/* Appends an op; 0 or -ENOMEM. A source without a file falls back to the line that made
 * the link it acts on. */
int plan_push(struct planner *pl, enum ifcc_op_kind k, const char *ifname, const void *obj,
              const void *old, uint32_t fields, struct ifcc_loc src);

/* plan_links.c: decides every link's fate (astate, dstate, match, dlink, amaster). */
int plan_links_decide(struct planner *pl);
/* Teardown ops for links: releases, then deletions (uppers first). */
int plan_links_teardown(struct planner *pl);
/* Build ops for links: creations and changes, lowers and masters first. */
int plan_links_build(struct planner *pl);

/* plan_objects.c: the actual objects as the link ops leave them (pl->eff: without those
 * of deleted links and released ports, with the VLANs the kernel adds by itself). */
int plan_objects_prepare(struct planner *pl);
/* Deletions of routes, FDB entries and addresses. */
int plan_objects_teardown(struct planner *pl);
/* Sysctls, bridge VLANs (deletions, then additions), FDB entries, addresses, routes. */
int plan_objects_build(struct planner *pl);
/* The final master of the link named `name` (desired, else as teardown leaves it). */
const char *plan_final_master(const struct planner *pl, const char *name, bool *known);

#endif
