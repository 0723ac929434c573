#!/usr/bin/env python3
"""Checks the compiled attribute table against ifupdown2's catalog.

Usage: check_catalog.py KEYWORDS_DUMP CATALOG_TSV

KEYWORDS_DUMP is the tests/keywords dump program (it prints the table as TSV); the
catalog is tests/data/ifupdown2-attrs.tsv. Every catalog attribute and alias must be in
the table with the catalog's range, literal values, default, first-line/all-lines
behaviour and deprecation, and a type that matches its validator; the table must hold
nothing else. The few places where the table departs from the catalog on purpose are
listed in DEPARTURES, each with its reason.
"""

import csv
import os
import subprocess
import sys

DUMP_COLUMNS = ["name", "module", "type", "values", "min", "max", "family", "default", "multi",
                "kinds", "alias_of", "replaced_by", "deprecated", "compat", "cumulus", "doc"]

# Validator keywords of the catalog and the table types (and IP family) that read them.
VALIDATOR_TYPES = {
    ("<ipv4/prefixlen>", "<ipv6/prefixlen>"): [("PREFIX", "0")],
    ("<ipv4>",): [("IP", "4")],
    ("<ipv6>",): [("IP", "6")],
    ("<ip6>",): [("IP", "6")],
    ("<ip>",): [("IP", "0")],
    ("<ipv4>", "<ipv6>"): [("IP", "0")],
    ("<ip>", "linklocal"): [("IP_OR_WORD", "0")],
    ("<ip> [vrf <name>]",): [("CLAGD_BACKUP", None)],
    ("<mac>",): [("MAC", None)],
    ("<mac-ip/prefixlen-list>",): [("ADDR_VIRTUAL", None)],
    ("<interface-list>",): [("PORT_LIST", None)],
    ("<interface>",): [("IFACE", None)],
    ("<number-comma-range-list>",): [("VLAN_LIST", None)],
    ("<number-ipv4-list>",): [("VID_IP_LIST", None)],
    ("<number-interface-list>",): [("TEXT", None)],
    ("<number>",): [("UINT", None)],
    ("<text>",): [("TEXT", None), ("IFACE", None)],  # vrf NAME names a VRF interface
    ("auto", "<number>"): [("VRF_TABLE", None)],
}

# name -> {field: (expected value in the table, reason)}
DEPARTURES = {
    "vxlan-ttl": {
        "type": ("UINT", "the catalog's validvals [0, 255] is meant as a range (example: 42)"),
        "values": ("", "same"),
        "range": (("0", "255"), "same"),
    },
    "bridge-arp-nd-suppress": {
        "multi": ("first", "the other reads of every line only test for presence (§2.3)"),
    },
    "bridge-l2protocol-tunnel": {
        "type": ("IFACE_VALUES", "the port form takes several words, the bridge form port=words"),
        "values": ("all|cdp|lacp|lldp|pvst|stp",
                   "the catalog lists every combination; the table lists the words"),
    },
}

# "all lines in some code paths, first line in others": what IFUPDOWN2-NOTES §2.3
# settles (the value that takes effect).
SOME_PATHS_ALL = {"address", "bridge-ports"}


def read_catalog(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    return [dict(zip(header, r)) for r in body]


def read_dump(prog):
    out = subprocess.run([prog], check=True, capture_output=True, text=True).stdout
    table = {}
    for line in out.splitlines():
        cells = line.split("\t")
        if len(cells) != len(DUMP_COLUMNS):
            raise SystemExit(f"bad dump line: {line!r}")
        table[cells[0]] = dict(zip(DUMP_COLUMNS, cells))
    return table


def split_validvals(cell):
    """'vals:a,b range:1-2' -> (['a', 'b'] or None, ('1', '2') or None)."""
    vals = rng = None
    rest = cell.strip()
    if rest.startswith("vals:"):
        body = rest[len("vals:"):]
        if " range:" in body:
            body, r = body.split(" range:", 1)
            rng = tuple(r.split("-"))
        # The clagd backup validator has a blank inside it; keep it whole.
        vals = [body] if body.startswith("<ip> [vrf") else body.split(",")
    elif rest.startswith("range:"):
        rng = tuple(rest[len("range:"):].split("-"))
    elif rest:
        raise ValueError(f"unreadable validvals {cell!r}")
    if vals and all(len(v) == 1 for v in vals) and "".join(vals).startswith("<"):
        vals = ["".join(vals)]  # a validator string split into characters (veth-peer-name)
    return vals, rng


def expected_multi(row):
    reads = row["code-reads"]
    if reads.startswith("all lines in some code paths"):
        return "all" if row["attribute"] in SOME_PATHS_ALL else "first"
    if reads.startswith("all lines"):
        return "all"
    if reads.startswith("first line") or not reads:
        return "first"
    raise ValueError(f"{row['attribute']}: unreadable code-reads {reads!r}")


def merge_duplicates(rows):
    """The openvswitch and openvswitch_port addons share some names: one row each."""
    merged = {}
    for r in rows:
        name = r["attribute"]
        vals, rng = split_validvals(r["validvals/range"])
        m = merged.setdefault(name, {"rows": [], "vals": None, "range": None,
                                     "default": "", "multi": "first"})
        m["rows"].append(r)
        if vals:
            if m["vals"] is None:
                m["vals"] = list(vals)
            else:
                m["vals"] += [v for v in vals if v not in m["vals"]]
        if rng and not m["range"]:
            m["range"] = rng
        if r["default"] and not m["default"]:
            m["default"] = r["default"]
        if expected_multi(r) == "all":
            m["multi"] = "all"
    return merged


def check(table, catalog):
    errors = []
    merged = merge_duplicates(catalog)
    seen = set()

    def err(name, msg):
        errors.append(f"{name}: {msg}")

    for name, m in merged.items():
        kw = table.get(name)
        if kw is None:
            err(name, "missing from the table")
            continue
        seen.add(name)
        first = m["rows"][0]
        dep = DEPARTURES.get(name, {})
        if kw["alias_of"] != "-":
            err(name, f"is an alias of {kw['alias_of']} in the table, a real attribute in "
                      "the catalog")
        addons = [r["addon"] for r in m["rows"]]
        cumulus = addons[0].startswith("clagd")
        want_module = "clagd" if cumulus else "|".join(addons)
        if kw["module"] != want_module:
            err(name, f"module {kw['module']}, catalog {want_module}")
        if kw["cumulus"] != str(int(cumulus)):
            err(name, f"cumulus flag {kw['cumulus']}, expected {int(cumulus)}")

        # Range.
        want_range = dep["range"][0] if "range" in dep else m["range"]
        if want_range and (kw["min"], kw["max"]) != tuple(want_range):
            err(name, f"range {kw['min']}-{kw['max']}, catalog {'-'.join(want_range)}")

        # Literal values and the validator type.
        vals = m["vals"] or []
        literal = [v for v in vals if not v.startswith("<")]
        validators = tuple(v for v in vals if v.startswith("<"))
        want_type = dep.get("type", (None,))[0]
        if "values" in dep:
            if kw["values"] != dep["values"][0]:
                err(name, f"values {kw['values']!r}, expected {dep['values'][0]!r}")
        elif validators and tuple(vals) in VALIDATOR_TYPES:
            allowed = VALIDATOR_TYPES[tuple(vals)]
            if not any(kw["type"] == t and (f is None or kw["family"] == f)
                       for t, f in allowed):
                err(name, f"type {kw['type']} family {kw['family']} does not read "
                          f"{','.join(vals)} (expected one of {allowed})")
            want_words = [w for w in literal if kw["type"] != "VRF_TABLE"]
            if kw["values"] != "|".join(want_words):
                err(name, f"values {kw['values']!r}, catalog {'|'.join(want_words)!r}")
        elif validators:
            # Per-port forms: "V" or "if=V ...", with the literal words or the range.
            if kw["type"] != "IFACE_VALUES" or not validators[0].startswith("<interface-"):
                err(name, f"type {kw['type']} for per-port validator {validators[0]}")
            if literal and kw["values"] != "|".join(literal):
                err(name, f"values {kw['values']!r}, catalog {'|'.join(literal)!r}")
            if not literal and not m["range"] and not kw["values"]:
                err(name, "per-port words missing")
        elif literal:
            if (want_type or "ENUM") != kw["type"]:
                err(name, f"type {kw['type']} for a word list")
            if want_type is None and kw["values"] != "|".join(literal):
                err(name, f"values {kw['values']!r}, catalog {'|'.join(literal)!r}")
        elif m["range"]:
            if kw["type"] not in ("UINT", "IFACE_VALUES"):
                err(name, f"type {kw['type']} for a range")
        if want_type and kw["type"] != want_type:
            err(name, f"type {kw['type']}, expected {want_type}")

        # Default ("varies by ..." is no value).
        want_def = m["default"]
        if want_def.startswith("varies"):
            want_def = ""
        if (kw["default"] if kw["default"] != "-" else "") != want_def:
            err(name, f"default {kw['default']!r}, catalog {want_def!r}")

        # First line or all lines.
        want_multi = dep["multi"][0] if "multi" in dep else m["multi"]
        if kw["multi"] != want_multi:
            err(name, f"multi {kw['multi']}, expected {want_multi}")

        # Deprecation and compat.
        depcell = first["deprecated/new-attribute"]
        deprecated = depcell.startswith("deprecated")
        replaced = depcell.split("->", 1)[1].split()[0] if "->" in depcell else ""
        if kw["deprecated"] != str(int(deprecated)):
            err(name, f"deprecated {kw['deprecated']}, catalog {int(deprecated)}")
        want_repl = replaced if deprecated else "-"
        if kw["replaced_by"] != want_repl:
            err(name, f"replaced_by {kw['replaced_by']!r}, catalog {want_repl!r}")
        compat = "compat" in depcell
        if kw["compat"] != str(int(compat)):
            err(name, f"compat {kw['compat']}, catalog {int(compat)}")

        # Aliases: rows of their own, read like the canonical attribute.
        for r in m["rows"]:
            for alias in r["aliases"].split():
                a = table.get(alias)
                seen.add(alias)
                if a is None:
                    err(alias, f"alias of {name} missing from the table")
                    continue
                if a["alias_of"] != name:
                    err(alias, f"alias_of {a['alias_of']}, catalog {name}")
                for field in ("type", "values", "min", "max", "family", "multi", "kinds"):
                    if a[field] != kw[field]:
                        err(alias, f"{field} {a[field]!r} differs from {name}'s {kw[field]!r}")

    for name in table:
        if name not in seen:
            err(name, "in the table but not in the catalog")
    return errors


def check_copy(catalog_path):
    """The copy in tests/data must match the shared original when that is at hand."""
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("IFCC_SHARED", os.path.join(here, "..", "..", "..", "shared"))
    original = os.path.join(shared, "ref", "ifupdown2-attrs.tsv")
    if not os.path.exists(original):
        return []
    with open(original, "rb") as a, open(catalog_path, "rb") as b:
        if a.read() != b.read():
            return [f"{catalog_path} differs from {original}"]
    return []


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    table = read_dump(sys.argv[1])
    catalog = read_catalog(sys.argv[2])
    errors = check(table, catalog) + check_copy(sys.argv[2])
    for e in errors:
        print(f"FAIL: {e}")
    if errors:
        return 1
    print(f"ok: {len(table)} table rows match {len(catalog)} catalog rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
