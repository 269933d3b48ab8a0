"""builder.serve: the rebuild step (good, broken, fixed) and refusing a busy port."""

from __future__ import annotations

import socket
import time

from builder.livereload import LiveState
from builder.pipeline import check
from builder.serve import SERVE_OUTPUT, SERVE_PRINT, Rebuilder, _url, reload_paths, serve


def test_rebuild_good_broken_fixed(serve_site, serve_article, capsys):
    root = serve_site
    towns = (root / "data" / "towns.yaml").read_text(encoding="utf-8")
    live = LiveState("t")
    rebuild = Rebuilder(root, live)
    page = root / SERVE_OUTPUT / "news" / "2016-01-20-kickoff" / "index.html"

    assert rebuild() is True
    assert rebuild.theme == "default"
    assert live.current.epoch == "t-1" and not live.current.failed
    assert "第一版正文。" in page.read_text(encoding="utf-8")
    # serve never touches the user's output folders: what gets published, what gets printed
    assert not (root / "public").exists() and not (root / "print").exists()
    assert (root / SERVE_PRINT).is_dir()

    (root / "data" / "towns.yaml").write_text("- id: [oops\n", encoding="utf-8")
    assert rebuild() is False
    state = live.current
    assert state.epoch == "t-2" and state.failed
    # The same diagnostics `chabaocu check` reports (their wording belongs to yamlio's tests).
    assert list(state.diagnostics) == check(root)
    (diag,) = state.diagnostics
    assert diag.loc.path == "data/towns.yaml" and diag.loc.line >= 1 and diag.level == "错误"
    assert "第一版正文。" in page.read_text(encoding="utf-8")  # the last good output stays
    err = capsys.readouterr().err
    assert f"{diag}\n" in err
    assert "构建失败（build failed）：浏览器里的网页上会列出以上问题；改正并保存后自动重新构建。" in err

    (root / "data" / "towns.yaml").write_text(towns, encoding="utf-8")
    (root / "content" / "news" / "2016-01-20-kickoff.md").write_text(serve_article("第二版正文。"),
                                                                      encoding="utf-8")
    assert rebuild() is True
    assert live.current.epoch == "t-3" and not live.current.failed
    assert "第二版正文。" in page.read_text(encoding="utf-8")


def test_rebuild_survives_an_internal_error(tmp_path, monkeypatch, capsys):
    from builder import pipeline

    def crash(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(pipeline, "build", crash)
    live = LiveState("t")
    assert Rebuilder(tmp_path, live)() is False
    (diag,) = live.current.diagnostics
    assert diag.message == "内部错误（internal error）：这是程序的问题，不是您的文件的问题"
    assert "RuntimeError: bug" in capsys.readouterr().err


def test_busy_port_is_a_user_error_in_chinese(serve_site, capsys):
    root = serve_site
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert serve(root, port=port) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"错误: 无法在 127.0.0.1:{port} 上提供网页（")
    assert f"提示: 这个端口可能已被占用（比如另一个 serve 还开着），换一个端口，例如 --port {port + 1}" in err
    assert not (root / SERVE_OUTPUT).exists()


def test_url_to_open():
    assert _url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert _url("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert _url("::1", 8001) == "http://[::1]:8001/"


def test_reload_paths_names_pages_or_everything():
    assert reload_paths(None) is None
    assert reload_paths(["news/a/index.html", "feed.xml", "opendata/x.csv"]) == ("news/a/index.html",)
    # A new search index: the search page reloads (its script would load mismatched shards).
    assert reload_paths(["static/search/index-3.js", "static/search/docs.js"]) == ("search/index.html",)
    assert reload_paths(["news/a/index.html", "static/site.css"]) is None  # every page shows it
    assert reload_paths(["images/x-640.jpg"]) is None


def test_article_edit_takes_the_fast_path_then_the_full_build_agrees(serve_site, serve_article, capsys):
    root = serve_site
    live = LiveState("t")
    rebuild = Rebuilder(root, live)
    assert rebuild() is True
    article = root / "content" / "news" / "2016-01-20-kickoff.md"
    page = root / SERVE_OUTPUT / "news" / "2016-01-20-kickoff" / "index.html"
    try:
        article.write_text(serve_article("快速路径的正文。"), encoding="utf-8")
        rebuild.changed(("content/news/2016-01-20-kickoff.md",))
        # Shown at once, before the full build (which waits FAST_PATH_HEADSTART) has begun.
        assert live.current.changed == ("news/2016-01-20-kickoff/index.html",)
        quick = page.read_bytes()
        assert "快速路径的正文。" in quick.decode()
        deadline = time.monotonic() + 30
        while live.current.epoch == "t-2" and time.monotonic() < deadline:
            time.sleep(0.05)
        full = live.current
        assert full.epoch == "t-3" and not full.failed
        # The full build changed the lists showing the article, and left the page as it was.
        assert "news/index.html" in full.changed and "news/2016-01-20-kickoff/index.html" not in full.changed
        assert page.read_bytes() == quick
        assert "已刷新修改的文章" in capsys.readouterr().err

        # A front-matter edit is not for the fast path: nothing is published until the full build.
        article.write_text(serve_article("快速路径的正文。").replace("动员会议召开", "动员大会召开"),
                           encoding="utf-8")
        rebuild.changed(("content/news/2016-01-20-kickoff.md",))
        assert live.current.epoch == "t-3"
        while live.current.epoch == "t-3" and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "动员大会召开" in page.read_text(encoding="utf-8")
        assert "news/2016-01-20-kickoff/index.html" in live.current.changed
    finally:
        rebuild.stop()


def test_listening_beyond_this_computer_is_said_out_loud(serve_site):
    """--host other than loopback: anyone on the network can open the preview, and the clerk is told."""
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--site", str(serve_site), "--port", "0",
                             "--host", "127.0.0.2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("预览地址（open in your browser）：http://127.0.0.2:")
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    assert err.startswith("警告: 监听 127.0.0.2，同一网络里的其他电脑也能打开这个预览；只在本机预览请去掉 --host\n")
    assert proc.returncode == 0 and "Traceback" not in err
