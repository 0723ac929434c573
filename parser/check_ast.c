/* Whole-file checks on the AST that depend on the order of lines. */
#include <stdint.h>
#include <string.h>

#include "ifcc/check.h"
#include "ifcc/range.h"
#include "ifcc/strset.h"
#include "reader.h"

/*
 * ifupdown2 marks a stanza auto only if an `auto` line naming it came before it. An
 * `auto X` placed after every stanza of X therefore has no effect: `ifup -a` and
 * `ifreload -a` leave X alone. That is almost never what the author meant.
 */
static void check_word(struct ifcc_config *cfg, const struct reader_state *rs,
		       const struct ast_word *w)
{
	void **v = strset_find(&rs->names, w->text);
	uintptr_t x = v ? (uintptr_t)*v : 0;
	const struct ast_stanza *st = (const void *)(x & ~(uintptr_t)NAME_FLAGS);
	if (!st || (x & NAME_MARKED))
		return;
	struct ifcc_diag *g = diag_add(&cfg->diags, IFCC_WARNING, "auto-after-iface", w->loc,
				       "'auto %s' comes after the stanza of %s, so ifupdown2 does "
				       "not mark it auto: ifup -a will not bring it up; move the "
				       "auto line above it",
				       w->text, w->text);
	diag_note(&cfg->diags, g, st->name_loc, "the stanza of %s is here", w->text);
	*v = (void *)(x | NAME_MARKED); /* once per name */
}

static void check_late_auto(struct ifcc_config *cfg)
{
	/* The front end's name set holds every auto word and each name's first stanza. */
	const struct reader_state *rs = cfg->reader;
	if (!rs)
		return;
	if (!rs->late_auto_all) {
		/* The words that named a stanza already when read: as a rule, none. */
		for (size_t i = 0; i < rs->late_auto.n; i++)
			check_word(cfg, rs, rs->late_auto.v[i]);
		return;
	}
	const struct ast *ast = &cfg->ast;
	for (size_t i = 0; i < ast->items.n; i++) {
		const struct ast_item *it = ast->items.v[i];
		if (it->kind != AST_ITEM_AUTO)
			continue;
		for (size_t k = 0; k < it->words.n; k++)
			check_word(cfg, rs, it->words.v[k]);
	}
}

void ifcc_check_ast(struct ifcc_config *cfg)
{
	check_late_auto(cfg);
}
