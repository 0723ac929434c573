/*
 * The plan executor: pipelined rtnetlink requests through libnl-3. Op k's requests carry
 * sequence number seq0 + k and ask for an acknowledgement; up to EXEC_WINDOW requests are
 * in flight before the acknowledgements are read. The kernel handles a socket's requests
 * in order, so a request may name a link that an earlier one in the same window creates
 * (its ifindex is chosen in advance). Sysctls are written through /proc/sys once every
 * request before them is acknowledged. The first failure stops the sending; what is in
 * flight is still collected, so that the result says exactly what was applied.
 */
#include <errno.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netlink.h>
#include <netlink/attr.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>

#include "exec_int.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static size_t name_slot(const struct exec_names *m, const char *name)
{
	size_t h = name_hash(name) & (m->cap - 1);
	while (m->name[h] && strcmp(m->name[h], name))
		h = (h + 1) & (m->cap - 1);
	return h;
}

int exec_ifindex(const struct exec *x, const char *name)
{
	if (!name || !x->names.cap)
		return 0;
	size_t h = name_slot(&x->names, name);
	return x->names.name[h] ? x->names.index[h] : 0;
}

int exec_name_set(struct exec *x, const char *name, int index)
{
	struct exec_names *m = &x->names;
	if (2 * (m->n + 1) > m->cap) {
		struct exec_names big = {.cap = m->cap ? 2 * m->cap : 256, .next = m->next};
		big.name = arena_alloc(x->a, big.cap * sizeof(*big.name));
		big.index = arena_alloc(x->a, big.cap * sizeof(*big.index));
		if (!big.name || !big.index)
			return -ENOMEM;
		memset(big.name, 0, big.cap * sizeof(*big.name));
		for (size_t k = 0; k < m->cap; k++)
			if (m->name[k]) {
				size_t h = name_slot(&big, m->name[k]);
				big.name[h] = m->name[k];
				big.index[h] = m->index[k];
				big.n++;
			}
		*m = big;
	}
	size_t h = name_slot(m, name);
	m->n += !m->name[h];
	m->name[h] = name;
	m->index[h] = index;
	if (index >= m->next)
		m->next = index + 1;
	return 0;
}

int exec_new_index(struct exec *x)
{
	return x->names.next++;
}

/* The namespace's links, from the kernel's own index. */
static int load_names(struct exec *x)
{
	struct if_nameindex *all = if_nameindex();
	if (!all)
		return -errno;
	int r = 0;
	x->names.next = 1;
	for (struct if_nameindex *i = all; !r && i->if_index; i++) {
		const char *n = arena_strdup(x->a, i->if_name);
		r = n ? exec_name_set(x, n, (int)i->if_index) : -ENOMEM;
	}
	if_freenameindex(all);
	return r;
}

int exec_send(struct exec *x, size_t k, struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);
	h->nlmsg_seq = x->seq0 + (uint32_t)k;
	h->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	int r = nl_send_auto(x->sk, m);
	nlmsg_free(m);
	if (r < 0)
		return -EIO;
	x->pending[k]++;
	x->inflight++;
	return 0;
}

/* The op a message answers, or -1. */
static long op_of(const struct exec *x, uint32_t seq)
{
	uint32_t k = seq - x->seq0;
	return k < x->p->n ? (long)k : -1;
}

/* NLMSGERR_ATTR_MSG of an extended acknowledgement, copied into the arena. */
static const char *ext_ack_message(struct exec *x, const struct nlmsgerr *e)
{
	const struct nlmsghdr *h = (const struct nlmsghdr *)((const char *)e - NLMSG_HDRLEN);
	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return NULL;
	size_t off = sizeof(*e);
	if (!(h->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off >= h->nlmsg_len)
		return NULL;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)e + off),
	              (int)(h->nlmsg_len - NLMSG_HDRLEN - off), NULL) < 0 ||
	    !tb[NLMSGERR_ATTR_MSG])
		return NULL;
	return arena_strndup(x->a, nla_data(tb[NLMSGERR_ATTR_MSG]),
	                     strnlen(nla_data(tb[NLMSGERR_ATTR_MSG]),
	                             (size_t)nla_len(tb[NLMSGERR_ATTR_MSG])));
}

static void settle(struct exec *x, long k, int err, const char *msg)
{
	if (k < 0 || !x->pending[k])
		return;
	x->pending[k]--;
	x->inflight--;
	if (err && (x->res->failed < 0 || k < x->res->failed)) {
		x->res->failed = k;
		x->res->error = err;
		x->res->message = msg;
	}
	if (!err && !x->pending[k] && x->res->failed != k)
		x->res->applied++;
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	(void)who;
	struct exec *x = arg;
	settle(x, op_of(x, e->msg.nlmsg_seq), -e->error, e->error ? ext_ack_message(x, e) : NULL);
	return NL_SKIP;
}

static int on_ack(struct nl_msg *m, void *arg)
{
	struct exec *x = arg;
	settle(x, op_of(x, nlmsg_hdr(m)->nlmsg_seq), 0, NULL);
	return NL_OK;
}

static int no_seq_check(struct nl_msg *m, void *arg)
{
	(void)m;
	(void)arg;
	return NL_OK;
}

/* Reads acknowledgements until nothing is in flight. */
static int collect(struct exec *x, struct nl_cb *cb)
{
	while (x->inflight) {
		int r = nl_recvmsgs(x->sk, cb);
		if (r < 0 && r != -NLE_AGAIN && r != -NLE_INTR)
			return -EIO;
	}
	return 0;
}

static int open_socket(struct exec *x)
{
	if (!(x->sk = nl_socket_alloc()))
		return -ENOMEM;
	if (nl_connect(x->sk, NETLINK_ROUTE) < 0)
		return -EIO;
	int one = 1;
	/* the kernel's reason for a refusal, reported against the op's source line */
	setsockopt(nl_socket_get_fd(x->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	nl_socket_set_buffer_size(x->sk, 4 << 20, 4 << 20);
	return 0;
}

static int run(struct exec *x, const struct ifcc_exec_opts *o, struct nl_cb *cb)
{
	const struct ifcc_plan *p = x->p;
	size_t nb = 0;
	for (size_t k = 0; k < p->n && x->res->failed < 0; k++) {
		const struct ifcc_op *op = &p->v[k];
		if (o && nb < o->nbarriers && o->barriers[nb] == k) {
			nb++;
			if (collect(x, cb) < 0)
				return -EIO;
			if (x->res->failed >= 0)
				break;
			o->at_barrier(o->ctx, k);
		}
		if (o && o->fail_at == (long)k) {
			if (collect(x, cb) < 0)
				return -EIO;
			if (x->res->failed < 0) {
				x->res->failed = (long)k;
				x->res->error = EIO;
				x->res->message = "failure injected for a test";
			}
			break;
		}
		int r;
		if (op->kind == IFCC_OP_SYSCTL_SET) {
			if (collect(x, cb) < 0)
				return -EIO;
			if (x->res->failed >= 0)
				break;
			if ((r = exec_sysctl(op->obj.sysctl)) < 0) {
				x->res->failed = (long)k;
				x->res->error = -r;
			} else {
				x->res->applied++;
			}
			continue;
		}
		r = op->kind <= IFCC_OP_LINK_DEL ? exec_link(x, k) : exec_object(x, k);
		if (r == -ENOMEM)
			return r;
		if (r < 0) {
			x->res->failed = (long)k;
			x->res->error = -r;
			break;
		}
		if (x->inflight >= EXEC_WINDOW && collect(x, cb) < 0)
			return -EIO;
	}
	return collect(x, cb);
}

int ifcc_plan_execute(struct arena *a, const struct ifcc_plan *p, const struct ifcc_state *desired,
                      const struct ifcc_state *actual, const struct ifcc_exec_opts *o,
                      struct ifcc_exec_result *res)
{
	*res = (struct ifcc_exec_result){.failed = -1};
	struct exec x = {.a = a, .p = p, .des = desired, .act = actual, .res = res, .seq0 = 1};
	x.pending = arena_alloc(a, (p->n + 1) * sizeof(*x.pending));
	if (!x.pending)
		return -ENOMEM;
	memset(x.pending, 0, (p->n + 1) * sizeof(*x.pending));
	int r = load_names(&x);
	struct nl_cb *cb = NULL;
	if (!r)
		r = open_socket(&x);
	if (!r && !(cb = nl_cb_alloc(NL_CB_CUSTOM)))
		r = -ENOMEM;
	if (!r) {
		nl_cb_err(cb, NL_CB_CUSTOM, on_error, &x);
		nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &x);
		nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
		r = run(&x, o, cb);
	}
	nl_cb_put(cb);
	nl_socket_free(x.sk);
	if (r < 0 && res->failed < 0) {
		res->failed = (long)res->applied;
		res->error = -r;
	}
	if (r == -ENOMEM)
		return r;
	return res->failed >= 0 ? -1 : 0;
}
