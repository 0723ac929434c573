/* Region allocator: everything of one loaded configuration is freed in one call. */
#ifndef IFCC_ARENA_H
#define IFCC_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	struct arena_block *text; /* strings: packed without alignment */
	size_t total;		  /* bytes handed out, for bounded-memory checks */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);
/* Moves everything `src` owns into `dst` (freed with it); `src` is left empty. */
void arena_absorb(struct arena *dst, struct arena *src);

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
