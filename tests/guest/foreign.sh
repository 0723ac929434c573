#!/usr/bin/env bash
# foreign.sh IFCC PORTS FILE...   (in the guest: tests/uml/guest.sh)
# Foreign objects at scale: for each FILE, in a fresh network namespace with the stand-in
# ports PORTS (dummies) and an empty /run/network (`unshare -n -m`), 1000 links that no
# configuration names are made first with one `ip -batch`, up, with addresses:
#   - 686 dummies fxd0..fxd685, an IPv4 address each (fxd600..fxd647 aside, which are
#     ports), an IPv6 one on fxd0..fxd199;
#   - 100 veth pairs fxv0..fxv99 / fxp0..fxp99, an address on fxv*;
#   - 100 VLANs fxq0..fxq99 (id 100+i) on fxd0..fxd99, an address each;
#   - 10 bridges fxbr0..fxbr9 with an address, each with 4 ports fxd600..fxd639;
#   - 4 VRFs fxvrf0..fxvrf3, tables 1001..1004 (1001 is the first `vrf-table auto` would
#     pick), 2 slaves each fxd640..fxd647 with an address.
# FILE is applied with `address-purge no` added to vlan10. Then foreign addresses go on
# links the file configures: 198.51.100.10/24 and 2001:db8:ff::10/64 on vlan10 (address-purge
# no: kept), 127.0.0.53/8 on lo and fe80::53/64 on vlan20 (loopback and link-local: kept),
# and 198.51.100.20/24 on vlan20 (unowned, on a configured link: purged, by design). Then a
# second apply, and a reload of a changed file (vlan30 removed, vlan20's virtual IP changed;
# the same address-purge line). After each of the three, `ip -d -j link` and `ip -j addr`
# of the fx links must be as before the first apply (ifindex, flags, master, kind data,
# addresses; timers and lifetimes aside: each snapshot waits for carrier and IPv6
# duplicate address detection to settle), and the foreign addresses on configured links as
# the ownership rules say (docs/plan.md, "What is removed").
set -uo pipefail
[ "${IFCC_UML_GUEST:-}" = 1 ] || { echo "foreign.sh: run me in the guest (tests/uml/guest.sh)" >&2; exit 1; }
if [ "${1:-}" = --inner ]; then # in the namespace: IFCC PORTS FILE OUT
  ifcc=$2 ports=$3 file=$4 out=$5
  mkdir -p /run/network && mount -t tmpfs ifcc-guest /run/network || exit 1 # own state file
  # the configuration, and its changed version, with vlan10 keeping addresses it does not make
  sed '/^iface vlan10$/a\    address-purge no' "$file" >"$out/first.interfaces"
  sed 's#10\.1\.20\.1/24#10.1.20.254/24#' "$out/first.interfaces" |
    awk '/^auto vlan30$/ { skip = 1 } skip && /^$/ { skip = 0; next } !skip' >"$out/changed.interfaces"
  {
    echo "link set lo up"
    for p in $ports; do echo "link add $p type dummy"; done
    for i in $(seq 0 685); do echo "link add fxd$i type dummy"; done
    for i in $(seq 0 99); do
      echo "link add fxv$i type veth peer name fxp$i"
      echo "link add link fxd$i name fxq$i type vlan id $((100 + i))"
    done
    for b in $(seq 0 9); do
      echo "link add fxbr$b type bridge"
      for p in 0 1 2 3; do echo "link set fxd$((600 + 4 * b + p)) master fxbr$b"; done
      echo "address add 100.98.$b.1/24 dev fxbr$b"
    done
    for v in 0 1 2 3; do
      echo "link add fxvrf$v type vrf table $((1001 + v))"
      for s in 0 1; do
        echo "link set fxd$((640 + 2 * v + s)) master fxvrf$v"
        echo "address add 100.99.$((2 * v + s)).1/24 dev fxd$((640 + 2 * v + s))"
      done
    done
    for i in $(seq 0 685); do
      if [ "$i" -lt 600 ] || [ "$i" -ge 648 ]; then
        echo "address add 100.$((64 + i / 256)).$((i % 256)).1/24 dev fxd$i"
      fi
      [ "$i" -ge 200 ] || echo "address add 2001:db8:f:$i::1/64 dev fxd$i nodad"
    done
    for i in $(seq 0 99); do
      echo "address add 100.96.$i.1/24 dev fxv$i"
      echo "address add 100.97.$i.1/24 dev fxq$i"
    done
    for i in $(seq 0 685); do echo "link set fxd$i up"; done
    for i in $(seq 0 99); do echo "link set fxv$i up"; echo "link set fxp$i up"; echo "link set fxq$i up"; done
    for b in $(seq 0 9); do echo "link set fxbr$b up"; done
    for v in 0 1 2 3; do echo "link set fxvrf$v up"; done
  } | ip -batch - || exit 1
  settle() { # carrier and the IPv6 link-local addresses come a moment later
    for _ in $(seq 100); do
      if ! ip link show | grep -q NO-CARRIER && [ -z "$(ip -6 address show tentative)" ] &&
         ip -6 address show dev fxbr9 scope link | grep -q inet6; then
        return
      fi
      sleep 0.1
    done
  }
  snap() { settle; ip -d -j link show >"$out/link.$1"; ip -j address show >"$out/addr.$1"; }
  st="--no-scripts"
  snap 0
  "$ifcc" apply -i "$out/first.interfaces" $st >"$out/apply1.out" 2>&1; echo $? >"$out/apply1.rc"
  snap 1
  ip -batch - <<'EOB' || exit 1
address add 198.51.100.10/24 dev vlan10
address add 2001:db8:ff::10/64 dev vlan10 nodad
address add 127.0.0.53/8 dev lo
address add fe80::53/64 dev vlan20 nodad
address add 198.51.100.20/24 dev vlan20
EOB
  "$ifcc" apply -i "$out/first.interfaces" $st >"$out/apply2.out" 2>&1; echo $? >"$out/apply2.rc"
  snap 2
  "$ifcc" reload -i "$out/changed.interfaces" $st >"$out/reload.out" 2>&1; echo $? >"$out/reload.rc"
  snap 3
  ip link show vlan30 >/dev/null 2>&1 && echo present >"$out/vlan30" || echo gone >"$out/vlan30"
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
  echo "$name: first apply exited $(cat "$out/apply1.rc"), second $(cat "$out/apply2.rc"), reload $(cat "$out/reload.rc")"
  for n in apply1 apply2 reload; do
    [ "$(cat "$out/$n.rc")" = 0 ] || { sed "s/^/    $n: /" "$out/$n.out"; fail=1; }
  done
  if [ "$(cat "$out/vlan30")" != gone ]; then
    echo "FAIL: $name: the reload left vlan30, which the changed file removes"; fail=1
  fi
  /usr/bin/python3 - "$out" "$name" <<'PY' || fail=1
import json, sys
out, name = sys.argv[1:3]
DROP = {"operstate", "hello_timer", "tcn_timer", "topology_change_timer", "gc_timer",
        "hold_timer", "message_age_timer", "forward_delay_timer", "valid_life_time",
        "preferred_life_time", "tentative"}  # DAD finishing is time, not a change
WHEN = {1: "the first apply", 2: "the second apply", 3: "the reload"}
def clean(x):
    if isinstance(x, dict):
        return {k: clean(v) for k, v in x.items() if k not in DROP}
    if isinstance(x, list):
        return [clean(v) for v in x]
    return x
def load(what, n):
    return {l["ifname"]: l for l in json.load(open("%s/%s.%d" % (out, what, n)))}
bad = 0
for what in ("link", "addr"):
    before = {k: clean(v) for k, v in load(what, 0).items() if k.startswith("fx")}
    if len(before) != 1000:
        print("FAIL: %s: %d foreign links made, want 1000" % (name, len(before))); bad = 1
    for n in (1, 2, 3):
        after = {k: clean(v) for k, v in load(what, n).items() if k.startswith("fx")}
        for ifname in sorted(set(before) | set(after)):
            a, b = before.get(ifname), after.get(ifname)
            if a == b:
                continue
            bad = 1
            if a is None or b is None:
                print("FAIL: %s: %s: %s after %s" % (name, ifname, "gone" if b is None else "new", WHEN[n]))
                continue
            for k in sorted(set(a) | set(b)):
                if a.get(k) != b.get(k):
                    print("FAIL: %s: %s (%s) changed by %s: %s: %s -> %s" % (
                        name, ifname, what, WHEN[n], k, json.dumps(a.get(k)), json.dumps(b.get(k))))
# foreign addresses on configured links, after the second apply and after the reload
KEPT = [("vlan10", "198.51.100.10/24", "address-purge no"),
        ("vlan10", "2001:db8:ff::10/64", "address-purge no"),
        ("lo", "127.0.0.53/8", "a loopback address"),
        ("vlan20", "fe80::53/64", "a link-local address")]
PURGED = [("vlan20", "198.51.100.20/24", "not ours, on a configured link")]
for n in (2, 3):
    addrs = load("addr", n)
    def has(ifname, prefix):
        return any("%s/%d" % (a["local"], a["prefixlen"]) == prefix
                   for a in addrs.get(ifname, {}).get("addr_info", []))
    for ifname, prefix, why in KEPT:
        if not has(ifname, prefix):
            print("FAIL: %s: %s on %s (%s) removed by %s" % (name, prefix, ifname, why, WHEN[n])); bad = 1
    for ifname, prefix, why in PURGED:
        if has(ifname, prefix):
            print("FAIL: %s: %s on %s (%s) kept by %s" % (name, prefix, ifname, why, WHEN[n])); bad = 1
if not bad:
    print("%s: the 1000 foreign links and their addresses are unchanged after two applies "
          "and a reload; foreign addresses on configured links kept or purged as owned" % name)
sys.exit(bad)
PY
done
exit $fail
