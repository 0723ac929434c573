/* realise: links per kind, addresses, bridge VLANs, VRR macvlans, FDB, routes, sysctls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/state.h"

struct fixture {
	struct ifcc_config cfg;
	struct ifcc_state *s;
};

static struct ifcc_state *realise(struct fixture *f, const char *text)
{
	ifcc_config_init(&f->cfg);
	assert_int_equal(ifcc_load_buffer(&f->cfg, "t", text, strlen(text)), 0);
	struct ifcc_model *m = ifcc_lower(&f->cfg);
	assert_non_null(m);
	f->s = ifcc_realise(&f->cfg, m);
	assert_non_null(f->s);
	return f->s;
}

static const struct ifcc_link *link_(const struct ifcc_state *s, const char *name)
{
	const struct ifcc_link *l = ifcc_state_find_link(s, name);
	if (!l)
		fail_msg("no link %s", name);
	return l;
}

static const char *mac(const struct ifcc_mac *m, char *buf)
{
	ifcc_mac_format(m, buf, 32);
	return buf;
}

static size_t count_addresses(const struct ifcc_state *s, const char *ifname, uint32_t metric)
{
	size_t n = 0;
	for (size_t k = 0; k < s->addresses.n; k++)
		n +=
		    !strcmp(s->addresses.v[k].ifname, ifname) && s->addresses.v[k].metric == metric;
	return n;
}

static const struct ifcc_bridge_vlan *bvlan(const struct ifcc_state *s, const char *ifname,
                                            unsigned vid)
{
	for (size_t k = 0; k < s->bridge_vlans.n; k++)
		if (!strcmp(s->bridge_vlans.v[k].ifname, ifname) && s->bridge_vlans.v[k].vid == vid)
			return &s->bridge_vlans.v[k];
	return NULL;
}

static size_t count_bvlans(const struct ifcc_state *s, const char *ifname)
{
	size_t n = 0;
	for (size_t k = 0; k < s->bridge_vlans.n; k++)
		n += !strcmp(s->bridge_vlans.v[k].ifname, ifname);
	return n;
}

static const struct ifcc_sysctl *sysctl_(const struct ifcc_state *s, const char *name)
{
	for (size_t k = 0; k < s->sysctls.n; k++)
		if (!strcmp(s->sysctls.v[k].name, name))
			return &s->sysctls.v[k];
	return NULL;
}

static void test_svi_vrr(void **state)
{
	(void)state;
	struct fixture f;
	char b[32];
	const struct ifcc_state *s =
	    realise(&f, "iface br0\n bridge-ports swp1\n bridge-vlan-aware yes\n bridge-vids 10\n"
	                "iface RED\n vrf-table auto\n"
	                "iface vlan10\n vlan-raw-device br0\n vlan-id 10\n vrf RED\n"
	                " address 10.1.10.2/24\n"
	                " address-virtual 00:00:5E:00:01:01 10.1.10.1/24 2001:db8:10::1/64\n"
	                " address-virtual 00:00:5e:00:01:02 10.1.10.254/24\n");
	const struct ifcc_link *v0 = link_(s, "vlan10-v0"), *v1 = link_(s, "vlan10-v1");
	assert_int_equal(v0->kind, LK_MACVLAN);
	assert_string_equal(v0->u.macvlan.lower, "vlan10");
	assert_int_equal(v0->u.macvlan.mode, MACVLAN_PRIVATE);
	assert_true(v0->set & LF_ADDRESS);
	assert_string_equal(mac(&v0->address, b), "00:00:5e:00:01:01");
	assert_string_equal(mac(&v1->address, b), "00:00:5e:00:01:02");
	assert_string_equal(v0->master, "RED");
	assert_string_equal(v1->master, "RED");
	assert_true(v0->up);
	assert_int_equal(v1->source.line, 13);

	assert_int_equal(count_addresses(s, "vlan10-v0", 1024), 2);
	assert_int_equal(count_addresses(s, "vlan10-v1", 1024), 1);
	assert_int_equal(count_addresses(s, "vlan10", 0), 1);

	static const char *const dad[] = {"accept_dad", "dad_transmits", "enhanced_dad"};
	for (size_t k = 0; k < 3; k++) {
		for (int v = 0; v < 2; v++) {
			char name[80];
			snprintf(name, sizeof(name), "net.ipv6.conf.vlan10-v%d.%s", v, dad[k]);
			const struct ifcc_sysctl *sc = sysctl_(s, name);
			assert_non_null(sc);
			assert_string_equal(sc->value, "0");
		}
	}

	assert_int_equal(s->fdb.n, 2);
	for (size_t k = 0; k < 2; k++) {
		assert_string_equal(s->fdb.v[k].ifname, "br0");
		assert_int_equal(s->fdb.v[k].vid, 10);
		assert_true(s->fdb.v[k].self);
	}
	assert_string_equal(mac(&s->fdb.v[0].mac, b), "00:00:5e:00:01:01");
	/* The SVI's VLAN is on the bridge itself. */
	const struct ifcc_bridge_vlan *self = bvlan(s, "br0", 10);
	assert_non_null(self);
	assert_true(self->self);
	ifcc_config_free(&f.cfg);
}

static void test_dotted_and_bridge_base(void **state)
{
	(void)state;
	struct fixture f;
	const struct ifcc_state *s =
	    realise(&f, "iface bridge\n bridge-ports swp1\n bridge-vlan-aware yes\n"
	                "iface bridge.10\n address-virtual 00:00:5e:00:01:01 10.0.0.1/24\n"
	                "iface br5\n bridge-ports swp3\n address-virtual 00:00:5e:00:01:05\n"
	                " address-virtual none 10.5.0.1/24\n"
	                "iface averylongname.20\n vlan-raw-device swp4\n"
	                " address-virtual 00:00:5e:00:01:09\n");
	const struct ifcc_link *l = link_(s, "bridge-10-v0");
	assert_string_equal(l->u.macvlan.lower, "bridge.10");
	/* Not VLAN-aware: the bridge itself, no VLAN; `none`: no MAC, no FDB entry. */
	assert_false(link_(s, "br5-v1")->set & LF_ADDRESS);
	/* Up, like every macvlan of address-virtual (ifupdown2 3.0 leaves a new one down). */
	assert_true(link_(s, "br5-v1")->up && (link_(s, "br5-v1")->set & LF_ADMIN));
	assert_int_equal(count_addresses(s, "br5-v1", 1024), 1);
	assert_int_equal(count_addresses(s, "br5-v0", 1024), 0);
	/* 13 characters of the base name, dots made dashes. */
	assert_string_equal(link_(s, "averylongname-v0")->u.macvlan.lower, "averylongname.20");
	/* No bridge below a sub-interface of a port: no FDB entry. */
	assert_int_equal(s->fdb.n, 2);
	assert_string_equal(s->fdb.v[0].ifname, "br5");
	assert_int_equal(s->fdb.v[0].vid, 0);
	assert_string_equal(s->fdb.v[1].ifname, "bridge");
	assert_int_equal(s->fdb.v[1].vid, 10);
	ifcc_config_free(&f.cfg);
}

static void test_access_and_trunk(void **state)
{
	(void)state;
	struct fixture f;
	const struct ifcc_state *s =
	    realise(&f, "iface br0\n bridge-ports swp1 swp2 swp3\n bridge-vlan-aware yes\n"
	                " bridge-vids 10 20 30\n bridge-pvid 1\n"
	                "iface swp1\n bridge-access 10\n"
	                "iface swp2\n bridge-vids 20\n bridge-pvid 20\n");
	const struct ifcc_link *br = link_(s, "br0");
	assert_true(br->u.bridge.vlan_filtering);
	assert_string_equal(link_(s, "swp3")->master, "br0");
	assert_int_equal(link_(s, "swp3")->kind, LK_PHYSICAL);

	assert_int_equal(count_bvlans(s, "swp1"), 1);
	const struct ifcc_bridge_vlan *a = bvlan(s, "swp1", 10);
	assert_true(a->pvid && a->untagged);

	assert_int_equal(count_bvlans(s, "swp2"), 1);
	assert_true(bvlan(s, "swp2", 20)->pvid);

	assert_int_equal(count_bvlans(s, "swp3"), 4);
	assert_true(bvlan(s, "swp3", 1)->pvid && bvlan(s, "swp3", 1)->untagged);
	for (unsigned vid = 10; vid <= 30; vid += 10) {
		const struct ifcc_bridge_vlan *t = bvlan(s, "swp3", vid);
		assert_non_null(t);
		assert_false(t->pvid || t->untagged || t->self);
	}
	assert_true(bvlan(s, "br0", 1)->self);
	ifcc_config_free(&f.cfg);
}

static void test_bond(void **state)
{
	(void)state;
	struct fixture f;
	const struct ifcc_state *s =
	    realise(&f, "iface bond1\n bond-slaves swp1 swp2\n bond-mode 802.3ad\n"
	                " bond-miimon 100\n bond-lacp-rate fast\n bond-xmit-hash-policy layer3+4\n"
	                " bond-min-links 1\n mtu 9000\n");
	const struct ifcc_link *b = link_(s, "bond1");
	assert_int_equal(b->kind, LK_BOND);
	assert_int_equal(b->u.bond.mode, 4);
	assert_int_equal(b->u.bond.miimon, 100);
	assert_int_equal(b->u.bond.lacp_rate, 1);
	assert_int_equal(b->u.bond.xmit_hash, 1);
	assert_int_equal(b->u.bond.min_links, 1);
	assert_int_equal(b->mtu, 9000);
	for (int k = 1; k <= 2; k++) {
		char name[8];
		snprintf(name, sizeof(name), "swp%d", k);
		const struct ifcc_link *p = link_(s, name);
		assert_int_equal(p->kind, LK_PHYSICAL);
		assert_string_equal(p->master, "bond1");
		/* An implicit port points at the line that named it. */
		assert_int_equal(p->source.line, 2);
	}
	ifcc_config_free(&f.cfg);
}

static void test_vrf_and_link_fields(void **state)
{
	(void)state;
	struct fixture f;
	char b[64];
	const struct ifcc_state *s =
	    realise(&f, "iface RED\n vrf-table auto\n"
	                "iface BLUE\n vrf-table 1001\n"
	                "iface eth0\n address 192.0.2.10/24\n gateway 192.0.2.1\n vrf RED\n"
	                " alias uplink\n hwaddress 44:38:39:00:00:01\n link-down yes\n"
	                " ip-forward off\n");
	const struct ifcc_link *red = link_(s, "RED"), *blue = link_(s, "BLUE");
	assert_true(red->set & VRF_TABLE);
	assert_int_equal(red->u.vrf.table, 0);
	assert_int_equal(blue->u.vrf.table, 1001);
	const struct ifcc_link *e = link_(s, "eth0");
	assert_string_equal(e->master, "RED");
	assert_string_equal(e->alias, "uplink");
	assert_false(e->up);
	assert_string_equal(mac(&e->address, b), "44:38:39:00:00:01");
	assert_int_equal(s->routes.n, 1);
	assert_string_equal(s->routes.v[0].vrf, "RED");
	assert_string_equal(s->routes.v[0].dev, "eth0");
	ifcc_ip_format(&s->routes.v[0].gateway, b, sizeof(b));
	assert_string_equal(b, "192.0.2.1");
	assert_int_equal(s->routes.v[0].dst.len, 0);
	assert_string_equal(sysctl_(s, "net.ipv4.conf.eth0.forwarding")->value, "0");
	ifcc_config_free(&f.cfg);
}

static void test_single_vxlan(void **state)
{
	(void)state;
	struct fixture f;
	char b[64];
	const struct ifcc_state *s =
	    realise(&f, "iface lo inet loopback\n vxlan-local-tunnelip 10.0.0.1\n"
	                "iface vxlan48\n bridge-vlan-vni-map 10=10010 20-21=10020-10021\n"
	                " bridge-vids 10 20 21\n vxlan-learning no\n"
	                "iface br\n bridge-ports vxlan48\n bridge-vlan-aware yes\n");
	const struct ifcc_link *v = link_(s, "vxlan48");
	assert_int_equal(v->kind, LK_VXLAN);
	assert_true(v->u.vxlan.external && !v->u.vxlan.vnifilter); /* as ifupdown2 3.0 */
	assert_int_equal(v->u.vxlan.port, 4789);
	assert_true((v->set & LF_BRPORT) && (v->brport.set & BP_VLAN_TUNNEL) && v->brport.vlan_tunnel);
	assert_false(v->set & VXF_VNI);
	assert_false(v->u.vxlan.learning);
	ifcc_ip_format(&v->u.vxlan.local, b, sizeof(b));
	assert_string_equal(b, "10.0.0.1");
	assert_int_equal(bvlan(s, "vxlan48", 10)->tunnel_id, 10010);
	assert_int_equal(bvlan(s, "vxlan48", 20)->tunnel_id, 10020);
	assert_int_equal(bvlan(s, "vxlan48", 21)->tunnel_id, 10021);
	assert_int_equal(link_(s, "lo")->kind, LK_PHYSICAL);
	ifcc_config_free(&f.cfg);
}

static void test_compare(void **state)
{
	(void)state;
	struct fixture f, g;
	const struct ifcc_state *a =
	    realise(&f, "iface br0\n bridge-ports swp1\n mtu 9000\n"
	                "iface vlan10\n vlan-raw-device br0\n vlan-id 10\n");
	const struct ifcc_state *b =
	    realise(&g, "iface br0\n bridge-ports swp1\n mtu 1500\n"
	                " bridge-vlan-aware yes\n"
	                "iface vlan10\n vlan-raw-device br0\n vlan-id 20\n");
	assert_int_equal(ifcc_link_compare(link_(a, "br0"), link_(b, "br0")),
	                 LF_MTU | BRF_VLAN_FILTERING);
	assert_int_equal(ifcc_link_compare(link_(a, "vlan10"), link_(b, "vlan10")), VLF_ID);
	assert_int_equal(ifcc_link_compare(link_(a, "swp1"), link_(b, "swp1")), 0);
	assert_int_equal(ifcc_link_compare(link_(a, "br0"), link_(a, "swp1")), LF_KIND);
	/* br0's own VLAN 1 exists only on the VLAN-aware side. */
	assert_int_equal(a->bridge_vlans.n, 0);
	assert_true(b->bridge_vlans.n > 0);
	ifcc_config_free(&f.cfg);
	ifcc_config_free(&g.cfg);
}

static void test_same_values(void **state)
{
	(void)state;
	struct fixture f, g;
	const struct ifcc_state *a =
	    realise(&f, "iface br0\n bridge-ports swp1\n bridge-vlan-aware yes\n"
	                "iface swp1\n bridge-access 10\n"
	                "iface eth0\n gateway 192.0.2.1\n");
	const struct ifcc_state *b =
	    realise(&g, "iface br0\n bridge-ports swp1\n bridge-vlan-aware yes\n"
	                "iface swp1\n bridge-vids 10\n bridge-pvid 1\n"
	                "iface eth0\n gateway 192.0.2.254\n");
	const struct ifcc_bridge_vlan *x = bvlan(a, "swp1", 10), *y = bvlan(b, "swp1", 10);
	assert_int_equal(ifcc_bridge_vlan_key_cmp(x, y), 0);
	assert_false(ifcc_bridge_vlan_same(x, y));
	assert_true(ifcc_bridge_vlan_same(bvlan(a, "br0", 1), bvlan(b, "br0", 1)));
	assert_int_equal(ifcc_route_key_cmp(&a->routes.v[0], &b->routes.v[0]), 0);
	assert_false(ifcc_route_same(&a->routes.v[0], &b->routes.v[0]));
	ifcc_config_free(&f.cfg);
	ifcc_config_free(&g.cfg);
}

static void test_duplicates_first_wins(void **state)
{
	(void)state;
	struct fixture f;
	const struct ifcc_state *s =
	    realise(&f, "iface swp1\n address 10.0.0.1/24\n address 10.0.0.1/24\n");
	assert_int_equal(s->addresses.n, 1);
	assert_int_equal(s->addresses.v[0].source.line, 2);
	ifcc_config_free(&f.cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_svi_vrr),
	    cmocka_unit_test(test_dotted_and_bridge_base),
	    cmocka_unit_test(test_access_and_trunk),
	    cmocka_unit_test(test_bond),
	    cmocka_unit_test(test_vrf_and_link_fields),
	    cmocka_unit_test(test_single_vxlan),
	    cmocka_unit_test(test_compare),
	    cmocka_unit_test(test_same_values),
	    cmocka_unit_test(test_duplicates_first_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
