/* Snapshot reader: accepted input is sorted; malformed input gives one diagnostic. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/state.h"

struct fixture {
	struct arena a;
	struct ifcc_diags d;
	struct ifcc_state *s;
};

static int read_text(struct fixture *f, const char *text)
{
	arena_init(&f->a);
	diags_init(&f->d, &f->a);
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(in);
	int r = ifcc_state_read_json(&f->a, in, &f->s, &f->d);
	fclose(in);
	return r;
}

static void test_sorted_and_defaults(void **state)
{
	(void)state;
	struct fixture f;
	assert_int_equal(
	    read_text(
	        &f,
	        "{\"format\":\"ifcc-state\",\"version\":1,\"links\":["
	        "{\"name\":\"vlan10\",\"kind\":\"vlan\",\"vlan\":{\"lower\":\"br0\",\"id\":10}},"
	        "{\"name\":\"br0\",\"kind\":\"bridge\",\"master\":null,"
	        "\"source\":{\"file\":\"x\",\"line\":3,\"column\":1}}],"
	        "\"addresses\":[{\"ifname\":\"br0\",\"prefix\":\"10.0.0.1/24\"}]}"),
	    0);
	assert_int_equal(f.s->links.n, 2);
	assert_string_equal(f.s->links.v[0].name, "br0");
	assert_true(f.s->links.v[0].set & LF_MASTER);
	assert_null(f.s->links.v[0].master);
	assert_false(f.s->links.v[0].set & LF_MTU);
	assert_int_equal(f.s->links.v[0].source.line, 3);
	assert_string_equal(f.s->links.v[0].source.file->path, "x");
	assert_int_equal(f.s->links.v[1].u.vlan.id, 10);
	assert_true(f.s->links.v[1].set & VLF_ID);
	assert_false(f.s->links.v[1].set & VLF_PROTOCOL);
	assert_int_equal(f.s->addresses.v[0].prefix.len, 24);
	arena_free(&f.a);
}

static void expect_error(const char *text, const char *message)
{
	struct fixture f;
	assert_int_equal(read_text(&f, text), -EINVAL);
	assert_int_equal(f.d.errors, 1);
	const struct ifcc_diag *g = f.d.list.v[0];
	if (!strstr(g->message, message))
		fail_msg("'%s' does not contain '%s'", g->message, message);
	arena_free(&f.a);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("{", "snapshot: line");
	expect_error("{\"format\":\"other\"}", "not an ifcc state snapshot");
	expect_error("{\"format\":\"ifcc-state\",\"version\":2}", "unsupported");
	expect_error("{\"format\":\"ifcc-state\",\"version\":1,\"links\":[{\"name\":\"x\","
	             "\"kind\":\"wormhole\"}]}",
	             "links[0]: unknown link kind 'wormhole'");
	expect_error("{\"format\":\"ifcc-state\",\"version\":1,\"links\":[{\"name\":\"x\","
	             "\"kind\":\"vlan\",\"vlan\":{\"id\":\"ten\"}}]}",
	             "'id' must be an integer");
	expect_error("{\"format\":\"ifcc-state\",\"version\":1,\"addresses\":[{\"ifname\":\"x\"}]}",
	             "addresses[0]: 'prefix' is missing");
	expect_error("{\"format\":\"ifcc-state\",\"version\":1,\"fdb\":[{\"ifname\":\"br0\","
	             "\"mac\":\"zz\"}]}",
	             "'mac' must be a MAC address");
	expect_error("{\"format\":\"ifcc-state\",\"version\":1,\"routes\":{}}",
	             "routes[0]: must be an array");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sorted_and_defaults),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
