/* Private to the front end: one pass over a file's bytes before it is parsed. */
#ifndef IFCC_TEXTSCAN_H
#define IFCC_TEXTSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct text_scan {
	uint32_t *line_starts; /* malloc'd: offset of each line's first byte */
	size_t nlines;
	/* Whether the text has a NUL, a byte >= 0x80, a '%': when not, the checks that look
	 * for them (binary file, UTF-8, Mako) have nothing to find. */
	bool has_nul, has_high, has_percent;
};

/* Scans text[0, len) (followed by two NULs); 0, or -ENOMEM. */
int text_scan(const char *text, size_t len, struct text_scan *out);

#endif
