"""Site search benchmark (issue 6): index size, and first-result latency in headless Chromium.

    .venv/bin/python bench/search_bench.py                 # builds the example site first
    .venv/bin/python bench/search_bench.py --public DIR    # an output already built

Prints the size of every index file (bytes, and gzip -9 bytes as a server would send them),
then, for a few queries, served over http on 127.0.0.1 and opened from file://:
- first result: from the start of navigation to the search page with ?q= until the
  results are on screen (what a reader arriving from the header search box waits);
- search: from the moment the page starts the search to the results on screen;
- warm: a second query typed into the same page (docs.js already loaded);
- loaded: the index files that query loaded, and their bytes.
Times are medians of --runs runs, each in a fresh browser context (nothing cached).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
QUERIES = ["隐患", "应急预案", "金点子", "马桥镇", "桓政办字〔2016〕2号", "C3", "查"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


def index_sizes(public: Path) -> None:
    folder = public / "static" / "search"
    rows = []
    for path in sorted(folder.glob("*.js"), key=lambda p: (p.name.split("-")[0], len(p.name), p.name)):
        if path.name == "search.js":
            continue
        data = path.read_bytes()
        rows.append((path.name, len(data), len(gzip.compress(data, 9))))
    pages = sum(1 for _ in public.rglob("*.html"))
    print(f"索引文件（index files）：{folder.relative_to(public)}/，站点共 {pages} 个 HTML 页面")
    print(f"{'file':<14}{'bytes':>10}{'gzip':>10}")
    for name, raw, gz in rows:
        print(f"{name:<14}{raw:>10,}{gz:>10,}")
    for kind in ("docs", "index", "text"):
        part = [r for r in rows if r[0].startswith(kind)]
        print(f"{kind + '-*.js 合计':<14}{sum(r[1] for r in part):>10,}{sum(r[2] for r in part):>10,}"
              f"   ({len(part)} 个文件)")
    print(f"{'总计 total':<14}{sum(r[1] for r in rows):>10,}{sum(r[2] for r in rows):>10,}")
    client = (folder / "search.js").read_bytes()
    print(f"{'search.js':<14}{len(client):>10,}{len(gzip.compress(client, 9)):>10,}   （客户端脚本 client）")


def _measure(browser, root: str, q: str, second: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    loaded: dict[str, int] = {}

    def on_response(response):
        name = response.url.rsplit("/", 1)[-1].split("?")[0]
        if name.startswith(("docs", "index-", "text-")):
            try:
                loaded[name] = len(response.body())
            except Exception:  # noqa: BLE001 - a file:// response may not expose its body
                loaded[name] = (Path(response.url.split("?")[0][len("file://"):]).stat().st_size
                                if response.url.startswith("file://") else 0)
    page.on("response", on_response)
    page.goto(f"{root}search/index.html?q={quote(q)}")
    page.locator("#search-status").filter(has_text="条结果").wait_for(timeout=30000)
    timing = page.evaluate("""() => ({
        done: performance.getEntriesByName('cbc-search-done').pop().startTime,
        start: performance.getEntriesByName('cbc-search-start').pop().startTime})""")
    first_files = dict(loaded)
    page.fill("#search-q", second)
    page.press("#search-q", "Enter")
    page.locator("#search-status").filter(has_text=f"“{second}”").wait_for(timeout=30000)
    warm = page.evaluate("""() => {
        const d = performance.getEntriesByName('cbc-search-done').pop().startTime;
        const s = performance.getEntriesByName('cbc-search-start').pop().startTime;
        return d - s; }""")
    context.close()
    return {"first": timing["done"], "search": timing["done"] - timing["start"], "warm": warm,
            "files": len(first_files), "bytes": sum(first_files.values())}


def latency(public: Path, runs: int) -> None:
    from playwright.sync_api import sync_playwright
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(public)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    roots = {"http": f"http://127.0.0.1:{server.server_address[1]}/", "file": public.as_uri() + "/"}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        print(f"\n首个结果延迟（first-result latency），毫秒，{runs} 次的中位数；每次都是新的浏览器上下文（无缓存）")
        print(f"{'mode':<6}{'query':<22}{'first result':>13}{'search':>9}{'warm':>8}{'files':>7}{'bytes':>10}")
        for mode, root in roots.items():
            for i, q in enumerate(QUERIES):
                second = QUERIES[(i + 1) % len(QUERIES)]
                samples = [_measure(browser, root, q, second) for _ in range(runs)]
                med = {k: statistics.median(s[k] for s in samples) for k in samples[0]}
                print(f"{mode:<6}{q:<22}{med['first']:>13.0f}{med['search']:>9.0f}{med['warm']:>8.0f}"
                      f"{med['files']:>7.0f}{med['bytes']:>10,.0f}")
        browser.close()
    server.shutdown()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--public", type=Path, help="已构建的网站输出目录（默认先构建示例站点）")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    public = args.public
    if public is None:
        sys.path.insert(0, str(REPO))
        from builder.pipeline import build
        public = Path(tempfile.mkdtemp(prefix="search-bench-")) / "public"
        result = build(REPO, out=public, pdf=False)
        print(f"示例站点已构建到 {public}；建立索引用时 {result.timings.get('search', 0) * 1000:.0f} ms")
    index_sizes(public.resolve())
    latency(public.resolve(), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
