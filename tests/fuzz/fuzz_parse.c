/*
 * libFuzzer target: any bytes through the whole pipeline of `ifcc lint` and `ifcc show`:
 * scanner and grammar (ifcc_load_buffer), the whole-AST checks, lowering to the typed
 * model with all its diagnostics, a walk over the model that formats every typed value,
 * diags_sort, and both renderers (text, with colour for odd sizes, and JSON).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ifcc/check.h"
#include "ifcc/diag.h"
#include "ifcc/frontend.h"
#include "ifcc/keywords.h"
#include "ifcc/model.h"
#include "ifcc/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *sink;

/* Reads every field the model promises, so that bad pointers and lengths show up here. */
static size_t walk_line(const struct ifcc_attr *at, const struct ifcc_line *ln)
{
	char buf[128];
	size_t h = 0;
	for (const char *p = ln->text; *p; p++)
		h += (unsigned char)*p;
	if (!at->kw || !ln->typed)
		return h;
	switch (at->kw->type) {
	case KW_UINT:
		h += (size_t)ln->v.u;
		break;
	case KW_ENUM:
		h += *at->kw->values[ln->v.index] != 0;
		break;
	case KW_IP:
	case KW_CLAGD_BACKUP:
		ifcc_ip_format(&ln->v.ip, buf, sizeof(buf));
		h += buf[0];
		break;
	case KW_IP_OR_WORD:
		if (ln->is_word) {
			h += *at->kw->values[ln->v.index] != 0;
		} else {
			ifcc_ip_format(&ln->v.ip, buf, sizeof(buf));
			h += buf[0];
		}
		break;
	case KW_PREFIX:
		ifcc_prefix_format(&ln->v.prefix, buf, sizeof(buf));
		h += buf[0];
		break;
	case KW_MAC:
		ifcc_mac_format(&ln->v.mac, buf, sizeof(buf));
		h += buf[0];
		break;
	case KW_VLAN_LIST:
		for (unsigned vid = 0; vid < 4096; vid += 97)
			h += ifcc_vlan_set_has(ln->v.vlans, vid);
		break;
	case KW_VNI_MAP:
		for (size_t k = 0; k < ln->v.vni_map.n; k++)
			h += ln->v.vni_map.v[k].vid_first + ln->v.vni_map.v[k].vni_last;
		break;
	case KW_PORT_LIST:
		for (size_t k = 0; k < ln->v.ports.n; k++) {
			const struct ifcc_port *pt = &ln->v.ports.v[k];
			const char *s = pt->name ? pt->name : pt->pattern;
			if (s)
				while (*s)
					h += (unsigned char)*s++;
			h += pt->off + pt->len;
		}
		break;
	case KW_VRF_TABLE:
		h += ln->v.table;
		break;
	case KW_ADDR_VIRTUAL:
		if (!ln->v.av.mac_none) {
			ifcc_mac_format(&ln->v.av.mac, buf, sizeof(buf));
			h += buf[0];
		}
		for (size_t k = 0; k < ln->v.av.nprefixes; k++) {
			ifcc_prefix_format(&ln->v.av.prefixes[k], buf, sizeof(buf));
			h += buf[0];
		}
		break;
	default:
		break;
	}
	return h;
}

static size_t walk_iface(const struct ifcc_model *m, const struct ifcc_iface *i)
{
	size_t h = (size_t)i->kind + i->families + i->vlan_id;
	h += ifcc_kind_name(i->kind)[0];
	if (i->method)
		h += i->method[0];
	h += ifcc_model_find(m, i->name) != NULL;
	for (size_t k = 0; k < i->classes.n; k++)
		h += ((const char *)i->classes.v[k])[0];
	for (size_t k = 0; k < i->attrs.n; k++) {
		const struct ifcc_attr *at = i->attrs.v[k];
		h += ifcc_iface_attr(i, at->name) == at;
		h += ifcc_iface_first(i, at->name) != NULL;
		for (size_t j = 0; j < at->lines.n; j++)
			h += walk_line(at, at->lines.v[j]);
	}
	const struct ifcc_iface *refs[] = {i->master, i->vrf, i->lower};
	for (size_t k = 0; k < 3; k++)
		if (refs[k])
			h += refs[k]->name[0];
	for (size_t k = 0; k < i->ports.n; k++)
		h += ((const struct ifcc_iface *)i->ports.v[k])->name[0];
	return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!sink)
		sink = fopen("/dev/null", "w");
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	/* `source` lines may name real files; keep the fuzzer away from the file system:
	 * with depth 0 every `source` is reported instead of read. */
	cfg.limits.max_depth = 0;
	/* Every other input is cut in two halves parsed at once and lowered on two threads
	 * (parser/split.c), whatever its size. */
	if (size & 2)
		cfg.limits.split_min = 0;
	if (ifcc_load_buffer(&cfg, "fuzz", (const char *)data, size) == 0) {
		ifcc_check_ast(&cfg);
		const struct ifcc_model *m = ifcc_lower(&cfg);
		if (m) {
			size_t h = 0;
			for (size_t k = 0; k < m->ifaces.n; k++)
				h += walk_iface(m, m->ifaces.v[k]);
			for (size_t k = 0; k < m->vlans.n; k++)
				h += walk_iface(m, m->vlans.v[k]);
			if (sink)
				fprintf(sink, "%zu\n", h);
		}
	}
	diags_sort(&cfg.diags);
	if (sink) {
		const struct ifcc_diags *d = &cfg.diags;
		diags_render_text(d, sink, size & 1); /* colour on every other input */
		diags_render_json(&d, 1, sink);
		fflush(sink);
	}
	ifcc_config_free(&cfg);
	return 0;
}
