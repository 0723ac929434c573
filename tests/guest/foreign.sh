#!/usr/bin/env bash
# foreign.sh IFCC PORTS FILE...   (in the guest: tests/uml/guest.sh)
# Foreign objects: for each FILE, in a fresh network namespace with the stand-in ports
# PORTS (dummies) and an empty /run/network (`unshare -n -m`), 50 links that no configuration names are made first, with addresses:
# dummies fx0..fx45 (up, an IPv4 and an IPv6 address each), a VRF fx47 with table 1001 (the
# first table `vrf-table auto` would pick) and its slave fx46, a bridge fx49 with an address
# and its port fx48. After `ifcc apply -i FILE`, and after a second apply, `ip -d -j link`
# and `ip -j addr` of the fx links must be as before (timers and lifetimes aside; each
# snapshot waits for carrier and IPv6 duplicate address detection to settle).
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "foreign.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
if [ "${1:-}" = --inner ]; then # in the namespace: IFCC PORTS FILE OUT
  ifcc=$2 ports=$3 file=$4 out=$5
  mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network || exit 1 # own state file
  {
    echo "link set lo up"
    for p in $ports; do echo "link add $p type dummy"; done
    for i in $(seq 0 45); do
      echo "link add fx$i type dummy"
      echo "address add 198.18.$i.1/24 dev fx$i"
      echo "address add 2001:db8:f:$i::1/64 dev fx$i nodad"
      echo "link set fx$i up"
    done
    echo "link add fx47 type vrf table 1001"
    echo "link add fx46 type dummy"
    echo "link set fx46 master fx47"
    echo "address add 198.19.46.1/24 dev fx46"
    echo "link set fx47 up"
    echo "link set fx46 up"
    echo "link add fx49 type bridge"
    echo "link add fx48 type dummy"
    echo "link set fx48 master fx49"
    echo "address add 198.19.49.1/24 dev fx49"
    echo "link set fx48 up"
    echo "link set fx49 up"
  } | ip -batch - || exit 1
  settle() { # the bridge's carrier and the IPv6 link-local addresses come a moment later
    for _ in $(seq 50); do
      if ! ip link show | grep -q NO-CARRIER && [ -z "$(ip -6 address show tentative)" ] &&
         ip -6 address show dev fx49 scope link | grep -q inet6; then
        return
      fi
      sleep 0.1
    done
  }
  snap() { settle; ip -d -j link show >"$out/link.$1"; ip -j address show >"$out/addr.$1"; }
  snap 0
  "$ifcc" apply -i "$file" >"$out/apply1.out" 2>&1; echo $? >"$out/apply1.rc"
  snap 1
  "$ifcc" apply -i "$file" >"$out/apply2.out" 2>&1; echo $? >"$out/apply2.rc"
  snap 2
  exit 0
fi
ifcc=$(realpath "$1") ports=$2
shift 2
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT
fail=0
for file in "$@"; do
  name=$(basename "$file")
  out=$work/$name
  mkdir -p "$out"
  if ! unshare -n -m bash "${BASH_SOURCE[0]}" --inner "$ifcc" "$ports" "$file" "$out"; then
    echo "FAIL: $name: could not set up the namespace"; fail=1; continue
  fi
  echo "$name: first apply exited $(cat "$out/apply1.rc"), second $(cat "$out/apply2.rc")"
  for n in 1 2; do
    [ "$(cat "$out/apply$n.rc")" = 0 ] || sed "s/^/    apply $n: /" "$out/apply$n.out"
  done
  /usr/bin/python3 - "$out" "$name" <<'PY' || fail=1
import json, sys
out, name = sys.argv[1:3]
DROP = {"operstate", "hello_timer", "tcn_timer", "topology_change_timer", "gc_timer",
        "hold_timer", "message_age_timer", "forward_delay_timer", "valid_life_time",
        "preferred_life_time", "tentative"}  # DAD finishing is time, not a change
def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items() if k not in DROP}
    if isinstance(x, list):
        return [clean(v) for v in x]
    return x
def load(what, n):
    return {l["ifname"]: clean(l) for l in json.load(open("%s/%s.%d" % (out, what, n)))
            if l["ifname"].startswith("fx")}
bad = 0
for what in ("link", "addr"):
    before = load(what, 0)
    if len(before) != 50:
        print("FAIL: %s: %d foreign links made, want 50" % (name, len(before))); bad = 1
    for n, when in ((1, "the first apply"), (2, "the second apply")):
        after = load(what, n)
        for ifname in sorted(set(before) | set(after)):
            a, b = before.get(ifname), after.get(ifname)
            if a == b:
                continue
            bad = 1
            if a is None or b is None:
                print("FAIL: %s: %s: %s after %s" % (name, ifname, "gone" if b is None else "new", when))
                continue
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k):
                    print("FAIL: %s: %s (%s) changed by %s: %s: %s -> %s" % (
                        name, ifname, what, when, k, json.dumps(a.get(k)), json.dumps(b.get(k))))
if not bad:
    print("%s: the 50 foreign links and their addresses are unchanged after both applies" % name)
sys.exit(bad)
PY
done
exit $fail
