#!/usr/bin/env bash
# Rule fixtures and the rule table's examples, checked with `ifcc lint --format=json`.
#
#   run.sh --ifcc IFCC --dump DUMP fixtures DIR
#     Every DIR/**/RULE.bad.interfaces is linted alone. Each line
#         # expect: LINE:COL RULE
#     in it must match a diagnostic of RULE at that line and column, and no other
#     diagnostic of a rule named by an expect line may appear; the file must expect its
#     own RULE at least once. Every DIR/**/RULE.good.interfaces must give no diagnostic
#     of RULE. A rule that needs several files (a fabric) uses directories RULE.bad/ and
#     RULE.good/ instead: their file `args` holds the lint arguments, one a line, run
#     from inside the directory (e.g. `--fabric` and `leaf01/interfaces`), and the
#     expect lines of each file there are about that file (its path as in `args`).
#     Every rule of the table needs a bad and a good fixture: the run fails listing the
#     rules that have none.
#
#   run.sh --ifcc IFCC --dump DUMP examples
#     Every rule's bad example (docs/rules.md) must give its rule and the good example
#     must not. Each example is linted after a preamble (below) that defines a
#     VLAN-aware bridge `bridge` with bridge-vids 1-4094 and the VRFs RED and BLUE, so
#     examples may name them without defining them. Fabric rules' examples are skipped:
#     a single example is one device.
#
# Ends with "N passed, N failed".
set -uo pipefail

PREAMBLE='# Preamble of tests/rules/run.sh: names the examples may use.
auto bridge
iface bridge
    bridge-vlan-aware yes
    bridge-vids 1-4094

auto RED
iface RED
    vrf-table auto

auto BLUE
iface BLUE
    vrf-table auto

'

ifcc=
dump=
while [ $# -gt 0 ]; do
	case $1 in
	--ifcc) ifcc=$2; shift 2 ;;
	--dump) dump=$2; shift 2 ;;
	*) break ;;
	esac
done
mode=${1:-}
[ -n "$ifcc" ] && [ -n "$dump" ] && [ -n "$mode" ] || {
	echo "usage: run.sh --ifcc IFCC --dump DUMP fixtures DIR | examples" >&2
	exit 2
}
ifcc=$(realpath "$ifcc")
dump=$(realpath "$dump")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$dump" >"$tmp/rules.json" || { echo "cannot run $dump"; exit 1; }

passed=0
failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# lint_json OUT ARGS...: runs lint in the current directory; exit 2 is a failure.
lint_json() {
	local out=$1
	shift
	"$ifcc" lint --format=json "$@" >"$out" 2>"$out.err"
	local rc=$?
	if [ "$rc" -gt 1 ]; then
		echo "ifcc lint $* exited $rc: $(cat "$out.err")"
		return 1
	fi
}

# check_json MODE RULE LINT_JSON FILE...: compares the diagnostics with the expect lines
# of FILEs (mode bad) or checks that RULE is absent (mode good). Prints the problems.
check_json() {
	python3 - "$@" <<'EOF'
import json, re, sys
mode, rule, lint = sys.argv[1:4]
files = sys.argv[4:]
diags = json.load(open(lint, encoding="utf-8"))["diagnostics"]
got = {(d["file"], d["line"], d["column"], d["rule"]) for d in diags}
problems = []
if mode == "good":
    for d in diags:
        if d["rule"] == rule:
            problems.append(f"unexpected {rule} at {d['file']}:{d['line']}:{d['column']}: "
                            f"{d['message']}")
else:
    want = set()
    bad_lines = []
    for f in files:
        for n, line in enumerate(open(f, encoding="utf-8", errors="replace"), 1):
            m = re.search(r"#\s*expect:\s*(.*)$", line)
            if not m:
                continue
            e = re.fullmatch(r"(\d+):(\d+)\s+([a-z0-9-]+)\s*", m.group(1))
            if not e:
                bad_lines.append(f"{f}:{n}: malformed expect line (want LINE:COL RULE)")
                continue
            want.add((f, int(e.group(1)), int(e.group(2)), e.group(3)))
    problems += bad_lines
    if not any(w[3] == rule for w in want):
        problems.append(f"no '# expect: LINE:COL {rule}' line")
    named = {w[3] for w in want}
    for w in sorted(want - got):
        problems.append(f"missing {w[3]} at {w[0]}:{w[1]}:{w[2]}")
    for g in sorted(got - want):
        if g[3] in named:
            problems.append(f"unexpected {g[3]} at {g[0]}:{g[1]}:{g[2]}")
for p in problems:
    print("   ", p)
sys.exit(1 if problems else 0)
EOF
}

# fixture_file MODE RULE PATH
fixture_file() {
	local mode=$1 rule=$2 path=$3 dir base msg
	dir=$(dirname "$path")
	base=$(basename "$path")
	if ! msg=$(cd "$dir" && lint_json "$tmp/out.json" "$base" &&
		check_json "$mode" "$rule" "$tmp/out.json" "$base"); then
		fail "$path"
		echo "$msg"
	else
		pass
	fi
}

# fixture_dir MODE RULE DIR
fixture_dir() {
	local mode=$1 rule=$2 dir=$3 msg
	if [ ! -f "$dir/args" ]; then
		fail "$dir: no args file"
		return
	fi
	local -a args files
	mapfile -t args <"$dir/args"
	if ! msg=$(cd "$dir" && mapfile -t files < <(find . -type f ! -name args -printf '%P\n' | sort) &&
		lint_json "$tmp/out.json" "${args[@]}" &&
		check_json "$mode" "$rule" "$tmp/out.json" "${files[@]}"); then
		fail "$dir"
		echo "$msg"
	else
		pass
	fi
}

run_fixtures() {
	local root=$1 path name rule mode
	declare -A have_bad=() have_good=()
	while IFS= read -r path; do
		name=$(basename "$path")
		case $name in
		*.bad.interfaces) rule=${name%.bad.interfaces}; mode=bad ;;
		*.good.interfaces) rule=${name%.good.interfaces}; mode=good ;;
		*.bad) rule=${name%.bad}; mode=bad ;;
		*.good) rule=${name%.good}; mode=good ;;
		*) continue ;;
		esac
		if [ "$mode" = bad ]; then have_bad[$rule]=1; else have_good[$rule]=1; fi
		if [ -d "$path" ]; then
			fixture_dir "$mode" "$rule" "$path"
		else
			fixture_file "$mode" "$rule" "$path"
		fi
	done < <(find "$root" -mindepth 1 \( -type f -name '*.interfaces' -o -type d \( -name '*.bad' -o -name '*.good' \) -prune \) -print | sort)

	local missing=()
	while IFS= read -r rule; do
		[ -n "${have_bad[$rule]:-}" ] || missing+=("$rule (bad)")
		[ -n "${have_good[$rule]:-}" ] || missing+=("$rule (good)")
	done < <(python3 -c 'import json,sys; [print(r["id"]) for r in json.load(open(sys.argv[1]))]' "$tmp/rules.json")
	if [ "${#missing[@]}" -gt 0 ]; then
		fail "rules of the table without fixtures:"
		printf '    %s\n' "${missing[@]}"
	else
		pass
	fi
}

run_examples() {
	local n i id scope
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/rules.json")
	# The preamble itself must be clean, or examples would inherit its problems.
	printf '%s' "$PREAMBLE" >"$tmp/preamble.interfaces"
	if (cd "$tmp" && lint_json out.json preamble.interfaces) &&
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["diagnostics"]; [print("   ", x["rule"], x["message"]) for x in d]; sys.exit(1 if d else 0)' "$tmp/out.json"; then
		pass
	else
		fail "the preamble is not clean"
	fi
	for ((i = 0; i < n; i++)); do
		for mode in bad good; do
			python3 - "$tmp/rules.json" "$i" "$mode" "$tmp/example.interfaces" "$PREAMBLE" <<'EOF'
import json, sys
rules, i, mode, out, preamble = sys.argv[1:6]
r = json.load(open(rules))[int(i)]
with open(out, "w", encoding="utf-8") as f:
    f.write(preamble + r[mode].rstrip("\n") + "\n")
with open(out + ".id", "w") as f:
    f.write(r["id"] + " " + r["scope"] + "\n")
EOF
			read -r id scope <"$tmp/example.interfaces.id"
			if [ "$scope" != device ]; then
				echo "skip: $id ($scope rule) $mode example"
				continue
			fi
			local msg
			if ! msg=$(cd "$tmp" && lint_json out.json example.interfaces); then
				fail "$id $mode example"
				echo "$msg"
				continue
			fi
			local hits
			hits=$(python3 -c 'import json,sys; print(sum(d["rule"] == sys.argv[2] for d in json.load(open(sys.argv[1]))["diagnostics"]))' "$tmp/out.json" "$id")
			if [ "$mode" = bad ] && [ "$hits" -eq 0 ]; then
				fail "$id: the bad example does not trigger it"
				sed 's/^/    | /' "$tmp/example.interfaces"
			elif [ "$mode" = good ] && [ "$hits" -ne 0 ]; then
				fail "$id: the good example triggers it"
				sed 's/^/    | /' "$tmp/example.interfaces"
			else
				pass
			fi
		done
	done
}

case $mode in
fixtures) run_fixtures "${2:?fixtures DIR}" ;;
examples) run_examples ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
