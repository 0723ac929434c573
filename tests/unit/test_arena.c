#include <pthread.h>
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

/* Fills n bytes in pieces and checks that every piece kept its pattern. */
static void fill_and_check(struct arena *a, size_t n, unsigned char tag)
{
	unsigned char *pieces[64];
	size_t piece = n / 64;
	for (int k = 0; k < 64; k++) {
		pieces[k] = arena_alloc_raw(a, piece);
		assert_non_null(pieces[k]);
		memset(pieces[k], tag + k, piece);
	}
	for (int k = 0; k < 64; k++)
		for (size_t j = 0; j < piece; j += 997)
			assert_int_equal(pieces[k][j], (unsigned char)(tag + k));
}

/* Blocks a pooled arena frees are the next pooled arena's, on any thread. */
static void test_pool_reuse(void **state)
{
	(void)state;
	struct arena_pool *pool = arena_pool_new();
	assert_non_null(pool);
	struct arena a, b, c;
	/* One block, given back: the next arena's first block is that one. */
	arena_init_pool(&a, pool);
	void *first = arena_alloc(&a, 100);
	assert_non_null(first);
	arena_free(&a);
	arena_init_pool(&c, pool);
	void *again = arena_alloc(&c, 100);
	assert_ptr_equal(again, first);
	fill_and_check(&c, 1 << 20, 1);
	arena_free(&c);
	arena_init_pool(&b, pool);
	assert_non_null(arena_alloc(&b, 100));
	unsigned char *z = arena_alloc(&b, 5000);
	for (int k = 0; k < 5000; k++)
		assert_int_equal(z[k], 0); /* arena_alloc zeroes reused memory too */
	fill_and_check(&b, 1 << 20, 2);
	/* An oversized piece comes from malloc, and goes back to it. */
	unsigned char *big = arena_alloc(&b, 300000);
	assert_non_null(big);
	big[299999] = 7;
	arena_free(&b);
	arena_pool_free(pool);
}

/* An arena absorbs blocks of a pooled arena and of a malloc one, and frees both kinds. */
static void test_pool_absorb_mixed(void **state)
{
	(void)state;
	struct arena_pool *pool = arena_pool_new();
	assert_non_null(pool);
	struct arena dst, pooled, plain;
	arena_init_pool(&dst, pool);
	arena_init_pool(&pooled, pool);
	arena_init(&plain);
	char *s1 = arena_strdup(&pooled, "from the pool");
	char *s2 = arena_strdup(&plain, "from malloc");
	fill_and_check(&pooled, 200000, 3);
	fill_and_check(&plain, 200000, 4);
	arena_absorb(&dst, &pooled);
	arena_absorb(&dst, &plain);
	assert_null(pooled.head);
	assert_null(plain.head);
	assert_string_equal(s1, "from the pool");
	assert_string_equal(s2, "from malloc");
	fill_and_check(&dst, 200000, 5);
	arena_free(&dst);
	arena_pool_free(pool);
	/* No pool at all (it could not be reserved): malloc's blocks. */
	struct arena none;
	arena_init_pool(&none, NULL);
	fill_and_check(&none, 200000, 6);
	arena_free(&none);
	arena_pool_free(NULL);
}

/* With huge pages announced, blocks in and out of that part work alike. */
static void test_pool_huge_part(void **state)
{
	(void)state;
	struct arena_pool *pool = arena_pool_new();
	assert_non_null(pool);
	struct arena a, b;
	arena_init_pool(&a, pool);
	fill_and_check(&a, 100000, 7);
	arena_pool_expect(pool, 5u << 20); /* two huge pages' worth, from the next boundary */
	arena_pool_expect(pool, 1u << 20); /* three */
	for (unsigned char k = 0; k < 8; k++)
		fill_and_check(&a, 1u << 20, (unsigned char)(8 + k));
	arena_init_pool(&b, pool);
	fill_and_check(&b, 100000, 9);
	arena_absorb(&a, &b); /* b's head block is partly used: its tail stays in place */
	fill_and_check(&a, 100000, 10);
	arena_free(&a);
	arena_pool_free(pool);
}

struct pool_worker {
	struct arena_pool *pool;
	unsigned char tag;
	int ok;
};

static void *pool_work(void *arg)
{
	struct pool_worker *w = arg;
	w->ok = 1;
	for (int round = 0; round < 20; round++) {
		struct arena a;
		arena_init_pool(&a, w->pool);
		unsigned char *p[32];
		for (int k = 0; k < 32; k++) {
			p[k] = arena_alloc_raw(&a, 20000);
			if (!p[k]) {
				w->ok = 0;
				return NULL;
			}
			memset(p[k], w->tag, 20000);
		}
		for (int k = 0; k < 32; k++)
			if (p[k][0] != w->tag || p[k][19999] != w->tag)
				w->ok = 0;
		arena_free(&a);
	}
	return NULL;
}

/* Two threads take and give back the pool's blocks at once (run under TSan in CI). */
static void test_pool_threads(void **state)
{
	(void)state;
	struct arena_pool *pool = arena_pool_new();
	assert_non_null(pool);
	struct pool_worker w[2] = {{pool, 0x11, 0}, {pool, 0x22, 0}};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, pool_work, &w[1]), 0);
	pool_work(&w[0]);
	pthread_join(t, NULL);
	assert_true(w[0].ok);
	assert_true(w[1].ok);
	arena_pool_free(pool);
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
		cmocka_unit_test(test_pool_reuse),
		cmocka_unit_test(test_pool_absorb_mixed),
		cmocka_unit_test(test_pool_huge_part),
		cmocka_unit_test(test_pool_threads),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
