#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/arena.h"
#include "values_helpers.h"

static unsigned vlan_count(const struct ifcc_vlan_set *s)
{
	unsigned n = 0;
	for (unsigned v = 0; v < 4200; v++)
		n += ifcc_vlan_set_has(s, v);
	return n;
}

static void test_vlan_list_valid(void **state)
{
	(void)state;
	struct ifcc_vlan_set s;
	struct value_error err;

	assert_int_equal(value_parse_vlan_list("10 20-30", false, 1, 4094, &s, &err), 0);
	assert_int_equal(vlan_count(&s), 12);
	assert_true(ifcc_vlan_set_has(&s, 10));
	assert_true(ifcc_vlan_set_has(&s, 20));
	assert_true(ifcc_vlan_set_has(&s, 30));
	assert_false(ifcc_vlan_set_has(&s, 31));
	assert_false(ifcc_vlan_set_has(&s, 4096));
	assert_int_equal(value_parse_vlan_list("2000 2200-3000,4000\t1", true, 1, 4094, &s, &err),
	                 0);
	assert_int_equal(vlan_count(&s), 1 + 801 + 1 + 1);
	assert_int_equal(value_parse_vlan_list("1-4094", true, 1, 4094, &s, &err), 0);
	assert_int_equal(vlan_count(&s), 4094);
	assert_int_equal(value_parse_vlan_list("5-5 0", false, 0, 4095, &s, &err), 0);
	assert_true(ifcc_vlan_set_has(&s, 0));
	assert_int_equal(vlan_count(&s), 2);
	/* max beyond the set's reach is capped to 4095 */
	assert_int_equal(value_parse_vlan_list("4095", false, 0, 4096, &s, &err), 0);
	assert_true(ifcc_vlan_set_has(&s, 4095));
}

static void test_vlan_list_invalid(void **state)
{
	(void)state;
	struct ifcc_vlan_set s;
	struct value_error err;
	int r;

	memset(&s, 0, sizeof(s));
	r = value_parse_vlan_list("10 4095", false, 1, 4094, &s, &err);
	assert_value_error(r, err, 3, 4, "VLAN id 4095 is out of range 1-4094");
	r = value_parse_vlan_list("30-10", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 0, 5, "range '30-10' is reversed: 30 is above 10");
	r = value_parse_vlan_list("10 100-5000", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 7, 4, "VLAN id 5000 is out of range");
	r = value_parse_vlan_list("0", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 0, 1, "VLAN id 0 is out of range 1-4094");
	r = value_parse_vlan_list("10,20", false, 1, 4094, &s, &err);
	assert_value_error(r, err, 2, 1, "',' is not allowed here");
	r = value_parse_vlan_list("10 abc", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 3, 3,
	                   "invalid VLAN id 'abc': expected a number 1-4094 or a range");
	r = value_parse_vlan_list("10-x", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 3, 1, "invalid VLAN id 'x'");
	r = value_parse_vlan_list("10-", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 0, 3, "invalid range '10-'");
	r = value_parse_vlan_list("-10", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 0, 3, "invalid range '-10'");
	r = value_parse_vlan_list("1-2-3", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 2, 3, "invalid VLAN id '2-3'");
	r = value_parse_vlan_list("99999999999999999999", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 0, 20, "out of range 1-4094");
	r = value_parse_vlan_list(" , ", true, 1, 4094, &s, &err);
	assert_value_error(r, err, 3, 0, "missing VLAN ids");
	assert_int_equal(vlan_count(&s), 0); /* untouched by failures */
}

static void test_vni_map(void **state)
{
	(void)state;
	struct ifcc_vni_map_entry *e = NULL;
	struct value_error err;
	struct arena a;
	size_t n = 0;
	int r;

	arena_init(&a);
	assert_int_equal(
	    value_parse_vni_map(&a, "10=10010 20-21=10020-10021,4094=16777214", &e, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(e[0].vid_first, 10);
	assert_int_equal(e[0].vid_last, 10);
	assert_int_equal(e[0].vni_first, 10010);
	assert_int_equal(e[0].vni_last, 10010);
	assert_int_equal(e[1].vid_first, 20);
	assert_int_equal(e[1].vid_last, 21);
	assert_int_equal(e[1].vni_first, 10020);
	assert_int_equal(e[1].vni_last, 10021);
	assert_int_equal(e[2].vid_first, 4094);
	assert_int_equal(e[2].vni_first, 16777214);
	assert_int_equal(value_parse_vni_map(&a, "1000-1001=1000-1001", &e, &n, &err), 0);
	assert_int_equal(n, 1);

	r = value_parse_vni_map(&a, "10=10010 20-22=10020-10021", &e, &n, &err);
	assert_value_error(r, err, 9, 17, "3 VLANs but 2 VNIs");
	r = value_parse_vni_map(&a, "10=100-101", &e, &n, &err);
	assert_value_error(r, err, 0, 10, "1 VLAN but 2 VNIs");
	r = value_parse_vni_map(&a, "4095=10", &e, &n, &err);
	assert_value_error(r, err, 0, 4, "VLAN id 4095 is out of range 1-4094");
	r = value_parse_vni_map(&a, "0=10", &e, &n, &err);
	assert_value_error(r, err, 0, 1, "VLAN id 0 is out of range");
	r = value_parse_vni_map(&a, "10=16777215", &e, &n, &err);
	assert_value_error(r, err, 3, 8, "VNI 16777215 is out of range 1-16777214");
	r = value_parse_vni_map(&a, "10=0", &e, &n, &err);
	assert_value_error(r, err, 3, 1, "VNI 0 is out of range");
	r = value_parse_vni_map(&a, "10 20=20", &e, &n, &err);
	assert_value_error(r, err, 0, 2, "invalid mapping '10': expected VLAN=VNI");
	r = value_parse_vni_map(&a, "=10", &e, &n, &err);
	assert_value_error(r, err, 0, 1, "missing VLAN before '='");
	r = value_parse_vni_map(&a, "10=", &e, &n, &err);
	assert_value_error(r, err, 2, 1, "missing VNI after '='");
	r = value_parse_vni_map(&a, "20-10=1-11", &e, &n, &err);
	assert_value_error(r, err, 0, 5, "range '20-10' is reversed");
	r = value_parse_vni_map(&a, "10=1x", &e, &n, &err);
	assert_value_error(r, err, 3, 2, "invalid VNI '1x'");
	r = value_parse_vni_map(&a, "", &e, &n, &err);
	assert_value_error(r, err, 0, 0, "missing mappings");
	assert_int_equal(n, 1); /* untouched by failures */
	arena_free(&a);
}

/* Parses v as a port list and checks the names ("~re" for a regex entry). */
static void ports_ok(const char *v, const char *const *want, size_t nwant)
{
	struct ifcc_port *p = NULL;
	struct value_error err;
	struct arena a;
	size_t n = 99;

	arena_init(&a);
	int r = value_parse_port_list(&a, v, &p, &n, &err);
	if (r != 0)
		print_error("'%s': %s\n", v, err.msg);
	assert_int_equal(r, 0);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++) {
		if (want[i][0] == '~') {
			assert_null(p[i].name);
			assert_string_equal(p[i].pattern, want[i] + 1);
		} else {
			assert_null(p[i].pattern);
			assert_string_equal(p[i].name, want[i]);
		}
	}
	arena_free(&a);
}

#define PORTS_OK(v, ...)                                                                           \
	do {                                                                                       \
		static const char *const w_[] = {__VA_ARGS__};                                     \
		ports_ok(v, w_, sizeof(w_) / sizeof(w_[0]));                                       \
	} while (0)

static void test_port_list_valid(void **state)
{
	(void)state;
	PORTS_OK("swp1 swp2", "swp1", "swp2");
	PORTS_OK("swp1-4", "swp1-4"); /* no glob: a literal name */
	PORTS_OK("swp[1-3]", "swp[1-3]");
	PORTS_OK("glob swp1-4", "swp1", "swp2", "swp3", "swp4");
	PORTS_OK("glob swp1-3.100 peerlink", "swp1.100", "swp2.100", "swp3.100", "peerlink");
	PORTS_OK("glob swp[1-3]", "swp1", "swp2", "swp3");
	PORTS_OK("glob swp[9-10].100", "swp9.100", "swp10.100");
	PORTS_OK("glob swp[1-2]s[0-1]", "swp1s0", "swp1s1", "swp2s0", "swp2s1");
	PORTS_OK("glob swp[1-2]s[0-1].10", "swp1s0.10", "swp1s1.10", "swp2s0.10", "swp2s1.10");
	/* The longest name ending in a letter wins: swp1s is the name, 1-2 the range. */
	PORTS_OK("glob swp1s1-2", "swp1s1", "swp1s2");
	PORTS_OK("glob br-a1-2", "br-a1", "br-a2");
	PORTS_OK("glob swp01-02", "swp1", "swp2");
	PORTS_OK("glob swp5-5", "swp5");
	/* glob applies to the next token only */
	PORTS_OK("glob swp1-2 swp3-4", "swp1", "swp2", "swp3-4");
	PORTS_OK("glob noglob swp1-2", "swp1-2");
	PORTS_OK("regex noregex swp1", "swp1");
	PORTS_OK("regex (swp[1|2]) swp9", "~(swp[1|2])", "swp9");
	PORTS_OK("regex swp.* glob swp1-2", "~swp.*", "swp1", "swp2");
	/* ifupdown2 takes a glob with a comma literally */
	PORTS_OK("glob swp1,swp2", "swp1,swp2");
	PORTS_OK("noglob noregex swp1", "swp1");
}

static void test_port_list_none(void **state)
{
	(void)state;
	struct ifcc_port *p = (struct ifcc_port *)&p;
	struct value_error err;
	struct arena a;
	size_t n = 99;

	arena_init(&a);
	assert_int_equal(value_parse_port_list(&a, "none", &p, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(p);
	assert_int_equal(value_parse_port_list(&a, "  none ", &p, &n, &err), 0);
	assert_int_equal(n, 0);
	int r = value_parse_port_list(&a, "swp1 none", &p, &n, &err);
	assert_value_error(r, err, 5, 4, "'none' means no ports and must be the only word");
	arena_free(&a);
}

static void test_port_list_invalid(void **state)
{
	(void)state;
	struct ifcc_port *p = NULL;
	struct value_error err;
	struct arena a;
	size_t n = 0;
	int r;

	arena_init(&a);
#define PORTS_ERR(text, off, len, part)                                                            \
	do {                                                                                       \
		r = value_parse_port_list(&a, text, &p, &n, &err);                                 \
		assert_value_error(r, err, off, len, part);                                        \
	} while (0)
	PORTS_ERR("swp1 glob", 5, 4, "'glob' must be followed by a glob expression");
	PORTS_ERR("regex", 0, 5, "'regex' must be followed by a regular expression");
	PORTS_ERR("glob swp1-2 regex", 12, 5, "'regex' must be followed");
	PORTS_ERR("glob swp", 5, 3, "glob 'swp' has no range: expected a form like swp1-4");
	PORTS_ERR("glob 1-4", 5, 3, "has no range");
	PORTS_ERR("glob swp4-1", 8, 3, "range '4-1' of the glob is reversed: 4 is above 1");
	PORTS_ERR("regex noglob", 0, 5, "'regex' must be followed"); /* noglob ends no regex */
	PORTS_ERR("glob swp[4-1]", 8, 5, "range '[4-1]' of the glob is reversed: 4 is above 1");
	PORTS_ERR("glob swp[1-2]s[3-0]", 14, 5, "range '[3-0]' of the glob is reversed");
	PORTS_ERR("glob swp[1-]", 8, 4, "invalid range '[1-]' in glob 'swp[1-]'");
	PORTS_ERR("glob swp[a-b].1", 8, 5, "invalid range '[a-b]'");
	PORTS_ERR("glob swp[1-2", 8, 4, "invalid range '[1-2'");
	PORTS_ERR("glob [1-2]", 5, 1, "needs a name before '['");
	PORTS_ERR("glob a[1-2]b[1-2]c[1-2]", 18, 5, "more than two [A-B] ranges");
	PORTS_ERR("glob swp1-99999999999999999999", 10, 20,
	          "number 99999999999999999999 in the glob is too large");
	/* expansions are bounded */
	PORTS_ERR("glob swp1-4097", 5, 9, "longer than 4096 names");
	PORTS_ERR("glob swp0-4294967295", 5, 15, "longer than 4096 names");
	PORTS_ERR("glob swp[1-100]s[1-100]", 5, 18, "longer than 4096 names");
	PORTS_ERR("glob swp1-4000 glob eth1-97", 20, 7, "longer than 4096 names");
	PORTS_ERR("", 0, 0, "missing ports");
	PORTS_ERR("   ", 3, 0, "missing ports");
#undef PORTS_ERR
	arena_free(&a);
}

static void test_port_list_offsets_and_limit(void **state)
{
	(void)state;
	struct ifcc_port *p = NULL;
	struct value_error err;
	struct arena a;
	size_t n = 0;

	arena_init(&a);
	assert_int_equal(value_parse_port_list(&a, "bond0 glob swp[1-2] regex x.*", &p, &n, &err),
	                 0);
	assert_int_equal(n, 4);
	assert_int_equal(p[0].off, 0);
	assert_int_equal(p[0].len, 5);
	assert_int_equal(p[1].off, 11);
	assert_int_equal(p[1].len, 8);
	assert_int_equal(p[2].off, 11);
	assert_string_equal(p[2].name, "swp2");
	assert_int_equal(p[3].off, 26);
	assert_int_equal(p[3].len, 3);
	/* exactly the limit is fine */
	assert_int_equal(value_parse_port_list(&a, "glob swp1-4096", &p, &n, &err), 0);
	assert_int_equal(n, 4096);
	assert_string_equal(p[4095].name, "swp4096");
	assert_int_equal(value_parse_port_list(&a, "glob swp[1-64]s[1-64]", &p, &n, &err), 0);
	assert_int_equal(n, 4096);
	assert_string_equal(p[4095].name, "swp64s64");
	arena_free(&a);
}

static void test_address_virtual(void **state)
{
	(void)state;
	struct ifcc_address_virtual av;
	struct value_error err;
	struct arena a;
	char buf[64];
	int r;

	arena_init(&a);
	assert_int_equal(
	    value_parse_address_virtual(
	        &a, "00:00:5E:00:01:01 10.1.10.1/24 2001:db8::1/64 10.1.10.2", &av, &err),
	    0);
	assert_false(av.mac_none);
	ifcc_mac_format(&av.mac, buf, sizeof(buf));
	assert_string_equal(buf, "00:00:5e:00:01:01");
	assert_int_equal(av.nprefixes, 3);
	ifcc_prefix_format(&av.prefixes[0], buf, sizeof(buf));
	assert_string_equal(buf, "10.1.10.1/24");
	ifcc_prefix_format(&av.prefixes[1], buf, sizeof(buf));
	assert_string_equal(buf, "2001:db8::1/64");
	assert_false(av.prefixes[2].has_len);
	assert_int_equal(av.prefixes[2].len, 32);

	assert_int_equal(value_parse_address_virtual(&a, "none 10.0.0.1/24", &av, &err), 0);
	assert_true(av.mac_none);
	assert_int_equal(av.nprefixes, 1);
	/* A multicast or zero MAC parses; validation rules judge it. */
	assert_int_equal(value_parse_address_virtual(&a, "01:00:5e:00:00:01", &av, &err), 0);
	assert_int_equal(av.nprefixes, 0);
	assert_null(av.prefixes);
	assert_int_equal(value_parse_address_virtual(&a, "00:00:00:00:00:00 ::1", &av, &err), 0);

	r = value_parse_address_virtual(&a, "zz:00:5e:00:01:01 10.1.10.1/24", &av, &err);
	assert_value_error(r, err, 0, 2, "group 'zz' is not hexadecimal");
	r = value_parse_address_virtual(&a, "00:00:5e:00:01:01 10.1.10.1/33", &av, &err);
	assert_value_error(r, err, 28, 2, "prefix length 33 is above 32");
	r = value_parse_address_virtual(&a, "00:00:5e:00:01:01 10.1.10.1/24 fe80::1::2", &av, &err);
	assert_value_error(r, err, 38, 2, "'::' may appear only once");
	r = value_parse_address_virtual(&a, "10.1.10.1/24", &av, &err);
	assert_value_error(r, err, 0, 12, "invalid MAC address '10.1.10.1/24'");
	r = value_parse_address_virtual(&a, "", &av, &err);
	assert_value_error(r, err, 0, 0, "missing MAC address");
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_vlan_list_valid),
	    cmocka_unit_test(test_vlan_list_invalid),
	    cmocka_unit_test(test_vni_map),
	    cmocka_unit_test(test_port_list_valid),
	    cmocka_unit_test(test_port_list_none),
	    cmocka_unit_test(test_port_list_invalid),
	    cmocka_unit_test(test_port_list_offsets_and_limit),
	    cmocka_unit_test(test_address_virtual),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
