#include "ifcc/thread.h"

#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdlib.h>

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

enum { JOB_PENDING, JOB_TAKEN };

/* What the thread and the waiter share: on the heap, freed by the last of the two, so
 * that a thread that starts late never touches the waiter's memory. */
struct ifcc_job_shared {
	_Atomic int state; /* JOB_PENDING until the thread or the waiter takes the job */
	_Atomic int refs;  /* the thread's and the waiter's */
	sem_t done;	   /* posted when the thread has run fn */
	void *(*fn)(void *);
	void *arg;
};

static void release(struct ifcc_job_shared *s)
{
	if (atomic_fetch_sub(&s->refs, 1) == 1) {
		sem_destroy(&s->done);
		free(s);
	}
}

static bool take(struct ifcc_job_shared *s)
{
	int pending = JOB_PENDING;
	return atomic_compare_exchange_strong(&s->state, &pending, JOB_TAKEN);
}

/* The post comes before the thread lets go of the shared block, so the semaphore is
 * still there when sem_post wakes the waiter. */
static void *run_job(void *arg)
{
	struct ifcc_job_shared *s = arg;
	if (take(s)) {
		s->fn(s->arg);
		sem_post(&s->done);
	}
	release(s);
	return NULL;
}

void ifcc_job_start(struct ifcc_job *j, void *(*fn)(void *), void *arg)
{
	j->fn = fn;
	j->arg = arg;
	j->shared = NULL;
	struct ifcc_job_shared *s = malloc(sizeof(*s));
	if (!s)
		return;
	if (sem_init(&s->done, 0, 0) < 0) {
		free(s);
		return;
	}
	atomic_init(&s->state, JOB_PENDING);
	atomic_init(&s->refs, 2);
	s->fn = fn;
	s->arg = arg;
	pthread_attr_t attr;
	bool made = false;
	if (pthread_attr_init(&attr) == 0) {
		place_apart(&attr);
		pthread_t th;
		made = pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED) == 0 &&
		       pthread_create(&th, &attr, run_job, s) == 0;
		pthread_attr_destroy(&attr);
	}
	if (!made) {
		sem_destroy(&s->done);
		free(s);
		return;
	}
	j->shared = s;
}

/* True when the caller took the job back (or there was no thread): fn is its to run. */
static bool finish(struct ifcc_job *j)
{
	struct ifcc_job_shared *s = j->shared;
	if (!s)
		return true;
	j->shared = NULL;
	bool mine = take(s);
	if (!mine)
		while (sem_wait(&s->done) < 0)
			; /* EINTR: a signal handler ran */
	release(s);
	return mine;
}

void ifcc_job_wait(struct ifcc_job *j)
{
	if (finish(j))
		j->fn(j->arg);
}

void ifcc_job_drop(struct ifcc_job *j)
{
	(void)finish(j);
}
