/*
 * MLAG pairing: the pairs named on the command line, then devices sharing one
 * clagd-sys-mac. When more than two devices share one, the true pair is the two whose
 * clagd-backup-ip point at each other (else neighbours by name); the others reuse the MAC
 * by mistake.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fabric.h"

static int find_dev(const struct fabric *f, const char *name)
{
	for (size_t k = 0; k < f->n; k++)
		if (!strcmp(f->d[k].dev->name, name))
			return (int)k;
	return -1;
}

static int force_pairs(struct fabric *f, const struct ptrvec *forced)
{
	for (size_t k = 0; forced && k < forced->n; k++) {
		const struct ifcc_pair_names *p = forced->v[k];
		int a = find_dev(f, p->a), b = find_dev(f, p->b);
		if (a < 0 || b < 0 || a == b || f->d[a].peer >= 0 || f->d[b].peer >= 0)
			return -EINVAL;
		f->d[a].peer = b;
		f->d[b].peer = a;
	}
	return 0;
}

/* X's clagd-backup-ip is an address of Y. */
static bool backs_up_to(const struct fdev *x, const struct fdev *y)
{
	return x->backup && fab_has_address(y, &x->backup->v.ip, NULL);
}

bool fab_likely_peers(const struct fabric *f, size_t a, size_t b)
{
	return f->d[a].peer == (int)b ||
	       (backs_up_to(&f->d[a], &f->d[b]) && backs_up_to(&f->d[b], &f->d[a]));
}

/* Pairs the unpaired members of one sys-MAC group: mutual backup first, then one-way. */
static void pair_by_backup(struct fabric *f, const int *m, size_t k)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k && f->d[m[i]].peer < 0; j++) {
				struct fdev *x = &f->d[m[i]], *y = &f->d[m[j]];
				if (y->peer >= 0)
					continue;
				bool xy = backs_up_to(x, y), yx = backs_up_to(y, x);
				if (pass == 0 ? (xy && yx) : (xy || yx)) {
					x->peer = m[j];
					y->peer = m[i];
				}
			}
}

static bool in_group(const int *m, size_t k, int dev)
{
	for (size_t i = 0; i < k; i++)
		if (m[i] == dev)
			return true;
	return false;
}

static void group(struct fabric *f, const int *m, size_t k)
{
	if (k == 2) {
		if (f->d[m[0]].peer < 0 && f->d[m[1]].peer < 0) {
			f->d[m[0]].peer = m[1];
			f->d[m[1]].peer = m[0];
		}
		return;
	}
	pair_by_backup(f, m, k);
	/* No evidence for the rest: neighbours by name (leaf03, leaf04) are the usual pairs. */
	for (size_t i = 0, prev = k; i < k; i++) {
		if (f->d[m[i]].peer >= 0)
			continue;
		if (prev == k) {
			prev = i;
			continue;
		}
		f->d[m[prev]].peer = m[i];
		f->d[m[i]].peer = m[prev];
		prev = k;
	}
	/* The pair that keeps the MAC: the first one paired inside the group. */
	int anchor = m[0], mate = m[1];
	for (size_t i = 0; i < k; i++)
		if (f->d[m[i]].peer >= 0 && in_group(m, k, f->d[m[i]].peer)) {
			anchor = m[i];
			mate = f->d[m[i]].peer;
			break;
		}
	const struct fdev *an = &f->d[anchor], *mt = &f->d[mate];
	char mac[24];
	ifcc_mac_format(&an->sys_mac->v.mac, mac, sizeof(mac));
	for (size_t i = 0; i < k; i++) {
		struct fdev *x = &f->d[m[i]];
		if (m[i] == anchor || m[i] == mate)
			continue;
		struct ifcc_diag *g = vreport(
			&x->v, "mlag-sys-mac-reused", ast_attr_value_loc(x->sys_mac->src),
			"clagd-sys-mac %s of %s is also the MLAG system MAC of %s and %s; every "
			"MLAG pair needs its own (%zu devices share this one)",
			mac, x->dev->name, an->dev->name, mt->dev->name, k);
		diag_note(x->v.d, g, ast_attr_value_loc(an->sys_mac->src), "%s uses it here",
			  an->dev->name);
	}
}

static int cmp_mac(const void *pa, const void *pb, void *ctx)
{
	const struct fabric *f = ctx;
	int a = *(const int *)pa, b = *(const int *)pb;
	int c = memcmp(f->d[a].sys_mac->v.mac.b, f->d[b].sys_mac->v.mac.b, 6);
	return c ? c : (a > b) - (a < b);
}

int fab_pair(struct fabric *f, const struct ptrvec *forced)
{
	int r = force_pairs(f, forced);
	if (r < 0)
		return r;
	int *idx = arena_alloc(&f->a, (f->n + 1) * sizeof(*idx));
	if (!idx)
		return -ENOMEM;
	size_t m = 0;
	for (size_t k = 0; k < f->n; k++)
		if (f->d[k].sys_mac)
			idx[m++] = (int)k;
	qsort_r(idx, m, sizeof(*idx), cmp_mac, f);
	for (size_t s = 0, e; s < m; s = e) {
		for (e = s + 1; e < m && !memcmp(f->d[idx[s]].sys_mac->v.mac.b,
						 f->d[idx[e]].sys_mac->v.mac.b, 6);
		     e++)
			;
		if (e - s >= 2)
			group(f, idx + s, e - s);
	}
	return 0;
}
