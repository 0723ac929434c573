/* The second thread that the work on a big configuration is shared with. */
#ifndef IFCC_THREAD_H
#define IFCC_THREAD_H

#include <pthread.h>
#include <stdbool.h>

/*
 * Starts fn(arg) on a new thread, placed on another CPU than the caller's when the
 * process may use more than one. False when no thread could be made: the caller then
 * runs fn itself.
 */
bool ifcc_thread_start(pthread_t *th, void *(*fn)(void *), void *arg);

#endif
