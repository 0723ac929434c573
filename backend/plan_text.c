/*
 * The plan for people: per interface, in the order the plan first touches it, one line per
 * attribute: `+` added, `-` removed, `~` changed (old → new), each with its source line.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/plan.h"
#include "link_ops.h"

#define COL 52 /* where the source location starts */

struct line {
	FILE *out;
	char buf[512];
	size_t n;
};

static void put(struct line *ln, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct line *ln, const char *fmt, ...)
{
	if (ln->n >= sizeof(ln->buf))
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(ln->buf + ln->n, sizeof(ln->buf) - ln->n, fmt, ap);
	va_end(ap);
	if (k > 0)
		ln->n = ln->n + (size_t)k < sizeof(ln->buf) ? ln->n + (size_t)k : sizeof(ln->buf) - 1;
}

static void end(struct line *ln, const struct ifcc_loc *src)
{
	fputs(ln->buf, ln->out);
	if (src->file)
		fprintf(ln->out, "%*s%s:%u:%u", ln->n < COL ? (int)(COL - ln->n) : 1, "",
		        src->file->path, src->line, src->col);
	fputc('\n', ln->out);
	ln->n = 0;
	ln->buf[0] = '\0';
}

static void mac(const struct ifcc_mac *m, char *b)
{
	ifcc_mac_format(m, b, 18);
}

/* One generic field of link l ("mtu 9000", "master br0", "up"). */
static void field(struct line *ln, const struct ifcc_link *l, uint32_t bit)
{
	char b[64];
	switch (bit) {
	case LF_MTU:
		put(ln, "mtu %u", l->mtu);
		break;
	case LF_ADDRESS:
		mac(&l->address, b);
		put(ln, "hwaddress %s", b);
		break;
	case LF_ALIAS:
		put(ln, "alias \"%s\"", l->alias ? l->alias : "");
		break;
	case LF_ADMIN:
		put(ln, "%s", l->up ? "up" : "down");
		break;
	case LF_MASTER:
		put(ln, "master %s", l->master ? l->master : "none");
		break;
	case LF_BRPORT: {
		char bp[96];
		ifcc_brport_format(&l->brport, bp, sizeof(bp));
		put(ln, "port%s", bp);
		break;
	}
	default:
		break;
	}
}

static const uint32_t generic[] = {LF_MTU, LF_ADDRESS, LF_ALIAS, LF_MASTER, LF_ADMIN, LF_BRPORT};

static void link_line(struct line *ln, const struct ifcc_op *op)
{
	const struct ifcc_link *l = op->obj.link, *old = op->old.link;
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	char d[160] = "";
	if (op->kind != IFCC_OP_LINK_SET) {
		if (ops->describe)
			ops->describe(l, d, sizeof(d));
		put(ln, "  %c link %s%s%s", op->kind == IFCC_OP_LINK_ADD ? '+' : '-', ops->name,
		    *d ? " " : "", d);
		for (size_t k = 0; op->kind == IFCC_OP_LINK_ADD && k < 6; k++)
			if ((l->set & generic[k]) && (generic[k] != LF_MASTER || l->master)) {
				put(ln, ", ");
				field(ln, l, generic[k]);
			}
		end(ln, &op->source);
		return;
	}
	for (size_t k = 0; k < 6; k++) {
		if (!(op->fields & generic[k]))
			continue;
		put(ln, "  ~ ");
		if (old && (old->set & generic[k])) {
			field(ln, old, generic[k]);
			put(ln, " -> ");
		}
		field(ln, l, generic[k]);
		end(ln, &op->source);
	}
	uint32_t kind_bits =
	    op->fields & ~(LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER | LF_BRPORT);
	if (kind_bits && ops->ip_args) {
		/* kind data: shown as the `ip link` arguments that change it */
		char *buf = NULL;
		size_t len = 0;
		FILE *mem = open_memstream(&buf, &len);
		if (mem) {
			ops->ip_args(l, kind_bits, false, mem);
			fclose(mem);
			put(ln, "  ~%s", buf ? buf : "");
			free(buf);
			end(ln, &op->source);
		}
	}
}

static void object_line(struct line *ln, const struct ifcc_op *op)
{
	char a[64], b[64];
	char sign = op->kind == IFCC_OP_SYSCTL_SET || op->replace ||
	                    (op->kind == IFCC_OP_RULE_SET && op->old.rule)
	                ? '~'
	            : (op->kind == IFCC_OP_ADDR_DEL || op->kind == IFCC_OP_VLAN_DEL ||
	               op->kind == IFCC_OP_FDB_DEL || op->kind == IFCC_OP_ROUTE_DEL)
	                ? '-'
	                : '+';
	put(ln, "  %c ", sign);
	switch (op->kind) {
	case IFCC_OP_ADDR_ADD:
	case IFCC_OP_ADDR_DEL:
		ifcc_prefix_format(&op->obj.addr->prefix, a, sizeof(a));
		put(ln, "address %s", a);
		if (op->obj.addr->metric)
			put(ln, " metric %u", op->obj.addr->metric);
		if (op->obj.addr->flags & IFCC_ADDR_NODAD)
			put(ln, " nodad");
		break;
	case IFCC_OP_VLAN_ADD:
	case IFCC_OP_VLAN_DEL: {
		const struct ifcc_bridge_vlan *v = op->obj.vlan;
		put(ln, "vlan %u%s%s%s", v->vid, v->pvid ? " pvid" : "", v->untagged ? " untagged" : "",
		    v->self ? " self" : "");
		if (v->tunnel_id)
			put(ln, " tunnel_id %u", v->tunnel_id);
		break;
	}
	case IFCC_OP_FDB_ADD:
	case IFCC_OP_FDB_DEL:
		mac(&op->obj.fdb->mac, a);
		put(ln, "fdb %s", a);
		if (op->obj.fdb->vid)
			put(ln, " vlan %u", op->obj.fdb->vid);
		put(ln, "%s%s", op->obj.fdb->self ? " self" : "", op->obj.fdb->master ? " master" : "");
		break;
	case IFCC_OP_ROUTE_ADD:
	case IFCC_OP_ROUTE_DEL: {
		const struct ifcc_route *r = op->obj.route;
		ifcc_prefix_format(&r->dst, a, sizeof(a));
		ifcc_ip_format(&r->gateway, b, sizeof(b));
		put(ln, "route %s via %s", a, b);
		if (r->vrf)
			put(ln, " vrf %s", r->vrf);
		if (r->metric)
			put(ln, " metric %u", r->metric);
		if (r->onlink)
			put(ln, " onlink");
		break;
	}
	case IFCC_OP_RULE_SET: {
		const struct ifcc_fib_rule *ru = op->obj.rule;
		ifcc_table_format(ru->table, a, sizeof(a));
		put(ln, "rule %s from all lookup %s priority ", ru->family == IFCC_AF_INET6 ? "ipv6" : "ipv4",
		    a);
		if (op->old.rule)
			put(ln, "%u -> ", op->old.rule->priority);
		put(ln, "%u", ru->priority);
		break;
	}
	case IFCC_OP_SYSCTL_SET:
		put(ln, "sysctl %s ", op->obj.sysctl->name);
		if (op->old.sysctl)
			put(ln, "%s -> ", op->old.sysctl->value);
		put(ln, "%s", op->obj.sysctl->value);
		break;
	default:
		break;
	}
	end(ln, &op->source);
}

struct slot {
	const char *name;
	size_t index, group; /* group: the index of the first op on the same interface */
};

static int by_name(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	int r = strcmp(a->name ? a->name : "", b->name ? b->name : "");
	if (!r && (a->name == NULL) != (b->name == NULL))
		r = a->name ? -1 : 1;
	return r ? r : (a->index > b->index) - (a->index < b->index);
}

/* Whether two slots name different interfaces. */
static bool names_differ(const struct slot *a, const struct slot *b)
{
	if (!a->name || !b->name)
		return a->name != b->name;
	return strcmp(a->name, b->name) != 0;
}

static int by_group(const void *pa, const void *pb)
{
	const struct slot *a = pa, *b = pb;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

void ifcc_plan_write_text(const struct ifcc_plan *p, FILE *out)
{
	struct line ln = {.out = out};
	struct slot *s = calloc(p->n + 1, sizeof(*s));
	if (!s)
		return;
	for (size_t k = 0; k < p->n; k++)
		s[k] = (struct slot){.name = p->v[k].ifname, .index = k};
	qsort(s, p->n, sizeof(*s), by_name);
	for (size_t k = 0; k < p->n; k++)
		s[k].group = !k || names_differ(&s[k - 1], &s[k]) ? s[k].index : s[k - 1].group;
	qsort(s, p->n, sizeof(*s), by_group);
	for (size_t k = 0; k < p->n; k++) {
		const struct ifcc_op *op = &p->v[s[k].index];
		if (!k || s[k].group != s[k - 1].group)
			fprintf(out, "%s:\n", op->ifname ? op->ifname : "(system)");
		if (op->kind <= IFCC_OP_LINK_DEL)
			link_line(&ln, op);
		else
			object_line(&ln, op);
	}
	free(s);
}
