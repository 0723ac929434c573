/*
 * The line index and the byte classes a file's checks need, in one pass. With SSE2 (every
 * x86-64) the bytes are compared sixteen at a time and each newline costs a few
 * instructions; elsewhere a byte loop gives the same result.
 */
#include "textscan.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct index {
	uint32_t *v;
	size_t n, cap;
	uint32_t last_source;
	int oom;
};

/* Records the line that starts at `s` (after a newline); the text ends with two NULs, so
 * looking past the newline stays inside. */
static inline void line_at(struct index *ix, const char *t, size_t s)
{
	if (ix->n == ix->cap) {
		uint32_t *g = realloc(ix->v, 2 * ix->cap * sizeof(*g));
		if (!g) {
			ix->oom = 1;
			return;
		}
		ix->v = g;
		ix->cap *= 2;
	}
	ix->v[ix->n++] = (uint32_t)s;
	const char *w = t + s;
	/* Most lines are indented by four spaces or not at all. */
	if (w[0] == ' ' && w[1] == ' ' && w[2] == ' ' && w[3] == ' ')
		w += 4;
	while (*w == ' ' || *w == '\t')
		w++;
	if (*w == 's' && !strncmp(w, "source", 6))
		ix->last_source = (uint32_t)s;
}

int text_scan(const char *text, size_t len, struct text_scan *out)
{
	/* Room for a line per 16 bytes first (real files have longer lines), grown when
	 * that is not enough. */
	struct index ix = {.cap = len / 16 + 16};
	ix.v = malloc(ix.cap * sizeof(*ix.v));
	if (!ix.v)
		return -ENOMEM;
	ix.v[ix.n++] = 0;
	bool nul = false, high = false, pct = false;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128(),
	              percent = _mm_set1_epi8('%');
	__m128i any_nul = zero, any_pct = zero, any_byte = zero;
	for (; i + 16 <= len && !ix.oom; i += 16) {
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
		any_byte = _mm_or_si128(any_byte, c);
		any_nul = _mm_or_si128(any_nul, _mm_cmpeq_epi8(c, zero));
		any_pct = _mm_or_si128(any_pct, _mm_cmpeq_epi8(c, percent));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(c, nl));
		while (m) {
			line_at(&ix, text, i + (size_t)__builtin_ctz(m) + 1);
			m &= m - 1;
		}
	}
	nul = _mm_movemask_epi8(any_nul) != 0;
	pct = _mm_movemask_epi8(any_pct) != 0;
	high = _mm_movemask_epi8(any_byte) != 0;
#endif
	for (; i < len && !ix.oom; i++) {
		unsigned char c = (unsigned char)text[i];
		nul |= c == 0;
		high |= c >= 0x80;
		pct |= c == '%';
		if (c == '\n')
			line_at(&ix, text, i + 1);
	}
	if (ix.oom) {
		free(ix.v);
		return -ENOMEM;
	}
	*out = (struct text_scan){.line_starts = ix.v,
	                          .nlines = ix.n,
	                          .last_source = ix.last_source,
	                          .has_nul = nul,
	                          .has_high = high,
	                          .has_percent = pct};
	return 0;
}
