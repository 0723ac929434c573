/*
 * The line index and the byte classes a file's checks need, in one pass. With SSE2 (every
 * x86-64) the bytes are compared sixteen at a time and each newline costs a few
 * instructions; elsewhere a byte loop gives the same result.
 */
#include "textscan.h"

#include <errno.h>
#include <stdlib.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Makes room for 16 more line starts; false when out of memory. */
static bool room(uint32_t **ls, size_t k, size_t *cap)
{
	if (k + 16 <= *cap)
		return true;
	uint32_t *g = realloc(*ls, 2 * *cap * sizeof(*g));
	if (!g)
		return false;
	*ls = g;
	*cap *= 2;
	return true;
}

/*
 * One pass, with room for a line per 16 bytes first (real files have longer lines),
 * grown when a block of bytes might not fit: the only call in the loop, and a rare one.
 */
size_t text_scan_room(size_t len)
{
	return len / 16 + 32;
}

int text_scan(const char *text, size_t len, uint32_t *buf, size_t given, struct text_scan *out)
{
	size_t cap = text_scan_room(len), k = 0;
	uint32_t *ls = buf;
	if (ls && given >= cap)
		cap = given;
	else {
		free(buf);
		ls = malloc(cap * sizeof(*ls));
	}
	if (!ls)
		return -ENOMEM;
	ls[k++] = 0;
	bool nul = false, high = false, pct = false;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128(),
	              percent = _mm_set1_epi8('%');
	__m128i any_nul = zero, any_pct = zero, any_byte = zero;
	for (; i + 16 <= len; i += 16) {
		if (!room(&ls, k, &cap)) {
			free(ls);
			return -ENOMEM;
		}
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
		any_byte = _mm_or_si128(any_byte, c);
		any_nul = _mm_or_si128(any_nul, _mm_cmpeq_epi8(c, zero));
		any_pct = _mm_or_si128(any_pct, _mm_cmpeq_epi8(c, percent));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(c, nl));
		while (m) {
			ls[k++] = (uint32_t)(i + (size_t)__builtin_ctz(m) + 1);
			m &= m - 1;
		}
	}
	nul = _mm_movemask_epi8(any_nul) != 0;
	pct = _mm_movemask_epi8(any_pct) != 0;
	high = _mm_movemask_epi8(any_byte) != 0;
#endif
	for (; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		nul |= c == 0;
		high |= c >= 0x80;
		pct |= c == '%';
		if (c == '\n') {
			if (!room(&ls, k, &cap)) {
				free(ls);
				return -ENOMEM;
			}
			ls[k++] = (uint32_t)(i + 1);
		}
	}
	*out = (struct text_scan){
	    .line_starts = ls, .nlines = k, .has_nul = nul, .has_high = high, .has_percent = pct};
	return 0;
}
