#!/usr/bin/env bash
# smoke.sh: run inside the guest (guest.sh -- bash tests/uml/smoke.sh), never on the host.
#
# Checks in one boot that the guest has every kernel feature ifcc's netlink tests rely on:
# the stand-in ports, a VLAN-aware bridge with VLANs on a port and an SVI, an 802.1Q device,
# an 802.3ad bond with two dummy slaves, a VRF with a slave, a macvlan in private mode, a
# VXLAN device (external, vnifilter) as a bridge port with a VNI, a veth pair into a
# network namespace, and sysctls written and read back. The devices are made with ip and
# bridge (set -e: a command the kernel refuses fails the test at once), then everything is
# read back with `ip -d -j link`, `bridge -j vlan`, `bridge -j vni` and sysctl, and
# asserted in one python3 run (/usr/bin/python3, not a pyenv one). Prints one line per
# check and "N passed, N failed"; exits non-zero if any check fails.
set -euo pipefail

if [ "${IFCC_UML_GUEST:-}" != 1 ]; then
  echo "smoke.sh: not inside a guest.sh guest (IFCC_UML_GUEST unset); refusing to touch this network" >&2
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The stand-ins, as guest.sh made them, before any of them is enslaved.
ip -d -j link show >"$out/links-before.json"

# VLAN-aware bridge; swp1 a trunk port (VLAN 10 tagged, 20 untagged native); SVI br0.10.
ip link add br0 type bridge vlan_filtering 1 vlan_default_pvid 1
ip link set swp1 master br0
bridge vlan add dev swp1 vid 10
bridge vlan add dev swp1 vid 20 pvid untagged
bridge vlan add dev br0 vid 10 self
ip link add link br0 name br0.10 type vlan id 10

# A plain 802.1Q sub-interface.
ip link add link swp2 name swp2.100 type vlan id 100

# An LACP bond over two of the dummy stand-ins.
ip link add bond0 type bond mode 802.3ad miimon 100
ip link set swp3 master bond0
ip link set swp4 master bond0

# A VRF with a slave.
ip link add red type vrf table 1001
ip link set red up
ip link set swp5 master red

# A macvlan in private mode.
ip link add link swp6 name swp6-v0 type macvlan mode private

# A single VXLAN device (EVPN style) as a port of the bridge, with a VNI.
ip link add vxlan0 type vxlan external vnifilter local 10.0.0.1 dstport 4789 nolearning
ip link set vxlan0 master br0
bridge vni add dev vxlan0 vni 10010

# A veth pair with one end in a network namespace.
ip netns add smoke
ip link add veth0 type veth peer name veth1 netns smoke

# Sysctls.
sysctl -q -w net.ipv6.conf.swp7.disable_ipv6=1
sysctl -q -w net.ipv4.conf.all.forwarding=1

ip link set br0 up
ip link set swp1 up

ip -d -j link show >"$out/links.json"
ip -n smoke -d -j link show >"$out/netns-links.json"
bridge -j vlan show >"$out/vlans.json"
bridge -j vni show >"$out/vnis.json"
{
  printf '{"net.ipv6.conf.swp7.disable_ipv6": "%s", ' "$(sysctl -n net.ipv6.conf.swp7.disable_ipv6)"
  printf '"net.ipv4.conf.all.forwarding": "%s", ' "$(sysctl -n net.ipv4.conf.all.forwarding)"
  printf '"net.ipv6.conf.swp8.disable_ipv6": "%s"}\n' "$(sysctl -n net.ipv6.conf.swp8.disable_ipv6)"
} >"$out/sysctl.json"
cat /sys/class/net/bond0/bonding/slaves >"$out/bond-slaves.txt"

/usr/bin/python3 - "$out" <<'EOF'
import json
import sys

d = sys.argv[1]


def load(name):
    with open(f"{d}/{name}") as f:
        return json.load(f)


before = {l["ifname"]: l for l in load("links-before.json")}
links = {l["ifname"]: l for l in load("links.json")}
ns_links = {l["ifname"]: l for l in load("netns-links.json")}
vlans = {p["ifname"]: {v["vlan"]: v.get("flags", []) for v in p["vlans"]}
         for p in load("vlans.json")}
vnis = {p["ifname"]: [v["vni"] for v in p["vnis"]] for p in load("vnis.json")}
sysctl = load("sysctl.json")
with open(f"{d}/bond-slaves.txt") as f:
    bond_slaves = f.read().split()

passed = failed = 0


def kind(l):
    return l.get("linkinfo", {}).get("info_kind")


def data(l):
    return l.get("linkinfo", {}).get("info_data", {})


def slave_kind(l):
    return l.get("linkinfo", {}).get("info_slave_kind")


def check(what, fn):
    global passed, failed
    try:
        ok = bool(fn())
        why = ""
    except Exception as e:  # a missing key or device is a failure, with its name
        ok = False
        why = f" ({type(e).__name__}: {e})"
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}{why}")


ports = [f"swp{i}" for i in range(1, 9)] + ["eth0"]
check("stand-in ports swp1..swp8 and eth0 exist as dummy links",
      lambda: all(kind(before[p]) == "dummy" for p in ports))
check("no stray bond0/dummy0 from module loading",
      lambda: "dummy0" not in before and "bond0" not in before)
check("lo is up", lambda: "UP" in before["lo"]["flags"])

check("br0 is a VLAN-aware bridge",
      lambda: kind(links["br0"]) == "bridge" and data(links["br0"])["vlan_filtering"] == 1)
check("swp1 is a port of br0",
      lambda: links["swp1"]["master"] == "br0" and slave_kind(links["swp1"]) == "bridge")
check("swp1 carries VLAN 10 tagged",
      lambda: 10 in vlans["swp1"] and "PVID" not in vlans["swp1"][10]
      and "Egress Untagged" not in vlans["swp1"][10])
check("swp1 carries VLAN 20 as PVID, untagged",
      lambda: "PVID" in vlans["swp1"][20] and "Egress Untagged" in vlans["swp1"][20])
check("br0 itself has VLAN 10", lambda: 10 in vlans["br0"])
check("SVI br0.10 is an 802.1Q VLAN 10 on br0",
      lambda: kind(links["br0.10"]) == "vlan" and data(links["br0.10"])["id"] == 10
      and links["br0.10"]["link"] == "br0")

check("swp2.100 is an 802.1Q VLAN 100 on swp2",
      lambda: kind(links["swp2.100"]) == "vlan" and data(links["swp2.100"])["id"] == 100
      and data(links["swp2.100"])["protocol"] == "802.1Q" and links["swp2.100"]["link"] == "swp2")

check("bond0 is an 802.3ad bond",
      lambda: kind(links["bond0"]) == "bond" and data(links["bond0"])["mode"] == "802.3ad")
check("swp3 and swp4 are slaves of bond0",
      lambda: all(links[p]["master"] == "bond0" and slave_kind(links[p]) == "bond"
                  for p in ("swp3", "swp4")) and sorted(bond_slaves) == ["swp3", "swp4"])

check("red is a VRF on table 1001",
      lambda: kind(links["red"]) == "vrf" and data(links["red"])["table"] == 1001)
check("swp5 is enslaved to VRF red",
      lambda: links["swp5"]["master"] == "red" and slave_kind(links["swp5"]) == "vrf")

check("swp6-v0 is a macvlan on swp6 in private mode",
      lambda: kind(links["swp6-v0"]) == "macvlan" and data(links["swp6-v0"])["mode"] == "private"
      and links["swp6-v0"]["link"] == "swp6")

check("vxlan0 is an external VXLAN with vnifilter",
      lambda: kind(links["vxlan0"]) == "vxlan" and data(links["vxlan0"])["external"] is True
      and data(links["vxlan0"])["vnifilter"] is True and data(links["vxlan0"])["port"] == 4789)
check("vxlan0 is a port of br0",
      lambda: links["vxlan0"]["master"] == "br0" and slave_kind(links["vxlan0"]) == "bridge")
check("vxlan0 has VNI 10010 in its filter", lambda: vnis["vxlan0"] == [10010])

check("veth0 is in the root namespace, veth1 in netns smoke",
      lambda: kind(links["veth0"]) == "veth" and "veth1" not in links
      and kind(ns_links["veth1"]) == "veth")

check("sysctl net.ipv6.conf.swp7.disable_ipv6 reads back 1",
      lambda: sysctl["net.ipv6.conf.swp7.disable_ipv6"] == "1")
check("sysctl net.ipv6.conf.swp8.disable_ipv6 still 0",
      lambda: sysctl["net.ipv6.conf.swp8.disable_ipv6"] == "0")
check("sysctl net.ipv4.conf.all.forwarding reads back 1",
      lambda: sysctl["net.ipv4.conf.all.forwarding"] == "1")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
EOF
