/* Front end: files -> AST, with diagnostics queued in the configuration. */
#ifndef IFCC_FRONTEND_H
#define IFCC_FRONTEND_H

#include <stdbool.h>
#include <stddef.h>

#include "ifcc/arena.h"
#include "ifcc/ast.h"
#include "ifcc/diag.h"

struct ifcc_limits {
	size_t max_file_size; /* bytes per file */
	unsigned max_depth;   /* nesting of `source` */
	size_t max_files;     /* files read per configuration */
	/* A file of at least this many bytes is parsed in two halves at once, when it has
	 * a place to cut (SIZE_MAX: never). The result is the same either way. */
	size_t split_min;
};

/*
 * One loaded configuration: its AST, its diagnostics, and the arena that owns both. The
 * AST's item list (auto, allow, source and stanza lines), its words and the reading
 * state live apart, in `reading`, which ifcc_drop_items frees when only the stanzas are
 * needed any more.
 */
struct ifcc_config {
	struct arena_pool *pool; /* the arenas' blocks (NULL: from malloc) */
	bool pool_shared;	 /* pool belongs to another configuration */
	struct arena arena;
	struct arena reading;
	struct ifcc_diags diags;
	struct ast ast;
	struct ifcc_limits limits;
	struct reader_state *reader; /* auto/allow state shared across `source`d files */
};

void ifcc_config_init(struct ifcc_config *cfg);
/* Whether cfg's files add up to at least limits.split_min bytes: big enough that its
 * lowering and checks share the work with a second thread. */
bool ifcc_config_big(const struct ifcc_config *cfg);
void ifcc_config_free(struct ifcc_config *cfg);

/*
 * Reads `path` and everything it sources. Problems inside files are queued as
 * diagnostics. Returns 0, -ENOENT/-EACCES/... when the top file itself cannot be read
 * (also queued), or -ENOMEM.
 */
int ifcc_load_file(struct ifcc_config *cfg, const char *path);

/* Same for text already in memory (tests, fuzzing); `name` is used in locations. */
int ifcc_load_buffer(struct ifcc_config *cfg, const char *name, const char *data, size_t len);

/*
 * Frees the AST's items (cfg->ast.items empties; the stanzas, in cfg->ast.stanzas, stay),
 * for a caller that is done with whole-file checks (ifcc_check_ast) and only lowers now:
 * the model then reuses that memory. Reading more files into cfg afterwards starts the
 * `auto`/`allow` state afresh.
 */
void ifcc_drop_items(struct ifcc_config *cfg);

#endif
