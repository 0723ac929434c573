/* Grammar actions: turn logical lines into AST nodes, with ifupdown2's stanza rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/range.h"
#include "parse_ctx.h"
#include "reader.h"

#define IFNAMSIZ_MAX 15u
/* Ranges larger than this are refused rather than expanded (bounded memory). */
#define RANGE_MAX 65536ul
#define AUTO_NAMES_MAX 65536ul /* LOWER_NAMES_MAX */

struct ast_text *ctx_text_shared(struct parse_ctx *pc, struct ast_text *t, const char *s,
				 uint32_t len, uint32_t foff)
{
	if (!t)
		return NULL;
	*t = (struct ast_text){.s = s, .file = pc->file, .len = len, .where = foff};
	return t;
}

struct ast_text *ctx_text_into(struct parse_ctx *pc, struct ast_text *t, const char *s,
			       uint32_t len, uint32_t foff)
{
	if (!t)
		return NULL;
	*t = (struct ast_text){.s = arena_strndup(&pc->cfg->arena, s, len),
			       .file = pc->file,
			       .len = len,
			       .where = foff};
	return t->s ? t : NULL;
}

struct ast_text *ctx_text_segmented(struct parse_ctx *pc, struct ast_text *t, const char *s,
				    uint32_t len, const struct ast_seg *seg, uint32_t nseg)
{
	if (nseg <= 1)
		return ctx_text_into(pc, t, s, len, nseg ? seg[0].foff : 0);
	/* [seg[0] .. seg[nseg-1]] [nseg] [text NUL]: the map just before the text. */
	size_t head = (size_t)nseg * sizeof(*seg) + sizeof(uint32_t);
	char *p = arena_alloc_raw(&pc->cfg->arena, head + len + 1);
	if (!p)
		return NULL;
	memcpy(p, seg, (size_t)nseg * sizeof(*seg));
	memcpy(p + head - sizeof(uint32_t), &nseg, sizeof(uint32_t));
	memcpy(p + head, s, len);
	p[head + len] = '\0';
	*t = (struct ast_text){.s = p + head,
			       .file = pc->file,
			       .len = len,
			       .where = seg[0].foff | AST_TEXT_SEGMENTED};
	return t;
}

const struct ast_seg *ast_text_segs(const struct ast_text *t, uint32_t *n)
{
	if (!(t->where & AST_TEXT_SEGMENTED)) {
		*n = 1;
		return NULL;
	}
	memcpy(n, t->s - sizeof(uint32_t), sizeof(uint32_t));
	return (const struct ast_seg *)(const void *)(t->s - sizeof(uint32_t) -
						      (size_t)*n * sizeof(struct ast_seg));
}

/* The token lives until the parse ends, its text as long as the configuration. */
struct ast_text *ctx_text(struct parse_ctx *pc, const char *s, uint32_t len, uint32_t foff)
{
	return ctx_text_into(pc, arena_alloc_raw(&pc->scratch, sizeof(struct ast_text)), s, len,
			     foff);
}

struct ifcc_loc ctx_loc(struct parse_ctx *pc, struct ifcc_span sp)
{
	return ifcc_loc_span_hint(pc->file, sp.begin, sp.end, &pc->line_hint);
}

/* File offset of value byte `off`, through the segment map. */
static uint32_t text_foff(const struct ast_text *t, uint32_t off)
{
	uint32_t n;
	const struct ast_seg *seg = ast_text_segs(t, &n);
	if (!seg)
		return ast_text_foff(t) + off;
	uint32_t i = 0;
	for (uint32_t k = 1; k < n; k++)
		if (seg[k].voff <= off)
			i = k;
	return seg[i].foff + (off - seg[i].voff);
}

uint32_t ast_attr_value_end(const struct ast_attr *a)
{
	uint32_t n;
	const struct ast_seg *seg = ast_text_segs(&a->value, &n);
	if (!seg)
		return ast_text_foff(&a->value) + a->value.len;
	return seg[n - 1].foff + (a->value.len - seg[n - 1].voff);
}

/* Makes room for one more element of a pending array; false when out of memory. */
static bool pend_room(struct parse_ctx *pc, void **v, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	void *p = realloc(*v, c * size);
	if (!p) {
		pc->oom = 1;
		return false;
	}
	*v = p;
	*cap = c;
	return true;
}

static void push_raw(struct parse_ctx *pc, struct ifcc_span sp)
{
	if (!pend_room(pc, (void **)&pc->pend_raw, pc->npend_raw, &pc->cappend_raw,
		       sizeof(*pc->pend_raw)))
		return;
	pc->pend_raw[pc->npend_raw++] = (struct ast_span){sp.begin, sp.end};
}

void build_end_stanza(struct parse_ctx *pc)
{
	struct ast_stanza *st = pc->cur;
	pc->cur = NULL;
	if (!st)
		return;
	struct arena *a = &pc->cfg->arena;
	size_t n = pc->npend, nr = pc->npend_raw;
	pc->npend = pc->npend_raw = 0;
	/* One allocation for both (an ast_attr's size is a multiple of the alignment). */
	struct ast_attr *v = n || nr ? arena_alloc_raw(a, n * sizeof(*v) + nr * sizeof(struct ast_span))
				     : NULL;
	if ((n || nr) && !v) {
		pc->oom = 1;
		return;
	}
	struct ast_span *r = nr ? (struct ast_span *)(void *)(v + n) : NULL;
	if (n)
		memcpy(v, pc->pend, n * sizeof(*v));
	else
		v = NULL;
	if (nr)
		memcpy(r, pc->pend_raw, nr * sizeof(*r));
	st->attrs = (struct ast_attrs){v, n};
	st->raw = (struct ast_spans){r, nr};
}

void ast_raw_lines(const struct ast_stanza *st, void (*fn)(const struct ast_span *, void *),
		   void *arg)
{
	fn(&st->head, arg);
	size_t i = 0, j = 0;
	while (i < st->raw.n || j < st->attrs.n) {
		const struct ast_attr *at = j < st->attrs.n ? &st->attrs.v[j] : NULL;
		if (i < st->raw.n && (!at || st->raw.v[i].begin < at->key_sp.begin)) {
			fn(&st->raw.v[i++], arg);
		} else {
			struct ast_span sp = {at->key_sp.begin, ast_attr_value_end(at)};
			fn(&sp, arg);
			j++;
		}
	}
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *ast_span_text(struct arena *a, const struct ifcc_file *f, const struct ast_span *sp)
{
	if (!f->text || sp->end > f->len || sp->begin > sp->end)
		return arena_strdup(a, "");
	char *out = arena_alloc(a, sp->end - sp->begin + 1), *o = out;
	if (!out)
		return NULL;
	const char *p = f->text + sp->begin, *end = f->text + sp->end;
	bool first = true;
	while (p <= end) {
		const char *q = p;
		while (q < end && *q != '\\')
			q++;
		const char *b = p, *e = q;
		while (b < e && is_space(*b))
			b++;
		while (e > b && is_space(e[-1]))
			e--;
		/* Every piece is joined, empty ones too, as ifupdown2 joins them. */
		if (!first)
			*o++ = ' ';
		memcpy(o, b, (size_t)(e - b));
		o += e - b;
		first = false;
		p = q + 1;
	}
	*o = '\0';
	/* Strip the whole: leading/trailing blanks from empty pieces. */
	char *s = out;
	while (*s && is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

const char *ast_subst_iface(struct arena *a, const char *v, const char *name)
{
	const char *p = strchr(v, '$');
	if (p)
		p = strstr(p, "$IFACE");
	if (!p)
		return v;
	size_t n = strlen(name), count = 0;
	for (const char *q = p; q; q = strstr(q + 6, "$IFACE"))
		count++;
	char *out = arena_alloc(a, strlen(v) + count * n + 1), *o = out;
	if (!out)
		return v;
	for (const char *s = v; *s;) {
		if (!strncmp(s, "$IFACE", 6)) {
			memcpy(o, name, n);
			o += n;
			s += 6;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

struct ifcc_loc ast_attr_key_loc(const struct ast_attr *a)
{
	return ifcc_loc_span(a->value.file, a->key_sp.begin, a->key_sp.end);
}

struct ifcc_loc ast_attr_value_loc(const struct ast_attr *a)
{
	return ifcc_loc_span(a->value.file, ast_text_foff(&a->value), ast_attr_value_end(a));
}

struct ifcc_loc ast_attr_loc(const struct ast_attr *a)
{
	return ifcc_loc_span(a->value.file, a->key_sp.begin, ast_attr_value_end(a));
}

struct ifcc_loc ast_text_loc(const struct ast_text *t, uint32_t off, uint32_t len)
{
	/* Both ends go through the map: a span may cross a continuation. */
	uint32_t begin = text_foff(t, off);
	uint32_t last = text_foff(t, off + (len ? len : 1) - 1);
	return ifcc_loc_span(t->file, begin, last + 1);
}

/* A word's location; a word is one piece of one line, found from the last line looked up. */
static struct ifcc_loc word_loc(struct parse_ctx *pc, const struct ast_text *t)
{
	if (t->where & AST_TEXT_SEGMENTED)
		return ast_text_loc(t, 0, t->len);
	return ctx_loc(pc, (struct ifcc_span){t->where, t->where + t->len});
}

static struct ast_word *mkword(struct parse_ctx *pc, const struct ast_text *t)
{
	struct ast_word *w = arena_alloc(&pc->cfg->reading, sizeof(*w));
	if (w) {
		w->text = t->s;
		w->loc = word_loc(pc, t);
	}
	return w;
}

static struct ast_item *mkitem(struct parse_ctx *pc, enum ast_item_kind kind,
			       struct ifcc_span line)
{
	struct ast_item *it = arena_alloc(&pc->cfg->reading, sizeof(*it));
	if (!it)
		return NULL;
	it->kind = kind;
	it->loc = ctx_loc(pc, line);
	if (ptrvec_push(&pc->cfg->reading, &pc->cfg->ast.items, it) < 0)
		return NULL;
	return it;
}

/* A keyword line ends the stanza in progress and any unsupported block. */
static void end_stanza(struct parse_ctx *pc)
{
	build_end_stanza(pc);
	pc->swallow = false;
}

static void check_name_slow(struct parse_ctx *pc, const char *name, struct ifcc_loc loc)
{
	struct ifcc_range r;
	const char *longest = name;
	if (ifcc_range_parse(name, &r)) {
		unsigned long n = ifcc_range_count(&r);
		if (n == 0) {
			diag_add(&pc->cfg->diags, IFCC_ERROR, "empty-range", loc,
				 "range '%s' is empty: %lu is greater than %lu", name, r.first,
				 r.last);
			return;
		}
		if (n > RANGE_MAX) {
			diag_add(&pc->cfg->diags, IFCC_ERROR, "range-too-large", loc,
				 "range '%s' names %lu interfaces; at most %lu are supported", name,
				 n, RANGE_MAX);
			return;
		}
		longest = ifcc_range_name(&pc->cfg->reading, &r, n - 1);
		if (!longest)
			return;
	}
	size_t len = strcspn(longest, ":");
	if (len > IFNAMSIZ_MAX)
		diag_add(&pc->cfg->diags, IFCC_WARNING, "name-too-long", loc,
			 "interface name '%.*s' is %zu characters long; the kernel allows at most %u",
			 (int)len, longest, len, IFNAMSIZ_MAX);
	if (strchr(name, '$'))
		diag_add(&pc->cfg->diags, IFCC_WARNING, "name-unexpanded", loc,
			 "unexpected '$' in interface name '%s' (an unrendered template?)", name);
}

/*
 * A name without '[' (no range: the common case) in one pass: its length up to the first
 * ':', and whether it has a '$'. The same warnings, in the same order, as check_name_slow.
 */
static void check_name(struct parse_ctx *pc, const char *name, struct ifcc_loc loc)
{
	size_t k = 0, len = SIZE_MAX;
	bool dollar = false;
	/* The three bytes looked for, '$' ':' '[', as bits from '$' on: one test for most. */
	const uint64_t special = 1ull | 1ull << (':' - '$') | 1ull << ('[' - '$');
	for (; name[k]; k++) {
		unsigned u = (unsigned)(unsigned char)name[k] - '$';
		if (u > '[' - '$' || !((special >> u) & 1))
			continue;
		if (name[k] == '[') {
			check_name_slow(pc, name, loc);
			return;
		}
		if (name[k] == '$')
			dollar = true;
		else if (len == SIZE_MAX)
			len = k;
	}
	if (len == SIZE_MAX)
		len = k;
	if (len > IFNAMSIZ_MAX)
		diag_add(&pc->cfg->diags, IFCC_WARNING, "name-too-long", loc,
			 "interface name '%.*s' is %zu characters long; the kernel allows at most %u",
			 (int)len, name, len, IFNAMSIZ_MAX);
	if (dollar)
		diag_add(&pc->cfg->diags, IFCC_WARNING, "name-unexpanded", loc,
			 "unexpected '$' in interface name '%s' (an unrendered template?)", name);
}

/* Sets `flag` on the name `s` of the configuration's name set; returns the name's value
 * before (0 when it was not there, or out of memory). */
static uintptr_t name_flag(struct arena *a, struct reader_state *rs, const char *s,
			   uintptr_t flag)
{
	void **v = strset_slot(a, &rs->names, s);
	if (!v)
		return 0;
	uintptr_t x = (uintptr_t)*v;
	*v = (void *)(x | flag);
	return x;
}

/* An `auto` word whose name (value x) has an iface stanza already is a late-auto
 * candidate. */
static void late_auto_candidate(struct arena *a, struct reader_state *rs, struct ast_word *w,
				uintptr_t x)
{
	if (x & ~(uintptr_t)NAME_FLAGS)
		ptrvec_push(a, &rs->late_auto, w);
}

void build_auto(struct parse_ctx *pc, struct ifcc_span kw, struct ptrvec *words,
		struct ifcc_span line)
{
	end_stanza(pc);
	struct reader_state *rs = pc->cfg->reader;
	struct arena *a = &pc->cfg->reading;
	if (!words || words->n == 0) {
		diag_add(&pc->cfg->diags, IFCC_ERROR, "auto-empty", ctx_loc(pc, kw),
			 "'auto' needs at least one interface name");
		return;
	}
	struct ast_item *it = mkitem(pc, AST_ITEM_AUTO, line);
	if (!it)
		return;
	for (size_t i = 0; i < words->n; i++) {
		const struct ast_text *t = words->v[i];
		struct ast_word *w = mkword(pc, t);
		if (!w)
			return;
		ptrvec_push(a, &it->words, w);
		if (!strcmp(t->s, "all")) {
			void **v = strset_find(&rs->names, t->s);
			late_auto_candidate(a, rs, w, v ? (uintptr_t)*v : 0);
			/* ifupdown2 stops reading the line at "all". */
			rs->auto_all = true;
			if (i + 1 < words->n)
				diag_add(&pc->cfg->diags, IFCC_WARNING, "auto-all-trailing",
					 word_loc(pc, words->v[i + 1]),
					 "names after 'auto all' are ignored");
			break;
		}
		check_name(pc, t->s, w->loc);
		late_auto_candidate(a, rs, w, name_flag(a, rs, t->s, NAME_AUTO));
		struct ifcc_range r;
		if (ifcc_range_parse(t->s, &r) && ifcc_range_count(&r) <= RANGE_MAX) {
			if (pc->prior && !pc->prior_taken)
				frontend_split_take_prior(pc);
			/* A bound on the total too (LOWER_NAMES_MAX; lowering applies the same rule). */
			if (ifcc_range_count(&r) > AUTO_NAMES_MAX - rs->auto_names) {
				if (!rs->auto_names_reported)
					diag_add(&pc->cfg->diags, IFCC_ERROR, "too-many-interfaces",
						 w->loc,
						 "ranges in 'auto' lines name more than %lu interfaces; "
						 "'%s' and any later range that does not fit are not "
						 "expanded",
						 AUTO_NAMES_MAX, t->s);
				rs->auto_names_reported = true;
				continue;
			}
			rs->auto_names += ifcc_range_count(&r);
			for (unsigned long k = 0; k < ifcc_range_count(&r); k++) {
				char *n = ifcc_range_name(a, &r, k);
				if (n)
					name_flag(a, rs, n, NAME_AUTO);
			}
		}
	}
}

void build_allow(struct parse_ctx *pc, struct ast_text *kw, struct ifcc_span kwsp,
		 struct ptrvec *words, struct ifcc_span line)
{
	end_stanza(pc);
	if (!kw)
		return;
	struct reader_state *rs = pc->cfg->reader;
	struct arena *a = &pc->cfg->arena;
	/* ifupdown2 takes words[0].split('-')[1]: allow-foo-bar is class "foo". */
	const char *cls =
		kw->s[5] == '-' ? arena_strndup(a, kw->s + 6, strcspn(kw->s + 6, "-")) : "";
	if (!cls)
		return;
	if (!*cls) {
		diag_add(&pc->cfg->diags, IFCC_ERROR, "allow-class", ctx_loc(pc, kwsp),
			 "'%s' names no class; write allow-CLASS, e.g. allow-hotplug", kw->s);
		return;
	}
	if (!words || words->n == 0) {
		/* ifupdown2 aborts the whole run on this line. */
		diag_add(&pc->cfg->diags, IFCC_ERROR, "allow-empty", ctx_loc(pc, kwsp),
			 "'%s' needs at least one interface name", kw->s);
		return;
	}
	struct ast_item *it = mkitem(pc, AST_ITEM_ALLOW, line);
	if (!it)
		return;
	it->cls = cls;
	struct arena *ra = &pc->cfg->reading;
	for (size_t i = 0; i < words->n; i++) {
		struct ast_word *w = mkword(pc, words->v[i]);
		struct allow_entry *e = arena_alloc(ra, sizeof(*e));
		if (!w || !e)
			return;
		check_name(pc, w->text, w->loc);
		ptrvec_push(ra, &it->words, w);
		e->cls = cls;
		e->name = w->text;
		ptrvec_push(ra, &rs->allows, e);
	}
}

static const char *const families[] = {"inet", "inet6"};
static const char *const methods[] = {"static", "manual", "loopback", "dhcp",
				      "dhcp6",	"ppp",	  "tunnel"};

static int in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(s, list[i]))
			return 1;
	return 0;
}

const char *build_stanza_key(const struct ast_stanza *st)
{
	struct ifcc_range r;
	return ifcc_range_parse(st->base, &r) ? st->name : st->base;
}

void build_stanza(struct parse_ctx *pc, enum ast_stanza_kind kind, struct ifcc_span kw,
		  struct ptrvec *words, struct ifcc_span line)
{
	end_stanza(pc);
	struct reader_state *rs = pc->cfg->reader;
	struct arena *a = &pc->cfg->arena;
	struct ifcc_diags *d = &pc->cfg->diags;
	const char *kwname = kind == AST_IFACE ? "iface" : "vlan";
	if (!words || words->n == 0) {
		diag_add(d, IFCC_ERROR, "stanza-name", ctx_loc(pc, kw), "'%s' needs an interface name",
			 kwname);
		pc->swallow = true; /* its attribute lines belong to nothing: one error, not many */
		return;
	}
	const struct ast_text *name = words->v[0];
	struct ast_stanza *st = arena_alloc(a, sizeof(*st));
	struct ast_item *it = st ? mkitem(pc, AST_ITEM_STANZA, line) : NULL;
	if (!it)
		return;
	it->stanza = st;
	if (!pend_room(pc, (void **)&pc->stanzas, pc->nstanzas, &pc->capstanzas,
		       sizeof(*pc->stanzas)))
		return;
	pc->stanzas[pc->nstanzas++] = st;
	st->kind = kind;
	st->loc = it->loc;
	st->name = name->s;
	st->name_loc = word_loc(pc, name);
	size_t nbase = strcspn(name->s, ":");
	st->base = name->s[nbase] ? arena_strndup(a, name->s, nbase) : name->s;
	check_name(pc, name->s, st->name_loc);

	if (kind == AST_VLAN) {
		if (!strchr(name->s, '.'))
			diag_add(d, IFCC_ERROR, "vlan-name", st->name_loc,
				 "'vlan %s' must name BRIDGE.VID (e.g. bridge.10)", name->s);
		if (words->n > 1)
			diag_add(d, IFCC_WARNING, "extra-words", word_loc(pc, words->v[1]),
				 "words after the vlan name are ignored");
	} else {
		/*
		 * Debian ifupdown's `iface X inet static inherits Y`: one error, no cascade.
		 * In the method's place ifupdown2 keeps it as the (unknown) method; in the
		 * family's place it clears family and method, as for any unknown family.
		 */
		bool inherits_method = false;
		for (size_t k = 1; k < words->n; k++) {
			const struct ast_text *w = words->v[k];
			if (strcmp(w->s, "inherits"))
				continue;
			diag_add(d, IFCC_ERROR, "unsupported-keyword", word_loc(pc, w),
				 "iface %s: 'inherits' is an ifupdown (Debian) keyword, not supported "
				 "by ifupdown2 either",
				 name->s);
			inherits_method = k == 2;
			words->n = k;
			break;
		}
		bool bad_family = false;
		if (words->n > 1) {
			const struct ast_text *fam = words->v[1];
			if (in_list(fam->s, families, 2)) {
				st->family = fam->s;
			} else {
				/* ifupdown2 then drops family and method: one error, not two. */
				bad_family = true;
				diag_add(d, IFCC_ERROR, "address-family", word_loc(pc, fam),
					 "iface %s: unsupported address family '%s' (use inet or inet6)",
					 name->s, fam->s);
			}
		}
		if (words->n > 2 && !bad_family) {
			const struct ast_text *m = words->v[2];
			st->method = m->s;
			if (!in_list(m->s, methods, sizeof(methods) / sizeof(methods[0])))
				diag_add(d, IFCC_ERROR, "address-method", word_loc(pc, m),
					 "iface %s: unsupported address method '%s' (use static, "
					 "manual, loopback, dhcp, dhcp6, ppp or tunnel)",
					 name->s, m->s);
		}
		if (inherits_method)
			st->method = "inherits";
		if (words->n > 3 && !bad_family) {
			const struct ast_text *x = words->v[3];
			diag_add(d, IFCC_WARNING, "extra-words", ast_text_loc(x, 0, x->len),
				 "iface %s: words after the address method are ignored", name->s);
		}
	}

	const char *key = build_stanza_key(st);
	/* The base's entry (one lookup when it is also the key), then the key's. */
	void **base = kind == AST_IFACE ? strset_slot(&pc->cfg->reading, &rs->names, st->base)
					: NULL;
	void **kv = base && key == st->base ? base : strset_find(&rs->names, key);
	st->is_auto = rs->auto_all || (kv && ((uintptr_t)*kv & NAME_AUTO));
	if (base) {
		uintptr_t x = (uintptr_t)*base;
		if (!(x & ~(uintptr_t)NAME_FLAGS))
			x |= (uintptr_t)st;
		if (st->is_auto)
			x |= NAME_MARKED;
		*base = (void *)x;
	}
	for (size_t i = 0; i < rs->allows.n; i++) {
		const struct allow_entry *e = rs->allows.v[i];
		if (!strcmp(e->name, key))
			ptrvec_push(a, &st->classes, (void *)e->cls);
	}
	pc->cur = st;
	st->head = (struct ast_span){line.begin, line.end};
}

void build_unsupported(struct parse_ctx *pc, struct ast_text *kw, struct ifcc_span kwsp,
		       struct ifcc_span line)
{
	(void)line;
	if (!kw)
		return;
	/* A block keyword (mapping, template) takes its indented lines with it. */
	if (!strcmp(kw->s, "mapping") || !strcmp(kw->s, "template"))
		end_stanza(pc);
	diag_add(&pc->cfg->diags, IFCC_ERROR, "unsupported-keyword", ctx_loc(pc, kwsp),
		 "'%s' is an ifupdown (Debian) keyword, not supported by ifupdown2 either", kw->s);
}

void build_comment(struct parse_ctx *pc, struct ifcc_span sp)
{
	if (pc->cur && !pc->swallow)
		push_raw(pc, sp);
}

static void normalise_key(char *k)
{
	for (; *k; k++)
		if (*k == '_')
			*k = '-';
}

void build_attr_line(struct parse_ctx *pc, const struct ifcc_keyword *kw, const char *key,
		     struct ifcc_span keysp, const struct ast_text *value)
{
	if (pc->swallow)
		return;
	if (!pc->cur) {
		diag_add(&pc->cfg->diags, IFCC_ERROR, "attr-outside-stanza", ctx_loc(pc, keysp),
			 "attribute '%s' outside any iface stanza (a keyword line such as 'auto' "
			 "or 'source' ends the stanza above it)",
			 key);
		return;
	}
	if (!pend_room(pc, (void **)&pc->pend, pc->npend, &pc->cappend, sizeof(*pc->pend)))
		return;
	struct ast_attr *at = &pc->pend[pc->npend];
	/* Keys with '_' get a normalised copy; the others are shared with the token. */
	at->kw = kw;
	if (!kw && strchr(key, '_')) {
		char *k = arena_strdup(&pc->cfg->arena, key);
		if (!k)
			return;
		normalise_key(k);
		at->key = k;
		at->kw = ifcc_keyword_find(k);
	} else {
		at->key = key;
	}
	at->value = *value;
	at->key_sp = (struct ast_span){keysp.begin, keysp.end};
	pc->npend++;
}

void build_attr(struct parse_ctx *pc, struct ast_text *key, struct ifcc_span keysp,
		struct ast_text *value)
{
	if (!key || pc->swallow)
		return;
	if (pc->cur && !value) {
		diag_add(&pc->cfg->diags, IFCC_ERROR, "missing-value", ctx_loc(pc, keysp),
			 "iface %s: attribute '%s' has no value", pc->cur->name, key->s);
		return;
	}
	build_attr_line(pc, pc->key_kw, key->s, keysp, value);
}
