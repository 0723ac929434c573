#!/usr/bin/env python3
"""Renders the fixtures of this folder as SARIF and checks the log.

1. It validates against the SARIF 2.1.0 JSON schema (sarif-schema-2.1.0.json, see
   README.md here) with jsonschema (Debian: python3-jsonschema).
2. It checks what the schema cannot: ruleIndex points at the rule of ruleId, rule ids
   are unique, the rule table comes first, and the fixtures' results sit where they
   should (character columns, exclusive end column, percent-encoded and file:// URIs,
   related locations for notes).
"""
import argparse
import json
import os
import subprocess
import sys


def import_jsonschema():
    try:
        import jsonschema  # noqa: F401
        return jsonschema
    except ImportError:
        # Debian's python3-jsonschema lives beside /usr/bin/python3; PATH may name
        # another interpreter.
        if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        sys.exit("check-sarif: jsonschema is missing (apt-get install python3-jsonschema)")


FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)


def find(results, rule, line):
    for r in results:
        reg = r["locations"][0]["physicalLocation"].get("region", {})
        if r.get("ruleId") == rule and reg.get("startLine") == line:
            return r
    FAILURES.append(f"no {rule} result at line {line}")
    return None


def region(r):
    return r["locations"][0]["physicalLocation"]["region"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--render", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("--fixtures", required=True)
    a = ap.parse_args()
    jsonschema = import_jsonschema()

    fx = a.fixtures
    args = [
        "with space.interfaces=" + os.path.join(fx, "with space.interfaces"),
        "/etc/network/interfaces=" + os.path.join(fx, "vrr.interfaces"),
        "sub:dir/100%.interfaces=" + os.path.join(fx, "vrr.interfaces"),
    ]
    out = subprocess.run([a.render] + args, check=True, stdout=subprocess.PIPE).stdout
    log = json.loads(out)

    with open(a.schema, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(log),
                    key=lambda e: list(e.absolute_path))
    for e in errors:
        FAILURES.append("schema: /%s: %s" % ("/".join(map(str, e.absolute_path)), e.message))

    check(log["version"] == "2.1.0", "version")
    check(len(log["runs"]) == 1, "one run")
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    check(driver["name"] == "ifcc", "driver name")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    check(len(ids) == len(set(ids)), f"rule ids repeat: {ids}")
    table = [r["id"] for r in rules if "defaultConfiguration" in r]
    check(ids[:len(table)] == table, "the table's rules come first")
    check(table == sorted(table), f"the rule table is not sorted by id: {table}")
    for r in rules[:len(table)]:
        check(r["shortDescription"]["text"], f"{r['id']}: shortDescription")
        check("```" in r["help"]["markdown"], f"{r['id']}: examples in help")
    results = run["results"]
    check(len(results) > 0, "results")
    for r in results:
        i = r.get("ruleIndex")
        check(i is not None and 0 <= i < len(rules) and rules[i]["id"] == r["ruleId"],
              f"ruleIndex {i} of {r.get('ruleId')}")
        check(r["level"] in ("error", "warning", "note"), "level")
        reg = region(r)
        check(reg["endLine"] > reg["startLine"] or reg["endColumn"] > reg["startColumn"],
              f"empty region {reg}")
        for k, rel in enumerate(r.get("relatedLocations", [])):
            check(rel["id"] == k and rel["message"]["text"], "related location ids")
    used = {r["ruleId"] for r in results}
    for extra in ("address-family", "bad-value", "unknown-attribute"):
        check(extra in used and extra in ids and extra not in table,
              f"front-end rule {extra} in results and in driver.rules")

    # Line 3 is `iface éth1 ipx`: 'ipx' is bytes 13-15, characters 12-14.
    r = find(results, "address-family", 3)
    if r:
        check(region(r) == {"startLine": 3, "startColumn": 12, "endLine": 3,
                            "endColumn": 15}, f"address-family region {region(r)}")
        check(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
              "with%20space.interfaces", "uri with a space")
    # `    mtu nine`: the value is columns 9-12, so the exclusive end column is 13.
    r = find(results, "bad-value", 6)
    if r:
        check(region(r)["startColumn"] == 9 and region(r)["endColumn"] == 13,
              f"bad-value region {region(r)}")
        check(r["level"] == "error", "bad-value level")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    check("file:///etc/network/interfaces" in uris, f"absolute path as file URI: {uris}")
    check("sub%3Adir/100%25.interfaces" in uris, f"':' and '%' encoded: {uris}")
    r = find(results, "vrr-vip-is-unique", 16)
    if r:
        rel = r.get("relatedLocations", [])
        check(len(rel) == 1 and rel[0]["physicalLocation"]["region"]["startLine"] == 15 and
              rel[0]["message"]["text"] == "own address here",
              f"related location of vrr-vip-is-unique: {rel}")
    r = find(results, "unknown-attribute", 25)
    if r:
        check(r["level"] == "warning", "unknown-attribute is a warning")

    for f in FAILURES:
        print("FAIL:", f)
    print(f"{len(results)} results, {len(rules)} rules, {len(FAILURES)} failures")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
