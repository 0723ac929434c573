/*
 * ifcc query: what ifupdown2's `ifquery` prints for the same arguments, from the AST.
 * ifquery shows stanzas as written (not squashed): each stanza separately, keys with
 * '_' read as '-', aliases translated, $IFACE substituted, a range stanza once under
 * its range name. Deliberate differences from ifquery are listed in README.md.
 */
#include <errno.h>
#include <fnmatch.h>
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/keywords.h"
#include "ifcc/range.h"
#include "ifcc/strset.h"

#define DEFAULT_FILE "/etc/network/interfaces"

/* One stanza as ifquery shows it. */
struct qstanza {
	const struct ast_stanza *st;
	const char *name;  /* shown: the base name, or the range as written */
	const char *first; /* the name ifupdown2 prints the stanza under (a range's first) */
	bool range;
	const char *family, *method;
	struct ptrvec keys; /* const char *, canonical, in ifquery's order */
	struct ptrvec vals; /* struct ptrvec * of const char *, per key */
	struct ptrvec raw_keys; /* before alias translation: for duplicate detection */
	struct ptrvec raw_vals;
};

/*
 * One interface object as ifupdown2 holds it: a stanza, or one member of a range
 * stanza (ifupdown2 clones a range stanza per name; native output shows only the
 * first clone, under the range's name, and JSON output shows every clone).
 */
struct qobj {
	const struct qstanza *q;
	const char *name;
	bool start; /* not a range, or its first member */
};

struct query {
	struct ifcc_config cfg;
	struct ptrvec stanzas; /* struct qstanza * in reading order */
	struct ptrvec names;   /* const char *: object names, in order of first appearance */
	struct strset objs_by_name; /* name -> struct ptrvec * of struct qobj * */
	bool all, list, raw, json, vlan_only, iface_only;
	const char *allow;
	struct ptrvec exclude; /* const char * patterns */
};

static ssize_t key_index(const struct ptrvec *keys, const char *k)
{
	for (size_t i = 0; i < keys->n; i++)
		if (!strcmp(keys->v[i], k))
			return (ssize_t)i;
	return -1;
}

/* Appends v to the list of key k (a new key goes last). */
static void dict_add(struct arena *a, struct ptrvec *keys, struct ptrvec *vals, const char *k,
		     const char *v)
{
	ssize_t i = key_index(keys, k);
	if (i < 0) {
		struct ptrvec *l = arena_alloc(a, sizeof(*l));
		if (!l || ptrvec_push(a, keys, (void *)k) < 0 || ptrvec_push(a, vals, l) < 0)
			return;
		i = (ssize_t)keys->n - 1;
	}
	ptrvec_push(a, vals->v[i], (void *)v);
}

static bool same_config(const struct qstanza *x, const struct qstanza *y)
{
	if (x->raw_keys.n != y->raw_keys.n)
		return false;
	for (size_t i = 0; i < x->raw_keys.n; i++) {
		const struct ptrvec *a = x->raw_vals.v[i], *b = y->raw_vals.v[i];
		if (strcmp(x->raw_keys.v[i], y->raw_keys.v[i]) || a->n != b->n)
			return false;
		for (size_t k = 0; k < a->n; k++)
			if (strcmp(a->v[k], b->v[k]))
				return false;
	}
	return true;
}

static bool opt_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* ifupdown2's iface.compare(): name, type, family, method, auto, classes, config. */
static bool same_stanza(const struct qstanza *x, const struct qstanza *y)
{
	if (x->st->kind != y->st->kind || x->st->is_auto != y->st->is_auto ||
	    !opt_eq(x->family, y->family) || !opt_eq(x->method, y->method) ||
	    x->st->classes.n != y->st->classes.n)
		return false;
	for (size_t i = 0; i < x->st->classes.n; i++)
		if (strcmp(x->st->classes.v[i], y->st->classes.v[i]))
			return false;
	return same_config(x, y);
}

static struct qstanza *make_stanza(struct arena *a, const struct ast_stanza *st)
{
	struct qstanza *q = arena_alloc(a, sizeof(*q));
	if (!q)
		return NULL;
	q->st = st;
	struct ifcc_range r;
	if (st->kind == AST_IFACE && ifcc_range_parse(st->base, &r) && ifcc_range_count(&r) > 0) {
		q->range = true;
		q->name = st->name;
		q->first = ifcc_range_name(a, &r, 0);
	} else {
		q->name = st->base;
		q->first = st->base;
	}
	/* A family without a method means static; an unknown family clears both. */
	q->family = st->family;
	q->method = st->family ? (st->method ? st->method : "static") : NULL;
	for (size_t i = 0; i < st->attrs.n; i++) {
		const struct ast_attr *at = &st->attrs.v[i];
		dict_add(a, &q->raw_keys, &q->raw_vals, at->key,
			 ast_subst_iface(a, at->value.s, st->name));
	}
	/* Aliases are rewritten after reading: the first key's place, the later key's list. */
	for (size_t i = 0; i < q->raw_keys.n; i++) {
		const char *k = q->raw_keys.v[i];
		const struct ifcc_keyword *kw = ifcc_keyword_find(k);
		if (kw && kw->alias_of)
			k = ifcc_keyword_canonical(kw)->name;
		ssize_t j = key_index(&q->keys, k);
		if (j >= 0) {
			q->vals.v[j] = q->raw_vals.v[i];
		} else {
			ptrvec_push(a, &q->keys, (void *)k);
			ptrvec_push(a, &q->vals, q->raw_vals.v[i]);
		}
	}
	return q;
}

static bool first_value_is(const struct qstanza *q, const char *key, const char *val)
{
	ssize_t i = key_index(&q->keys, key);
	if (i < 0)
		return false;
	const struct ptrvec *l = q->vals.v[i];
	return l->n && !strcmp(l->v[0], val);
}

static int add_obj(struct query *qy, const struct qstanza *q, const char *name, bool start)
{
	struct arena *a = &qy->cfg.arena;
	struct qobj *o = arena_alloc(a, sizeof(*o));
	if (!o)
		return -ENOMEM;
	o->q = q;
	o->name = name;
	o->start = start;
	struct ptrvec *l = strset_get(&qy->objs_by_name, name);
	if (!l) {
		l = arena_alloc(a, sizeof(*l));
		if (!l || !strset_put(a, &qy->objs_by_name, name, l) ||
		    ptrvec_push(a, &qy->names, (void *)name) < 0)
			return -ENOMEM;
	}
	return ptrvec_push(a, l, o);
}

/* Whether ifupdown2 keeps object `name` of stanza q, or drops it while reading. */
static bool keep(struct query *qy, const struct qstanza *q, const char *name,
		 const char **vlan_aware)
{
	if (q->st->kind != AST_IFACE)
		return true;
	const struct ptrvec *l = strset_get(&qy->objs_by_name, name);
	if (l && l->n) {
		const struct qobj *first = l->v[0];
		if (same_stanza(first->q, q)) {
			fprintf(stderr, "warning: duplicate interface %s found\n", name);
			return false;
		}
	}
	if (first_value_is(q, "bridge-vlan-aware", "yes")) {
		if (*vlan_aware && strcmp(*vlan_aware, name)) {
			fprintf(stderr,
				"error: ignoring interface %s. Only one object with attribute "
				"'bridge-vlan-aware yes' allowed.\n",
				name);
			return false;
		}
		*vlan_aware = name;
	}
	return true;
}

/* Builds the stanzas and their objects, dropping what ifupdown2 drops while reading. */
static int build(struct query *qy)
{
	struct arena *a = &qy->cfg.arena;
	const char *vlan_aware = NULL;
	for (size_t i = 0; i < qy->cfg.ast.items.n; i++) {
		const struct ast_item *it = qy->cfg.ast.items.v[i];
		if (it->kind != AST_ITEM_STANZA)
			continue;
		struct qstanza *q = make_stanza(a, it->stanza);
		if (!q || ptrvec_push(a, &qy->stanzas, q) < 0)
			return -ENOMEM;
		struct ifcc_range r;
		if (q->range && ifcc_range_parse(q->st->base, &r)) {
			unsigned long n = ifcc_range_count(&r);
			for (unsigned long k = 0; k < n && k < 65536; k++) {
				const char *name = ifcc_range_name(a, &r, k);
				if (!name)
					return -ENOMEM;
				if (keep(qy, q, name, &vlan_aware) && add_obj(qy, q, name, k == 0) < 0)
					return -ENOMEM;
			}
		} else if (keep(qy, q, q->first, &vlan_aware) && add_obj(qy, q, q->first, true) < 0) {
			return -ENOMEM;
		}
	}
	return 0;
}

static bool excluded(const struct query *qy, const char *name)
{
	for (size_t i = 0; i < qy->exclude.n; i++)
		if (fnmatch(qy->exclude.v[i], name, 0) == 0)
			return true;
	return false;
}

static bool has_class(const struct qstanza *q, const char *cls)
{
	for (size_t i = 0; i < q->st->classes.n; i++)
		if (!strcmp(q->st->classes.v[i], cls))
			return true;
	return false;
}

static bool obj_kind_ok(const struct query *qy, const struct qobj *o)
{
	if (qy->vlan_only)
		return o->q->st->kind == AST_VLAN;
	if (qy->iface_only)
		return o->q->st->kind == AST_IFACE;
	return true;
}

/*
 * -a / --allow: every interface that has an auto (or allow-CLASS) object, in order of
 * first appearance, with all of its objects, as ifupdown2 walks its table of names.
 */
static void select_all(struct query *qy, struct ptrvec *out)
{
	for (size_t i = 0; i < qy->names.n; i++) {
		const char *name = qy->names.v[i];
		const struct ptrvec *l = strset_get(&qy->objs_by_name, name);
		bool in = false;
		for (size_t k = 0; k < l->n; k++) {
			const struct qobj *o = l->v[k];
			if (o->q->st->kind != AST_IFACE)
				continue;
			in |= qy->allow ? has_class(o->q, qy->allow) : o->q->st->is_auto;
		}
		if (!in || excluded(qy, name))
			continue;
		for (size_t k = 0; k < l->n; k++)
			if (((const struct qobj *)l->v[k])->q->st->kind == AST_IFACE)
				ptrvec_push(&qy->cfg.arena, out, l->v[k]);
	}
}

/* The objects of `name`; false when ifupdown2 knows no such name. */
static bool lookup(struct query *qy, const char *name, struct ptrvec *out)
{
	const struct ptrvec *l = strset_get(&qy->objs_by_name, name);
	bool found = false;
	for (size_t k = 0; l && k < l->n; k++) {
		const struct qobj *o = l->v[k];
		if (!obj_kind_ok(qy, o))
			continue;
		found = true;
		if (!excluded(qy, name))
			ptrvec_push(&qy->cfg.arena, out, (void *)o);
	}
	return found;
}

static json_t *obj_json(const struct qobj *ob)
{
	const struct qstanza *q = ob->q;
	json_t *o = json_object(), *c = json_object();
	json_object_set_new(o, "name", json_string(ob->name));
	if (q->method)
		json_object_set_new(o, "addr_method", json_string(q->method));
	if (q->family)
		json_object_set_new(o, "addr_family", json_string(q->family));
	json_object_set_new(o, "auto", json_boolean(q->st->is_auto));
	for (size_t i = 0; i < q->keys.n; i++) {
		const struct ptrvec *l = q->vals.v[i];
		if (l->n == 1) {
			json_object_set_new(c, q->keys.v[i], json_string(l->v[0]));
		} else {
			json_t *arr = json_array();
			for (size_t k = 0; k < l->n; k++)
				json_array_append_new(arr, json_string(l->v[k]));
			json_object_set_new(c, q->keys.v[i], arr);
		}
	}
	json_object_set_new(o, "config", c);
	return o;
}

/* Python's json module writes \u escapes with lowercase hex digits; jansson with capitals. */
static void lower_escapes(char *s)
{
	for (char *p = s; *p; p++) {
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'u')
			for (int k = 1; k <= 4 && p[k]; k++)
				if (p[k] >= 'A' && p[k] <= 'F')
					p[k] = (char)(p[k] - 'A' + 'a');
		if (!*p)
			break;
	}
}

static int print_json(const struct ptrvec *sel)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < sel->n; i++)
		json_array_append_new(arr, obj_json(sel->v[i]));
	char *s = json_dumps(arr, JSON_INDENT(4) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII);
	json_decref(arr);
	if (!s)
		return -ENOMEM;
	lower_escapes(s);
	puts(s);
	free(s);
	return 0;
}

static void print_native(const struct qstanza *q)
{
	if (q->st->kind == AST_VLAN) {
		printf("vlan %s\n", q->name);
	} else {
		if (q->st->is_auto)
			printf("auto %s\n", q->name);
		printf("iface %s", q->name);
		if (q->family)
			printf(" %s %s", q->family, q->method);
		putchar('\n');
	}
	for (size_t i = 0; i < q->keys.n; i++) {
		const struct ptrvec *l = q->vals.v[i];
		for (size_t k = 0; k < l->n; k++)
			printf("\t%s %s\n", (const char *)q->keys.v[i], (const char *)l->v[k]);
	}
	putchar('\n');
}

struct raw_print {
	struct arena *a;
	const struct ifcc_file *f;
	size_t i;
};

static void print_raw_line(const struct ast_span *sp, void *arg)
{
	struct raw_print *rp = arg;
	const char *t = ast_span_text(rp->a, rp->f, sp);
	printf("%s%s\n", rp->i++ ? "  " : "", t ? t : "");
}

/* -x: the stanza's lines as written (continuations joined), attributes indented by two. */
static void print_raw(struct arena *a, const struct qstanza *q)
{
	struct raw_print rp = {a, q->st->loc.file, 0};
	ast_raw_lines(q->st, print_raw_line, &rp);
}

static void query_usage(FILE *out)
{
	fputs("usage: ifcc query [-i FILE] [-a | IFACE...] [--allow CLASS] [-X PATTERN]\n"
	      "                  [-o native|json] [-x] [-l] [-T iface|vlan]\n",
	      out);
}

static int run(struct query *qy, int argc, char **argv)
{
	struct arena *a = &qy->cfg.arena;
	struct ptrvec sel = {0};
	int nargs = argc - optind;
	if (qy->list && nargs == 0)
		qy->all = true;
	if (!qy->all && !qy->allow && nargs == 0) {
		fprintf(stderr, "error: '-a' option or interface list are required\n");
		return 90;
	}
	if (qy->all && nargs > 0) {
		fprintf(stderr, "error: IFACE list is mutually exclusive with -a option\n");
		return 90;
	}
	if (nargs == 0) {
		select_all(qy, &sel);
		if (sel.n == 0) {
			fprintf(stderr, "error: main exception: no ifaces found matching given "
					"allow lists\n");
			return 1;
		}
	} else {
		struct ptrvec missing = {0};
		for (int i = optind; i < argc; i++) {
			bool found = lookup(qy, argv[i], &sel);
			struct ifcc_range r;
			/*
			 * A name that is no stanza is read as a range, inclusive of its end
			 * (ifupdown2 drops the last member here, a bug ifcc does not copy).
			 */
			if (!found && ifcc_range_parse(argv[i], &r) && ifcc_range_count(&r) <= 65536) {
				for (unsigned long k = 0; k < ifcc_range_count(&r); k++) {
					char *n = ifcc_range_name(a, &r, k);
					if (n)
						found |= lookup(qy, n, &sel);
				}
			}
			if (!found)
				ptrvec_push(a, &missing, argv[i]);
		}
		if (missing.n) {
			fputs("error: main exception: cannot find interfaces:", stderr);
			for (size_t i = 0; i < missing.n; i++)
				fprintf(stderr, " %s", (const char *)missing.v[i]);
			fputc('\n', stderr);
			return 1;
		}
	}
	if (qy->list) {
		struct strset seen = {0};
		for (size_t i = 0; i < sel.n; i++) {
			const struct qobj *o = sel.v[i];
			if (!strset_has(&seen, o->name)) {
				strset_put(a, &seen, o->name, (void *)o->name);
				puts(o->name);
			}
		}
		return 0;
	}
	if (qy->json)
		return print_json(&sel) < 0 ? 1 : 0;
	for (size_t i = 0; i < sel.n; i++) {
		const struct qobj *o = sel.v[i];
		if (!o->start)
			continue; /* a range prints once, as its first member */
		if (qy->raw)
			print_raw(a, o->q);
		else
			print_native(o->q);
	}
	return 0;
}

int cmd_query(int argc, char **argv)
{
	static const struct option opts[] = {
		{"all", no_argument, NULL, 'a'},
		{"interfaces", required_argument, NULL, 'i'},
		{"allow", required_argument, NULL, 'A'},
		{"exclude", required_argument, NULL, 'X'},
		{"format", required_argument, NULL, 'o'},
		{"raw", no_argument, NULL, 'x'},
		{"list", no_argument, NULL, 'l'},
		{"type", required_argument, NULL, 'T'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct query qy = {0};
	ifcc_config_init(&qy.cfg);
	const char *file = DEFAULT_FILE;
	int c, status = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ai:X:o:xlT:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			qy.all = true;
			break;
		case 'i':
			file = optarg;
			break;
		case 'A':
			qy.allow = optarg;
			break;
		case 'X':
			ptrvec_push(&qy.cfg.arena, &qy.exclude, optarg);
			break;
		case 'o':
			if (strcmp(optarg, "json") && strcmp(optarg, "native")) {
				fprintf(stderr, "ifcc query: unknown format '%s' (native or json)\n",
					optarg);
				status = 2;
				goto out;
			}
			qy.json = !strcmp(optarg, "json");
			break;
		case 'x':
			qy.raw = true;
			break;
		case 'l':
			qy.list = true;
			break;
		case 'T':
			if (strcmp(optarg, "vlan") && strcmp(optarg, "iface")) {
				fprintf(stderr, "ifcc query: unknown type '%s' (iface or vlan)\n",
					optarg);
				status = 2;
				goto out;
			}
			qy.vlan_only = !strcmp(optarg, "vlan");
			qy.iface_only = !qy.vlan_only;
			break;
		case 'h':
			query_usage(stdout);
			goto out;
		default:
			query_usage(stderr);
			status = 2;
			goto out;
		}
	}
	int r = ifcc_load_file(&qy.cfg, file);
	if (r == -ENOMEM) {
		fprintf(stderr, "ifcc query: out of memory\n");
		status = 2;
		goto out;
	}
	/* Reading problems go to stderr; like ifquery, they do not change the exit status. */
	diags_sort(&qy.cfg.diags);
	diags_render_text(&qy.cfg.diags, stderr, false);
	if (r < 0) {
		status = 1;
		goto out;
	}
	if (build(&qy) < 0) {
		fprintf(stderr, "ifcc query: out of memory\n");
		status = 2;
		goto out;
	}
	status = run(&qy, argc, argv);
out:
	fflush(stdout);
	ifcc_config_free(&qy.cfg);
	return status;
}
