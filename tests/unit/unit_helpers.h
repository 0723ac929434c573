/* Shared helpers of the front-end unit tests (header-only, static functions). */
#ifndef IFCC_UNIT_HELPERS_H
#define IFCC_UNIT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ifcc/ast.h"
#include "ifcc/diag.h"
#include "ifcc/frontend.h"

/* Each test gets a fresh configuration in *state; the teardown frees it even on failure. */
static inline int cfg_setup(void **state)
{
	struct ifcc_config *cfg = malloc(sizeof(*cfg));
	if (!cfg)
		return -1;
	ifcc_config_init(cfg);
	*state = cfg;
	return 0;
}

static inline int cfg_teardown(void **state)
{
	struct ifcc_config *cfg = *state;
	ifcc_config_free(cfg);
	free(cfg);
	return 0;
}

#define CFG_TEST(f) cmocka_unit_test_setup_teardown(f, cfg_setup, cfg_teardown)

/* Parses `text` as the file "t"; the call itself must succeed. */
static inline struct ifcc_config *load_text(void **state, const char *text)
{
	struct ifcc_config *cfg = *state;
	assert_int_equal(ifcc_load_buffer(cfg, "t", text, strlen(text)), 0);
	return cfg;
}

static inline size_t nitems(const struct ifcc_config *cfg)
{
	return cfg->ast.items.n;
}

static inline const struct ast_item *item(const struct ifcc_config *cfg, size_t i)
{
	assert_true(i < cfg->ast.items.n);
	return cfg->ast.items.v[i];
}

static inline size_t nstanzas(const struct ifcc_config *cfg)
{
	size_t n = 0;
	for (size_t i = 0; i < cfg->ast.items.n; i++)
		n += ((const struct ast_item *)cfg->ast.items.v[i])->kind == AST_ITEM_STANZA;
	return n;
}

/* The i-th stanza (0-based) in reading order. */
static inline const struct ast_stanza *stanza(const struct ifcc_config *cfg, size_t i)
{
	for (size_t k = 0; k < cfg->ast.items.n; k++) {
		const struct ast_item *it = cfg->ast.items.v[k];
		if (it->kind == AST_ITEM_STANZA && i-- == 0)
			return it->stanza;
	}
	fail_msg("no stanza #%zu", i);
	return NULL;
}

static inline const struct ast_attr *attr(const struct ast_stanza *st, size_t i)
{
	assert_true(i < st->attrs.n);
	return &st->attrs.v[i];
}

static inline const struct ast_word *word(const struct ast_item *it, size_t i)
{
	assert_true(i < it->words.n);
	return it->words.v[i];
}

static inline size_t ndiags(const struct ifcc_config *cfg)
{
	return cfg->diags.list.n;
}

static inline const struct ifcc_diag *diag(const struct ifcc_config *cfg, size_t i)
{
	assert_true(i < cfg->diags.list.n);
	return cfg->diags.list.v[i];
}

/* Asserts that exactly one diagnostic was queued, with this rule and severity. */
#define assert_one_diag(cfg, rule_, sev_)                                                        \
	do {                                                                                     \
		assert_int_equal(ndiags(cfg), 1);                                                \
		assert_string_equal(diag(cfg, 0)->rule, (rule_));                                \
		assert_int_equal(diag(cfg, 0)->severity, (sev_));                                \
	} while (0)

#define assert_loc(l, line_, col_, eline_, ecol_)                                                \
	do {                                                                                     \
		struct ifcc_loc l_ = (l);                                                        \
		assert_int_equal(l_.line, (line_));                                              \
		assert_int_equal(l_.col, (col_));                                                \
		assert_int_equal(l_.end_line, (eline_));                                         \
		assert_int_equal(l_.end_col, (ecol_));                                           \
	} while (0)

#endif
