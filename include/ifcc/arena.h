/* Region allocator: everything of one loaded configuration is freed in one call. */
#ifndef IFCC_ARENA_H
#define IFCC_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena_pool;

struct arena {
	struct arena_block *head;
	struct arena_block *text; /* strings: packed without alignment */
	size_t total;		  /* bytes handed out, for bounded-memory checks */
	struct arena_pool *pool;  /* where its blocks come from; NULL: malloc */
};

/* An arena whose blocks come from malloc. */
void arena_init(struct arena *a);
/* An arena whose blocks come from `pool` (malloc when pool is NULL or used up). */
void arena_init_pool(struct arena *a, struct arena_pool *pool);
/* Gives every block back (to its pool, or to malloc). */
void arena_free(struct arena *a);
/* Moves everything `src` owns into `dst` (freed with it); `src` is left empty. */
void arena_absorb(struct arena *dst, struct arena *src);

/*
 * A pool of arena blocks for the arenas of one configuration, on any thread: one region
 * of address space reserved at once, handed out a block at a time, and blocks that an
 * arena frees are reused by the next arena that needs one. A big configuration's pool can
 * be backed by huge pages (arena_pool_expect). NULL when the region cannot be reserved.
 */
struct arena_pool *arena_pool_new(void);
/* Tells the pool that about `bytes` more will be used: when the total so far reaches
 * whole huge pages, that much of the region still untouched is advised for them, and the
 * first time faulted in on another thread (arena_pool_free waits for it). */
void arena_pool_expect(struct arena_pool *pool, size_t bytes);
/* Releases the region; every arena using the pool must have been freed. */
void arena_pool_free(struct arena_pool *pool);

/* Returns zeroed memory aligned for any object; NULL only when malloc fails. */
void *arena_alloc(struct arena *a, size_t size);
/* The same without zeroing: for memory the caller fills at once. */
void *arena_alloc_raw(struct arena *a, size_t size);
/* Unaligned, zeroed memory packed with the strings: for arrays of byte-aligned structs. */
void *arena_alloc_packed(struct arena *a, size_t size);
/* Faults in the whole pages of [p, p + n) in one system call (where the kernel can), for
 * memory about to be written throughout: arena blocks, a file's buffer. */
void arena_prefault(void *p, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable array of pointers whose storage lives in an arena. */
struct ptrvec {
	void **v;
	size_t n, cap;
};
int ptrvec_push(struct arena *a, struct ptrvec *pv, void *p);

#endif
