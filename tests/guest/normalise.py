#!/usr/bin/python3
"""Compare two kernel dumps of tests/guest/dump.sh (ifcc's and ifupdown2's) field by field.

    normalise.py [--known TSV] [--show NAME] INTERFACES IFCC_DIR IFUPDOWN2_DIR

Each dump is normalised first, so that only what a configuration decides is compared:

- dropped: ifindex, operstate and LOWER_UP/NO-CARRIER (carrier comes and goes while links
  come up), lifetimes and the `tentative` flag of addresses (DAD in progress), the STP
  and garbage-collection timers, the bridge port numbers and ids (given in enslavement
  order, like ifindex), the LACP state machine's ids and states (aggregator ids, actor
  and partner state), the bonding slaves' permanent (random) addresses;
- a MAC that the configuration does not set (hwaddress, address-virtual) is random in a
  guest's dummies and new links: it is written `mac{A,B}`, with the names of the links
  that carry it in that dump (a bond and its first slave share one), or `mac{}` when no
  link carries it; the same for the link-local addresses derived from it (EUI-64:
  `fe80::eui64{A,B}`) and for the STP bridge ids made of it;
- route and rule table ids of VRFs are written `vrf:NAME` (the VRF's own `table` field is
  compared as it is: a VRF with another table id is a difference);
- flags lists are sorted.

Every remaining difference is printed, one line per object and field:
    OBJECT<TAB>FIELD<TAB>IFCC_VALUE<TAB>IFUPDOWN2_VALUE
(`(object)` as FIELD with `present`/`absent` when the object exists on one side only).
A difference that matches a line of the --known file (the same four columns, shell
wildcards allowed, then the reason) is listed as known. Exit status: 1 when a difference
is not known, else 0. `--show NAME` prints NAME's normalised objects (for debugging).
"""
import fnmatch
import ipaddress
import json
import os
import re
import sys

MAC_RE = re.compile(r"^[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}$")


def norm_mac(m):
    return ":".join("%02x" % int(x, 16) for x in m.lower().split(":"))


def configured_macs(path):
    """MACs the interfaces file sets: `hwaddress` and `address-virtual` (not `none`)."""
    macs = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if len(words) >= 2 and words[0] in ("hwaddress", "address-virtual"):
                mac = words[1].lower().replace("-", ":")
                if MAC_RE.match(mac):
                    macs.add(norm_mac(mac))
    return macs


def eui64(mac):
    b = bytes(int(x, 16) for x in mac.split(":"))
    iid = bytes([b[0] ^ 2]) + b[1:3] + b"\xff\xfe" + b[3:6]
    return ipaddress.IPv6Address(b"\xfe\x80" + b"\0" * 6 + iid)


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read().strip()
    return json.loads(text) if text else []


class Dump:
    def __init__(self, d, cfg_macs):
        self.cfg = cfg_macs
        self.links = load(os.path.join(d, "link.json"))
        self.by_mac = {}
        for l in self.links:
            a = l.get("address")
            if a and l.get("link_type") == "ether":
                self.by_mac.setdefault(norm_mac(a), []).append(l["ifname"])
        self.ll = {}  # derived link-local address -> its MAC
        for mac in self.by_mac:
            self.ll[eui64(mac)] = mac
        self.vrf_table = {}
        for l in self.links:
            li = l.get("linkinfo", {})
            if li.get("info_kind") == "vrf":
                self.vrf_table[str(li.get("info_data", {}).get("table"))] = l["ifname"]
        self.objs = {}
        self.do_links()
        self.do_addrs(load(os.path.join(d, "addr.json")))
        self.do_vlans(load(os.path.join(d, "vlan.json")), load(os.path.join(d, "vlantunnel.json")))
        self.do_fdb(load(os.path.join(d, "fdb.json")))
        for fam in ("4", "6"):
            self.do_routes(fam, load(os.path.join(d, "route%s.json" % fam)))
            self.do_rules(fam, load(os.path.join(d, "rule%s.json" % fam)))
        self.do_sysctls(os.path.join(d, "sysctl.txt"))
        rc = os.path.join(d, "rc")
        if os.path.exists(rc):
            with open(rc, encoding="utf-8") as f:
                self.objs["command"] = {"exit status": f.read().strip()}

    # --- value normalisation
    def mac(self, m):
        m = norm_mac(m)
        if m.startswith("33:33:ff:"):  # IPv6 solicited-node group of a random link-local
            for mac in self.by_mac:
                if mac not in self.cfg and mac[9:] == m[9:]:
                    return "33:33:ff:" + self.mac(mac)
            return m
        if m in self.cfg or m == "00:00:00:00:00:00" or m == "ff:ff:ff:ff:ff:ff" or int(m[:2], 16) & 1:
            return m
        return "mac{%s}" % ",".join(sorted(self.by_mac.get(m, [])))

    def ip(self, s):
        """An address or prefix; EUI-64 link-locals of random MACs named after the MAC."""
        addr, _, plen = s.partition("/")
        try:
            a = ipaddress.ip_address(addr)
        except ValueError:
            return s
        if a.version == 6 and a in self.ll and self.ll[a] not in self.cfg:
            mac = self.mac(self.ll[a])
            s = "fe80::eui64" + mac[3:] + ("/" + plen if plen else "")
        return s

    def table(self, t):
        t = str(t)
        if t in self.vrf_table:
            return "vrf:" + self.vrf_table[t]
        return {"254": "main", "255": "local", "253": "default"}.get(t, t)

    def stp_id(self, v):
        # "8000.44:38:39:22:1:b1": priority, then the MAC
        prio, _, mac = v.partition(".")
        return prio + "." + self.mac(mac) if MAC_RE.match(mac) else v

    def put(self, key, fields):
        if key in self.objs:  # the same key twice: keep both apart
            n = 2
            while "%s #%d" % (key, n) in self.objs:
                n += 1
            key = "%s #%d" % (key, n)
        self.objs[key] = fields

    # --- objects
    LINK_DROP = {"ifindex", "operstate", "ifname", "flags", "linkinfo", "link_index",
                 "parentbus", "parentdev"}
    BRIDGE_DROP = {"hello_timer", "tcn_timer", "topology_change_timer", "gc_timer"}
    BRPORT_DROP = {"hold_timer", "message_age_timer", "forward_delay_timer", "id", "no",
                   "designated_port"}
    BOND_DROP = {"ad_info"}
    BONDSLAVE_DROP = {"perm_hwaddr", "ad_aggregator_id", "ad_actor_oper_port_state",
                      "ad_actor_oper_port_state_str", "ad_partner_oper_port_state",
                      "ad_partner_oper_port_state_str", "link_failure_count"}

    def flat(self, prefix, d, out, drop=()):
        for k, v in d.items():
            if k in drop:
                continue
            if isinstance(v, dict):
                self.flat(prefix + k + ".", v, out)
            elif isinstance(v, list):
                out[prefix + k] = json.dumps(sorted(v) if all(isinstance(x, str) for x in v) else v)
            elif isinstance(v, str) and MAC_RE.match(v.lower()):
                out[prefix + k] = self.mac(v)
            elif k in ("bridge_id", "root_id", "designated_root", "designated_bridge") and isinstance(v, str):
                out[prefix + k] = self.stp_id(v)
            else:
                out[prefix + k] = json.dumps(v)

    def do_links(self):
        for l in self.links:
            f = {}
            flags = l.get("flags", [])
            f["up"] = json.dumps("UP" in flags)
            f["flags"] = json.dumps(sorted(x for x in flags if x not in ("UP", "LOWER_UP", "NO-CARRIER", "M-DOWN")))
            self.flat("", {k: v for k, v in l.items() if k not in self.LINK_DROP}, f)
            li = l.get("linkinfo", {})
            kind, skind = li.get("info_kind"), li.get("info_slave_kind")
            f["kind"] = json.dumps(kind)
            drop = self.BRIDGE_DROP if kind == "bridge" else self.BOND_DROP if kind == "bond" else ()
            self.flat("%s." % kind, li.get("info_data", {}), f, drop)
            if skind:
                f["slave_kind"] = json.dumps(skind)
                drop = self.BRPORT_DROP if skind == "bridge" else self.BONDSLAVE_DROP if skind == "bond" else ()
                self.flat("slave." + skind + ".", li.get("info_slave_data", {}), f, drop)
            self.put("link " + l["ifname"], f)

    def do_addrs(self, addrs):
        for l in addrs:
            for a in l.get("addr_info", []):
                f = {}
                for k, v in a.items():
                    if k in ("local", "prefixlen", "valid_life_time", "preferred_life_time", "tentative"):
                        continue
                    f[k] = json.dumps(v) if not isinstance(v, str) else self.ip(v) if k in ("address", "broadcast") else v
                self.put("addr %s %s" % (l["ifname"], self.ip("%s/%s" % (a["local"], a["prefixlen"]))), f)

    def do_vlans(self, vlans, tunnels):
        for p in vlans:
            for v in p.get("vlans", []):
                for vid in range(v["vlan"], v.get("vlanEnd", v["vlan"]) + 1):
                    self.put("vlan %s %d" % (p["ifname"], vid), {"flags": json.dumps(sorted(v.get("flags", [])))})
        for p in tunnels:
            for t in p.get("tunnels", []):
                n = t.get("vlanEnd", t["vlan"]) - t["vlan"]
                for i in range(n + 1):
                    self.put("vlan-tunnel %s %d" % (p["ifname"], t["vlan"] + i), {"tunid": str(t["tunid"] + i)})

    def do_fdb(self, fdb):
        for e in fdb:
            side = "master " + e["master"] if e.get("master") else "self" if "self" in e.get("flags", []) else "-"
            key = "fdb %s %s vlan %s %s" % (e["ifname"], self.mac(e["mac"]), e.get("vlan", "-"), side)
            f = {}
            for k, v in e.items():
                if k in ("mac", "ifname", "vlan", "master", "updated", "used"):
                    continue
                f[k] = json.dumps(sorted(v)) if isinstance(v, list) else self.ip(v) if k == "dst" else json.dumps(v)
            self.put(key, f)

    def do_routes(self, fam, routes):
        for r in routes:
            table = self.table(r.get("table", "254"))
            key = "route%s %s %s %s dev %s metric %s" % (
                fam, table, r.get("type", "unicast"), self.ip(r["dst"]), r.get("dev", "-"), r.get("metric", 0))
            f = {}
            for k, v in r.items():
                if k in ("table", "type", "dst", "dev", "metric", "expires", "cache"):
                    continue
                f[k] = self.ip(v) if k in ("prefsrc", "gateway") else json.dumps(sorted(v) if isinstance(v, list) else v)
            self.put(key, f)

    def do_rules(self, fam, rules):
        for r in rules:
            r = dict(r)
            if "table" in r:
                r["table"] = self.table(r["table"])
            self.put("rule%s %s" % (fam, json.dumps(r, sort_keys=True)), {})

    def do_sysctls(self, path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                p, _, v = line.rstrip("\n").partition(":")
                fam, _, dev, name = p.split("/", 3)
                self.put("sysctl net.%s.conf.%s.%s" % (fam, dev.replace(".", "/"), name), {"value": v})


def compare(a, b):
    diffs = []
    for key in sorted(set(a.objs) | set(b.objs)):
        if key not in b.objs:
            diffs.append((key, "(object)", "present", "absent"))
        elif key not in a.objs:
            diffs.append((key, "(object)", "absent", "present"))
        else:
            fa, fb = a.objs[key], b.objs[key]
            for k in sorted(set(fa) | set(fb)):
                va, vb = fa.get(k, "(none)"), fb.get(k, "(none)")
                if va != vb:
                    diffs.append((key, k, va, vb))
    return diffs


def load_known(path):
    known = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 5:
                sys.exit("%s:%d: want 5 tab-separated columns (object, field, ifcc, ifupdown2, reason)" % (path, n))
            known.append((n, cols))
    return known


def main(argv):
    known_path, show = None, None
    while argv and argv[0].startswith("--"):
        if argv[0] == "--known":
            known_path, argv = argv[1], argv[2:]
        elif argv[0] == "--show":
            show, argv = argv[1], argv[2:]
        else:
            sys.exit("normalise.py: unknown option " + argv[0])
    if len(argv) != 3:
        sys.exit(__doc__)
    cfg = configured_macs(argv[0])
    a, b = Dump(argv[1], cfg), Dump(argv[2], cfg)
    if show:
        for side, d in (("ifcc", a), ("ifupdown2", b)):
            for k, f in d.objs.items():
                if show in k:
                    print(side, k, json.dumps(f, sort_keys=True))
        return 0
    known = load_known(known_path) if known_path else []
    used = set()
    unknown = []
    for d in compare(a, b):
        for n, cols in known:
            if all(fnmatch.fnmatchcase(x, pat) for x, pat in zip(d, cols[:4])):
                used.add(n)
                print("known\t" + "\t".join(d) + "\t# " + cols[4])
                break
        else:
            unknown.append(d)
            print("DIFF\t" + "\t".join(d))
    for n, cols in known:
        if n not in used:
            print("note: %s:%d did not occur: %s" % (known_path, n, "\t".join(cols[:4])))
    print("%d objects from ifcc, %d from ifupdown2; %d differences not known" %
          (len(a.objs), len(b.objs), len(unknown)))
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
