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

/* The line that starts at `s` (after a newline), when its first word starts with
 * "source"; the text ends with two NULs, so looking past the newline stays inside. */
static inline bool source_line(const char *t, size_t s)
{
	const char *w = t + s;
	/* Most lines are indented by four spaces or not at all. */
	if (w[0] == ' ' && w[1] == ' ' && w[2] == ' ' && w[3] == ' ')
		w += 4;
	while (*w == ' ' || *w == '\t')
		w++;
	/* Byte by byte: a NUL stops it, so it never reads past the text's end. */
	return w[0] == 's' && w[1] == 'o' && w[2] == 'u' && w[3] == 'r' && w[4] == 'c' &&
	       w[5] == 'e';
}

/*
 * Two passes, each with no call inside: the first counts the newlines and notes the byte
 * classes, the second (into an array of the exact size) records where each line starts.
 */
int text_scan(const char *text, size_t len, struct text_scan *out)
{
	size_t n = 1; /* lines: one more than newlines */
	bool nul = false, high = false, pct = false;
	size_t i = 0;
#ifdef __SSE2__
	const __m128i nl = _mm_set1_epi8('\n'), zero = _mm_setzero_si128(),
		      percent = _mm_set1_epi8('%');
	__m128i any_nul = zero, any_pct = zero, any_byte = zero;
	while (i + 16 <= len) {
		/* Newlines counted per byte lane (a match is -1: subtracted), at most 255
		 * blocks at a time, then the lanes summed. */
		__m128i count = zero;
		for (int b = 0; b < 255 && i + 16 <= len; b++, i += 16) {
			__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
			any_byte = _mm_or_si128(any_byte, c);
			any_nul = _mm_or_si128(any_nul, _mm_cmpeq_epi8(c, zero));
			any_pct = _mm_or_si128(any_pct, _mm_cmpeq_epi8(c, percent));
			count = _mm_sub_epi8(count, _mm_cmpeq_epi8(c, nl));
		}
		__m128i sum = _mm_sad_epu8(count, zero);
		n += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
	}
	nul = _mm_movemask_epi8(any_nul) != 0;
	pct = _mm_movemask_epi8(any_pct) != 0;
	high = _mm_movemask_epi8(any_byte) != 0;
#endif
	for (size_t k = i; k < len; k++) {
		unsigned char c = (unsigned char)text[k];
		nul |= c == 0;
		high |= c >= 0x80;
		pct |= c == '%';
		n += c == '\n';
	}
	uint32_t *ls = malloc(n * sizeof(*ls));
	if (!ls)
		return -ENOMEM;
	size_t k = 0;
	uint32_t last_source = 0;
	ls[k++] = 0;
	i = 0;
#ifdef __SSE2__
	for (; i + 16 <= len; i += 16) {
		__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(text + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(c, nl));
		while (m) {
			size_t s = i + (size_t)__builtin_ctz(m) + 1;
			m &= m - 1;
			ls[k++] = (uint32_t)s;
			if (source_line(text, s))
				last_source = (uint32_t)s;
		}
	}
#endif
	for (; i < len; i++) {
		if (text[i] != '\n')
			continue;
		ls[k++] = (uint32_t)(i + 1);
		if (source_line(text, i + 1))
			last_source = (uint32_t)(i + 1);
	}
	*out = (struct text_scan){.line_starts = ls,
				  .nlines = k,
				  .last_source = last_source,
				  .has_nul = nul,
				  .has_high = high,
				  .has_percent = pct};
	return 0;
}
