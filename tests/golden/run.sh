#!/usr/bin/env bash
# Golden-file tests of `ifcc lint`.
#
# A case is cases/NAME.exit plus the files next to it:
#   NAME.interfaces  the input (the default argument list is just this file);
#   NAME.args        optional: one line of arguments that replaces the default list (extra
#                    options such as --werror, several files, a file that does not exist);
#   NAME.txt         expected stdout of `ifcc lint --color=never ARGS`;
#   NAME.json        expected stdout of `ifcc lint --format=json ARGS`;
#   NAME.exit        expected exit status (the same for both runs);
#   NAME.err         optional: expected stderr of both runs (absent: stderr must be empty).
# ifcc runs from inside cases/ with relative paths, so no absolute path is in any output.
# Files in sub-folders of cases/ are only read through `source` lines.
#
# Usage:
#   run.sh [--ifcc PATH] [--regen] [NAME...]   check (or rewrite) the named cases, or all
#   run.sh [--ifcc PATH] --generated NAME...   inputs generated at test time (too big to
#                                              commit); see gen_* below; "all" runs them all
#   run.sh --check-list NAME...                the names must be exactly the cases on disk
# PATH defaults to $IFCC, then to build/cli/ifcc. IFCC_REGEN=1 is the same as --regen.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cases=$here/cases
ifcc=${IFCC:-$here/../../build/cli/ifcc}
regen=${IFCC_REGEN:-0}
mode=golden
TIMEOUT=${IFCC_GOLDEN_TIMEOUT:-60}

while [ $# -gt 0 ]; do
	case $1 in
	--ifcc) ifcc=$2; shift 2 ;;
	--ifcc=*) ifcc=${1#--ifcc=}; shift ;;
	--regen) regen=1; shift ;;
	--generated) mode=generated; shift ;;
	--check-list) mode=list; shift ;;
	--) shift; break ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
[ "$regen" = 0 ] || regen=1

disk_cases() {
	local f
	for f in "$cases"/*.exit; do
		f=${f##*/}
		echo "${f%.exit}"
	done
}

if [ "$mode" = list ]; then
	if ! diff -u --label 'cases on disk' --label 'cases in meson.build' \
		<(disk_cases | LC_ALL=C sort) <(printf '%s\n' "$@" | LC_ALL=C sort); then
		echo "FAIL: tests/golden/meson.build must list every case of tests/golden/cases"
		exit 1
	fi
	exit 0
fi

if [ ! -x "$ifcc" ]; then
	echo "run.sh: no ifcc executable at $ifcc (build first, or pass --ifcc PATH)" >&2
	exit 2
fi
ifcc=$(realpath "$ifcc")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ifcc-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# Runs ifcc under a timeout: a hang is a failure, not a blocked test suite.
run_ifcc() { # stdout-file stderr-file args...
	local out=$1 err=$2
	shift 2
	timeout --kill-after=5 "$TIMEOUT" "$ifcc" "$@" >"$out" 2>"$err"
}

# diff that treats every file as text (some expectations hold raw non-UTF-8 bytes).
show_diff() { # expected actual label
	diff -a -u --label "expected $3" --label "actual $3" "$1" "$2"
}

check_case() { # name; prints a report and returns 1 on a mismatch
	local name=$1 args=() st_txt st_json ok=0
	if [ ! -f "$cases/$name.exit" ]; then
		echo "FAIL $name: no such case ($cases/$name.exit)"
		return 1
	fi
	if [ -f "$cases/$name.args" ]; then
		read -r -a args <"$cases/$name.args"
	else
		args=("$name.interfaces")
	fi
	local o=$tmp/$name
	(cd "$cases" && run_ifcc "$o.txt" "$o.txt.err" lint --color=never "${args[@]}")
	st_txt=$?
	(cd "$cases" && run_ifcc "$o.json" "$o.json.err" lint --format=json "${args[@]}")
	st_json=$?
	if [ "$st_txt" -ge 124 ] || [ "$st_json" -ge 124 ]; then
		echo "FAIL $name: ifcc timed out or crashed (exit $st_txt text, $st_json json)"
		cat "$o.txt.err" "$o.json.err"
		return 1
	fi
	if [ "$regen" = 1 ]; then
		if [ "$st_txt" != "$st_json" ]; then
			echo "FAIL $name: exit status $st_txt (text) differs from $st_json (json)"
			return 1
		fi
		cp "$o.txt" "$cases/$name.txt"
		cp "$o.json" "$cases/$name.json"
		echo "$st_txt" >"$cases/$name.exit"
		if [ -s "$o.txt.err" ]; then
			cp "$o.txt.err" "$cases/$name.err"
		else
			rm -f "$cases/$name.err"
		fi
		echo "regenerated $name"
		return 0
	fi
	local want_exit
	want_exit=$(head -n 1 "$cases/$name.exit")
	for fmt in txt json; do
		local st=$st_txt
		[ "$fmt" = json ] && st=$st_json
		if [ "$st" != "$want_exit" ]; then
			echo "FAIL $name ($fmt): exit status $st, expected $want_exit"
			ok=1
		fi
		if ! show_diff "$cases/$name.$fmt" "$o.$fmt" "$name.$fmt (stdout)"; then
			echo "FAIL $name ($fmt): stdout differs from $name.$fmt"
			ok=1
		fi
		local want_err=/dev/null
		[ -f "$cases/$name.err" ] && want_err=$cases/$name.err
		if ! show_diff "$want_err" "$o.$fmt.err" "$name stderr ($fmt run)"; then
			echo "FAIL $name ($fmt): unexpected stderr"
			ok=1
		fi
	done
	[ "$ok" = 0 ] && echo "ok $name"
	return "$ok"
}

# ---- Generated inputs: checked by exit status and grep, not golden files. ----------------

expect() { # name want-exit got-exit output-file pattern...
	local name=$1 want=$2 got=$3 out=$4 ok=0
	shift 4
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit status $got, expected $want"
		ok=1
	fi
	local p
	for p in "$@"; do
		if ! grep -qF -- "$p" "$out"; then
			echo "FAIL $name: output lacks: $p"
			ok=1
		fi
	done
	if [ "$ok" != 0 ]; then
		echo "--- output (first 40 lines):"
		head -n 40 "$out" | cut -c1-300
	fi
	return "$ok"
}

no_stderr() { # name stderr-file
	if [ -s "$2" ]; then
		echo "FAIL $1: unexpected stderr:"
		head -n 40 "$2"
		return 1
	fi
}

# A 100 MB file (sparse: no disk is used) is refused by its size, before it is read.
gen_too_large() {
	local d=$tmp/too-large st
	mkdir -p "$d"
	truncate -s 100M "$d/big.interfaces" || return 1
	(cd "$d" && run_ifcc out err lint --color=never big.interfaces)
	st=$?
	expect too-large 2 "$st" "$d/out" \
		"big.interfaces: error: big.interfaces is 104857600 bytes; files larger than" \
		"[file-too-large]" "1 error, 0 warnings" && no_stderr too-large "$d/err" || return 1
	# The same file reached through `source`: an error at the source line, exit 1.
	printf 'source big.interfaces\n' >"$d/top.interfaces"
	(cd "$d" && run_ifcc out err lint --color=never top.interfaces)
	st=$?
	expect too-large-sourced 1 "$st" "$d/out" \
		"top.interfaces:1:8: error: big.interfaces is 104857600 bytes" "[file-too-large]" &&
		no_stderr too-large-sourced "$d/err"
}

# One logical line of 1 MB (a valid attribute value) lints clean, and so does a value of
# 1 MB spread over 1000 continuation lines.
gen_long_line() {
	local d=$tmp/long-line st
	mkdir -p "$d"
	{
		printf 'auto eth0\niface eth0 inet static\n    address 10.0.0.1/24\n    alias '
		head -c 1048576 /dev/zero | tr '\0' x
		printf '\n    mtu 9000\n'
	} >"$d/long.interfaces"
	(cd "$d" && run_ifcc out err lint --werror --color=never long.interfaces)
	st=$?
	expect long-line 0 "$st" "$d/out" && no_stderr long-line "$d/err" || return 1
	if [ -s "$d/out" ]; then
		echo "FAIL long-line: expected no output"
		head -c 2000 "$d/out"
		return 1
	fi
	# A 1 MB value after the long line still reports an error at the right place.
	printf 'iface eth1 inet frob\n' >>"$d/long.interfaces"
	(cd "$d" && run_ifcc out err lint --color=never --format=json long.interfaces)
	st=$?
	expect long-line-then-error 1 "$st" "$d/out" '"line": 6,' '"column": 17,' \
		'"rule": "address-method"' && no_stderr long-line-then-error "$d/err"
}

# 10 000 files, each sourcing the next: the depth limit stops the chain early.
gen_deep_source() {
	local d=$tmp/deep-source st i
	mkdir -p "$d"
	for ((i = 0; i < 10000; i++)); do
		printf 'iface eth%d\n    mtu 1500\nsource f%d.conf\n' "$i" $((i + 1)) >"$d/f$i.conf"
	done
	local t0=$SECONDS
	(cd "$d" && run_ifcc out err lint --color=never f0.conf)
	st=$?
	expect deep-source 1 "$st" "$d/out" \
		"f32.conf:3:8: error: 'source' nested deeper than 32 files; f33.conf not read [source-depth]" \
		"In file included from f0.conf:3:8:" "1 error, 0 warnings" &&
		no_stderr deep-source "$d/err" || return 1
	if [ $((SECONDS - t0)) -gt 20 ]; then
		echo "FAIL deep-source: took $((SECONDS - t0)) s"
		return 1
	fi
}

# Glob results are read in sorted order whatever the order on disk: the files are created
# in reverse order, and each one's diagnostic must come out in name order.
gen_glob_order() {
	local d=$tmp/glob-order st i
	mkdir -p "$d/parts"
	for i in 20 19 18 17 16 15 14 13 12 11 10; do
		printf 'vlan br%d\n' "$i" >"$d/parts/p$i.conf"
	done
	printf 'source parts/*.conf\n' >"$d/top.interfaces"
	(cd "$d" && run_ifcc out err lint --color=never top.interfaces)
	st=$?
	expect glob-order 1 "$st" "$d/out" "11 errors, 0 warnings" &&
		no_stderr glob-order "$d/err" || return 1
	local got want
	got=$(grep -o "^parts/p[0-9]*\.conf" "$d/out" | tr '\n' ' ')
	want=$(printf 'parts/p%d.conf ' 10 11 12 13 14 15 16 17 18 19 20)
	if [ "$got" != "$want" ]; then
		echo "FAIL glob-order: files reported in the order: $got"
		return 1
	fi
}

generated=(too-large long-line deep-source glob-order)

if [ "$mode" = generated ]; then
	[ $# -eq 0 ] || [ "$1" = all ] && set -- "${generated[@]}"
	fail=0
	for g in "$@"; do
		case $g in
		too-large) gen_too_large ;;
		long-line) gen_long_line ;;
		deep-source) gen_deep_source ;;
		glob-order) gen_glob_order ;;
		*) echo "FAIL $g: no such generated test"; false ;;
		esac && echo "ok $g" || fail=1
	done
	exit "$fail"
fi

[ $# -gt 0 ] || mapfile -t names < <(disk_cases)
[ $# -eq 0 ] || names=("$@")
fail=0
for n in "${names[@]}"; do
	check_case "$n" || fail=1
done
if [ "$fail" != 0 ] && [ "$regen" = 0 ]; then
	echo "To accept the new output: tests/golden/run.sh --ifcc $ifcc --regen NAME..."
fi
exit "$fail"
