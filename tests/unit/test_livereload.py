"""builder.livereload: injection, the overlay, and the handler on a loopback port (traversal, links, SSE)."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from contextlib import contextmanager

import pytest

from builder.diagnostics import ERROR, WARNING, Diagnostic, Loc
from builder.livereload import (
    LIVERELOAD_JS,
    OVERLAY_CSS,
    BuildState,
    DevHTTPServer,
    LiveState,
    inject,
    overlay_markup,
)

PAGE = b'<!DOCTYPE html>\n<html><head><title>t</title></head><body><p>\xe6\xad\xa3\xe6\x96\x87</p></body></html>\n'
BROKEN = (Diagnostic(Loc("data/towns.yaml", 2, 1), ERROR, "YAML 格式错误（did not find expected ',' or ']'）",
                     "请对照相邻的记录检查这一行的格式"),)


# ---------------------------------------------------------------- pure functions

def test_inject_adds_the_external_script_before_body_end():
    out = inject(PAGE, BuildState("s-1"))
    assert out == PAGE.replace(b"</body>", b'<script src="/__livereload.js" data-epoch="s-1"></script></body>')


def test_inject_is_case_insensitive_and_uses_the_last_body_end():
    page = b"<html><body><pre>&lt;/body&gt; </BODY> in text</pre></BODY></html>"
    out = inject(page, BuildState("s-1"))
    assert out.endswith(b'<script src="/__livereload.js" data-epoch="s-1"></script></BODY></html>')


def test_inject_appends_when_there_is_no_body_end():
    assert inject(b"<p>x", BuildState("s-2")) == b'<p>x<script src="/__livereload.js" data-epoch="s-2"></script>'


def test_inject_after_a_failed_build_adds_overlay_and_stylesheet():
    out = inject(PAGE, BuildState("s-3", BROKEN)).decode()
    assert '<link rel="stylesheet" href="/__overlay.css"></head>' in out
    assert out.index('id="chabaocu-overlay"') < out.index('src="/__livereload.js"') < out.index("</body>")
    quoted = "did not find expected &#x27;,&#x27; or &#x27;]&#x27;"
    assert f"<code>data/towns.yaml:2:1</code> 错误: YAML 格式错误（{quoted}）" in out
    assert "提示: 请对照相邻的记录检查这一行的格式" in out
    # The pages' CSP forbids inline code: nothing injected may carry a style or an inline script.
    assert "style=" not in out and "<style" not in out and "<script>" not in out and "onclick" not in out


def test_overlay_escapes_user_text():
    diag = Diagnostic(Loc("content/news/<x>.md", 3), WARNING, "标题含 <script>alert(1)</script>")
    markup = overlay_markup((diag,))
    assert "<script>" not in markup
    assert "<code>content/news/&lt;x&gt;.md:3</code> 警告: 标题含 &lt;script&gt;alert(1)&lt;/script&gt;" in markup


def test_live_state_epochs_and_waiting():
    live = LiveState("abc")
    assert live.current == BuildState("abc-0")
    assert live.wait_change("abc-0", timeout=0.01) is None
    state = live.publish(BROKEN)
    assert state == BuildState("abc-1", BROKEN) and state.failed
    assert live.wait_change("abc-0", timeout=0.01) == state
    assert not live.publish(()).failed
    live.close()
    assert live.wait_change(live.current.epoch, timeout=5) is None


# ---------------------------------------------------------------- the handler on a real socket

@pytest.fixture
def served(tmp_path):
    """A DevHTTPServer on a free loopback port over a small output folder, plus a secret outside it."""
    out = tmp_path / "out"
    (out / "news" / "a").mkdir(parents=True)
    (out / "static").mkdir()
    (out / "empty").mkdir()
    (out / "index.html").write_bytes(PAGE)
    (out / "news" / "a" / "index.html").write_bytes(PAGE)
    (out / "static" / "site.css").write_bytes(b"body { color: #222; }\n")
    (out / "feed.xml").write_bytes(b'<?xml version="1.0" encoding="utf-8"?><feed></feed>\n')
    (out / "404.html").write_bytes(b"<html><head></head><body><h1>404</h1></body></html>")
    (tmp_path / "secret.txt").write_text("举报人：某某", encoding="utf-8")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "index.html").write_text("<body>内部</body>", encoding="utf-8")
    (out / "leak").symlink_to(tmp_path / "secrets")
    (out / "leak.txt").symlink_to(tmp_path / "secret.txt")
    live = LiveState("t")
    live.publish(())
    with running(out, live) as server:
        yield server


@contextmanager
def running(folder, live):
    """A DevHTTPServer on a free loopback port, stopped as serve stops it."""
    server = DevHTTPServer(("127.0.0.1", 0), folder, live)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        live.close()
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()


def get(server, path: str, method: str = "GET"):
    conn = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=5)
    conn.request(method, path)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp, body


def raw_get(server, target: str) -> bytes:
    """Send the request line exactly as written (http.client would not normalise it either, but be sure)."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5) as sock:
        sock.sendall(f"GET {target} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_html_pages_get_the_script(served):
    resp, body = get(served, "/news/a/")
    assert resp.status == 200
    assert resp.getheader("Content-Type") == "text/html; charset=utf-8"
    assert int(resp.getheader("Content-Length")) == len(body)
    assert body == inject(PAGE, served.live.current)
    assert get(served, "/")[1] == body


@pytest.mark.parametrize(("path", "ctype", "name"), [
    ("/static/site.css", "text/css; charset=utf-8", "static/site.css"),
    ("/feed.xml", "application/xml; charset=utf-8", "feed.xml"),
])
def test_other_files_are_served_unchanged(served, path, ctype, name):
    resp, body = get(served, path)
    assert resp.status == 200 and resp.getheader("Content-Type") == ctype
    assert body == (served.folder / name).read_bytes()


def test_directory_without_slash_redirects(served):
    resp, _ = get(served, "/news/a")
    assert resp.status == 301 and resp.getheader("Location") == "/news/a/"


@pytest.mark.parametrize("target", [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/secret.txt", "/news/../../secret.txt",
    "/..%2fsecret.txt", "/static/..%2f..%2fsecret.txt", "//secret.txt", "/%00", "/leak.txt", "/leak/",
    "/leak/index.html",
])
def test_nothing_outside_the_folder_is_served(served, target):
    response = raw_get(served, target)
    assert response.startswith(b"HTTP/1.0 404") or response.startswith(b"HTTP/1.0 400"), response[:80]
    assert "举报人".encode() not in response and "内部".encode() not in response


def test_no_directory_listings(served):
    resp, body = get(served, "/empty/")
    assert resp.status == 404
    assert b"Directory listing" not in body and b"<h1>404</h1>" in body


def test_missing_page_gets_the_sites_404_with_the_script(served):
    resp, body = get(served, "/nope/")
    assert resp.status == 404
    assert b"<h1>404</h1>" in body and b'src="/__livereload.js"' in body


def test_before_any_build_a_missing_folder_explains_itself(tmp_path):
    live = LiveState("t")
    live.publish(BROKEN)
    with running(tmp_path / "never-built", live) as server:
        resp, body = get(server, "/")
    assert resp.status == 404
    text = body.decode()
    assert "网站还没有成功构建过（not built yet）" in text and "<code>data/towns.yaml:2:1</code>" in text


def test_during_the_first_build_the_page_says_so(tmp_path):
    with running(tmp_path / "not-yet", LiveState("t")) as server:
        resp, body = get(server, "/")
    assert resp.status == 404
    assert "<h1>正在进行第一次构建（building），完成后页面会自动刷新。</h1>" in body.decode()
    assert 'data-epoch="t-0"' in body.decode()


def test_failed_build_overlay_on_every_html_response_only(served):
    served.live.publish(BROKEN)
    for path in ("/", "/news/a/", "/nope/"):
        body = get(served, path)[1].decode()
        assert '<div id="chabaocu-overlay" role="alert">' in body and "data/towns.yaml:2:1" in body
    assert b"chabaocu-overlay" not in get(served, "/static/site.css")[1]
    assert b"chabaocu-overlay" not in get(served, "/feed.xml")[1]
    served.live.publish(())
    assert b"chabaocu-overlay" not in get(served, "/")[1]


def test_script_and_overlay_css_are_served_by_the_handler(served):
    resp, body = get(served, "/__livereload.js")
    assert resp.status == 200 and resp.getheader("Content-Type") == "text/javascript; charset=utf-8"
    assert body == LIVERELOAD_JS.encode()
    resp, body = get(served, "/__overlay.css")
    assert resp.status == 200 and body == OVERLAY_CSS.encode()
    assert not (served.folder / "__livereload.js").exists()  # never written into the output


def test_head_sends_headers_only(served):
    resp, body = get(served, "/", method="HEAD")
    assert resp.status == 200 and body == b""
    assert int(resp.getheader("Content-Length")) == len(inject(PAGE, served.live.current))


def _read_event(resp) -> str:
    lines = []
    while (line := resp.fp.readline().decode()) != "\n":
        assert line, "stream ended"
        lines.append(line)
    return "".join(lines)


def _event_line(state, changed) -> str:
    data = json.dumps({"epoch": state.epoch, "failed": state.failed, "changed": changed}, ensure_ascii=False)
    return f"retry: 1000\nevent: build\ndata: {data}\n"


def test_sse_sends_the_current_build_then_each_new_one(served):
    conn = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=5)
    conn.request("GET", "/__livereload")
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Type") == "text/event-stream; charset=utf-8"
    assert _read_event(resp) == _event_line(served.live.current, None)  # a page of unknown build: reload
    state = served.live.publish(BROKEN)
    assert _read_event(resp) == _event_line(state, None)
    state = served.live.publish((), ("news/a/index.html",))  # the build after a failure: every page
    assert _read_event(resp) == _event_line(state, None)
    state = served.live.publish((), ("news/b/index.html", "新闻/index.html"))
    assert _read_event(resp) == _event_line(state, ["news/b/index.html", "新闻/index.html"])
    served.live.close()  # stopping the server ends the stream
    assert resp.fp.readline() == b""
    conn.close()


def test_a_page_reconnecting_hears_what_changed_since_its_own_build(served):
    live = served.live
    live.publish(())
    own = live.publish((), ("a/index.html",))
    live.publish((), ("b/index.html",))
    last = live.publish((), ("c/index.html", "b/index.html"))
    conn = http.client.HTTPConnection("127.0.0.1", served.server_address[1], timeout=5)
    conn.request("GET", f"/__livereload?epoch={own.epoch}")
    resp = conn.getresponse()
    assert _read_event(resp) == _event_line(last, ["b/index.html", "c/index.html"])
    conn.close()


def test_changed_since():
    live = LiveState("s")
    assert live.changed_since("s-0") == ()
    live.publish(())                                   # the first build: every page
    assert live.changed_since("s-0") is None
    one = live.publish((), ("x.html",))
    two = live.publish((), ())
    assert live.changed_since(one.epoch) == () and live.changed_since(two.epoch) == ()
    live.publish((), ("y.html", "x.html"))
    assert live.changed_since(one.epoch) == ("x.html", "y.html")
    assert live.changed_since("other-session-3") is None
