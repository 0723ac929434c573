#!/usr/bin/env bash
# dump.sh OUTDIR: the kernel state of the current network namespace as iproute2 shows it
# (JSON), into OUTDIR: links, addresses, bridge VLANs and VLAN tunnels, the FDB, the routes
# of every table (both families, numeric table ids), the policy rules, and the sysctls
# net.ipv{4,6}.conf.*.forwarding, net.ipv6.conf.*.{accept_dad,dad_transmits,enhanced_dad}
# and net.ipv6.conf.*.disable_ipv6 (ifupdown2 sets it on bridge ports). Runs in the guest;
# normalise.py reads the result.
set -euo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "dump.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
out=$1
mkdir -p "$out"
ip -d -j link show >"$out/link.json"
ip -j address show >"$out/addr.json"
bridge -j vlan show >"$out/vlan.json"
bridge -j vlan tunnelshow >"$out/vlantunnel.json"
bridge -j fdb show >"$out/fdb.json"
ip -4 -N -j route show table all >"$out/route4.json"
ip -6 -N -j route show table all >"$out/route6.json"
ip -4 -N -j rule show >"$out/rule4.json"
ip -6 -N -j rule show >"$out/rule6.json"
# One process for every sysctl: "ipv6/conf/IF/NAME:VALUE" lines.
( cd /proc/sys/net && grep -H '' ipv4/conf/*/forwarding ipv6/conf/*/forwarding \
    ipv6/conf/*/accept_dad ipv6/conf/*/dad_transmits ipv6/conf/*/enhanced_dad \
    ipv6/conf/*/disable_ipv6 ) >"$out/sysctl.txt"
