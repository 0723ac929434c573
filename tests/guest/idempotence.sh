#!/usr/bin/env bash
# idempotence.sh IFCC PORTS FILE...   (in the guest: tests/uml/guest.sh)
# For each FILE, in a fresh network namespace with the stand-in ports PORTS (dummies) and
# an empty /run/network (so no state file of another run: `unshare -n -m`):
#   - `ifcc apply -n --format=json` before the first apply prints exactly what
#     `ifcc apply -v --format=json` then prints and applies (the two outputs are compared);
#   - apply -v exits 0;
#   - after it, `ifcc apply -n --format=json` prints an empty op list and
#     `ifcc diff -i FILE` exits 0.
# And in a second fresh namespace, the dry run as a shell script (`ifcc diff --format=ip`:
# ip -batch, bridge -batch, sysctl) run by sh: it has as many operations as apply -n, it
# exits 0 too (the script did all that apply does).
# And in a third, with an if-up.d script (so that the plan runs interface by interface,
# each interface's scripts between its ops and the next's): apply -n and apply -v print
# the same plan, the apply exits 0, the script ran once per interface with a stanza, with
# MODE=start and PHASE=up, once that interface's link was made, in dependency order, and
# `ifcc diff -i FILE` then exits 0.
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "idempotence.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
# In a new namespace: an empty /run/network (its own state file), lo up, the ports.
fresh_ns() {
  mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network || exit 1
  { echo "link set lo up"; for p in $ports; do echo "link add $p type dummy"; done; } | ip -batch - || exit 1
}
if [ "${1:-}" = --inner ]; then # in the namespace: IFCC PORTS FILE OUT
  ifcc=$2 ports=$3 file=$4 out=$5
  fresh_ns
  "$ifcc" apply -n --format=json -i "$file" >"$out/n.json" 2>"$out/n.err"; echo $? >"$out/n.rc"
  "$ifcc" apply -v --format=json -i "$file" >"$out/v.json" 2>"$out/v.err"; echo $? >"$out/v.rc"
  "$ifcc" apply -n --format=json -i "$file" >"$out/again.json" 2>"$out/again.err"; echo $? >"$out/again.rc"
  "$ifcc" diff -i "$file" >"$out/diff.txt" 2>&1; echo $? >"$out/diff.rc"
  exit 0
fi
if [ "${1:-}" = --inner-scripts ]; then # in the namespace: IFCC PORTS FILE OUT
  ifcc=$2 ports=$3 file=$4 out=$5
  fresh_ns
  mkdir -p "$out/scripts/if-up.d"
  printf '#!/bin/sh\necho "$IFACE $MODE $PHASE $(ip link show dev "$IFACE" >/dev/null 2>&1 && echo made)" >> "%s/ran"\n' \
    "$out" >"$out/scripts/if-up.d/50-log"
  chmod +x "$out/scripts/if-up.d/50-log"
  s=(--scripts-dir "$out/scripts")
  "$ifcc" apply -n --format=json "${s[@]}" -i "$file" >"$out/sn.json" 2>"$out/sn.err"
  "$ifcc" apply -v --format=json "${s[@]}" -i "$file" >"$out/sv.json" 2>"$out/sv.err"; echo $? >"$out/sv.rc"
  "$ifcc" diff -i "$file" >"$out/sdiff.txt" 2>&1; echo $? >"$out/sdiff.rc"
  exit 0
fi
if [ "${1:-}" = --inner-ip ]; then # in the namespace: IFCC PORTS FILE OUT
  ifcc=$2 ports=$3 file=$4 out=$5
  fresh_ns
  "$ifcc" diff --format=ip -i "$file" >"$out/plan.sh" 2>"$out/plan.err"
  sh "$out/plan.sh" >"$out/sh.out" 2>&1; echo $? >"$out/sh.rc"
  "$ifcc" diff -i "$file" >"$out/ipdiff.txt" 2>&1; echo $? >"$out/ipdiff.rc"
  exit 0
fi
ifcc=$(realpath "$1") ports=$2
shift 2
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $name: $*"; fail=1; }
nops() { /usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["ops"]))' "$1" 2>/dev/null || echo "?"; }
for file in "$@"; do
  name=$(basename "$file")
  out=$work/$name
  mkdir -p "$out"
  if ! unshare -n -m bash "${BASH_SOURCE[0]}" --inner "$ifcc" "$ports" "$file" "$out"; then
    bad "could not set up a network namespace"; continue
  fi
  if ! unshare -n -m bash "${BASH_SOURCE[0]}" --inner-ip "$ifcc" "$ports" "$file" "$out"; then
    bad "could not set up a network namespace"; continue
  fi
  if ! unshare -n -m bash "${BASH_SOURCE[0]}" --inner-scripts "$ifcc" "$ports" "$file" "$out"; then
    bad "could not set up a network namespace"; continue
  fi
  n=$(nops "$out/n.json")
  cmp -s "$out/sn.json" "$out/sv.json" || bad "with scripts, apply -n and apply -v print different plans"
  [ "$(cat "$out/sv.rc")" = 0 ] || { bad "with scripts, apply exited $(cat "$out/sv.rc"):"; sed 's/^/    /' "$out/sv.err"; }
  [ "$(cat "$out/sdiff.rc")" = 0 ] || { bad "after the apply with scripts, diff exits $(cat "$out/sdiff.rc"):"; head -n 10 "$out/sdiff.txt"; }
  stanzas=$(grep -c '^iface ' "$file")
  ran=$(cut -d' ' -f1 "$out/ran" 2>/dev/null | sort -u | wc -l)
  grep -qv ' start up made$' "$out/ran" &&
    bad "the if-up.d script ran without MODE=start, PHASE=up or before its link was made: $(grep -v ' start up made$' "$out/ran" | head -n 3)"
  # dependency order: ports before their bond and bridge, a VLAN's lower before it, VRF
  # slaves before the VRF
  at() { grep -n "^$1 " "$out/ran" | head -n 1 | cut -d: -f1; }
  for pair in swp49:peerlink swp1:bond1 bond1:br_default peerlink:peerlink.4094 \
              br_default:vlan10 vlan10:RED eth0:mgmt; do
    a=$(at "${pair%%:*}") b=$(at "${pair##*:}")
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] ||
      bad "the if-up.d script ran for ${pair##*:} (line ${b:-none}) before ${pair%%:*} (line ${a:-none})"
  done
  [ "$ran" = "$stanzas" ] && [ "$(wc -l < "$out/ran")" = "$stanzas" ] ||
    bad "the if-up.d script ran $(wc -l < "$out/ran" 2>/dev/null) times for $ran interfaces, want once for each of $stanzas"
  if [ "$(cat "$out/sh.rc")" != 0 ]; then
    bad "the ip script of the plan exited $(cat "$out/sh.rc"):"; tail -n 5 "$out/sh.out"
  fi
  if [ "$(cat "$out/ipdiff.rc")" != 0 ]; then
    bad "after the ip script, ifcc diff exits $(cat "$out/ipdiff.rc"):"; head -n 10 "$out/ipdiff.txt"
  fi
  ipn=$(sed -n 's/^# \([0-9]*\) operations*$/\1/p' "$out/plan.sh")
  [ "$ipn" = "$n" ] || bad "the ip script has $ipn operations, apply -n $n"
  [ "$(cat "$out/n.rc")" = 0 ] || { bad "apply -n exited $(cat "$out/n.rc")"; cat "$out/n.err"; }
  if ! cmp -s "$out/n.json" "$out/v.json"; then
    bad "apply -n and apply -v print different plans (- apply -n, + apply -v):"
    diff -u "$out/n.json" "$out/v.json" | sed -n '3,$p' | head -n 40
  fi
  if [ "$(cat "$out/v.rc")" != 0 ]; then
    bad "apply -v exited $(cat "$out/v.rc"):"; sed 's/^/    /' "$out/v.err"
  fi
  again=$(nops "$out/again.json")
  if [ "$again" != 0 ]; then
    bad "after the apply, apply -n still plans $again ops:"; grep "\"op\"" "$out/again.json" | head -n 10
  fi
  if [ "$(cat "$out/diff.rc")" != 0 ]; then
    bad "after the apply, ifcc diff exits $(cat "$out/diff.rc"):"; head -n 10 "$out/diff.txt"
  fi
  echo "$name: $n ops planned, applied with exit $(cat "$out/v.rc"); afterwards $again ops planned, diff exits $(cat "$out/diff.rc"); as an ip script: exit $(cat "$out/sh.rc"), then diff exits $(cat "$out/ipdiff.rc"); interface by interface with an if-up.d script: exit $(cat "$out/sv.rc"), $(wc -l < "$out/ran") runs, then diff exits $(cat "$out/sdiff.rc")"
done
exit $fail
