#include "ifcc/source.h"

/* The last line in [lo, hi) whose start is <= off, given line_starts[lo] <= off. */
static size_t bisect(const struct ifcc_file *f, size_t off, size_t lo, size_t hi)
{
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static size_t line_index(const struct ifcc_file *f, size_t off)
{
	return bisect(f, off, 0, f->nlines);
}

/*
 * Line of `off`, searched forward from *hint first: tokens come in order, a few lines
 * apart. The step doubles (1, 2, 4...) until it passes `off`, then a binary search
 * between the last two probes.
 */
static size_t line_index_hint(const struct ifcc_file *f, size_t off, uint32_t *hint)
{
	size_t lo = *hint;
	if (lo >= f->nlines || f->line_starts[lo] > off) {
		lo = line_index(f, off);
		*hint = (uint32_t)lo;
		return lo;
	}
	/* line_starts[lo] <= off: find hi with line_starts[hi] > off (or hi = nlines). */
	size_t step = 1, hi = lo + 1;
	while (hi < f->nlines && f->line_starts[hi] <= off) {
		lo = hi;
		step *= 2;
		hi = lo + step < f->nlines ? lo + step : f->nlines;
	}
	lo = bisect(f, off, lo, hi);
	*hint = (uint32_t)lo;
	return lo;
}

struct ifcc_loc ifcc_loc_span_hint(const struct ifcc_file *f, size_t begin, size_t end,
				   uint32_t *hint)
{
	struct ifcc_loc l = {.file = f, .line = 1, .col = 1, .end_line = 1, .end_col = 1};
	if (!f || !f->line_starts || f->nlines == 0)
		return l;
	if (end <= begin)
		end = begin + 1;
	size_t bl = line_index_hint(f, begin, hint);
	size_t el = f->line_starts[bl] <= end - 1 && (bl + 1 == f->nlines || f->line_starts[bl + 1] > end - 1)
			    ? bl
			    : line_index(f, end - 1);
	l.line = (uint32_t)bl + 1;
	l.col = (uint32_t)(begin - f->line_starts[bl]) + 1;
	l.end_line = (uint32_t)el + 1;
	l.end_col = (uint32_t)(end - 1 - f->line_starts[el]) + 1;
	return l;
}

struct ifcc_loc ifcc_loc_span(const struct ifcc_file *f, size_t begin, size_t end)
{
	struct ifcc_loc l = {.file = f, .line = 1, .col = 1, .end_line = 1, .end_col = 1};
	if (!f || !f->line_starts || f->nlines == 0)
		return l;
	if (end <= begin)
		end = begin + 1;
	size_t bl = line_index(f, begin);
	size_t el = line_index(f, end - 1);
	l.line = (uint32_t)bl + 1;
	l.col = (uint32_t)(begin - f->line_starts[bl]) + 1;
	l.end_line = (uint32_t)el + 1;
	l.end_col = (uint32_t)(end - 1 - f->line_starts[el]) + 1;
	return l;
}

const char *ifcc_file_line(const struct ifcc_file *f, uint32_t line, size_t *len)
{
	*len = 0;
	if (!f || !f->text || line == 0 || line > f->nlines)
		return NULL;
	size_t start = f->line_starts[line - 1];
	size_t end = line < f->nlines ? f->line_starts[line] : f->len;
	/* The front end overwrites the newline of an attribute line with NUL (and a CR
	 * before it): both end the line. */
	while (end > start && (f->text[end - 1] == '\n' || f->text[end - 1] == '\r' ||
			       f->text[end - 1] == '\0'))
		end--;
	*len = end - start;
	return f->text + start;
}
