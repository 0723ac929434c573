#!/usr/bin/python3
"""Compares `ifcc state dump -o json` (dump.json) of a network namespace with what iproute2
read from the same namespace (link.json, addr.json, fdb.json, route4.json, route6.json,
sysctl.txt), object by object in both directions, then checks that the objects netns.sh
made are there. Prints each difference and a count; exit 1 on any difference."""
import json
import sys

work = sys.argv[1]
KINDS = {"bridge", "vlan", "macvlan", "bond", "vrf", "vxlan", "veth", "dummy"}
SYSCTL_KEYS = {"forwarding", "accept_dad", "dad_transmits", "enhanced_dad", "disable_ipv6"}


def load(name):
    with open(f"{work}/{name}") as f:
        return json.load(f)


dump = load("dump.json")
bad = []
checked = 0


def check(cond, what):
    global checked
    checked += 1
    if not cond:
        bad.append(what)


def same_sets(what, got, want):
    """got: the dump's objects by key, want: iproute2's; both directions."""
    for k in sorted(set(got) | set(want), key=repr):
        check(k in got, f"{what} {k}: in iproute2 ({want.get(k)}), not in the dump")
        check(k in want, f"{what} {k}: in the dump ({got.get(k)}), not in iproute2")
        if k in got and k in want:
            check(got[k] == want[k], f"{what} {k}: dump {got[k]}, iproute2 {want[k]}")


# --- links ---
iplinks = {l["ifname"]: l for l in load("link.json")}
vrf_table = {}


def link_view(k):
    info = k.get("linkinfo", {})
    kind = info.get("info_kind")
    data = info.get("info_data", {})
    v = {
        "kind": kind if kind in KINDS else "physical",
        "mtu": k["mtu"],
        "alias": k.get("ifalias", ""),
        "up": "UP" in k["flags"],
        "master": k.get("master"),
    }
    if len(k.get("address", "").split(":")) == 6:
        v["address"] = k["address"]
    if kind == "bridge":
        v["bridge"] = {"vlan_filtering": data["vlan_filtering"] == 1, "stp": data["stp_state"] != 0}
        if "vlan_default_pvid" in data:
            v["bridge"]["default_pvid"] = data["vlan_default_pvid"]
    elif kind in ("vlan", "macvlan"):
        v[kind] = {"lower": k.get("link")}
        if kind == "vlan":
            v[kind].update(id=data["id"], protocol=data.get("protocol", "802.1Q"))
        else:
            v[kind]["mode"] = data["mode"]
    elif kind == "veth":
        v["veth"] = {"peer": k["link"]} if k.get("link") else {}
    elif kind == "vrf":
        v["vrf"] = {"table": data["table"]}
        vrf_table[data["table"]] = k["ifname"]
    elif kind == "vxlan":
        x = {"external": bool(data.get("external")), "vnifilter": bool(data.get("vnifilter")),
             "port": data["port"], "learning": bool(data.get("learning"))}
        if not x["external"]:
            x["vni"] = data["id"]
        if "local" in data:
            x["local"] = data["local"]
        v["vxlan"] = x
    return v


def dump_view(l):
    v = {k: l.get(k) for k in ("kind", "mtu", "alias", "up", "master")}
    if "address" in l:
        v["address"] = l["address"]
    if l["kind"] not in ("physical", "dummy"):
        v[l["kind"]] = l.get(l["kind"], {})
    return v


same_sets("link", {l["name"]: dump_view(l) for l in dump["links"]},
          {n: link_view(k) for n, k in iplinks.items()})

# --- addresses: all of them, the kernel's own included ---
want = {}
for l in load("addr.json"):
    for a in l.get("addr_info", []):
        want[(l["ifname"], f"{a['local']}/{a['prefixlen']}")] = (a.get("metric", 0), bool(a.get("nodad")))
same_sets("address", {(a["ifname"], a["prefix"]): (a.get("metric", 0), a.get("nodad", False))
                      for a in dump["addresses"]}, want)

# --- FDB: the static and permanent entries of a bridge's database on the bridge itself
# (what `bridge fdb add MAC dev BRIDGE self` makes); devices' own address lists and the
# entries the kernel keeps for ports are not read ---
want = {}
for e in load("fdb.json"):
    if e.get("state") not in ("permanent", "static"):
        continue
    if e.get("master") == e["ifname"] and "self" not in e["flags"]:
        want.setdefault((e["ifname"], e["mac"], e.get("vlan", 0)), (True, False))
same_sets("fdb", {(f["ifname"], f["mac"], f.get("vid", 0)): (f.get("self", False), f.get("master", False))
                  for f in dump["fdb"]}, want)

# --- routes: default routes via one gateway of the main and VRF tables ---
want = {}
for name, fam, default in (("route4.json", 4, "0.0.0.0/0"), ("route6.json", 6, "::/0")):
    for r in load(name):
        table = r.get("table", "main")
        if r["dst"] != "default" or r.get("type", "unicast") != "unicast" or "gateway" not in r:
            continue
        if table == "main":
            vrf = None
        elif str(table).isdigit() and int(table) in vrf_table:
            vrf = vrf_table[int(table)]
        else:
            continue  # neither the main table nor a VRF's: not in the model
        want[(vrf, default, r.get("metric", 0))] = (r["gateway"], r.get("dev"), "onlink" in r.get("flags", []))
same_sets("route", {(r.get("vrf"), r["dst"], r.get("metric", 0)): (r["gateway"], r.get("dev"), r.get("onlink", False))
                    for r in dump["routes"]}, want)

# --- sysctls: forwarding and DAD of every link ---
want = {}
with open(f"{work}/sysctl.txt") as f:
    for line in f:
        k, _, v = line.partition(" = ")
        parts = k.strip().split(".")
        if len(parts) == 5 and parts[3] not in ("all", "default") and parts[4] in SYSCTL_KEYS:
            want[k.strip()] = v.strip()
same_sets("sysctl", {s["name"]: s["value"] for s in dump["sysctls"]}, want)

# --- what netns.sh made is there (so that agreement is not two empty lists) ---
links = {l["name"]: l for l in dump["links"]}
mv = links.get("br0-v0", {})
check(mv.get("kind") == "macvlan" and mv.get("macvlan") == {"lower": "br0", "mode": "private"}
      and mv.get("address") == "00:00:5e:00:01:0a" and mv.get("alias") == "vrr gateway",
      f"br0-v0: {mv}")
check(links.get("veth1", {}).get("master") == "br0" and links.get("veth2", {}).get("mtu") == 9000
      and links.get("veth2", {}).get("veth") == {"peer": "veth2p"}, "veth ports")
vx = links.get("vxlan100", {}).get("vxlan", {})
check(vx == {"vni": 100, "external": False, "vnifilter": False, "local": "10.0.0.1", "port": 4789,
             "learning": False}, f"vxlan100: {vx}")
check(links.get("lo", {}).get("kind") == "physical", "lo is physical")
addrs = {(a["ifname"], a["prefix"]): a for a in dump["addresses"]}
for p in ("10.1.10.1/24", "2001:db8:10::1/64"):
    check(addrs.get(("br0-v0", p), {}).get("metric") == 1024, f"br0-v0 {p} metric 1024")
check({"ifname": "br0", "mac": "00:00:5e:00:01:0a", "self": True} in dump["fdb"], "fdb self on br0")
check({"dst": "0.0.0.0/0", "gateway": "10.1.10.254", "dev": "br0"} in dump["routes"], "IPv4 default route")
check({"dst": "::/0", "gateway": "fe80::1", "dev": "br0", "metric": 10} in dump["routes"], "IPv6 default route")
sysctls = {s["name"]: s["value"] for s in dump["sysctls"]}
check(sysctls.get("net.ipv6.conf.br0-v0.accept_dad") == "0", "accept_dad 0 on br0-v0")

for b in bad:
    print("FAIL", b)
print(f"netlink: {checked - len(bad)} of {checked} checks agree "
      f"({len(dump['links'])} links, {len(dump['addresses'])} addresses, {len(dump['fdb'])} FDB entries, "
      f"{len(dump['routes'])} routes, {len(dump['sysctls'])} sysctls)")
sys.exit(1 if bad else 0)
