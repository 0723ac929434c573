/*
 * AST: what the files say, in reading order, nothing resolved. Included files are read
 * inline where their `source` line stands, as ifupdown2 does, so the item list is the
 * order in which ifupdown2 sees the lines. Every node carries its location.
 */
#ifndef IFCC_AST_H
#define IFCC_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "ifcc/arena.h"
#include "ifcc/keywords.h"
#include "ifcc/source.h"

/* Maps a byte of a logical value (continuations joined) back to the file. */
struct ast_seg {
	uint32_t voff; /* offset in the value */
	uint32_t foff; /* offset in the file of that byte */
};

/* A word or a value: its text and where each part of it lies in the file. */
struct ast_text {
	const char *s;
	const struct ifcc_file *file;
	uint32_t len;
	/*
	 * File offset of the first byte. With AST_TEXT_SEGMENTED set (the value had
	 * continuation lines: it is a joined copy), the offsets are those of the map that
	 * lies in memory just before `s` (ast_text_segs); the low bits are still the first
	 * byte's offset.
	 */
	uint32_t where;
};

#define AST_TEXT_SEGMENTED 0x80000000u
#define AST_TEXT_OFF_MASK 0x7fffffffu

/* File offset of the text's first byte. */
static inline uint32_t ast_text_foff(const struct ast_text *t)
{
	return t->where & AST_TEXT_OFF_MASK;
}

/* The segment map of a value with continuations (n > 1), or n = 1 and NULL. */
const struct ast_seg *ast_text_segs(const struct ast_text *t, uint32_t *n);

struct ast_span {
	uint32_t begin, end; /* byte offsets [begin, end) in the stanza's file */
};

struct ast_word {
	const char *text;
	struct ifcc_loc loc;
};

/*
 * Locations are kept as byte offsets and turned into lines and columns on demand: the
 * key is key_sp, the value runs from its first byte (ast_text_foff) to ast_attr_value_end,
 * the line from the key's first byte to there. value.s points into the file's text (the
 * line's newline overwritten with NUL) unless the value had continuations or trailing
 * blanks. 48 bytes: there is one of these for most lines of a file.
 */
struct ast_attr {
	const char *key; /* normalised: '_' -> '-' */
	const struct ifcc_keyword *kw; /* the table row of `key`, NULL when unknown */
	struct ast_text value;
	struct ast_span key_sp;
};

/* File offset just past the value's last byte. */
uint32_t ast_attr_value_end(const struct ast_attr *a);

/* A stanza's attribute lines, in one array. */
struct ast_attrs {
	struct ast_attr *v;
	size_t n;
};

/* Spans of a stanza's other lines (header, comments). */
struct ast_spans {
	struct ast_span *v;
	size_t n;
};

enum ast_stanza_kind { AST_IFACE, AST_VLAN };

struct ast_stanza {
	enum ast_stanza_kind kind;
	const char *name;   /* as written, e.g. "eth0:1" or "swp[1-4]" */
	const char *base;   /* name with any ":alias" folded away */
	const char *family; /* NULL when absent or unsupported */
	const char *method; /* NULL when absent */
	struct ifcc_loc loc, name_loc;
	bool is_auto; /* an `auto` line naming it (or `auto all`) came before it */
	struct ptrvec classes; /* const char *: allow-CLASS lines that came before */
	struct ast_attrs attrs;
	/* With the attribute lines, the stanza's lines as ifupdown2 keeps them for `ifquery
	 * -x`: the header, and each comment line inside (as spans of the file, in file
	 * order; most stanzas have none). ast_raw_lines merges them with the attribute lines. */
	struct ast_span head;
	struct ast_spans raw;
};

enum ast_item_kind { AST_ITEM_AUTO, AST_ITEM_ALLOW, AST_ITEM_STANZA, AST_ITEM_SOURCE };

struct ast_item {
	enum ast_item_kind kind;
	struct ifcc_loc loc;
	const char *cls;       /* allow-CLASS: the class */
	struct ptrvec words;   /* struct ast_word *: auto/allow names, source patterns */
	struct ast_stanza *stanza;
	struct ptrvec files;   /* source: const struct ifcc_file * read through it */
};

struct ast {
	struct ptrvec items; /* struct ast_item *, in reading order */
	struct ptrvec stanzas; /* struct ast_stanza *, in reading order (the items' stanzas) */
	struct ptrvec files; /* struct ifcc_file *, every file read */
};

/*
 * A logical line as ifupdown2 sees it: the span's text split at every backslash, the
 * pieces stripped and joined with one space, then stripped. Allocated in `a`.
 */
char *ast_span_text(struct arena *a, const struct ifcc_file *f, const struct ast_span *sp);

/* `v` with every $IFACE replaced by `name` (ifupdown2 substitutes the stanza name as
 * written, a range stanza's range included); `v` itself when it has none. */
const char *ast_subst_iface(struct arena *a, const char *v, const char *name);

/* The stanza's raw lines (header, attribute and comment lines) in file order: calls
 * fn for each span. */
void ast_raw_lines(const struct ast_stanza *st, void (*fn)(const struct ast_span *, void *),
		   void *arg);

struct ifcc_loc ast_attr_key_loc(const struct ast_attr *a);
struct ifcc_loc ast_attr_value_loc(const struct ast_attr *a);
struct ifcc_loc ast_attr_loc(const struct ast_attr *a); /* the whole line */

/* Location of value bytes [off, off+len) in the file, through the segment map. */
struct ifcc_loc ast_text_loc(const struct ast_text *t, uint32_t off, uint32_t len);

#endif
