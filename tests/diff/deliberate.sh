#!/usr/bin/env bash
# One test per deliberate difference between `ifcc query` and ifupdown2's `ifquery`
# (README.md, "ifcc query"): each shows what ifcc does, and what ifquery does instead.
set -uo pipefail
ifcc=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
ifquery=(/usr/bin/python3 /usr/sbin/ifquery)
fail=0
check() { # name, condition-result
	if [ "$2" = 0 ]; then echo "ok: $1"; else echo "FAIL: $1"; fail=1; fi
}
cd "$here/cases"

# 1. A range on the command line includes its last member (ifquery drops it).
out=$("$ifcc" query -i range.interfaces 'swp[1-3]')
[ "$(grep -c '^iface' <<<"$out")" = 3 ] && grep -q 'mtu 9000' <<<"$out"
check "command-line range swp[1-3] is inclusive in ifcc" $?
ref=$("${ifquery[@]}" -i range.interfaces 'swp[1-3]' 2>/dev/null)
[ "$(grep -c '^iface' <<<"$ref")" = 2 ] && ! grep -q 'swp3' <<<"$ref"
check "ifquery's range swp[1-3] stops at swp2 (the difference is real)" $?

# 2. `source` paths are relative to the including file, not to the working directory.
cd "$here"
out=$("$ifcc" query -i cases/src/top.interfaces -l)
[ "$out" = "$(printf 'top\na\ng1\ng2')" ]
check "source resolves against the including file's folder, globs sorted" $?
ref=$("${ifquery[@]}" -i cases/src/top.interfaces -l 2>/dev/null)
[ "$ref" = "top" ]
check "ifquery 3.0.0 resolves them against the working directory (finds none here)" $?
cd "$here/cases"

# 3. A Mako template is refused with one error at its first template line.
"$ifcc" query -i mako.interfaces -a >/dev/null 2>err.$$
st=$?
grep -q 'mako.interfaces:3:1: error: Mako template line' err.$$ && [ "$st" = 1 ]
check "Mako template refused, exit 1" $?
rm -f err.$$
ref=$("${ifquery[@]}" -i mako.interfaces -a 2>/dev/null)
grep -q 'vlan\${v}' <<<"$ref"
check "ifquery without python3-mako prints the template text as interface names" $?
exit $fail
