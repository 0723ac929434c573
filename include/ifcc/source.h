/* Loaded files and locations inside them. */
#ifndef IFCC_SOURCE_H
#define IFCC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/*
 * One file as read from disk. `text` holds the bytes exactly as on disk plus two NULs
 * (flex scans it in place); `line_starts` maps physical lines to offsets, so every
 * location names the physical line and byte column the user sees in an editor.
 */
struct ifcc_file {
	const char *path;	   /* as the user or the `source` line named it */
	char *text;		   /* NULL when the file could not be read */
	size_t len;
	uint32_t *line_starts;	   /* offsets of each line's first byte */
	size_t nlines;
	const struct ifcc_file *parent; /* the file whose `source` line read this one */
	uint32_t parent_line, parent_col;
	unsigned depth; /* 0 for a file named on the command line */
	uint32_t index; /* order in which the configuration's files were opened */
};

/* A span in a file. Lines and columns are 1-based; end_col is the last byte, inclusive. */
struct ifcc_loc {
	const struct ifcc_file *file;
	uint32_t line, col, end_line, end_col;
};

/* Span for the byte range [begin, end) of `f` (end == begin gives a one-column span). */
struct ifcc_loc ifcc_loc_span(const struct ifcc_file *f, size_t begin, size_t end);

/* The same, starting the line search at *hint (updated): fast for spans in file order. */
struct ifcc_loc ifcc_loc_span_hint(const struct ifcc_file *f, size_t begin, size_t end,
				   uint32_t *hint);

/* Whole physical line `line` (1-based) of `f`, without its line terminator. */
const char *ifcc_file_line(const struct ifcc_file *f, uint32_t line, size_t *len);

#endif
