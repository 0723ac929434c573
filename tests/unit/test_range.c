/* Interface-name ranges: the two ifupdown2 forms, suffixes, literals, expansion. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/arena.h"
#include "ifcc/range.h"

static int arena_setup(void **state)
{
	static struct arena a;
	arena_init(&a);
	*state = &a;
	return 0;
}

static int arena_teardown(void **state)
{
	arena_free(*state);
	return 0;
}

#define ARENA_TEST(f) cmocka_unit_test_setup_teardown(f, arena_setup, arena_teardown)

static void assert_prefix_suffix(const struct ifcc_range *r, const char *prefix,
				 const char *suffix)
{
	assert_int_equal(r->prefix_len, strlen(prefix));
	assert_memory_equal(r->prefix, prefix, r->prefix_len);
	assert_int_equal(r->suffix_len, strlen(suffix));
	assert_memory_equal(r->suffix, suffix, r->suffix_len);
}

static void test_plain_range(void **state)
{
	struct arena *a = *state;
	struct ifcc_range r;
	const char *name = "swp[1-4]";
	assert_int_equal(ifcc_range_parse(name, &r), 1);
	assert_prefix_suffix(&r, "swp", "");
	assert_ptr_equal(r.prefix, name);
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 4);
	assert_int_equal(r.open, 3);
	assert_int_equal(r.close, 7);
	assert_int_equal(ifcc_range_count(&r), 4);
	static const char *const want[] = {"swp1", "swp2", "swp3", "swp4"};
	for (unsigned long i = 0; i < 4; i++)
		assert_string_equal(ifcc_range_name(a, &r, i), want[i]);
}

/* Form A: WORD[A-B]SUFFIX, the suffix made of word characters and dots. */
static void test_form_a_suffix(void **state)
{
	struct arena *a = *state;
	struct ifcc_range r;
	assert_int_equal(ifcc_range_parse("swp[1-2].100", &r), 1);
	assert_prefix_suffix(&r, "swp", ".100");
	assert_int_equal(r.first, 1);
	assert_int_equal(r.last, 2);
	assert_int_equal(r.close, 7);
	assert_int_equal(ifcc_range_count(&r), 2);
	assert_string_equal(ifcc_range_name(a, &r, 0), "swp1.100");
	assert_string_equal(ifcc_range_name(a, &r, 1), "swp2.100");

	assert_int_equal(ifcc_range_parse("swp[10-12]s0", &r), 1);
	assert_prefix_suffix(&r, "swp", "s0");
	assert_int_equal(ifcc_range_count(&r), 3);
	assert_string_equal(ifcc_range_name(a, &r, 2), "swp12s0");

	/* re.match: what follows the suffix is ignored. */
	assert_int_equal(ifcc_range_parse("swp[1-2].100-x", &r), 1);
	assert_prefix_suffix(&r, "swp", ".100");
	assert_string_equal(ifcc_range_name(a, &r, 1), "swp2.100");
}

/* Form B: [WORD.]+[A-B], anything after ']' ignored. */
static void test_form_b(void **state)
{
	struct arena *a = *state;
	struct ifcc_range r;
	assert_int_equal(ifcc_range_parse("swp5.[10-11]", &r), 1);
	assert_prefix_suffix(&r, "swp5.", "");
	assert_int_equal(r.first, 10);
	assert_int_equal(r.last, 11);
	assert_int_equal(r.open, 5);
	assert_int_equal(r.close, 11);
	assert_int_equal(ifcc_range_count(&r), 2);
	assert_string_equal(ifcc_range_name(a, &r, 0), "swp5.10");
	assert_string_equal(ifcc_range_name(a, &r, 1), "swp5.11");

	/* A '-' after ']' is no suffix: form B, rest ignored. */
	assert_int_equal(ifcc_range_parse("swp[1-3]-x", &r), 1);
	assert_prefix_suffix(&r, "swp", "");
	assert_int_equal(ifcc_range_count(&r), 3);
	assert_string_equal(ifcc_range_name(a, &r, 2), "swp3");

	/* A dotted prefix followed by a suffix is form B too: the suffix is dropped. */
	assert_int_equal(ifcc_range_parse("br.0[1-2].5", &r), 1);
	assert_prefix_suffix(&r, "br.0", "");
	assert_string_equal(ifcc_range_name(a, &r, 0), "br.01");
}

static void test_literal_names(void **state)
{
	(void)state;
	struct ifcc_range r;
	static const char *const literal[] = {
		"swp1",		/* no brackets */
		"br-[1-3]",	/* '-' is not a word character: literal, as in ifupdown2 */
		"br-1[1-3]",
		"[1-3]",	/* no prefix */
		"swp[1-3",	/* malformed brackets */
		"swp1-3]",
		"swp[-3]",
		"swp[1-]",
		"swp[1]",
		"swp[a-b]",
		"swp[1_3]",
		"swp[1--3]",
		"swp[ 1-3]",
		"swp[1-3 ]",
		"swp][1-3",
		"",
	};
	for (size_t i = 0; i < sizeof(literal) / sizeof(literal[0]); i++) {
		r.first = 99;
		if (ifcc_range_parse(literal[i], &r) != 0)
			fail_msg("'%s' taken as a range", literal[i]);
		assert_null(r.prefix);
		assert_int_equal(r.first, 0);
		assert_int_equal(r.prefix_len, 0);
	}
}

static void test_empty_and_single(void **state)
{
	struct arena *a = *state;
	struct ifcc_range r;
	assert_int_equal(ifcc_range_parse("swp[3-1]", &r), 1);
	assert_int_equal(r.first, 3);
	assert_int_equal(r.last, 1);
	assert_int_equal(ifcc_range_count(&r), 0);

	assert_int_equal(ifcc_range_parse("swp[7-7].10", &r), 1);
	assert_int_equal(ifcc_range_count(&r), 1);
	assert_string_equal(ifcc_range_name(a, &r, 0), "swp7.10");

	/* Leading zeros are read as numbers (Python int()). */
	assert_int_equal(ifcc_range_parse("swp[08-10]", &r), 1);
	assert_int_equal(r.first, 8);
	assert_int_equal(ifcc_range_count(&r), 3);
	assert_string_equal(ifcc_range_name(a, &r, 0), "swp8");
	assert_string_equal(ifcc_range_name(a, &r, 2), "swp10");

	assert_int_equal(ifcc_range_parse("x[0-999999]", &r), 1);
	assert_int_equal(ifcc_range_count(&r), 1000000);
	assert_string_equal(ifcc_range_name(a, &r, 999999), "x999999");
}

static void test_unicode_word_prefix(void **state)
{
	struct arena *a = *state;
	struct ifcc_range r;
	/* Python's \w includes letters outside ASCII. */
	assert_int_equal(ifcc_range_parse("p\xc3\xa9[1-2]", &r), 1);
	assert_prefix_suffix(&r, "p\xc3\xa9", "");
	assert_string_equal(ifcc_range_name(a, &r, 1), "p\xc3\xa9"
							"2");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		ARENA_TEST(test_plain_range),	   ARENA_TEST(test_form_a_suffix),
		ARENA_TEST(test_form_b),	   ARENA_TEST(test_literal_names),
		ARENA_TEST(test_empty_and_single), ARENA_TEST(test_unicode_word_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
