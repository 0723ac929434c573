#!/usr/bin/env bash
# ifcc reload on this machine's kernel, in a throwaway network namespace: apply
# tests/plan/netns/vrr-bridge.interfaces, then reload vrr-bridge-reloaded.interfaces (a
# changed virtual IP on br10, br20 removed from the file). The reload must do exactly:
# the virtual IP's address swapped on br10-v0, br20's macvlan and br20 deleted (they were
# made by the apply, as the state file records); every other link keeps its ifindex and
# stays up; planning again gives nothing; a foreign link is untouched.
#
#   reload.sh IFCC TOPDIR
set -euo pipefail
ifcc=$(realpath "$1")
top=$(realpath "$2")
a=$top/tests/plan/netns/vrr-bridge.interfaces
b=$top/tests/apply/vrr-bridge-reloaded.interfaces
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
"${ns[@]}" sh -c '
	set -e
	ifcc=$1 a=$2 b=$3 w=$4
	st="--state-file $w/state.json --lock-file $w/lock"
	ip link set lo up
	ip link add fx0 type dummy 2>/dev/null || ip link add fx0 type veth peer name fx1
	$ifcc apply -i $a $st
	ip -j link show > $w/links-before.json
	$ifcc reload -i $b $st -n --format=json > $w/plan.json
	$ifcc reload -i $b $st
	ip -j link show > $w/links-after.json
	$ifcc reload -i $b $st -n --format=json > $w/again.json
' sh "$ifcc" "$a" "$b" "$work"
/usr/bin/python3 - "$work" <<'PY'
import json, sys
w = sys.argv[1]
ops = [(o["op"], o["ifname"], o.get("prefix")) for o in json.load(open(f"{w}/plan.json"))["ops"]]
want = [("addr-del", "br10-v0", "10.1.10.1/24"), ("link-del", "br20-v0", None),
        ("link-del", "br20", None), ("addr-add", "br10-v0", "10.1.10.254/24")]
bad = []
if sorted(ops, key=str) != sorted(want, key=str):
    bad.append(f"reload ops {ops}, want {want}")
again = json.load(open(f"{w}/again.json"))["ops"]
if again:
    bad.append(f"planning again gives {len(again)} ops: {again}")
before = {l["ifname"]: l for l in json.load(open(f"{w}/links-before.json"))}
after = {l["ifname"]: l for l in json.load(open(f"{w}/links-after.json"))}
for name in ("br10", "br10-v0", "veth1", "veth1p", "veth2", "veth2p", "fx0", "lo"):
    x, y = before.get(name), after.get(name)
    if not x or not y:
        bad.append(f"{name}: missing before or after the reload")
    elif x["ifindex"] != y["ifindex"] or x["flags"] != y["flags"]:
        bad.append(f"{name}: ifindex/flags {x['ifindex']} {x['flags']} -> {y['ifindex']} {y['flags']}")
for name in ("br20", "br20-v0"):
    if name in after:
        bad.append(f"{name}: still there after the reload")
for b in bad:
    print("FAIL", b)
print(f"reload: {len(ops)} ops as expected" if not bad else f"reload: {len(bad)} problems")
sys.exit(1 if bad else 0)
PY
