#!/usr/bin/python3
"""Differential test: `ifcc query` against ifupdown2's `ifquery` on real files.

For every file it compares, byte for byte, stdout and exit status of
  -a -o json,  -a (native),  and  -o json NAME... for every interface name of the file,
running both tools in the file's folder (so relative `source` lines resolve alike).
Besides the real files, the generated MLAG leaf pairs of bench/gen-leaf.py for N = 1000
and 4000 (225 KiB and 870 KiB): files that ifcc reads on two threads.
ifquery only reads files. A difference is allowed only if tests/diff/deliberate.tsv
lists it (file, mode, reason); the test fails on any other, and also on a listed
difference that no longer happens (the list must stay true).
"""
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
IFQUERY = ["/usr/bin/python3", "/usr/sbin/ifquery"]


def files():
    out = []
    for host in sorted(os.listdir(os.path.join(DATA, "lab"))):
        p = os.path.join("lab", host, "interfaces")
        if os.path.isfile(os.path.join(DATA, p)):
            out.append(p)
    with open(os.path.join(DATA, "corpus", "INDEX.tsv")) as f:
        for line in f.read().splitlines()[1:]:
            out.append(os.path.join("corpus", line.split("\t")[0]))
    peers = os.path.join(DATA, "peers")
    for root, _, names in sorted(os.walk(peers)):
        for n in sorted(names):
            if n.endswith((".interfaces", ".eni")):
                out.append(os.path.relpath(os.path.join(root, n), DATA))
    return out


def generated(tmp):
    """The bench's leaf pairs for N = 1000 and 4000, written into tmp (absolute paths)."""
    gen = os.path.join(HERE, "..", "..", "bench", "gen-leaf.py")
    out = []
    for n in (1000, 4000):
        d = os.path.join(tmp, f"n{n}")
        subprocess.run(["/usr/bin/python3", gen, str(n), d], check=True, capture_output=True)
        out += [os.path.join(d, leaf, "interfaces") for leaf in ("leaf01", "leaf02")]
    return out


def names(path):
    """Interface names of the stanzas (ranges skipped: see deliberate.tsv)."""
    seen = []
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    text = " ".join(p.strip() for p in text.split("\\"))
    for line in text.split("\n"):
        m = re.match(r"\s*(?:iface|vlan)\s+(\S+)", line)
        if m:
            n = m.group(1).split(":")[0]
            if "[" not in n and "$" not in n and n not in seen:
                seen.append(n)
    return seen


def run(cmd, cwd):
    try:
        p = subprocess.run(cmd, cwd=cwd, capture_output=True, timeout=120)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return "timeout", b""


def compare(ifcc, rel):
    path = os.path.join(DATA, rel)
    cwd, base = os.path.dirname(path), os.path.basename(path)
    modes = [("json-all", ["-a", "-o", "json"]), ("native-all", ["-a"])]
    ns = names(path)
    if ns:
        modes.append(("json-names", ["-o", "json"] + ns))
    results = []
    for mode, args in modes:
        ref = run(IFQUERY + ["-i", base] + args, cwd)
        got = run([ifcc, "query", "-i", base] + args, cwd)
        results.append((rel, mode, ref == got, ref, got))
    return results


def main():
    ifcc = os.path.abspath(sys.argv[1])
    if not os.path.exists(IFQUERY[1]):
        print("differential: ifupdown2's ifquery is not installed "
              "(scripts/install-deps.sh installs it)")
        return 1
    deliberate = {}
    with open(os.path.join(HERE, "deliberate.tsv")) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rel, mode, why = line.rstrip("\n").split("\t", 2)
            deliberate[(rel, mode)] = why
    with tempfile.TemporaryDirectory(prefix="ifcc-diff-") as tmp:
        paths = files() + generated(tmp)
        with ThreadPoolExecutor(max_workers=2) as ex:
            results = [r for rs in ex.map(lambda r: compare(ifcc, r), paths) for r in rs]
    agree = sum(1 for r in results if r[2])
    bad, stale, allowed = [], [], 0
    for rel, mode, same, ref, got in results:
        key = (rel, mode)
        if same and key in deliberate:
            stale.append(key)
        elif not same and key in deliberate:
            allowed += 1
        elif not same:
            bad.append((rel, mode, ref, got))
    for rel, mode, ref, got in bad:
        print(f"DIFFER {rel} [{mode}]: ifquery exit {ref[0]}, ifcc exit {got[0]}")
        a, b = ref[1].decode("utf-8", "replace").splitlines(), got[1].decode("utf-8", "replace").splitlines()
        for i in range(max(len(a), len(b))):
            x = a[i] if i < len(a) else "<none>"
            y = b[i] if i < len(b) else "<none>"
            if x != y:
                print(f"  line {i + 1}:\n    ifquery: {x!r}\n    ifcc:    {y!r}")
                break
    for rel, mode in stale:
        print(f"STALE deliberate.tsv entry: {rel} [{mode}] now agrees; remove it")
    print(f"differential: {len(paths)} files, {len(results)} comparisons: {agree} agree, "
          f"{allowed} deliberate differences, {len(bad)} unexpected, {len(stale)} stale")
    return 1 if bad or stale else 0


if __name__ == "__main__":
    sys.exit(main())
