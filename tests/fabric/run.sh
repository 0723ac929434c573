#!/usr/bin/env bash
# ifcc lint --fabric:
#  - the reference lab as a fabric: the pairs leaf01/leaf02 and border01/border02 are
#    found from clagd-sys-mac; no error, only the borders' vrr-mac-range warnings;
#  - every single-fault variant of faults.tsv reports exactly its diagnostic, at its
#    file:line:col, with a note in another device's file;
#  - the nested DEVICE/etc/network/interfaces form, --pair, and bad --pair arguments;
#  - the MLAG pairs of tests/data/corpus (INDEX.tsv, column mlag_peer_path), each pair a
#    fabric of two symlinked device folders, and the corpus folders that are whole labs:
#    the errors must be exactly those of corpus-expected.tsv, each a real defect.
set -uo pipefail
ifcc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# check DIR EXPECTED [LINT ARGS...]: lints DIR as a fabric (from inside it, so paths are
# DEVICE/interfaces) and compares with EXPECTED ("FILE:LINE:COL RULE", or "" for none);
# vrr-mac-range warnings are the lab's own and are left out of the comparison.
check() {
	local dir=$1 want=$2
	shift 2
	(cd "$dir" && "$ifcc" lint --format=json "$@" --fabric . >"$tmp/out.json" 2>"$tmp/err")
	local rc=$?
	python3 - "$tmp/out.json" "$want" "$rc" <<'PY'
import json, sys
out, want, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    diags = json.load(open(out))["diagnostics"]
except Exception as e:
    print(f"    no JSON output (exit {rc}): {e}")
    sys.exit(1)
got = [d for d in diags if d["rule"] != "vrr-mac-range"]
problems = []
if want:
    wloc, wrule = want.split(" ")
    hits = [d for d in got if f'{d["file"]}:{d["line"]}:{d["column"]}' == wloc
            and d["rule"] == wrule]
    if not hits:
        problems.append(f"missing {wrule} at {wloc}")
    for d in hits:
        dev = d["file"].split("/")[0]
        if not any(r["file"].split("/")[0] != dev for r in d["related"]):
            problems.append(f"{wrule} has no note in another device's file")
    others = [d for d in got if d not in hits]
    want_rc = 1 if any(d["severity"] == "error" for d in hits) else 0
else:
    others = got
    want_rc = 0
for d in others:
    problems.append(f'unexpected {d["severity"]} {d["rule"]} at '
                    f'{d["file"]}:{d["line"]}:{d["column"]}: {d["message"]}')
if rc != want_rc:
    problems.append(f"exit status {rc}, expected {want_rc}")
for p in problems:
    print("   ", p)
sys.exit(1 if problems else 0)
PY
}

lab() {
	rm -rf "$tmp/lab"
	cp -r "$data/lab" "$tmp/lab"
}

# The lab: clean.
lab
if msg=$(check "$tmp/lab" ""); then pass; else fail "the lab as a fabric is not clean"; echo "$msg"; fi

# The lab's pairs are found without being told: a fault on each pair is seen.
while IFS=$'\t' read -r name file script want; do
	case $name in '#'* | '') continue ;; esac
	lab
	sed -i "$script" "$tmp/lab/$file"
	if cmp -s "$data/lab/$file" "$tmp/lab/$file"; then
		fail "$name: the sed script '$script' changes nothing in $file"
		continue
	fi
	if msg=$(check "$tmp/lab" "$want"); then pass; else fail "fault $name"; echo "$msg"; fi
done <"$here/faults.tsv"

# The nested form DEVICE/etc/network/interfaces is a device too.
lab
mkdir -p "$tmp/lab/leaf02/etc/network"
mv "$tmp/lab/leaf02/interfaces" "$tmp/lab/leaf02/etc/network/interfaces"
if msg=$(check "$tmp/lab" ""); then pass; else fail "nested form: not clean"; echo "$msg"; fi
sed -i '119s|10.1.10.1/24|10.1.10.9/24|' "$tmp/lab/leaf02/etc/network/interfaces"
if msg=$(check "$tmp/lab" "leaf02/etc/network/interfaces:119:39 mlag-vrr-vip-mismatch"); then
	pass
else
	fail "nested form: the fault is not seen"
	echo "$msg"
fi

# --pair: without a shared clagd-sys-mac the pair is only known when forced.
lab
sed -i '90s|44:38:39:ff:00:01|44:38:39:ff:00:02|' "$tmp/lab/leaf02/interfaces" # another sys-mac
sed -i '119s|10.1.10.1/24|10.1.10.9/24|' "$tmp/lab/leaf02/interfaces"          # vlan10's VIP
if msg=$(check "$tmp/lab" ""); then pass; else fail "unpaired leaf02: pair rules ran"; echo "$msg"; fi
if msg=$(check "$tmp/lab" "leaf02/interfaces:119:39 mlag-vrr-vip-mismatch" --pair leaf01,leaf02); then
	pass
else
	fail "--pair leaf01,leaf02: the fault is not seen"
	echo "$msg"
fi
for bad in leaf01 leaf01,nosuch leaf01,leaf01 "leaf01,leaf02 --pair leaf02,border01"; do
	# shellcheck disable=SC2086 # word splitting of the last case is wanted
	(cd "$tmp/lab" && "$ifcc" lint --fabric . --pair $bad >/dev/null 2>"$tmp/err")
	rc=$?
	if [ "$rc" -eq 2 ] && [ -s "$tmp/err" ]; then pass; else fail "--pair $bad: exit $rc, expected 2 with a message"; fi
done
if "$ifcc" lint --fabric "$tmp/nosuch" >/dev/null 2>&1; [ $? -eq 2 ]; then pass; else fail "--fabric of a missing folder: exit status not 2"; fi

# A generated fabric (bench/gen-leaf.py --pair K): four pairs sharing the VRR gateways of
# every VLAN (a distributed anycast gateway) is clean.
mkdir -p "$tmp/gen"
for k in 0 1 2 3; do
	python3 "$here/../../bench/gen-leaf.py" --pair "$k" 10 "$tmp/gen" || fail "gen-leaf.py --pair $k"
done
if msg=$(check "$tmp/gen" ""); then pass; else fail "generated fabric of 4 pairs is not clean"; echo "$msg"; fi
sed -i 's|clagd-sys-mac 44:38:39:ff:00:03|clagd-sys-mac 44:38:39:ff:00:01|' "$tmp/gen/leaf05/interfaces"
if msg=$(check "$tmp/gen" "leaf05/interfaces:$(grep -n clagd-sys-mac "$tmp/gen/leaf05/interfaces" | cut -d: -f1):19 mlag-sys-mac-reused"); then
	pass
else
	fail "generated fabric: a pair's sys-mac on a third device is not seen"
	echo "$msg"
fi

# The corpus: every MLAG pair alone, then the folders that are whole labs.
cd "$data/corpus" || exit 1
{
	tail -n +2 INDEX.tsv | awk -F'\t' '$6 != "" && $1 < $6 { print $1 "\t" $6 }'
	for lab in cldemo-evpn-symmetric cldemo-evpn-centralized carrier-poc cldemo-evpn/mlag-branch \
		cldemo-lnv-to-evpn cldemo-openstack; do
		printf '%s\n' "$lab"/*/interfaces | paste -sd '\t'
	done
} >"$tmp/fabrics"
: >"$tmp/found"
n=0
while IFS= read -r line; do
	n=$((n + 1))
	f="$tmp/corpus$n"
	mkdir -p "$f"
	IFS=$'\t' read -ra files <<<"$line"
	for p in "${files[@]}"; do
		ln -s "$PWD/$(dirname "$p")" "$f/$(basename "$(dirname "$p")")"
	done
	# What fabric mode adds to linting each file alone (tests/corpus checks those).
	(cd "$f" && "$ifcc" lint --format=json --fabric . >"$tmp/out.json" 2>/dev/null)
	"$ifcc" lint --format=json "${files[@]}" >"$tmp/alone.json" 2>/dev/null
	python3 - "$tmp/out.json" "$tmp/alone.json" "$line" >>"$tmp/found" <<'PY'
import json, os, sys
paths = {os.path.basename(os.path.dirname(p)): os.path.dirname(p) for p in sys.argv[3].split("\t")}
def errors(path, fabric):
    out = set()
    for d in json.load(open(path))["diagnostics"]:
        if d["severity"] != "error":
            continue
        f = d["file"]
        if fabric:
            dev, rest = f.split("/", 1)
            f = f"{paths[dev]}/{rest}"
        out.add(f'{f}\t{d["line"]}\t{d["column"]}\t{d["rule"]}')
    return out
for e in sorted(errors(sys.argv[1], True) - errors(sys.argv[2], False)):
    print(e)
PY
done <"$tmp/fabrics"
sort -u "$tmp/found" >"$tmp/found.sorted"
grep -v '^#' "$here/corpus-expected.tsv" | cut -f1-4 | sort -u >"$tmp/expected"
if diff -u "$tmp/expected" "$tmp/found.sorted"; then
	pass
else
	fail "corpus fabric errors differ from tests/fabric/corpus-expected.tsv (- expected, + found)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
