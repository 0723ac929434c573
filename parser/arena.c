#include "ifcc/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_BLOCK 65536u
#define ARENA_ALIGN _Alignof(max_align_t)

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	_Alignas(max_align_t) unsigned char data[];
};

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->text = NULL;
	a->total = 0;
}

static void free_blocks(struct arena_block *b)
{
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
}

void arena_free(struct arena *a)
{
	free_blocks(a->head);
	free_blocks(a->text);
	a->head = NULL;
	a->text = NULL;
	a->total = 0;
}

/* Puts the blocks of `src` behind the head of `dst`, whose free space stays in use. */
/* Gives back the whole pages of b's unused end (they were faulted in with the block). */
static void release_tail(struct arena_block *b)
{
	const uintptr_t page = 4096;
	uintptr_t from = ((uintptr_t)(b->data + b->used) + page - 1) & ~(page - 1),
		  to = ((uintptr_t)(b->data + b->cap)) & ~(page - 1);
	if (to > from)
		madvise((void *)from, to - from, MADV_DONTNEED);
}

static void absorb_list(struct arena_block **dst, struct arena_block **src)
{
	struct arena_block *b = *src;
	*src = NULL;
	if (!b)
		return;
	if (!*dst) {
		*dst = b;
		return;
	}
	/* b's free space will not be used any more (dst's head is): its whole pages, faulted
	 * in when the block was made, go back to the system. */
	release_tail(b);
	struct arena_block *tail = b;
	while (tail->next)
		tail = tail->next;
	tail->next = (*dst)->next;
	(*dst)->next = b;
}

void arena_absorb(struct arena *dst, struct arena *src)
{
	absorb_list(&dst->head, &src->head);
	absorb_list(&dst->text, &src->text);
	dst->total += src->total;
	src->total = 0;
}

/*
 * Faults in pages at once: one system call instead of a page fault for each page as it is
 * first written, about 40 % less time a page on the machines measured (and a lint of a big
 * file is a good part page faults). Used for each new block (a block is filled before the
 * next is taken, so only pages about to be used are made ready, but for the tail of each
 * arena's last block) and for a file's buffer. A kernel without MADV_POPULATE_WRITE
 * refuses the call, and the pages are faulted in as usual.
 */
void arena_prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	uintptr_t b = ((uintptr_t)p + page - 1) & ~(page - 1), e = ((uintptr_t)p + n) & ~(page - 1);
	if (e > b)
		madvise((void *)b, e - b, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/* `size` bytes from the head block of `list`, starting a new block when it is full. */
static unsigned char *take(struct arena_block **list, size_t size)
{
	struct arena_block *b = *list;
	if (!b || b->cap - b->used < size) {
		size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		arena_prefault(b, sizeof(*b) + cap);
		b->used = 0;
		b->cap = cap;
		/* An oversized block goes behind the head so the head's free space stays usable. */
		if (*list && size > ARENA_BLOCK) {
			b->next = (*list)->next;
			(*list)->next = b;
		} else {
			b->next = *list;
			*list = b;
		}
	}
	unsigned char *p = b->data + b->used;
	b->used += size;
	return p;
}

/* Bytes for strings: no alignment, so short names and values do not round up to 16. */
static char *arena_bytes(struct arena *a, size_t size)
{
	char *p = (char *)take(&a->text, size);
	if (p)
		a->total += size;
	return p;
}

void *arena_alloc_packed(struct arena *a, size_t size)
{
	char *p = arena_bytes(a, size ? size : 1);
	if (p)
		memset(p, 0, size);
	return p;
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	void *p = take(&a->head, size);
	if (!p)
		return NULL;
	a->total += size;
	return p;
}

void *arena_alloc(struct arena *a, size_t size)
{
	void *p = arena_alloc_raw(a, size);
	if (p)
		memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_bytes(a, n + 1);
	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *d = arena_bytes(a, (size_t)n + 1);
	if (!d)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(d, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return d;
}

int ptrvec_push(struct arena *a, struct ptrvec *pv, void *p)
{
	if (pv->n == pv->cap) {
		size_t cap = pv->cap ? pv->cap * 2 : 2;
		void **v = arena_alloc_raw(a, cap * sizeof(*v));
		if (!v)
			return -1;
		if (pv->n)
			memcpy(v, pv->v, pv->n * sizeof(*v));
		pv->v = v;
		pv->cap = cap;
	}
	pv->v[pv->n++] = p;
	return 0;
}
