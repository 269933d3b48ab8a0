"""Fixtures for the search tests: the built example site, a loopback http server, headless Chromium.

The example site is built once per session into a temporary folder (without PDFs). To rerun
the browser tests against an output already built, set CBC_SEARCH_PUBLIC=/path/to/public.
"""

from __future__ import annotations

import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The public output of the example site."""
    given = os.environ.get("CBC_SEARCH_PUBLIC")
    if given:
        return Path(given).resolve()
    from builder.pipeline import build
    out = tmp_path_factory.mktemp("search-site") / "public"
    build(REPO, out=out, pdf=False)
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's name
        pass


@pytest.fixture(scope="session")
def http_root(built_site):
    """The site served on 127.0.0.1 at a free port; yields its base URL (ending in /)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture(params=["http", "file"])
def site_root(request, built_site) -> str:
    """Base URL of the site in each mode: served over http, and opened from disk."""
    if request.param == "http":
        return request.getfixturevalue("http_root")
    return built_site.as_uri() + "/"
