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

struct reader_state {
	bool auto_all;
	struct strset autos;   /* names from `auto` lines so far, ranges expanded */
	unsigned long auto_names; /* names expanded from ranges in `auto` lines */
	bool auto_names_reported;
	struct ptrvec allows;  /* struct allow_entry * */
	size_t nfiles;
};

#endif
