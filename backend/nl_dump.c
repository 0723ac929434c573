/* ifcc_state_dump: one rtnetlink socket, each object kind dumped in turn. */
#include <errno.h>

#include <netlink/errno.h>
#include <netlink/socket.h>

#include "nl_int.h"

static int open_socket(struct nld_ctx *c)
{
	if (!(c->sk = nl_socket_alloc()))
		return -ENOMEM;
	int r = nl_connect(c->sk, NETLINK_ROUTE);
	if (r < 0)
		return nld_fail(c, -EIO, "cannot open a netlink socket: %s", nl_geterror(r));
	/* Dumps end with NLMSG_DONE: no acknowledgement to wait for. Peeking sizes the
	 * receive buffer to each message, however many VLANs a port carries. */
	nl_socket_disable_auto_ack(c->sk);
	nl_socket_enable_msg_peek(c->sk);
	return 0;
}

static int dump_all(struct nld_ctx *c)
{
	int r;
	if ((r = open_socket(c)) < 0 || (r = nld_links(c)) < 0)
		return r;
	/* The VLAN dump finds bridges by name and the route dump VRFs by table. */
	ifcc_state_sort(c->s);
	if ((r = nld_addresses(c)) < 0 || (r = nld_bridge_vlans(c)) < 0 || (r = nld_fdb(c)) < 0 ||
	    (r = nld_routes(c)) < 0 || (r = nld_rules(c)) < 0 || (r = nld_sysctls(c, "/proc/sys")) < 0)
		return r;
	ifcc_state_sort(c->s);
	return 0;
}

int ifcc_state_dump(struct arena *a, struct ifcc_state **out, struct ifcc_diags *d)
{
	struct nld_ctx c = {.a = a, .d = d, .s = ifcc_state_new(a)};
	*out = NULL;
	if (!c.s)
		return -ENOMEM;
	int r = dump_all(&c);
	if (c.sk)
		nl_socket_free(c.sk);
	if (!r)
		*out = c.s;
	return r;
}
