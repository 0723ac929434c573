/*
 * Shared helpers of the netlink unit tests (header-only): a dump context over a fresh
 * arena and state, and hand-built rtnetlink messages in the layout the kernel sends, for
 * the kinds and objects this machine's kernel cannot create (8021q, bonding, VRF, dummy,
 * VLAN filtering).
 */
#ifndef IFCC_TESTS_NL_TEST_H
#define IFCC_TESTS_NL_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <linux/if.h>
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "nl_int.h"

struct nl_fixture {
	struct arena a;
	struct ifcc_diags d;
	struct nld_ctx c;
};

static inline int fx_setup(void **state)
{
	struct nl_fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	arena_init(&f->a);
	diags_init(&f->d, &f->a);
	f->c = (struct nld_ctx){.a = &f->a, .d = &f->d, .s = ifcc_state_new(&f->a)};
	*state = f;
	return f->c.s ? 0 : -1;
}

static inline int fx_teardown(void **state)
{
	struct nl_fixture *f = *state;
	arena_free(&f->a);
	free(f);
	return 0;
}

#define FX_TEST(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

/* The links the messages refer to by ifindex. */
static inline void fx_names(struct nl_fixture *f, ...)
{
	va_list ap;
	va_start(ap, f);
	for (int ifindex; (ifindex = va_arg(ap, int)) > 0;)
		assert_int_equal(nld_name_add(&f->c, ifindex, va_arg(ap, const char *)), 0);
	va_end(ap);
}

/* A message of `type` with its family header, to which the test adds attributes. */
static inline struct nl_msg *msg_new(int type, const void *hdr, size_t len)
{
	struct nl_msg *m = nlmsg_alloc_simple(type, NLM_F_MULTI);
	assert_non_null(m);
	assert_int_equal(nlmsg_append(m, (void *)hdr, len, NLMSG_ALIGNTO), 0);
	/* As libnl marks what it receives: its parsers are found by protocol. */
	nlmsg_set_proto(m, NETLINK_ROUTE);
	return m;
}

/* An RTM_NEWLINK message being built: an up link with a MAC and MTU 1500, IFLA_LINK and
 * IFLA_MASTER when not 0, and, with a kind, IFLA_LINKINFO naming it with an open
 * IFLA_INFO_DATA for the test to fill; link_end closes it. */
struct link_build {
	struct nl_msg *m;
	struct nlattr *info, *data;
};

static inline struct link_build link_begin(int ifindex, const char *name, const char *kind,
                                           int link, int master)
{
	struct ifinfomsg ifi = {.ifi_family = AF_UNSPEC, .ifi_index = ifindex, .ifi_flags = IFF_UP};
	static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x01};
	struct link_build b = {msg_new(RTM_NEWLINK, &ifi, sizeof(ifi)), NULL, NULL};
	assert_int_equal(nla_put_string(b.m, IFLA_IFNAME, name), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_MTU, 1500), 0);
	assert_int_equal(nla_put(b.m, IFLA_ADDRESS, 6, mac), 0);
	if (link)
		assert_int_equal(nla_put_u32(b.m, IFLA_LINK, (uint32_t)link), 0);
	if (master)
		assert_int_equal(nla_put_u32(b.m, IFLA_MASTER, (uint32_t)master), 0);
	if (kind) {
		assert_non_null(b.info = nla_nest_start(b.m, IFLA_LINKINFO));
		assert_int_equal(nla_put_string(b.m, IFLA_INFO_KIND, kind), 0);
		assert_non_null(b.data = nla_nest_start(b.m, IFLA_INFO_DATA));
	}
	return b;
}

static inline struct nl_msg *link_end(struct link_build *b)
{
	if (b->data)
		nla_nest_end(b->m, b->data);
	if (b->info)
		nla_nest_end(b->m, b->info);
	return b->m;
}

/* Feeds one link message to the dump and returns the link it made (the last one). */
static inline const struct ifcc_link *fx_link(struct nl_fixture *f, struct nl_msg *m)
{
	size_t n = f->c.s->links.n;
	int r = nld_link_msg(&f->c, m);
	nlmsg_free(m);
	if (r)
		diags_render_text(&f->d, stderr, false);
	assert_int_equal(r, 0);
	assert_int_equal(f->c.s->links.n, n + 1);
	return &f->c.s->links.v[n];
}

#endif
