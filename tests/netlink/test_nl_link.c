/*
 * Links from hand-built RTM_NEWLINK messages, through libnl's parser and each kind's
 * from_nl hook: the kinds this machine's kernel lacks (8021q, bonding, VRF, dummy, VLAN
 * filtering) and the corners a namespace test cannot reach. The user-mode-linux tests
 * will check the same kinds against a full kernel.
 */
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include "link_ops.h"
#include "nl_test.h"

static void common_fields(const struct ifcc_link *l, const char *name)
{
	static const uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0x01};
	assert_string_equal(l->name, name);
	assert_true((l->set & (LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER)) ==
	            (LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER));
	assert_int_equal(l->mtu, 1500);
	assert_memory_equal(l->address.b, mac, 6);
	assert_true(l->up);
	assert_non_null(l->alias);
}

static void vlan_8021q(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 2, "eth0", 10, "eth0.10", 0);
	struct link_build b = link_begin(10, "eth0.10", "vlan", 2, 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VLAN_ID, 10), 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VLAN_PROTOCOL, htons(ETH_P_8021Q)), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	common_fields(l, "eth0.10");
	assert_int_equal(l->kind, LK_VLAN);
	assert_true((l->set & (VLF_LOWER | VLF_ID | VLF_PROTOCOL)) ==
	            (VLF_LOWER | VLF_ID | VLF_PROTOCOL));
	assert_string_equal(l->u.vlan.lower, "eth0");
	assert_int_equal(l->u.vlan.id, 10);
	assert_false(l->u.vlan.ad);
	assert_null(l->master);
	assert_string_equal(l->alias, "");
}

static void vlan_8021ad(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 2, "eth0", 11, "qinq", 0);
	struct link_build b = link_begin(11, "qinq", "vlan", 2, 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VLAN_ID, 4094), 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VLAN_PROTOCOL, htons(ETH_P_8021AD)), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_int_equal(l->u.vlan.id, 4094);
	assert_true(l->u.vlan.ad);
}

static void bond(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 4, "bond0", 0);
	struct link_build b = link_begin(4, "bond0", "bond", 0, 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BOND_MODE, 4), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_BOND_MIIMON, 100), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BOND_AD_LACP_RATE, 1), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BOND_XMIT_HASH_POLICY, 1), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_BOND_MIN_LINKS, 2), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	common_fields(l, "bond0");
	assert_int_equal(l->kind, LK_BOND);
	uint32_t all = BOF_MODE | BOF_MIIMON | BOF_LACP_RATE | BOF_XMIT_HASH | BOF_MIN_LINKS;
	assert_true((l->set & all) == all);
	assert_int_equal(l->u.bond.mode, 4);
	assert_int_equal(l->u.bond.miimon, 100);
	assert_int_equal(l->u.bond.lacp_rate, 1);
	assert_int_equal(l->u.bond.xmit_hash, 1);
	assert_int_equal(l->u.bond.min_links, 2);
}

/* A value the model has no name for stays unset rather than becoming another one. */
static void bond_unnamed_values(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 4, "bond1", 0);
	struct link_build b = link_begin(4, "bond1", "bond", 0, 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BOND_MODE, 6), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BOND_XMIT_HASH_POLICY, 5), 0); /* vlan+srcmac */
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_true(l->set & BOF_MODE);
	assert_int_equal(l->u.bond.mode, 6);
	assert_false(l->set & (BOF_XMIT_HASH | BOF_MIIMON | BOF_LACP_RATE | BOF_MIN_LINKS));
}

static void vrf_and_dummy(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 5, "vrf1", 6, "lo1", 0);
	struct link_build b = link_begin(5, "vrf1", "vrf", 0, 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_VRF_TABLE, 1001), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	common_fields(l, "vrf1");
	assert_int_equal(l->kind, LK_VRF);
	assert_true(l->set & VRF_TABLE);
	assert_int_equal(l->u.vrf.table, 1001);

	b = link_begin(6, "lo1", "dummy", 0, 5);
	l = fx_link(f, link_end(&b));
	common_fields(l, "lo1");
	assert_int_equal(l->kind, LK_DUMMY);
	assert_string_equal(l->master, "vrf1");
}

static void bridge(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "br0", 0);
	struct link_build b = link_begin(3, "br0", "bridge", 0, 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BR_VLAN_FILTERING, 1), 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_BR_VLAN_DEFAULT_PVID, 1), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_BR_STP_STATE, 2), 0); /* user-space STP */
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	common_fields(l, "br0");
	assert_int_equal(l->kind, LK_BRIDGE);
	uint32_t all = BRF_VLAN_FILTERING | BRF_DEFAULT_PVID | BRF_STP;
	assert_true((l->set & all) == all);
	assert_true(l->u.bridge.vlan_filtering);
	assert_int_equal(l->u.bridge.default_pvid, 1);
	assert_true(l->u.bridge.stp);
}

/* A kernel without VLAN filtering sends no default PVID: unset, not 0. */
static void bridge_without_vlan_filtering(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "br1", 0);
	struct link_build b = link_begin(3, "br1", "bridge", 0, 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_BR_VLAN_FILTERING, 0), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_BR_STP_STATE, 0), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_true(l->set & BRF_VLAN_FILTERING);
	assert_false(l->u.bridge.vlan_filtering);
	assert_false(l->set & BRF_DEFAULT_PVID);
	assert_false(l->u.bridge.stp);
}

static void macvlan(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 3, "vlan10", 7, "vlan10-v0", 8, "mvsrc", 0);
	struct link_build b = link_begin(7, "vlan10-v0", "macvlan", 3, 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_MACVLAN_MODE, MACVLAN_MODE_PRIVATE), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_int_equal(l->kind, LK_MACVLAN);
	assert_true((l->set & (MVF_LOWER | MVF_MODE)) == (MVF_LOWER | MVF_MODE));
	assert_string_equal(l->u.macvlan.lower, "vlan10");
	assert_int_equal(l->u.macvlan.mode, MACVLAN_PRIVATE);

	b = link_begin(8, "mvsrc", "macvlan", 3, 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_MACVLAN_MODE, MACVLAN_MODE_SOURCE), 0);
	l = fx_link(f, link_end(&b));
	assert_false(l->set & MVF_MODE);
}

/* A veth's peer is IFLA_LINK; with IFLA_LINK_NETNSID it lives in another namespace, where
 * its ifindex names nothing of this one. */
static void veth_peer(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 12, "veth1", 13, "veth1p", 14, "eth9", 0);
	struct link_build b = link_begin(12, "veth1", "veth", 13, 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_int_equal(l->kind, LK_VETH);
	assert_true(l->set & VEF_PEER);
	assert_string_equal(l->u.veth.peer, "veth1p");

	b = link_begin(14, "eth9", "veth", 13, 0);
	struct nl_msg *m = link_end(&b);
	assert_int_equal(nla_put_s32(m, IFLA_LINK_NETNSID, 0), 0);
	l = fx_link(f, m);
	assert_false(l->set & VEF_PEER);
}

static void vxlan_external(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 20, "vxlan48", 0);
	static const uint8_t local6[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 5};
	struct link_build b = link_begin(20, "vxlan48", "vxlan", 0, 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_VXLAN_ID, 0), 0);
	assert_int_equal(nla_put(b.m, IFLA_VXLAN_LOCAL6, 16, local6), 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VXLAN_PORT, htons(4789)), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_VXLAN_LEARNING, 0), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_VXLAN_COLLECT_METADATA, 1), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_VXLAN_VNIFILTER, 1), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_int_equal(l->kind, LK_VXLAN);
	uint32_t want = VXF_EXTERNAL | VXF_VNIFILTER | VXF_LOCAL | VXF_PORT | VXF_LEARNING;
	assert_int_equal(l->set & (want | VXF_VNI), want);
	assert_true(l->u.vxlan.external);
	assert_true(l->u.vxlan.vnifilter);
	assert_int_equal(l->u.vxlan.local.family, IFCC_AF_INET6);
	assert_memory_equal(l->u.vxlan.local.addr, local6, 16);
	assert_int_equal(l->u.vxlan.port, 4789);
	assert_false(l->u.vxlan.learning);
}

static void vxlan_single_vni(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 21, "vni100", 0);
	struct link_build b = link_begin(21, "vni100", "vxlan", 0, 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_VXLAN_ID, 100), 0);
	assert_int_equal(nla_put_u32(b.m, IFLA_VXLAN_LOCAL, htonl(0x0a000001)), 0);
	assert_int_equal(nla_put_u16(b.m, IFLA_VXLAN_PORT, htons(4789)), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_VXLAN_LEARNING, 1), 0);
	assert_int_equal(nla_put_u8(b.m, IFLA_VXLAN_COLLECT_METADATA, 0), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	assert_true(l->set & VXF_VNI);
	assert_int_equal(l->u.vxlan.vni, 100);
	assert_false(l->u.vxlan.external);
	assert_true(l->set & VXF_VNIFILTER);
	assert_false(l->u.vxlan.vnifilter);
	assert_int_equal(l->u.vxlan.local.family, IFCC_AF_INET);
	assert_memory_equal(l->u.vxlan.local.addr, ((uint8_t[]){10, 0, 0, 1}), 4);
	assert_true(l->u.vxlan.learning);
}

/* Kinds the model does not know, and links without a kind, are physical. */
static void physical(void **state)
{
	struct nl_fixture *f = *state;
	fx_names(f, 2, "swp1", 30, "tun0", 31, "bond9", 0);
	struct link_build b = link_begin(2, "swp1", NULL, 0, 31);
	assert_int_equal(nla_put_string(b.m, IFLA_IFALIAS, "to spine01"), 0);
	const struct ifcc_link *l = fx_link(f, link_end(&b));
	common_fields(l, "swp1");
	assert_int_equal(l->kind, LK_PHYSICAL);
	assert_string_equal(l->alias, "to spine01");
	assert_string_equal(l->master, "bond9");

	b = link_begin(30, "tun0", "tun", 0, 0);
	l = fx_link(f, link_end(&b));
	assert_int_equal(l->kind, LK_PHYSICAL);
}

/* Every kind the model creates reads its data from the kernel. */
static void every_kind_has_a_hook(void **state)
{
	(void)state;
	for (int k = 0; k < LK__COUNT; k++)
		if (k != LK_PHYSICAL && k != LK_DUMMY)
			assert_non_null(link_ops_get((enum ifcc_link_kind)k)->from_nl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FX_TEST(vlan_8021q),
	    FX_TEST(vlan_8021ad),
	    FX_TEST(bond),
	    FX_TEST(bond_unnamed_values),
	    FX_TEST(vrf_and_dummy),
	    FX_TEST(bridge),
	    FX_TEST(bridge_without_vlan_filtering),
	    FX_TEST(macvlan),
	    FX_TEST(veth_peer),
	    FX_TEST(vxlan_external),
	    FX_TEST(vxlan_single_vni),
	    FX_TEST(physical),
	    cmocka_unit_test(every_kind_has_a_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
