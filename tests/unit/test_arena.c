#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/arena.h"

static void test_alloc_zeroed_aligned(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	for (int i = 1; i < 1000; i++) {
		unsigned char *p = arena_alloc(&a, (size_t)i);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		for (int j = 0; j < i; j++)
			assert_int_equal(p[j], 0);
		memset(p, 0xab, (size_t)i);
	}
	/* Bigger than a block. */
	char *big = arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	big[(1 << 20) - 1] = 1;
	arena_free(&a);
	assert_null(a.head);
}

static void test_strings(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	assert_string_equal(arena_strndup(&a, "swp1.100", 4), "swp1");
	assert_string_equal(arena_printf(&a, "%s-v%d", "vlan10", 0), "vlan10-v0");
	arena_free(&a);
}

static void test_ptrvec(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct ptrvec pv = {0};
	int vals[100];
	for (int i = 0; i < 100; i++)
		assert_int_equal(ptrvec_push(&a, &pv, &vals[i]), 0);
	assert_int_equal(pv.n, 100);
	for (int i = 0; i < 100; i++)
		assert_ptr_equal(pv.v[i], &vals[i]);
	arena_free(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_zeroed_aligned),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_ptrvec),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
