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

/* Room for the line index of a text of len bytes, as text_scan first allocates it. */
size_t text_scan_room(size_t len);

/*
 * Scans text[0, len) (followed by two NULs); 0, or -ENOMEM. `buf` (NULL: none) is a
 * malloc'd array of text_scan_room(len) entries or more, given to the index (made
 * before: see read_file); it is freed on failure.
 */
int text_scan(const char *text, size_t len, uint32_t *buf, size_t given, struct text_scan *out);

#endif
