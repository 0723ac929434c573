/*
 * The attribute table: sorted, documented, searchable, aliases resolved, and the facts
 * the rest of ifcc relies on (types, ranges, first-line or all-lines) for key attributes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/keywords.h"

static const struct ifcc_keyword *must_find(const char *name)
{
	const struct ifcc_keyword *kw = ifcc_keyword_find(name);
	if (!kw)
		fail_msg("'%s' is not in the table", name);
	return kw;
}

static size_t nvalues(const struct ifcc_keyword *kw)
{
	size_t n = 0;
	while (kw->values && kw->values[n])
		n++;
	return n;
}

static int has_value(const struct ifcc_keyword *kw, const char *word)
{
	for (size_t k = 0; kw->values && kw->values[k]; k++)
		if (!strcmp(kw->values[k], word))
			return 1;
	return 0;
}

static void test_sorted_and_documented(void **state)
{
	(void)state;
	assert_true(ifcc_nkeywords > 150);
	for (size_t k = 0; k < ifcc_nkeywords; k++) {
		const struct ifcc_keyword *kw = &ifcc_keywords[k];
		assert_non_null(kw->name);
		assert_true(kw->name[0] != '\0');
		if (k > 0 && strcmp(ifcc_keywords[k - 1].name, kw->name) >= 0)
			fail_msg("'%s' then '%s': not strictly sorted", ifcc_keywords[k - 1].name,
				 kw->name);
		if (!kw->doc || !kw->doc[0])
			fail_msg("'%s' has no doc", kw->name);
		if (!kw->module || !kw->module[0])
			fail_msg("'%s' has no module", kw->name);
	}
}

static void test_find_every_name(void **state)
{
	(void)state;
	for (size_t k = 0; k < ifcc_nkeywords; k++)
		assert_ptr_equal(ifcc_keyword_find(ifcc_keywords[k].name), &ifcc_keywords[k]);
	/* Edges of the binary search. */
	assert_ptr_equal(ifcc_keyword_find(ifcc_keywords[0].name), &ifcc_keywords[0]);
	assert_ptr_equal(ifcc_keyword_find(ifcc_keywords[ifcc_nkeywords - 1].name),
			 &ifcc_keywords[ifcc_nkeywords - 1]);
}

/* The perfect hash: by length-delimited bytes, and the generated ids. */
static void test_find_n_and_ids(void **state)
{
	(void)state;
	for (size_t k = 0; k < ifcc_nkeywords; k++) {
		const char *name = ifcc_keywords[k].name;
		char buf[64];
		size_t n = strlen(name);
		assert_true(n + 1 < sizeof(buf));
		memcpy(buf, name, n);
		buf[n] = 'x'; /* not NUL-terminated at n */
		assert_ptr_equal(ifcc_keyword_find_n(buf, n), &ifcc_keywords[k]);
		/* A prefix or extension of a name may be another row, never this one. */
		assert_ptr_not_equal(ifcc_keyword_find_n(buf, n + 1), &ifcc_keywords[k]);
		assert_ptr_not_equal(ifcc_keyword_find_n(name, n - 1), &ifcc_keywords[k]);
	}
	assert_null(ifcc_keyword_find_n("", 0));
	assert_ptr_equal(ifcc_keyword_find_n("mtux", 3), ifcc_kw(KWI_MTU));
	assert_null(ifcc_keyword_find_n("mtux", 4));
	assert_int_equal(KWI_COUNT, ifcc_nkeywords);
	assert_string_equal(ifcc_kw(KWI_ADDRESS)->name, "address");
	assert_string_equal(ifcc_kw(KWI_VLAN_RAW_DEVICE)->name, "vlan-raw-device");
	assert_string_equal(ifcc_kw(KWI_BRIDGE_VLAN_VNI_MAP)->name, "bridge-vlan-vni-map");
	assert_string_equal(ifcc_kw(KWI_VRF)->name, "vrf");
	assert_ptr_equal(ifcc_keyword_canonical(ifcc_kw(KWI_BOND_PORTS)), ifcc_kw(KWI_BOND_SLAVES));
}

static void test_unknown_names(void **state)
{
	(void)state;
	static const char *const unknown[] = {
		"",	    "a",	 "addres",	 "addressx", "Address", "MTU",	   "mtu ",
		" mtu",	    "zzzz",	 "frobnicate",	 "bridge-",  "bond",	"clagd",   "vxlan-",
		"bridge_ports", "vrf-default-route", "bond-master", "~",
	};
	for (size_t k = 0; k < sizeof(unknown) / sizeof(unknown[0]); k++)
		if (ifcc_keyword_find(unknown[k]))
			fail_msg("'%s' should be unknown", unknown[k]);
	assert_null(ifcc_keyword_find(NULL));
	assert_null(ifcc_keyword_canonical(NULL));
}

static void test_aliases(void **state)
{
	(void)state;
	static const char *const pairs[][2] = {
		{"bond-ports", "bond-slaves"}, {"bridge-trunk", "bridge-vids"},
		{"mode", "tunnel-mode"},       {"local", "tunnel-local"},
		{"endpoint", "tunnel-endpoint"}, {"ttl", "tunnel-ttl"},
		{"tunnel-physdev", "tunnel-dev"},
	};
	size_t naliases = 0;
	for (size_t k = 0; k < ifcc_nkeywords; k++) {
		const struct ifcc_keyword *kw = &ifcc_keywords[k];
		const struct ifcc_keyword *c = ifcc_keyword_canonical(kw);
		assert_non_null(c);
		if (!kw->alias_of) {
			assert_ptr_equal(c, kw);
			continue;
		}
		naliases++;
		if (c == kw)
			fail_msg("alias '%s' -> '%s' does not resolve", kw->name, kw->alias_of);
		assert_string_equal(c->name, kw->alias_of);
		assert_null(c->alias_of);
		assert_ptr_equal(ifcc_keyword_canonical(c), c);
		/* An alias is read exactly like its canonical attribute. */
		assert_int_equal(kw->type, c->type);
		assert_int_equal(kw->multi, c->multi);
		assert_int_equal(kw->kinds, c->kinds);
		assert_true(kw->min == c->min && kw->max == c->max);
		assert_ptr_equal(kw->values, c->values);
		assert_false(kw->deprecated);
	}
	assert_int_equal(naliases, sizeof(pairs) / sizeof(pairs[0]));
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		const struct ifcc_keyword *a = must_find(pairs[k][0]);
		assert_non_null(a->alias_of);
		assert_string_equal(a->alias_of, pairs[k][1]);
		assert_ptr_equal(ifcc_keyword_canonical(a), must_find(pairs[k][1]));
	}
}

/* IFUPDOWN2-NOTES §2.3: the attributes whose every line counts; all others: the first. */
static void test_multi_lines(void **state)
{
	(void)state;
	static const char *const all[] = {
		"address",	   "gateway",	   "address-virtual",	 "vrrp",
		"bridge-ports",	   "vxlan-remoteip", "vxlan-mcastgrp",	 "vxlan-mcastgrp-map",
		"es-sys-mac",	   "bridge-vlan-vni-map", "ovs-ports",	 "ovs-extra",
		"pre-up",	   "up",	   "post-up",		 "pre-down",
		"down",		   "post-down",
	};
	static const char *const first[] = {
		"mtu",	     "bridge-vids", "bridge-pvid", "bridge-access", "bond-slaves",
		"hwaddress", "vrf",	    "vlan-id",	   "vlan-raw-device", "vxlan-id",
		"bridge-arp-nd-suppress", "bridge-vlan-aware", "clagd-peer-ip", "vrf-table",
		"alias",     "bond-ports",  "bridge-trunk",
	};
	size_t nall = 0;
	for (size_t k = 0; k < sizeof(all) / sizeof(all[0]); k++)
		if (must_find(all[k])->multi != KW_ALL_LINES)
			fail_msg("'%s': every line should count", all[k]);
	for (size_t k = 0; k < sizeof(first) / sizeof(first[0]); k++)
		if (must_find(first[k])->multi != KW_FIRST_LINE)
			fail_msg("'%s': only the first line should count", first[k]);
	for (size_t k = 0; k < ifcc_nkeywords; k++)
		nall += ifcc_keywords[k].multi == KW_ALL_LINES;
	assert_int_equal(nall, sizeof(all) / sizeof(all[0]));
}

static void test_row_consistency(void **state)
{
	(void)state;
	for (size_t k = 0; k < ifcc_nkeywords; k++) {
		const struct ifcc_keyword *kw = &ifcc_keywords[k];
		const char *n = kw->name;
		if (!kw->kinds || (kw->kinds & ~(unsigned)(KWK_ANY | KWK_BRIDGE_VLAN)))
			fail_msg("'%s': bad kinds %#x", n, kw->kinds);
		if (kw->family != 0 && kw->family != 4 && kw->family != 6)
			fail_msg("'%s': bad family %u", n, kw->family);
		if (kw->min > kw->max)
			fail_msg("'%s': min > max", n);
		switch (kw->type) {
		case KW_ENUM:
		case KW_IP_OR_WORD:
			if (nvalues(kw) == 0)
				fail_msg("'%s': no values", n);
			break;
		case KW_UINT:
		case KW_VLAN_LIST:
			if (kw->max == 0)
				fail_msg("'%s': no range", n);
			break;
		case KW_IFACE_VALUES:
			if (nvalues(kw) == 0 && kw->max == 0)
				fail_msg("'%s': neither values nor range", n);
			break;
		default:
			if (kw->values)
				fail_msg("'%s': values on a type that takes none", n);
			break;
		}
		if (kw->deprecated) {
			if (!kw->replaced_by)
				fail_msg("'%s': deprecated without replaced_by", n);
			if (kw->replaced_by[0] && !ifcc_keyword_find(kw->replaced_by))
				fail_msg("'%s': replaced by unknown '%s'", n, kw->replaced_by);
		} else if (kw->replaced_by) {
			fail_msg("'%s': replaced_by but not deprecated", n);
		}
		if (kw->cumulus != !strcmp(kw->module, "clagd") && !kw->alias_of)
			fail_msg("'%s': cumulus flag and module disagree", n);
		/* Every default is itself a valid value. */
		if (kw->def && kw->type == KW_ENUM && !has_value(kw, kw->def))
			fail_msg("'%s': default '%s' is not one of its values", n, kw->def);
	}
}

static void test_key_attributes(void **state)
{
	(void)state;
	const struct ifcc_keyword *kw;

	kw = must_find("mtu");
	assert_int_equal(kw->type, KW_UINT);
	assert_true(kw->min == 552 && kw->max == 9216);
	assert_string_equal(kw->def, "1500");
	assert_int_equal(kw->kinds, KWK_ANY);

	kw = must_find("address");
	assert_int_equal(kw->type, KW_PREFIX);
	assert_int_equal(kw->family, 0);
	assert_int_equal(kw->kinds, KWK_ANY);
	assert_int_equal(must_find("gateway")->type, KW_IP);

	kw = must_find("bridge-vids");
	assert_int_equal(kw->type, KW_VLAN_LIST);
	assert_true(kw->min == 1 && kw->max == 4094);
	assert_int_equal(kw->kinds, KWK_BRIDGE | KWK_BRIDGE_PORT);
	kw = must_find("bridge-pvid");
	assert_true(kw->min == 0 && kw->max == 4096); /* the catalog's range */
	assert_int_equal(kw->kinds, KWK_BRIDGE | KWK_BRIDGE_PORT);
	kw = must_find("bridge-access");
	assert_true(kw->min == 1 && kw->max == 4094);
	assert_int_equal(kw->kinds, KWK_BRIDGE_PORT);
	kw = must_find("vlan-id");
	assert_true(kw->min == 0 && kw->max == 4096);
	assert_int_equal(kw->kinds, KWK_VLAN);
	kw = must_find("vxlan-id");
	assert_true(kw->min == 1 && kw->max == 16777214);
	assert_int_equal(kw->kinds, KWK_VXLAN);

	kw = must_find("bond-mode");
	assert_int_equal(kw->type, KW_ENUM);
	assert_true(has_value(kw, "802.3ad") && has_value(kw, "balance-rr"));
	assert_string_equal(kw->def, "balance-rr");
	assert_int_equal(kw->kinds, KWK_BOND);
	assert_int_equal(must_find("bond-slaves")->type, KW_PORT_LIST);
	assert_int_equal(must_find("bridge-ports")->type, KW_PORT_LIST);
	assert_int_equal(must_find("bridge-ports")->kinds, KWK_BRIDGE);

	assert_int_equal(must_find("address-virtual")->type, KW_ADDR_VIRTUAL);
	assert_int_equal(must_find("address-virtual")->kinds,
			 KWK_VLAN | KWK_BRIDGE | KWK_PHYSICAL | KWK_BOND);
	assert_int_equal(must_find("vrrp")->type, KW_VRRP);
	assert_int_equal(must_find("bridge-vlan-vni-map")->type, KW_VNI_MAP);
	assert_int_equal(must_find("vrf-table")->type, KW_VRF_TABLE);
	assert_int_equal(must_find("vrf-table")->kinds, KWK_VRF);
	assert_false(must_find("vrf")->kinds & (KWK_VRF | KWK_LOOPBACK));
	assert_int_equal(must_find("bridge-igmp-querier-src")->kinds, KWK_BRIDGE_VLAN);

	kw = must_find("vxlan-local-tunnelip");
	assert_int_equal(kw->type, KW_IP);
	assert_int_equal(kw->family, 4);
	assert_int_equal(kw->kinds, KWK_VXLAN | KWK_LOOPBACK);

	kw = must_find("clag-id");
	assert_true(kw->cumulus);
	assert_int_equal(kw->kinds, KWK_BOND);
	kw = must_find("clagd-peer-ip");
	assert_int_equal(kw->type, KW_IP_OR_WORD);
	assert_int_equal(nvalues(kw), 1);
	assert_string_equal(kw->values[0], "linklocal");
	assert_true(kw->cumulus);
	assert_int_equal(must_find("clagd-backup-ip")->type, KW_CLAGD_BACKUP);
	assert_int_equal(must_find("clagd-sys-mac")->type, KW_MAC);
	kw = must_find("clagd-vxlan-anycast-ip");
	assert_false(kw->cumulus); /* the address addon of ifupdown2 owns it */
	assert_int_equal(kw->kinds, KWK_LOOPBACK);

	kw = must_find("bond-ad-sys-priority");
	assert_true(kw->deprecated);
	assert_string_equal(kw->replaced_by, "bond-ad-actor-sys-prio");
	kw = must_find("bridge-gcint");
	assert_true(kw->deprecated && kw->compat);
	assert_string_equal(kw->replaced_by, "");
	kw = must_find("netmask");
	assert_true(kw->compat);
	assert_false(kw->deprecated);
	assert_null(kw->replaced_by);

	kw = must_find("bridge-l2protocol-tunnel");
	assert_int_equal(kw->type, KW_IFACE_VALUES);
	assert_int_equal(nvalues(kw), 6);
	kw = must_find("mstpctl-portadminedge");
	assert_int_equal(kw->type, KW_IFACE_VALUES);
	assert_true(has_value(kw, "yes") && has_value(kw, "no"));
	assert_int_equal(kw->kinds, KWK_BRIDGE | KWK_BRIDGE_PORT);
	assert_int_equal(must_find("post-up")->type, KW_TEXT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_and_documented),
		cmocka_unit_test(test_find_every_name),
		cmocka_unit_test(test_find_n_and_ids),
		cmocka_unit_test(test_unknown_names),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_multi_lines),
		cmocka_unit_test(test_row_consistency),
		cmocka_unit_test(test_key_attributes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
