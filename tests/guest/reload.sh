#!/usr/bin/env bash
# reload.sh IFCC PORTS LEAF01 SCENARIO_DIR   (in the guest: tests/uml/guest.sh)
# ifcc reload on the full kernel, for the reload scenarios of the lab's leaf01
# (tests/plan/scenarios: a virtual IP changed, an address-virtual line removed, an SVI
# added with its VLAN, an SVI removed). For each, in a fresh network namespace with the
# stand-in ports: apply leaf01, reload the variant, and check that
#   - the reload exits 0 and its ops are exactly those `ifcc diff --against-config` plans
#     between the two files (op, interface and object, in order);
#   - every interface the change does not touch keeps its ifindex and its flags (up);
#   - planning the variant again gives no op.
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "reload.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
if [ "${1:-}" = --inner ]; then # in the namespace: IFCC PORTS OLD NEW OUT
  ifcc=$2 ports=$3 old=$4 new=$5 out=$6
  mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network || exit 1
  { echo "link set lo up"; for p in $ports; do echo "link add $p type dummy"; done; } | ip -batch - || exit 1
  st="--state-file /run/network/state.json --lock-file /run/network/lock --no-scripts"
  "$ifcc" apply -i "$old" $st 2>"$out/apply.err"; echo $? >"$out/apply.rc"
  ip -j link show >"$out/before.json"
  "$ifcc" reload -i "$new" $st -v --format=json >"$out/reload.json" 2>"$out/reload.err"
  echo $? >"$out/reload.rc"
  ip -j link show >"$out/after.json"
  "$ifcc" reload -i "$new" $st -n --format=json >"$out/again.json" 2>&1
  exit 0
fi
ifcc=$(realpath "$1") ports=$2 leaf=$(realpath "$3") dir=$(realpath "$4")
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail=0
for name in vip-changed av-removed svi-added svi-removed; do
  new=$dir/leaf01-$name.interfaces out=$work/$name
  mkdir -p "$out"
  "$ifcc" diff -i "$new" --against-config "$leaf" --format=json >"$out/want.json"
  if ! unshare -n -m bash "${BASH_SOURCE[0]}" --inner "$ifcc" "$ports" "$leaf" "$new" "$out"; then
    echo "FAIL: $name: could not set up a network namespace"; fail=1; continue
  fi
  /usr/bin/python3 - "$name" "$out" <<'PY' || fail=1
import json, sys
name, out = sys.argv[1:3]
def rc(f):
    return open(f"{out}/{f}").read().strip()
def ops(f):
    # the op and its object, without the source (the lines of one file or the other)
    return [{k: v for k, v in o.items() if k != "source"} for o in json.load(open(f"{out}/{f}"))["ops"]]
bad = []
if rc("apply.rc") != "0" or rc("reload.rc") != "0":
    bad.append(f"apply exited {rc('apply.rc')}, reload {rc('reload.rc')}: "
               + open(f"{out}/apply.err").read() + open(f"{out}/reload.err").read())
got, want = ops("reload.json"), ops("want.json")
if got != want:
    bad.append(f"reload did {got}, the plan between the files is {want}")
touched = {o["ifname"] for o in want} | {o.get("lower") for o in want if o.get("lower")}
before = {l["ifname"]: l for l in json.load(open(f"{out}/before.json"))}
after = {l["ifname"]: l for l in json.load(open(f"{out}/after.json"))}
kept = 0
for n, l in before.items():
    if n in touched or n not in after:
        continue
    kept += 1
    if l["ifindex"] != after[n]["ifindex"] or ("UP" in l["flags"]) != ("UP" in after[n]["flags"]):
        bad.append(f"{n}: untouched, but ifindex/flags changed")
again = json.load(open(f"{out}/again.json"))["ops"]
if again:
    bad.append(f"planning again gives {len(again)} ops")
for b in bad:
    print(f"FAIL: {name}: {b}")
print(f"{name}: {len(got)} ops as planned, {kept} untouched links kept their ifindex and state, "
      f"replan {len(again)} ops")
sys.exit(1 if bad else 0)
PY
done
exit $fail
