/* Reporting, suppression and small helpers shared by the rules. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ifcc/frontend.h"
#include "ifcc/thread.h"
#include "vctx.h"

void ifcc_validate_opts_init(struct ifcc_validate_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->vrr_mac_lo = (struct ifcc_mac){{0x00, 0x00, 0x5e, 0x00, 0x01, 0x00}};
	o->vrr_mac_hi = (struct ifcc_mac){{0x00, 0x00, 0x5e, 0x00, 0x01, 0xff}};
}

struct ifcc_diag *vreport(struct vctx *v, const char *id, struct ifcc_loc loc, const char *fmt,
			  ...)
{
	const struct ifcc_rule *r = ifcc_rule_find(id);
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return diag_add(v->d, r ? r->severity : IFCC_ERROR, r ? r->id : id, loc, "%s", msg);
}

struct ifcc_loc vline_token_loc(const struct ifcc_line *ln, size_t n)
{
	struct value_token t[16];
	size_t k = value_tokens(ln->text, t, 16);
	if (ln->text != ln->src->value.s || n >= k || n >= 16)
		return ast_attr_value_loc(ln->src);
	return ast_text_loc(&ln->src->value, t[n].off, t[n].len);
}

bool prefix_contains(const struct ifcc_prefix *net, const struct ifcc_ip *ip)
{
	if (net->ip.family != ip->family)
		return false;
	unsigned bits = net->len;
	for (unsigned i = 0; i < bits / 8; i++)
		if (net->ip.addr[i] != ip->addr[i])
			return false;
	if (bits % 8) {
		uint8_t mask = (uint8_t)(0xff << (8 - bits % 8));
		if ((net->ip.addr[bits / 8] & mask) != (ip->addr[bits / 8] & mask))
			return false;
	}
	return true;
}

static bool listed(const char *list, const char *id)
{
	size_t n = strlen(id);
	for (const char *p = list; *p;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		size_t k = strcspn(p, ", \t\r\n");
		if (k == n && !memcmp(p, id, n))
			return true;
		if (k == 0)
			break;
		p += k;
	}
	return false;
}

/* A `# ifcc: disable=A,B` comment on the line just above `loc` names `id`. */
static bool disabled_by_comment(const struct ifcc_loc *loc, const char *id)
{
	if (!loc->file || loc->line < 2)
		return false;
	size_t len;
	const char *line = ifcc_file_line(loc->file, loc->line - 1, &len);
	if (!line)
		return false;
	char buf[512];
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, line, len);
	buf[len] = '\0';
	const char *p = buf;
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '#')
		return false;
	const char *m = strstr(p, "ifcc: disable=");
	return m && listed(m + strlen("ifcc: disable="), id);
}

void ifcc_suppress(struct ifcc_diags *d, const struct ptrvec *disabled)
{
	size_t out = 0;
	d->errors = d->warnings = 0;
	for (size_t i = 0; i < d->list.n; i++) {
		struct ifcc_diag *g = d->list.v[i];
		bool drop = false;
		for (size_t k = 0; disabled && k < disabled->n && !drop; k++)
			drop = g->rule && !strcmp(g->rule, disabled->v[k]);
		if (!drop && g->rule)
			drop = disabled_by_comment(&g->loc, g->rule);
		if (drop)
			continue;
		d->list.v[out++] = g;
		if (g->severity == IFCC_ERROR)
			d->errors++;
		else if (g->severity == IFCC_WARNING)
			d->warnings++;
	}
	d->list.n = out;
}

struct graph_job {
	struct vctx v;
	struct arena arena;
	struct ifcc_diags diags, addr; /* of validate_graph_ifaces, of validate_graph_addresses */
};

static void *run_graph(void *arg)
{
	struct graph_job *g = arg;
	validate_graph_ifaces(&g->v);
	g->v.d = &g->addr;
	validate_graph_addresses(&g->v);
	return NULL;
}

void ifcc_validate_device(const struct ifcc_device *dev, const struct ifcc_validate_opts *o)
{
	struct vctx v = {.dev = dev, .opts = o, .d = &dev->cfg->diags, .a = &dev->cfg->arena};
	if (!dev->model)
		return;
	if (!ifcc_config_big(dev->cfg)) {
		validate_vrr(&v);
		validate_graph(&v);
		validate_mlag(&v);
		return;
	}
	/*
	 * A big configuration: most of the graph rules on a second thread, in an arena and
	 * diagnostic lists of their own; the VRR rules, the graph's cycle and bridge VLAN
	 * checks and the MLAG rules here (about as long, on the N=4000 bench leaf: 0.45 and
	 * 0.47 ms). The rules only read the model. The diagnostics are then put in the order
	 * of one pass: vrr, graph (its interfaces, cycles, bridge VLANs, addresses), mlag.
	 */
	struct graph_job g = {.v = v};
	arena_init_pool(&g.arena, v.a->pool);
	diags_init(&g.diags, &g.arena);
	diags_init(&g.addr, &g.arena);
	g.v.d = &g.diags;
	g.v.a = &g.arena;
	struct ifcc_job job;
	ifcc_job_start(&job, run_graph, &g);
	validate_vrr(&v);
	struct ifcc_diags cycles, vlans, mlag;
	diags_init(&cycles, v.a);
	diags_init(&vlans, v.a);
	diags_init(&mlag, v.a);
	v.d = &cycles;
	validate_graph_cycles(&v);
	v.d = &vlans;
	validate_graph_vlans(&v);
	v.d = &mlag;
	validate_mlag(&v);
	ifcc_job_wait(&job);
	arena_absorb(v.a, &g.arena);
	/* Out of memory here loses diagnostics, never memory: the lists live in the arena. */
	struct ifcc_diags *d = &dev->cfg->diags;
	if (diags_append(d, &g.diags) == 0 && diags_append(d, &cycles) == 0 &&
	    diags_append(d, &vlans) == 0 && diags_append(d, &g.addr) == 0)
		diags_append(d, &mlag);
}
