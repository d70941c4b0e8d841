#!/usr/bin/env python3
"""Full builds of one site by several tiendo binaries, run in turn so that they share the load.

    python3 benches/interleave.py SITE NAME=BINARY [NAME=BINARY ...] [--runs 5] [--out DIR]

SITE is a site folder (e.g. one made by ../shared/bench/gen_site.py; benches/deploy.py leaves
one in /dev/shm/tiendo-deploy/site). Each round builds the site once with every binary, into a
new folder (DIR, default /dev/shm/interleave-out, removed with its record before each build);
the first round is a warm-up. Prints a Markdown table: median wall (and the fastest) and median
CPU (user + system of the build process) per binary. On a shared machine, compare CPU medians
and the fastest runs: the binaries saw the same load, in turn. Standard library only.
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import time


def build(binary, site, out):
    shutil.rmtree(out, ignore_errors=True)
    record = os.path.join(os.path.dirname(out), "." + os.path.basename(out) + ".tiendo-files")
    if os.path.exists(record):
        os.remove(record)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([binary, "build", "--root", site, "--output", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site")
    ap.add_argument("binaries", nargs="+", help="NAME=PATH")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default="/dev/shm/interleave-out")
    args = ap.parse_args()
    bins = dict(b.split("=", 1) for b in args.binaries)
    runs = {name: [] for name in bins}
    for round_no in range(args.runs + 1):
        for name, binary in bins.items():
            result = build(binary, args.site, args.out)
            if round_no > 0:
                runs[name].append(result)
    shutil.rmtree(args.out, ignore_errors=True)
    print(f"| binary | wall, median of {args.runs} (fastest) | CPU, median |")
    print("| --- | --- | --- |")
    for name, results in runs.items():
        walls = [w for w, _ in results]
        cpus = [c for _, c in results]
        print(f"| {name} | {statistics.median(walls):.2f} s ({min(walls):.2f}) "
              f"| {statistics.median(cpus):.2f} s |")


if __name__ == "__main__":
    main()
