/*
 * The plan as a shell script of `ip -batch -`, `bridge -batch -` and `sysctl -w` steps,
 * in plan order: running it produces the same result as applying the plan. Consecutive
 * ops for the same tool share one here-document.
 */
#include <stdlib.h>
#include <string.h>

#include "ifcc/plan.h"
#include "link_ops.h"

enum tool { T_NONE, T_IP, T_BRIDGE, T_SYSCTL, T_COMMAND };

static enum tool tool_of(enum ifcc_op_kind k)
{
	switch (k) {
	case IFCC_OP_VLAN_ADD:
	case IFCC_OP_VLAN_DEL:
	case IFCC_OP_FDB_ADD:
	case IFCC_OP_FDB_DEL:
		return T_BRIDGE;
	case IFCC_OP_SYSCTL_SET:
		return T_SYSCTL;
	case IFCC_OP_RULE_SET:
		return T_COMMAND; /* `ip -6` cannot be said inside a batch */
	default:
		return T_IP;
	}
}

static void generic_args(const struct ifcc_link *l, uint32_t f, FILE *out)
{
	char b[32];
	if (f & LF_ADDRESS) {
		ifcc_mac_format(&l->address, b, sizeof(b));
		fprintf(out, " address %s", b);
	}
	if (f & LF_MTU)
		fprintf(out, " mtu %u", l->mtu);
	if (f & LF_ALIAS)
		fprintf(out, " alias \"%s\"", l->alias ? l->alias : "");
	if (f & LF_MASTER) {
		if (l->master)
			fprintf(out, " master %s", l->master);
		else
			fputs(" nomaster", out);
	}
	if (f & LF_ADMIN)
		fputs(l->up ? " up" : " down", out);
}

#define GENERIC (LF_MTU | LF_ADDRESS | LF_ALIAS | LF_ADMIN | LF_MASTER)

static void set_line(const struct ifcc_link *l, uint32_t f, FILE *out)
{
	fprintf(out, "link set dev %s", l->name);
	generic_args(l, f, out);
	fputc('\n', out);
}

/* plan.h, bond_port: down with the other generic fields, the master alone, then up. */
static void bond_port_lines(const struct ifcc_link *l, uint32_t f, bool up, FILE *out)
{
	struct ifcc_link down = *l;
	down.up = false;
	set_line(&down, LF_ADMIN | (f & GENERIC & ~(uint32_t)(LF_ADMIN | LF_MASTER)), out);
	set_line(l, LF_MASTER, out);
	if (up) {
		struct ifcc_link on = *l;
		on.up = true;
		set_line(&on, LF_ADMIN, out);
	}
}

static void link_op(const struct ifcc_op *op, FILE *out)
{
	const struct ifcc_link *l = op->obj.link;
	const struct ifcc_link_ops *ops = link_ops_get(l->kind);
	uint32_t f;
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
		fprintf(out, "link add name %s", l->name);
		if (ops->ip_args)
			ops->ip_args(l, l->set & ~GENERIC, true, out);
		fputc('\n', out);
		f = l->set & GENERIC & ~(l->master ? 0 : LF_MASTER) & ~(uint32_t)LF_BRPORT;
		if (op->bond_port)
			bond_port_lines(l, f, (l->set & LF_ADMIN) && l->up, out);
		else if (f)
			set_line(l, f, out);
		break;
	case IFCC_OP_LINK_SET:
		if (!(op->fields & ~(uint32_t)LF_BRPORT))
			break; /* port flags only: a bridge command */
		if (op->bond_port) {
			bool up = op->fields & LF_ADMIN ? l->up : !op->old.link || op->old.link->up;
			bond_port_lines(l, op->fields, up, out);
			if ((op->fields & ~(GENERIC | LF_BRPORT)) && ops->ip_args) {
				fprintf(out, "link set dev %s", l->name);
				ops->ip_args(l, op->fields & ~(GENERIC | LF_BRPORT), false, out);
				fputc('\n', out);
			}
			break;
		}
		fprintf(out, "link set dev %s", l->name);
		generic_args(l, op->fields & GENERIC, out);
		if ((op->fields & ~(GENERIC | LF_BRPORT)) && ops->ip_args)
			ops->ip_args(l, op->fields & ~(GENERIC | LF_BRPORT), false, out);
		fputc('\n', out);
		break;
	default:
		fprintf(out, "link del dev %s\n", l->name);
		break;
	}
}

static void ip_op(const struct ifcc_op *op, FILE *out)
{
	char a[64], b[64];
	switch (op->kind) {
	case IFCC_OP_ADDR_ADD:
	case IFCC_OP_ADDR_DEL: {
		const struct ifcc_address *x = op->obj.addr;
		ifcc_prefix_format(&x->prefix, a, sizeof(a));
		fprintf(out, "address %s %s dev %s",
		        op->kind == IFCC_OP_ADDR_DEL ? "del"
		        : op->replace                ? "replace"
		                                     : "add",
		        a, x->ifname);
		if (op->kind == IFCC_OP_ADDR_ADD && x->metric)
			fprintf(out, " metric %u", x->metric);
		if (op->kind == IFCC_OP_ADDR_ADD && (x->flags & IFCC_ADDR_NODAD))
			fputs(" nodad", out);
		fputc('\n', out);
		break;
	}
	case IFCC_OP_ROUTE_ADD:
	case IFCC_OP_ROUTE_DEL: {
		const struct ifcc_route *r = op->obj.route;
		ifcc_prefix_format(&r->dst, a, sizeof(a));
		ifcc_ip_format(&r->gateway, b, sizeof(b));
		fprintf(out, "route %s %s via %s", op->kind == IFCC_OP_ROUTE_DEL ? "del" : "replace",
		        a, b);
		if (r->dev)
			fprintf(out, " dev %s", r->dev);
		if (r->vrf)
			fprintf(out, " vrf %s", r->vrf);
		if (r->metric)
			fprintf(out, " metric %u", r->metric);
		if (op->kind == IFCC_OP_ROUTE_ADD && r->onlink)
			fputs(" onlink", out);
		fputc('\n', out);
		break;
	}
	default:
		link_op(op, out);
		break;
	}
}

static void bridge_op(const struct ifcc_op *op, FILE *out)
{
	char m[32];
	if (op->kind == IFCC_OP_VLAN_ADD || op->kind == IFCC_OP_VLAN_DEL) {
		const struct ifcc_bridge_vlan *v = op->obj.vlan;
		bool add = op->kind == IFCC_OP_VLAN_ADD;
		fprintf(out, "vlan %s vid %u dev %s%s%s%s\n", add ? "add" : "del", v->vid, v->ifname,
		        add && v->pvid ? " pvid" : "", add && v->untagged ? " untagged" : "",
		        v->self ? " self" : "");
		if (add && v->tunnel_id)
			fprintf(out, "vlan add dev %s vid %u tunnel_info id %u\n", v->ifname, v->vid,
			        v->tunnel_id);
		return;
	}
	const struct ifcc_fdb *f = op->obj.fdb;
	ifcc_mac_format(&f->mac, m, sizeof(m));
	fprintf(out, "fdb %s %s dev %s", op->kind == IFCC_OP_FDB_DEL ? "del" : "replace", m,
	        f->ifname);
	if (f->vid)
		fprintf(out, " vlan %u", f->vid);
	fprintf(out, "%s%s\n", f->self ? " self" : "", f->master ? " master" : "");
}

/* The bridge port flags a link op sets, as one `bridge link set` command; false if none. */
static bool brport_line(const struct ifcc_op *op, FILE *out)
{
	const struct ifcc_link *l = op->obj.link;
	bool want = (op->kind == IFCC_OP_LINK_SET && (op->fields & LF_BRPORT)) ||
	            (op->kind == IFCC_OP_LINK_ADD && (l->set & LF_BRPORT) && l->master);
	if (!want)
		return false;
	fprintf(out, "bridge link set dev %s", l->name);
	char bp[96];
	ifcc_brport_format(&l->brport, bp, sizeof(bp));
	fprintf(out, "%s", bp);
	fputc('\n', out);
	return true;
}

/* A rule added at its priority, then the one it replaces deleted: the table is looked up
 * all along. */
static void rule_op(const struct ifcc_op *op, FILE *out)
{
	const struct ifcc_fib_rule *ru = op->obj.rule;
	char t[16];
	const char *fam = ru->family == IFCC_AF_INET6 ? "-6" : "-4";
	ifcc_table_format(ru->table, t, sizeof(t));
	fprintf(out, "ip %s rule add priority %u table %s\n", fam, ru->priority, t);
	if (op->old.rule)
		fprintf(out, "ip %s rule del priority %u table %s\n", fam, op->old.rule->priority, t);
}

void ifcc_plan_write_ip(const struct ifcc_plan *p, FILE *out)
{
	enum tool cur = T_NONE;
	fprintf(out, "#!/bin/sh\n# %zu operation%s\nset -e\n", p->n, p->n == 1 ? "" : "s");
	for (size_t k = 0; k < p->n; k++) {
		const struct ifcc_op *op = &p->v[k];
		enum tool t = tool_of(op->kind);
		if (t != cur && (cur == T_IP || cur == T_BRIDGE))
			fputs("EOF\n", out);
		if (t != cur && cur == T_SYSCTL)
			fputc('\n', out);
		if (t != cur && t == T_IP)
			fputs("ip -batch - <<'EOF'\n", out);
		if (t != cur && t == T_BRIDGE)
			fputs("bridge -batch - <<'EOF'\n", out);
		enum tool prev = cur;
		cur = t;
		if (t == T_SYSCTL) /* one sysctl process for a run of settings */
			fprintf(out, "%s %s=%s", t != prev ? "sysctl -qw" : " \\\n   ",
			        op->obj.sysctl->name, op->obj.sysctl->value);
		else if (t == T_BRIDGE)
			bridge_op(op, out);
		else if (t == T_COMMAND)
			rule_op(op, out);
		else
			ip_op(op, out);
		if (t == T_IP && op->kind <= IFCC_OP_LINK_DEL && op->kind != IFCC_OP_LINK_DEL) {
			/* port flags: `bridge link set`, outside the ip batch */
			char *buf = NULL;
			size_t len = 0;
			FILE *mem = open_memstream(&buf, &len);
			bool any = mem && brport_line(op, mem);
			if (mem)
				fclose(mem);
			if (any) {
				fprintf(out, "EOF\n%s", buf);
				cur = T_NONE;
			}
			free(buf);
		}
	}
	if (cur == T_IP || cur == T_BRIDGE)
		fputs("EOF\n", out);
	if (cur == T_SYSCTL)
		fputc('\n', out);
}
