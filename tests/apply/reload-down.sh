#!/usr/bin/env bash
# The down commands of interfaces a reload drops, in a throwaway network namespace: apply
# reload-down/a.interfaces (bra; brb on its veth port vb/vbp; each with pre-down, down and
# post-down commands that log), then reload b.interfaces (brb, vb and vbp removed, bra's
# address changed). The reload runs the recorded commands of brb, vbp and vb only (the
# upper first), pre-down while the links still exist and down, post-down and the
# if-post-down.d scripts after the plan removed them, with their environment; a failing
# one is a warning at its line of a.interfaces; bra, changed but kept, runs none (as
# ifupdown2's reload). `reload -n` runs nothing; `ifcc down` runs the recorded commands,
# not the edited file's, and takes the interface out of the record. A state file without
# the record (written by an older ifcc) is read: the reload removes the links and runs no
# down command, and writes the record.
#
#   reload-down.sh IFCC TOPDIR
set -euo pipefail
ifcc=$(realpath "$1")
dir=$(realpath "$2")/tests/apply/reload-down
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
export LOG=$work/log
fail=0

"${ns[@]}" sh -c '
	ifcc=$1 d=$2 w=$3
	st="--state-file $w/state.json --lock-file $w/lock --scripts-dir $d"
	ip link set lo up
	$ifcc apply -i $d/a.interfaces $st 2> $w/apply.err || echo "apply exit $?" >> $LOG
	echo "== reload -n" >> $LOG
	$ifcc reload -i $d/b.interfaces $st -n > /dev/null 2> $w/dry.err
	echo "reload -n exit $?" >> $LOG
	echo "== reload" >> $LOG
	$ifcc reload -i $d/b.interfaces $st 2> $w/reload.err
	echo "reload exit $?" >> $LOG
	ip -br link show >> $w/links
	cp $w/state.json $w/state-after-reload.json
	echo "== down" >> $LOG
	$ifcc down -i $d/c.interfaces $st bra 2> $w/down.err
	echo "down exit $?" >> $LOG
' sh "$ifcc" "$dir" "$work"

cat > "$work/want" <<'EOW'
== reload -n
reload -n exit 0
== reload
pre-down brb brb inet static stop pre-down 10.9.2.1/24 vb present
pre-down brb second line
down brb stop down gone
down brb IF_POST_DOWN echo "post-down brb $MODE $PHA
post-down brb stop post-down
script if-post-down.d brb stop post-down
script if-post-down.d vbp stop post-down
post-down vb vb stop post-down [] [] veth vbp
script if-post-down.d vb stop post-down
reload exit 0
== down
pre-down bra
down bra
post-down bra
script if-post-down.d bra stop post-down
down exit 0
EOW
if ! diff -u "$work/want" "$LOG"; then
	echo "FAIL: the down commands ran in another order or environment"; fail=1
fi
line=$(grep -n 'post-down exit 3' "$dir/a.interfaces" | cut -d: -f1)
if ! grep -q "a.interfaces:$line:15: warning: brb: post-down command failed (exit 3) \[usercmd-failed\]" "$work/reload.err"; then
	echo "FAIL: the failing post-down is not reported at its recorded line ($line):"
	cat "$work/reload.err"; fail=1
fi
for name in brb vb vbp; do
	if grep -q "^$name[ @]" "$work/links"; then
		echo "FAIL: $name is still there after the reload"; fail=1
	fi
done
/usr/bin/python3 - "$work" <<'PY' || fail=1
import json, sys
w = sys.argv[1]
bad = []
rec = json.load(open(f"{w}/state-after-reload.json")).get("usercmds")
if not rec or rec.get("version") != 1:
    bad.append(f"the state file after the reload has no usercmds record: {rec}")
else:
    names = [i["name"] for i in rec["interfaces"]]
    if names != ["lo", "bra"]:
        bad.append(f"recorded interfaces {names}, want ['lo', 'bra']")
    bra = rec["interfaces"][-1]
    if bra.get("env", {}).get("IF_ADDRESS") != "10.9.1.2/24" or len(bra.get("pre-down", [])) != 1:
        bad.append(f"bra's record is not b.interfaces': {bra}")
rec = json.load(open(f"{w}/state.json")).get("usercmds")
if not rec or [i["name"] for i in rec["interfaces"]] != ["lo"]:
    bad.append(f"after ifcc down bra, the record still names it: {rec}")
for b in bad:
    print("FAIL", b)
sys.exit(1 if bad else 0)
PY

# An older state file: the same apply, the record taken out, then the reload.
: > "$LOG"
"${ns[@]}" sh -c '
	ifcc=$1 d=$2 w=$3
	st="--state-file $w/old.json --lock-file $w/lock --scripts-dir $d"
	ip link set lo up
	$ifcc apply -i $d/a.interfaces $st 2> /dev/null
	/usr/bin/python3 -c "import json, sys; d = json.load(open(sys.argv[1])); d.pop(\"usercmds\"); json.dump(d, open(sys.argv[1], \"w\"))" $w/old.json
	$ifcc reload -i $d/b.interfaces $st 2> $w/old.err
	echo "old-format reload exit $?" >> $LOG
	ip -br link show > $w/old-links
' sh "$ifcc" "$dir" "$work"
if [ "$(cat "$LOG")" != "old-format reload exit 0" ]; then
	echo "FAIL: the reload from an old state file:"; cat "$LOG" "$work/old.err"; fail=1
fi
if grep -q "^brb[ @]" "$work/old-links"; then
	echo "FAIL: the reload from an old state file left brb"; fail=1
fi
if ! grep -q '"usercmds"' "$work/old.json"; then
	echo "FAIL: the reload from an old state file wrote no record"; fail=1
fi
[ "$fail" = 0 ] && echo "reload-down: recorded down commands of removed interfaces as expected"
exit $fail
