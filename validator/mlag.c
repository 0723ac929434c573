/*
 * MLAG rules of one device (Cumulus clagd): the peer link sub-interface and its clagd-*
 * settings, the backup address, and clag-id on the dual-connected bonds.
 */
#include <stdio.h>
#include <string.h>

#include "vctx.h"

/* One of the device's own addresses (address, address-virtual, anycast VTEP) equal to ip. */
static bool find_own(const struct ifcc_model *m, const struct ifcc_ip *ip, const char **iface,
		     struct ifcc_loc *loc)
{
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		const struct ifcc_attr *a = ifcc_iface_attr_id(i, KWI_ADDRESS);
		for (size_t j = 0; a && j < a->lines.n; j++) {
			const struct ifcc_line *ln = a->lines.v[j];
			if (ln->typed && ip_equal(&ln->v.prefix.ip, ip)) {
				*iface = i->name;
				*loc = vline_token_loc(ln, 0);
				return true;
			}
		}
		const struct ifcc_attr *av = ifcc_iface_attr_id(i, KWI_ADDRESS_VIRTUAL);
		for (size_t j = 0; av && j < av->lines.n; j++) {
			const struct ifcc_line *ln = av->lines.v[j];
			for (size_t p = 0; ln->typed && p < ln->v.av.nprefixes; p++) {
				if (ip_equal(&ln->v.av.prefixes[p].ip, ip)) {
					*iface = i->name;
					*loc = vline_token_loc(ln, p + 1);
					return true;
				}
			}
		}
		const struct ifcc_line *any = ifcc_iface_first_id(i, KWI_CLAGD_VXLAN_ANYCAST_IP);
		if (any && any->typed && ip_equal(&any->v.ip, ip)) {
			*iface = i->name;
			*loc = vline_token_loc(any, 0);
			return true;
		}
	}
	return false;
}

static void check_sys_mac(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *peer)
{
	const struct ifcc_line *mac = ifcc_iface_first_id(i, KWI_CLAGD_SYS_MAC);
	if (!mac) {
		vreport(v, "clag-peerlink", ast_attr_key_loc(peer->src),
			"peer link %s has clagd-peer-ip but no clagd-sys-mac: clagd needs the "
			"system MAC both peers present to LACP partners; add clagd-sys-mac with "
			"the same unicast MAC on both peers (e.g. 44:38:39:ff:00:01)",
			i->name);
		return;
	}
	if (!mac->typed)
		return; /* the value parser already said why */
	static const uint8_t zero[6];
	bool multicast = mac->v.mac.b[0] & 1, null = !memcmp(mac->v.mac.b, zero, 6);
	if (!multicast && !null)
		return;
	char s[24];
	ifcc_mac_format(&mac->v.mac, s, sizeof(s));
	vreport(v, "clag-peerlink", vline_token_loc(mac, 0),
		"peer link %s: clagd-sys-mac %s is %s; LACP partners need a unicast system "
		"MAC: use one such as 44:38:39:ff:00:01, the same on both peers",
		i->name, s, multicast ? "a multicast MAC (first octet odd)" : "all zeros");
}

static void check_peer_ip(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *peer)
{
	if (!peer->typed || peer->is_word)
		return; /* linklocal */
	const char *owner;
	struct ifcc_loc loc;
	if (!find_own(v->dev->model, &peer->v.ip, &owner, &loc))
		return;
	char ip[64];
	ifcc_ip_format(&peer->v.ip, ip, sizeof(ip));
	struct ifcc_diag *g = vreport(
		v, "clag-peerlink", vline_token_loc(peer, 0),
		"peer link %s: clagd-peer-ip %s is this switch's own address; it must be the "
		"peer switch's address on the peer link (or linklocal)",
		i->name, ip);
	diag_note(v->d, g, loc, "%s has %s here", owner, ip);
}

static void check_peerlink(struct vctx *v, const struct ifcc_iface *i, const struct ifcc_line *peer,
			   const struct ifcc_line **first, const struct ifcc_iface **first_iface)
{
	if (*first) {
		struct ifcc_diag *g = vreport(
			v, "clag-peerlink", ast_attr_key_loc(peer->src),
			"iface %s: a second clagd-peer-ip on this switch (the first is on %s); "
			"clagd runs one peering, over the peer link sub-interface: keep one",
			i->name, (*first_iface)->name);
		diag_note(v->d, g, ast_attr_key_loc((*first)->src), "first clagd-peer-ip");
	} else {
		*first = peer;
		*first_iface = i;
	}
	check_sys_mac(v, i, peer);
	check_peer_ip(v, i, peer);
	if (!ifcc_iface_first_id(i, KWI_CLAGD_BACKUP_IP))
		vreport(v, "clag-backup-missing", ast_attr_key_loc(peer->src),
			"peer link %s has no clagd-backup-ip: if the peer link fails, the peers "
			"cannot tell a dead peer from a broken link and both stay active; add "
			"clagd-backup-ip with the peer's management or loopback address",
			i->name);
}

static void check_backup(struct vctx *v, const struct ifcc_iface *i)
{
	const struct ifcc_line *b = ifcc_iface_first_id(i, KWI_CLAGD_BACKUP_IP);
	if (!b || !b->typed)
		return;
	const char *owner;
	struct ifcc_loc loc;
	if (!find_own(v->dev->model, &b->v.ip, &owner, &loc))
		return;
	char ip[64];
	ifcc_ip_format(&b->v.ip, ip, sizeof(ip));
	struct ifcc_diag *g = vreport(
		v, "clag-backup-self", vline_token_loc(b, 0),
		"iface %s: clagd-backup-ip %s is this switch's own address, so the backup link "
		"reaches itself; use the peer switch's address (e.g. its eth0 or loopback)",
		i->name, ip);
	diag_note(v->d, g, loc, "%s has %s here", owner, ip);
}

static void check_clag_ids(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		const struct ifcc_line *id = ifcc_iface_first_id(i, KWI_CLAG_ID);
		if (i->implicit || i->kind != IFK_BOND || !id || !id->typed || id->v.u == 0)
			continue;
		for (size_t j = 0; j < k; j++) {
			const struct ifcc_iface *o = m->ifaces.v[j];
			const struct ifcc_line *oid = ifcc_iface_first_id(o, KWI_CLAG_ID);
			if (o->implicit || o->kind != IFK_BOND || !oid || !oid->typed ||
			    oid->v.u != id->v.u)
				continue;
			struct ifcc_diag *g = vreport(
				v, "clag-id-duplicate", vline_token_loc(id, 0),
				"bond %s: clag-id %llu is already used by bond %s; each dual-connected "
				"host needs its own clag-id, the same on both peers",
				i->name, (unsigned long long)id->v.u, o->name);
			diag_note(v->d, g, vline_token_loc(oid, 0), "clag-id of %s", o->name);
			break;
		}
	}
}

void validate_mlag(struct vctx *v)
{
	const struct ifcc_model *m = v->dev->model;
	const struct ifcc_line *first = NULL;
	const struct ifcc_iface *first_iface = NULL;
	for (size_t k = 0; k < m->ifaces.n; k++) {
		const struct ifcc_iface *i = m->ifaces.v[k];
		if (i->implicit)
			continue;
		const struct ifcc_line *peer = ifcc_iface_first_id(i, KWI_CLAGD_PEER_IP);
		if (peer)
			check_peerlink(v, i, peer, &first, &first_iface);
		check_backup(v, i);
	}
	check_clag_ids(v);
}
