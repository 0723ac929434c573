#!/usr/bin/env bash
# User commands and if-*.d scripts, and ifupdown2's command names, in a throwaway network
# namespace: ifup runs, interface by interface in dependency order, pre-up, that
# interface's part of the plan, up, the if-up.d scripts and post-up (br7's are done before
# br8 is made), with IFACE, LOGICAL, ADDRFAM, METHOD, MODE, PHASE and
# IF_* set; a failing command is a warning against its line; ifdown runs pre-down, down,
# post-down and the if-post-down.d scripts; -n and ifquery run nothing; ifreload without
# -a or --allow exits 90; a held lock makes ifup exit 89.
#
#   usercmds.sh IFCC TOPDIR
set -euo pipefail
ifcc=$(realpath "$1")
dir=$(realpath "$2")/tests/apply/usercmds
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in ifup ifdown ifreload ifquery; do ln -s "$ifcc" "$work/$n"; done
. "$(dirname "${BASH_SOURCE[0]}")/../lib/netns.sh"
export LOG=$work/log
opts="--scripts-dir $dir --state-file $work/state.json --lock-file $work/lock"
"${ns[@]}" sh -c '
	w=$1 d=$2 opts=$3
	ip link set lo up
	$w/ifup -a -i $d/interfaces -n > /dev/null
	$w/ifquery -a -i $d/interfaces > /dev/null
	echo "== ifup" >> $LOG
	$w/ifup -a -i $d/interfaces $opts 2> $w/up.err; echo "ifup exit $?" >> $LOG
	echo "== ifdown" >> $LOG
	$w/ifdown -i $d/interfaces $opts br7 2> $w/down.err; echo "ifdown exit $?" >> $LOG
	$w/ifreload -i $d/interfaces $opts 2> /dev/null; echo "ifreload without -a exit $?" >> $LOG
' sh "$work" "$dir" "$opts"
cat > "$work/want" <<'EOW'
== ifup
pre-up br7 br7 inet static start pre-up br7:not-yet
up 10.7.0.1/24 none 10.7.0.1/24 br8:not-yet
script if-up.d br7 start up
post-up br7
script if-up.d br8 start up
post-up br8 br8:made
ifup exit 0
== ifdown
pre-down br7 stop pre-down
down br7
post-down br7 stop
script if-post-down.d br7 stop post-down
ifdown exit 0
ifreload without -a exit 90
EOW
fail=0
if ! diff -u "$work/want" "$LOG"; then
	echo "FAIL: the commands ran in another order or environment"; fail=1
fi
if ! grep -q "interfaces:8:13: warning: br7: post-up command failed (exit 1) \[usercmd-failed\]" "$work/up.err"; then
	echo "FAIL: the failing post-up is not reported against its line:"; cat "$work/up.err"; fail=1
fi
# the lock: held by another instance, ifup exits 89 (a private lock file, so that test
# runs side by side do not meet on /run/network/.lock)
flock "$work/lock" sleep 3 &
sleep 0.5
set +e
"${ns[@]}" "$work/ifup" -a -i "$dir/interfaces" --state-file "$work/state.json" \
	--lock-file "$work/lock" --no-scripts 2> "$work/lock.err"
rc=$?
set -e
wait
if [ "$rc" != 89 ]; then
	echo "FAIL: ifup with the lock held exited $rc, want 89"; cat "$work/lock.err"; fail=1
fi
[ "$fail" = 0 ] && echo "usercmds: order, environment, failures, names and lock as expected"
exit $fail
