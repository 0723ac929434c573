/* Lowering: kinds, merge rules, aliases, references, typed values, diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/frontend.h"
#include "ifcc/model.h"

struct fixture {
	struct ifcc_config cfg;
	struct ifcc_model *m;
};

static struct ifcc_model *load(struct fixture *f, const char *text)
{
	ifcc_config_init(&f->cfg);
	assert_int_equal(ifcc_load_buffer(&f->cfg, "t", text, strlen(text)), 0);
	f->m = ifcc_lower(&f->cfg);
	assert_non_null(f->m);
	return f->m;
}

static void done(struct fixture *f)
{
	ifcc_config_free(&f->cfg);
}

/* The n-th diagnostic with this rule (NULL if fewer). */
static const struct ifcc_diag *find_diag(const struct fixture *f, const char *rule, size_t n)
{
	for (size_t k = 0; k < f->cfg.diags.list.n; k++) {
		const struct ifcc_diag *g = f->cfg.diags.list.v[k];
		if (!strcmp(g->rule, rule) && n-- == 0)
			return g;
	}
	return NULL;
}

static size_t count_diags(const struct fixture *f, const char *rule)
{
	size_t n = 0;
	while (find_diag(f, rule, n))
		n++;
	return n;
}

static void test_kinds(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "auto lo\n"
					"iface lo inet loopback\n"
					"iface RED\n vrf-table auto\n"
					"iface bond1\n bond-slaves swp1 swp2\n"
					"iface br0\n bridge-ports bond1 vni10\n bridge-vlan-aware yes\n"
					"iface vni10\n vxlan-id 10\n"
					"iface vlan10\n vlan-raw-device br0\n vrf RED\n"
					"iface swp3.100\n"
					"iface vlan20\n"
					"iface d0\n link-type dummy\n");
	assert_int_equal(ifcc_model_find(m, "lo")->kind, IFK_LOOPBACK);
	assert_int_equal(ifcc_model_find(m, "RED")->kind, IFK_VRF);
	assert_int_equal(ifcc_model_find(m, "bond1")->kind, IFK_BOND);
	assert_int_equal(ifcc_model_find(m, "br0")->kind, IFK_BRIDGE);
	assert_true(ifcc_model_find(m, "br0")->vlan_aware);
	assert_int_equal(ifcc_model_find(m, "vni10")->kind, IFK_VXLAN);
	assert_int_equal(ifcc_model_find(m, "vlan10")->kind, IFK_VLAN);
	assert_int_equal(ifcc_model_find(m, "swp3.100")->kind, IFK_VLAN);
	/* vlan20 has neither vlan-raw-device nor a dot: not a VLAN for ifupdown2. */
	assert_int_equal(ifcc_model_find(m, "vlan20")->kind, IFK_PHYSICAL);
	assert_int_equal(ifcc_model_find(m, "d0")->kind, IFK_DUMMY);
	done(&f);
}

static void test_references(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "iface RED\n vrf-table auto\n"
					"iface bond1\n bond-slaves swp1 swp2\n"
					"iface br0\n bridge-ports bond1\n bridge-ports swp3\n"
					"iface vlan10\n vlan-raw-device br0\n vlan-id 10\n vrf RED\n"
					"iface swp4.200\n");
	struct ifcc_iface *br = ifcc_model_find(m, "br0"), *bond = ifcc_model_find(m, "bond1");
	assert_int_equal(br->ports.n, 2); /* bridge-ports: every line */
	assert_ptr_equal(br->ports.v[0], bond);
	assert_ptr_equal(bond->master, br);
	struct ifcc_iface *swp1 = ifcc_model_find(m, "swp1");
	assert_non_null(swp1);
	assert_true(swp1->implicit);
	assert_ptr_equal(swp1->master, bond);
	struct ifcc_iface *v = ifcc_model_find(m, "vlan10");
	assert_ptr_equal(v->lower, br);
	assert_ptr_equal(v->vrf, ifcc_model_find(m, "RED"));
	assert_true(v->has_vlan_id);
	assert_int_equal(v->vlan_id, 10);
	struct ifcc_iface *sub = ifcc_model_find(m, "swp4.200");
	assert_string_equal(sub->lower->name, "swp4");
	assert_int_equal(sub->vlan_id, 200);
	assert_int_equal(f.cfg.diags.errors, 0);
	done(&f);
}

static void test_merge_rules(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "iface swp1 inet static\n address 10.0.0.1/24\n mtu 9000\n"
					"auto swp1\n"
					"iface swp1 inet6 dhcp\n address 2001:db8::1/64\n mtu 1500\n"
					"iface eth0:1\n address 192.0.2.1/24\n"
					"iface eth0\n address 192.0.2.2/24\n");
	struct ifcc_iface *s = ifcc_model_find(m, "swp1");
	assert_int_equal(s->stanzas.n, 2);
	assert_int_equal(s->families, 3);
	assert_string_equal(s->method, "static"); /* the first stanza's method wins */
	assert_true(s->is_auto);		  /* OR of the stanzas: the second is auto */
	const struct ifcc_attr *addr = ifcc_iface_attr(s, "address");
	assert_int_equal(addr->lines.n, 2);
	/* mtu is first-line-wins: the second is reported, the first counts. */
	assert_string_equal(ifcc_iface_first(s, "mtu")->text, "9000");
	const struct ifcc_diag *g = find_diag(&f, "repeated-attribute", 0);
	assert_non_null(g);
	assert_int_equal(g->loc.line, 7);
	assert_int_equal(g->loc.col, 2);
	/* name:alias folds into name */
	struct ifcc_iface *e = ifcc_model_find(m, "eth0");
	assert_null(ifcc_model_find(m, "eth0:1"));
	assert_int_equal(ifcc_iface_attr(e, "address")->lines.n, 2);
	done(&f);
}

static void test_duplicate_stanza(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "iface swp6 inet manual\n"
					"iface swp6 inet manual\n");
	assert_int_equal(ifcc_model_find(m, "swp6")->stanzas.n, 1);
	const struct ifcc_diag *g = find_diag(&f, "duplicate-stanza", 0);
	assert_non_null(g);
	assert_int_equal(g->loc.line, 2);
	assert_int_equal(g->related.n, 1);
	done(&f);
}

static void test_ranges_and_iface_subst(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "auto swp[1-3]\n"
					"iface swp[1-3]\n alias port $IFACE\n mtu 9216\n"
					"auto swp5\n"
					"iface swp[5-6]\n");
	for (int k = 1; k <= 3; k++) {
		char name[8];
		snprintf(name, sizeof(name), "swp%d", k);
		struct ifcc_iface *i = ifcc_model_find(m, name);
		assert_non_null(i);
		assert_string_equal(ifcc_iface_first(i, "alias")->text, "port swp[1-3]");
		assert_true(i->is_auto);
	}
	/* ifupdown2 checks auto once, with the range as written: `auto swp5` does not count. */
	assert_false(ifcc_model_find(m, "swp5")->is_auto);
	assert_false(ifcc_model_find(m, "swp6")->is_auto);
	done(&f);
}

static void test_aliases_and_deprecated(void **state)
{
	(void)state;
	struct fixture f;
	struct ifcc_model *m = load(&f, "iface bond0\n bond-ports swp1 swp2\n"
					" bond-ad-sys-priority 100\n"
					"iface br0\n bridge_ports bond0\n bridge-trunk 10 20\n");
	struct ifcc_iface *b = ifcc_model_find(m, "bond0");
	assert_int_equal(b->kind, IFK_BOND);
	assert_non_null(ifcc_iface_attr(b, "bond-slaves"));
	assert_int_equal(b->ports.n, 2);
	const struct ifcc_diag *g = find_diag(&f, "deprecated-attribute", 0);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "bond-ad-actor-sys-prio"));
	struct ifcc_iface *br = ifcc_model_find(m, "br0");
	assert_non_null(ifcc_iface_attr(br, "bridge-vids"));
	assert_non_null(ifcc_iface_attr(br, "bridge-ports")); /* '_' read as '-' */
	done(&f);
}

static void test_bad_values_exact_columns(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "iface vlan10\n"
		 "    address \\\n"
		 "        10.1.10.300/24\n"
		 "iface swp1\r\n"
		 "\tmtu 70000\r\n");
	const struct ifcc_diag *g = find_diag(&f, "bad-value", 0);
	assert_non_null(g);
	/* The bad octet, on its physical line after the continuation. */
	assert_int_equal(g->loc.line, 3);
	assert_int_equal(g->loc.col, 17);
	assert_int_equal(g->loc.end_col, 19);
	g = find_diag(&f, "bad-value", 1);
	assert_non_null(g);
	assert_int_equal(g->loc.line, 5);
	assert_int_equal(g->loc.col, 6);
	assert_int_equal(g->loc.end_col, 10);
	assert_non_null(strstr(g->message, "552-9216"));
	done(&f);
}

static void test_unknown_attribute_suggestion(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "iface br0\n bridge-vlan-awre yes\n frobnicate 1\n");
	const struct ifcc_diag *g = find_diag(&f, "unknown-attribute", 0);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "did you mean 'bridge-vlan-aware'"));
	assert_int_equal(g->loc.line, 2);
	assert_int_equal(g->loc.col, 2);
	g = find_diag(&f, "unknown-attribute", 1);
	assert_non_null(g);
	assert_null(strstr(g->message, "did you mean"));
	done(&f);
}

static void test_attribute_kind(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "iface vlan10\n vlan-raw-device br0\n bond-mode 802.3ad\n"
		 "iface br0\n bridge-ports swp1\n"
		 "iface swp1\n bridge-access 10\n"
		 "iface swp2\n bridge-access 10\n");
	assert_int_equal(count_diags(&f, "attribute-kind"), 2);
	const struct ifcc_diag *g = find_diag(&f, "attribute-kind", 0);
	assert_non_null(strstr(g->message, "bond-mode"));
	g = find_diag(&f, "attribute-kind", 1);
	assert_non_null(strstr(g->message, "swp2")); /* swp1 is a bridge port: fine */
	done(&f);
}

static void test_vrf_references(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "iface RED\n vrf-table auto\n"
		 "iface vlan10\n vlan-raw-device br0\n vrf REd\n"
		 "iface swp1\n vrf swp2\n"
		 "iface swp2\n"
		 "iface BLUE\n vrf-table auto\n vrf BLUE\n"
		 "iface swp3\n vrf RED\n");
	const struct ifcc_diag *g = find_diag(&f, "undefined-vrf", 0);
	assert_non_null(g);
	assert_non_null(strstr(g->message, "did you mean 'RED'"));
	assert_non_null(find_diag(&f, "not-a-vrf", 0));
	/* Found while the attributes are typed, checked with the references. */
	assert_non_null(find_diag(&f, "self-vrf", 0));
	assert_null(ifcc_model_find(f.m, "BLUE")->vrf);
	/* Not a VRF: reported, the reference kept. */
	assert_ptr_equal(ifcc_model_find(f.m, "swp1")->vrf, ifcc_model_find(f.m, "swp2"));
	assert_ptr_equal(ifcc_model_find(f.m, "swp3")->vrf, ifcc_model_find(f.m, "RED"));
	done(&f);
}

static void test_two_masters(void **state)
{
	(void)state;
	struct fixture f;
	load(&f, "iface bond1\n bond-slaves swp1\n"
		 "iface br0\n bridge-ports swp1 bond1\n");
	const struct ifcc_diag *g = find_diag(&f, "two-masters", 0);
	assert_non_null(g);
	assert_int_equal(g->loc.line, 4);
	assert_int_equal(g->loc.col, 15);
	done(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_merge_rules),
		cmocka_unit_test(test_duplicate_stanza),
		cmocka_unit_test(test_ranges_and_iface_subst),
		cmocka_unit_test(test_aliases_and_deprecated),
		cmocka_unit_test(test_bad_values_exact_columns),
		cmocka_unit_test(test_unknown_attribute_suggestion),
		cmocka_unit_test(test_attribute_kind),
		cmocka_unit_test(test_vrf_references),
		cmocka_unit_test(test_two_masters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
