/* Dump requests over one rtnetlink socket, and the errors they end in. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/errno.h>
#include <netlink/handlers.h>
#include <netlink/socket.h>

#include "nl_int.h"

/* How often a dump the kernel interrupted (its tables changed meanwhile) is run again. */
#define DUMP_TRIES 5

int nld_fail(struct nld_ctx *c, int err, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	diag_add(c->d, IFCC_ERROR, "state-dump", (struct ifcc_loc){0}, "kernel: %s", buf);
	return err;
}

struct dump_run {
	struct nld_ctx *c;
	nld_msg_fn fn;
};

static int on_valid(struct nl_msg *m, void *arg)
{
	struct dump_run *run = arg;
	if (!run->c->err) {
		int r = run->fn(run->c, m);
		if (r < 0)
			run->c->err = r;
	}
	/* Always read on to the end of the dump, so that the next request on this socket
	 * does not find this one's answers first. */
	return NL_OK;
}

static int request(struct nld_ctx *c, int type, const void *hdr, size_t hdrlen, uint32_t ext_mask)
{
	struct nl_msg *m = nlmsg_alloc_simple(type, NLM_F_DUMP);
	if (!m)
		return -NLE_NOMEM;
	int r = nlmsg_append(m, (void *)hdr, hdrlen, NLMSG_ALIGNTO);
	if (!r && ext_mask)
		r = nla_put_u32(m, IFLA_EXT_MASK, ext_mask);
	if (!r)
		r = nl_send_auto(c->sk, m);
	nlmsg_free(m);
	return r < 0 ? r : 0;
}

/* libnl's error codes to the errno the caller reports. */
static int errno_of(int nlerr)
{
	switch (-nlerr) {
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
	case NLE_NOACCESS:
		return -EPERM;
	default:
		return -EIO;
	}
}

int nld_dump(struct nld_ctx *c, const char *what, int type, const void *hdr, size_t hdrlen,
             uint32_t ext_mask, nld_msg_fn fn, void (*restart)(struct nld_ctx *c))
{
	struct dump_run run = {c, fn};
	int r = nl_socket_modify_cb(c->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &run);
	for (int tries = 1; !r; tries++) {
		c->err = 0;
		r = request(c, type, hdr, hdrlen, ext_mask);
		if (!r)
			r = nl_recvmsgs_default(c->sk);
		if (r != -NLE_DUMP_INTR || tries == DUMP_TRIES)
			break;
		if (restart)
			restart(c);
		r = 0;
	}
	if (r < 0) {
		int e = errno_of(r);
		return e == -ENOMEM ? e
		                    : nld_fail(c, e, "cannot dump %s: %s", what, nl_geterror(r));
	}
	return c->err;
}
