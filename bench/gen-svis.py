#!/usr/bin/python3
"""Write one MLAG leaf with N VRR SVIs (gen-leaf.py's leaf01), optionally changed.

usage: gen-svis.py [--change PERCENT] N OUT

OUT is gen-leaf.py's leaf01/interfaces for N tenant SVIs, byte for byte: a VLAN-aware
bridge br_default with min(N, 48) server bonds, the peerlink bond, the VXLAN device
vxlan48 mapping every VLAN to a VNI, VRFs RED, BLUE and mgmt, and N SVIs vlanV, each with
its own address 10.X.Y.2/24 and `address-virtual 00:00:5e:00:01:01 10.X.Y.1/24` (so one
macvlan per SVI).

With --change P (1 to 100), the virtual IP of every (100/P)-th tenant SVI (the first,
then every (100/P)-th after it) is 10.X.Y.254/24 instead of .1: the configuration after a
P % change, for a reload.  Everything else stays as it was.

Standard library only; run it with Debian's python3.
"""

import importlib.util
import os
import sys


def load_gen_leaf():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen-leaf.py")
    spec = importlib.util.spec_from_file_location("gen_leaf", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main(argv):
    change = 0
    if len(argv) == 5 and argv[1] == "--change":
        try:
            change = int(argv[2])
        except ValueError:
            change = -1
        if not 1 <= change <= 100:
            sys.stderr.write("gen-svis.py: --change wants 1 to 100\n")
            return 2
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        sys.stderr.write("usage: gen-svis.py [--change PERCENT] N OUT\n")
        return 2
    leaf = load_gen_leaf()
    try:
        n = int(argv[1])
    except ValueError:
        n = -1
    if not leaf.MIN_N <= n <= leaf.MAX_N_ARG:
        sys.stderr.write("gen-svis.py: N must be a number from %d to %d\n"
                         % (leaf.MIN_N, leaf.MAX_N_ARG))
        return 2
    n = min(n, leaf.max_tenant_vlans())
    vlans = leaf.tenant_vlans(n)
    text = leaf.render("leaf01", vlans)
    if change:
        step = max(1, 100 // change)
        for i, vid in enumerate(vlans):
            if i % step:
                continue
            net = leaf.subnet(vid)
            old = "address-virtual %s %s.1/24\n" % (leaf.VRR_MAC, net)
            new = "address-virtual %s %s.254/24\n" % (leaf.VRR_MAC, net)
            if text.count(old) != 1:
                sys.stderr.write("gen-svis.py: cannot find the VRR line of vlan%d\n" % vid)
                return 1
            text = text.replace(old, new)
    out = argv[2]
    with open(out + ".tmp", "w", encoding="ascii") as f:
        f.write(text)
    os.replace(out + ".tmp", out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
