#!/usr/bin/python3
"""Compares the kernel state dumped in a network namespace (link.json, addr.json, fdb.json,
sysctl.txt) with the desired state (desired.json, the snapshot format of
docs/state-format.md). Prints each difference and a count; exit 1 on any difference."""
import json
import sys

work = sys.argv[1]


def load(name):
    with open(f"{work}/{name}") as f:
        return json.load(f)


desired = load("desired.json")
links = {l["ifname"]: l for l in load("link.json")}
addrs = {l["ifname"]: l.get("addr_info", []) for l in load("addr.json")}
fdb = load("fdb.json")
sysctls = {}
with open(f"{work}/sysctl.txt") as f:
    for line in f:
        k, _, v = line.partition(" = ")
        sysctls[k.strip()] = v.strip()

bad = []
checked = 0


def check(cond, what):
    global checked
    checked += 1
    if not cond:
        bad.append(what)


managed = set()
for l in desired["links"]:
    name = l["name"]
    managed.add(name)
    k = links.get(name)
    check(k is not None, f"link {name} missing")
    if k is None:
        continue
    info = k.get("linkinfo", {})
    if l["kind"] != "physical":
        check(info.get("info_kind") == l["kind"], f"{name}: kind {info.get('info_kind')}, want {l['kind']}")
    if "up" in l:
        check(("UP" in k["flags"]) == l["up"], f"{name}: flags {k['flags']}, want up={l['up']}")
    if "mtu" in l:
        check(k["mtu"] == l["mtu"], f"{name}: mtu {k['mtu']}, want {l['mtu']}")
    if "address" in l:
        check(k["address"] == l["address"], f"{name}: address {k['address']}, want {l['address']}")
    if "alias" in l:
        check(k.get("ifalias") == l["alias"], f"{name}: alias {k.get('ifalias')!r}, want {l['alias']!r}")
    if "master" in l:
        check(k.get("master") == l["master"], f"{name}: master {k.get('master')}, want {l['master']}")
    data = info.get("info_data", {})
    if l["kind"] == "macvlan":
        m = l.get("macvlan", {})
        check(k.get("link") == m.get("lower"), f"{name}: on {k.get('link')}, want {m.get('lower')}")
        check(data.get("mode") == m.get("mode"), f"{name}: mode {data.get('mode')}, want {m.get('mode')}")
    if l["kind"] == "veth":
        check(k.get("link") == l.get("veth", {}).get("peer"), f"{name}: peer {k.get('link')}")
    if l["kind"] == "bridge" and "stp" in l.get("bridge", {}):
        check(data.get("stp_state") == int(l["bridge"]["stp"]), f"{name}: stp_state {data.get('stp_state')}")

want_addrs = {}
for a in desired["addresses"]:
    ip, _, plen = a["prefix"].partition("/")
    want_addrs.setdefault(a["ifname"], set()).add((ip, int(plen), a.get("metric", 0)))
for name in managed:
    got = set()
    for a in addrs.get(name, []):
        if a.get("scope") == "link" or (name == "lo" and a.get("scope") == "host"):
            continue  # the kernel's own: link-local, loopback
        got.add((a["local"], a["prefixlen"], a.get("metric", 0)))
    check(got == want_addrs.get(name, set()), f"{name}: addresses {sorted(got)}, want {sorted(want_addrs.get(name, set()))}")

for e in desired["fdb"]:
    found = [f for f in fdb if f["mac"] == e["mac"] and f["ifname"] == e["ifname"]
             and f.get("vlan", 0) == e.get("vid", 0) and ("self" in f.get("flags", [])) == e.get("self", False)]
    check(bool(found), f"fdb {e['mac']} dev {e['ifname']} missing")

for s in desired["sysctls"]:
    check(sysctls.get(s["name"]) == s["value"], f"sysctl {s['name']} = {sysctls.get(s['name'])}, want {s['value']}")

for b in bad:
    print("FAIL", b)
print(f"netns: {checked - len(bad)} of {checked} checks agree "
      f"({len(desired['links'])} links, {len(desired['addresses'])} addresses, "
      f"{len(desired['fdb'])} FDB entries, {len(desired['sysctls'])} sysctls)")
sys.exit(1 if bad else 0)
