/* Private to the fabric rules: what is known of each device, and the pairing. */
#ifndef IFCC_FABRIC_H
#define IFCC_FABRIC_H

#include "ifcc/strset.h"
#include "vctx.h"

struct fdev {
	struct ifcc_device *dev;
	struct vctx v; /* reports go to this device's queue */
	const struct ifcc_line *sys_mac, *backup, *anycast; /* typed, or NULL */
	int peer;					    /* index of the MLAG peer, or -1 */
	struct ptrvec vrr;				    /* struct ifcc_iface *: VRR SVIs */
	struct strset vrr_by_key;			    /* SVI key -> VRR SVI */
	struct strset svi_by_key;			    /* SVI key -> any SVI or bridge */
	struct ptrvec clag;				    /* struct ifcc_iface *: bonds with clag-id */
};

struct fabric {
	struct arena a; /* working memory, freed when the rules are done */
	struct fdev *d;
	size_t n;
	const struct ifcc_validate_opts *opts;
};

/* "VLAN 10" for an SVI of a VLAN-aware bridge, else the interface name. */
const char *fab_svi_key(struct arena *a, const struct ifcc_iface *i);
/* The first file of the device (line 1): for notes when nothing better is known. */
struct ifcc_loc fab_dev_loc(const struct fdev *fd);
/* Where a device's MLAG identity is written: its clagd-sys-mac, else its first line. */
struct ifcc_loc fab_peer_loc(const struct fdev *fd);
/* The VRF an address of `i` lives in: "" for the default one. */
const char *fab_vrf_of(const struct ifcc_iface *i);
/* An `address` line of the device carries `ip`; *where gets it (may be NULL). */
bool fab_has_address(const struct fdev *fd, const struct ifcc_ip *ip,
		     const struct ifcc_iface **where);
/* Location of the n-th token of a line's value, tokens split at blanks and commas. */
struct ifcc_loc fab_token_loc(const struct ifcc_line *ln, size_t n);

/* Paired, or each one's clagd-backup-ip is an address of the other. */
bool fab_likely_peers(const struct fabric *f, size_t a, size_t b);
/* Pairs the devices (forced pairs first, then clagd-sys-mac) and reports sys-MAC reuse. */
int fab_pair(struct fabric *f, const struct ptrvec *forced);
/* Rules over the two peers of one pair; `b` carries the diagnostics of a disagreement. */
void fab_check_pair_vrr(struct fabric *f, struct fdev *a, struct fdev *b);
void fab_check_pair_mlag(struct fabric *f, struct fdev *a, struct fdev *b);
/* Fabric-wide: one address on two devices; VNI-to-VLAN maps that disagree. */
int fab_check_addresses(struct fabric *f);
int fab_check_vni_maps(struct fabric *f);

#endif
