#!/usr/bin/env bash
# `ifcc lint --format=sarif` from the command line: the lab as a fabric must give a log
# that the SARIF 2.1.0 schema accepts, with the borders' vrr-mac-range warnings as results.
set -euo pipefail
ifcc=$(realpath "$1")
schema=$(realpath "$2")
lab=$(realpath "$3")
out=$(mktemp)
trap 'rm -f "$out"' EXIT
(cd "$lab" && "$ifcc" lint --format=sarif --fabric .) >"$out"
/usr/bin/python3 - "$out" "$schema" <<'PY'
import json, sys
import jsonschema
log = json.load(open(sys.argv[1]))
jsonschema.validate(log, json.load(open(sys.argv[2])))
results = log["runs"][0]["results"]
rules = {r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]}
got = sorted((r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
             for r in results)
want = [("vrr-mac-range", "border01/interfaces"), ("vrr-mac-range", "border02/interfaces")]
assert got == want, got
assert "vrr-svi-only" in rules and "mlag-vrr-vip-mismatch" in rules
print("ok: lab fabric as SARIF,", len(results), "results,", len(rules), "rules")
PY
