#include "ifcc/arena.h"
#include "ifcc/thread.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define ARENA_BLOCK 65536u /* a usual block, its header included */
#define ARENA_ALIGN _Alignof(max_align_t)
#define PAGE ((uintptr_t)4096)
#define HUGE_PAGE ((size_t)2 << 20)
/* A pool's region: address space only, reserved at once (pages are made as blocks are
 * handed out). A configuration that needs more gets its further blocks from malloc. */
#define POOL_RESERVE ((size_t)256 << 20)

struct arena_block {
	struct arena_block *next;
	struct arena_pool *pool; /* the pool it goes back to; NULL: malloc's */
	size_t used, cap;
	_Alignas(max_align_t) unsigned char data[];
};

struct arena_pool {
	unsigned char *map;  /* the mapping, as mmap returned it */
	unsigned char *base; /* its first byte on a huge-page boundary */
	size_t size;	     /* usable from base */
	_Atomic size_t next; /* bytes from base handed out as blocks */
	pthread_mutex_t mu;  /* for the fields below */
	struct arena_block *spare; /* blocks given back, their pages still in place */
	size_t expect;	     /* bytes announced by arena_pool_expect */
	size_t huge_from, huge_len; /* the part advised for huge pages */
	struct ifcc_job fill;	     /* faulting that part in, on another thread */
	bool filling;
	size_t fill_from, fill_len;
	/* fill_from + fill_len once the part is being faulted in (0: it is not); blocks
	 * taken from it need no faulting in of their own. */
	_Atomic size_t fill_end;
};

/* A usual block's room for data. */
#define BLOCK_ROOM (ARENA_BLOCK - sizeof(struct arena_block))

void arena_init(struct arena *a)
{
	arena_init_pool(a, NULL);
}

void arena_init_pool(struct arena *a, struct arena_pool *pool)
{
	a->head = NULL;
	a->text = NULL;
	a->total = 0;
	a->pool = pool;
}

struct arena_pool *arena_pool_new(void)
{
	struct arena_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	/* NORESERVE: the region is not counted against the commit limit until used. */
	void *m = mmap(NULL, POOL_RESERVE + HUGE_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED) {
		free(p);
		return NULL;
	}
	p->map = m;
	p->base = (unsigned char *)(((uintptr_t)m + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	p->size = POOL_RESERVE;
	atomic_init(&p->next, 0);
	atomic_init(&p->fill_end, 0);
	pthread_mutex_init(&p->mu, NULL);
	return p;
}

void arena_pool_free(struct arena_pool *p)
{
	if (!p)
		return;
	if (p->filling)
		ifcc_job_drop(&p->fill); /* not started by now: not needed any more */
	munmap(p->map, POOL_RESERVE + HUGE_PAGE);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* Whether the kernel makes transparent huge pages where they are advised ("always" or
 * "madvise" chosen in sysfs). */
static bool thp_on(void)
{
	int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	char buf[64];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	return strstr(buf, "[always]") || strstr(buf, "[madvise]");
}

/* Faults in the part of the region just advised for huge pages (see below). */
static void *fill_part(void *arg)
{
	struct arena_pool *p = arg;
	/* A huge page a call: between two, a thread that maps memory (malloc of a big
	 * buffer) does not wait for the whole part. */
	for (size_t off = 0; off < p->fill_len; off += HUGE_PAGE)
		arena_prefault(p->base + p->fill_from + off, HUGE_PAGE);
	return NULL;
}

/*
 * Huge pages (2 MiB) for the part of the region a big configuration will fill: one page
 * fault and one page to free where 512 were, which on the machines measured made a lint of
 * the N=4000 bench leaf about 0.3 ms faster. Only whole huge pages of what was announced
 * are advised, from the first huge-page boundary not handed out yet (a huge page is made
 * only where no small one is), so a configuration that uses what it announced takes no
 * more memory than with small pages. Where the kernel has no transparent huge pages the
 * advice is refused and nothing changes.
 *
 * The first time, that part is faulted in at once on another thread, while this one
 * reads and indexes the file: the huge pages' zeroing (and the other CPU's wake-up, after
 * another process ran) are then off the critical path. A lint of the N=4000 bench leaf
 * run right after another process (as in bench/run.sh, where it follows ifquery or
 * `ifcc query`) went from 5.34-5.46 to 4.81-5.01 ms (medians of 25-30 rounds, four runs
 * each); back to back it is about the same. Not with small pages: faulting 4 KiB pages
 * ahead on the other CPU made the parse slower when it was tried.
 */
void arena_pool_expect(struct arena_pool *p, size_t bytes)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->expect += bytes;
	size_t want = p->expect & ~(HUGE_PAGE - 1);
	if (p->huge_len == 0 && want) {
		/* Blocks are handed out from the boundary on; the small pages' rest of the way
		 * to it is address space only. */
		size_t used = atomic_load_explicit(&p->next, memory_order_relaxed), from;
		do
			from = (used + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
		while (!atomic_compare_exchange_weak_explicit(&p->next, &used, from,
							      memory_order_relaxed,
							      memory_order_relaxed));
		p->huge_from = from;
	}
	if (want > p->huge_len && p->huge_from + want <= p->size) {
		bool advised = false;
#ifdef MADV_HUGEPAGE
		advised = madvise(p->base + p->huge_from + p->huge_len, want - p->huge_len,
				  MADV_HUGEPAGE) == 0;
#endif
		if (advised && !p->filling && thp_on()) {
			p->fill_from = p->huge_from + p->huge_len;
			p->fill_len = want - p->huge_len;
			ifcc_job_start(&p->fill, fill_part, p);
			/* No thread: the pages are faulted in as blocks are taken, as usual. */
			p->filling = p->fill.shared != NULL;
			if (p->filling)
				atomic_store_explicit(&p->fill_end, p->fill_from + p->fill_len,
						      memory_order_release);
		}
		p->huge_len = want;
	}
	pthread_mutex_unlock(&p->mu);
}

/* `bytes` (whole pages) of the region not handed out yet, faulted in; NULL when the
 * region is used up. */
static struct arena_block *pool_carve(struct arena_pool *p, size_t bytes)
{
	size_t off = atomic_fetch_add_explicit(&p->next, bytes, memory_order_relaxed);
	if (off + bytes > p->size || off + bytes < off)
		return NULL;
	struct arena_block *b = (struct arena_block *)(void *)(p->base + off);
	/* In the part the helper faults in, the page is made there, or by the first write
	 * here if that comes first: no system call a block. */
	size_t fill_end = atomic_load_explicit(&p->fill_end, memory_order_acquire);
	if (!(fill_end && off >= p->fill_from && off + bytes <= fill_end))
		arena_prefault(b, bytes);
	b->pool = p;
	return b;
}

/* A usual block from the pool: a spare one, or the next of the region; NULL when the
 * region is used up. */
static struct arena_block *pool_take(struct arena_pool *p)
{
	pthread_mutex_lock(&p->mu);
	struct arena_block *b = p->spare;
	if (b)
		p->spare = b->next;
	pthread_mutex_unlock(&p->mu);
	if (b)
		return b; /* its pages are in place */
	return pool_carve(p, ARENA_BLOCK);
}

/* Whether b lies in the part of its pool advised for huge pages. */
static bool in_huge_part(const struct arena_block *b)
{
	struct arena_pool *p = b->pool;
	size_t off = (size_t)((const unsigned char *)b - p->base);
	pthread_mutex_lock(&p->mu);
	bool in = p->huge_len && off >= p->huge_from && off < p->huge_from + p->huge_len;
	pthread_mutex_unlock(&p->mu);
	return in;
}

static void free_blocks(struct arena_block *b)
{
	/* The pool's blocks go back to their pool, under one lock a pool. */
	struct arena_block *spare = NULL, *last = NULL;
	while (b) {
		struct arena_block *next = b->next;
		if (!b->pool) {
			free(b);
		} else if (spare && b->pool != spare->pool) {
			b->next = NULL;
			free_blocks(b); /* another pool's: rare (arenas are not mixed) */
		} else {
			b->next = spare;
			spare = b;
			if (!last)
				last = b;
		}
		b = next;
	}
	if (spare) {
		struct arena_pool *p = spare->pool;
		pthread_mutex_lock(&p->mu);
		last->next = p->spare;
		p->spare = spare;
		pthread_mutex_unlock(&p->mu);
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

/* Gives back the whole pages of b's unused end (they were faulted in with the block). */
static void release_tail(struct arena_block *b)
{
	/* Not in a huge page: that would split it. */
	if (b->pool && in_huge_part(b))
		return;
	uintptr_t from = ((uintptr_t)(b->data + b->used) + PAGE - 1) & ~(PAGE - 1),
		  to = ((uintptr_t)(b->data + b->cap)) & ~(PAGE - 1);
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
	uintptr_t b = ((uintptr_t)p + PAGE - 1) & ~(PAGE - 1), e = ((uintptr_t)p + n) & ~(PAGE - 1);
	if (e > b)
		madvise((void *)b, e - b, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/* `size` bytes from the head block of `list`, starting a new block when it is full. */
static unsigned char *take(struct arena *a, struct arena_block **list, size_t size)
{
	struct arena_block *b = *list;
	if (!b || b->cap - b->used < size) {
		bool usual = size <= BLOCK_ROOM;
		b = usual && a->pool ? pool_take(a->pool) : NULL;
		if (!b) {
			size_t bytes = usual ? ARENA_BLOCK : sizeof(*b) + size;
			b = malloc(bytes);
			if (!b)
				return NULL;
			arena_prefault(b, bytes);
			b->pool = NULL;
		}
		b->used = 0;
		b->cap = usual ? BLOCK_ROOM : size;
		/* An oversized block goes behind the head so the head's free space stays usable. */
		if (*list && !usual) {
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
	char *p = (char *)take(a, &a->text, size);
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
	void *p = take(a, &a->head, size);
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
