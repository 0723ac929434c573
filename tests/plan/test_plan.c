/*
 * Planner unit tests from JSON snapshots: each case gives a desired and an actual state
 * (docs/state-format.md) and the exact ops, in order, as "op ifname[ detail]".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/plan.h"

#define HDR "\"format\":\"ifcc-state\",\"version\":1"

static struct ifcc_state *snap(struct arena *a, const char *json)
{
	struct ifcc_diags d;
	diags_init(&d, a);
	FILE *f = fmemopen((void *)json, strlen(json), "r");
	assert_non_null(f);
	struct ifcc_state *s = NULL;
	int r = ifcc_state_read_json(a, f, &s, &d);
	fclose(f);
	if (r < 0)
		diags_render_text(&d, stderr, false);
	assert_int_equal(r, 0);
	return s;
}

/* "op ifname[ detail]; ..." for the plan. */
static void ops_text(const struct ifcc_plan *p, char *buf, size_t n)
{
	size_t k = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < p->n && k < n; i++) {
		const struct ifcc_op *op = &p->v[i];
		char d[64] = "";
		if (op->kind == IFCC_OP_ADDR_ADD || op->kind == IFCC_OP_ADDR_DEL)
			ifcc_prefix_format(&op->obj.addr->prefix, d, sizeof(d));
		else if (op->kind == IFCC_OP_VLAN_ADD || op->kind == IFCC_OP_VLAN_DEL)
			snprintf(d, sizeof(d), "%u", op->obj.vlan->vid);
		else if (op->kind == IFCC_OP_LINK_SET)
			snprintf(d, sizeof(d), "0x%x", op->fields);
		else if (op->kind == IFCC_OP_RULE_SET)
			snprintf(d, sizeof(d), "%s %u%s%u", op->obj.rule->family == IFCC_AF_INET6 ? "v6" : "v4",
			         op->obj.rule->table, op->old.rule ? " from " : " at ",
			         op->old.rule ? op->old.rule->priority : op->obj.rule->priority);
		else if (op->kind == IFCC_OP_LINK_ADD && op->obj.link->kind == LK_VRF)
			snprintf(d, sizeof(d), "table %u", op->obj.link->u.vrf.table);
		k += (size_t)snprintf(buf + k, n - k, "%s%s %s%s%s", i ? "; " : "",
		                      ifcc_op_name(op->kind), op->ifname ? op->ifname : "-",
		                      *d ? " " : "", d);
	}
}

struct result {
	char ops[4096];
	unsigned errors, warnings;
};

static void plan(const char *desired, const char *actual, const char *owned, bool kernel,
                 struct result *out)
{
	struct arena a;
	arena_init(&a);
	struct ifcc_diags d;
	diags_init(&d, &a);
	struct ifcc_plan_opts o = {.owned = owned ? snap(&a, owned) : NULL,
	                           .actual_is_kernel = kernel};
	struct ifcc_plan p;
	assert_int_equal(ifcc_plan_build(&a, snap(&a, desired), snap(&a, actual), &o, &p, &d), 0);
	ops_text(&p, out->ops, sizeof(out->ops));
	out->errors = d.errors;
	out->warnings = d.warnings;
	arena_free(&a);
}

#define EXPECT(desired, actual, owned, kernel, want)                                               \
	do {                                                                                       \
		struct result r_;                                                                  \
		plan(desired, actual, owned, kernel, &r_);                                         \
		assert_string_equal(r_.ops, want);                                                 \
	} while (0)

static const char *const eth1_desired =
    "{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true}],"
    "\"addresses\":[{\"ifname\":\"eth1\",\"prefix\":\"10.0.0.1/24\"}]}";

static void foreign_link_untouched(void **state)
{
	(void)state;
	EXPECT(eth1_desired,
	       "{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true},"
	       "{\"name\":\"docker0\",\"kind\":\"bridge\",\"up\":true}],"
	       "\"addresses\":[{\"ifname\":\"eth1\",\"prefix\":\"10.0.0.1/24\"},"
	       "{\"ifname\":\"docker0\",\"prefix\":\"172.17.0.1/16\"}]}",
	       NULL, true, "");
}

static void purge_keeps_link_local(void **state)
{
	(void)state;
	EXPECT(eth1_desired,
	       "{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true}],"
	       "\"addresses\":[{\"ifname\":\"eth1\",\"prefix\":\"10.0.0.1/24\"},"
	       "{\"ifname\":\"eth1\",\"prefix\":\"192.168.1.5/24\"},"
	       "{\"ifname\":\"eth1\",\"prefix\":\"fe80::1/64\"}]}",
	       NULL, true, "addr-del eth1 192.168.1.5/24");
}

static void address_purge_no(void **state)
{
	(void)state;
	EXPECT("{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true,"
	       "\"address_purge\":false}],"
	       "\"addresses\":[{\"ifname\":\"eth1\",\"prefix\":\"10.0.0.2/24\"}]}",
	       "{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true}],"
	       "\"addresses\":[{\"ifname\":\"eth1\",\"prefix\":\"10.0.0.1/24\"}]}",
	       NULL, true, "addr-add eth1 10.0.0.2/24");
}

static void changed_mtu_only(void **state)
{
	(void)state;
	EXPECT("{" HDR ",\"links\":[{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true,\"mtu\":9000}]}",
	       "{" HDR ",\"links\":[{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true,\"mtu\":1500,"
	       "\"alias\":\"x\"}]}",
	       NULL, true, "link-set br0 0x1");
}

/* A VLAN id is fixed at creation: delete and create, and the macvlan on it follows. */
static void recreate_cascades(void **state)
{
	(void)state;
	const char *links =
	    "{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true},"
	    "{\"name\":\"vlan10-v0\",\"kind\":\"macvlan\",\"up\":true,"
	    "\"macvlan\":{\"lower\":\"vlan10\",\"mode\":\"private\"}},";
	char desired[1024], actual[1024];
	snprintf(desired, sizeof(desired),
	         "{" HDR ",\"links\":[%s{\"name\":\"vlan10\",\"kind\":\"vlan\",\"up\":true,"
	         "\"vlan\":{\"lower\":\"br0\",\"id\":11}}],"
	         "\"addresses\":[{\"ifname\":\"vlan10-v0\",\"prefix\":\"10.1.10.1/24\","
	         "\"metric\":1024}]}",
	         links);
	snprintf(actual, sizeof(actual),
	         "{" HDR ",\"links\":[%s{\"name\":\"vlan10\",\"kind\":\"vlan\",\"up\":true,"
	         "\"vlan\":{\"lower\":\"br0\",\"id\":10}}],"
	         "\"addresses\":[{\"ifname\":\"vlan10-v0\",\"prefix\":\"10.1.10.1/24\","
	         "\"metric\":1024}]}",
	         links);
	EXPECT(desired, actual, NULL, true,
	       "link-del vlan10-v0; link-del vlan10; link-add vlan10; link-add vlan10-v0; "
	       "addr-add vlan10-v0 10.1.10.1/24");
}

static void missing_physical_warns(void **state)
{
	(void)state;
	struct result r;
	plan(eth1_desired, "{" HDR "}", NULL, true, &r);
	assert_string_equal(r.ops, "");
	assert_int_equal(r.warnings, 1);
	assert_int_equal(r.errors, 0);
}

/* A macvlan on a port the kernel lacks cannot be made either; nothing is planned on it. */
static void skip_follows_lower(void **state)
{
	(void)state;
	struct result r;
	plan("{" HDR ",\"links\":[{\"name\":\"eth9\",\"kind\":\"physical\",\"up\":true},"
	     "{\"name\":\"eth9-v0\",\"kind\":\"macvlan\",\"up\":true,"
	     "\"macvlan\":{\"lower\":\"eth9\",\"mode\":\"private\"}}],"
	     "\"addresses\":[{\"ifname\":\"eth9-v0\",\"prefix\":\"10.9.0.1/24\"}]}",
	     "{" HDR "}", NULL, true, &r);
	assert_string_equal(r.ops, "");
	assert_int_equal(r.warnings, 1);
}

static void physical_not_turned_into_bridge(void **state)
{
	(void)state;
	struct result r;
	plan("{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"bridge\",\"up\":true}]}",
	     "{" HDR ",\"links\":[{\"name\":\"eth1\",\"kind\":\"physical\",\"up\":true}]}", NULL,
	     true, &r);
	assert_string_equal(r.ops, "");
	assert_int_equal(r.errors, 1);
}

/* vrf-table auto: an existing VRF keeps its table; a new one gets the lowest free one. */
static void vrf_table_auto(void **state)
{
	(void)state;
	EXPECT("{" HDR ",\"links\":[{\"name\":\"BLUE\",\"kind\":\"vrf\",\"up\":true,"
	       "\"vrf\":{\"table\":\"auto\"}},{\"name\":\"RED\",\"kind\":\"vrf\",\"up\":true,"
	       "\"vrf\":{\"table\":\"auto\"}}]}",
	       "{" HDR ",\"links\":[{\"name\":\"RED\",\"kind\":\"vrf\",\"up\":true,"
	       "\"vrf\":{\"table\":1001}}]}",
	       NULL, true, "link-add BLUE table 1002");
}

/* The local table's rule is moved, once; the kernel's other rules and those the desired
 * state does not name are left alone, even when an earlier configuration made them. */
static void rule_moved_never_removed(void **state)
{
	(void)state;
	const char *desired = "{" HDR ",\"links\":[{\"name\":\"RED\",\"kind\":\"vrf\","
	                      "\"vrf\":{\"table\":1001}}],\"rules\":["
	                      "{\"ifname\":\"RED\",\"family\":\"inet\",\"table\":255,\"priority\":32765},"
	                      "{\"ifname\":\"RED\",\"family\":\"inet6\",\"table\":255,\"priority\":32765}]}";
	const char *kernel = "{" HDR ",\"links\":[{\"name\":\"RED\",\"kind\":\"vrf\","
	                     "\"vrf\":{\"table\":1001}}],\"rules\":["
	                     "{\"family\":\"inet\",\"table\":255,\"priority\":0},"
	                     "{\"family\":\"inet\",\"table\":254,\"priority\":32766}]}";
	EXPECT(desired, kernel, NULL, true,
	       "rule-set RED v4 255 from 0; rule-set RED v6 255 at 32765");
	const char *moved = "{" HDR ",\"links\":[{\"name\":\"RED\",\"kind\":\"vrf\","
	                    "\"vrf\":{\"table\":1001}}],\"rules\":["
	                    "{\"family\":\"inet\",\"table\":255,\"priority\":32765},"
	                    "{\"family\":\"inet6\",\"table\":255,\"priority\":32765}]}";
	EXPECT(desired, moved, NULL, true, "");
	const char *none = "{" HDR ",\"links\":[{\"name\":\"RED\",\"kind\":\"vrf\","
	                   "\"vrf\":{\"table\":1001}}]}";
	EXPECT(none, moved, desired, true, "");
}

/* Owner positions for segment_by_interface: p1 first, then x, the bond b0, the bridge br0. */
static uint32_t owner_of(void *ctx, const struct ifcc_op *op)
{
	(void)ctx;
	static const char *const order[] = {"p1", "x", "b0", "br0"};
	for (uint32_t k = 0; k < 4; k++)
		if (op->ifname && !strcmp(op->ifname, order[k]))
			return k + 1;
	return 0;
}

/* Regrouped by interface, an op still comes after the links it needs: p1 belongs first,
 * but is enslaved in its bond's segment, after the bond is made. */
static void segment_by_interface(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ifcc_diags d;
	diags_init(&d, &a);
	const char *desired =
	    "{" HDR ",\"links\":[{\"name\":\"b0\",\"kind\":\"bond\",\"up\":true},"
	    "{\"name\":\"p1\",\"kind\":\"physical\",\"up\":true,\"master\":\"b0\"},"
	    "{\"name\":\"x\",\"kind\":\"dummy\",\"up\":true}],"
	    "\"addresses\":[{\"ifname\":\"x\",\"prefix\":\"10.0.0.1/24\"}]}";
	const char *actual = "{" HDR ",\"links\":[{\"name\":\"p1\",\"kind\":\"physical\"},"
	                     "{\"name\":\"old\",\"kind\":\"dummy\"}]}";
	struct ifcc_plan_opts o = {.owned = snap(&a, actual), .actual_is_kernel = true};
	struct ifcc_plan p;
	assert_int_equal(ifcc_plan_build(&a, snap(&a, desired), snap(&a, actual), &o, &p, &d), 0);
	char before[512], after[512];
	ops_text(&p, before, sizeof(before));
	assert_string_equal(before, "link-del old; link-add b0; link-set p1 0x18; link-add x; "
	                            "addr-add x 10.0.0.1/24");
	assert_int_equal(p.teardown, 1);
	uint32_t *segs;
	assert_int_equal(ifcc_plan_segment(&a, &p, owner_of, NULL, &segs), 0);
	ops_text(&p, after, sizeof(after));
	assert_string_equal(after, "link-del old; link-add x; addr-add x 10.0.0.1/24; "
	                           "link-add b0; link-set p1 0x18");
	const uint32_t want[] = {0, 2, 2, 3, 3};
	for (size_t k = 0; k < 5; k++)
		assert_int_equal(segs[k], want[k]);
	/* A bond made with a bridge as master, the bridge later in the order: the bond is made
	 * in its own segment, and enslaved in the bridge's (positions: b0 3, br0 4). */
	const char *d2 = "{" HDR ",\"links\":[{\"name\":\"b0\",\"kind\":\"bond\",\"up\":true,"
	                 "\"master\":\"br0\"},{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true}]}";
	const char *a2 = "{" HDR "}";
	struct ifcc_plan_opts o2 = {.actual_is_kernel = true};
	assert_int_equal(ifcc_plan_build(&a, snap(&a, d2), snap(&a, a2), &o2, &p, &d), 0);
	ops_text(&p, before, sizeof(before));
	assert_string_equal(before, "link-add br0; link-add b0");
	assert_int_equal(ifcc_plan_segment(&a, &p, owner_of, NULL, &segs), 0);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.v[0].kind, IFCC_OP_LINK_ADD);
	assert_string_equal(p.v[0].ifname, "b0");
	assert_false(p.v[0].obj.link->set & LF_MASTER);
	assert_string_equal(p.v[1].ifname, "br0");
	assert_int_equal(p.v[2].kind, IFCC_OP_LINK_SET);
	assert_string_equal(p.v[2].ifname, "b0");
	assert_true(p.v[2].fields & LF_MASTER);
	assert_string_equal(p.v[2].obj.link->master, "br0");
	assert_int_equal(segs[0], 3);
	assert_int_equal(segs[1], 4);
	assert_int_equal(segs[2], 4);
	arena_free(&a);
}

/* FDB entries and routes are removed only when an earlier configuration made them. */
static void fdb_removed_only_when_owned(void **state)
{
	(void)state;
	const char *desired = "{" HDR ",\"links\":[{\"name\":\"br0\",\"kind\":\"bridge\"}]}";
	const char *actual = "{" HDR ",\"links\":[{\"name\":\"br0\",\"kind\":\"bridge\"}],"
	                     "\"fdb\":[{\"ifname\":\"br0\",\"mac\":\"00:00:5e:00:01:01\",\"self\":true},"
	                     "{\"ifname\":\"br0\",\"mac\":\"02:00:00:00:00:09\",\"self\":true}]}";
	const char *owned = "{" HDR ",\"links\":[{\"name\":\"br0\",\"kind\":\"bridge\"}],"
	                    "\"fdb\":[{\"ifname\":\"br0\",\"mac\":\"00:00:5e:00:01:01\",\"self\":true}]}";
	EXPECT(desired, actual, NULL, true, "");
	EXPECT(desired, actual, owned, true, "fdb-del br0");
}

/* A veth pair is made by one link-add; the other end is then only configured. */
static void veth_pair_one_add(void **state)
{
	(void)state;
	EXPECT("{" HDR ",\"links\":[{\"name\":\"a\",\"kind\":\"veth\",\"up\":true,"
	       "\"veth\":{\"peer\":\"b\"}},{\"name\":\"b\",\"kind\":\"veth\",\"up\":true,"
	       "\"veth\":{\"peer\":\"a\"}}]}",
	       "{" HDR "}", NULL, true, "link-add a; link-set b 0x8");
}

/* Masters before ports; the VLAN the kernel gives a new port is removed when unwanted. */
static void master_first_and_default_pvid(void **state)
{
	(void)state;
	EXPECT("{" HDR ",\"links\":[{\"name\":\"swp1\",\"kind\":\"physical\",\"up\":true,"
	       "\"master\":\"br0\"},{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true,"
	       "\"bridge\":{\"vlan_filtering\":true}}],"
	       "\"bridge_vlans\":[{\"ifname\":\"br0\",\"vid\":1,\"pvid\":true,\"untagged\":true,"
	       "\"self\":true},{\"ifname\":\"swp1\",\"vid\":10,\"pvid\":true,\"untagged\":true}]}",
	       "{" HDR ",\"links\":[{\"name\":\"swp1\",\"kind\":\"physical\",\"up\":false}]}", NULL,
	       true, "link-add br0; link-set swp1 0x18; vlan-del swp1 1; vlan-add swp1 10");
}

/* Removing a link from an old configuration deletes it; a removed port is released. */
static void removed_from_config(void **state)
{
	(void)state;
	const char *old = "{" HDR ",\"links\":[{\"name\":\"swp1\",\"kind\":\"physical\",\"up\":true,"
	                  "\"master\":\"br0\"},{\"name\":\"br0\",\"kind\":\"bridge\",\"up\":true}],"
	                  "\"addresses\":[{\"ifname\":\"br0\",\"prefix\":\"10.0.0.1/24\"}]}";
	EXPECT("{" HDR "}", old, old, false, "link-set swp1 0x18; link-del br0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(foreign_link_untouched),
	    cmocka_unit_test(purge_keeps_link_local),
	    cmocka_unit_test(address_purge_no),
	    cmocka_unit_test(changed_mtu_only),
	    cmocka_unit_test(recreate_cascades),
	    cmocka_unit_test(missing_physical_warns),
	    cmocka_unit_test(physical_not_turned_into_bridge),
	    cmocka_unit_test(skip_follows_lower),
	    cmocka_unit_test(vrf_table_auto),
	    cmocka_unit_test(fdb_removed_only_when_owned),
	    cmocka_unit_test(rule_moved_never_removed),
	    cmocka_unit_test(segment_by_interface),
	    cmocka_unit_test(veth_pair_one_add),
	    cmocka_unit_test(master_first_and_default_pvid),
	    cmocka_unit_test(removed_from_config),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
