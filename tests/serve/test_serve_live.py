"""Issue 5 "Done when": drive a real `chabaocu serve` — edit, reload; break, overlay; fix, cleared; Ctrl-C."""

from __future__ import annotations

import html
import http.client
import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from builder.pipeline import check

pytestmark = pytest.mark.slow

# Seconds: every wait below polls up to this long, none sleeps a fixed time. Generous, because
# under pytest-xdist a build in serve shares the cores with another worker's tests.
WAIT = 30.0
PAGE = "/news/2016-01-20-kickoff/"
PAGE_FILE = "news/2016-01-20-kickoff/index.html"


class Server:
    """`python -m builder serve --port 0` in a child process, as a user would start it."""

    def __init__(self, root: Path, log: Path):
        self.log = log
        self._log_file = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "builder", "serve", "--site", str(root), "--port", "0"],
            stdout=subprocess.PIPE, stderr=self._log_file, cwd=root, text=True, encoding="utf-8")
        lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=lambda: [lines.put(line) for line in self.proc.stdout], daemon=True)
        self._reader.start()
        try:
            first = lines.get(timeout=WAIT)
        except queue.Empty:
            self.stop()
            raise AssertionError("serve printed no URL; stderr:\n" + self.stderr()) from None
        match = re.fullmatch(r"预览地址（open in your browser）：http://127\.0\.0\.1:(\d+)/\n", first)
        assert match, first
        self.port = int(match.group(1))

    def get(self, path: str) -> tuple[int, str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=WAIT)
        conn.request("GET", path)
        resp = conn.getresponse()
        body = resp.read().decode("utf-8")
        conn.close()
        return resp.status, body

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def stop(self) -> int:
        """Ctrl-C, then the exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"serve did not stop within {WAIT:.0f} s of Ctrl-C") from None
        finally:
            self._reader.join(timeout=WAIT)  # it ends at the pipe's end of file, once serve has exited
            self._log_file.close()
            self.proc.stdout.close()


class Events:
    """The page's SSE stream (/__livereload), read on a thread into a queue of (arrival time, data)."""

    def __init__(self, port: int):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=WAIT * 3)
        self.conn.request("GET", "/__livereload")
        self.resp = self.conn.getresponse()
        assert self.resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        self.queue: queue.Queue[tuple[float, dict]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.resp.fp:
                line = raw.decode("utf-8")
                if line.startswith("data: "):
                    self.queue.put((time.perf_counter(), json.loads(line[6:])))
        except (OSError, ValueError):
            pass  # the test closed the stream

    def next(self) -> tuple[float, dict]:
        try:
            return self.queue.get(timeout=WAIT)
        except queue.Empty:
            raise AssertionError(f"no SSE event within {WAIT:.0f} s") from None

    def close(self) -> None:
        self.conn.close()


def epoch_of(page: str) -> str:
    match = re.search(r'<script src="/__livereload\.js" data-epoch="([^"]+)"></script></body>', page)
    assert match, page[-300:]
    return match.group(1)


def test_edit_reload_break_overlay_fix(serve_site, serve_article, tmp_path_factory):
    site = serve_site
    towns = (site / "data/towns.yaml").read_text(encoding="utf-8")
    server = Server(site, tmp_path_factory.mktemp("log") / "serve.stderr")
    events = None
    try:
        status, page = server.get(PAGE)
        assert status == 200 and "第一版正文。" in page and "chabaocu-overlay" not in page
        events = Events(server.port)
        _, hello = events.next()
        # The page is current (same epoch); a stream that names no epoch hears "maybe all changed".
        assert hello == {"epoch": epoch_of(page), "failed": False, "changed": None}

        # Edit an article's text: the fast path shows that page first (an event naming it),
        # then the full build updates the lists that show its summary (and not the page again).
        saved = time.perf_counter()
        (site / "content/news/2016-01-20-kickoff.md").write_text(serve_article("第二版正文。"), encoding="utf-8")
        arrived, event = events.next()
        print(f"\n保存到刷新事件（save → SSE reload）：{(arrived - saved) * 1000:.0f} ms")
        assert event["epoch"] != hello["epoch"] and event["failed"] is False
        assert event["changed"] == [PAGE_FILE]
        status, page = server.get(PAGE)
        assert status == 200 and "第二版正文。" in page and epoch_of(page) == event["epoch"]
        _, full = events.next()
        assert full["failed"] is False and "news/index.html" in full["changed"]
        assert PAGE_FILE not in full["changed"]
        assert "第二版正文。" in server.get("/news/")[1]

        # Break a data file: the event says so; pages keep the last good output, with the overlay.
        (site / "data/towns.yaml").write_text("- id: [oops\n", encoding="utf-8")
        _, event = events.next()
        assert event["failed"] is True
        status, page = server.get(PAGE)
        assert status == 200 and "第二版正文。" in page
        assert '<link rel="stylesheet" href="/__overlay.css"></head>' in page
        assert '<div id="chabaocu-overlay" role="alert">' in page
        (diag,) = check(site)  # what `chabaocu check` says, word for word, must be on the page
        assert diag.loc.path == "data/towns.yaml" and diag.loc.line >= 1
        assert f"<code>{diag.loc}</code> 错误: {html.escape(diag.message)}" in page
        assert epoch_of(page) == event["epoch"]

        # Fix it: another event, and the overlay is gone.
        (site / "data/towns.yaml").write_text(towns, encoding="utf-8")
        _, event = events.next()
        assert event["failed"] is False
        status, page = server.get(PAGE)
        assert status == 200 and "chabaocu-overlay" not in page and "第二版正文。" in page
        assert epoch_of(page) == event["epoch"]
    finally:
        if events:
            events.close()
        code = server.stop()
    err = server.stderr()
    assert code == 0, err
    assert f"{diag}\n" in err
    assert err.rstrip().endswith("已停止预览（serve stopped）。")
    assert not (site / "public").exists() and not (site / "print").exists()  # the user's folders stay untouched
    assert (site / ".cache/serve/public/index.html").is_file()


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="需要 /usr/bin/chromium（浏览器检查）")
def test_a_real_browser_reloads_and_shows_the_overlay(serve_site, serve_article, tmp_path_factory, chromium_browser):
    """The page's CSP must let the injected script, its SSE stream and the overlay CSS work."""
    site = serve_site
    towns = (site / "data/towns.yaml").read_text(encoding="utf-8")
    server = Server(site, tmp_path_factory.mktemp("log") / "serve.stderr")
    problems: list[str] = []
    try:
        context = chromium_browser.new_context()  # one shared browser for the session (tests/conftest.py)
        page = context.new_page()
        page.on("console", lambda msg: msg.type in ("error", "warning") and problems.append(msg.text))
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        with page.expect_response(lambda r: "/__livereload?epoch=" in r.url):
            page.goto(f"http://127.0.0.1:{server.port}{PAGE}")
        assert "第一版正文。" in page.inner_text("main")

        # A second tab on a page the edit does not change: it must not reload.
        other = context.new_page()
        with other.expect_response(lambda r: "/__livereload?epoch=" in r.url):
            other.goto(f"http://127.0.0.1:{server.port}/towns/suozhen/")
        loads = {"article": 0, "town": 0}
        page.on("load", lambda: loads.__setitem__("article", loads["article"] + 1))
        other.on("load", lambda: loads.__setitem__("town", loads["town"] + 1))

        (site / "content/news/2016-01-20-kickoff.md").write_text(serve_article("第二版正文。"),
                                                                 encoding="utf-8")
        # A locator, not wait_for_function: evaluating a string would itself break the CSP.
        page.locator("main", has_text="第二版正文。").wait_for(timeout=WAIT * 1000)
        deadline = time.monotonic() + WAIT
        while "第二版正文。" not in server.get("/news/")[1] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "第二版正文。" in server.get("/news/")[1]  # the full build has updated the list
        page.wait_for_timeout(500)
        assert loads == {"article": 1, "town": 0}  # the article reloaded once (fast path), the town page never

        (site / "data/towns.yaml").write_text("- id: [oops\n", encoding="utf-8")
        overlay = page.locator("#chabaocu-overlay")
        overlay.wait_for(state="visible", timeout=WAIT * 1000)
        (diag,) = check(site)
        assert f"{diag.loc} 错误: {diag.message}\n提示: {diag.hint}" in overlay.inner_text()
        # Styled by /__overlay.css (no inline styles under the CSP): it covers the page.
        assert overlay.evaluate("e => getComputedStyle(e).position") == "fixed"
        page.click("#chabaocu-overlay-close")
        assert overlay.is_hidden()

        (site / "data/towns.yaml").write_text(towns, encoding="utf-8")
        overlay.wait_for(state="detached", timeout=WAIT * 1000)
        assert "第二版正文。" in page.inner_text("main")
        context.close()
    finally:
        code = server.stop()
    assert code == 0, server.stderr()
    assert problems == []  # no CSP violations, no script errors
