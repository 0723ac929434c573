#!/usr/bin/env bash
# fault.sh IFCC PORTS FILE [SAMPLES]   (in the guest: tests/uml/guest.sh)
# Fault injection: the plan of FILE on a fresh namespace with the stand-in ports PORTS
# (dummies) has N ops (`ifcc apply -n --format=json`); for SAMPLES (default 50) values of k
# spread evenly over 0..N-1 (every k when N <= SAMPLES), each in a fresh network namespace
# with the same ports and an empty /run/network (`unshare -n -m`: no state file of another
# run), `ifcc apply -i FILE --fail-op k` must exit 1 and
# `ifcc state dump -o json` afterwards must equal the dump before.
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "fault.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
mkports() {
  { echo "link set lo up"; for p in $1; do echo "link add $p type dummy"; done; } | ip -batch -
}
fresh_run() { # an empty /run/network: no state file of another run
  mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network
}
if [ "${1:-}" = --plan ]; then # in a namespace: IFCC PORTS FILE OUT
  fresh_run && mkports "$3" || exit 1
  exec "$2" apply -n --format=json -i "$4" >"$5"
fi
if [ "${1:-}" = --inner ]; then # in a namespace: IFCC PORTS FILE OUT K...
  ifcc=$2 ports=$3 file=$4 out=$5
  shift 5
  for k; do
    # A namespace for each k (nested in this one, so that it starts empty).
    unshare -n -m bash -c '
      mkports() { { echo "link set lo up"; for p in $1; do echo "link add $p type dummy"; done; } | ip -batch -; }
      mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network && mkports "$2" || exit 3
      "$1" state dump -o json >"$4/$5.before" || exit 3
      "$1" apply -i "$3" --fail-op "$5" >"$4/$5.out" 2>&1
      echo $? >"$4/$5.rc"
      "$1" state dump -o json >"$4/$5.after" || exit 3
    ' _ "$ifcc" "$ports" "$file" "$out" "$k" || echo "namespace or dump failed" >"$out/$k.setup"
  done
  exit 0
fi
ifcc=$(realpath "$1") ports=$2 file=$(realpath "$3") samples=${4:-50}
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
unshare -n -m bash "${BASH_SOURCE[0]}" --plan "$ifcc" "$ports" "$file" "$work/plan.json" \
  || { echo "FAIL: apply -n in a fresh namespace failed"; exit 1; }
n=$(grep -c '"op":' "$work/plan.json")
if [ "$n" -le "$samples" ]; then
  ks=$(seq 0 $((n - 1)))
else
  ks=$(awk -v n="$n" -v s="$samples" 'BEGIN { for (i = 0; i < s; i++) printf "%d\n", int(i * (n - 1) / (s - 1) + 0.5) }')
fi
unshare -n -m bash "${BASH_SOURCE[0]}" --inner "$ifcc" "$ports" "$file" "$work" $ks
fail=0 tested=0 rolled=0
for k in $ks; do
  tested=$((tested + 1))
  op=$(grep '"op":' "$work/plan.json" | sed -n "$((k + 1))p" | sed 's/,"source".*//; s/^ *{//')
  if [ -f "$work/$k.setup" ]; then
    echo "FAIL: k=$k ($op): $(cat "$work/$k.setup")"; fail=1; continue
  fi
  rc=$(cat "$work/$k.rc")
  err=$(grep -m1 'error' "$work/$k.out")
  if [ "$rc" != 1 ]; then
    echo "FAIL: k=$k ($op): apply exited $rc, want 1:"; sed 's/^/    /' "$work/$k.out"; fail=1; continue
  fi
  if ! cmp -s "$work/$k.before" "$work/$k.after"; then
    echo "FAIL: k=$k ($op): the kernel is not as it was after the rollback ($err):"
    /usr/bin/python3 - "$work/$k.before" "$work/$k.after" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for key in a:
    if a[key] != b.get(key):
        for x in a[key]:
            if x not in b.get(key, []): print("    -", key, json.dumps(x, sort_keys=True))
        for x in b.get(key, []):
            if x not in a[key]: print("    +", key, json.dumps(x, sort_keys=True))
PY
    fail=1; continue
  fi
  rolled=$((rolled + 1))
  echo "k=$k: exit 1, rolled back: $err"
done
echo "fault injection: $n ops in the plan, $tested k tested, $rolled rolled back to the state before"
[ "$n" -gt 0 ] || { echo "FAIL: empty plan"; fail=1; }
exit $fail
