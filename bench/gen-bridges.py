#!/usr/bin/python3
"""Writes a traditional-bridge VRR host configuration with N VLAN bridges.

  gen-bridges.py N OUT [--change PERCENT]

Bridge brV (V = 10 .. 10+N-1) has one port, the veth vV (peer vVp), the address
10.X.Y.2/24 and `address-virtual 00:00:5e:00:01:01 10.X.Y.1/24`, the gateway both VRR
peers answer for. With --change P, the virtual IP of every (100/P)-th bridge is .254
instead of .1: the configuration after a P % change. Only this machine's kernel's link
kinds are used (bridge without VLAN filtering, veth, macvlan), so that ifcc, ip -batch and
ifupdown2 can all be timed on it in a network namespace.
"""
import argparse

ap = argparse.ArgumentParser()
ap.add_argument("n", type=int)
ap.add_argument("out")
ap.add_argument("--change", type=int, default=0)
a = ap.parse_args()
step = 100 // a.change if a.change else 0
lines = ["auto lo", "iface lo inet loopback", ""]
for k in range(a.n):
    v = 10 + k
    net = f"10.{100 + v // 256}.{v % 256}"
    vip = ".254" if step and k % step == 0 else ".1"
    lines += [f"auto v{v}", f"iface v{v}", "    link-type veth", f"    veth-peer-name v{v}p", "",
              f"auto v{v}p", f"iface v{v}p", "    link-type veth", f"    veth-peer-name v{v}", "",
              f"auto br{v}", f"iface br{v}", f"    bridge-ports v{v}", "    bridge-stp off",
              f"    address {net}.2/24",
              f"    address-virtual 00:00:5e:00:01:01 {net}{vip}/24", ""]
with open(a.out, "w") as f:
    f.write("\n".join(lines))
