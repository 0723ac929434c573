/*
 * The user commands of apply, reload, up and down, phase by phase: every selected
 * interface's pre-up commands (and if-pre-up.d scripts) before the plan runs, its up and
 * post-up ones after it; for down, pre-down before and down, post-down after. Interfaces
 * come in ifupdown2's dependency order: lower devices, ports and VRF slaves before the
 * interfaces on them when going up, the reverse when going down.
 */
#include <stdlib.h>
#include <string.h>

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

int run_phase(const struct ifcc_model *m, char *const *names, size_t n, enum ifcc_phase ph,
              const char *scripts_dir, struct ifcc_diags *d)
{
	size_t count = m->ifaces.n, got = 0;
	const struct ifcc_iface **order = calloc(count + 1, sizeof(*order));
	uint8_t *mark = calloc(count + 1, 1);
	int failed = 0;
	if (!order || !mark) {
		free(order);
		free(mark);
		return -1;
	}
	for (size_t k = 0; k < count; k++)
		visit(m, m->ifaces.v[k], mark, order, &got);
	bool down = ph >= IFCC_PHASE_PRE_DOWN;
	for (size_t k = 0; k < got; k++) {
		const struct ifcc_iface *i = order[down ? got - 1 - k : k];
		if (chosen(i, names, n)) {
			int r = ifcc_usercmds_run(i, ph, scripts_dir, d);
			failed += r > 0 ? r : 0;
		}
	}
	free(order);
	free(mark);
	return failed;
}
