/*
 * Scanner-level behaviour seen through the AST: keywords, comments, keys and values,
 * continuation lines, CRLF, tabs, and the physical location of every token.
 */
#include "unit_helpers.h"

static void test_keywords(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto lo eth0\n"
						   "allow-hotplug eth1\n"
						   "iface lo inet loopback\n"
						   "vlan br0.10\n"
						   "iface eth1 inet6\n"
						   "iface eth2\n"
						   "source /nonexistent-ifcc-dir/*.intf\n"
						   "source-directory /nonexistent-ifcc-dir/d\n");
	assert_int_equal(nitems(cfg), 8);
	const struct ast_item *it = item(cfg, 0);
	assert_int_equal(it->kind, AST_ITEM_AUTO);
	assert_int_equal(it->words.n, 2);
	assert_string_equal(word(it, 0)->text, "lo");
	assert_string_equal(word(it, 1)->text, "eth0");

	it = item(cfg, 1);
	assert_int_equal(it->kind, AST_ITEM_ALLOW);
	assert_string_equal(it->cls, "hotplug");
	assert_int_equal(it->words.n, 1);
	assert_string_equal(word(it, 0)->text, "eth1");

	it = item(cfg, 2);
	assert_int_equal(it->kind, AST_ITEM_STANZA);
	assert_int_equal(it->stanza->kind, AST_IFACE);
	assert_string_equal(it->stanza->name, "lo");
	assert_string_equal(it->stanza->family, "inet");
	assert_string_equal(it->stanza->method, "loopback");

	it = item(cfg, 3);
	assert_int_equal(it->kind, AST_ITEM_STANZA);
	assert_int_equal(it->stanza->kind, AST_VLAN);
	assert_string_equal(it->stanza->name, "br0.10");
	assert_null(it->stanza->family);
	assert_null(it->stanza->method);

	/* iface NAME FAMILY without a method, and iface NAME alone. */
	assert_string_equal(item(cfg, 4)->stanza->family, "inet6");
	assert_null(item(cfg, 4)->stanza->method);
	assert_null(item(cfg, 5)->stanza->family);
	assert_null(item(cfg, 5)->stanza->method);

	it = item(cfg, 6);
	assert_int_equal(it->kind, AST_ITEM_SOURCE);
	assert_string_equal(word(it, 0)->text, "/nonexistent-ifcc-dir/*.intf");
	assert_int_equal(it->files.n, 0);
	it = item(cfg, 7);
	assert_int_equal(it->kind, AST_ITEM_SOURCE);
	assert_string_equal(word(it, 0)->text, "/nonexistent-ifcc-dir/d");

	/* The glob matching nothing is silent; the missing directory is not. */
	assert_one_diag(cfg, "source-missing", IFCC_WARNING);
	assert_loc(diag(cfg, 0)->loc, 8, 18, 8, 40);
}

static void test_indentation_not_significant(void **state)
{
	struct ifcc_config *cfg = load_text(state, "    auto eth0\n"
						   "  iface eth0 inet static\n"
						   "address 10.0.0.1/24\n"
						   "\t\t  mtu 9000\n"
						   "\tiface eth1\n"
						   "bridge-ports swp1\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nitems(cfg), 3);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_true(st->is_auto);
	assert_int_equal(st->attrs.n, 2);
	assert_string_equal(attr(st, 0)->key, "address");
	assert_string_equal(attr(st, 0)->value.s, "10.0.0.1/24");
	assert_loc(ast_attr_key_loc(attr(st, 0)), 3, 1, 3, 7);
	assert_string_equal(attr(st, 1)->key, "mtu");
	assert_loc(ast_attr_key_loc(attr(st, 1)), 4, 5, 4, 7);
	st = stanza(cfg, 1);
	assert_string_equal(st->name, "eth1");
	assert_loc(st->name_loc, 5, 8, 5, 11);
	assert_int_equal(st->attrs.n, 1);
	assert_string_equal(attr(st, 0)->value.s, "swp1");
}

static void test_comments(void **state)
{
	struct ifcc_config *cfg = load_text(state, "# header comment\n"
						   "iface eth0\n"
						   "    # indented comment\n"
						   "#address 10.9.9.9/24\n"
						   "    alias port swp1 # not a comment\n"
						   "\t#mtu 1500\n"
						   "    mtu 9000#x\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nitems(cfg), 1);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 2);
	assert_string_equal(attr(st, 0)->key, "alias");
	assert_string_equal(attr(st, 0)->value.s, "port swp1 # not a comment");
	assert_int_equal(attr(st, 0)->value.len, strlen("port swp1 # not a comment"));
	assert_loc(ast_attr_value_loc(attr(st, 0)), 5, 11, 5, 35);
	assert_string_equal(attr(st, 1)->value.s, "9000#x");
}

/* The continuation step comes before comment removal: a comment's backslash eats a line. */
static void test_comment_continuation_swallows_next_line(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    # a comment \\\n"
						   "    address 10.0.0.1/24\n"
						   "    mtu 9000\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 1);
	assert_string_equal(attr(st, 0)->key, "mtu");
	assert_loc(ast_attr_key_loc(attr(st, 0)), 4, 5, 4, 7);
}

/* The key as written: the file's bytes at the key's span. */
static void assert_raw_key(const struct ast_attr *at, const char *want)
{
	assert_int_equal(at->key_sp.end - at->key_sp.begin, strlen(want));
	assert_memory_equal(at->value.file->text + at->key_sp.begin, want, strlen(want));
}

static void test_key_underscore_normalised(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface br0\n"
						   "    bridge_ports swp1 swp2\n"
						   "    bridge-vlan-aware yes\n"
						   "    bond__x_ y\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 3);
	assert_string_equal(attr(st, 0)->key, "bridge-ports");
	assert_raw_key(attr(st, 0), "bridge_ports");
	assert_string_equal(attr(st, 0)->value.s, "swp1 swp2");
	assert_loc(ast_attr_key_loc(attr(st, 0)), 2, 5, 2, 16);
	assert_string_equal(attr(st, 1)->key, "bridge-vlan-aware");
	assert_raw_key(attr(st, 1), "bridge-vlan-aware");
	assert_string_equal(attr(st, 2)->key, "bond--x-");
	assert_raw_key(attr(st, 2), "bond__x_");
}

static void test_value_whitespace(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "post-up \t echo   a\tb  \t \n"
						   "alias x\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 2);
	const struct ast_attr *a = attr(st, 0);
	assert_string_equal(a->value.s, "echo   a\tb");
	assert_int_equal(a->value.len, 10);
	assert_loc(ast_attr_key_loc(a), 2, 1, 2, 7);
	assert_loc(ast_attr_value_loc(a), 2, 11, 2, 20);
	assert_loc(ast_text_loc(&a->value, 7, 1), 2, 18, 2, 18); /* "a" */
	assert_loc(ast_text_loc(&a->value, 9, 1), 2, 20, 2, 20); /* "b" after the tab */
	/* The whole line: from the key to the last byte of the value. */
	assert_loc(ast_attr_loc(a), 2, 1, 2, 20);
	assert_string_equal(attr(st, 1)->value.s, "x");
	assert_int_equal(attr(st, 1)->value.len, 1);
}

static void test_continuation_basic(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    post-up ip link set \\\n"
						   "        dev eth0 up\n"
						   "    mtu 9000\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 2);
	const struct ast_attr *a = attr(st, 0);
	assert_string_equal(a->value.s, "ip link set dev eth0 up");
	assert_int_equal(a->value.len, 23);
	assert_loc(ast_attr_key_loc(a), 2, 5, 2, 11);
	assert_loc(ast_attr_value_loc(a), 2, 13, 3, 19);
	assert_loc(ast_attr_loc(a), 2, 5, 3, 19);
	/* Sub-tokens map back to their physical line and column. */
	assert_loc(ast_text_loc(&a->value, 0, 2), 2, 13, 2, 14);   /* ip */
	assert_loc(ast_text_loc(&a->value, 8, 3), 2, 21, 2, 23);   /* set */
	assert_loc(ast_text_loc(&a->value, 12, 3), 3, 9, 3, 11);   /* dev */
	assert_loc(ast_text_loc(&a->value, 16, 4), 3, 13, 3, 16);  /* eth0 */
	assert_loc(ast_text_loc(&a->value, 21, 2), 3, 18, 3, 19);  /* up */
	/* The joining space stands for the blanks and backslash at the end of line 2. */
	assert_loc(ast_text_loc(&a->value, 11, 1), 2, 24, 2, 24);
	/* A span across the join ends where its last byte is. */
	assert_loc(ast_text_loc(&a->value, 8, 7), 2, 21, 3, 11);     /* "set dev" */
	assert_loc(ast_text_loc(&a->value, 0, a->value.len), 2, 13, 3, 19);
	/* The next line is its own attribute, at its physical line. */
	assert_string_equal(attr(st, 1)->key, "mtu");
	assert_loc(ast_attr_key_loc(attr(st, 1)), 4, 5, 4, 7);
	assert_loc(ast_attr_value_loc(attr(st, 1)), 4, 9, 4, 12);
}

static void test_continuation_trailing_blanks_and_chains(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    up a \\  \t\n"
						   "       b\n"
						   "    down c\\\n"
						   "d \\\n"
						   "    e \\\n"
						   "  f\n"
						   "    post-up echo x\\y\n"
						   "    pre-up echo x \\ y\n"
						   "    alias \\\n"
						   "        joined\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 5);
	/* Blanks after the backslash do not stop the continuation. */
	assert_string_equal(attr(st, 0)->value.s, "a b");
	assert_loc(ast_attr_value_loc(attr(st, 0)), 2, 8, 3, 8);
	/* Several continuations in a row, and a backslash with no blank before it. */
	assert_string_equal(attr(st, 1)->key, "down");
	assert_string_equal(attr(st, 1)->value.s, "c d e f");
	assert_loc(ast_text_loc(&attr(st, 1)->value, 2, 1), 5, 1, 5, 1);
	assert_loc(ast_text_loc(&attr(st, 1)->value, 4, 1), 6, 5, 6, 5);
	assert_loc(ast_text_loc(&attr(st, 1)->value, 6, 1), 7, 3, 7, 3);
	assert_loc(ast_attr_value_loc(attr(st, 1)), 4, 10, 7, 3);
	/* A backslash in mid-line becomes a joining space, as in ifupdown2. */
	assert_string_equal(attr(st, 2)->value.s, "echo x y");
	assert_loc(ast_text_loc(&attr(st, 2)->value, 6, 1), 8, 19, 8, 19);
	assert_loc(ast_text_loc(&attr(st, 2)->value, 7, 1), 8, 20, 8, 20);
	assert_string_equal(attr(st, 3)->value.s, "echo x y");
	/* Continuation right after the key: the value starts on the next line. */
	assert_string_equal(attr(st, 4)->key, "alias");
	assert_string_equal(attr(st, 4)->value.s, "joined");
	assert_loc(ast_attr_key_loc(attr(st, 4)), 10, 5, 10, 9);
	assert_loc(ast_attr_value_loc(attr(st, 4)), 11, 9, 11, 14);
}

/*
 * ifupdown2 splits the text at every backslash, strips each piece and joins the pieces
 * with one space: an empty piece (a line holding only a backslash, or two backslashes
 * in a row) adds one more space.
 */
static void test_continuation_empty_pieces(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    alias a \\\n"
						   "  \\\n"
						   "    b\n"
						   "    down x\\\\y\n"
						   "    mtu 9000\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 3);
	assert_string_equal(attr(st, 0)->value.s, "a  b");
	assert_int_equal(attr(st, 0)->value.len, 4);
	assert_loc(ast_text_loc(&attr(st, 0)->value, 3, 1), 4, 5, 4, 5);
	assert_loc(ast_attr_value_loc(attr(st, 0)), 2, 11, 4, 5);
	assert_string_equal(attr(st, 1)->value.s, "x  y");
	assert_loc(ast_text_loc(&attr(st, 1)->value, 3, 1), 5, 13, 5, 13);
	assert_string_equal(attr(st, 2)->key, "mtu");
}

/* A continuation joins whatever comes next, even across a blank line. */
static void test_continuation_joins_next_line(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    alias x \\\n"
						   "\n"
						   "    address 10.0.0.1/24\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 1);
	assert_string_equal(attr(st, 0)->value.s, "x address 10.0.0.1/24");
	assert_loc(ast_attr_value_loc(attr(st, 0)), 2, 11, 4, 23);
	assert_loc(ast_text_loc(&attr(st, 0)->value, 2, 7), 4, 5, 4, 11);
}

static void test_continuation_in_keyword_line(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0 \\\n"
						   "     eth1\n"
						   "iface eth1 \\\n"
						   "\tinet \\\n"
						   "\tstatic\n"
						   "  address 10.0.0.1/24\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_item *it = item(cfg, 0);
	assert_int_equal(it->words.n, 2);
	assert_string_equal(word(it, 1)->text, "eth1");
	assert_loc(word(it, 1)->loc, 2, 6, 2, 9);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_true(st->is_auto);
	assert_string_equal(st->family, "inet");
	assert_string_equal(st->method, "static");
	assert_loc(st->name_loc, 3, 7, 3, 10);
	assert_loc(st->loc, 3, 1, 5, 7);
	assert_int_equal(st->attrs.n, 1);
	assert_loc(ast_attr_value_loc(attr(st, 0)), 6, 11, 6, 21);
}

static void test_locations(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0\n"
						   "iface eth0 inet static\n"
						   "    address 10.0.0.1/24\n"
						   "\n"
						   "vlan br0.10\n"
						   "    bridge-igmp-querier-src 10.0.0.2\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_item *it = item(cfg, 0);
	assert_loc(it->loc, 1, 1, 1, 9);
	assert_loc(word(it, 0)->loc, 1, 6, 1, 9);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_loc(st->loc, 2, 1, 2, 22);
	assert_loc(st->name_loc, 2, 7, 2, 10);
	assert_ptr_equal(st->name_loc.file, cfg->ast.files.v[0]);
	const struct ast_attr *a = attr(st, 0);
	assert_loc(ast_attr_key_loc(a), 3, 5, 3, 11);
	assert_loc(ast_attr_value_loc(a), 3, 13, 3, 23);
	assert_loc(ast_attr_loc(a), 3, 5, 3, 23);
	assert_ptr_equal(a->value.file, cfg->ast.files.v[0]);
	st = stanza(cfg, 1);
	assert_loc(st->name_loc, 5, 6, 5, 11);
	assert_loc(ast_attr_value_loc(attr(st, 0)), 6, 29, 6, 36);
}

static void test_crlf(void **state)
{
	struct ifcc_config *cfg = load_text(state, "auto eth0\r\n"
						   "iface eth0 inet static\r\n"
						   "    address 10.0.0.1/24\r\n"
						   "    post-up a \\\r\n"
						   "        b   \r\n"
						   "\r\n"
						   "    mtu 9000\r\n");
	assert_int_equal(ndiags(cfg), 0);
	assert_string_equal(word(item(cfg, 0), 0)->text, "eth0");
	assert_loc(word(item(cfg, 0), 0)->loc, 1, 6, 1, 9);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_true(st->is_auto);
	assert_string_equal(st->method, "static");
	assert_loc(st->loc, 2, 1, 2, 22);
	assert_int_equal(st->attrs.n, 3);
	const struct ast_attr *a = attr(st, 0);
	assert_string_equal(a->value.s, "10.0.0.1/24");
	assert_loc(ast_attr_value_loc(a), 3, 13, 3, 23);
	assert_loc(ast_attr_loc(a), 3, 5, 3, 23);
	a = attr(st, 1);
	assert_string_equal(a->value.s, "a b");
	assert_loc(ast_attr_value_loc(a), 4, 13, 5, 9);
	assert_loc(ast_text_loc(&a->value, 2, 1), 5, 9, 5, 9);
	a = attr(st, 2);
	assert_string_equal(a->value.s, "9000");
	assert_loc(ast_attr_key_loc(a), 7, 5, 7, 7);
	assert_loc(ast_attr_value_loc(a), 7, 9, 7, 12);
}

static void test_tabs(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface\teth0\tinet\tstatic\n"
						   "\taddress\t10.0.0.1/24\n");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_string_equal(st->name, "eth0");
	assert_string_equal(st->family, "inet");
	assert_string_equal(st->method, "static");
	assert_loc(st->name_loc, 1, 7, 1, 10);
	/* Columns count bytes: a tab is one column. */
	assert_loc(ast_attr_key_loc(attr(st, 0)), 2, 2, 2, 8);
	assert_loc(ast_attr_value_loc(attr(st, 0)), 2, 10, 2, 20);
}

static void test_no_trailing_newline(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n    mtu 9000");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 1);
	assert_string_equal(attr(st, 0)->value.s, "9000");
	assert_loc(ast_attr_value_loc(attr(st, 0)), 2, 9, 2, 12);
	assert_loc(ast_attr_loc(attr(st, 0)), 2, 5, 2, 12);
}

static void test_no_trailing_newline_keyword(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\nauto eth1 eth2");
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(nitems(cfg), 2);
	const struct ast_item *it = item(cfg, 1);
	assert_int_equal(it->words.n, 2);
	assert_loc(word(it, 1)->loc, 2, 11, 2, 14);
	assert_loc(it->loc, 2, 1, 2, 14);
}

static void test_trailing_continuation_at_eof(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n    alias a \\");
	assert_int_equal(ndiags(cfg), 0);
	assert_string_equal(attr(stanza(cfg, 0), 0)->value.s, "a");
	assert_loc(ast_attr_value_loc(attr(stanza(cfg, 0), 0)), 2, 11, 2, 11);
}

static void test_empty_file(void **state)
{
	struct ifcc_config *cfg = load_text(state, "");
	assert_int_equal(nitems(cfg), 0);
	assert_int_equal(ndiags(cfg), 0);
	assert_int_equal(cfg->ast.files.n, 1);
	const struct ifcc_file *f = cfg->ast.files.v[0];
	assert_string_equal(f->path, "t");
	assert_int_equal(f->len, 0);
	assert_null(f->parent);
	assert_int_equal(f->depth, 0);
}

static void test_blank_lines_only(void **state)
{
	struct ifcc_config *cfg = load_text(state, "\n  \n\t\r\n \\\n\n");
	assert_int_equal(nitems(cfg), 0);
	assert_int_equal(ndiags(cfg), 0);
}

static void test_comments_only(void **state)
{
	struct ifcc_config *cfg = load_text(state, "# one\n"
						   "   # two\n"
						   "\t# three \\\n"
						   "iface eth0\n"
						   "#four");
	assert_int_equal(nitems(cfg), 0);
	assert_int_equal(ndiags(cfg), 0);
}

/* Where a line's first word ends, whatever follows it: blanks and a value, a continuation
 * at once, only blanks (a CR too), the end of the text. */
static void test_first_word_ends(void **state)
{
	struct ifcc_config *cfg = load_text(state, "iface eth0\n"
						   "    a 1\n"
						   "    alias\\\n"
						   "        joined words\n"
						   "    foo#bar baz\n"
						   "\tx\x01y z\n"
						   "    mtu 9000");
	assert_int_equal(ndiags(cfg), 0);
	const struct ast_stanza *st = stanza(cfg, 0);
	assert_int_equal(st->attrs.n, 5);
	assert_string_equal(attr(st, 0)->key, "a");
	assert_string_equal(attr(st, 0)->value.s, "1");
	assert_loc(ast_attr_key_loc(attr(st, 0)), 2, 5, 2, 5);
	assert_string_equal(attr(st, 1)->key, "alias");
	assert_string_equal(attr(st, 1)->value.s, "joined words");
	assert_loc(ast_attr_key_loc(attr(st, 1)), 3, 5, 3, 9);
	assert_loc(ast_attr_value_loc(attr(st, 1)), 4, 9, 4, 20);
	assert_string_equal(attr(st, 2)->key, "foo#bar"); /* a '#' inside a word is not a comment */
	assert_string_equal(attr(st, 2)->value.s, "baz");
	assert_string_equal(attr(st, 3)->key, "x\x01y");
	assert_loc(ast_attr_value_loc(attr(st, 3)), 6, 6, 6, 6);
	assert_string_equal(attr(st, 4)->key, "mtu");
	assert_loc(ast_attr_value_loc(attr(st, 4)), 7, 9, 7, 12);
}

/* A word and blanks (a CR among them) up to the line's end: an attribute without a
 * value, and the same as the last bytes of the text. */
static void test_first_word_alone(void **state)
{
	struct ifcc_config *cfg2 = load_text(state, "iface eth1\n    mtu \t\r\n    up\t ");
	assert_int_equal(ndiags(cfg2), 2);
	assert_string_equal(diag(cfg2, 0)->rule, "missing-value");
	assert_loc(diag(cfg2, 0)->loc, 2, 5, 2, 7);
	assert_string_equal(diag(cfg2, 1)->rule, "missing-value");
	assert_loc(diag(cfg2, 1)->loc, 3, 5, 3, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		CFG_TEST(test_keywords),
		CFG_TEST(test_indentation_not_significant),
		CFG_TEST(test_comments),
		CFG_TEST(test_comment_continuation_swallows_next_line),
		CFG_TEST(test_key_underscore_normalised),
		CFG_TEST(test_value_whitespace),
		CFG_TEST(test_continuation_basic),
		CFG_TEST(test_continuation_trailing_blanks_and_chains),
		CFG_TEST(test_continuation_empty_pieces),
		CFG_TEST(test_continuation_joins_next_line),
		CFG_TEST(test_continuation_in_keyword_line),
		CFG_TEST(test_locations),
		CFG_TEST(test_crlf),
		CFG_TEST(test_tabs),
		CFG_TEST(test_no_trailing_newline),
		CFG_TEST(test_no_trailing_newline_keyword),
		CFG_TEST(test_trailing_continuation_at_eof),
		CFG_TEST(test_empty_file),
		CFG_TEST(test_blank_lines_only),
		CFG_TEST(test_comments_only),
		CFG_TEST(test_first_word_ends),
		CFG_TEST(test_first_word_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
