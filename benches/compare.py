#!/usr/bin/env python3
"""Benchmark tiendo against Hugo on the shared synthetic bilingual site (issue 6).

    python3 benches/compare.py [--sizes 1000,10000] [--runs 5] [--tmpfs DIR]
                               [--no-hugo] [--incremental] [--edits 20] [--gen PATH]
                               [--binary PATH]

What it does, for each size N (number of articles):

1. Generates the site with ../shared/bench/gen_site.py (relative to the repository
   root, or --gen) in the tiendo format and, unless Hugo is skipped, in the Hugo format.
   Sites are cached in the work folder (default /dev/shm/tiendo-bench when /dev/shm has
   room, else <tmp>/tiendo-bench) and regenerated only when missing or when gen_site.py
   changed.
2. Builds tiendo once with `cargo build --release` and copies the binary into the work
   folder (so that another build of the working tree cannot replace it mid-benchmark);
   --binary PATH measures a given binary instead (e.g. one kept from before a change).
   Then 1 warm-up and --runs timed whole-process builds per tool, alternating tiendo and
   Hugo, each into a new output directory in the work folder, deleted (untimed) after the
   run:  tiendo build --root SITE --output OUT   and   hugo --source SITE -d OUT --quiet.
   Wall time is time.perf_counter() around spawn and wait; CPU time (user + sys) and peak
   RSS are the child's own, from os.wait4().
3. Counts the warm-up outputs with ../shared/bench/count_pages.py (as a subprocess), plus
   a breakdown that maps tiendo's Vietnamese sections (/tin-tuc/, /nam/, /the/) onto the
   categories of count_pages.py, and splits XML into feeds and sitemaps, so that the
   comparison can be checked to be fair: tiendo must build at least what Hugo builds.
4. Prints a Markdown report on standard output: machine, commit, versions, page counts,
   a timing table (median [min-max]), tiendo/Hugo ratios, the scaling factor, and the
   issue's targets with PASS/FAIL. Progress goes to standard error.
5. With --incremental: runs `tiendo serve` on the largest site, edits --edits Vietnamese
   articles one at a time (appends a unique word) and measures the time from the write
   until the article's page is served with that word (polled every 2 ms). Every edited
   file is restored, and the server stopped, whatever happens.

Standard library only. Nothing is installed: without `hugo` on PATH, Hugo is skipped.
"""

import argparse
import hashlib
import http.client
import json
import math
import os
import platform
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_GEN = os.path.normpath(os.path.join(REPO, "..", "shared", "bench", "gen_site.py"))
DEFAULT_WORK = "/dev/shm/tiendo-bench"

# tiendo's Vietnamese (default-language) sections, named as count_pages.py names them.
TIENDO_SECTIONS = {"tin-tuc": "news", "nam": "years", "the": "tags"}
# The kinds of output tiendo must have at least as many of as Hugo (issue 6, "fair comparison").
FAIR_KINDS = [("articles", "articles"), ("news_lists", "news list pages"),
              ("years", "year reports + year lists"), ("tags", "tag lists + tag pages"),
              ("feeds", "feeds"), ("sitemap_urls", "sitemap URLs")]
# Rough bytes per article, to check that the work folder has room.
SITE_BYTES_PER_ARTICLE = 17_000    # one generated site format
OUTPUT_BYTES_PER_ARTICLE = 45_000  # one build output (tiendo's is the larger)

TARGET_WALL = 0.4      # tiendo/Hugo wall at 10k
TARGET_PEAK = 0.25     # tiendo/Hugo peak memory at 10k
TARGET_SCALING = 1.1   # T(10k)/T(1k) <= 1.1 x 10
TARGET_INCREMENTAL_MS = 50


def log(msg=""):
    print(msg, file=sys.stderr, flush=True)


def run_text(cmd, **kw):
    """Output of a short command, or None if it cannot be run."""
    try:
        return subprocess.run(cmd, capture_output=True, text=True, check=True, **kw).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


# ---------------------------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------------------------

def machine_info():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = "%.1f GiB" % (int(line.split()[1]) / 1024 ** 2)
                    break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    distro = ""
    try:
        with open("/etc/os-release") as f:
            m = re.search(r'^PRETTY_NAME="?([^"\n]*)', f.read(), re.M)
            distro = m.group(1) + ", " if m else ""
    except OSError:
        pass
    return "%d CPUs (%s), %s RAM; %sLinux %s" % (nproc, cpu, mem, distro, platform.release())


def git_commit():
    commit = run_text(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]) or "unknown"
    # --no-optional-locks: a read-only look that never touches the index.
    dirty = run_text(["git", "-C", REPO, "--no-optional-locks", "status", "--porcelain",
                      "--untracked-files=no"])
    return commit + (" + uncommitted changes" if dirty else "")


def fs_type(path):
    """File system type of the mount that holds path (from /proc/mounts)."""
    path = os.path.realpath(path)
    best, kind = "", "?"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                parts = line.split()
                mnt = parts[1].replace("\\040", " ")
                if (path == mnt or path.startswith(mnt.rstrip("/") + "/")) and len(mnt) >= len(best):
                    best, kind = mnt, parts[2]
    except OSError:
        pass
    return kind


def choose_workdir(requested, need_bytes):
    if requested:
        os.makedirs(requested, exist_ok=True)
        return requested
    if os.path.isdir("/dev/shm"):
        free = shutil.disk_usage("/dev/shm").free
        if free >= need_bytes:
            os.makedirs(DEFAULT_WORK, exist_ok=True)
            return DEFAULT_WORK
        log("note: /dev/shm has %.0f MB free, about %.0f MB needed; using a temporary folder"
            % (free / 1e6, need_bytes / 1e6))
    path = os.path.join(tempfile.gettempdir(), "tiendo-bench")
    os.makedirs(path, exist_ok=True)
    return path


# ---------------------------------------------------------------------------------------------
# Sites
# ---------------------------------------------------------------------------------------------

def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def site_path(work, fmt, n):
    return os.path.join(work, "site-%s-%d" % (fmt, n))


def stamp_path(site):
    """Next to a cached site: the sha256 of the gen_site.py that wrote it."""
    return site + ".gen-sha256"


def site_is_current(site, fmt, n, gen_hash):
    try:
        with open(os.path.join(site, ".gen_site.json")) as f:
            meta = json.load(f)
        with open(stamp_path(site)) as f:
            stamp = f.read().strip()
    except (OSError, ValueError):
        return False
    return meta.get("format") == fmt and meta.get("articles") == n and stamp == gen_hash


def ensure_sites(work, gen, wanted):
    """Generate the (format, N) sites that are missing, two at a time."""
    gen_hash = sha256(gen)
    todo = [(fmt, n) for fmt, n in wanted if not site_is_current(site_path(work, fmt, n), fmt, n, gen_hash)]
    for i in range(0, len(todo), 2):
        procs = []
        for fmt, n in todo[i:i + 2]:
            site = site_path(work, fmt, n)
            log("generating %s (N=%d, %s format) ..." % (site, n, fmt))
            if os.path.exists(stamp_path(site)):
                os.remove(stamp_path(site))
            procs.append((site, subprocess.Popen(
                [sys.executable, gen, "--articles", str(n), "--out", site, "--format", fmt])))
        for site, p in procs:
            if p.wait() != 0:
                sys.exit("error: gen_site.py failed for %s" % site)
            with open(stamp_path(site), "w") as f:
                f.write(gen_hash + "\n")


# ---------------------------------------------------------------------------------------------
# Timed builds
# ---------------------------------------------------------------------------------------------

def timed_run(cmd, log_path, env=None):
    """Runs cmd once; returns (exit code, wall s, cpu s, peak MiB) of that child alone."""
    with open(log_path, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0  # KiB -> MiB


def tail(path, lines=20):
    try:
        with open(path, errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError:
        return ""


class Tool:
    def __init__(self, key, label, command):
        self.key, self.label, self.command = key, label, command  # command(site, out) -> argv


def fresh_dir(work, tool, n, tag):
    out = os.path.join(work, "out-%s-%d-%s" % (tool.key, n, tag))
    if os.path.exists(out):  # left over from an interrupted run
        shutil.rmtree(out)
    return out


def bench_size(work, n, tools, runs, env, counts, results, problems):
    """Warm-up (counted) and timed runs of every tool at size n, alternating tools."""
    sites = {t.key: site_path(work, t.key, n) for t in tools}
    alive = list(tools)
    for t in tools:
        out = fresh_dir(work, t, n, "warmup")
        logp = os.path.join(work, "%s-%d.log" % (t.key, n))
        code, wall, cpu, peak = timed_run(t.command(sites[t.key], out), logp, env)
        log("[%s N=%d] warm-up: exit %d, %.2f s wall, %.2f s cpu, %.0f MiB" % (t.label, n, code, wall, cpu, peak))
        if code != 0:
            problems.append("%s N=%d: build failed with exit %d:\n%s" % (t.label, n, code, tail(logp)))
            alive.remove(t)
        else:
            msg = tail(logp, 5).strip()
            if msg:
                log("    " + msg.replace("\n", "\n    "))
            counts[(t.key, n)] = count_output(out)
        shutil.rmtree(out, ignore_errors=True)
    for i in range(runs):
        for t in list(alive):
            out = fresh_dir(work, t, n, "run%d" % i)
            logp = os.path.join(work, "%s-%d.log" % (t.key, n))
            code, wall, cpu, peak = timed_run(t.command(sites[t.key], out), logp, env)
            shutil.rmtree(out, ignore_errors=True)
            if code != 0:
                problems.append("%s N=%d run %d: exit %d:\n%s" % (t.label, n, i + 1, code, tail(logp)))
                alive.remove(t)
                continue
            results.setdefault((t.key, n), []).append((wall, cpu, peak))
            log("[%s N=%d] run %d/%d: %.2f s wall, %.2f s cpu, %.0f MiB" % (t.label, n, i + 1, runs, wall, cpu, peak))


# ---------------------------------------------------------------------------------------------
# Page counts
# ---------------------------------------------------------------------------------------------

COUNT_PAGES = None  # path of count_pages.py, set in main()
REFRESH = re.compile(rb'http-equiv=["\']?refresh', re.I)  # as count_pages.py


def classify(rel):
    """count_pages.py's classification, with tiendo's Vietnamese section names mapped."""
    parts = rel.split("/")
    if parts[0] in ("en", "vi"):
        parts = parts[1:]
    parts[0] = TIENDO_SECTIONS.get(parts[0], parts[0])
    if len(parts) == 3 and parts[0] == "news" and parts[2] == "index.html":
        return "articles"
    return {"news": "news_lists", "years": "years", "tags": "tags"}.get(parts[0], "other")


def count_output(out):
    """count_pages.py's figures for out, plus kinds by section, feeds and sitemap URLs."""
    text = subprocess.run([sys.executable, COUNT_PAGES, out], capture_output=True, text=True,
                          check=True).stdout.splitlines()
    keys, values = text[0].split("\t")[1:], text[1].split("\t")[1:]
    c = {k: int(v) for k, v in zip(keys, values)}
    kinds = {"articles": 0, "news_lists": 0, "years": 0, "tags": 0, "other": 0,
             "feeds": 0, "sitemaps": 0, "sitemap_urls": 0}
    for root, _dirs, files in os.walk(out):
        for f in files:
            p = os.path.join(root, f)
            if f.endswith(".xml"):
                if f.startswith("sitemap"):
                    kinds["sitemaps"] += 1
                    with open(p, "rb") as fh:
                        kinds["sitemap_urls"] += fh.read().count(b"<url>")
                else:
                    kinds["feeds"] += 1
            elif f.endswith(".html"):
                with open(p, "rb") as fh:
                    head = fh.read(2048)
                if REFRESH.search(head) and os.path.getsize(p) < 2048:
                    continue  # redirect stub
                kinds[classify(os.path.relpath(p, out).replace(os.sep, "/"))] += 1
    c.update(kinds)
    c["pages"] = c["html"] - c["redirects"]
    return c


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def med_range(xs, fmt):
    return "%s [%s-%s]" % (fmt % statistics.median(xs), fmt % min(xs), fmt % max(xs))


def percentile(xs, p):
    """Nearest-rank percentile."""
    xs = sorted(xs)
    return xs[max(0, math.ceil(p / 100 * len(xs)) - 1)]


def verdict(ok):
    return "PASS" if ok else "FAIL"


def print_counts(sizes, tools, counts):
    cols = [(t, n) for n in sizes for t in tools if (t.key, n) in counts]
    if not cols:
        return
    print("### Page counts (warm-up output of each build)\n")
    print("| | " + " | ".join("%s, N=%d" % (t.label, n) for t, n in cols) + " |")
    print("|---|" + "--:|" * len(cols))
    rows = [("HTML files", "html"), ("of which redirect stubs", "redirects"),
            ("HTML pages (no stubs)", "pages"), ("- articles", "articles"),
            ("- news list pages (10/page)", "news_lists"), ("- year reports + year lists", "years"),
            ("- tag lists + tag pages (10/page)", "tags"), ("- other (home, 404, goals, search, ...)", "other"),
            ("feeds (XML other than sitemaps)", "feeds"), ("sitemap files", "sitemaps"),
            ("sitemap URLs", "sitemap_urls"), ("all files", "files"), ("bytes written", "bytes")]
    for label, key in rows:
        cells = []
        for t, n in cols:
            v = counts[(t.key, n)][key]
            cells.append("{:,}".format(v) if key == "bytes" else str(v))
        print("| %s | %s |" % (label, " | ".join(cells)))
    print("\nCategories as in shared/bench/count_pages.py; tiendo's /tin-tuc/, /nam/ and /the/ are "
          "counted as news, years and tags.\n")


def print_timings(sizes, tools, counts, results):
    print("### Full builds: median [min-max]\n")
    print("| Tool | N | pages | wall s | cpu s | peak MiB | pages/s |")
    print("|---|--:|--:|--:|--:|--:|--:|")
    for n in sizes:
        for t in tools:
            rs = results.get((t.key, n))
            if not rs:
                continue
            wall, cpu, peak = zip(*rs)
            pages = counts[(t.key, n)]["pages"]
            print("| %s | %d | %d | %s | %s | %s | %.0f |" % (
                t.label, n, pages, med_range(wall, "%.2f"), med_range(cpu, "%.2f"),
                med_range(peak, "%.0f"), pages / statistics.median(wall)))
    print("\npages = HTML pages written, without redirect stubs; pages/s = pages / median wall.\n")


def print_verdicts(sizes, tools, counts, results, problems):
    med = {k: [statistics.median(col) for col in zip(*v)] for k, v in results.items()}
    print("### Ratios and targets (issue 6)\n")
    have_hugo = any(t.key == "hugo" for t in tools)
    for n in sizes:
        t, h = med.get(("tiendo", n)), med.get(("hugo", n))
        if t and h:
            wall, peak = t[0] / h[0], t[2] / h[2]
            line = "- N=%d: tiendo/Hugo wall %.2f, cpu %.2f, peak memory %.2f" % (n, wall, t[1] / h[1], peak)
            if n == 10000:
                line += ("; target wall <= %.2f: %s, peak <= %.2f: %s"
                         % (TARGET_WALL, verdict(wall <= TARGET_WALL), TARGET_PEAK, verdict(peak <= TARGET_PEAK)))
            print(line)
        elif have_hugo:
            print("- N=%d: no ratio (a build failed)" % n)
    done = [n for n in sizes if ("tiendo", n) in med]
    if len(done) >= 2:
        lo, hi = min(done), max(done)
        tl, th = med[("tiendo", lo)], med[("tiendo", hi)]
        limit = TARGET_SCALING * hi / lo
        line = ("- scaling tiendo %d/%d: wall x%.1f, cpu x%.1f, peak x%.1f (target wall <= x%.0f: %s)"
                % (hi, lo, th[0] / tl[0], th[1] / tl[1], th[2] / tl[2], limit, verdict(th[0] / tl[0] <= limit)))
        if ("hugo", lo) in med and ("hugo", hi) in med:
            hl, hh = med[("hugo", lo)], med[("hugo", hi)]
            line += "; Hugo: wall x%.1f, peak x%.1f" % (hh[0] / hl[0], hh[2] / hl[2])
        print(line)
    for n in sizes:
        t, h = counts.get(("tiendo", n)), counts.get(("hugo", n))
        if t and h:
            short = ["%s %d < %d" % (label, t[k], h[k]) for k, label in FAIR_KINDS if t[k] < h[k]]
            print("- N=%d fair comparison (tiendo >= Hugo in articles, news lists, years, tags, feeds, "
                  "sitemap URLs): %s%s" % (n, verdict(not short), " (" + "; ".join(short) + ")" if short else ""))
    if not have_hugo:
        print("- Hugo not measured: no ratios.")
    print()
    if problems:
        print("### Problems\n")
        for p in problems:
            print("- " + p.strip().replace("\n", "\n    "))
        print()


# ---------------------------------------------------------------------------------------------
# Incremental rebuild in `tiendo serve`
# ---------------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port, path, timeout=30):
    """(status, body) of GET path, without any proxy; (None, b"") if it cannot connect."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read()
    except (OSError, http.client.HTTPException):
        return None, b""
    finally:
        conn.close()


def wait_for(port, path, pred, timeout, proc=None, step=0.002):
    """Polls GET path until pred(status, body); returns the seconds waited, or None on timeout."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("tiendo serve exited with status %d" % proc.returncode)
        status, body = http_get(port, path)
        if pred(status, body):
            return time.perf_counter() - t0
        time.sleep(step)
    return None


def incremental(binary, work, n, edits, env):
    site = site_path(work, "tiendo", n)
    news = os.path.join(site, "content", "news")
    files = sorted(f for f in os.listdir(news) if f.endswith(".vi.md"))
    picked = [files[i * len(files) // edits] for i in range(edits)]
    port = free_port()
    logp = os.path.join(work, "serve-%d.log" % n)
    help_text = run_text([binary, "serve", "--help"]) or ""
    poll_opt = [l.strip() for l in help_text.splitlines() if re.search(r"poll|interval", l, re.I)]

    originals, samples, failures = {}, [], 0
    rng = random.Random(n)
    os.remove(stamp_path(site))  # an interrupted run must not leave an edited site in the cache
    log("starting tiendo serve --root %s --port %d ..." % (site, port))
    with open(logp, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen([binary, "serve", "--root", site, "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        if wait_for(port, "/", lambda s, b: s == 200, 900, proc, step=0.05) is None:
            raise RuntimeError("tiendo serve did not serve / within 900 s")
        startup = time.perf_counter() - t0
        log("serving after %.1f s" % startup)
        for i, name in enumerate(picked):
            path = os.path.join(news, name)
            url = "/tin-tuc/%s/" % name[:-len(".vi.md")]
            marker = ("tiendobench%02d%08x" % (i, rng.getrandbits(32))).encode()
            status, body = http_get(port, url)
            if status != 200:
                raise RuntimeError("GET %s gave %s before any edit" % (url, status))
            with open(path, "rb") as f:
                originals[path] = f.read()
            time.sleep(rng.uniform(0, 0.25))  # do not always write at the same phase of the poll
            with open(path, "wb") as f:
                f.write(originals[path] + b"\n\n" + marker + b"\n")
            waited = wait_for(port, url, lambda s, b: marker in b, 300, proc)
            if waited is None:
                failures += 1
                log("edit %2d/%d %s: marker not served within 300 s" % (i + 1, edits, url))
            else:
                samples.append(waited * 1000)
                log("edit %2d/%d %s: served after %.0f ms" % (i + 1, edits, url, waited * 1000))
            with open(path, "wb") as f:
                f.write(originals.pop(path))
            if wait_for(port, url, lambda s, b: s == 200 and marker not in b, 300, proc) is None:
                raise RuntimeError("the restored %s was not served within 300 s" % url)
    finally:
        for path, data in originals.items():
            with open(path, "wb") as f:
                f.write(data)
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        with open(stamp_path(site), "w") as f:  # every edited file is restored: the cache is valid
            f.write(sha256(GEN) + "\n")
    rebuilds = [int(m) for m in re.findall(r"rebuilt .* in (\d+) ms", tail(logp, 10 ** 6))]

    print("### Incremental: `tiendo serve`, N=%d, %d article edits\n" % (n, edits))
    print("- first build and start of serving: %.1f s" % startup)
    if samples:
        print("- edit written -> page served with the edit: median %.0f ms, p90 %.0f ms, min-max %.0f-%.0f ms "
              "(target median <= %d ms: %s)" % (statistics.median(samples), percentile(samples, 90),
                                                min(samples), max(samples), TARGET_INCREMENTAL_MS,
                                                verdict(statistics.median(samples) <= TARGET_INCREMENTAL_MS)))
    if failures:
        print("- %d edit(s) were not served within 300 s" % failures)
    if rebuilds:
        print("- rebuild time reported by the server (edits and restores): median %.0f ms, min-max %d-%d ms"
              % (statistics.median(rebuilds), min(rebuilds), max(rebuilds)))
    if poll_opt:
        print("- poll interval option: " + "; ".join(poll_opt))
    else:
        print("- the server hears file changes through inotify (it polls every 200 ms only where the "
              "system gives no file events), so each figure includes the detection")
    print("- measured from the end of the write to the first GET /tin-tuc/<slug>/ (polled every 2 ms) "
          "that contains the appended word; each edit is restored and its rebuild awaited before the next")
    print()


# ---------------------------------------------------------------------------------------------

GEN = None


def main():
    global COUNT_PAGES, GEN
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="article counts, comma-separated (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per tool and size, after 1 warm-up (default 5)")
    ap.add_argument("--tmpfs", metavar="DIR", help="work folder for sites and outputs "
                    "(default /dev/shm/tiendo-bench if it has room, else a temporary folder)")
    ap.add_argument("--no-hugo", action="store_true", help="measure tiendo only")
    ap.add_argument("--incremental", action="store_true",
                    help="also measure edit-to-served time in `tiendo serve` on the largest size")
    ap.add_argument("--edits", type=int, default=20, help="edits for --incremental (default 20)")
    ap.add_argument("--gen", default=DEFAULT_GEN, help="path of gen_site.py (default %(default)s)")
    ap.add_argument("--binary", metavar="PATH",
                    help="measure this tiendo binary instead of running cargo build --release")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if not sizes or min(sizes) < 1 or args.runs < 1 or args.edits < 1:
        ap.error("--sizes, --runs and --edits must be positive")
    GEN = os.path.abspath(args.gen)
    COUNT_PAGES = os.path.join(os.path.dirname(GEN), "count_pages.py")
    for p in (GEN, COUNT_PAGES):
        if not os.path.isfile(p):
            ap.error("%s not found (give gen_site.py's path with --gen)" % p)

    hugo = None if args.no_hugo else shutil.which("hugo")
    if not args.no_hugo and not hugo:
        log("notice: `hugo` is not installed (Debian package `hugo`); measuring tiendo only")
    hugo_version = run_text([hugo, "version"]) if hugo else None
    m = re.search(r"v(\d+\.\d+\.\d+)", hugo_version or "")
    hugo_label = "Hugo " + (m.group(1) if m else "?")

    formats = ["tiendo"] + (["hugo"] if hugo else [])
    need = SITE_BYTES_PER_ARTICLE * len(formats) * sum(sizes) + 2 * OUTPUT_BYTES_PER_ARTICLE * max(sizes)
    work = os.path.abspath(choose_workdir(args.tmpfs, need))
    ensure_sites(work, GEN, [(f, n) for n in sizes for f in formats])

    if args.binary:
        built = os.path.abspath(args.binary)
    else:
        log("cargo build --release ...")
        if subprocess.run(["cargo", "build", "--release"], cwd=REPO).returncode != 0:
            sys.exit("error: cargo build --release failed")
        target = os.environ.get("CARGO_TARGET_DIR", os.path.join(REPO, "target"))
        built = os.path.join(target, "release", "tiendo")
    binary = os.path.join(work, "tiendo")
    shutil.copy2(built, binary)  # a rebuild of the working tree cannot change what is measured

    commit = git_commit()
    env = dict(os.environ, NO_COLOR="1")
    tools = [Tool("tiendo", "tiendo" if args.binary else "tiendo " + commit.split()[0],
                  lambda site, out: [binary, "build", "--root", site, "--output", out])]
    if hugo:
        tools.append(Tool("hugo", hugo_label, lambda site, out: [hugo, "--source", site, "-d", out, "--quiet"]))

    started = datetime.now(timezone.utc)
    load_before = os.getloadavg()
    counts, results, problems = {}, {}, []
    for n in sizes:
        bench_size(work, n, tools, args.runs, env, counts, results, problems)
    load_after = os.getloadavg()

    print("## tiendo vs Hugo: benches/compare.py\n")
    print("- date: %s" % started.strftime("%Y-%m-%d %H:%M UTC"))
    print("- machine: %s" % machine_info())
    print("- load average (1 min) before / after the builds: %.2f / %.2f" % (load_before[0], load_after[0]))
    if args.binary:
        print("- tiendo: the binary %s (working tree at %s)" % (args.binary, commit))
    else:
        print("- tiendo: %s (release build, %s)" % (commit, run_text(["rustc", "--version"]) or "rustc ?"))
    print("- Hugo: %s" % (hugo_version or "not measured"))
    print("- workload: gen_site.py --articles N (seed 20260101), sizes %s" % ", ".join(map(str, sizes)))
    print("- method: %d timed whole-process runs per tool and size after 1 warm-up, alternating tools; "
          "each run writes a new output folder in %s (%s), deleted after the run (untimed)"
          % (args.runs, work, fs_type(work)))
    print("- commands: `tiendo build --root SITE --output OUT`%s\n"
          % (", `hugo --source SITE -d OUT --quiet`" if hugo else ""))
    print_counts(sizes, tools, counts)
    print_timings(sizes, tools, counts, results)
    print_verdicts(sizes, tools, counts, results, problems)
    sys.stdout.flush()

    if args.incremental:
        try:
            incremental(binary, work, max(sizes), args.edits, env)
        except RuntimeError as e:
            print("### Incremental\n\n- failed: %s (log: %s)\n" % (e, os.path.join(work, "serve-%d.log" % max(sizes))))
            problems.append(str(e))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
