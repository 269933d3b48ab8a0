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

from builder import pipeline
from builder.diagnostics import ERROR, BuildFailed, Diagnostic, Loc, print_report
from builder.livereload import DevHTTPServer, LiveState
from builder.watch import Debouncer, SiteWatcher

SERVE_DIR = Path(".cache") / "serve"
SERVE_OUTPUT = SERVE_DIR / "public"
SERVE_PRINT = SERVE_DIR / "print" / "handbook"
QUIET_SECONDS = 0.15
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Rebuilder:
    """Runs one build into the serve folder and publishes the outcome to open pages."""

    def __init__(self, root: Path, live: LiveState, as_of: dt.date | None = None):
        self.root = root
        self.live = live
        self.as_of = as_of
        self.theme: str | None = None  # of the last good build; None until there is one

    def __call__(self) -> bool:
        """Build; True when the build succeeded. Never raises for the user's mistakes or our bugs."""
        started = time.perf_counter()
        try:
            # No PDFs: they take seconds, and the browser shows the print HTML anyway.
            result = pipeline.build(self.root, out=self.root / SERVE_OUTPUT, print_out=self.root / SERVE_PRINT,
                                    as_of=self.as_of, pdf=False)
        except BuildFailed as failed:
            print_report(failed.diagnostics)
            self.live.publish(tuple(failed.diagnostics))
            _say("构建失败（build failed）：浏览器里的网页上会列出以上问题；改正并保存后自动重新构建。")
            return False
        except Exception:  # a bug must not take the preview down: report it and keep serving
            traceback.print_exc()
            self.live.publish((Diagnostic(Loc("chabaocu"), ERROR,
                                          "内部错误（internal error）：这是程序的问题，不是您的文件的问题",
                                          "详细信息见终端，请发给维护人员；修改任意文件后会再试一次"),))
            return False
        self.theme = result.site.config.build["theme"]
        print_report(result.warnings)
        self.live.publish(())
        _say(f"构建完成，用时 {time.perf_counter() - started:.2f} 秒。")
        return True


def _url(host: str, port: int) -> str:
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, as_of: dt.date | None = None,
          quiet: float = QUIET_SECONDS) -> int:
    """Serve the site until Ctrl-C; exit code 0 after a clean stop, 1 when the port is unusable."""
    root = root.resolve()
    out = root / SERVE_OUTPUT
    live = LiveState(f"{os.getpid():x}{time.time_ns():x}")
    try:
        httpd = DevHTTPServer((host, port), out, live)
    except OSError as exc:
        _say(f"错误: 无法在 {host}:{port} 上提供网页（{exc.strerror or exc}）\n"
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
            changes = debouncer.wait(timeout=1.0)
            if changes is None:
                continue
            watcher.refresh()  # content/ or data/ may have just been created or replaced
            _say(f"检测到修改：{changes.describe()}，重新构建…")
            rebuild()
    except KeyboardInterrupt:
        _say("\n正在停止…")
    finally:
        debouncer.close()
        watcher.stop()
        live.close()
        if server_thread.is_alive():
            httpd.shutdown()
            server_thread.join()
        httpd.server_close()
    _say("已停止预览（serve stopped）。")
    return 0
