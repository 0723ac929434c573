/* Private to the front end: state of one file's scan and parse. */
#ifndef IFCC_PARSE_CTX_H
#define IFCC_PARSE_CTX_H

#include <stdbool.h>
#include <stdint.h>

#include "ifcc/ast.h"
#include "ifcc/frontend.h"

/* Byte span [begin, end) in the current file: the parser's location type. */
struct ifcc_span {
	uint32_t begin, end;
};

struct split_sync;

struct parse_ctx {
	struct ifcc_config *cfg;
	/* The second half of a split file: the first half's `auto` totals, awaited at the
	 * first range in an `auto` line (its bound counts both halves). NULL otherwise. */
	struct split_sync *prior;
	bool prior_taken;
	struct ifcc_file *file;
	struct ast_stanza *cur; /* stanza that receives attribute lines, if any */
	bool swallow;		/* inside a `mapping`/`template` block: drop its lines */
	uint32_t line_hint;	/* line of the last location computed */
	/* The table row of the last KEY token (NULL: unknown), for the attribute line's
	 * action, which runs before the next token is scanned. */
	const struct ifcc_keyword *key_kw;
	/* An `auto`/`iface`/`vlan` line token: its keyword's span, and its words (malloc'd,
	 * reused from line to line; the words' strings are in the arena). */
	struct ifcc_span kw_sp;
	struct ptrvec line_words;
	struct ast_text *line_text;
	size_t line_words_cap;
	/* The open stanza's attribute and other lines until it ends (malloc'd, reused):
	 * then copied into one array of each in the arena. */
	struct ast_attr *pend;
	size_t npend, cappend;
	struct ast_span *pend_raw;
	size_t npend_raw, cappend_raw;
	/* The stanzas read (malloc'd): appended to cfg->ast.stanzas when the parse ends. */
	struct ast_stanza **stanzas;
	size_t nstanzas, capstanzas;
	int oom;
	/* What only the parse needs (word lists, word tokens): freed when it ends. */
	struct arena scratch;
};

/* The scanner's own state (flex "extra"). */
struct scan_extra {
	struct parse_ctx *pc;
	uint32_t off; /* offset of the next byte to scan */
	const char *limit; /* the end of the text scanned (the first of its two NULs) */
	/* The logical value being assembled (continuations joined). */
	char *buf;
	uint32_t len, cap;
	struct ast_seg *seg;
	uint32_t nseg, segcap;
	uint32_t vbegin;      /* file offset of the value's first byte */
	uint32_t comment_begin; /* file offset of the '#' of the comment being skipped */
	uint32_t pend_off;    /* file offset of pending blank, if any */
	uint32_t pend_len;    /* pending blank bytes (0: none) */
	bool pend_join;       /* pending blank is a continuation: becomes one space */
	const char *pend_txt; /* pending blank bytes */
	int oom;
	/*
	 * Scratch tokens for a line's key and value: the grammar reduces an attribute line
	 * as soon as its EOL is shifted, before the next token is scanned, and build_attr
	 * copies what it keeps.
	 */
	struct ast_text key_tok, value_tok;
};

struct ast_text *ctx_text(struct parse_ctx *pc, const char *s, uint32_t len, uint32_t foff);
/* The same with `s` kept as it is (a string that outlives the configuration). */
struct ast_text *ctx_text_shared(struct parse_ctx *pc, struct ast_text *t, const char *s,
				 uint32_t len, uint32_t foff);
/* The same into `t`: the scanner's scratch for keys and values, which the builder copies. */
struct ast_text *ctx_text_into(struct parse_ctx *pc, struct ast_text *t, const char *s,
			       uint32_t len, uint32_t foff);
/* The same for a value joined from continuation lines: `seg` maps it to the file. */
struct ast_text *ctx_text_segmented(struct parse_ctx *pc, struct ast_text *t, const char *s,
				    uint32_t len, const struct ast_seg *seg, uint32_t nseg);
struct ifcc_loc ctx_loc(struct parse_ctx *pc, struct ifcc_span sp);

/* Grammar actions: each builds AST nodes from one logical line. */
void build_auto(struct parse_ctx *pc, struct ifcc_span kw, struct ptrvec *words,
		struct ifcc_span line);
void build_allow(struct parse_ctx *pc, struct ast_text *kw, struct ifcc_span kwsp,
		 struct ptrvec *words, struct ifcc_span line);
/* The name a stanza's `auto` and `allow` lines are looked up by: its name as written
 * when it is a range, else its base. */
const char *build_stanza_key(const struct ast_stanza *st);
void build_stanza(struct parse_ctx *pc, enum ast_stanza_kind kind, struct ifcc_span kw,
		  struct ptrvec *words, struct ifcc_span line);
void build_source(struct parse_ctx *pc, bool directory, struct ifcc_span kw,
		  struct ptrvec *words, struct ifcc_span line);
void build_unsupported(struct parse_ctx *pc, struct ast_text *kw, struct ifcc_span kwsp,
		       struct ifcc_span line);
void build_comment(struct parse_ctx *pc, struct ifcc_span sp);
void build_attr(struct parse_ctx *pc, struct ast_text *key, struct ifcc_span keysp,
		struct ast_text *value);
/* The same for a whole attribute line, built by the scanner: `key` is kw->name for a
 * known attribute, else a copy in the arena; `value` is copied. */
void build_attr_line(struct parse_ctx *pc, const struct ifcc_keyword *kw, const char *key,
		     struct ifcc_span keysp, const struct ast_text *value);
/* Ends the open stanza, if any: its lines go into the arena. */
void build_end_stanza(struct parse_ctx *pc);

/* Parses f->text[begin, end) into cfg (the two NULs flex needs are at end and end + 1)
 * and appends its stanzas to cfg's; 0 or -ENOMEM. */
int frontend_parse_range(struct ifcc_config *cfg, struct ifcc_file *f, uint32_t begin,
			 uint32_t end, struct split_sync *prior);
int frontend_append_stanzas(struct ifcc_config *cfg, struct ast_stanza **v, size_t n);
/* A configuration whose arenas share owner's pool (the second half of a split file). */
void frontend_config_init_shared(struct ifcc_config *cfg, struct ifcc_config *owner);

/*
 * Splitting a big file (split.c). frontend_split_point: an offset where the file can be
 * cut in two, near its middle, or 0. The cut is at an `auto` or `iface` line after a
 * blank line, with no continuation across it, so that each half is whole lines.
 * frontend_parse_split parses the halves at once, the second in its own configuration,
 * then merges it into cfg exactly as if one scan had read both. A second half with a
 * `source` line (which would read other files into it) is read after the first instead.
 */
uint32_t frontend_split_point(const struct ifcc_file *f);
int frontend_parse_split(struct ifcc_config *cfg, struct ifcc_file *f, uint32_t at);
/* In the second half: waits for the first half's `auto` totals and adds them in. */
void frontend_split_take_prior(struct parse_ctx *pc);

/* Reads one more file inline (from a `source` line); depth/loop checks included. */
void frontend_source_file(struct parse_ctx *pc, const char *path, struct ifcc_span at,
			  struct ast_item *item);

#endif
