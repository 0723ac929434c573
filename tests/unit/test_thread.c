/*
 * Jobs on a second thread: fn runs exactly once, on the thread or (when the thread has
 * not started it when the waiter comes) on the waiter's; a dropped job runs at most once,
 * and never after ifcc_job_drop returns. Many jobs, so that both ways are taken (under
 * TSan in CI, which also checks that a late thread touches nothing of the waiter's).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ifcc/thread.h"

struct count {
	_Atomic int runs;
	pthread_t ran_on;
	int payload[16];
};

static void *bump(void *arg)
{
	struct count *c = arg;
	c->ran_on = pthread_self();
	for (int k = 0; k < 16; k++)
		c->payload[k] = k;
	atomic_fetch_add(&c->runs, 1);
	return NULL;
}

static void test_wait_runs_once(void **state)
{
	(void)state;
	for (int i = 0; i < 2000; i++) {
		/* On the stack, and gone after the wait: a late thread must not touch it. */
		struct count c = {0};
		struct ifcc_job j;
		ifcc_job_start(&j, bump, &c);
		ifcc_job_wait(&j);
		assert_int_equal(atomic_load(&c.runs), 1);
		for (int k = 0; k < 16; k++)
			assert_int_equal(c.payload[k], k);
	}
}

static void test_drop_runs_at_most_once(void **state)
{
	(void)state;
	for (int i = 0; i < 2000; i++) {
		struct count c = {0};
		struct ifcc_job j;
		ifcc_job_start(&j, bump, &c);
		if (i % 2)
			for (volatile int spin = 0; spin < 2000; spin++)
				;
		ifcc_job_drop(&j);
		int runs = atomic_load(&c.runs);
		assert_true(runs == 0 || runs == 1);
		if (runs)
			assert_false(pthread_equal(c.ran_on, pthread_self()));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_runs_once),
		cmocka_unit_test(test_drop_runs_at_most_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
