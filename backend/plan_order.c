/*
 * Segments: the build ops of a plan regrouped interface by interface, so that each
 * interface's user commands can run between its ops and the next interface's, as ifupdown2
 * runs them. The caller says which interface (its position in dependency order) each op
 * belongs to; an op then goes no earlier than the segment of every link it needs: its own
 * link's creation or last change, its master, its lower device, a route's device and VRF;
 * and no earlier than the ops before it on the same link. Within a segment the plan's
 * order stays, so a plan that was valid stays valid.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/plan.h"
#include "plan_int.h"

/* Link name -> segment: open addressing, FNV-1a. */
struct seg_map {
	const char **key;
	uint32_t *seg;
	size_t mask;
};

static uint32_t fnv(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static size_t slot(const struct seg_map *m, const char *name)
{
	size_t i = fnv(name) & m->mask;
	while (m->key[i] && strcmp(m->key[i], name))
		i = (i + 1) & m->mask;
	return i;
}

static uint32_t seg_of(const struct seg_map *m, const char *name)
{
	if (!name)
		return 0;
	size_t i = slot(m, name);
	return m->key[i] ? m->seg[i] : 0;
}

static void seg_raise(struct seg_map *m, const char *name, uint32_t s)
{
	size_t i = slot(m, name);
	m->key[i] = name;
	if (m->seg[i] < s)
		m->seg[i] = s;
}

static uint32_t max_u(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* The segment op k goes to, given those of the ops before it (recorded in m). */
static uint32_t place(struct seg_map *m, const struct ifcc_op *op, uint32_t own)
{
	uint32_t s = max_u(own, seg_of(m, op->ifname));
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
	case IFCC_OP_LINK_SET: {
		const struct ifcc_link *l = op->obj.link;
		uint32_t f = op->kind == IFCC_OP_LINK_ADD ? l->set : op->fields;
		if ((f & LF_MASTER) && l->master)
			s = max_u(s, seg_of(m, l->master));
		s = max_u(s, seg_of(m, plan_link_lower(l)));
		seg_raise(m, l->name, s);
		if (op->kind == IFCC_OP_LINK_ADD && l->kind == LK_VETH && (l->set & VEF_PEER))
			seg_raise(m, l->u.veth.peer, s);
		break;
	}
	case IFCC_OP_ROUTE_ADD:
		s = max_u(s, max_u(seg_of(m, op->obj.route->dev), seg_of(m, op->obj.route->vrf)));
		break;
	default:
		break;
	}
	if (op->ifname) /* the ops on one link keep their order */
		seg_raise(m, op->ifname, s);
	return s;
}

struct keyed {
	struct ifcc_op op;
	uint32_t seg;
	size_t index;
};

static int by_segment(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->seg != b->seg)
		return a->seg < b->seg ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

int ifcc_plan_segment(struct arena *a, struct ifcc_plan *p,
                      uint32_t (*owner)(void *ctx, const struct ifcc_op *op), void *ctx,
                      uint32_t **segs)
{
	size_t n = p->n, cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	struct seg_map m = {.key = arena_alloc(a, cap * sizeof(*m.key)),
	                    .seg = arena_alloc(a, cap * sizeof(*m.seg)),
	                    .mask = cap - 1};
	struct keyed *k = malloc((n + 1) * sizeof(*k));
	uint32_t *out = arena_alloc(a, (n + 1) * sizeof(*out));
	if (!m.key || !m.seg || !k || !out) {
		free(k);
		return -ENOMEM;
	}
	memset(m.key, 0, cap * sizeof(*m.key));
	memset(m.seg, 0, cap * sizeof(*m.seg));
	for (size_t i = 0; i < n; i++) {
		uint32_t s = 0;
		if (i >= p->teardown)
			s = max_u(1, place(&m, &p->v[i], owner(ctx, &p->v[i])));
		k[i] = (struct keyed){.op = p->v[i], .seg = s, .index = i};
	}
	qsort(k, n, sizeof(*k), by_segment);
	for (size_t i = 0; i < n; i++) {
		p->v[i] = k[i].op;
		out[i] = k[i].seg;
	}
	free(k);
	*segs = out;
	return 0;
}
