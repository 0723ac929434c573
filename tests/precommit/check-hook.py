#!/usr/bin/env python3
"""Runs the ifcc-lint hook of .pre-commit-hooks.yaml the way pre-commit would.

pre-commit itself is not installed here, so this does its part: it reads the hook from
the manifest, checks the fields pre-commit requires, makes a scratch git repository of
DEVICE/interfaces files, takes the staged files (`git diff --cached --name-only`) that
match the hook's `files` (and not its `exclude`) regex with re.search, and runs `entry`
followed by those files from the repository's top, with the ifcc under test first on
PATH (language: system). A hook fails when its command exits non-zero.
"""
import argparse
import os
import re
import shlex
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    # Debian's python3-yaml lives beside /usr/bin/python3; PATH may name another python.
    if os.path.exists("/usr/bin/python3") and sys.executable != "/usr/bin/python3":
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("check-hook: PyYAML is missing (apt-get install python3-yaml)")

GOOD = """\
auto lo
iface lo inet loopback
    address 10.0.0.11/32

auto bridge
iface bridge
    bridge-vlan-aware yes
    bridge-ports swp1
    bridge-vids 10

auto vlan10
iface vlan10
    vlan-raw-device bridge
    vlan-id 10
    address 10.1.10.2/24
    address-virtual 00:00:5e:00:01:01 10.1.10.1/24
"""

UPLINKS = """\
auto swp51
iface swp51
    mtu 9216
"""

# address-virtual on a physical port: vrr-svi-only, an error.
BAD = """\
auto swp1
iface swp1
    address 10.1.10.2/24
    address-virtual 00:00:5e:00:01:01 10.1.10.1/24
"""

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)


def git(repo, *args):
    return subprocess.run(["git", "-C", repo] + list(args), check=True,
                          stdout=subprocess.PIPE, text=True).stdout


def write(repo, path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


def run_hook(hook, repo, ifcc_dir):
    """(files passed, exit status, output); status None when the hook is skipped."""
    staged = git(repo, "diff", "--cached", "--name-only", "--diff-filter=ACMR").split("\n")
    files = [f for f in staged if f and re.search(hook["files"], f)
             and not (hook.get("exclude") and re.search(hook["exclude"], f))]
    if not files:
        return files, None, ""
    env = dict(os.environ, PATH=ifcc_dir + os.pathsep + os.environ.get("PATH", ""))
    cmd = shlex.split(hook["entry"]) + hook.get("args", []) + files
    p = subprocess.run(cmd, cwd=repo, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    return files, p.returncode, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ifcc", required=True, help="the ifcc binary under test")
    ap.add_argument("--manifest", required=True, help=".pre-commit-hooks.yaml")
    a = ap.parse_args()
    ifcc_dir = os.path.dirname(os.path.abspath(a.ifcc))
    check(os.path.basename(a.ifcc) == "ifcc", "the binary must be called ifcc")

    with open(a.manifest, encoding="utf-8") as f:
        hooks = yaml.safe_load(f)
    check(isinstance(hooks, list), "the manifest is a list of hooks")
    hook = next((h for h in hooks if h.get("id") == "ifcc-lint"), None)
    if hook is None:
        print("FAIL: no hook ifcc-lint")
        return 1
    for key in ("id", "name", "entry", "language"):
        check(isinstance(hook.get(key), str) and hook[key], f"hook field {key}")
    check(hook["language"] in ("system", "script"), f"language {hook['language']}")
    check(shlex.split(hook["entry"])[:2] == ["ifcc", "lint"], "entry is `ifcc lint`")
    for name in ("interfaces", "leaf01/interfaces", "a/b/interfaces.d/x.intf", "x.intf"):
        check(re.search(hook["files"], name), f"files must match {name}")
    for name in ("interfaces.bak", "my-interfaces", "README.md", "x.intf.orig"):
        check(not re.search(hook["files"], name), f"files must not match {name}")

    with tempfile.TemporaryDirectory() as repo:
        git(repo, "init", "-q")
        write(repo, "leaf01/interfaces", GOOD)
        write(repo, "leaf01/interfaces.d/uplinks.intf", UPLINKS)
        write(repo, "leaf01/interfaces.bak", BAD)
        write(repo, "README.md", "# network configs\n")

        # Nothing that matches is staged: pre-commit skips the hook.
        git(repo, "add", "README.md", "leaf01/interfaces.bak")
        files, status, out = run_hook(hook, repo, ifcc_dir)
        check(status is None and not files, f"nothing to lint, yet ran on {files}")

        git(repo, "add", "leaf01")
        files, status, out = run_hook(hook, repo, ifcc_dir)
        check(files == ["leaf01/interfaces", "leaf01/interfaces.d/uplinks.intf"],
              f"files passed: {files}")
        check(status == 0, f"good files: exit {status}, want 0:\n{out}")

        write(repo, "leaf02/interfaces", BAD)
        git(repo, "add", "leaf02/interfaces")
        files, status, out = run_hook(hook, repo, ifcc_dir)
        check("leaf02/interfaces" in files, f"leaf02/interfaces not passed: {files}")
        check(status == 1, f"a bad file: exit {status}, want 1:\n{out}")
        check("leaf02/interfaces:4:5: error:" in out and "[vrr-svi-only]" in out,
              f"the error is reported at its place:\n{out}")

    for f in FAILURES:
        print("FAIL:", f)
    print(f"{'0 failed' if not FAILURES else str(len(FAILURES)) + ' failed'}")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
