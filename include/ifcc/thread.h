/* The second thread that the work on a big configuration is shared with. */
#ifndef IFCC_THREAD_H
#define IFCC_THREAD_H

#include <stdbool.h>

struct ifcc_job_shared;

/*
 * fn(arg) on a new thread, placed on another CPU than the caller's when the process may
 * use more than one. The caller waits for fn's return with ifcc_job_wait, not for the
 * thread's end: the thread is detached, and its exit (its stack given back, the kernel's
 * wake of a joiner) is not waited for. A job that the thread has not started by then (its
 * CPU was taken away, as happens on a virtual machine for milliseconds at a time) is taken
 * back and run by the waiter: the thread, when it runs, finds it taken and only exits.
 */
struct ifcc_job {
	void *(*fn)(void *);
	void *arg;
	struct ifcc_job_shared *shared; /* with the thread; NULL when none was made */
};

/* Starts j; when no thread can be made, fn runs in ifcc_job_wait instead. */
void ifcc_job_start(struct ifcc_job *j, void *(*fn)(void *), void *arg);
/* Returns once fn(arg) has returned (after running it here, if the thread had not
 * started it). */
void ifcc_job_wait(struct ifcc_job *j);
/* The same for work that may be left undone: a job not started yet is dropped. */
void ifcc_job_drop(struct ifcc_job *j);

#endif
