#!/usr/bin/env bash
# ifcc apply on this machine's kernel, in throwaway network namespaces (`unshare -n`; the
# host's own network is never touched). With the traditional-bridge VRR file of
# tests/plan/netns (bridges, veth pairs, VRR macvlans, addresses, FDB entries, sysctls):
#   1. apply -n prints the plan; apply -v prints the same plan and applies it; the kernel
#      then holds the realised state (tests/plan/compare.py); a second apply plans nothing;
#   2. a foreign veth pair with an address, made before, is untouched; ifquery -r shows
#      the running values;
#   3. fault injection: for every op k of the plan, in a fresh namespace, apply with op k
#      failed must exit 1 and leave the kernel exactly as it was (state dumps equal).
#
#   netns.sh IFCC TOPDIR
set -euo pipefail
ifcc=$(realpath "$1")
top=$(realpath "$2")
conf=$top/tests/plan/netns/vrr-bridge.interfaces
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
fail=0
"$ifcc" state realise -i "$conf" -o json > "$work/desired.json"

# 1 and 2: apply, compare, apply again; a foreign pair stays as it was.
"${ns[@]}" sh -c '
	set -e
	ifcc=$1 conf=$2 w=$3
	ip link set lo up
	ip link add fx0 type veth peer name fx1
	ip address add 192.0.2.1/24 dev fx0
	ip link set fx0 up
	ip -j address show dev fx0 > $w/foreign-before.json
	$ifcc apply -i $conf --state-file $w/state.json --lock-file $w/lock -n > $w/plan-n.txt
	$ifcc apply -i $conf --state-file $w/state.json --lock-file $w/lock -v > $w/plan-v.txt
	ip -d -j link show > $w/link.json
	ip -j addr show > $w/addr.json
	bridge -j fdb show > $w/fdb.json
	sysctl -a 2>/dev/null | grep "^net\.ipv[46]\.conf\." > $w/sysctl.txt || true
	ip -j address show dev fx0 > $w/foreign-after.json
	ln -s $ifcc $w/ifquery && $w/ifquery -r -i $conf br10 > $w/running.txt
	$ifcc apply -i $conf --state-file $w/state.json --lock-file $w/lock -n > $w/plan-again.txt
	$ifcc state dump -o json > $w/dump.json
	$ifcc diff -i $conf --against-state $w/dump.json > $w/diff-again.txt && echo 0 > $w/diff-rc || echo $? > $w/diff-rc
' sh "$ifcc" "$conf" "$work"
if ! cmp -s "$work/plan-n.txt" "$work/plan-v.txt"; then
	echo "FAIL: apply -n and apply -v print different plans"; diff "$work/plan-n.txt" "$work/plan-v.txt"; fail=1
fi
[ -s "$work/plan-n.txt" ] || { echo "FAIL: the first plan is empty"; fail=1; }
if [ -s "$work/plan-again.txt" ]; then
	echo "FAIL: a second apply would do:"; cat "$work/plan-again.txt"; fail=1
fi
if [ "$(cat "$work/diff-rc")" != 0 ]; then
	echo "FAIL: ifcc diff against the dump after apply is not empty:"; cat "$work/diff-again.txt"; fail=1
fi
if ! cmp -s "$work/foreign-before.json" "$work/foreign-after.json"; then
	echo "FAIL: the foreign veth fx0 changed"; fail=1
fi
/usr/bin/python3 "$top/tests/plan/compare.py" "$work" || fail=1
if ! grep -qx "	address-virtual 00:00:5e:00:01:0a 10.1.10.1/24 2001:db8:10::1/64" "$work/running.txt" ||
	! grep -qx "	address 10.1.10.2/24 2001:db8:10::2/64" "$work/running.txt"; then
	echo "FAIL: ifquery -r br10 does not show the running values:"; cat "$work/running.txt"; fail=1
fi
ops=$(grep -c '^  [-+~]' "$work/plan-n.txt" || true)
echo "apply: $ops plan lines; second apply: $(grep -c '^  [-+~]' "$work/plan-again.txt" || true)"

# 3: fault injection at every op.
nops=$("${ns[@]}" sh -c 'ip link set lo up; "$1" apply -i "$2" -n --format=json' sh "$ifcc" "$conf" |
	grep -c '"op":' || true)
rolled=0
for ((k = 0; k < nops; k++)); do
	"${ns[@]}" sh -c '
		ifcc=$1 conf=$2 w=$3 k=$4
		ip link set lo up
		ip link add fx0 type veth peer name fx1
		ip address add 192.0.2.1/24 dev fx0
		$ifcc state dump -o json > $w/before.json || exit 3
		$ifcc apply -i $conf --state-file $w/state.json --lock-file $w/lock --fail-op $k 2> $w/err.txt
		echo $? > $w/rc
		$ifcc state dump -o json > $w/after.json || exit 3
	' sh "$ifcc" "$conf" "$work" "$k" || { echo "FAIL: k=$k: dump failed"; fail=1; continue; }
	if [ "$(cat "$work/rc")" != 1 ]; then
		echo "FAIL: k=$k: apply exited $(cat "$work/rc"), want 1"; cat "$work/err.txt"; fail=1; continue
	fi
	if ! /usr/bin/python3 - "$work/before.json" "$work/after.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in a:
    if a[k] != b[k]:
        print(f"  {k} differ after the rollback")
        for x in a[k]:
            if x not in b[k]: print("   -", x)
        for x in b[k]:
            if x not in a[k]: print("   +", x)
        sys.exit(1)
PY
	then
		echo "FAIL: k=$k: the kernel is not as it was"; fail=1; continue
	fi
	rolled=$((rolled + 1))
done
echo "fault injection: $rolled of $nops failure points rolled back to the state before"
[ "$nops" -gt 10 ] || { echo "FAIL: only $nops ops"; fail=1; }
exit $fail
