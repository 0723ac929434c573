/*
 * Grammar and AST builder: stanza structure, auto and allow-CLASS state, aliases,
 * unsupported keywords, and the diagnostics of malformed lines.
 */
#include "unit_helpers.h"

static void test_duplicate_stanzas_kept_apart(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface swp1\n"
						   "    mtu 9000\n"
						   "iface swp1 inet static\n"
						   "    address 10.0.0.1/24\n"
						   "    mtu 1500\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nstanzas(cfg), 2);
	const struct ast_stanza *a = stanza(cfg, 0), *b = stanza(cfg, 1);
	assert_ptr_not_equal(a, b);
	assert_string_equal(a->name, "swp1");
	assert_string_equal(b->name, "swp1");
	assert_null(a->family);
	assert_string_equal(b->family, "inet");
	assert_int_equal(a->attrs.n, 1);
	assert_string_equal(attr(a, 0)->value.s, "9000");
	assert_int_equal(b->attrs.n, 2);
	assert_string_equal(attr(b, 0)->key, "address");
	assert_string_equal(attr(b, 1)->value.s, "1500");
	assert_loc(b->loc, 3, 1, 3, 22);
}

static void test_alias_base_folding(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0\n"
						   "iface eth0:1 inet static\n"
						   "    address 10.0.0.2/24\n"
						   "iface eth1:0:x\n"
						   "auto eth2:1\n"
						   "iface eth2:1\n"
						   "iface eth2\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_string_equal(st->name, "eth0:1");
	assert_string_equal(st->base, "eth0");
	assert_loc(st->name_loc, 2, 7, 2, 12);
	/* ifupdown2 checks auto on the folded name. */
	assert_true(st->is_auto);
	assert_string_equal(stanza(cfg, 1)->base, "eth1");
	assert_string_equal(stanza(cfg, 1)->name, "eth1:0:x");
	/* `auto eth2:1` names nothing ifupdown2 looks up: neither stanza is auto. */
	assert_string_equal(stanza(cfg, 2)->base, "eth2");
	assert_false(stanza(cfg, 2)->is_auto);
	assert_false(stanza(cfg, 3)->is_auto);
}

static void test_auto_before_after(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0\n"
						   "iface eth0\n"
						   "iface eth1\n"
						   "auto eth1\n"
						   "iface eth1\n"
						   "iface eth2\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nstanzas(cfg), 4);
	assert_true(stanza(cfg, 0)->is_auto);
	assert_false(stanza(cfg, 1)->is_auto);
	assert_true(stanza(cfg, 2)->is_auto);
	assert_false(stanza(cfg, 3)->is_auto);
}

static void test_auto_range(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto swp[1-2] swp5.[10-11]\n"
						   "iface swp1\n"
						   "iface swp2\n"
						   "iface swp3\n"
						   "iface swp[1-2]\n"
						   "iface swp5.11\n"
						   "iface swp[1-3]\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_true(stanza(cfg, 0)->is_auto);
	assert_true(stanza(cfg, 1)->is_auto);
	assert_false(stanza(cfg, 2)->is_auto);
	/* A range stanza matches the literal range string of an auto line. */
	assert_true(stanza(cfg, 3)->is_auto);
	assert_true(stanza(cfg, 4)->is_auto);
	assert_false(stanza(cfg, 5)->is_auto);
	/* The auto item keeps the words as written. */
	assert_int_equal(item(cfg, 0)->words.n, 2);
	assert_string_equal(word(item(cfg, 0), 0)->text, "swp[1-2]");
	assert_loc(word(item(cfg, 0), 1)->loc, 1, 15, 1, 26);
}

static void test_auto_all(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "auto all\n"
						   "iface eth1\n"
						   "iface eth2:3\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_false(stanza(cfg, 0)->is_auto);
	assert_true(stanza(cfg, 1)->is_auto);
	assert_true(stanza(cfg, 2)->is_auto);
	assert_int_equal(item(cfg, 1)->kind, AST_ITEM_AUTO);
	assert_string_equal(word(item(cfg, 1), 0)->text, "all");
}

static void test_auto_all_trailing_words(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0 all eth1 eth2\n"
						   "iface eth3\n");
	assert_one_diag(cfg, "auto-all-trailing", IFCC_WARNING);
	assert_loc(diag(cfg, 0)->loc, 1, 15, 1, 18);
	/* ifupdown2 stops reading the line at "all". */
	assert_int_equal(item(cfg, 0)->words.n, 2);
	assert_string_equal(word(item(cfg, 0), 1)->text, "all");
	assert_true(stanza(cfg, 0)->is_auto);
}

static void test_allow_classes(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "allow-hotplug eth0 eth1\n"
						   "iface eth0\n"
						   "allow-boot eth1\n"
						   "iface eth1\n"
						   "allow-hotplug eth3\n"
						   "iface eth2\n");
	assert_int_equal(ndiags(cfg), 0);
	/* Classes attach to later stanzas only. */
	assert_int_equal(stanza(cfg, 0)->classes.n, 0);
	const struct ast_stanza *st = stanza(cfg, 1);
	assert_int_equal(st->classes.n, 1);
	assert_string_equal(st->classes.v[0], "hotplug");
	assert_false(st->is_auto); /* allow-CLASS is not auto */
	st = stanza(cfg, 2);
	assert_int_equal(st->classes.n, 2);
	assert_string_equal(st->classes.v[0], "hotplug");
	assert_string_equal(st->classes.v[1], "boot");
	assert_int_equal(stanza(cfg, 3)->classes.n, 0);
	const struct ast_item *it = item(cfg, 1);
	assert_int_equal(it->kind, AST_ITEM_ALLOW);
	assert_string_equal(it->cls, "hotplug");
	assert_int_equal(it->words.n, 2);
	assert_loc(word(it, 1)->loc, 2, 20, 2, 23);
}

static void test_allow_auto_is_a_class(void **state)
{
	struct ifcc_config *cfg = load_text(state, "allow-auto eth0\niface eth0\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_false(stanza(cfg, 0)->is_auto);
	assert_int_equal(stanza(cfg, 0)->classes.n, 1);
	assert_string_equal(stanza(cfg, 0)->classes.v[0], "auto");
}

/* ifupdown2 takes the class as words[0].split('-')[1]. */
static void test_allow_class_stops_at_dash(void **state)
{
	struct ifcc_config *cfg = load_text(state, "allow-foo-bar eth0\n"
						   "allow-x- eth0\n"
						   "iface eth0\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_string_equal(item(cfg, 0)->cls, "foo");
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->classes.n, 2);
	assert_string_equal(st->classes.v[0], "foo");
	assert_string_equal(st->classes.v[1], "x");
}

static void test_keyword_ends_stanza(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    mtu 9000\n"
						   "    auto eth1\n"
						   "    mtu 1500\n");
	assert_one_diag(cfg, "attr-outside-stanza", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 4, 5, 4, 7);
	assert_int_equal(stanza(cfg, 0)->attrs.n, 1);
}

static void test_mapping_swallows_block(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    mtu 9000\n"
						   "mapping eth0 eth1\n"
						   "    script /usr/local/sbin/map-scheme\n"
						   "    map HOME eth0-home\n"
						   "    map WORK eth0-work\n"
						   "iface eth1\n"
						   "    mtu 1500\n");
	assert_one_diag(cfg, "unsupported-keyword", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 3, 1, 3, 7);
	assert_int_equal(nstanzas(cfg), 2);
	assert_int_equal(stanza(cfg, 0)->attrs.n, 1);
	assert_int_equal(stanza(cfg, 1)->attrs.n, 1);
	assert_string_equal(attr(stanza(cfg, 1), 0)->value.s, "1500");
}

static void test_template_swallows_block(void **state)
{
	struct ifcc_config *cfg = load_text(state, "template foo\n"
						   "    mtu 9000\n"
						   "auto eth0\n"
						   "    mtu 1500\n");
	/* The block ends at `auto`: the last line is outside any stanza again. */
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "unsupported-keyword");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_string_equal(diag(cfg, 1)->rule, "attr-outside-stanza");
	assert_loc(diag(cfg, 1)->loc, 4, 5, 4, 7);
}

static void test_unsupported_line_keywords(void **state)
{
	struct ifcc_config *cfg = load_text(state, "no-auto-down eth0\n"
						   "no-scripts eth0\n"
						   "rename eth0=lan0\n"
						   "inherits foo\n");
	assert_int_equal(ndiags(cfg), 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(diag(cfg, i)->rule, "unsupported-keyword");
		assert_int_equal(diag(cfg, i)->severity, IFCC_ERROR);
		assert_int_equal(diag(cfg, i)->loc.line, i + 1);
		assert_int_equal(diag(cfg, i)->loc.col, 1);
	}
	assert_int_equal(diag(cfg, 1)->loc.end_col, 10);
	assert_int_equal(nitems(cfg), 0);
}

static void test_iface_inherits(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0 inet static inherits base\n"
						   "    address 10.0.0.1/24\n");
	assert_one_diag(cfg, "unsupported-keyword", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 24, 1, 31);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_string_equal(st->method, "static");
	assert_int_equal(st->attrs.n, 1);
}

static void test_attr_outside_stanza(void **state)
{
	struct ifcc_config *cfg = load_text(state, "address 10.0.0.1/24\n");
	assert_one_diag(cfg, "attr-outside-stanza", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 1, 1, 7);
	assert_int_equal(nitems(cfg), 0);
}

static void test_missing_value(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    mtu   \n"
						   "    address 10.0.0.1/24\n"
						   "    alias \\\n");
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "missing-value");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 2, 5, 2, 7);
	assert_string_equal(diag(cfg, 1)->rule, "missing-value");
	assert_loc(diag(cfg, 1)->loc, 4, 5, 4, 9);
	assert_int_equal(stanza(cfg, 0)->attrs.n, 1);
	assert_string_equal(attr(stanza(cfg, 0), 0)->key, "address");
}

static void test_auto_empty(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto\niface eth0\n");
	assert_one_diag(cfg, "auto-empty", IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 1, 1, 4);
	assert_int_equal(nitems(cfg), 1);
}

static void test_allow_errors(void **state)
{
	struct ifcc_config *cfg = load_text(state, "allow-hotplug\n"
						   "allow eth0\n"
						   "allow- eth0\n");
	assert_int_equal(ndiags(cfg), 3);
	assert_string_equal(diag(cfg, 0)->rule, "allow-empty");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 1, 1, 13);
	assert_string_equal(diag(cfg, 1)->rule, "allow-class");
	assert_int_equal(diag(cfg, 1)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 1)->loc, 2, 1, 2, 5);
	assert_string_equal(diag(cfg, 2)->rule, "allow-class");
	assert_int_equal(nitems(cfg), 0);
}

static void test_stanza_without_name(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface\n"
						   "    mtu 9000\n"
						   "    address 10.0.0.1/24\n"
						   "vlan\n"
						   "iface eth0\n"
						   "    mtu 1500\n");
	/* One error per nameless stanza; its attribute lines add none. */
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "stanza-name");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 1, 1, 5);
	assert_string_equal(diag(cfg, 1)->rule, "stanza-name");
	assert_loc(diag(cfg, 1)->loc, 4, 1, 4, 4);
	assert_int_equal(nstanzas(cfg), 1);
	assert_int_equal(stanza(cfg, 0)->attrs.n, 1);
}

static void test_family_and_method_errors(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0 ipx static\n"
						   "iface eth1 inet frob\n"
						   "iface eth2 ipx frob\n"
						   "iface eth3 inet6 dhcp extra words\n");
	assert_int_equal(ndiags(cfg), 4);
	assert_string_equal(diag(cfg, 0)->rule, "address-family");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 12, 1, 14);
	assert_string_equal(diag(cfg, 1)->rule, "address-method");
	assert_int_equal(diag(cfg, 1)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 1)->loc, 2, 17, 2, 20);
	/* An unknown family: as in ifupdown2, family and method are dropped, one error. */
	assert_string_equal(diag(cfg, 2)->rule, "address-family");
	assert_loc(diag(cfg, 2)->loc, 3, 12, 3, 14);
	assert_string_equal(diag(cfg, 3)->rule, "extra-words");
	assert_int_equal(diag(cfg, 3)->severity, IFCC_WARNING);
	assert_loc(diag(cfg, 3)->loc, 4, 23, 4, 27);

	assert_null(stanza(cfg, 0)->family);
	assert_null(stanza(cfg, 0)->method);
	/* An unknown method is kept, as ifupdown2 does. */
	assert_string_equal(stanza(cfg, 1)->family, "inet");
	assert_string_equal(stanza(cfg, 1)->method, "frob");
	assert_null(stanza(cfg, 2)->family);
	assert_null(stanza(cfg, 2)->method);
	assert_string_equal(stanza(cfg, 3)->method, "dhcp");
}

static void test_vlan_errors(void **state)
{
	struct ifcc_config *cfg = load_text(state, "vlan br0\n"
						   "vlan br0.20 inet\n");
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "vlan-name");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 0)->loc, 1, 6, 1, 8);
	assert_string_equal(diag(cfg, 1)->rule, "extra-words");
	assert_int_equal(diag(cfg, 1)->severity, IFCC_WARNING);
	assert_loc(diag(cfg, 1)->loc, 2, 13, 2, 16);
	assert_int_equal(nstanzas(cfg), 2);
	assert_int_equal(stanza(cfg, 0)->kind, AST_VLAN);
}

static void test_name_checks(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface abcdefghijklmno\n"   /* 15: fine */
						   "iface abcdefghijklmnop\n"  /* 16 */
						   "iface vlan${id}\n"
						   "iface swp[3-1]\n"
						   "iface swp[1-9]abcdefghijklmn\n"
						   "iface abcdefghijklmno:123\n");
	assert_int_equal(ndiags(cfg), 4);
	assert_string_equal(diag(cfg, 0)->rule, "name-too-long");
	assert_int_equal(diag(cfg, 0)->severity, IFCC_WARNING);
	assert_loc(diag(cfg, 0)->loc, 2, 7, 2, 22);
	assert_string_equal(diag(cfg, 1)->rule, "name-unexpanded");
	assert_int_equal(diag(cfg, 1)->severity, IFCC_WARNING);
	assert_string_equal(diag(cfg, 2)->rule, "empty-range");
	assert_int_equal(diag(cfg, 2)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 2)->loc, 4, 7, 4, 14);
	/* The longest generated name is checked: swp9abcdefghijklmn is 18 bytes. */
	assert_string_equal(diag(cfg, 3)->rule, "name-too-long");
	assert_int_equal(diag(cfg, 3)->loc.line, 5);
	assert_int_equal(nstanzas(cfg), 6);
}

static void test_source_ends_stanza(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "source /nonexistent-ifcc/*\n"
						   "    mtu 9000\n"
						   "source\n");
	assert_int_equal(ndiags(cfg), 2);
	assert_string_equal(diag(cfg, 0)->rule, "attr-outside-stanza");
	assert_string_equal(diag(cfg, 1)->rule, "source-empty");
	assert_int_equal(diag(cfg, 1)->severity, IFCC_ERROR);
	assert_loc(diag(cfg, 1)->loc, 4, 1, 4, 6);
	assert_int_equal(stanza(cfg, 0)->attrs.n, 0);
}

static void test_item_order(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto lo\n"
						   "iface lo inet loopback\n"
						   "allow-hotplug eth0\n"
						   "iface eth0\n");
	assert_int_equal(nitems(cfg), 4);
	assert_int_equal(item(cfg, 0)->kind, AST_ITEM_AUTO);
	assert_int_equal(item(cfg, 1)->kind, AST_ITEM_STANZA);
	assert_int_equal(item(cfg, 2)->kind, AST_ITEM_ALLOW);
	assert_int_equal(item(cfg, 3)->kind, AST_ITEM_STANZA);
	assert_ptr_equal(item(cfg, 1)->stanza, stanza(cfg, 0));
	assert_loc(item(cfg, 1)->loc, 2, 1, 2, 22);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CFG_TEST(test_duplicate_stanzas_kept_apart),
		CFG_TEST(test_alias_base_folding),
		CFG_TEST(test_auto_before_after),
		CFG_TEST(test_auto_range),
		CFG_TEST(test_auto_all),
		CFG_TEST(test_auto_all_trailing_words),
		CFG_TEST(test_allow_classes),
		CFG_TEST(test_allow_auto_is_a_class),
		CFG_TEST(test_allow_class_stops_at_dash),
		CFG_TEST(test_keyword_ends_stanza),
		CFG_TEST(test_mapping_swallows_block),
		CFG_TEST(test_template_swallows_block),
		CFG_TEST(test_unsupported_line_keywords),
		CFG_TEST(test_iface_inherits),
		CFG_TEST(test_attr_outside_stanza),
		CFG_TEST(test_missing_value),
		CFG_TEST(test_auto_empty),
		CFG_TEST(test_allow_errors),
		CFG_TEST(test_stanza_without_name),
		CFG_TEST(test_family_and_method_errors),
		CFG_TEST(test_vlan_errors),
		CFG_TEST(test_name_checks),
		CFG_TEST(test_source_ends_stanza),
		CFG_TEST(test_item_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
