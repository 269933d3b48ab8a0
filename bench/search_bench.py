"""Site search benchmark (issues 6 and 15): index size, the evaluation set, and first-result latency.

    .venv/bin/python bench/search_bench.py                  # builds the example site first
    .venv/bin/python bench/search_bench.py --public DIR     # an output already built
    .venv/bin/python bench/search_bench.py --pages 5000     # also the budget at 5,000 pages

Prints
1. the size of every index file (bytes, and gzip -9 bytes as a server would send them);
2. the evaluation set (tests/search/eval.tsv) per kind, over http and from file://: how many
   queries have an expected page at rank 1, in the top 3 and in the top 10, and the MRR;
3. for a few queries, served over http on 127.0.0.1 and opened from file://, in a fresh
   browser context each time (nothing cached — a cold page):
   - first: from the start of navigation to the search page with ?q= until the first result
     is on screen (what a reader arriving from the header search box waits; target ≤ 150 ms
     from file://),
   - page: until the whole first page of results is on screen,
   - search: from the moment the page starts the search to the first result,
   - warm: a second query typed into the same page (the manifest already loaded),
   - files/bytes: the index files that query loaded;
   medians and minima of --runs runs (the minimum is the figure least disturbed by other work
   on the machine; the load average is printed with them);
4. with --pages N: the same sizes and cold latency for the shared N-page corpus
   (../shared/bench/gen_corpus.py, as bench/run.py builds it).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "search"))
sys.path.insert(0, str(REPO))

QUERIES = ["隐患", "应急预案", "金点子", "马桥镇", "桓政办字〔2016〕2号", "C3", "隱患排查", "应急演炼", "发现隐患怎么举报",
           "2016年6月"]
CORPUS_QUERIES = ["隐患排查", "有限空间作业专项治理", "石桥镇", "第00042期", "應急預案", "应急演炼", "2023年5月"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
INDEX_FILES = ("docs", "fold", "index", "text")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def index_sizes(public: Path, detail: bool = True) -> int:
    folder = public / "static" / "search"
    rows = []
    for path in sorted(folder.glob("*.js"), key=lambda p: (p.name.split("-")[0], len(p.name), p.name)):
        if not path.name.startswith(INDEX_FILES):
            continue
        data = path.read_bytes()
        rows.append((path.name, len(data), len(gzip.compress(data, 9))))
    pages = sum(1 for _ in public.rglob("*.html"))
    print(f"索引文件（index files）：{folder.relative_to(public)}/，站点共 {pages:,} 个 HTML 页面")
    print(f"{'file':<16}{'bytes':>12}{'gzip':>12}")
    if detail:
        for name, raw, gz in rows:
            print(f"{name:<16}{raw:>12,}{gz:>12,}")
    for kind in INDEX_FILES:
        part = [r for r in rows if r[0].startswith(kind)]
        print(f"{kind + '*.js 合计':<16}{sum(r[1] for r in part):>12,}{sum(r[2] for r in part):>12,}"
              f"   ({len(part)} 个文件)")
    total = sum(r[1] for r in rows)
    print(f"{'总计 total':<16}{total:>12,}{sum(r[2] for r in rows):>12,}")
    client = (folder / "search.js").read_bytes()
    print(f"{'search.js':<16}{len(client):>12,}{len(gzip.compress(client, 9)):>12,}   （客户端脚本 client）")
    return total


def _measure(browser, root: str, q: str, second: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    loaded: dict[str, int] = {}

    def on_response(response):
        name = response.url.rsplit("/", 1)[-1].split("?")[0]
        if name.startswith(INDEX_FILES):
            try:
                loaded[name] = len(response.body())
            except Exception:  # noqa: BLE001 - a file:// response may not expose its body
                loaded[name] = (Path(response.url.split("?")[0][len("file://"):]).stat().st_size
                                if response.url.startswith("file://") else 0)
    page.on("response", on_response)
    page.goto(f"{root}search/index.html?q={quote(q)}")
    page.locator("#search-status").filter(has_text="条").wait_for(timeout=60000)
    timing = page.evaluate("""() => {
        const at = name => (performance.getEntriesByName(name).pop() || {startTime: NaN}).startTime;
        return {first: at('cbc-search-first'), done: at('cbc-search-done'), start: at('cbc-search-start')}; }""")
    files = dict(loaded)
    page.fill("#search-q", second)
    page.press("#search-q", "Enter")
    page.locator("#search-status").filter(has_text=f"“{second}”").wait_for(timeout=60000)
    warm = page.evaluate("""() => {
        const d = performance.getEntriesByName('cbc-search-done').pop().startTime;
        const s = performance.getEntriesByName('cbc-search-start').pop().startTime;
        return d - s; }""")
    context.close()
    return {"first": timing["first"], "page": timing["done"], "search": timing["first"] - timing["start"],
            "warm": warm, "files": len(files), "bytes": sum(files.values())}


class Served:
    """`public` served on 127.0.0.1 and opened from disk: {mode: root URL}."""

    def __init__(self, public: Path):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(public)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.roots = {"http": f"http://127.0.0.1:{self.server.server_address[1]}/", "file": public.as_uri() + "/"}

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def latency(browser, roots: dict[str, str], queries: list[str], runs: int) -> dict[str, list[float]]:
    print(f"\n首个结果延迟（first-result latency），毫秒，{runs} 次的中位数 / 最小值；每次都是新的浏览器上下文（冷页面）；"
          f"测量时负载 load average {os.getloadavg()[0]:.1f}（{os.cpu_count()} 核）")
    print(f"{'mode':<6}{'query':<22}{'first':>13}{'page':>13}{'search':>11}{'warm':>8}{'files':>7}{'bytes':>10}")
    firsts: dict[str, list[float]] = {}
    for mode, root in roots.items():
        for i, q in enumerate(queries):
            second = queries[(i + 1) % len(queries)]
            samples = [_measure(browser, root, q, second) for _ in range(runs)]
            med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
            low = {k: min(s[k] for s in samples) for k in samples[0]}
            firsts.setdefault(mode, []).extend(s["first"] for s in samples)
            print(f"{mode:<6}{q:<22}{med['first']:>7.0f} /{low['first']:>4.0f}{med['page']:>7.0f} /{low['page']:>4.0f}"
                  f"{med['search']:>5.0f} /{low['search']:>4.0f}{med['warm']:>8.0f}{med['files']:>7.0f}"
                  f"{med['bytes']:>10,.0f}")
    for mode, values in firsts.items():
        print(f"{mode}: 首个结果 first result，全部查询 all queries：中位数 median {statistics.median(values):.0f} ms，"
              f"最小 min {min(values):.0f} ms")
    return firsts


def evaluation(browser, roots: dict[str, str]) -> None:
    from search_eval import format_table, load_eval, run_eval, table
    rows = load_eval()
    for mode, root in roots.items():
        context = browser.new_context()
        outcomes = run_eval(context.new_page(), root, rows)
        context.close()
        print(f"\n评测集（evaluation set, tests/search/eval.tsv），{mode}：{len(rows)} 个查询")
        print(format_table(table(outcomes)))
        misses = [(row, rank) for row, rank, _ in outcomes if not rank or rank > 3]
        for row, rank in misses:
            print(f"  前三名以外 outside the top 3: {row.kind} {row.query} → {rank or '—'}")


def build(site: Path, out: Path) -> None:
    from builder.pipeline import build as build_site
    result = build_site(site, out=out, pdf=False)
    print(f"已构建 {site.name} 到 {out}；建立索引用时 {result.timings.get('search', 0) * 1000:.0f} ms")


def corpus(n: int, browser, runs: int) -> None:
    sys.path.insert(0, str(REPO / "bench"))
    import run
    if not (run.SHARED_BENCH / "gen_corpus.py").is_file():  # a worktree: shared/ is further up
        found = next((p / "shared" / "bench" for p in REPO.parents if (p / "shared" / "bench" / "gen_corpus.py").is_file()),
                     None)
        if found is None:
            raise SystemExit("找不到 shared/bench/gen_corpus.py（语料生成器）")
        run.SHARED_BENCH = found
    corpus_site = run.corpus_site
    work = Path(tempfile.mkdtemp(prefix="search-bench-corpus-"))
    site = corpus_site(n, work)
    out = work / "public"
    print(f"\n===== {n:,} 页语料（shared corpus）=====")
    build(site, out)
    total = index_sizes(out, detail=False)
    docs = len(list((out / "news").glob("*/index.html")))
    print(f"每页索引 per page: {total / max(docs, 1):,.0f} bytes（{docs:,} 篇文章）")
    served = Served(out)
    try:
        latency(browser, {"file": served.roots["file"]}, CORPUS_QUERIES, runs)
    finally:
        served.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--public", type=Path, help="已构建的网站输出目录（默认先构建示例站点）")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, nargs="*", default=[], help="也测量 N 页语料（例如 5000）")
    parser.add_argument("--no-eval", action="store_true", help="不跑评测集")
    args = parser.parse_args(argv)
    public = args.public
    if public is None:
        public = Path(tempfile.mkdtemp(prefix="search-bench-")) / "public"
        build(REPO, public)
    public = public.resolve()
    index_sizes(public)
    from playwright.sync_api import sync_playwright
    served = Served(public)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            if not args.no_eval:
                evaluation(browser, served.roots)
            latency(browser, served.roots, QUERIES, args.runs)
            for n in args.pages:
                corpus(n, browser, args.runs)
        finally:
            browser.close()
            served.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
