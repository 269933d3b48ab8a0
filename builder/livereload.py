"""The dev server's HTTP side: serve the build folder safely, push reloads by SSE, show build errors.

Every text/html response gets a small external script (/__livereload.js) that listens on
/__livereload (Server-Sent Events) and reloads the page when a newer build is published.
After a failed build the response also carries an overlay listing the diagnostics; its
styles come from /__overlay.css. Nothing here is written into the output folder, and
nothing is inline: the pages' CSP allows only same-origin scripts and styles.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import os
import socket
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from builder.diagnostics import Diagnostic

RELOAD_PATH = "/__livereload"
SCRIPT_PATH = "/__livereload.js"
OVERLAY_CSS_PATH = "/__overlay.css"
KEEPALIVE_SECONDS = 15.0
HISTORY = 200  # published builds remembered, to tell a reconnecting page what changed since its own

LIVERELOAD_JS = """\
// chabaocu serve：页面所显示的构建过期后自动刷新（live reload）。
(function () {
  "use strict";
  var script = document.currentScript;
  var epoch = script ? script.getAttribute("data-epoch") : null;
  // The output file this page is ("news/x/" is news/x/index.html), as build events name them.
  var here = decodeURIComponent(window.location.pathname).replace(/^\\/+/, "");
  if (here === "" || here.slice(-1) === "/") {
    here += "index.html";
  }
  var source = new EventSource("/__livereload?epoch=" + encodeURIComponent(epoch || ""));
  source.addEventListener("build", function (event) {
    var build = JSON.parse(event.data);
    // changed: the files that differ since this page's build, or null for "maybe all".
    if (build.epoch !== epoch && (build.changed === null || build.changed.indexOf(here) >= 0)) {
      source.close();
      window.location.reload();
    }
  });
  var close = document.getElementById("chabaocu-overlay-close");
  if (close) {
    close.addEventListener("click", function () {
      document.getElementById("chabaocu-overlay").hidden = true;
    });
  }
})();
"""

OVERLAY_CSS = """\
/* chabaocu serve：构建失败时的错误列表（error overlay）。 */
#chabaocu-overlay { position: fixed; inset: 0; z-index: 2147483647; overflow: auto;
  background: rgba(40, 0, 0, .92); color: #fff; padding: 2rem;
  font: 16px/1.6 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
#chabaocu-overlay[hidden] { display: none; }
#chabaocu-overlay h2 { margin: 0 0 1rem; font-size: 1.4rem; color: #ffd2d2; }
#chabaocu-overlay ol { margin: 0 0 1rem; padding-left: 1.5rem; }
#chabaocu-overlay li { margin: 0 0 .8rem; }
#chabaocu-overlay code { font-family: "Noto Sans Mono CJK SC", monospace; color: #ffe08a; }
#chabaocu-overlay .hint { display: block; color: #d8d8d8; }
#chabaocu-overlay button { font: inherit; padding: .2rem 1rem; cursor: pointer; }
"""

_NOT_BUILT = "网站还没有成功构建过（not built yet）。改正下面列出的错误并保存，页面会自动刷新。"
_NOT_FOUND = "找不到这个网页（404 not found）。"
_BUILDING = "正在进行第一次构建（building），完成后页面会自动刷新。"


@dataclass(frozen=True, slots=True)
class BuildState:
    """Which build the browser should show and, after a failed build, why it failed."""

    epoch: str
    diagnostics: tuple[Diagnostic, ...] = ()
    # The output files this build changed (relative paths), or None when any page may have.
    changed: tuple[str, ...] | None = None

    @property
    def failed(self) -> bool:
        return bool(self.diagnostics)

    @property
    def first_build_running(self) -> bool:
        return self.epoch.endswith("-0")  # LiveState numbers published builds from 1


class LiveState:
    """The current BuildState, shared by the build loop and the HTTP threads; wakes SSE streams."""

    def __init__(self, session: str):
        self._session = session
        self._counter = itertools.count(1)
        self._cond = threading.Condition()
        self._state = BuildState(f"{session}-0")
        self._history: list[BuildState] = [self._state]
        self.closed = False

    @property
    def current(self) -> BuildState:
        with self._cond:
            return self._state

    def publish(self, diagnostics: tuple[Diagnostic, ...] = (),
                changed: tuple[str, ...] | None = None) -> BuildState:
        """Announce a finished build (failed when `diagnostics` is not empty); open pages reload.

        `changed` lists the output files that differ from the last published build; a page
        not among them stays. A failed build, the build after one and the first build
        concern every page (the overlay comes and goes), whatever `changed` says.
        """
        with self._cond:
            number = next(self._counter)
            if diagnostics or self._state.failed or number == 1:
                changed = None
            self._state = BuildState(f"{self._session}-{number}", tuple(diagnostics),
                                     None if changed is None else tuple(changed))
            self._history.append(self._state)
            del self._history[:-HISTORY]
            self._cond.notify_all()
            return self._state

    def changed_since(self, epoch: str) -> tuple[str, ...] | None:
        """Every file changed by the builds published after `epoch`; None when unknown or 'all'."""
        with self._cond:
            epochs = [state.epoch for state in self._history]
            if epoch == self._state.epoch:
                return ()
            if epoch not in epochs:
                return None  # another session's page, or older than the history kept
            files: set[str] = set()
            for state in self._history[epochs.index(epoch) + 1:]:
                if state.changed is None:
                    return None
                files.update(state.changed)
            return tuple(sorted(files))

    def wait_change(self, epoch: str, timeout: float) -> BuildState | None:
        """The state once it differs from `epoch`; None after `timeout` seconds or on close()."""
        with self._cond:
            self._cond.wait_for(lambda: self.closed or self._state.epoch != epoch, timeout)
            return None if self.closed or self._state.epoch == epoch else self._state

    def close(self) -> None:
        """End every SSE stream (the server is stopping)."""
        with self._cond:
            self.closed = True
            self._cond.notify_all()


def overlay_markup(diagnostics: tuple[Diagnostic, ...]) -> str:
    """The error overlay: every diagnostic with its file:line, message and hint, escaped."""
    items = []
    for diag in diagnostics:
        hint = f'<span class="hint">提示: {html.escape(diag.hint)}</span>' if diag.hint else ""
        items.append(f"<li><code>{html.escape(str(diag.loc))}</code> {html.escape(diag.level)}: "
                     f"{html.escape(diag.message)}{hint}</li>")
    return ('<div id="chabaocu-overlay" role="alert">'
            "<h2>构建失败（build failed）：下面是上一次成功构建的网页，这些问题改正前不会更新</h2>"
            f"<ol>{''.join(items)}</ol>"
            "<p>改正后保存文件，页面会自动刷新。终端里也有同样的列表。</p>"
            '<button type="button" id="chabaocu-overlay-close">暂时关闭</button></div>')


def inject(page: bytes, state: BuildState) -> bytes:
    """Add the reload script (and, after a failed build, the overlay) before </body>."""
    script = f'<script src="{SCRIPT_PATH}" data-epoch="{html.escape(state.epoch)}"></script>'
    tail = (overlay_markup(state.diagnostics) if state.failed else "") + script
    lower = page.lower()
    if state.failed:
        link = f'<link rel="stylesheet" href="{OVERLAY_CSS_PATH}">'.encode()
        head = lower.find(b"</head>")
        if head >= 0:
            page = page[:head] + link + page[head:]
            lower = page.lower()
        else:
            tail = link.decode() + tail
    body = lower.rfind(b"</body>")
    if body < 0:
        return page + tail.encode()
    return page[:body] + tail.encode() + page[body:]


class DevHTTPServer(ThreadingHTTPServer):
    """Serves one folder to the browser; knows the LiveState the handler reports from."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], folder: Path, live: LiveState):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.folder = folder
        self.live = live
        super().__init__(address, DevRequestHandler)

    def finish_request(self, request, client_address) -> None:
        self.RequestHandlerClass(request, client_address, self, directory=str(self.folder))


class DevRequestHandler(SimpleHTTPRequestHandler):
    """SimpleHTTPRequestHandler confined to the build folder, with injection and no listings."""

    server: DevHTTPServer
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map,
                      ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
                      ".js": "text/javascript; charset=utf-8", ".xml": "application/xml; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml"}

    def do_GET(self) -> None:
        if urlsplit(self.path).path == RELOAD_PATH:
            self._stream()
            return
        super().do_GET()

    def end_headers(self) -> None:
        # Every build may change any file: make the browser ask again rather than trust its cache.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass  # one line per request would bury the build messages in the terminal

    def translate_path(self, path: str) -> str:
        """The file for a URL, or "" when it would lie outside the folder (.., links)."""
        local = super().translate_path(path)  # drops "..", "." and separators inside segments
        root = Path(self.directory).resolve()
        try:
            if "\x00" in local or not Path(local).resolve().is_relative_to(root):
                return ""
        except (OSError, ValueError):
            return ""
        return local

    def list_directory(self, path):
        return self._not_found()

    def send_head(self):
        route = urlsplit(self.path).path
        if route == SCRIPT_PATH:
            return self._send_bytes(LIVERELOAD_JS.encode(), "text/javascript; charset=utf-8")
        if route == OVERLAY_CSS_PATH:
            return self._send_bytes(OVERLAY_CSS.encode(), "text/css; charset=utf-8")
        local = self.translate_path(self.path)
        if not local:
            return self._not_found()
        if os.path.isdir(local):
            if not route.endswith("/"):
                return super().send_head()  # the base class redirects to the URL with a slash
            local = os.path.join(local, "index.html")
        if not os.path.isfile(local):
            return self._not_found()
        if self.guess_type(local).startswith("text/html"):
            try:
                page = Path(local).read_bytes()
            except OSError:
                return self._not_found()
            return self._send_bytes(inject(page, self.server.live.current), "text/html; charset=utf-8")
        return super().send_head()

    def _send_bytes(self, body: bytes, ctype: str, status: HTTPStatus = HTTPStatus.OK) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _not_found(self) -> io.BytesIO:
        """The site's own 404.html when there is one, else a short Chinese page; both injected."""
        state = self.server.live.current
        page_404 = Path(self.directory) / "404.html"
        if page_404.is_file():
            page = page_404.read_bytes()
        else:
            message = _NOT_BUILT if state.failed else _BUILDING if state.first_build_running else _NOT_FOUND
            page = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{message}</title>'
                    f"</head><body><h1>{message}</h1></body></html>").encode()
        return self._send_bytes(inject(page, state), "text/html; charset=utf-8", HTTPStatus.NOT_FOUND)

    def _stream(self) -> None:
        """Server-Sent Events: the current build at once, then each newer one as it is published.

        Each event says which files changed since the build the page last heard of (its own,
        sent as ?epoch=, for the first event), so only pages that changed reload.
        """
        live = self.server.live
        query = parse_qs(urlsplit(self.path).query)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.end_headers()
        state = live.current
        seen = query.get("epoch", [""])[0]
        try:
            self._event(state, live.changed_since(seen) if seen else None)  # a stale page reloads at once
            while not live.closed:
                newer = live.wait_change(state.epoch, KEEPALIVE_SECONDS)
                if live.closed:
                    break
                if newer is None:
                    # A comment line: keeps proxies from timing out and finds closed tabs.
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    continue
                changed = live.changed_since(state.epoch)
                state = newer
                self._event(state, changed)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the tab was closed or reloaded
        self.close_connection = True

    def _event(self, state: BuildState, changed: tuple[str, ...] | None) -> None:
        data = json.dumps({"epoch": state.epoch, "failed": state.failed,
                           "changed": None if changed is None else list(changed)}, ensure_ascii=False)
        self.wfile.write(f"retry: 1000\nevent: build\ndata: {data}\n\n".encode())
        self.wfile.flush()
