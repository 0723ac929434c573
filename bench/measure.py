#!/usr/bin/python3
"""Timing loop and table for bench/run.sh (Debian python3, standard library only).

  measure.py run --runs K --n N --lines L --results FILE \
                 --tool LABEL 'COMMAND' [--tool LABEL 'COMMAND' ...]

Runs every COMMAND once under GNU time (/usr/bin/time -f %M) as a warm-up,
which gives its peak RSS, its exit status and what it wrote on standard error;
then K rounds in which each command runs once, so that a drift in the machine's
speed hits every tool alike.  The order within a round is shuffled (with a fixed
seed, so a run can be repeated): in a fixed order (A B C A B C ...) ifcc lint
always ran right after ifquery (a 44 MiB Python process, after which caches are
cold) and ifcc query never did; at N=10 that made lint's median 1.43 ms against
query's 1.05, where back to back they take 0.93 and 0.86.  A timed run is one
posix_spawn + wait4 with standard output and error on /dev/null; its wall time
is taken with a monotonic clock around the two calls.  One JSON line per tool
is appended to FILE.

  measure.py table --results FILE

Prints the Markdown table of every result in FILE (columns: N, lines, tool,
median ms, peak RSS MiB, speedup vs ifquery) and the ratios against ifquery.
"""

import argparse
import json
import os
import random
import shlex
import statistics
import subprocess
import sys
import tempfile
import time

GNU_TIME = "/usr/bin/time"


def warmup(argv):
    """One run under GNU time: (peak RSS KiB, exit status, stderr lines)."""
    with tempfile.TemporaryDirectory(prefix="ifcc-bench-") as tmp:
        rss_file = os.path.join(tmp, "rss")
        err_file = os.path.join(tmp, "stderr")
        with open(err_file, "wb") as err:
            proc = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss_file] + argv,
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=err)
        with open(rss_file) as f:
            # GNU time writes "Command exited with non-zero status N" first
            # when the command fails; the figure is on the last line.
            lines = [line.strip() for line in f if line.strip()]
        rss_kib = int(lines[-1])
        with open(err_file, "rb") as f:
            stderr = f.read().decode("utf-8", "replace").splitlines()
    return rss_kib, proc.returncode, stderr


def timed_run(argv, devnull):
    """One run: (wall seconds, peak RSS KiB, exit status)."""
    file_actions = [(os.POSIX_SPAWN_DUP2, devnull, 0),
                    (os.POSIX_SPAWN_DUP2, devnull, 1),
                    (os.POSIX_SPAWN_DUP2, devnull, 2)]
    start = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=file_actions)
    _, status, rusage = os.wait4(pid, 0)
    end = time.perf_counter_ns()
    return (end - start) / 1e9, rusage.ru_maxrss, os.waitstatus_to_exitcode(status)


def cmd_run(args):
    tools = []
    for label, command in args.tool:
        argv = shlex.split(command)
        if not os.path.isabs(argv[0]):
            sys.exit("measure.py: give commands with an absolute path: %s" % argv[0])
        tools.append({"label": label, "argv": argv, "walls": [], "rss": [],
                      "codes": set()})

    for t in tools:
        rss, code, stderr = warmup(t["argv"])
        t["rss_gnu_time_kib"] = rss
        t["warmup_exit"] = code
        t["stderr_lines"] = len(stderr)
        t["stderr_errors"] = [l for l in stderr
                              if "error" in l.lower() or "warning" in l.lower()][:5]

    devnull = os.open(os.devnull, os.O_RDWR)
    order = random.Random(args.n)
    for i in range(args.runs):
        for t in order.sample(tools, len(tools)):
            wall, rss, code = timed_run(t["argv"], devnull)
            t["walls"].append(wall)
            t["rss"].append(rss)
            t["codes"].add(code)
        sys.stderr.write("  N=%d round %d/%d: %s\n" % (
            args.n, i + 1, args.runs,
            ", ".join("%s %.1f ms" % (t["label"], t["walls"][-1] * 1e3) for t in tools)))
    os.close(devnull)

    with open(args.results, "a") as f:
        for t in tools:
            walls_ms = [w * 1e3 for w in t["walls"]]
            f.write(json.dumps({
                "n": args.n,
                "lines": args.lines,
                "tool": t["label"],
                "command": " ".join(shlex.quote(a) for a in t["argv"]),
                "runs": args.runs,
                "wall_ms": walls_ms,
                "median_ms": statistics.median(walls_ms),
                "min_ms": min(walls_ms),
                "max_ms": max(walls_ms),
                "rss_gnu_time_kib": t["rss_gnu_time_kib"],
                "rss_wait4_max_kib": max(t["rss"]),
                "exit_codes": sorted(t["codes"] | {t["warmup_exit"]}),
                "stderr_lines": t["stderr_lines"],
                "stderr_errors": t["stderr_errors"],
            }) + "\n")
    return 0


def baseline_for(label):
    """The ifquery row a tool is compared with."""
    return "ifquery -a -o json" if label.endswith("-o json") else "ifquery -a"


def fmt_ms(ms):
    return "%.2f" % ms if ms < 10 else "%.1f" % ms if ms < 1000 else "%.0f" % ms


def fmt_ratio(r):
    return "%.2f×" % r if r < 10 else "%.1f×" % r if r < 100 else "%.0f×" % r


def cmd_table(args):
    rows = []
    with open(args.results) as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    by_key = {(r["n"], r["tool"]): r for r in rows}

    out = ["| N | lines | tool | median ms | peak RSS MiB | speedup vs ifquery |",
           "|---:|---:|---|---:|---:|---:|"]
    ratios = []
    notes = []
    for r in rows:
        base = by_key.get((r["n"], baseline_for(r["tool"])))
        if r["tool"].startswith("ifquery"):
            speedup = "1 (baseline)"
        elif base:
            speedup = fmt_ratio(base["median_ms"] / r["median_ms"])
            ratios.append("- N=%d, %s vs %s: %s faster (median wall), %s less peak RSS"
                          % (r["n"], r["tool"], base["tool"],
                             fmt_ratio(base["median_ms"] / r["median_ms"]),
                             fmt_ratio(base["rss_gnu_time_kib"] / r["rss_gnu_time_kib"])))
        else:
            speedup = "n/a"
        out.append("| %d | %d | %s | %s | %.1f | %s |" % (
            r["n"], r["lines"], r["tool"], fmt_ms(r["median_ms"]),
            r["rss_gnu_time_kib"] / 1024, speedup))
        if r["exit_codes"] != [0]:
            notes.append("- N=%d, %s exited with %s" % (
                r["n"], r["tool"], ", ".join(map(str, r["exit_codes"]))))
        for e in r["stderr_errors"]:
            notes.append("- N=%d, %s said: %s" % (r["n"], r["tool"], e))
        if r["max_ms"] > 1.5 * r["min_ms"] and r["max_ms"] - r["min_ms"] > 2:
            notes.append("- N=%d, %s: runs spread from %s to %s ms (a noisy machine)" % (
                r["n"], r["tool"], fmt_ms(r["min_ms"]), fmt_ms(r["max_ms"])))

    text = "\n".join(out) + "\n"
    if ratios:
        text += "\nRatios against ifquery (time: median wall; memory: peak RSS):\n\n"
        text += "\n".join(ratios) + "\n"
    if notes:
        text += "\nNotes:\n\n" + "\n".join(notes) + "\n"
    sys.stdout.write(text)
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--runs", type=int, default=5)
    r.add_argument("--n", type=int, required=True)
    r.add_argument("--lines", type=int, required=True)
    r.add_argument("--results", required=True)
    r.add_argument("--tool", nargs=2, action="append", required=True,
                   metavar=("LABEL", "COMMAND"))
    t = sub.add_parser("table")
    t.add_argument("--results", required=True)
    args = p.parse_args()
    if args.cmd == "run":
        if args.runs < 1:
            p.error("--runs must be at least 1")
        return cmd_run(args)
    return cmd_table(args)


if __name__ == "__main__":
    sys.exit(main())
