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
	/* Name -> its first stanza, or `marked` once a stanza of it is auto (or it was
	 * reported); in scratch freed at the end. */
	static const char marked[1];
	struct arena a;
	arena_init(&a);
	struct strset first = {0};
	const struct ast *ast = &cfg->ast;
	size_t nstanzas = 0;
	for (size_t i = 0; i < ast->items.n; i++)
		nstanzas += ((const struct ast_item *)ast->items.v[i])->kind == AST_ITEM_STANZA;
	if (strset_reserve(&a, &first, nstanzas) < 0)
		goto out;
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		if (it->kind != AST_ITEM_STANZA || it->stanza->kind != AST_IFACE)
			continue;
		const struct ast_stanza *st = it->stanza;
		void **v = strset_slot(&a, &first, st->base);
		if (!v)
			goto out;
		if (!*v || (st->is_auto && *v != marked))
			*v = st->is_auto ? (void *)marked : (void *)st;
	}
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		if (it->kind != AST_ITEM_AUTO)
			continue;
		for (size_t k = 0; k < it->words.n; k++) {
			const struct ast_word *w = it->words.v[k];
			void **v = strset_find(&first, w->text);
			if (!v || *v == marked)
				continue;
			const struct ast_stanza *st = *v;
			struct ifcc_diag *g = diag_add(
				&cfg->diags, IFCC_WARNING, "auto-after-iface", w->loc,
				"'auto %s' comes after the stanza of %s, so ifupdown2 does not mark "
				"it auto: ifup -a will not bring it up; move the auto line above it",
				w->text, w->text);
			diag_note(&cfg->diags, g, st->name_loc, "the stanza of %s is here", w->text);
			*v = (void *)marked; /* once per name */
		}
	}
out:
	arena_free(&a);
}

void ifcc_check_ast(struct ifcc_config *cfg)
{
	check_late_auto(cfg);
}
