"""`chabaocu serve`: build, serve on 127.0.0.1, rebuild on every save and reload open pages.

A loop around pipeline.build that never dies (STYLE habit 4): a failed build keeps the
last good output served and shows the diagnostics over every page instead. The serve
output goes to .cache/serve/ (public/ and print/), never to the user's public/ or print/,
so previewing a half-edited site cannot replace what is about to be published or printed.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
import traceback
from pathlib import Path

from builder import fastpath, outputs, pipeline, progress
from builder.cache import CacheSettings, for_site
from builder.diagnostics import ERROR, BuildFailed, Diagnostic, Loc, os_error_reason, print_report
from builder.livereload import DevHTTPServer, LiveState
from builder.outputs import SERVE_OUTPUT, SERVE_PRINT
from builder.render import SiteRender
from builder.search import INDEX_PREFIX, SEARCH_URL
from builder.urls import output_path
from builder.watch import Debouncer, SiteWatcher
from builder.write import update_tree, write_tree

# An editor's save is a burst of events within a few milliseconds; wait this long for quiet.
QUIET_SECONDS = 0.04
# No change for this long: save the cache. Not sooner: pickling it holds the interpreter for
# a second or two, and a save landing then would wait for it.
IDLE_SECONDS = 30.0
FAST_PATH_HEADSTART = 0.3  # seconds the browser gets to reload a fast-path page on its own
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Rebuilder:
    """Builds into the serve folder and publishes each outcome to open pages.

    A full build runs in memory (pipeline.build with write=False) and then writes only the
    files that changed (write.update_tree). An edit to an article's body is shown first by
    the fast path (builder.fastpath), in milliseconds; the full build that follows, on a
    background thread, brings the lists, the search index and the manuals up to date. A
    full build that a newer change overtook is thrown away, never written.
    """

    def __init__(self, root: Path, live: LiveState, as_of: dt.date | None = None):
        self.root = root
        self.live = live
        self.as_of = as_of
        self.theme: str | None = None  # of the last good build; None until there is one
        self.dirty_cache = False        # the cache holds work not yet saved to .cache/
        self._lock = threading.Lock()   # the served files, the generation and publishing
        self._generation = 0            # one more for every batch of changes
        self._files: dict[str, bytes] | None = None   # what the serve folder holds now
        self._private: dict[str, bytes] | None = None
        self._state: SiteRender | None = None         # what rendered the last good full build
        self._wanted = threading.Event()
        self._hold_until = 0.0             # the full build waits till then (see changed())
        self._busy = threading.Lock()   # held while a full build fills the cache
        self._stopping = False
        self._thread: threading.Thread | None = None

    def __call__(self) -> bool:
        """One full build now (the first, whose progress is shown: with nothing cached a big site
        takes a while); True when it succeeded. Never raises for the user's mistakes or our bugs."""
        with self._lock:
            generation = self._generation
        return self._full(generation, progress.for_terminal())

    def changed(self, paths: tuple[str, ...]) -> None:
        """Sources changed: show edited articles at once if possible, and start a full build."""
        with self._lock:
            self._generation += 1
            state, files = self._state, self._files
        if state is not None and files is not None and all(p.startswith("content/") and p.endswith(".md")
                                                           for p in paths):
            started = time.perf_counter()
            try:
                quick = fastpath.render_edited(state, paths)
            except Exception:  # noqa: BLE001 - the full build below reports whatever this was
                quick = None
            if quick is not None:
                with self._lock:
                    self._write_site({**self._files, **quick})
                # Let the browser fetch the page before the full build takes the interpreter
                # (one thread at a time runs Python: the server would answer slower).
                self._hold_until = time.monotonic() + FAST_PATH_HEADSTART
                _say(f"已刷新修改的文章，用时 {(time.perf_counter() - started) * 1000:.0f} 毫秒；其余页面正在更新…")
        self._start_thread()
        self._wanted.set()

    def _start_thread(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._full_loop, name="chabaocu-build", daemon=True)
            self._thread.start()

    def _full_loop(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping:
                return
            self._wanted.clear()
            time.sleep(max(0.0, self._hold_until - time.monotonic()))
            with self._lock:
                generation = self._generation
            self._full(generation)

    def idle(self) -> None:
        """Nothing is happening: save the cache (so the next `chabaocu build` starts warm)."""
        if self.dirty_cache and not self._wanted.is_set() and self._busy.acquire(blocking=False):
            try:
                for_site(self.root).flush()
                self.dirty_cache = False
            finally:
                self._busy.release()

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        if self._thread is not None:
            self._thread.join()
        self.idle()

    def _full(self, generation: int, shown: progress.Progress | None = None) -> bool:
        started = time.perf_counter()
        try:
            # No PDFs: they take seconds, and the browser shows the print HTML anyway.
            with self._busy:
                self.dirty_cache = True
                result = pipeline.build(self.root, as_of=self.as_of, pdf=False, write=False,
                                        caching=CacheSettings(save_later=True), progress=shown)
        except BuildFailed as failed:
            with self._lock:
                if generation != self._generation:
                    return False  # overtaken: the newer build will say what is wrong
                print_report(failed.diagnostics)
                self.live.publish(tuple(failed.diagnostics))
            _say("构建失败（build failed）：浏览器里的网页上会列出以上问题；改正并保存后自动重新构建。")
            return False
        except Exception:  # a bug must not take the preview down: report it and keep serving
            traceback.print_exc()
            with self._lock:
                if generation == self._generation:
                    self.live.publish((Diagnostic(Loc("chabaocu"), ERROR,
                                                  "内部错误（internal error）：这是程序的问题，不是您的文件的问题",
                                                  "详细信息见终端，请发给维护人员；修改任意文件后会再试一次"),))
            return False
        with self._lock:
            if generation != self._generation:
                return False  # a newer change came in while building: its own build follows
            self.theme = result.site.config.build["theme"]
            self._state = result.render_state
            _write(result.private, self.root / SERVE_PRINT, self._private)
            self._private = result.private
            self._write_site(result.files)
        print_report(result.warnings)
        _say(f"构建完成，用时 {time.perf_counter() - started:.2f} 秒。")
        if result.render_state is not None:
            result.render_state.warm()
        return True

    def _write_site(self, files: dict[str, bytes]) -> None:
        """Write the website's changed files and tell open pages which (call with the lock held)."""
        changed = _write(files, self.root / SERVE_OUTPUT, self._files)
        self._files = files
        self.live.publish((), reload_paths(changed))


def _write(files: dict[str, bytes], out: Path, previous: dict[str, bytes] | None) -> list[str] | None:
    """The files changed in `out` (None: maybe all). The first write replaces whatever an earlier
    session left there; later ones change only what differs from `previous`."""
    if previous is None:
        marker = outputs.marker_bytes("serve" if out.name == "public" else "serve-print", "")
        outputs.mark(out, marker)  # .cache/serve/ is ours (checked in serve()), marked or not yet
        write_tree(files, out, marker=marker)
        return None
    return update_tree(files, out, previous)


def _serve_targets(root: Path) -> list[outputs.Target]:
    """serve's two folders, which must stay inside the site's .cache/ (a link out of it is refused)."""
    cache = (root / ".cache").resolve()
    targets = [outputs.Target(root / SERVE_OUTPUT, "serve", SERVE_OUTPUT.as_posix()),
               outputs.Target(root / SERVE_PRINT, "serve-print", SERVE_PRINT.as_posix())]
    for target in targets:
        if not target.real.is_relative_to(cache):
            raise outputs.UsageError(f"预览目录 {target.shown} 指向站点的 .cache/ 以外", "删除这个链接，serve 会重新建立预览目录")
    return targets


def reload_paths(changed: list[str] | None) -> tuple[str, ...] | None:
    """The pages to reload for these changed files: the HTML pages themselves, the search page
    when the index changed; every page (None) when a stylesheet, script or image changed."""
    if changed is None:
        return None
    pages = set()
    for path in changed:
        if path.startswith(INDEX_PREFIX):
            pages.add(output_path(SEARCH_URL))
        elif path.endswith(".html"):
            pages.add(path)
        elif not path.endswith((".xml", ".txt", ".csv", ".json")):
            return None  # site.css, an image…: any page may show it
    return tuple(sorted(pages))


def _url(host: str, port: int) -> str:
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, as_of: dt.date | None = None,
          quiet: float = QUIET_SECONDS) -> int:
    """Serve the site until Ctrl-C; exit code 0 after a clean stop, 1 when the port is unusable."""
    root = root.resolve()
    out = root / SERVE_OUTPUT
    with outputs.claimed(root, _serve_targets(root)):  # one serve per site: a second is refused
        return _serve(root, out, host, port, as_of, quiet)


def _serve(root: Path, out: Path, host: str, port: int, as_of: dt.date | None, quiet: float) -> int:
    live = LiveState(f"{os.getpid():x}{time.time_ns():x}")
    try:
        httpd = DevHTTPServer((host, port), out, live)
    except OSError as exc:
        _say(f"错误: 无法在 {host}:{port} 上提供网页（{os_error_reason(exc)}）\n"
             f"    提示: 这个端口可能已被占用（比如另一个 serve 还开着），换一个端口，例如 --port {port + 1}")
        return 1
    if host not in _LOOPBACK:
        _say(f"警告: 监听 {host}，同一网络里的其他电脑也能打开这个预览；只在本机预览请去掉 --host")
    rebuild = Rebuilder(root, live, as_of)
    debouncer = Debouncer(quiet=quiet)
    watcher = SiteWatcher(root, debouncer, theme=lambda: rebuild.theme)
    server_thread = threading.Thread(target=httpd.serve_forever, name="chabaocu-http", daemon=True)
    try:
        watcher.start()  # before the first build, so a save during it is not lost
        server_thread.start()
        _say("正在构建…")
        rebuild()
        print(f"预览地址（open in your browser）：{_url(host, httpd.server_address[1])}", flush=True)
        _say("保存 site.toml、content/、data/ 或主题里的文件后会自动重新构建并刷新网页；按 Ctrl-C 停止。")
        while True:
            changes = debouncer.wait(timeout=IDLE_SECONDS)
            if changes is None:
                rebuild.idle()
                continue
            watcher.refresh()  # content/ or data/ may have just been created or replaced
            _say(f"检测到修改：{changes.describe()}，重新构建…")
            rebuild.changed(changes.paths)
    except KeyboardInterrupt:
        _say("\n正在停止…")
    finally:
        debouncer.close()
        watcher.stop()
        rebuild.stop()
        live.close()
        if server_thread.is_alive():
            httpd.shutdown()
            server_thread.join()
        httpd.server_close()
    _say("已停止预览（serve stopped）。")
    return 0
