/* What the executor's files (exec.c, exec_link.c, exec_object.c) share. */
#ifndef IFCC_BACKEND_EXEC_INT_H
#define IFCC_BACKEND_EXEC_INT_H

#include <stdint.h>

#include <netlink/msg.h>
#include <netlink/netlink.h>

#include "ifcc/apply.h"

/* Link name -> ifindex: the namespace's links, then the indexes chosen for new links. */
struct exec_names {
	const char **name;
	int *index;
	size_t n, cap; /* open addressing; cap a power of two */
	int next;      /* the next index to give a new link */
};

/* At most this many requests are in flight before their acknowledgements are read. */
#define EXEC_WINDOW 256

struct exec {
	struct arena *a;
	struct nl_sock *sk;
	const struct ifcc_plan *p;
	const struct ifcc_state *des, *act;
	struct exec_names names;
	uint32_t seq0;	      /* sequence number of op 0; op k's requests carry seq0 + k */
	uint16_t *pending;    /* per op: acknowledgements still awaited */
	size_t inflight;      /* requests sent and not yet acknowledged */
	struct ifcc_exec_result *res;
};

/* The ifindex of link `name`, 0 when unknown. */
int exec_ifindex(const struct exec *x, const char *name);
/* Records name -> index (a new link); 0 or -ENOMEM. */
int exec_name_set(struct exec *x, const char *name, int index);
/* A free ifindex for a new link. */
int exec_new_index(struct exec *x);

/* Sends one request for op k (its sequence number and NLM_F_ACK set here); 0 or a
 * negative errno. The message is freed. */
int exec_send(struct exec *x, size_t k, struct nl_msg *m);

/* exec_link.c: the requests of a link-add, link-set or link-del op. */
int exec_link(struct exec *x, size_t k);
/* exec_object.c: the request of an address, bridge VLAN, FDB or route op. */
int exec_object(struct exec *x, size_t k);
/* exec_object.c: writes a sysctl through /proc/sys; 0 or a negative errno. */
int exec_sysctl(const struct ifcc_sysctl *s);

#endif
