#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/source.h"

/* "ab\r\n\tcd\n\nx" : lines start at 0, 4, 8, 9. */
static char text[] = "ab\r\n\tcd\n\nx";
static uint32_t starts[] = {0, 4, 8, 9};
static const struct ifcc_file file = {
	.path = "t", .text = text, .len = sizeof(text) - 1, .line_starts = starts, .nlines = 4};

static void test_span_single_line(void **state)
{
	(void)state;
	struct ifcc_loc l = ifcc_loc_span(&file, 5, 7); /* "cd" after a tab */
	assert_int_equal(l.line, 2);
	assert_int_equal(l.col, 2);
	assert_int_equal(l.end_line, 2);
	assert_int_equal(l.end_col, 3);
}

static void test_span_multi_line(void **state)
{
	(void)state;
	struct ifcc_loc l = ifcc_loc_span(&file, 1, 10);
	assert_int_equal(l.line, 1);
	assert_int_equal(l.col, 2);
	assert_int_equal(l.end_line, 4);
	assert_int_equal(l.end_col, 1);
}

static void test_line_text_strips_crlf(void **state)
{
	(void)state;
	size_t n;
	const char *s = ifcc_file_line(&file, 1, &n);
	assert_int_equal(n, 2);
	assert_memory_equal(s, "ab", 2);
	s = ifcc_file_line(&file, 3, &n);
	assert_int_equal(n, 0);
	s = ifcc_file_line(&file, 4, &n);
	assert_int_equal(n, 1);
	assert_null(ifcc_file_line(&file, 5, &n));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_span_single_line),
		cmocka_unit_test(test_span_multi_line),
		cmocka_unit_test(test_line_text_strips_crlf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
