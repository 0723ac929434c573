#!/usr/bin/env bash
# Golden plans: `ifcc diff` of the reload scenarios in scenarios.tsv (the reference lab's
# leaf01 and variants of it, in scenarios/; an old side ending in .json is a state
# snapshot, planned with --against-state), in the three formats. ifcc runs inside
# scenarios/ so that the source locations are relative paths.
#
#   golden.sh IFCC DIR [--regen]
set -uo pipefail
ifcc=$(realpath "$1")
dir=$(realpath "$2")
regen=${3:-}
fail=0 n=0
cd "$dir/scenarios" || exit 2
while IFS=$'\t' read -r name new old want; do
	case $name in ''|'#'*) continue ;; esac
	for fmt in text json ip; do
		n=$((n + 1))
		exp=$dir/expected/$name.$fmt
		against=--against-config
		case $old in *.json) against=--against-state ;; esac
		got=$("$ifcc" diff -i "$new" $against "$old" --format=$fmt 2>/tmp/plan-golden.err)
		rc=$?
		if [ -s /tmp/plan-golden.err ]; then
			echo "FAIL $name ($fmt): stderr:"; cat /tmp/plan-golden.err; fail=$((fail + 1)); continue
		fi
		if [ "$rc" != "$want" ]; then
			echo "FAIL $name ($fmt): exit $rc, want $want"; fail=$((fail + 1)); continue
		fi
		if [ "$regen" = --regen ]; then
			printf '%s\n' "$got" > "$exp"; continue
		fi
		if ! diff -u "$exp" <(printf '%s\n' "$got"); then
			echo "FAIL $name ($fmt): differs from $exp"; fail=$((fail + 1))
		fi
	done
done < "$dir/scenarios.tsv"
# ifcc check against the same snapshot: leaf01 passes, the changed virtual IP fails.
for pair in "check-unchanged leaf01.interfaces 0" "check-vip-changed leaf01-vip-changed.interfaces 1"; do
	read -r name new want <<<"$pair"
	n=$((n + 1))
	exp=$dir/expected/$name.text
	got=$("$ifcc" check -i "$new" --against-state ../../state/leaf01.json -a 2>/tmp/plan-golden.err)
	rc=$?
	if [ -s /tmp/plan-golden.err ] || [ "$rc" != "$want" ]; then
		echo "FAIL $name: exit $rc (want $want), stderr:"; cat /tmp/plan-golden.err
		fail=$((fail + 1)); continue
	fi
	if [ "$regen" = --regen ]; then
		printf '%s\n' "$got" > "$exp"
	elif ! diff -u "$exp" <(printf '%s\n' "$got"); then
		echo "FAIL $name: differs from $exp"; fail=$((fail + 1))
	fi
done
rm -f /tmp/plan-golden.err
echo "plan golden: $((n - fail)) of $n agree"
[ "$fail" = 0 ]
