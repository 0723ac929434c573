/* Private to the front end: state shared by every file of one configuration. */
#ifndef IFCC_READER_H
#define IFCC_READER_H

#include <stdbool.h>

#include "ifcc/arena.h"
#include "ifcc/ast.h"
#include "ifcc/strset.h"

struct allow_entry {
	const char *cls, *name;
};

#define NAME_AUTO 1u   /* named by an `auto` line */
#define NAME_MARKED 2u /* a stanza of it is auto (or its late auto was reported) */
#define NAME_FLAGS 3u

struct reader_state {
	bool auto_all;
	/*
	 * Names from `auto` lines so far (ranges expanded) and the bases of the iface
	 * stanzas so far: one set for the stanzas' is_auto and the late-auto check. A
	 * value is the name's first iface stanza (NULL: none yet) with NAME_* flags in its
	 * low bits (stanzas are arena-aligned).
	 */
	struct strset names;
	unsigned long auto_names; /* names expanded from ranges in `auto` lines */
	bool auto_names_reported;
	struct ptrvec allows;  /* struct allow_entry * */
	/*
	 * The late-auto check's candidates: the `auto` words, in reading order, whose name
	 * had an iface stanza already when they were read (any other word's name gets its
	 * first stanza later, and that stanza is auto). `late_auto_all`: every word must be
	 * looked at instead (an `auto` word of a second half names a first-half stanza).
	 */
	struct ptrvec late_auto; /* struct ast_word * */
	bool late_auto_all;
	size_t nfiles;
};

#endif
