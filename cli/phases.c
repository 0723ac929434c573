/*
 * The user commands of apply, reload, up and down, phase by phase: every selected
 * interface's pre-up commands (and if-pre-up.d scripts) before the plan runs, its up and
 * post-up ones after it; for down, pre-down before and down, post-down after. Interfaces
 * come in ifupdown2's dependency order: lower devices, ports and VRF slaves before the
 * interfaces on them when going up, the reverse when going down. The down phases can also
 * run from a record (the state file's), for interfaces whose stanza is gone.
 */
#include <stdlib.h>
#include <string.h>

#include "ifcc/arena.h"

#include "cli.h"

/* Depth-first: what i stands on first. mark: 0 new, 1 on the path, 2 done. */
static void visit(const struct ifcc_model *m, const struct ifcc_iface *i, uint8_t *mark,
                  const struct ifcc_iface **order, size_t *n)
{
	if (mark[i->index])
		return;
	mark[i->index] = 1;
	if (i->lower)
		visit(m, i->lower, mark, order, n);
	for (size_t k = 0; k < i->ports.n; k++)
		visit(m, i->ports.v[k], mark, order, n);
	if (i->kind == IFK_VRF)
		for (size_t k = 0; k < m->ifaces.n; k++) {
			const struct ifcc_iface *s = m->ifaces.v[k];
			if (s->vrf == i)
				visit(m, s, mark, order, n);
		}
	mark[i->index] = 2;
	order[(*n)++] = i;
}

static bool chosen(const struct ifcc_iface *i, char *const *names, size_t n)
{
	if (i->implicit || i->kind == IFK_BRIDGE_VLAN)
		return false;
	if (!n)
		return true;
	for (size_t k = 0; k < n; k++)
		if (!strcmp(names[k], i->name))
			return true;
	return false;
}

const struct ifcc_iface **iface_order(const struct ifcc_model *m, size_t *got)
{
	size_t count = m->ifaces.n;
	const struct ifcc_iface **order = calloc(count + 1, sizeof(*order));
	uint8_t *mark = calloc(count + 1, 1);
	*got = 0;
	if (order && mark)
		for (size_t k = 0; k < count; k++)
			visit(m, m->ifaces.v[k], mark, order, got);
	free(mark);
	if (!mark) {
		free(order);
		return NULL;
	}
	return order;
}

int run_phase(const struct ifcc_model *m, char *const *names, size_t n, enum ifcc_phase ph,
              const char *scripts_dir, struct ifcc_diags *d)
{
	size_t got;
	const struct ifcc_iface **order = iface_order(m, &got);
	int failed = 0;
	if (!order)
		return -1;
	bool down = ph >= IFCC_PHASE_PRE_DOWN;
	for (size_t k = 0; k < got; k++) {
		const struct ifcc_iface *i = order[down ? got - 1 - k : k];
		if (chosen(i, names, n)) {
			int r = ifcc_usercmds_run(i, ph, scripts_dir, d);
			failed += r > 0 ? r : 0;
		}
	}
	free(order);
	return failed;
}

int down_record_of(struct arena *a, const struct ifcc_model *m, struct ifcc_down_record *out)
{
	size_t got;
	const struct ifcc_iface **order = iface_order(m, &got);
	*out = (struct ifcc_down_record){.present = true};
	out->v = order ? arena_alloc(a, (got + 1) * sizeof(*out->v)) : NULL;
	int r = out->v ? 0 : -1;
	for (size_t k = 0; !r && k < got; k++)
		if (chosen(order[k], NULL, 0))
			r = ifcc_down_rec_from_iface(a, order[k], &out->v[out->n++]) < 0 ? -1 : 0;
	free(order);
	return r;
}

static bool named(const char *name, char *const *names, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!strcmp(names[k], name))
			return true;
	return false;
}

int run_down_phase(const struct ifcc_down_record *r, char *const *names, size_t n,
                   enum ifcc_phase ph, const char *scripts_dir, struct ifcc_diags *d)
{
	int failed = 0;
	for (size_t k = r->n; k-- > 0;)
		if (!names || named(r->v[k].name, names, n)) {
			int g = ifcc_usercmds_run_rec(&r->v[k], ph, scripts_dir, d);
			if (g < 0)
				return -1;
			failed += g;
		}
	return failed;
}
