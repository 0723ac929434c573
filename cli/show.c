/* ifcc show: what ifcc understood, one interface at a time, with source locations. */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ifcc/check.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"

#define DEFAULT_FILE "/etc/network/interfaces"

static void show_usage(FILE *out)
{
	fputs("usage: ifcc show [-o text|json] [-i FILE] [IFACE...]\n", out);
}

static json_t *loc_json(const struct ifcc_loc *l)
{
	return json_pack("{s:s, s:i, s:i}", "file", l->file ? l->file->path : "", "line",
			 (int)l->line, "column", (int)l->col);
}

static json_t *vlan_set_json(const struct ifcc_vlan_set *s)
{
	json_t *arr = json_array();
	for (unsigned v = 0; v < 4096; v++) {
		if (!ifcc_vlan_set_has(s, v))
			continue;
		unsigned e = v;
		while (e + 1 < 4096 && ifcc_vlan_set_has(s, e + 1))
			e++;
		json_array_append_new(arr, e == v ? json_integer(v) : json_pack("[i,i]", v, e));
		v = e;
	}
	return arr;
}

/* The typed form of a line, or NULL when it has none (text, or a bad value). */
static json_t *typed_json(const struct ifcc_keyword *kw, const struct ifcc_line *ln)
{
	char buf[128];
	if (!kw || !ln->typed)
		return NULL;
	const union ifcc_value *v = &ln->v;
	switch (kw->type) {
	case KW_UINT:
		return json_integer((json_int_t)v->u);
	case KW_ENUM:
		return json_string(kw->values[v->index]);
	case KW_IP:
	case KW_CLAGD_BACKUP:
		ifcc_ip_format(&v->ip, buf, sizeof(buf));
		return json_string(buf);
	case KW_IP_OR_WORD:
		if (ln->is_word)
			return json_string(kw->values[v->index]);
		ifcc_ip_format(&v->ip, buf, sizeof(buf));
		return json_string(buf);
	case KW_PREFIX:
		ifcc_prefix_format(&v->prefix, buf, sizeof(buf));
		return json_string(buf);
	case KW_MAC:
		ifcc_mac_format(&v->mac, buf, sizeof(buf));
		return json_string(buf);
	case KW_VLAN_LIST:
		return vlan_set_json(v->vlans);
	case KW_VNI_MAP: {
		json_t *arr = json_array();
		for (size_t k = 0; k < v->vni_map.n; k++) {
			const struct ifcc_vni_map_entry *e = &v->vni_map.v[k];
			json_array_append_new(arr, json_pack("{s:[i,i], s:[i,i]}", "vlans",
							     e->vid_first, e->vid_last, "vnis",
							     (json_int_t)e->vni_first,
							     (json_int_t)e->vni_last));
		}
		return arr;
	}
	case KW_PORT_LIST: {
		json_t *arr = json_array();
		for (size_t k = 0; k < v->ports.n; k++) {
			const struct ifcc_port *p = &v->ports.v[k];
			json_array_append_new(arr, p->name ? json_string(p->name)
							   : json_pack("{s:s}", "regex", p->pattern));
		}
		return arr;
	}
	case KW_VRF_TABLE:
		return v->table ? json_integer(v->table) : json_string("auto");
	case KW_ADDR_VIRTUAL: {
		json_t *o = json_object(), *arr = json_array();
		if (v->av.mac_none) {
			json_object_set_new(o, "mac", json_null());
		} else {
			ifcc_mac_format(&v->av.mac, buf, sizeof(buf));
			json_object_set_new(o, "mac", json_string(buf));
		}
		for (size_t k = 0; k < v->av.nprefixes; k++) {
			ifcc_prefix_format(&v->av.prefixes[k], buf, sizeof(buf));
			json_array_append_new(arr, json_string(buf));
		}
		json_object_set_new(o, "addresses", arr);
		return o;
	}
	default:
		return NULL;
	}
}

static json_t *iface_json(const struct ifcc_iface *i)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(i->name));
	json_object_set_new(o, "kind", json_string(ifcc_kind_name(i->kind)));
	json_object_set_new(o, "auto", json_boolean(i->is_auto));
	json_object_set_new(o, "implicit", json_boolean(i->implicit));
	if (!i->implicit)
		json_object_set_new(o, "location", loc_json(&i->loc));
	if (i->families) {
		json_t *f = json_array();
		if (i->families & 1)
			json_array_append_new(f, json_string("inet"));
		if (i->families & 2)
			json_array_append_new(f, json_string("inet6"));
		json_object_set_new(o, "families", f);
	}
	if (i->method)
		json_object_set_new(o, "method", json_string(i->method));
	if (i->kind == IFK_BRIDGE)
		json_object_set_new(o, "vlan_aware", json_boolean(i->vlan_aware));
	if (i->master)
		json_object_set_new(o, "master", json_string(i->master->name));
	if (i->vrf)
		json_object_set_new(o, "vrf", json_string(i->vrf->name));
	if (i->lower)
		json_object_set_new(o, "lower", json_string(i->lower->name));
	if (i->has_vlan_id)
		json_object_set_new(o, "vlan_id", json_integer(i->vlan_id));
	if (i->ports.n) {
		json_t *p = json_array();
		for (size_t k = 0; k < i->ports.n; k++)
			json_array_append_new(p, json_string(((struct ifcc_iface *)i->ports.v[k])->name));
		json_object_set_new(o, "ports", p);
	}
	json_t *attrs = json_array();
	for (size_t k = 0; k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		json_t *a = json_object(), *lines = json_array();
		json_object_set_new(a, "name", json_string(at->name));
		json_object_set_new(a, "known", json_boolean(at->kw != NULL));
		for (size_t j = 0; j < at->lines.n; j++) {
			const struct ifcc_line *ln = at->lines.v[j];
			json_t *l = json_object();
			json_object_set_new(l, "text", json_string(ln->text));
			json_t *t = typed_json(at->kw, ln);
			if (t)
				json_object_set_new(l, "value", t);
			if (at->kw && at->kw->multi == KW_FIRST_LINE && j > 0)
				json_object_set_new(l, "ignored", json_true());
			struct ifcc_loc kl = ast_attr_key_loc(ln->src);
			json_object_set_new(l, "location", loc_json(&kl));
			json_array_append_new(lines, l);
		}
		json_object_set_new(a, "lines", lines);
		json_array_append_new(attrs, a);
	}
	json_object_set_new(o, "attributes", attrs);
	return o;
}

static void iface_text(const struct ifcc_iface *i, FILE *out)
{
	fprintf(out, "%s: %s%s%s", i->name, ifcc_kind_name(i->kind),
		i->kind == IFK_BRIDGE && i->vlan_aware ? " (vlan-aware)" : "",
		i->is_auto ? ", auto" : "");
	if (i->implicit)
		fputs(", implicit (no stanza)", out);
	else
		fprintf(out, ", %s:%u:%u", i->loc.file->path, i->loc.line, i->loc.col);
	fputc('\n', out);
	if (i->method || i->families)
		fprintf(out, "  family %s%s%s method %s\n", i->families & 1 ? "inet" : "",
			i->families == 3 ? "+" : "", i->families & 2 ? "inet6" : "",
			i->method ? i->method : "static");
	if (i->lower)
		fprintf(out, "  lower %s%s\n", i->lower->name,
			i->lower->kind == IFK_BRIDGE ? " (SVI)" : "");
	if (i->has_vlan_id)
		fprintf(out, "  vlan-id %u\n", i->vlan_id);
	if (i->master)
		fprintf(out, "  master %s (%s)\n", i->master->name, ifcc_kind_name(i->master->kind));
	if (i->vrf)
		fprintf(out, "  vrf %s\n", i->vrf->name);
	if (i->ports.n) {
		fputs("  ports", out);
		for (size_t k = 0; k < i->ports.n; k++)
			fprintf(out, " %s", ((struct ifcc_iface *)i->ports.v[k])->name);
		fputc('\n', out);
	}
	for (size_t k = 0; k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		for (size_t j = 0; j < at->lines.n; j++) {
			const struct ifcc_line *ln = at->lines.v[j];
			const char *note = !at->kw					  ? " (unknown)"
					   : !ln->typed && at->kw->type != KW_TEXT ? " (bad value)"
					   : at->kw->multi == KW_FIRST_LINE && j > 0 ? " (ignored)"
										   : "";
			struct ifcc_loc kl = ast_attr_key_loc(ln->src);
			fprintf(out, "  %-24s %s%s  [%u:%u]\n", at->name, ln->text, note, kl.line,
				kl.col);
		}
	}
}

int cmd_show(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"interfaces", required_argument, NULL, 'i'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	const char *file = DEFAULT_FILE;
	bool json = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:i:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (strcmp(optarg, "json") && strcmp(optarg, "text")) {
				fprintf(stderr, "ifcc show: unknown output '%s' (text or json)\n",
					optarg);
				return 2;
			}
			json = !strcmp(optarg, "json");
			break;
		case 'i':
			file = optarg;
			break;
		case 'h':
			show_usage(stdout);
			return 0;
		default:
			show_usage(stderr);
			return 2;
		}
	}
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	int r = ifcc_load_file(&cfg, file);
	struct ifcc_model *m = r < 0 ? NULL : ifcc_lower(&cfg);
	int status = 0;
	if (!m) {
		diags_render_text(&cfg.diags, stderr, false);
		ifcc_config_free(&cfg);
		return 2;
	}
	/* Problems go to stderr so that stdout stays the model. */
	diags_render_text(&cfg.diags, stderr, false);
	json_t *arr = json ? json_array() : NULL;
	for (int k = optind; k < argc; k++) {
		if (!ifcc_model_find(m, argv[k])) {
			fprintf(stderr, "ifcc show: %s: no such interface in %s\n", argv[k], file);
			status = 1;
		}
	}
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		bool wanted = optind >= argc;
		for (int j = optind; j < argc && !wanted; j++)
			wanted = !strcmp(argv[j], i->name);
		if (!wanted)
			continue;
		if (json)
			json_array_append_new(arr, iface_json(i));
		else
			iface_text(i, stdout);
	}
	if (json) {
		json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(arr);
	}
	ifcc_config_free(&cfg);
	return status;
}
