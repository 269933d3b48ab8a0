"""Shared fixtures: tiny sites written from a dict, the repository root, and an in-process CLI.

Fixtures other test files may use:
- ``example_root``: the repository root (the real 2016 site lives there).
- ``site_files``: a fresh dict {relative path: text} of a minimal valid site (1 town, 2 enterprises,
  one article and one single page); tweak it and pass it to ``make_site``.
- ``make_site(files, root=None, theme=True)``: write a site under tmp_path (or ``root``); str
  values are written as UTF-8, bytes as they are; the repository's themes/default is copied in
  unless ``theme`` is False. Returns the site root.
- ``run_cli(*argv)``: run ``builder.cli.main`` in-process; returns (exit code, stdout, stderr).
- ``prepare_site(root, as_of=None)``: load, validate and derive a site in-process; returns the Site.
- ``example_build`` / ``example_pdf_build``: the repository's example site built once per test
  session (without / with the PDFs), shared by every suite that reads it — and by the pytest-xdist
  workers, which wait for the one build instead of each making their own. An ``ExampleBuild``.
- ``http_server(folder)``: serve a folder on 127.0.0.1 (one server per folder per session); returns
  its base URL, ending in /.
- ``serve_site``: what the serve tests edit — the repository's site.toml and theme, one town and
  one article, content/news/2016-01-20-kickoff.md, whose text ``serve_article(body)`` makes
  (its first body is 第一版正文。).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import json
import shutil
import signal
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# A shell that starts a command in the background (`make test &`, a CI step run with `&`) starts
# it with Ctrl-C ignored, and every process it starts inherits that: the serve tests' Ctrl-C would
# then never reach the preview they stop. Catching SIGINT here gives the children the default back
# (a handler is not inherited across exec; an ignored signal is).
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

MINIMAL_SITE_TOML = """\
[site]
title = "测试县“查保促”活动专题"
base_url = "https://example.gov.cn/cbc/"
organizers = ["测试县总工会"]

[campaign]
name = "查身边隐患、保职工安全、促企业发展"
year = 2016
start = 2016-01-01
end = 2016-12-31
concentrated_action_end = 2016-04-30

[build]
as_of = 2016-06-30
"""

MINIMAL_TOWNS = """\
- id: suozhen
  name: 索镇镇
  short: 索镇
  type: 镇
  union_org: 索镇镇总工会
  safety_station: 索镇镇安监站
"""

MINIMAL_ENTERPRISES = """\
- id: QY-0001
  name: 桓台示例化工有限公司
  town: suozhen
  industry: 化工
  high_risk: 化工
  ownership: 非公
  size: 小型
  unionized: true
  employees: 120
  teams: 6
- id: QY-0002
  name: 桓台示例机械有限公司
  town: 索镇镇
  industry: 机械制造
  ownership: 非公
  size: 微型
  unionized: false
  employees: 30
"""

MINIMAL_ARTICLE = """\
---
title: 索镇镇召开动员会
date: 2016-01-20
---

正文第一段。
"""

MINIMAL_PAGE = """\
---
title: 活动介绍
date: 2016-01-13
---

活动介绍正文。
"""


def minimal_site_files() -> dict[str, str]:
    """A minimal valid site as {relative path: text}."""
    return {
        "site.toml": MINIMAL_SITE_TOML,
        "data/towns.yaml": MINIMAL_TOWNS,
        "data/enterprises.yaml": MINIMAL_ENTERPRISES,
        "content/news/2016-01-20-kickoff.md": MINIMAL_ARTICLE,
        "content/pages/about.md": MINIMAL_PAGE,
    }


def write_site(root: Path, files: dict[str, str | bytes], theme: bool = True) -> Path:
    """Write `files` under `root` and copy the repository's default theme beside them."""
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if theme and not (root / "themes" / "default").exists():
        shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    return root


@pytest.fixture(scope="session")
def example_root() -> Path:
    return REPO


@pytest.fixture
def site_files() -> dict[str, str]:
    return minimal_site_files()


@pytest.fixture
def make_site(tmp_path):
    def make(files: dict[str, str | bytes], root: Path | None = None, theme: bool = True) -> Path:
        return write_site(root or tmp_path / "site", files, theme)
    return make


def _serve_article(body: str) -> str:
    return f'---\ntitle: "动员会议召开"\ndate: 2016-01-20\n---\n\n{body}\n'


@pytest.fixture
def serve_article():
    return _serve_article


@pytest.fixture
def serve_site(tmp_path) -> Path:
    return write_site(tmp_path, {"site.toml": (REPO / "site.toml").read_text(encoding="utf-8"),
                                 "content/news/2016-01-20-kickoff.md": _serve_article("第一版正文。"),
                                 "data/towns.yaml": MINIMAL_TOWNS})


@pytest.fixture
def run_cli(capsys):
    from builder.cli import main

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()  # drop anything printed before this call
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err
    return run


@pytest.fixture
def prepare_site():
    from builder.diagnostics import Reporter
    from builder.pipeline import prepare

    def prepare_(root: Path, as_of=None):
        site, _assets = prepare(root, Reporter(), as_of=as_of)
        return site
    return prepare_


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian Chromium for the whole session, driven by Playwright's sync API.

    Shared because Playwright allows one sync instance per thread: two suites each starting
    their own would fail ("Sync API inside the asyncio loop"). Within a module, share a context
    and navigate one tab where the tests allow it (tests/search/test_search_browser.py): a new
    tab costs Chromium from a quarter of a core-second to a whole one, as much as the page it shows.
    """
    if not CHROMIUM.exists():
        pytest.skip("没有找到 /usr/bin/chromium（请安装 Debian 软件包 chromium）")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# ---------------------------------------------------------------- the example site, built once

EXAMPLE_PARTS = ("site.toml", "content", "data", "themes")


@dataclass(frozen=True)
class ExampleBuild:
    """The example site copied to `root` and built there with the command line."""

    root: Path       # the copy: site.toml, content/, data/, themes/
    code: int        # chabaocu build's exit code
    stderr: str      # what it printed (diagnostics, summary)

    @property
    def public(self) -> Path:
        return self.root / "public"

    @property
    def print(self) -> Path:
        return self.root / "print"


def _shared_folder(tmp_path_factory) -> Path:
    """A folder every xdist worker of this session sees (the workers' common base temp)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if base.name.startswith("popen-gw") else base


@pytest.fixture(scope="session")
def shared_tmp(tmp_path_factory) -> Path:
    """A folder every pytest-xdist worker of this session sees: for work done once, whoever asks first."""
    return _shared_folder(tmp_path_factory)


def _build_once(tmp_path_factory, name: str, argv: list[str]) -> ExampleBuild:
    """Copy the example and run `chabaocu build` on it, once per session however many workers ask."""
    if not (REPO / "data" / "towns.yaml").is_file():
        pytest.skip("the example data is missing: run python -m tools.gen_demo")
    folder = _shared_folder(tmp_path_factory) / name
    folder.mkdir(exist_ok=True)
    root = folder / "site"
    done = folder / "result.json"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the other workers wait here while the first one builds
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)  # a build interrupted before it finished
            root.mkdir()
            for part in EXAMPLE_PARTS:
                source = REPO / part
                (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
            from builder.cli import main

            err = io.StringIO()  # session scope has no capsys
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = main(["build", "--site", str(root), *argv])
            done.write_text(json.dumps({"code": code, "stderr": err.getvalue()}), encoding="utf-8")
        result = json.loads(done.read_text(encoding="utf-8"))
    return ExampleBuild(root, result["code"], result["stderr"])


@pytest.fixture(scope="session")
def example_build(tmp_path_factory) -> ExampleBuild:
    """The example site (website, print HTML, no PDFs): what the site, search and privacy suites read."""
    return _build_once(tmp_path_factory, "example", ["--no-pdf"])


@pytest.fixture(scope="session")
def example_pdf_build(tmp_path_factory) -> ExampleBuild:
    """The example site with all its PDFs (the town manuals and the campaign handbook)."""
    return _build_once(tmp_path_factory, "example-pdf", [])


# ---------------------------------------------------------------- one loopback HTTP server

class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def http_server():
    """serve(folder) -> base URL of `folder` served on 127.0.0.1 at a free port (one server per folder)."""
    servers: dict[Path, tuple[ThreadingHTTPServer, str]] = {}

    def serve(folder: Path) -> str:
        folder = Path(folder).resolve()
        if folder not in servers:
            server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
            threading.Thread(target=server.serve_forever, daemon=True).start()
            servers[folder] = (server, f"http://127.0.0.1:{server.server_address[1]}/")
        return servers[folder][1]

    yield serve
    for server, _url in servers.values():
        server.shutdown()
        server.server_close()
