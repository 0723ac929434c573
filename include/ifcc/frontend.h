/* Front end: files -> AST, with diagnostics queued in the configuration. */
#ifndef IFCC_FRONTEND_H
#define IFCC_FRONTEND_H

#include <stddef.h>

#include "ifcc/arena.h"
#include "ifcc/ast.h"
#include "ifcc/diag.h"

struct ifcc_limits {
	size_t max_file_size; /* bytes per file */
	unsigned max_depth;   /* nesting of `source` */
	size_t max_files;     /* files read per configuration */
};

/* One loaded configuration: its AST, its diagnostics, and the arena that owns both. */
struct ifcc_config {
	struct arena arena;
	struct ifcc_diags diags;
	struct ast ast;
	struct ifcc_limits limits;
	struct reader_state *reader; /* auto/allow state shared across `source`d files */
};

void ifcc_config_init(struct ifcc_config *cfg);
void ifcc_config_free(struct ifcc_config *cfg);

/*
 * Reads `path` and everything it sources. Problems inside files are queued as
 * diagnostics. Returns 0, -ENOENT/-EACCES/... when the top file itself cannot be read
 * (also queued), or -ENOMEM.
 */
int ifcc_load_file(struct ifcc_config *cfg, const char *path);

/* Same for text already in memory (tests, fuzzing); `name` is used in locations. */
int ifcc_load_buffer(struct ifcc_config *cfg, const char *name, const char *data, size_t len);

#endif
