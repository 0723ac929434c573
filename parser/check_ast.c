/* Whole-file checks on the AST that depend on the order of lines. */
#include <string.h>

#include "ifcc/check.h"
#include "ifcc/range.h"
#include "ifcc/strset.h"

/*
 * ifupdown2 marks a stanza auto only if an `auto` line naming it came before it. An
 * `auto X` placed after every stanza of X therefore has no effect: `ifup -a` and
 * `ifreload -a` leave X alone. That is almost never what the author meant.
 */
static void check_late_auto(struct ifcc_config *cfg)
{
	struct arena *a = &cfg->arena;
	struct strset first_stanza = {0}, any_auto = {0};
	const struct ast *ast = &cfg->ast;
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		if (it->kind != AST_ITEM_STANZA || it->stanza->kind != AST_IFACE)
			continue;
		const struct ast_stanza *st = it->stanza;
		strset_put(a, &first_stanza, st->base, (void *)st);
		if (st->is_auto)
			strset_put(a, &any_auto, st->base, (void *)st);
	}
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		if (it->kind != AST_ITEM_AUTO)
			continue;
		for (size_t k = 0; k < it->words.n; k++) {
			const struct ast_word *w = it->words.v[k];
			const struct ast_stanza *st = strset_get(&first_stanza, w->text);
			if (!st || strset_has(&any_auto, w->text))
				continue;
			struct ifcc_diag *g = diag_add(
				&cfg->diags, IFCC_WARNING, "auto-after-iface", w->loc,
				"'auto %s' comes after the stanza of %s, so ifupdown2 does not mark "
				"it auto: ifup -a will not bring it up; move the auto line above it",
				w->text, w->text);
			diag_note(&cfg->diags, g, st->name_loc, "the stanza of %s is here", w->text);
			strset_put(a, &any_auto, w->text, (void *)w); /* once per name */
		}
	}
}

void ifcc_check_ast(struct ifcc_config *cfg)
{
	check_late_auto(cfg);
}
