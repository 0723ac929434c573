/*
 * Segments: the build ops of a plan regrouped interface by interface, so that each
 * interface's user commands can run between its ops and the next interface's, as ifupdown2
 * runs them. The caller says which interface (its position in dependency order) each op
 * belongs to; an op then goes no earlier than the segment of every link it needs: its own
 * link's creation or last change, its master, its lower device, a route's device and VRF;
 * and no earlier than the ops before it on the same link. A link whose master comes later
 * is made or changed in its own segment and enslaved in its master's (split_master).
 * Within a segment the plan's order stays, so a plan that was valid stays valid.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ifcc/plan.h"
#include "plan_int.h"

/*
 * Link name -> the segment where it is made (`made`: what a link stacked on it or
 * enslaved to it needs) and the last segment with an op on it (`last`: what a later op on
 * it needs). Open addressing, FNV-1a.
 */
struct seg_map {
	const char **key;
	uint32_t *made, *last;
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

static uint32_t made_in(const struct seg_map *m, const char *name)
{
	if (!name)
		return 0;
	size_t i = slot(m, name);
	return m->key[i] ? m->made[i] : 0;
}

static uint32_t last_in(const struct seg_map *m, const char *name)
{
	if (!name)
		return 0;
	size_t i = slot(m, name);
	return m->key[i] ? m->last[i] : 0;
}

/* An op on `name` in segment s; made: the op creates the link. */
static void seg_note(struct seg_map *m, const char *name, uint32_t s, bool made)
{
	size_t i = slot(m, name);
	m->key[i] = name;
	if (made)
		m->made[i] = s;
	if (m->last[i] < s)
		m->last[i] = s;
}

static uint32_t max_u(uint32_t a, uint32_t b)
{
	return a > b ? a : b;
}

/* The segment an op goes to, at least `own`, given those of the ops before it (in m). */
static uint32_t place(struct seg_map *m, const struct ifcc_op *op, uint32_t own)
{
	uint32_t s = max_u(own, last_in(m, op->ifname));
	bool add = op->kind == IFCC_OP_LINK_ADD;
	switch (op->kind) {
	case IFCC_OP_LINK_ADD:
	case IFCC_OP_LINK_SET: {
		const struct ifcc_link *l = op->obj.link;
		uint32_t f = add ? l->set : op->fields;
		if ((f & LF_MASTER) && l->master)
			s = max_u(s, made_in(m, l->master));
		s = max_u(s, made_in(m, plan_link_lower(l)));
		if (add && l->kind == LK_VETH && (l->set & VEF_PEER))
			seg_note(m, l->u.veth.peer, s, true);
		break;
	}
	case IFCC_OP_ROUTE_ADD:
		s = max_u(s, max_u(last_in(m, op->obj.route->dev), made_in(m, op->obj.route->vrf)));
		break;
	default:
		break;
	}
	if (op->ifname) /* the ops on one link keep their order */
		seg_note(m, op->ifname, s, add);
	return s;
}

/*
 * An op that gives a link its master, where the master comes in a later segment than the
 * link would without it: split in two, the link made or changed in its own segment and
 * given its master (with its port flags) in the master's, as ifupdown2 enslaves ports
 * while bringing their master up. 0: not split; 1: *own and *enslave set; -ENOMEM.
 */
static int split_master(struct arena *a, struct seg_map *m, const struct ifcc_op *op,
                        uint32_t own, struct ifcc_op *mine, struct ifcc_op *enslave)
{
	if (op->kind != IFCC_OP_LINK_ADD && op->kind != IFCC_OP_LINK_SET)
		return 0;
	const struct ifcc_link *l = op->obj.link;
	uint32_t f = op->kind == IFCC_OP_LINK_ADD ? l->set : op->fields;
	uint32_t ms = l->master && (f & LF_MASTER) ? made_in(m, l->master) : 0;
	uint32_t alone = max_u(max_u(own, last_in(m, op->ifname)), made_in(m, plan_link_lower(l)));
	if (ms <= alone)
		return 0;
	uint32_t moved = LF_MASTER | LF_BRPORT | (op->bond_port ? f & LF_ADMIN : 0);
	*enslave = *op;
	enslave->kind = IFCC_OP_LINK_SET;
	enslave->fields = f & moved;
	*mine = *op;
	mine->bond_port = false;
	if (op->kind == IFCC_OP_LINK_ADD) {
		struct ifcc_link *c = arena_alloc(a, sizeof(*c));
		if (!c)
			return -ENOMEM;
		*c = *l;
		c->set &= ~(uint32_t)(LF_MASTER | LF_BRPORT);
		c->master = NULL;
		mine->obj.link = c;
		enslave->old.link = NULL;
	} else {
		mine->fields = f & ~moved;
	}
	return 1;
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
	size_t n = p->n, cap = 16, w = 0;
	while (cap < 2 * n + 2)
		cap *= 2;
	struct seg_map m = {.key = arena_alloc(a, cap * sizeof(*m.key)),
	                    .made = arena_alloc(a, cap * sizeof(*m.made)),
	                    .last = arena_alloc(a, cap * sizeof(*m.last)),
	                    .mask = cap - 1};
	struct keyed *k = malloc((2 * n + 1) * sizeof(*k));
	if (!m.key || !m.made || !m.last || !k) {
		free(k);
		return -ENOMEM;
	}
	memset(m.key, 0, cap * sizeof(*m.key));
	memset(m.made, 0, cap * sizeof(*m.made));
	memset(m.last, 0, cap * sizeof(*m.last));
	for (size_t i = 0; i < n; i++) {
		const struct ifcc_op *op = &p->v[i];
		if (i < p->teardown) {
			k[w++] = (struct keyed){.op = *op, .seg = 0, .index = i};
			continue;
		}
		uint32_t own = max_u(1, owner(ctx, op));
		struct ifcc_op mine, enslave;
		int r = split_master(a, &m, op, own, &mine, &enslave);
		if (r < 0) {
			free(k);
			return r;
		}
		if (!r) {
			k[w++] = (struct keyed){.op = *op, .seg = place(&m, op, own), .index = i};
			continue;
		}
		if (op->kind == IFCC_OP_LINK_ADD || mine.fields)
			k[w++] = (struct keyed){.op = mine, .seg = place(&m, &mine, own), .index = i};
		k[w++] = (struct keyed){.op = enslave, .seg = place(&m, &enslave, own), .index = i};
	}
	qsort(k, w, sizeof(*k), by_segment);
	struct ifcc_op *v = w > p->cap ? arena_alloc(a, w * sizeof(*v)) : p->v;
	uint32_t *out = arena_alloc(a, (w + 1) * sizeof(*out));
	if (!v || !out) {
		free(k);
		return -ENOMEM;
	}
	for (size_t i = 0; i < w; i++) {
		v[i] = k[i].op;
		out[i] = k[i].seg;
	}
	free(k);
	if (v != p->v) {
		p->v = v;
		p->cap = w;
	}
	p->n = w;
	*segs = out;
	return 0;
}
