/*
 * The plan as JSON: {"ops":[{"op", "ifname", ...the object's fields..., "source"}]}, one op
 * per line. The object's fields are those of the snapshot format (docs/state-format.md); a
 * link-set carries only the fields it changes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/plan.h"
#include "state_json.h"

static json_t *object_json(const struct ifcc_op *op)
{
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
	case IFCC_OP_LINK_SET:
	case IFCC_OP_LINK_DEL: {
		struct ifcc_link l = *op->obj.link;
		if (op->kind == IFCC_OP_LINK_SET)
			l.set = op->fields;
		else if (op->kind == IFCC_OP_LINK_DEL)
			l.set = 0;
		l.keep_addresses = false;
		return sj_link(&l);
	}
	case IFCC_OP_ADDR_ADD:
	case IFCC_OP_ADDR_DEL:
		return sj_address(op->obj.addr);
	case IFCC_OP_VLAN_ADD:
	case IFCC_OP_VLAN_DEL:
		return sj_bridge_vlan(op->obj.vlan);
	case IFCC_OP_FDB_ADD:
	case IFCC_OP_FDB_DEL:
		return sj_fdb(op->obj.fdb);
	case IFCC_OP_ROUTE_ADD:
	case IFCC_OP_ROUTE_DEL:
		return sj_route(op->obj.route);
	case IFCC_OP_SYSCTL_SET:
		return sj_sysctl(op->obj.sysctl);
	case IFCC_OP_RULE_SET:
		return sj_fib_rule(op->obj.rule);
	case IFCC_OP__COUNT:
		break;
	}
	return NULL;
}

static json_t *op_json(const struct ifcc_op *op)
{
	json_t *o = json_object(), *obj = object_json(op);
	int r = o && obj ? 0 : -ENOMEM;
	r |= sj_set(o, "op", json_string(ifcc_op_name(op->kind)));
	r |= sj_set(o, "ifname", op->ifname ? json_string(op->ifname) : json_null());
	if (!r) {
		json_object_del(obj, "name");
		json_object_del(obj, "ifname");
		json_object_del(obj, "source");
		r |= json_object_update(o, obj) ? -ENOMEM : 0;
	}
	if (op->replace)
		r |= sj_set(o, "replace", json_true());
	if (op->kind == IFCC_OP_RULE_SET && op->old.rule)
		r |= sj_set(o, "old_priority", json_integer(op->old.rule->priority));
	if (op->source.file)
		r |= sj_put_source(o, &op->source);
	else
		r |= sj_set(o, "source", json_null());
	json_decref(obj);
	if (r) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int ifcc_plan_write_json(const struct ifcc_plan *p, FILE *out)
{
	/* One op per line, written as it is made: a plan of 40,000 ops never sits in memory as
	 * one document. */
	if (fputs("{\"ops\": [", out) == EOF)
		return -EIO;
	for (size_t k = 0; k < p->n; k++) {
		json_t *o = op_json(&p->v[k]);
		if (!o)
			return -ENOMEM;
		/* json_dumpb into one buffer: json_dumpf writes a few bytes per call */
		char buf[2048], *big = NULL;
		size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER;
		size_t n = json_dumpb(o, buf, sizeof(buf), flags);
		const char *text = buf;
		if (n > sizeof(buf)) {
			big = json_dumps(o, flags);
			text = big;
			n = big ? strlen(big) : 0;
		}
		json_decref(o);
		int r = !n || fputs(k ? ",\n  " : "\n  ", out) == EOF || fwrite(text, 1, n, out) != n
		            ? -EIO
		            : 0;
		free(big);
		if (r)
			return r;
	}
	return fputs(p->n ? "\n]}\n" : "]}\n", out) == EOF ? -EIO : 0;
}
