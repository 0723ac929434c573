#!/usr/bin/env bash
# Plan, apply, dump, plan again: the `ip` rendering of the plan that builds
# tests/plan/netns/vrr-bridge.interfaces from nothing runs in a throwaway network
# namespace; `ifcc state dump` reads the result, and the plan from that dump to the same
# file must be empty (exit 0, no op). Any op is a field where the kernel's state and the
# realised one disagree. This machine's own network is never touched.
#
#   replan.sh IFCC SRCDIR
set -euo pipefail
ifcc=$(realpath "$1")
src=$(realpath "$2")
conf=$src/tests/plan/netns/vrr-bridge.interfaces
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

set +e
"$ifcc" diff -i "$conf" --against-config "$src/tests/plan/scenarios/empty.interfaces" \
	--format=ip > "$work/plan.sh"
rc=$?
set -e
if [ "$rc" != 1 ]; then
	echo "FAIL: ifcc diff --against-config exited $rc, want 1 (a plan)"; exit 1
fi

. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
"${ns[@]}" sh -c '
	set -e
	cd "$2"
	ip link set lo up
	sh plan.sh
	"$1" state dump -o json > dump.json
' sh "$ifcc" "$work"

fail=0
for fmt in text json; do
	set +e
	"$ifcc" diff -i "$conf" --against-state "$work/dump.json" --format=$fmt > "$work/replan.$fmt"
	rc=$?
	set -e
	if [ "$rc" != 0 ]; then
		echo "FAIL: ifcc diff --against-state DUMP --format=$fmt exited $rc, want 0 (no op):"
		cat "$work/replan.$fmt"
		fail=1
	fi
done
if [ "$fail" = 0 ] && { [ -s "$work/replan.text" ] || [ "$(cat "$work/replan.json")" != '{"ops": []}' ]; }; then
	echo "FAIL: exit 0 but ops printed:"; cat "$work/replan.text" "$work/replan.json"; fail=1
fi
[ "$fail" = 0 ] && echo "replan: $(grep -c . "$work/plan.sh") plan lines applied; the replan from the dump has no op"
exit $fail
