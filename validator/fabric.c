/*
 * Cross-device rules: what each device offers to them (its MLAG identity, its VRR SVIs,
 * its dual-connected bonds), then the pairing and the per-pair and fabric-wide rules.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fabric.h"

const char *fab_svi_key(struct arena *a, const struct ifcc_iface *i)
{
	if (i->kind == IFK_VLAN && i->has_vlan_id && i->lower && i->lower->kind == IFK_BRIDGE &&
	    i->lower->vlan_aware)
		return arena_printf(a, "VLAN %u", (unsigned)i->vlan_id);
	return i->name;
}

struct ifcc_loc fab_dev_loc(const struct fdev *fd)
{
	const struct ptrvec *files = &fd->dev->cfg->ast.files;
	if (!files->n)
		return (struct ifcc_loc){0};
	return ifcc_loc_span(files->v[0], 0, 0);
}

struct ifcc_loc fab_peer_loc(const struct fdev *fd)
{
	return fd->sys_mac ? ast_attr_loc(fd->sys_mac->src) : fab_dev_loc(fd);
}

const char *fab_vrf_of(const struct ifcc_iface *i)
{
	if (i->vrf)
		return i->vrf->name;
	const struct ifcc_line *ln = ifcc_iface_first_id(i, KWI_VRF);
	if (ln && ln->text && *ln->text)
		return ln->text;
	return i->kind == IFK_VRF ? i->name : "";
}

bool fab_has_address(const struct fdev *fd, const struct ifcc_ip *ip,
		     const struct ifcc_iface **where)
{
	const struct ptrvec *ifs = &fd->dev->model->ifaces;
	for (size_t k = 0; k < ifs->n; k++) {
		const struct ifcc_attr *a = ifcc_iface_attr_id(ifs->v[k], KWI_ADDRESS);
		for (size_t j = 0; a && j < a->lines.n; j++) {
			const struct ifcc_line *ln = a->lines.v[j];
			if (ln->typed && ip_equal(&ln->v.prefix.ip, ip)) {
				if (where)
					*where = ifs->v[k];
				return true;
			}
		}
	}
	return false;
}

struct ifcc_loc fab_token_loc(const struct ifcc_line *ln, size_t n)
{
	const char *s = ln->text;
	if (s != ln->src->value.s)
		return ast_attr_value_loc(ln->src);
	size_t pos = 0, k = 0;
	for (;;) {
		pos += strspn(s + pos, " \t,");
		if (!s[pos])
			return ast_attr_value_loc(ln->src);
		size_t len = strcspn(s + pos, " \t,");
		if (k++ == n)
			return ast_text_loc(&ln->src->value, (uint32_t)pos, (uint32_t)len);
		pos += len;
	}
}

static const struct ifcc_line *typed_first(const struct ifcc_iface *i, enum ifcc_kw_id id)
{
	const struct ifcc_line *ln = ifcc_iface_first_id(i, id);
	return ln && ln->typed && !ln->is_word ? ln : NULL;
}

/* An SVI (or bridge) with at least one virtual IP. */
static bool is_vrr(const struct ifcc_iface *i)
{
	const struct ifcc_attr *av = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
	for (size_t k = 0; av && k < av->lines.n; k++) {
		const struct ifcc_line *ln = av->lines.v[k];
		if (ln->typed && ln->v.av.nprefixes)
			return true;
	}
	return false;
}

static int collect(struct fabric *f, struct fdev *fd)
{
	const struct ptrvec *ifs = &fd->dev->model->ifaces;
	for (size_t k = 0; k < ifs->n; k++) {
		struct ifcc_iface *i = ifs->v[k];
		const struct ifcc_line *ln;
		if (!fd->sys_mac && (ln = typed_first(i, KWI_CLAGD_SYS_MAC)))
			fd->sys_mac = ln;
		if (!fd->backup && (ln = typed_first(i, KWI_CLAGD_BACKUP_IP)))
			fd->backup = ln;
		if (!fd->anycast && (ln = typed_first(i, KWI_CLAGD_VXLAN_ANYCAST_IP)))
			fd->anycast = ln;
		if ((ln = typed_first(i, KWI_CLAG_ID)) && ln->v.u &&
		    ptrvec_push(&f->a, &fd->clag, i) < 0)
			return -ENOMEM;
		bool svi = i->kind == IFK_BRIDGE || (i->kind == IFK_VLAN && i->lower &&
						      i->lower->kind == IFK_BRIDGE);
		if (!svi && !is_vrr(i))
			continue;
		const char *key = fab_svi_key(&f->a, i);
		if (!key || !strset_put(&f->a, &fd->svi_by_key, key, i))
			return -ENOMEM;
		if (is_vrr(i) && !strset_get(&fd->vrr_by_key, key)) {
			if (!strset_put(&f->a, &fd->vrr_by_key, key, i) ||
			    ptrvec_push(&f->a, &fd->vrr, i) < 0)
				return -ENOMEM;
		}
	}
	return 0;
}

int ifcc_validate_fabric(struct ifcc_device *devs, size_t n, const struct ptrvec *forced_pairs,
			 const struct ifcc_validate_opts *o)
{
	struct fabric f = {.n = n, .opts = o};
	arena_init(&f.a);
	int r = 0;
	f.d = n ? arena_alloc(&f.a, n * sizeof(*f.d)) : NULL;
	if (n && !f.d)
		r = -ENOMEM;
	for (size_t k = 0; r == 0 && k < n; k++) {
		struct fdev *fd = &f.d[k];
		fd->dev = &devs[k];
		fd->peer = -1;
		fd->v = (struct vctx){.dev = &devs[k], .opts = o, .d = &devs[k].cfg->diags,
				      .a = &devs[k].cfg->arena};
		if (devs[k].model)
			r = collect(&f, fd);
	}
	if (r == 0)
		r = fab_pair(&f, forced_pairs);
	for (size_t k = 0; r == 0 && k < n; k++) {
		struct fdev *a = &f.d[k];
		if (a->peer < 0 || (size_t)a->peer < k || !a->dev->model ||
		    !f.d[a->peer].dev->model)
			continue;
		/* The later device (the CLI orders them by name) carries disagreements. */
		fab_check_pair_vrr(&f, a, &f.d[a->peer]);
		fab_check_pair_mlag(&f, a, &f.d[a->peer]);
	}
	if (r == 0)
		r = fab_check_addresses(&f);
	if (r == 0)
		r = fab_check_vni_maps(&f);
	arena_free(&f.a);
	return r;
}
