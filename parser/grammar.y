/*
 * Grammar of the ifupdown2 dialect, one logical line per rule. Stanza structure (which
 * attribute belongs to which `iface`) is the builder's job: in ifupdown2 a stanza simply
 * runs until the next keyword line, and an attribute line with no open stanza is an error.
 * Actions only build AST nodes. An attribute line that fits on one line never reaches the
 * grammar: the scanner hands it to the builder (build_attr_line) and scans on.
 */
%code requires {
#include "parse_ctx.h"
typedef void *yyscan_t;
#define YYLTYPE struct ifcc_span
#define YYLTYPE_IS_DECLARED 1
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                                              \
	do {                                                                                     \
		if (N) {                                                                         \
			(Cur).begin = YYRHSLOC(Rhs, 1).begin;                                    \
			(Cur).end = YYRHSLOC(Rhs, N).end;                                        \
		} else {                                                                         \
			(Cur).begin = (Cur).end = YYRHSLOC(Rhs, 0).end;                          \
		}                                                                                \
	} while (0)
}

%code {
#include "scanner.h"
/* A line's span: from its first token to the end of `last`, without the line end. */
#define LINE(first, last) ((struct ifcc_span){(first).begin, (last).end})
static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *pc, const char *msg);
static struct ptrvec *words_new(struct parse_ctx *pc);
}

%define api.pure full
%define parse.error verbose
%locations
%expect 0
%param {yyscan_t scanner}
%parse-param {struct parse_ctx *pc}

%union {
	struct ast_text *text;
	struct ptrvec *words;
}

%token <text> WORD KEY VALUE AUTO ALLOW IFACE VLAN SOURCE SOURCE_DIR UNSUPPORTED
%token <text> UNSUPPORTED_BLOCK
/* Whole `auto`/`iface`/`vlan` lines: their words (the keyword's span in pc->kw_sp). */
%token <words> AUTO_LINE IFACE_LINE VLAN_LINE
%token EOL COMMENT
%nterm <words> words

%%

input:
	  %empty
	| input line
	;

line:
	  AUTO words EOL		{ build_auto(pc, @1, $2, LINE(@1, @2)); }
	| AUTO_LINE			{ build_auto(pc, pc->kw_sp, $1, @1); }
	| IFACE_LINE			{ build_stanza(pc, AST_IFACE, pc->kw_sp, $1, @1); }
	| VLAN_LINE			{ build_stanza(pc, AST_VLAN, pc->kw_sp, $1, @1); }
	| ALLOW words EOL		{ build_allow(pc, $1, @1, $2, LINE(@1, @2)); }
	| IFACE words EOL		{ build_stanza(pc, AST_IFACE, @1, $2, LINE(@1, @2)); }
	| VLAN words EOL		{ build_stanza(pc, AST_VLAN, @1, $2, LINE(@1, @2)); }
	| SOURCE words EOL		{ build_source(pc, false, @1, $2, LINE(@1, @2)); }
	| SOURCE_DIR words EOL		{ build_source(pc, true, @1, $2, LINE(@1, @2)); }
	| UNSUPPORTED words EOL		{ build_unsupported(pc, $1, @1, LINE(@1, @2)); }
	| UNSUPPORTED_BLOCK words EOL	{ build_unsupported(pc, $1, @1, LINE(@1, @2)); pc->swallow = true; }
	| KEY VALUE EOL			{ build_attr(pc, $1, @1, $2); }
	| KEY EOL			{ build_attr(pc, $1, @1, NULL); }
	| COMMENT			{ build_comment(pc, @1); }
	| error EOL			{ yyerrok; }
	;

words:
	  %empty			{ $$ = words_new(pc); }
	| words WORD			{ $$ = $1; if ($$ && $2) ptrvec_push(&pc->scratch, $$, $2); }
	;

%%

static struct ptrvec *words_new(struct parse_ctx *pc)
{
	return arena_alloc(&pc->scratch, sizeof(struct ptrvec));
}

static void yyerror(YYLTYPE *loc, yyscan_t scanner, struct parse_ctx *pc, const char *msg)
{
	(void)scanner;
	diag_add(&pc->cfg->diags, IFCC_ERROR, "syntax", ctx_loc(pc, *loc), "%s", msg);
}
