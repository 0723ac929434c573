/* Checks that need the whole AST of one configuration (ordering rules). */
#ifndef IFCC_CHECK_H
#define IFCC_CHECK_H

#include "ifcc/frontend.h"

/* Queues diagnostics into cfg->diags. */
void ifcc_check_ast(struct ifcc_config *cfg);

#endif
