#!/usr/bin/python3
"""Write a pair of Cumulus-style MLAG leaf /etc/network/interfaces files.

usage: gen-leaf.py [--pair K] N OUTDIR

Writes OUTDIR/leaf01/interfaces and OUTDIR/leaf02/interfaces, the two peers of
one MLAG pair, in the ifupdown2 dialect as Cumulus Linux 5 renders it (the
reference lab's leaf01/leaf02 are the model):

  - loopback with vxlan-local-tunnelip and clagd-vxlan-anycast-ip,
  - a management VRF and eth0 in it,
  - min(N, 48) server bonds (one swp each) with clag-id and bridge-access,
  - a peerlink bond and peerlink.4094 with the clagd-* attributes (same
    clagd-sys-mac on both peers, different clagd-priority),
  - VRFs RED and BLUE with vrf-table auto,
  - one VXLAN device with bridge-vlan-vni-map for every VLAN,
  - the VLAN-aware bridge br_default with bridge-vids covering every VLAN,
  - N tenant SVIs vlanV (vlan-raw-device br_default, vlan-id V, a per-peer
    address .2/.3, address-virtual 00:00:5e:00:01:01 with the shared gateway
    .1, vrf RED and BLUE alternating) and the two L3-VNI SVIs.

Tenant VLAN ids start at 10 and go upward, skipping 4094 (peerlink.4094) and
the two L3-VNI VLANs (4024, 4036); VLAN 1 is the bridge's pvid.  That leaves
room for 4082 tenant VLANs: a larger N (up to 4094) is clamped to that, with a
note on standard error.  The output depends only on N (and K).

--pair K (0 to 99, default 0) writes the K-th pair of a fabric instead:
leaf(2K+1) and leaf(2K+2), with their own loopbacks, eth0 addresses, bridge MACs,
clagd-sys-mac 44:38:39:ff:00:(K+1), anycast VTEP 10.0.1.(12+K) and unique SVI
addresses .(2+2K)/.(3+2K); the tenant VLANs, VNIs and the VRR gateway .1 with its
MAC are the same on every pair (a distributed anycast gateway, as EVPN fabrics
do).  K = 0 is the default output, byte for byte.

Standard library only; run it with Debian's python3.
"""

import os
import sys

MAX_PORTS = 48              # server-facing swp1..swp48 on a 48+4 port leaf
PEERLINK_PORTS = ("swp49", "swp50")
UPLINKS = ("swp51", "swp52")
PEERLINK_VID = 4094
L3VNI = (("RED", 4024, 4001), ("BLUE", 4036, 4002))   # vrf, vlan, vni
RESERVED = {1, PEERLINK_VID} | {vid for _, vid, _ in L3VNI}
VRR_MAC = "00:00:5e:00:01:01"
SYS_MAC = "44:38:39:ff:00:01"
MIN_N, MAX_N_ARG = 10, 4094
MAX_PAIR = 99

PEERS = {
    # name: (loopback, eth0, other eth0, clagd-priority, bridge/SVI MAC, host part)
    "leaf01": ("10.10.10.1", "172.20.20.11", "172.20.20.12", 1000,
               "44:38:39:22:01:b1", 2),
    "leaf02": ("10.10.10.2", "172.20.20.12", "172.20.20.11", 2000,
               "44:38:39:22:01:b2", 3),
}
ANYCAST_IP = "10.0.1.12"


def tenant_vlans(n):
    """The first n usable VLAN ids from 10 upward."""
    vids = []
    vid = 10
    while len(vids) < n and vid < 4095:
        if vid not in RESERVED:
            vids.append(vid)
        vid += 1
    return vids


def max_tenant_vlans():
    return len(tenant_vlans(4094))


def subnet(vid):
    """A /24 of its own for each VLAN id: 10.(1 + vid / 256).(vid % 256).0/24.

    VLAN 10 gets 10.1.10.0/24, as in the reference lab.
    """
    return "10.%d.%d" % (1 + vid // 256, vid % 256)


def tenant_vni(vid):
    return 10000 + vid


def stanza(out, name, attrs, header=""):
    out.append("")
    out.append("auto %s" % name)
    out.append("iface %s%s" % (name, header))
    for key, value in attrs:
        out.append("    %s %s" % (key, value))


def pair_peers(k):
    """The two peers of pair k: PEERS for k = 0, shifted addresses and names after."""
    if k == 0:
        return PEERS, SYS_MAC, ANYCAST_IP
    peers = {}
    for i in range(2):
        loopback, eth0, other_eth0, priority, mac, host = PEERS["leaf0%d" % (i + 1)]
        num = 2 * k + 1 + i
        shift = lambda ip: "%s.%d" % (ip.rsplit(".", 1)[0], int(ip.rsplit(".", 1)[1]) + 2 * k)
        peers["leaf%02d" % num] = (
            shift(loopback), shift(eth0), shift(other_eth0), priority,
            "%s:%02x" % (mac.rsplit(":", 1)[0], int(mac.rsplit(":", 1)[1], 16) + 2 * k),
            host + 2 * k)
    return peers, "44:38:39:ff:00:%02x" % (k + 1), "10.0.1.%d" % (12 + k)


def render(peer, vlans, peers=PEERS, sys_mac=SYS_MAC, anycast_ip=ANYCAST_IP):
    loopback, eth0, other_eth0, priority, mac, host = peers[peer]
    nports = min(len(vlans), MAX_PORTS)
    l3vids = [vid for _, vid, _ in L3VNI]
    all_vids = " ".join(str(v) for v in vlans + l3vids)

    out = ["# /etc/network/interfaces for %s (generated MLAG leaf, %d tenant VLANs)"
           % (peer, len(vlans))]

    stanza(out, "lo", [
        ("address", loopback + "/32"),
        ("vxlan-local-tunnelip", loopback),
        ("clagd-vxlan-anycast-ip", anycast_ip),
    ], " inet loopback")

    stanza(out, "mgmt", [
        ("address", "127.0.0.1/8"),
        ("address", "::1/128"),
        ("vrf-table", "auto"),
    ])

    stanza(out, "eth0", [
        ("address", eth0 + "/24"),
        ("gateway", "172.20.20.1"),
        ("vrf", "mgmt"),
    ], " inet static")

    for i in range(1, nports + 1):
        stanza(out, "swp%d" % i, [("alias", "to server%02d" % i)])
    for port in PEERLINK_PORTS:
        stanza(out, port, [("alias", "peerlink member")])
    for i, port in enumerate(UPLINKS, 1):
        stanza(out, port, [("alias", "to spine%02d" % i), ("mtu", "9216")])

    for i in range(1, nports + 1):
        stanza(out, "bond%d" % i, [
            ("mtu", "9000"),
            ("bond-slaves", "swp%d" % i),
            ("bond-mode", "802.3ad"),
            ("bond-lacp-bypass-allow", "no"),
            ("clag-id", str(i)),
            ("bridge-access", str(vlans[i - 1])),
        ])

    stanza(out, "peerlink", [
        ("mtu", "9216"),
        ("bond-slaves", " ".join(PEERLINK_PORTS)),
        ("bond-mode", "802.3ad"),
    ])

    stanza(out, "peerlink.%d" % PEERLINK_VID, [
        ("clagd-peer-ip", "linklocal"),
        ("clagd-backup-ip", other_eth0 + " vrf mgmt"),
        ("clagd-sys-mac", sys_mac),
        ("clagd-priority", str(priority)),
    ])

    for vrf, _, _ in L3VNI:
        stanza(out, vrf, [("vrf-table", "auto")])

    vni_map = " ".join(["%d=%d" % (v, tenant_vni(v)) for v in vlans]
                       + ["%d=%d" % (vid, vni) for _, vid, vni in L3VNI])
    stanza(out, "vxlan48", [
        ("bridge-vlan-vni-map", vni_map),
        ("bridge-vids", all_vids),
        ("bridge-learning", "off"),
        ("bridge-arp-nd-suppress", "on"),
    ])

    ports = ["bond%d" % i for i in range(1, nports + 1)] + ["peerlink", "vxlan48"]
    stanza(out, "br_default", [
        ("bridge-ports", " ".join(ports)),
        ("hwaddress", mac),
        ("bridge-vlan-aware", "yes"),
        ("bridge-vids", all_vids),
        ("bridge-pvid", "1"),
    ])

    for i, vid in enumerate(vlans):
        net = subnet(vid)
        stanza(out, "vlan%d" % vid, [
            ("address", "%s.%d/24" % (net, host)),
            ("address-virtual", "%s %s.1/24" % (VRR_MAC, net)),
            ("hwaddress", mac),
            ("vrf", L3VNI[i % 2][0]),
            ("vlan-raw-device", "br_default"),
            ("vlan-id", str(vid)),
        ])

    for vrf, vid, _ in L3VNI:
        stanza(out, "vlan%d_l3" % vid, [
            ("vrf", vrf),
            ("vlan-raw-device", "br_default"),
            ("address-virtual", "none"),
            ("vlan-id", str(vid)),
        ])

    return "\n".join(out) + "\n"


def main(argv):
    pair = 0
    if len(argv) == 5 and argv[1] == "--pair":
        try:
            pair = int(argv[2])
        except ValueError:
            pair = -1
        if not 0 <= pair <= MAX_PAIR:
            sys.stderr.write("gen-leaf.py: --pair wants 0 to %d\n" % MAX_PAIR)
            return 2
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        sys.stderr.write("usage: gen-leaf.py [--pair K] N OUTDIR\n")
        return 2
    try:
        n = int(argv[1])
    except ValueError:
        n = -1
    if not MIN_N <= n <= MAX_N_ARG:
        sys.stderr.write("gen-leaf.py: N must be a number from %d to %d\n"
                         % (MIN_N, MAX_N_ARG))
        return 2
    cap = max_tenant_vlans()
    if n > cap:
        sys.stderr.write("gen-leaf.py: note: only %d tenant VLAN ids are free "
                         "(10-4093 less 4024, 4036); writing %d SVIs\n" % (cap, cap))
        n = cap
    vlans = tenant_vlans(n)
    peers, sys_mac, anycast_ip = pair_peers(pair)
    for peer in peers:
        folder = os.path.join(argv[2], peer)
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "interfaces")
        with open(path + ".tmp", "w", encoding="ascii") as f:
            f.write(render(peer, vlans, peers, sys_mac, anycast_ip))
        os.replace(path + ".tmp", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
