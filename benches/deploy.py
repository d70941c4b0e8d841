#!/usr/bin/env python3
"""What a deploy by size and time (rsync, lftp, WinSCP, aws s3 sync) uploads after a build.

    python3 benches/deploy.py [--articles 10000] [--runs 3] [--disk DIR] [--tmpfs DIR]
                              [--binary PATH] [--baseline PATH]

For each place (a folder on disk, and one in RAM), on the shared synthetic site:
1. full build into a new folder, timed (--runs times, the output deleted between runs), with
   this tiendo and, if given, a --baseline binary (e.g. one built from an older commit);
   `cp -r` of the output, timed, as the floor: what writing that many files costs there;
2. the "server": a copy of the output that keeps times (`cp -a`);
3. a no-op rebuild, then `rsync -a --itemize-changes --dry-run OUT/ SERVER/`: the files a
   deploy would send (none, if unchanged files keep their times);
4. one article's body edited, a rebuild, the same rsync: the files whose bytes changed.
With --baseline, steps 3-4 are repeated with it, for comparison.
Prints a Markdown report on standard output; progress on standard error. Standard library only.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.normpath(os.path.join(REPO, "..", "shared", "bench", "gen_site.py"))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, **kw):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)
    return time.perf_counter() - start


def build(binary, site, out):
    return timed([binary, "build", "--root", site, "--output", out])


def clear(out):
    shutil.rmtree(out, ignore_errors=True)
    parent, name = os.path.split(out)
    for extra in (f".{name}.tiendo-files", f".{name}.tiendo-files-new"):
        try:
            os.remove(os.path.join(parent, extra))
        except FileNotFoundError:
            pass


def rsync_changes(out, server):
    """Files rsync -a would send (itemized lines for regular files)."""
    r = subprocess.run(["rsync", "-a", "--itemize-changes", "--dry-run", out + "/", server + "/"],
                       check=True, capture_output=True, text=True)
    return [line.split(" ", 1)[1] for line in r.stdout.splitlines() if line.startswith(">f")]


def count_files(folder):
    return sum(len(files) for _, _, files in os.walk(folder))


def edit_one_article(site):
    news = os.path.join(site, "content", "news")
    name = sorted(n for n in os.listdir(news) if n.endswith(".vi.md"))[len(os.listdir(news)) // 4]
    path = os.path.join(news, name)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\n\nĐã sửa một lỗi chính tả.\n")
    return name


def median(xs):
    return f"{statistics.median(xs):.2f} s [{min(xs):.2f}–{max(xs):.2f}]"


def measure_place(label, work, args, report):
    os.makedirs(work, exist_ok=True)
    site = os.path.join(work, "site")
    if not os.path.isdir(os.path.join(site, "content")):
        log(f"{label}: generating {args.articles} articles")
        subprocess.run([sys.executable, GEN, "--articles", str(args.articles), "--out", site,
                        "--format", "tiendo"], check=True, stdout=subprocess.DEVNULL)
    out, server = os.path.join(work, "out"), os.path.join(work, "server")
    binaries = [("tiendo", args.binary)] + ([("baseline", args.baseline)] if args.baseline else [])
    fulls = {name: [] for name, _ in binaries}
    copies = []
    for run in range(args.runs + 1):
        for name, binary in binaries:
            clear(out)
            subprocess.run(["sync"])
            t = build(binary, site, out)
            if run > 0:
                fulls[name].append(t)
        subprocess.run(["sync"])
        shutil.rmtree(server, ignore_errors=True)
        t = timed(["cp", "-r", out, server])
        if run > 0:
            copies.append(t)
    files = count_files(out)
    report.append(f"\n### {label} (`{work}`), {args.articles} articles, {files:,} files\n")
    report.append("| step | wall |\n|---|---|")
    for name, _ in binaries:
        report.append(f"| full build, {name} | {median(fulls[name])} |")
    report.append(f"| `cp -r` of the output (floor) | {median(copies)} |")
    for name, binary in binaries:
        deploy_rounds(label, name, binary, site, out, server, report)


def deploy_rounds(label, name, binary, site, out, server, report):
    clear(out)
    build(binary, site, out)
    shutil.rmtree(server, ignore_errors=True)
    subprocess.run(["cp", "-a", out, server], check=True)
    time.sleep(0.05)
    t = build(binary, site, out)
    noop = rsync_changes(out, server)
    report.append(f"| {name}: no-op rebuild | {t:.2f} s; rsync would send {len(noop):,} files |")
    backup = os.path.join(os.path.dirname(site), "edited-backup")
    shutil.rmtree(backup, ignore_errors=True)
    shutil.copytree(os.path.join(site, "content", "news"), backup)
    try:
        edited = edit_one_article(site)
        time.sleep(0.05)
        t = build(binary, site, out)
        sent = rsync_changes(out, server)
    finally:
        shutil.rmtree(os.path.join(site, "content", "news"))
        shutil.move(backup, os.path.join(site, "content", "news"))
    shown = ", ".join(sorted(sent)[:12]) + (" …" if len(sent) > 12 else "")
    report.append(f"| {name}: `{edited}` body edited, rebuild | {t:.2f} s; rsync would send "
                  f"{len(sent):,} files: {shown} |")
    log(f"{label}/{name}: no-op sends {len(noop)}, one edit sends {len(sent)}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--disk", default=os.path.join(tempfile.gettempdir(), "tiendo-deploy"))
    p.add_argument("--tmpfs", default="/dev/shm/tiendo-deploy")
    p.add_argument("--binary", help="the tiendo to measure (default: cargo build --release)")
    p.add_argument("--baseline", help="another tiendo binary to compare with")
    args = p.parse_args()
    if not args.binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        args.binary = os.path.join(REPO, "target", "release", "tiendo")
    report = [f"## Deploy after a build ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
              f"load {os.getloadavg()[0]:.1f})"]
    for label, work in (("on disk", args.disk), ("on tmpfs", args.tmpfs)):
        measure_place(label, work, args, report)
    print("\n".join(report))


if __name__ == "__main__":
    main()
