#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "values_helpers.h"

static void mac_ok(const char *v, const char *text)
{
	struct value_error err;
	struct ifcc_mac m;
	char buf[18];

	int r = value_parse_mac(v, whole(v), &m, &err);
	if (r != 0)
		print_error("'%s': %s\n", v, err.msg);
	assert_int_equal(r, 0);
	ifcc_mac_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, text);
}

static void test_tokens(void **state)
{
	(void)state;
	struct value_token t[2];

	assert_int_equal(value_tokens("", t, 2), 0);
	assert_int_equal(value_tokens(" \t ", t, 2), 0);
	/* All tokens are counted, at most max written. */
	assert_int_equal(value_tokens("  a\tbb  ccc ", t, 2), 3);
	assert_int_equal(t[0].off, 2);
	assert_int_equal(t[0].len, 1);
	assert_int_equal(t[1].off, 4);
	assert_int_equal(t[1].len, 2);
	assert_memory_equal(t[1].s, "bb", 2);
	assert_int_equal(value_tokens("a,b", t, 2), 1);
	assert_int_equal(value_tokens("x", NULL, 0), 1);
}

static void test_mac_valid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_mac m;

	mac_ok("44:38:39:00:27:b8", "44:38:39:00:27:b8");
	mac_ok("44-38-39-00-27-B8", "44:38:39:00:27:b8");
	mac_ok("0:1:2:a:B:c", "00:01:02:0a:0b:0c");
	/* Multicast and zero MACs parse; other checks judge them. */
	mac_ok("01:00:5e:00:00:01", "01:00:5e:00:00:01");
	mac_ok("00:00:00:00:00:00", "00:00:00:00:00:00");
	assert_int_equal(value_parse_mac("aa:bb:cc:dd:ee:ff", whole("aa:bb:cc:dd:ee:ff"), &m, &err),
	                 0);
	assert_int_equal(m.b[0], 0xaa);
	assert_int_equal(m.b[5], 0xff);
}

static void test_mac_invalid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_mac m;
	int r;

#define MAC_ERR(text, off, len, part)                                                              \
	do {                                                                                       \
		r = value_parse_mac(text, whole(text), &m, &err);                                  \
		assert_value_error(r, err, off, len, part);                                        \
	} while (0)
	MAC_ERR("01:02:03:04:05", 0, 14, "5 groups; expected six hex bytes");
	MAC_ERR("01:02:03:04:05:06:07", 18, 2, "more than 6 groups");
	MAC_ERR("01:02-03:04:05:06", 5, 1, "mixes ':' and '-' separators");
	MAC_ERR("zz:00:5e:00:01:01", 0, 2, "group 'zz' is not hexadecimal");
	MAC_ERR("001:02:03:04:05:06", 0, 3, "group '001' has more than 2 hex digits");
	MAC_ERR("01::03:04:05:06", 3, 1, "empty group");
	MAC_ERR("01:02:03:04:05:", 14, 1, "empty group");
	MAC_ERR("4438390027b8", 0, 12, "like 44:38:39:00:27:b8");
	MAC_ERR("", 0, 0, "missing MAC address");
#undef MAC_ERR
	r = value_parse_mac("01:02:03:04:05", whole("01:02:03:04:05"), &m, &err);
	assert_non_null(strstr(err.msg, "invalid MAC address '01:02:03:04:05'"));
}

static void test_hwaddress(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_mac m;
	char buf[18];
	int r;

	assert_int_equal(value_parse_hwaddress("44:38:39:00:27:b8", &m, &err), 0);
	assert_int_equal(value_parse_hwaddress("ether 44:38:39:00:27:B9", &m, &err), 0);
	ifcc_mac_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "44:38:39:00:27:b9");
	assert_int_equal(value_parse_hwaddress("  Ether\t44-38-39-00-27-ba ", &m, &err), 0);
	assert_int_equal(m.b[5], 0xba);
	r = value_parse_hwaddress("ether", &m, &err);
	assert_value_error(r, err, 5, 0, "missing MAC address after 'ether'");
	r = value_parse_hwaddress("ether 44:38:39:00:27", &m, &err);
	assert_value_error(r, err, 6, 14, "5 groups");
	r = value_parse_hwaddress("44:38:39:00:27:b8 extra", &m, &err);
	assert_value_error(r, err, 18, 5, "unexpected 'extra'");
	r = value_parse_hwaddress("", &m, &err);
	assert_value_error(r, err, 0, 0, "missing MAC address");
	r = value_parse_hwaddress("ethernet 44:38:39:00:27:b8", &m, &err);
	assert_value_error(r, err, 0, 8, "invalid MAC address 'ethernet'");
}

static void test_uint(void **state)
{
	(void)state;
	struct value_error err;
	uint64_t x = 0;
	int r;

	assert_int_equal(value_parse_uint("9000", whole("9000"), 552, 9216, &x, &err), 0);
	assert_int_equal(x, 9000);
	assert_int_equal(value_parse_uint("552", whole("552"), 552, 9216, &x, &err), 0);
	assert_int_equal(value_parse_uint("9216", whole("9216"), 552, 9216, &x, &err), 0);
	assert_int_equal(value_parse_uint("0100", whole("0100"), 0, 200, &x, &err), 0);
	assert_int_equal(x, 100);
	assert_int_equal(value_parse_uint("18446744073709551615", whole("18446744073709551615"), 0,
	                                  UINT64_MAX, &x, &err),
	                 0);
	assert_true(x == UINT64_MAX);

	const char *v = "mtu 70000";
	struct value_token t = {v + 4, 4, 5};
	r = value_parse_uint(v, t, 552, 9216, &x, &err);
	assert_value_error(r, err, 4, 5, "value 70000 is out of range 552-9216");
	r = value_parse_uint("551", whole("551"), 552, 9216, &x, &err);
	assert_value_error(r, err, 0, 3, "value 551 is out of range 552-9216");
	r = value_parse_uint("18446744073709551616", whole("18446744073709551616"), 0, UINT64_MAX,
	                     &x, &err);
	assert_value_error(r, err, 0, 20, "is out of range 0-18446744073709551615");
	r = value_parse_uint("abc", whole("abc"), 0, 100, &x, &err);
	assert_value_error(r, err, 0, 3, "invalid number 'abc'");
	r = value_parse_uint("-5", whole("-5"), 0, 100, &x, &err);
	assert_value_error(r, err, 0, 2, "expected a decimal number 0-100");
	r = value_parse_uint("+5", whole("+5"), 0, 100, &x, &err);
	assert_value_error(r, err, 0, 2, "invalid number '+5'");
	r = value_parse_uint("0x10", whole("0x10"), 0, 100, &x, &err);
	assert_value_error(r, err, 0, 4, "invalid number");
	r = value_parse_uint("", whole(""), 1, 2, &x, &err);
	assert_value_error(r, err, 0, 0, "missing number");
	assert_int_equal(x, UINT64_MAX); /* untouched by failures */
}

static void test_enum(void **state)
{
	(void)state;
	static const char *const modes[] = {"balance-rr", "active-backup", "802.3ad"};
	struct value_error err;
	size_t i = 99;
	int r;

	assert_int_equal(value_parse_enum("802.3ad", whole("802.3ad"), modes, 3, &i, &err), 0);
	assert_int_equal(i, 2);
	assert_int_equal(value_parse_enum("balance-rr", whole("balance-rr"), modes, 3, &i, &err),
	                 0);
	assert_int_equal(i, 0);
	r = value_parse_enum("foo", whole("foo"), modes, 3, &i, &err);
	assert_value_error(r, err, 0, 3,
	                   "invalid value 'foo': expected balance-rr, active-backup or 802.3ad");
	/* Exact and case-sensitive, as ifupdown2 compares. */
	r = value_parse_enum("Active-Backup", whole("Active-Backup"), modes, 3, &i, &err);
	assert_value_error(r, err, 0, 13, "invalid value 'Active-Backup'");
	r = value_parse_enum("balance", whole("balance"), modes, 3, &i, &err);
	assert_value_error(r, err, 0, 7, "expected balance-rr");
	r = value_parse_enum("", whole(""), modes, 1, &i, &err);
	assert_value_error(r, err, 0, 0, "missing value: expected balance-rr");
	assert_int_equal(i, 0);
}

static void test_bool(void **state)
{
	(void)state;
	struct value_error err;
	bool b = false;
	int r;

	assert_int_equal(value_parse_bool("yes", whole("yes"), 1, &b, &err), 0);
	assert_true(b);
	assert_int_equal(value_parse_bool("no", whole("no"), 1, &b, &err), 0);
	assert_false(b);
	assert_int_equal(value_parse_bool("on", whole("on"), 7, &b, &err), 0);
	assert_true(b);
	assert_int_equal(value_parse_bool("off", whole("off"), 2, &b, &err), 0);
	assert_false(b);
	assert_int_equal(value_parse_bool("1", whole("1"), 4, &b, &err), 0);
	assert_true(b);
	assert_int_equal(value_parse_bool("0", whole("0"), 5, &b, &err), 0);
	assert_false(b);
	r = value_parse_bool("maybe", whole("maybe"), 1, &b, &err);
	assert_value_error(r, err, 0, 5, "invalid value 'maybe': expected yes or no");
	r = value_parse_bool("on", whole("on"), 1, &b, &err);
	assert_value_error(r, err, 0, 2, "expected yes or no");
	r = value_parse_bool("1", whole("1"), 3, &b, &err);
	assert_value_error(r, err, 0, 1, "expected yes, no, on or off");
	r = value_parse_bool("YES", whole("YES"), 7, &b, &err);
	assert_value_error(r, err, 0, 3, "expected yes, no, on, off, 1 or 0");
}

static void test_vrf_table(void **state)
{
	(void)state;
	struct value_error err;
	uint32_t t = 7;
	int r;

	assert_int_equal(value_parse_vrf_table("auto", &t, &err), 0);
	assert_int_equal(t, 0);
	assert_int_equal(value_parse_vrf_table("1001", &t, &err), 0);
	assert_int_equal(t, 1001);
	assert_int_equal(value_parse_vrf_table(" 1 ", &t, &err), 0);
	assert_int_equal(t, 1);
	assert_int_equal(value_parse_vrf_table("252", &t, &err), 0);
	assert_int_equal(value_parse_vrf_table("256", &t, &err), 0);
	assert_int_equal(value_parse_vrf_table("4294967295", &t, &err), 0);
	assert_int_equal(t, 4294967295u);

	r = value_parse_vrf_table("254", &t, &err);
	assert_value_error(r, err, 0, 3, "table 254 is reserved: it is the kernel's 'main' table");
	r = value_parse_vrf_table("253", &t, &err);
	assert_value_error(r, err, 0, 3, "'default' table");
	r = value_parse_vrf_table("255", &t, &err);
	assert_value_error(r, err, 0, 3, "'local' table");
	r = value_parse_vrf_table("0", &t, &err);
	assert_value_error(r, err, 0, 1, "table 0 is reserved");
	r = value_parse_vrf_table("4294967296", &t, &err);
	assert_value_error(r, err, 0, 10, "value 4294967296 is out of range 1-4294967295");
	r = value_parse_vrf_table("Auto", &t, &err);
	assert_value_error(r, err, 0, 4, "invalid table 'Auto': expected auto or a number");
	r = value_parse_vrf_table("1001 1002", &t, &err);
	assert_value_error(r, err, 5, 4, "unexpected '1002'");
	r = value_parse_vrf_table("", &t, &err);
	assert_value_error(r, err, 0, 0, "missing table");
	assert_int_equal(t, 4294967295u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tokens),      cmocka_unit_test(test_mac_valid),
	    cmocka_unit_test(test_mac_invalid), cmocka_unit_test(test_hwaddress),
	    cmocka_unit_test(test_uint),        cmocka_unit_test(test_enum),
	    cmocka_unit_test(test_bool),        cmocka_unit_test(test_vrf_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
