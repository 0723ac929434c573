#!/usr/bin/env bash
# Host-kernel test of the `ip` rendering: the plan that builds netns/vrr-bridge.interfaces
# from nothing runs as a script in a throwaway network namespace, and the state read back
# with `ip -d -j link`, `ip -j addr`, `bridge -j fdb` and sysctl must be the state that
# `ifcc state realise` says the file asks for (compare.py). This machine's own network is
# never touched: everything happens inside `unshare -n`, which ends with the test.
#
#   netns.sh IFCC DIR
set -euo pipefail
ifcc=$(realpath "$1")
dir=$(realpath "$2")
conf=$dir/netns/vrr-bridge.interfaces
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$ifcc" state realise -i "$conf" -o json > "$work/desired.json"
set +e
"$ifcc" diff -i "$conf" --against-config "$dir/scenarios/empty.interfaces" --format=ip \
	> "$work/plan.sh"
rc=$?
set -e
if [ "$rc" != 1 ]; then
	echo "FAIL: ifcc diff exited $rc, want 1 (a plan)"; exit 1
fi

. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
"${ns[@]}" sh -c '
	set -e
	cd "$1"
	ip link set lo up
	sh plan.sh
	ip -d -j link show > link.json
	ip -j addr show > addr.json
	bridge -j fdb show > fdb.json
	sysctl -a 2>/dev/null | grep "^net\.ipv[46]\.conf\." > sysctl.txt || true
' sh "$work"
/usr/bin/python3 "$dir/compare.py" "$work"
