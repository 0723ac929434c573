#include "ifcc/thread.h"

#include <pthread.h>
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

/*
 * The post is the thread's last use of the job: the waiter may free the job as soon as it
 * sees it (glibc's sem_post touches the semaphore's memory only through the atomic
 * increment, then at most wakes the futex's address, which is harmless once it is gone).
 */
static void *run_job(void *arg)
{
	struct ifcc_job *j = arg;
	j->fn(j->arg);
	sem_post(&j->done);
	return NULL;
}

void ifcc_job_start(struct ifcc_job *j, void *(*fn)(void *), void *arg)
{
	j->fn = fn;
	j->arg = arg;
	j->threaded = false;
	if (sem_init(&j->done, 0, 0) < 0)
		return;
	pthread_attr_t attr;
	if (pthread_attr_init(&attr) != 0) {
		sem_destroy(&j->done);
		return;
	}
	place_apart(&attr);
	pthread_t th;
	j->threaded = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
		      pthread_create(&th, &attr, run_job, j) == 0;
	pthread_attr_destroy(&attr);
	if (!j->threaded)
		sem_destroy(&j->done);
}

void ifcc_job_wait(struct ifcc_job *j)
{
	if (!j->threaded) {
		j->fn(j->arg);
		return;
	}
	while (sem_wait(&j->done) < 0)
		; /* EINTR: a signal handler ran */
	sem_destroy(&j->done);
}
