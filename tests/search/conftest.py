"""Fixtures for the search tests: the built example site, a loopback http server, headless Chromium.

The example site is built once per session (tests/conftest.py `example_build`, without PDFs). To rerun
the browser tests against an output already built, set CBC_SEARCH_PUBLIC=/path/to/public.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built_site(example_build) -> Path:
    """The public output of the example site."""
    given = os.environ.get("CBC_SEARCH_PUBLIC")
    if given:
        return Path(given).resolve()
    assert example_build.code == 0, example_build.stderr
    return example_build.public


@pytest.fixture(scope="session")
def http_root(built_site, http_server):
    """The site served on 127.0.0.1 at a free port; its base URL (ending in /)."""
    return http_server(built_site)


@pytest.fixture(scope="session")
def browser(chromium_browser):
    return chromium_browser


@pytest.fixture(params=["http", "file"])
def site_root(request, built_site) -> str:
    """Base URL of the site in each mode: served over http, and opened from disk."""
    if request.param == "http":
        return request.getfixturevalue("http_root")
    return built_site.as_uri() + "/"
