#!/usr/bin/env python3
"""Whole-site builds of one large year kept as YAML and as an Excel workbook (issue 12).

    python3 benches/xlsx.py [--goals 1000] [--tasks 1000] [--runs 5]
                            [--load-runs 15] [--dirs /tmp,/dev/shm] [--binary PATH] [--keep]

What it does:

1. Generates a site with one year, 2023, of --goals goals and --tasks tasks, with 4 reviews
   (Q1..Q4, `history` values at Q1..Q3, some left out so that items go stale), 3 plans (one
   dated at Q2, so its items are absent at Q1), 7 groups, 12 lead agencies and 3 indicators,
   as `content/years/2023.yaml`. Titles are Vietnamese and English with diacritics.
2. Makes a second site, the same but for the year: `tiendo convert years/2023.yaml` writes
   `2023.xlsx` (Vietnamese sheet and column names, as the example site is Vietnamese first)
   and the YAML file is removed. Both sites are built once and their `nam/2023/data.json`,
   `goals.csv` and `tasks.csv` compared byte for byte: the comparison is between two
   sources of the same site.
3. In each folder of --dirs (default: the system's temporary folder, on disk, and /dev/shm,
   RAM), 1 warm-up per format, then --runs timed runs, YAML and workbook alternating, of
   `TIENDO_TIMINGS=1 tiendo build --root SITE --output OUT`, OUT a new folder beside the
   site, deleted (untimed) after each run. Wall time is measured around spawn and wait; CPU
   (user + sys) and peak RSS are the child's, from os.wait4(); the `load` phase (reading
   and validating content/, the year file included) is parsed from TIENDO_TIMINGS's output.
   The load phase is a few tens of milliseconds, so it is also sampled over --load-runs more
   builds per format (alternating, in the last folder of --dirs), for a steadier median.
4. Prints a Markdown report on standard output (machine, load average before and after,
   commit, file sizes, median [min-max] per format and folder). Progress goes to stderr.

It builds tiendo with `cargo build --release` unless --binary is given, and copies the
binary next to the sites, so that a rebuild of the working tree does not change what is
measured. Standard library only; nothing is installed. The sites are deleted at the end
unless --keep.
"""

import argparse
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

GROUPS = [
    ("awareness-institutions", "Nhận thức, thể chế", "Awareness and institutions"),
    ("digital-infrastructure", "Hạ tầng số", "Digital infrastructure"),
    ("digital-data", "Dữ liệu số", "Digital data"),
    ("digital-government", "Chính quyền số", "Digital government"),
    ("digital-economy", "Kinh tế số", "Digital economy"),
    ("digital-society", "Xã hội số", "Digital society"),
    ("information-security", "An toàn thông tin", "Information security"),
]
AGENCIES = [
    ("Sở Thông tin và Truyền thông", "Department of Information and Communications"),
    ("Sở Kế hoạch và Đầu tư", "Department of Planning and Investment"),
    ("Sở Y tế", "Department of Health"),
    ("Sở Giáo dục và Đào tạo", "Department of Education and Training"),
    ("Sở Tài nguyên và Môi trường", "Department of Natural Resources and Environment"),
    ("Sở Công Thương", "Department of Industry and Trade"),
    ("Sở Nội vụ", "Department of Home Affairs"),
    ("Sở Tư pháp", "Department of Justice"),
    ("Công an tỉnh", "Provincial Police"),
    ("Văn phòng UBND tỉnh", "Office of the Provincial People's Committee"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Department of Agriculture and Rural Development"),
    ("UBND các huyện, thị xã, thành phố", "District, town and city People's Committees"),
]
WORDS_VI = ["chuyển đổi số", "dữ liệu", "dịch vụ công trực tuyến", "hạ tầng", "cơ sở dữ liệu",
            "thanh toán không dùng tiền mặt", "an toàn thông tin", "kỹ năng số", "nền tảng số",
            "chính quyền số", "kinh tế số", "xã hội số", "hồ sơ điện tử", "cấp xã"]
WORDS_EN = ["digital transformation", "data", "online public services", "infrastructure",
            "databases", "cashless payment", "information security", "digital skills",
            "digital platforms", "digital government", "digital economy", "digital society",
            "electronic records", "commune level"]
REVIEWS = [("Q1", "2023-04-12"), ("Q2", "2023-07-14"), ("Q3", "2023-10-15"), ("Q4", "2023-12-19")]
PLANS = [("09-KH/BCĐCĐS", "2023-03-10"), ("BCĐ-Q2/2023", "2023-07-14"),
         ("BCĐ-quý/2023", "2023-10-15")]
STATUSES = ["not_started", "in_progress", "done"]


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def loc(vi, en):
    return "{vi: %s, en: %s}" % (q(vi), q(en))


def title(rng, n, kind):
    a, b = rng.randrange(len(WORDS_VI)), rng.randrange(len(WORDS_VI))
    return (f"{kind[0]} {n}: {WORDS_VI[a]} và {WORDS_VI[b]}",
            f"{kind[1]} {n}: {WORDS_EN[a]} and {WORDS_EN[b]}")


def plan_of(rng):
    r = rng.random()
    return PLANS[0] if r < 0.7 else PLANS[1] if r < 0.9 else PLANS[2]


def reviews_of(plan_date):
    """The earlier reviews (not the latest) at which an item of a plan dated so existed."""
    return [rid for rid, d in REVIEWS[:-1] if d >= plan_date]


def goal_lines(rng, i):
    vi, en = title(rng, i, ("Mục tiêu", "Goal"))
    plan, pdate = plan_of(rng)
    group = GROUPS[i % len(GROUPS)][0]
    out = [f"  - id: G{i:04d}", f"    title: {loc(vi, en)}", f"    group: {group}",
           f"    plan: {q(plan)}"]
    final = round(rng.uniform(10, 130), 1)
    if i % 3 == 0:
        final = min(final, 100.0)
        out.append(f"    progress: {final:g}")
    else:
        target = rng.choice([10, 50, 80, 100, 1200])
        actual = round(target * final / 100, 1)
        out += [f"    target: {target}", f"    actual: {actual:g}"]
        if i % 7 == 0:
            out.append("    baseline: 0")
        final = actual
    at = reviews_of(pdate)
    # Values rising towards the year's; about one item in eight is not updated at the end.
    values, v = [], 0.0
    for k, rid in enumerate(at):
        v = round(final * (k + 1) / (len(at) + 1), 1)
        values.append(f"{rid}: {v:g}")
    if values and i % 8 == 0:
        values = values[:-1]
    if values:
        out.append("    history: {" + ", ".join(values) + "}")
    if i % 5 == 0:
        out.append(f"    unit: {loc('%', '%')}")
    if i % 11 == 0:
        out.append(f"    note: {loc('Ghi chú về **tiến độ** của mục tiêu.', 'A note on the goal’s **progress**.')}")
    return out


def task_lines(rng, i):
    vi, en = title(rng, i, ("Nhiệm vụ", "Task"))
    plan, pdate = plan_of(rng)
    status = rng.choices(STATUSES, weights=[1, 3, 6])[0]
    owner = AGENCIES[i % len(AGENCIES)]
    out = [f"  - id: T{i:04d}", f"    title: {loc(vi, en)}", f"    status: {status}",
           f"    group: {GROUPS[i % len(GROUPS)][0]}", f"    plan: {q(plan)}",
           f"    owner: {loc(*owner)}", f"    due: 2023-{rng.randint(4, 12):02d}-28"]
    at = reviews_of(pdate)
    top = STATUSES.index(status)
    hist = [f"{rid}: {STATUSES[min(top, k)]}" for k, rid in enumerate(at)]
    if hist and i % 9 == 0:
        hist = hist[:-1]
    if hist:
        out.append("    history: {" + ", ".join(hist) + "}")
    return out


def year_yaml(goals, tasks):
    rng = random.Random(2023)
    out = ["# A synthetic year for benches/xlsx.py.", "year: 2023",
           f"title: {loc('Năm 2023 (tổng hợp)', '2023 (synthetic)')}", "reviews:"]
    for rid, d in REVIEWS:
        out += [f"  - id: {rid}", f"    date: {d}",
                f"    title: {loc('Họp Ban Chỉ đạo ' + rid, 'Steering Committee, ' + rid)}"]
    out.append("plans:")
    for pid, d in PLANS:
        out.append(f"  - {{id: {q(pid)}, date: {d}, title: {loc('Kế hoạch ' + pid, 'Plan ' + pid)}}}")
    out.append("groups:")
    for gid, vi, en in GROUPS:
        out.append(f"  - {{id: {gid}, name: {loc(vi, en)}}}")
    out.append("goals:")
    for i in range(1, goals + 1):
        out += goal_lines(rng, i)
    out.append("tasks:")
    for i in range(1, tasks + 1):
        out += task_lines(rng, i)
    out += ["indicators:",
            f"  - {{id: ict-index-rank, name: {loc('Xếp hạng chỉ số', 'ICT index rank')}, value: 17, out_of: 63, better: lower}}",
            f"  - {{id: dti, name: {loc('Chỉ số chuyển đổi số', 'Digital transformation index')}, value: 0.45}}",
            f"  - {{id: online, name: {loc('Hồ sơ trực tuyến', 'Online applications')}, value: 62.5}}"]
    return "\n".join(out) + "\n"


SITE_YAML = """title: {vi: "Tiến độ (bench)", en: "Progress (bench)"}
base_url: "https://example.gov.vn/cds/"
languages: [vi, en]
"""


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        log(r.stdout, r.stderr)
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}")
    return r


def make_sites(base, binary, goals, tasks):
    yaml_site, xlsx_site = os.path.join(base, "site-yaml"), os.path.join(base, "site-xlsx")
    for s in (yaml_site, xlsx_site):
        shutil.rmtree(s, ignore_errors=True)
        os.makedirs(os.path.join(s, "content", "years"))
        with open(os.path.join(s, "content", "site.yaml"), "w", encoding="utf-8") as f:
            f.write(SITE_YAML)
    text = year_yaml(goals, tasks)
    with open(os.path.join(yaml_site, "content", "years", "2023.yaml"), "w", encoding="utf-8") as f:
        f.write(text)
    shutil.copy(os.path.join(yaml_site, "content", "years", "2023.yaml"),
                os.path.join(xlsx_site, "content", "years", "2023.yaml"))
    run([binary, "convert", "--root", xlsx_site, "years/2023.yaml"])
    os.remove(os.path.join(xlsx_site, "content", "years", "2023.yaml"))
    return yaml_site, xlsx_site


def wait_child(cmd, env):
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        log(err.decode(errors="replace"))
        raise SystemExit(f"build failed: {' '.join(cmd)}")
    load_ms = None
    for line in err.decode(errors="replace").splitlines():
        if line.startswith("timing: load"):
            load_ms = float(line.split()[-2])
    # ru_maxrss is in KiB on Linux.
    return wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, load_ms


def build_once(binary, site, work, n):
    out = os.path.join(work, f"out-{n}")
    env = dict(os.environ, TIENDO_TIMINGS="1", NO_COLOR="1", TIENDO_TODAY="2024-01-15")
    try:
        return wait_child([binary, "build", "--root", site, "--output", out], env)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        for name in os.listdir(work):
            if name.startswith(f".out-{n}."):
                p = os.path.join(work, name)
                shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else os.remove(p)


def same_data(binary, yaml_site, xlsx_site, work):
    outs = []
    for s, tag in ((yaml_site, "check-yaml"), (xlsx_site, "check-xlsx")):
        out = os.path.join(work, tag)
        run([binary, "build", "--root", s, "--output", out],
            env=dict(os.environ, TIENDO_TODAY="2024-01-15"))
        outs.append(out)
    differ = []
    for f in ("nam/2023/data.json", "nam/2023/goals.csv", "nam/2023/tasks.csv",
              "en/years/2023/q1/data.json", "nam/2023/2023.xlsx"):
        with open(os.path.join(outs[0], f), "rb") as a, open(os.path.join(outs[1], f), "rb") as b:
            if a.read() != b.read():
                differ.append(f)
    pages = sum(1 for _, _, fs in os.walk(outs[0]) for x in fs if x == "index.html")
    for o in outs:
        shutil.rmtree(o, ignore_errors=True)
        rec = os.path.join(os.path.dirname(o), "." + os.path.basename(o) + ".tiendo-files")
        if os.path.exists(rec):
            os.remove(rec)
    return differ, pages


def fmt(xs, unit, digits):
    m = statistics.median(xs)
    return f"{m:.{digits}f}{unit} [{min(xs):.{digits}f}–{max(xs):.{digits}f}]"


def measure(binary, dirs, goals, tasks, runs, load_runs, keep):
    results, sizes, checks = {}, {}, {}
    for d in dirs:
        work = os.path.join(d, "tiendo-bench-xlsx")
        os.makedirs(work, exist_ok=True)
        bin_copy = os.path.join(work, "tiendo")
        shutil.copy(binary, bin_copy)
        log(f"{work}: generating {goals} goals and {tasks} tasks, converting")
        yaml_site, xlsx_site = make_sites(work, bin_copy, goals, tasks)
        sizes = {
            "yaml": os.path.getsize(os.path.join(yaml_site, "content/years/2023.yaml")),
            "xlsx": os.path.getsize(os.path.join(xlsx_site, "content/years/2023.xlsx")),
        }
        checks[d] = same_data(bin_copy, yaml_site, xlsx_site, work)
        series = {"yaml": [], "xlsx": []}
        for n in range(runs + 1):
            for fmt_name, site in (("yaml", yaml_site), ("xlsx", xlsx_site)):
                r = build_once(bin_copy, site, work, n)
                if n > 0:
                    series[fmt_name].append(r)
                log(f"  {fmt_name} run {n}{' (warm-up)' if n == 0 else ''}: {r[0]:.3f} s, load {r[3]} ms")
        if d == dirs[-1] and load_runs:
            for n in range(load_runs):
                for fmt_name, site in (("yaml", yaml_site), ("xlsx", xlsx_site)):
                    r = build_once(bin_copy, site, work, runs + 1 + n)
                    series["load-" + fmt_name] = series.get("load-" + fmt_name, []) + [r[3]]
            log(f"  {load_runs} more builds per format for the load phase")
        results[d] = series
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return results, sizes, checks


def commit():
    try:
        sha = run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"]).stdout.strip()
        dirty = run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"]).stdout.strip()
        return sha + (" + uncommitted changes" if dirty else "")
    except SystemExit:
        return "unknown"


def fs_name(d):
    r = subprocess.run(["df", "--output=fstype", d], capture_output=True, text=True)
    lines = r.stdout.split()
    return lines[-1] if len(lines) > 1 else "?"


def report(results, sizes, checks, args, load_before, load_after):
    print(f"# Year as YAML vs as workbook: {args.goals} goals + {args.tasks} tasks, 4 reviews\n")
    print(f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {platform.machine()}, "
          f"{os.cpu_count()} cores; commit {commit()}")
    print(f"- load average before: {load_before}; after: {load_after}")
    print(f"- year file: YAML {sizes['yaml']:,} bytes; workbook {sizes['xlsx']:,} bytes "
          f"(written by `tiendo convert`)")
    for d, (differ, pages) in checks.items():
        same = "identical" if not differ else "DIFFER: " + ", ".join(differ)
        print(f"- {d} ({fs_name(d)}): {pages:,} pages; year data files of both builds: {same}")
    print(f"- {args.runs} timed runs per format after 1 warm-up, alternating; median [min–max]\n")
    print("| folder | source | wall | CPU | peak RSS | load phase |")
    print("| --- | --- | --- | --- | --- | --- |")
    for d, series in results.items():
        for name in ("yaml", "xlsx"):
            rs = series[name]
            label = "YAML" if name == "yaml" else "workbook"
            loads = [r[3] for r in rs if r[3] is not None]
            print(f"| {d} ({fs_name(d)}) | {label} | {fmt([r[0] for r in rs], ' s', 3)} | "
                  f"{fmt([r[1] for r in rs], ' s', 2)} | {fmt([r[2] for r in rs], ' MiB', 0)} | "
                  f"{fmt(loads, ' ms', 1) if loads else 'n/a'} |")
    for d, series in results.items():
        if "load-yaml" in series:
            for name, label in (("load-yaml", "YAML"), ("load-xlsx", "workbook")):
                xs = [x for x in series[name] if x is not None]
                print(f"| {d} ({fs_name(d)}), {len(xs)} more builds | {label} | | | | "
                      f"{fmt(xs, ' ms', 1)} |")
    print()
    for d, series in results.items():
        w = statistics.median(r[0] for r in series["xlsx"]) - statistics.median(r[0] for r in series["yaml"])
        lds = [statistics.median([r[3] for r in series[n]]) for n in ("yaml", "xlsx")]
        if "load-yaml" in series:
            lds = [statistics.median(series[n] + [r[3] for r in series[n[5:]]])
                   for n in ("load-yaml", "load-xlsx")]
        print(f"- {d}: workbook − YAML, median wall {w * 1000:+.0f} ms; load phase "
              f"{lds[1] - lds[0]:+.1f} ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--goals", type=int, default=1000)
    ap.add_argument("--tasks", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--load-runs", type=int, default=15,
                    help="more builds per format, in the last folder, to sample the load phase")
    ap.add_argument("--dirs", default=f"{tempfile.gettempdir()},/dev/shm",
                    help="comma-separated folders to build in (default: the temporary folder and /dev/shm)")
    ap.add_argument("--binary", help="measure this tiendo binary instead of building one")
    ap.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = ap.parse_args()
    binary = args.binary
    if not binary:
        log("cargo build --release")
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        binary = os.path.join(REPO, "target", "release", "tiendo")
    dirs = [d for d in args.dirs.split(",") if d and os.path.isdir(d)]
    load_before = " ".join(f"{x:.2f}" for x in os.getloadavg())
    results, sizes, checks = measure(binary, dirs, args.goals, args.tasks, args.runs,
                                     args.load_runs, args.keep)
    load_after = " ".join(f"{x:.2f}" for x in os.getloadavg())
    report(results, sizes, checks, args, load_before, load_after)
    bad = [d for d, (differ, _) in checks.items() if differ]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
