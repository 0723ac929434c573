#include "ifcc/thread.h"

#include <sched.h>

/*
 * Left to itself the scheduler often starts a new thread on the CPU of the thread that
 * made it, where the two take turns instead of running at once: work this short ends
 * before the load balancer moves it. Nothing is pinned when one CPU is allowed.
 */
static void place_apart(pthread_attr_t *attr)
{
	cpu_set_t allowed;
	int here = sched_getcpu();
	if (here < 0 || sched_getaffinity(0, sizeof(allowed), &allowed) < 0 ||
	    CPU_COUNT(&allowed) < 2)
		return;
	for (int k = 1; k < CPU_SETSIZE; k++) {
		int c = (here + k) % CPU_SETSIZE;
		if (CPU_ISSET(c, &allowed)) {
			cpu_set_t one;
			CPU_ZERO(&one);
			CPU_SET(c, &one);
			pthread_attr_setaffinity_np(attr, sizeof(one), &one);
			return;
		}
	}
}

bool ifcc_thread_start(pthread_t *th, void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	bool have_attr = pthread_attr_init(&attr) == 0;
	if (have_attr)
		place_apart(&attr);
	bool ok = pthread_create(th, have_attr ? &attr : NULL, fn, arg) == 0;
	if (have_attr)
		pthread_attr_destroy(&attr);
	return ok;
}
