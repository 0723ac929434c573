#!/usr/bin/env python3
"""Generates parser/keywords_table.c and include/ifcc/keyword_ids.h from parser/keywords.tsv.

Usage: gen-keywords.py [--check] [--tsv PATH] [--out PATH] [--ids PATH]

The TSV is the human-edited source of the attribute table (one row per attribute name,
aliases included). This script checks it, sorts the rows in strcmp order and writes the C
table with its lookup functions (a perfect hash), and the header of keyword ids (the index
of each row). With --check it writes nothing and fails when a committed file differs from
what it would write.
"""

import argparse
import os
import sys

COLUMNS = ["name", "module", "type", "values", "min", "max", "family", "default", "multi",
           "kinds", "alias_of", "replaced_by", "flags", "doc"]
TYPES = ["TEXT", "UINT", "ENUM", "IP", "PREFIX", "MAC", "VLAN_LIST", "VNI_MAP", "PORT_LIST",
         "IFACE", "VRF_TABLE", "ADDR_VIRTUAL", "VRRP", "IFACE_VALUES", "CLAGD_BACKUP",
         "IP_OR_WORD", "VID_IP_LIST"]
KINDS = ["LOOPBACK", "PHYSICAL", "BOND", "BRIDGE", "BRIDGE_PORT", "VLAN", "VRF", "VXLAN",
         "TUNNEL", "VETH", "DUMMY", "OTHER", "BRIDGE_VLAN", "ANY"]
FLAGS = ["deprecated", "compat", "cumulus"]
MULTI = {"first": "KW_FIRST_LINE", "all": "KW_ALL_LINES"}
# Types whose value is checked against `values` (required), and against [min, max].
NEED_VALUES = {"ENUM", "IP_OR_WORD"}
NEED_RANGE = {"UINT", "VLAN_LIST"}
HAS_FAMILY = {"IP", "PREFIX", "IP_OR_WORD"}
# Columns an alias row leaves empty: they come from the canonical row.
ALIAS_COPIED = ["module", "type", "values", "min", "max", "family", "default", "multi", "kinds"]
UINT64_MAX = (1 << 64) - 1


class TsvError(Exception):
    pass


def read_rows(path):
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            where = f"{path}:{lineno}"
            if header is None:
                if cells != COLUMNS:
                    raise TsvError(f"{where}: the header must be: {' '.join(COLUMNS)}")
                header = cells
                continue
            if len(cells) != len(COLUMNS):
                raise TsvError(f"{where}: {len(cells)} cells, expected {len(COLUMNS)}")
            row = dict(zip(COLUMNS, (c.strip() for c in cells)))
            row["where"] = where
            rows.append(row)
    if header is None:
        raise TsvError(f"{path}: no header line")
    return rows


def words(cell):
    return [w for w in cell.split("|")] if cell else []


def check_row(r, errors):
    w = r["where"]
    name = r["name"]
    if not name or any(c.isspace() for c in name) or not name.isascii():
        errors.append(f"{w}: bad name '{name}'")
    if not r["doc"]:
        errors.append(f"{w}: {name}: no doc")
    for col in COLUMNS:
        if '"' in r[col] or "\\" in r[col]:
            errors.append(f"{w}: {name}: {col}: no quotes or backslashes, please")
    if r["alias_of"]:
        for col in ALIAS_COPIED + ["replaced_by", "flags"]:
            if r[col]:
                errors.append(f"{w}: {name}: alias row: leave '{col}' empty (copied from "
                              f"{r['alias_of']})")
        return
    t = r["type"]
    if t not in TYPES:
        errors.append(f"{w}: {name}: unknown type '{t}' (one of {', '.join(TYPES)})")
    if not r["module"]:
        errors.append(f"{w}: {name}: no module")
    if r["multi"] not in MULTI:
        errors.append(f"{w}: {name}: multi must be first or all, not '{r['multi']}'")
    ks = words(r["kinds"])
    if not ks:
        errors.append(f"{w}: {name}: no kinds")
    for k in ks:
        if k not in KINDS:
            errors.append(f"{w}: {name}: unknown kind '{k}' (one of {', '.join(KINDS)})")
    for fl in words(r["flags"]):
        if fl not in FLAGS:
            errors.append(f"{w}: {name}: unknown flag '{fl}' (one of {', '.join(FLAGS)})")
    if r["replaced_by"] and "deprecated" not in words(r["flags"]):
        errors.append(f"{w}: {name}: replaced_by without the deprecated flag")
    vals = words(r["values"])
    if len(set(vals)) != len(vals) or any(not v or v != v.strip() for v in vals):
        errors.append(f"{w}: {name}: values: empty or repeated words")
    if t in NEED_VALUES and not vals:
        errors.append(f"{w}: {name}: type {t} needs values")
    if vals and t not in NEED_VALUES | {"IFACE_VALUES"}:
        errors.append(f"{w}: {name}: type {t} takes no values")
    lo, hi = r["min"], r["max"]
    if bool(lo) != bool(hi):
        errors.append(f"{w}: {name}: give both min and max, or neither")
    elif lo:
        if not (lo.isdigit() and hi.isdigit()):
            errors.append(f"{w}: {name}: min and max must be decimal numbers")
        elif not int(lo) <= int(hi) <= UINT64_MAX:
            errors.append(f"{w}: {name}: min > max, or max too big")
        if t not in NEED_RANGE | {"IFACE_VALUES"}:
            errors.append(f"{w}: {name}: type {t} takes no min/max")
    if t in NEED_RANGE and not lo:
        errors.append(f"{w}: {name}: type {t} needs min and max")
    if t == "IFACE_VALUES" and not lo and not vals:
        errors.append(f"{w}: {name}: IFACE_VALUES needs values or min and max")
    fam = r["family"]
    if t in HAS_FAMILY:
        if fam not in ("0", "4", "6"):
            errors.append(f"{w}: {name}: type {t} needs family 0, 4 or 6")
    elif fam:
        errors.append(f"{w}: {name}: type {t} takes no family")


def load(path):
    rows = read_rows(path)
    errors = []
    by_name = {}
    for r in rows:
        check_row(r, errors)
        if r["name"] in by_name:
            errors.append(f"{r['where']}: duplicate name '{r['name']}' (first at "
                          f"{by_name[r['name']]['where']})")
        by_name[r["name"]] = r
    for r in rows:
        for col in ("alias_of", "replaced_by"):
            target = r[col]
            if not target:
                continue
            t = by_name.get(target)
            if t is None:
                errors.append(f"{r['where']}: {r['name']}: {col} '{target}' is not a row")
            elif t["alias_of"]:
                errors.append(f"{r['where']}: {r['name']}: {col} '{target}' is itself an alias")
            elif target == r["name"]:
                errors.append(f"{r['where']}: {r['name']}: {col} names itself")
    if errors:
        raise TsvError("\n".join(errors))
    for r in rows:
        if r["alias_of"]:
            canon = by_name[r["alias_of"]]
            for col in ALIAS_COPIED:
                r[col] = canon[col]
    rows.sort(key=lambda r: r["name"].encode("ascii"))
    return rows


def c_str(s):
    return f'"{s}"'


def c_ident(name):
    return "".join(c if c.isalnum() else "_" for c in name)


def c_u64(n):
    return f"UINT64_C({n})" if n > 0xffffffff else str(n)


def wrap(items, width):
    """Comma-separated items on lines of at most `width` columns, each ending with a comma."""
    lines, cur = [], ""
    for it in items:
        piece = it + ","
        if cur and len(cur) + 1 + len(piece) > width:
            lines.append(cur)
            cur = piece
        else:
            cur = f"{cur} {piece}" if cur else piece
    if cur:
        lines.append(cur)
    return lines


# Lookup: a perfect hash (hash and displace). FNV-1a over the name picks a bucket from the
# top bits; the bucket's displacement d moves every name of the bucket to a slot of its own:
# slot = (h + d * ((h >> 16) | 1)) mod NSLOTS. The C side computes the same in uint32_t.
NSLOTS = 512
NBUCKETS = 128
FNV_BASIS = 2166136261
FNV_PRIME = 16777619
M32 = 0xFFFFFFFF


def fnv1a(name):
    h = FNV_BASIS
    for b in name.encode("ascii"):
        h = ((h ^ b) * FNV_PRIME) & M32
    return h


def bucket_of(h):
    return h >> 25  # top 7 bits: NBUCKETS = 128


def slot_of(h, d):
    return ((h + d * ((h >> 16) | 1)) & M32) % NSLOTS


def perfect_hash(names):
    """Displacements per bucket (0..255) and the slot table (index or 255 for empty)."""
    buckets = [[] for _ in range(NBUCKETS)]
    for i, n in enumerate(names):
        buckets[bucket_of(fnv1a(n))].append(i)
    slots = [255] * NSLOTS
    disp = [0] * NBUCKETS
    for b in sorted(range(NBUCKETS), key=lambda b: -len(buckets[b])):
        if not buckets[b]:
            continue
        for d in range(256):
            want = [slot_of(fnv1a(names[i]), d) for i in buckets[b]]
            if len(set(want)) == len(want) and all(slots[w] == 255 for w in want):
                for i, w in zip(buckets[b], want):
                    slots[w] = i
                disp[b] = d
                break
        else:
            raise TsvError(f"no perfect hash displacement for bucket {b}; change NSLOTS")
    return disp, slots


def c_enum_ident(name):
    return "KWI_" + c_ident(name).upper()


def emit_bytes(emit, ctype, ident, values):
    emit(f"static const {ctype} {ident}[{len(values)}] = {{")
    for chunk in wrap([str(v) for v in values], 100 - 8):
        emit("\t" + chunk)
    emit("};")


def emit_lookup(emit, rows):
    names = [r["name"] for r in rows]
    if len(names) >= 255:
        raise TsvError("more than 254 rows: widen the slot table")
    index = {n: i for i, n in enumerate(names)}
    disp, slots = perfect_hash(names)
    emit_bytes(emit, "uint8_t", "kw_disp", disp)
    emit_bytes(emit, "uint8_t", "kw_slot", slots)
    emit_bytes(emit, "uint8_t", "kw_len", [len(n) for n in names])
    emit_bytes(emit, "uint8_t", "kw_canon",
               [index[r["alias_of"]] if r["alias_of"] else index[r["name"]] for r in rows])
    emit("")
    emit("const struct ifcc_keyword *ifcc_keyword_find_n(const char *name, size_t n)")
    emit("{")
    emit("\tuint32_t h = IFCC_KW_HASH_INIT;")
    emit("\tfor (size_t i = 0; i < n; i++)")
    emit("\t\th = IFCC_KW_HASH_STEP(h, name[i]);")
    emit("\treturn ifcc_keyword_find_h(name, n, h);")
    emit("}")
    emit("")
    emit("const struct ifcc_keyword *ifcc_keyword_find_h(const char *name, size_t n, uint32_t h)")
    emit("{")
    emit("\tuint32_t d = kw_disp[h >> 25];")
    emit(f"\tunsigned k = kw_slot[(h + d * ((h >> 16) | 1u)) % {NSLOTS}u];")
    emit("\tif (k == 255 || kw_len[k] != n || memcmp(ifcc_keywords[k].name, name, n))")
    emit("\t\treturn NULL;")
    emit("\treturn &ifcc_keywords[k];")
    emit("}")
    emit("")
    emit("const struct ifcc_keyword *ifcc_keyword_find(const char *name)")
    emit("{")
    emit("\treturn name ? ifcc_keyword_find_n(name, strlen(name)) : NULL;")
    emit("}")
    emit("")
    emit("const struct ifcc_keyword *ifcc_keyword_canonical(const struct ifcc_keyword *kw)")
    emit("{")
    emit("\treturn kw ? &ifcc_keywords[kw_canon[kw - ifcc_keywords]] : NULL;")
    emit("}")


def generate_ids(rows):
    out = []
    emit = out.append
    emit("/* generated by scripts/gen-keywords.py from parser/keywords.tsv; do not edit */")
    emit("#ifndef IFCC_KEYWORD_IDS_H")
    emit("#define IFCC_KEYWORD_IDS_H")
    emit("")
    emit("/* Index of each attribute in ifcc_keywords[] (sorted by name). */")
    emit("enum ifcc_kw_id {")
    seen = {}
    for i, r in enumerate(rows):
        ident = c_enum_ident(r["name"])
        if ident in seen:
            raise TsvError(f"{r['where']}: {r['name']} and {seen[ident]} both make {ident}")
        seen[ident] = r["name"]
        emit(f"\t{ident} = {i},")
    emit(f"\tKWI_COUNT = {len(rows)}")
    emit("};")
    emit("")
    emit("/* The names' hash (32-bit FNV-1a), for ifcc_keyword_find_h: a caller that reads a")
    emit(" * name byte by byte anyway computes it on the way. */")
    emit(f"#define IFCC_KW_HASH_INIT {FNV_BASIS}u")
    emit(f"#define IFCC_KW_HASH_STEP(h, c) (((h) ^ (unsigned char)(c)) * {FNV_PRIME}u)")
    emit("")
    emit("#endif")
    return "\n".join(out) + "\n"


def generate(rows):
    out = []
    emit = out.append
    emit("/* generated by scripts/gen-keywords.py from parser/keywords.tsv; do not edit */")
    emit("")
    emit('#include "ifcc/keywords.h"')
    emit("")
    emit("#include <stdint.h>")
    emit("#include <string.h>")
    emit("")
    # One static word array per distinct word list, named after its first user.
    arrays = {}
    for r in rows:
        if r["alias_of"] or not r["values"]:
            continue
        key = r["values"]
        if key in arrays:
            continue
        ident = "kw_values_" + c_ident(r["name"])
        arrays[key] = ident
        items = [c_str(v) for v in words(key)] + ["NULL"]
        line = f"static const char *const {ident}[] = {{{', '.join(items)}}};"
        if len(line) <= 100:
            emit(line)
        else:
            emit(f"static const char *const {ident}[] = {{")
            for chunk in wrap(items, 100 - 8):
                emit("\t" + chunk)
            emit("};")
    emit("")
    emit("const struct ifcc_keyword ifcc_keywords[] = {")
    for r in rows:
        flags = words(r["flags"])
        deprecated = "deprecated" in flags
        kinds = " | ".join("KWK_" + k for k in words(r["kinds"]))
        fields = [f".name = {c_str(r['name'])}",
                  f".module = {c_str(r['module'])}",
                  f".type = KW_{r['type']}"]
        if r["values"]:
            fields.append(f".values = {arrays[r['values']]}")
        if r["min"]:
            fields.append(f".min = {c_u64(int(r['min']))}")
            fields.append(f".max = {c_u64(int(r['max']))}")
        if r["family"] and r["family"] != "0":
            fields.append(f".family = {r['family']}")
        if r["default"]:
            fields.append(f".def = {c_str(r['default'])}")
        fields.append(f".multi = {MULTI[r['multi']]}")
        fields.append(f".kinds = {kinds}")
        if r["alias_of"]:
            fields.append(f".alias_of = {c_str(r['alias_of'])}")
        if deprecated:
            fields.append(f".replaced_by = {c_str(r['replaced_by'])}")
            fields.append(".deprecated = true")
        if "compat" in flags:
            fields.append(".compat = true")
        if "cumulus" in flags:
            fields.append(".cumulus = true")
        fields.append(f".doc = {c_str(r['doc'])}")
        emit("\t{")
        for f in fields:
            emit(f"\t\t{f},")
        emit("\t},")
    emit("};")
    emit("")
    emit("const size_t ifcc_nkeywords = sizeof(ifcc_keywords) / sizeof(ifcc_keywords[0]);")
    emit("")
    emit_lookup(emit, rows)
    return "\n".join(out) + "\n"


def update(path, text, check, nrows):
    """Writes (or with check, compares) one generated file; returns 0 or 1."""
    try:
        with open(path, encoding="utf-8") as f:
            current = f.read()
    except FileNotFoundError:
        current = None
    if check:
        if current != text:
            print(f"gen-keywords: {path} is out of date; run scripts/gen-keywords.py",
                  file=sys.stderr)
            return 1
        print(f"gen-keywords: {path} is up to date ({nrows} rows)")
        return 0
    if current != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        print(f"gen-keywords: wrote {path} ({nrows} rows)")
    else:
        print(f"gen-keywords: {path} already up to date ({nrows} rows)")
    return 0


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="fail if the output files are not up to date; write nothing")
    ap.add_argument("--tsv", default=os.path.join(root, "parser", "keywords.tsv"))
    ap.add_argument("--out", default=os.path.join(root, "parser", "keywords_table.c"))
    ap.add_argument("--ids", default=os.path.join(root, "include", "ifcc", "keyword_ids.h"))
    args = ap.parse_args()
    try:
        rows = load(args.tsv)
        text = generate(rows)
        ids = generate_ids(rows)
    except (TsvError, OSError) as e:
        print(f"gen-keywords: {e}", file=sys.stderr)
        return 1
    return (update(args.out, text, args.check, len(rows)) |
            update(args.ids, ids, args.check, len(rows)))


if __name__ == "__main__":
    sys.exit(main())
