/*
 * ifcc check: the configuration against what is (the running kernel, or a state
 * snapshot), one line per attribute with [pass] or [fail] the way
 * `ifquery --check` prints it. The verdicts come from the plan: an attribute line fails
 * when an op would change what it configures, passes when what it configures is there,
 * and gets no verdict when it configures nothing ifcc models (clagd-*, user commands).
 * Exit 0: everything passes; 1: something fails; 2: error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "ifcc/frontend.h"
#include "ifcc/model.h"
#include "ifcc/netlink.h"
#include "ifcc/plan.h"
#include "ifcc/state.h"

#define DEFAULT_FILE "/etc/network/interfaces"

enum verdict { V_NONE, V_PASS, V_FAIL };
static const char *const verdict_text[] = {"", "[pass]", "[fail]"};

/* Attributes that configure a field of the interface's own link. */
static const struct {
	const char *attr;
	int kind; /* -1: any kind */
	uint32_t bits;
} link_fields[] = {
    {"mtu", -1, LF_MTU},
    {"hwaddress", -1, LF_ADDRESS},
    {"alias", -1, LF_ALIAS},
    {"link-down", -1, LF_ADMIN},
    {"vrf", -1, LF_MASTER},
    {"vlan-id", LK_VLAN, VLF_ID},
    {"vlan-raw-device", LK_VLAN, VLF_LOWER},
    {"vlan-protocol", LK_VLAN, VLF_PROTOCOL},
    {"bond-mode", LK_BOND, BOF_MODE},
    {"bond-miimon", LK_BOND, BOF_MIIMON},
    {"bond-lacp-rate", LK_BOND, BOF_LACP_RATE},
    {"bond-xmit-hash-policy", LK_BOND, BOF_XMIT_HASH},
    {"bond-min-links", LK_BOND, BOF_MIN_LINKS},
    {"vrf-table", LK_VRF, VRF_TABLE},
    {"vxlan-id", LK_VXLAN, VXF_VNI},
    {"vxlan-local-tunnelip", LK_VXLAN, VXF_LOCAL},
    {"vxlan-port", LK_VXLAN, VXF_PORT},
    {"vxlan-learning", LK_VXLAN, VXF_LEARNING},
    {"bridge-vlan-aware", LK_BRIDGE, BRF_VLAN_FILTERING},
    {"bridge-stp", LK_BRIDGE, BRF_STP},
    {"veth-peer-name", LK_VETH, VEF_PEER},
};

struct checker {
	const struct ifcc_state *des;
	const struct ifcc_plan *plan;
	bool any_fail;
};

static bool same_loc(const struct ifcc_loc *a, const struct ifcc_loc *b)
{
	return a->file && a->file == b->file && a->line == b->line && a->col == b->col;
}

static bool str_eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* The plan creates the link: it is missing. */
static bool link_missing(const struct checker *c, const char *name)
{
	for (size_t k = 0; k < c->plan->n; k++)
		if (c->plan->v[k].kind == IFCC_OP_LINK_ADD && str_eq(c->plan->v[k].ifname, name))
			return true;
	return false;
}

/* Bits of link `name` that some link-set changes. */
static uint32_t link_changes(const struct checker *c, const char *name)
{
	uint32_t f = 0;
	for (size_t k = 0; k < c->plan->n; k++)
		if (c->plan->v[k].kind == IFCC_OP_LINK_SET && str_eq(c->plan->v[k].ifname, name))
			f |= c->plan->v[k].fields;
	return f;
}

/* Some port of `master` is to be moved into it (or out of it). */
static bool ports_change(const struct checker *c, const char *master)
{
	for (size_t k = 0; k < c->plan->n; k++) {
		const struct ifcc_op *op = &c->plan->v[k];
		if (op->kind == IFCC_OP_LINK_SET && (op->fields & LF_MASTER) &&
		    (str_eq(op->obj.link->master, master) ||
		     (op->old.link && str_eq(op->old.link->master, master))))
			return true;
	}
	return false;
}

static bool op_at(const struct checker *c, const struct ifcc_loc *loc)
{
	for (size_t k = 0; k < c->plan->n; k++)
		if (same_loc(&c->plan->v[k].source, loc))
			return true;
	return false;
}

#define ANY_SOURCE(arr, loc)                                                                       \
	({                                                                                         \
		bool f_ = false;                                                                   \
		for (size_t k_ = 0; k_ < (arr).n && !f_; k_++)                                     \
			f_ = same_loc(&(arr).v[k_].source, (loc));                                 \
		f_;                                                                                \
	})

/* Something of the desired state comes from this line. */
static bool object_at(const struct checker *c, const struct ifcc_loc *loc)
{
	const struct ifcc_state *s = c->des;
	return ANY_SOURCE(s->links, loc) || ANY_SOURCE(s->addresses, loc) ||
	       ANY_SOURCE(s->bridge_vlans, loc) || ANY_SOURCE(s->fdb, loc) ||
	       ANY_SOURCE(s->routes, loc) || ANY_SOURCE(s->sysctls, loc);
}

static enum verdict line_verdict(const struct checker *c, const struct ifcc_iface *i,
                                 const struct ifcc_link *l, const struct ifcc_attr *at,
                                 const struct ifcc_line *ln)
{
	for (size_t k = 0; k < sizeof(link_fields) / sizeof(*link_fields); k++) {
		if (strcmp(link_fields[k].attr, at->name))
			continue;
		if (!l || (link_fields[k].kind >= 0 && (int)l->kind != link_fields[k].kind))
			break;
		return link_changes(c, i->name) & link_fields[k].bits ? V_FAIL : V_PASS;
	}
	if (l && (!strcmp(at->name, "bridge-ports") || !strcmp(at->name, "bond-slaves")))
		return ports_change(c, i->name) ? V_FAIL : V_PASS;
	struct ifcc_loc loc = ast_attr_key_loc(ln->src);
	if (op_at(c, &loc))
		return V_FAIL;
	return object_at(c, &loc) ? V_PASS : V_NONE;
}

static void print_iface(struct checker *c, const struct ifcc_iface *i, FILE *out)
{
	const struct ifcc_link *l = ifcc_state_find_link(c->des, i->name);
	char head[512];
	int n = snprintf(head, sizeof(head), "iface %s", i->name);
	if (i->method && n > 0 && (size_t)n < sizeof(head))
		snprintf(head + n, sizeof(head) - (size_t)n, " %s %s",
		         i->families & 2 && !(i->families & 1) ? "inet6" : "inet", i->method);
	if (i->is_auto)
		fprintf(out, "auto %s\n", i->name);
	if (l && link_missing(c, i->name)) {
		/* as ifquery: a missing device gets one verdict and no attribute lines */
		fprintf(out, "%-65s %8s\n\n", head, verdict_text[V_FAIL]);
		c->any_fail = true;
		return;
	}
	/* the verdicts first: the interface line fails when any of its lines does */
	enum verdict worst = op_at(c, &i->loc) ? V_FAIL : V_PASS;
	for (size_t a = 0; a < i->attrs.n; a++) {
		const struct ifcc_attr *at = i->attrs.v[a];
		for (size_t k = 0; k < at->lines.n; k++)
			if (line_verdict(c, i, l, at, at->lines.v[k]) == V_FAIL)
				worst = V_FAIL;
	}
	fprintf(out, "%-65s %8s\n", head, verdict_text[worst]);
	for (size_t a = 0; a < i->attrs.n; a++) {
		const struct ifcc_attr *at = i->attrs.v[a];
		for (size_t k = 0; k < at->lines.n; k++) {
			const struct ifcc_line *ln = at->lines.v[k];
			char text[512];
			snprintf(text, sizeof(text), "%s %s", at->name, ln->text ? ln->text : "");
			fprintf(out, "\t%-55s %10s\n", text,
			        verdict_text[line_verdict(c, i, l, at, ln)]);
		}
	}
	fputc('\n', out);
	c->any_fail |= worst == V_FAIL;
}

static void check_usage(FILE *out)
{
	fputs("usage: ifcc check [-i FILE] [--against-state SNAPSHOT.json] [-a | IFACE...]\n"
	      "  each interface of FILE and each of its attribute lines with [pass] when what it\n"
	      "  configures is there, [fail] when it is not (no verdict: nothing ifcc models);\n"
	      "  exit 1 when anything fails\n",
	      out);
}

static bool selected(const struct ifcc_iface *i, bool all, char **names, size_t n)
{
	if (i->implicit || i->kind == IFK_BRIDGE_VLAN)
		return false;
	if (!n)
		return !all || i->is_auto;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(names[k], i->name))
			return true;
	return false;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"interfaces", required_argument, NULL, 'i'},
	    {"all", no_argument, NULL, 'a'},
	    {"against-state", required_argument, NULL, 's'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	const char *file = DEFAULT_FILE, *snapshot = NULL;
	bool all = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "i:ah", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			file = optarg;
			break;
		case 'a':
			all = true;
			break;
		case 's':
			snapshot = optarg;
			break;
		case 'h':
			check_usage(stdout);
			return 0;
		default:
			check_usage(stderr);
			return 2;
		}
	}
	struct ifcc_config cfg;
	ifcc_config_init(&cfg);
	struct arena a;
	struct ifcc_diags d;
	arena_init(&a);
	diags_init(&d, &a);
	int status = 2;
	struct ifcc_model *m = ifcc_load_file(&cfg, file) < 0 ? NULL : ifcc_lower(&cfg);
	struct ifcc_state *des = m && !cfg.diags.errors ? ifcc_realise(&cfg, m) : NULL, *act = NULL;
	diags_render_text(&cfg.diags, stderr, false);
	FILE *in = des && snapshot ? (strcmp(snapshot, "-") ? fopen(snapshot, "r") : stdin) : NULL;
	if (des && snapshot && !in)
		fprintf(stderr, "ifcc check: %s: %s\n", snapshot, strerror(errno));
	if (des && !snapshot) { /* the running kernel, read over netlink */
		if (ifcc_state_dump(&a, &act, &d) < 0)
			act = NULL;
		diags_render_text(&d, stderr, false);
	}
	if (in) {
		int r = ifcc_state_read_json(&a, in, &act, &d);
		if (in != stdin)
			fclose(in);
		diags_render_text(&d, stderr, false);
		if (r < 0)
			act = NULL;
	}
	struct ifcc_plan p;
	struct ifcc_plan_opts po = {.actual_is_kernel = true};
	struct ifcc_diags pd;
	diags_init(&pd, &a);
	if (act && ifcc_plan_build(&a, des, act, &po, &p, &pd) == 0) {
		struct checker ck = {.des = des, .plan = &p};
		for (size_t k = 0; k < m->ifaces.n; k++)
			if (selected(m->ifaces.v[k], all, argv + optind, (size_t)(argc - optind)))
				print_iface(&ck, m->ifaces.v[k], stdout);
		status = ck.any_fail ? 1 : 0;
	} else if (act) {
		fputs("ifcc check: out of memory\n", stderr);
	}
	ifcc_config_free(&cfg);
	arena_free(&a);
	return status;
}
