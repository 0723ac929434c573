/* The second thread that the work on a big configuration is shared with. */
#ifndef IFCC_THREAD_H
#define IFCC_THREAD_H

#include <semaphore.h>
#include <stdbool.h>

/*
 * fn(arg) on a new thread, placed on another CPU than the caller's when the process may
 * use more than one. The caller waits for fn's return with ifcc_job_wait, not for the
 * thread's end: the thread is detached, and its exit (its stack given back, the kernel's
 * wake of a joiner) is not waited for.
 */
struct ifcc_job {
	void *(*fn)(void *);
	void *arg;
	bool threaded;
	sem_t done; /* posted when fn has returned */
};

/* Starts j; when no thread can be made, fn runs in ifcc_job_wait instead. */
void ifcc_job_start(struct ifcc_job *j, void *(*fn)(void *), void *arg);
/* Returns once fn(arg) has returned (after running it here, if no thread was made). */
void ifcc_job_wait(struct ifcc_job *j);

#endif
