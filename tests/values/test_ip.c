#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "values_helpers.h"

/* Parses v as an address (family fam) and checks its canonical text. */
static void ip_ok(const char *v, int fam, const char *text)
{
	struct value_error err;
	struct ifcc_ip ip;
	char buf[64];

	memset(&err, 0, sizeof(err));
	int r = value_parse_ip(v, whole(v), fam, &ip, &err);
	if (r != 0)
		print_error("'%s': %s\n", v, err.msg);
	assert_int_equal(r, 0);
	ifcc_ip_format(&ip, buf, sizeof(buf));
	assert_string_equal(buf, text);
}

static void prefix_ok(const char *v, int fam, const char *text, bool has_len)
{
	struct value_error err;
	struct ifcc_prefix p;
	char buf[64];

	memset(&err, 0, sizeof(err));
	int r = value_parse_prefix(v, whole(v), fam, &p, &err);
	if (r != 0)
		print_error("'%s': %s\n", v, err.msg);
	assert_int_equal(r, 0);
	assert_int_equal(p.has_len, has_len);
	ifcc_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, text);
}

static void test_ipv4_valid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_ip ip;

	ip_ok("10.1.10.1", 0, "10.1.10.1");
	ip_ok("0.0.0.0", IFCC_AF_INET, "0.0.0.0");
	ip_ok("255.255.255.255", IFCC_AF_INET, "255.255.255.255");
	assert_int_equal(value_parse_ip("192.0.2.7", whole("192.0.2.7"), 0, &ip, &err), 0);
	assert_int_equal(ip.family, IFCC_AF_INET);
	assert_int_equal(ip.addr[0], 192);
	assert_int_equal(ip.addr[3], 7);
	assert_int_equal(ip.addr[4], 0);
}

static void test_ipv4_invalid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_ip ip;
	int r;

	r = value_parse_ip("10.1.10.300", whole("10.1.10.300"), 0, &ip, &err);
	assert_value_error(r, err, 8, 3, "octet 300 is above 255");
	assert_non_null(strstr(err.msg, "'10.1.10.300'"));
	r = value_parse_ip("1.2.3", whole("1.2.3"), 0, &ip, &err);
	assert_value_error(r, err, 0, 5, "3 octets, 4 expected");
	r = value_parse_ip("1.2.3.4.5", whole("1.2.3.4.5"), 0, &ip, &err);
	assert_value_error(r, err, 8, 1, "more than 4 octets");
	r = value_parse_ip("1..2.3", whole("1..2.3"), 0, &ip, &err);
	assert_value_error(r, err, 2, 1, "empty octet");
	r = value_parse_ip("1.2.3.", whole("1.2.3."), 0, &ip, &err);
	assert_value_error(r, err, 5, 1, "empty octet");
	r = value_parse_ip(".1.2.3", whole(".1.2.3"), 0, &ip, &err);
	assert_value_error(r, err, 0, 1, "empty octet");
	r = value_parse_ip("1.2.x3.4", whole("1.2.x3.4"), 0, &ip, &err);
	assert_value_error(r, err, 4, 2, "octet 'x3' is not a decimal number");
	r = value_parse_ip("010.1.1.1", whole("010.1.1.1"), 0, &ip, &err);
	assert_value_error(r, err, 0, 3, "leading zero");
	r = value_parse_ip("1.2.3.1000", whole("1.2.3.1000"), 0, &ip, &err);
	assert_value_error(r, err, 6, 4, "octet 1000 is above 255");
	r = value_parse_ip("1.2.3.256", whole("1.2.3.256"), IFCC_AF_INET, &ip, &err);
	assert_value_error(r, err, 6, 3, "above 255");
	r = value_parse_ip("1.2.3.4", whole("1.2.3.4"), IFCC_AF_INET6, &ip, &err);
	assert_value_error(r, err, 0, 7, "where IPv6 is expected");
	r = value_parse_ip("fe80::1", whole("fe80::1"), IFCC_AF_INET, &ip, &err);
	assert_value_error(r, err, 0, 7, "where IPv4 is expected");
	r = value_parse_ip("foo", whole("foo"), 0, &ip, &err);
	assert_value_error(r, err, 0, 3, "invalid address 'foo'");
	r = value_parse_ip("", whole(""), 0, &ip, &err);
	assert_value_error(r, err, 0, 0, "missing address");
}

static void test_ipv6_valid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_ip ip;

	ip_ok("::", 0, "::");
	ip_ok("::1", IFCC_AF_INET6, "::1");
	ip_ok("1::", 0, "1::");
	ip_ok("2001:DB8::1", 0, "2001:db8::1");
	ip_ok("2001:0db8:0000:0000:0000:0000:0000:0001", 0, "2001:db8::1");
	ip_ok("fe80:0:0:0:1:2:3:4", 0, "fe80::1:2:3:4");
	ip_ok("1:2:3:4:5:6:7:8", 0, "1:2:3:4:5:6:7:8");
	ip_ok("1:2:3:4:5:6:7::", 0, "1:2:3:4:5:6:7:0");
	ip_ok("::2:3:4:5:6:7:8", 0, "0:2:3:4:5:6:7:8");
	/* RFC 5952: a single zero group stays, the longest run wins, the first on a tie. */
	ip_ok("2001:db8:0:1:1:1:1:1", 0, "2001:db8:0:1:1:1:1:1");
	ip_ok("2001:0:0:1:0:0:0:1", 0, "2001:0:0:1::1");
	ip_ok("2001:db8:0:0:1:0:0:1", 0, "2001:db8::1:0:0:1");
	ip_ok("::ffff:1.2.3.4", 0, "::ffff:1.2.3.4");
	ip_ok("::1.2.3.4", 0, "::102:304");
	ip_ok("64:ff9b::192.0.2.33", 0, "64:ff9b::c000:221");
	ip_ok("1:2:3:4:5:6:1.2.3.4", 0, "1:2:3:4:5:6:102:304");
	assert_int_equal(value_parse_ip("::ffff:1.2.3.4", whole("::ffff:1.2.3.4"), 0, &ip, &err),
	                 0);
	assert_int_equal(ip.family, IFCC_AF_INET6);
	assert_int_equal(ip.addr[10], 0xff);
	assert_int_equal(ip.addr[11], 0xff);
	assert_int_equal(ip.addr[12], 1);
	assert_int_equal(ip.addr[15], 4);
}

static void test_ipv6_invalid(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_ip ip;
	int r;

#define V6_ERR(text, off, len, part)                                                               \
	do {                                                                                       \
		r = value_parse_ip(text, whole(text), 0, &ip, &err);                               \
		assert_value_error(r, err, off, len, part);                                        \
	} while (0)
	V6_ERR("fe80::1%eth0", 7, 5, "zone ids ('%eth0') are not allowed");
	V6_ERR("2001:db8::12345", 10, 5, "group '12345' has more than 4 hex digits");
	V6_ERR("2001:dg8::1", 5, 3, "group 'dg8' is not hexadecimal");
	V6_ERR("1::2::3", 4, 2, "'::' may appear only once");
	V6_ERR(":::", 0, 3, "':::' is not valid");
	V6_ERR("1:::2", 1, 3, "':::' is not valid");
	V6_ERR(":1::2", 0, 1, "starts with a single ':'");
	V6_ERR("1::2:", 4, 1, "ends with a single ':'");
	V6_ERR("1:2:3:4:5:6:7", 0, 13, "7 groups, 8 expected");
	V6_ERR("1:2:3:4:5:6:7:8:9", 16, 1, "more than 8 groups");
	V6_ERR("1:2:3:4:5:6:7:8::", 15, 2, "'::' after 8 groups");
	V6_ERR("1:2:3:4::5:6:7:8", 15, 1, "more than 7 groups with '::'");
	V6_ERR("::ffff:1.2.3.300", 13, 3, "octet 300 is above 255");
	V6_ERR("::1.2.3.4:5", 2, 7, "must come last");
	V6_ERR("1:2:3:4:5:6:7:1.2.3.4", 14, 7, "too many groups");
	V6_ERR("::ffff:1.2.3", 7, 5, "3 octets");
#undef V6_ERR
	assert_non_null(strstr(err.msg, "invalid IPv6 address '::ffff:1.2.3'"));
}

static void test_token_offsets(void **state)
{
	(void)state;
	const char *v = "address 10.0.0.1/24 10.0.0.300";
	struct value_token t[4];
	struct value_error err;
	struct ifcc_ip ip;
	struct ifcc_prefix p;

	assert_int_equal(value_tokens(v, t, 4), 3);
	assert_int_equal(t[2].off, 20);
	assert_int_equal(value_parse_prefix(v, t[1], IFCC_AF_INET, &p, &err), 0);
	assert_int_equal(p.len, 24);
	int r = value_parse_ip(v, t[2], IFCC_AF_INET, &ip, &err);
	assert_value_error(r, err, 27, 3, "octet 300");
}

static void test_prefix(void **state)
{
	(void)state;
	struct value_error err;
	struct ifcc_prefix p;
	int r;

	prefix_ok("10.1.10.1/24", 0, "10.1.10.1/24", true);
	prefix_ok("10.1.10.1/0", IFCC_AF_INET, "10.1.10.1/0", true);
	prefix_ok("10.1.10.1/32", IFCC_AF_INET, "10.1.10.1/32", true);
	prefix_ok("10.1.10.1", 0, "10.1.10.1/32", false);
	prefix_ok("2001:DB8:0::1/64", 0, "2001:db8::1/64", true);
	prefix_ok("2001:db8::1/128", IFCC_AF_INET6, "2001:db8::1/128", true);
	prefix_ok("::", IFCC_AF_INET6, "::/128", false);
	prefix_ok("::ffff:10.0.0.1/96", 0, "::ffff:10.0.0.1/96", true);
	/* The one-pass IPv4 form and the general reading give the same value, byte for byte
	 * (a length with a leading zero is read by the general path). */
	prefix_ok("255.255.255.255/32", 0, "255.255.255.255/32", true);
	prefix_ok("1.2.3.4/8", IFCC_AF_INET, "1.2.3.4/8", true);
	prefix_ok("10.1.10.1/024", 0, "10.1.10.1/24", true);
	prefix_ok("10.1.10.1/00", 0, "10.1.10.1/0", true);
	struct ifcc_prefix fast, general;
	memset(&fast, 0xa5, sizeof(fast));
	memset(&general, 0x5a, sizeof(general));
	assert_int_equal(value_parse_prefix("10.1.10.1/24", whole("10.1.10.1/24"), 0, &fast, &err), 0);
	assert_int_equal(value_parse_prefix("10.1.10.1/024", whole("10.1.10.1/024"), 0, &general, &err), 0);
	assert_memory_equal(&fast, &general, sizeof(fast));
	r = value_parse_prefix("10.1.10.01/24", whole("10.1.10.01/24"), 0, &p, &err);
	assert_value_error(r, err, 8, 2, "leading zero");
	r = value_parse_prefix("10.1.10.1/3 ", (struct value_token){.s = "10.1.10.1/3", .off = 0, .len = 11}, 0, &p, &err);
	assert_int_equal(r, 0);
	assert_int_equal(p.len, 3);

	r = value_parse_prefix("10.1.10.300/24", whole("10.1.10.300/24"), 0, &p, &err);
	assert_value_error(r, err, 8, 3, "octet 300 is above 255");
	assert_non_null(strstr(err.msg, "'10.1.10.300/24'"));
	r = value_parse_prefix("10.1.10.1/33", whole("10.1.10.1/33"), 0, &p, &err);
	assert_value_error(r, err, 10, 2, "prefix length 33 is above 32");
	r = value_parse_prefix("2001:db8::1/129", whole("2001:db8::1/129"), 0, &p, &err);
	assert_value_error(r, err, 12, 3, "prefix length 129 is above 128");
	r = value_parse_prefix("10.0.0.1/", whole("10.0.0.1/"), 0, &p, &err);
	assert_value_error(r, err, 8, 1, "missing prefix length");
	r = value_parse_prefix("/24", whole("/24"), 0, &p, &err);
	assert_value_error(r, err, 0, 1, "missing address");
	r = value_parse_prefix("10.0.0.1/2a", whole("10.0.0.1/2a"), 0, &p, &err);
	assert_value_error(r, err, 9, 2, "prefix length '2a' is not a number 0-32");
	r = value_parse_prefix("10.0.0.1/-1", whole("10.0.0.1/-1"), 0, &p, &err);
	assert_value_error(r, err, 9, 2, "is not a number");
	r = value_parse_prefix("10.0.0.1/99999999999999999999999",
	                       whole("10.0.0.1/99999999999999999999999"), 0, &p, &err);
	assert_value_error(r, err, 9, 23, "is above 32");
	r = value_parse_prefix("10.0.0.1/255.255.255.0", whole("10.0.0.1/255.255.255.0"), 0, &p,
	                       &err);
	assert_value_error(r, err, 9, 13, "not a number 0-32");
	r = value_parse_prefix("1.2.3/24", whole("1.2.3/24"), 0, &p, &err);
	assert_value_error(r, err, 0, 5, "3 octets");
	assert_non_null(strstr(err.msg, "invalid IPv4 prefix '1.2.3/24'"));
	r = value_parse_prefix("10.0.0.1/24", whole("10.0.0.1/24"), IFCC_AF_INET6, &p, &err);
	assert_value_error(r, err, 0, 8, "where IPv6 is expected");
	r = value_parse_prefix("fe80::1%eth0/64", whole("fe80::1%eth0/64"), 0, &p, &err);
	assert_value_error(r, err, 7, 5, "zone ids");
}

static void test_format_small_buffers(void **state)
{
	(void)state;
	struct ifcc_prefix p;
	struct value_error err;
	char buf[8];

	assert_int_equal(value_parse_prefix("2001:db8:1:2:3:4:5:6/64",
	                                    whole("2001:db8:1:2:3:4:5:6/64"), 0, &p, &err),
	                 0);
	memset(buf, 'x', sizeof(buf));
	ifcc_prefix_format(&p, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db");
	ifcc_ip_format(&p.ip, buf, sizeof(buf));
	assert_string_equal(buf, "2001:db");
	ifcc_ip_format(&p.ip, buf, 0); /* writes nothing */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ipv4_valid),           cmocka_unit_test(test_ipv4_invalid),
	    cmocka_unit_test(test_ipv6_valid),           cmocka_unit_test(test_ipv6_invalid),
	    cmocka_unit_test(test_token_offsets),        cmocka_unit_test(test_prefix),
	    cmocka_unit_test(test_format_small_buffers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
