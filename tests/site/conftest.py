"""Fixtures for the website tests: the example site built once, its raw data, and one browser.

The example site (the repository's own site.toml, content/ and data/) is built once per
session (tests/conftest.py `example_build`). Set CBC_SITE_PUBLIC=/path/to/public to test an output that
is already built instead. Figures are checked against data/ read with plain PyYAML, never
through the builder's own model, so a wrong statistic cannot agree with itself.
"""

from __future__ import annotations

import os
import shutil
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / "tools" / "node" / "node_modules"
# Where the copy for the "mounted under a sub-path / opened from a USB stick" checks lives.
SUB_PATH = "zt/cbc2016/"
# The C loader when PyYAML has it: data/ is ~100,000 lines.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="session")
def public(example_build) -> Path:
    """The public output of the example site."""
    given = os.environ.get("CBC_SITE_PUBLIC")
    if given:
        return Path(given).resolve()
    assert example_build.code == 0, example_build.stderr
    return example_build.public


@pytest.fixture(scope="session")
def html_files(public) -> dict[str, str]:
    """Output path -> text of every HTML page."""
    return {p.relative_to(public).as_posix(): p.read_text(encoding="utf-8") for p in sorted(public.rglob("*.html"))}


@pytest.fixture(scope="session")
def config() -> dict:
    return tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def as_of(config):
    return config["build"]["as_of"]


@pytest.fixture(scope="session")
def data() -> dict[str, list[dict]]:
    """Every record under data/, by kind, as plain PyYAML reads it (data/x.yaml and data/x/*.yaml)."""
    kinds: dict[str, list[dict]] = {}
    folder = REPO / "data"
    for path in sorted(folder.rglob("*.yaml")):
        rel = path.relative_to(folder)
        kind = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        kinds.setdefault(kind, []).extend(yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or [])
    return kinds


@pytest.fixture(scope="session")
def usb_copy(public, tmp_path_factory) -> Path:
    """The output copied under a folder with a space and Chinese in its name, and a sub-path."""
    root = tmp_path_factory.mktemp("usb") / "U盘 备份"
    target = root / SUB_PATH
    shutil.copytree(public, target)
    return target


@pytest.fixture(scope="session")
def http_root(usb_copy, http_server):
    """The copy served on 127.0.0.1 under /zt/cbc2016/ (a county portal's sub-path); its URL."""
    return http_server(usb_copy.parents[len(Path(SUB_PATH).parts) - 1]) + SUB_PATH


@pytest.fixture(scope="session")
def browser(chromium_browser):
    return chromium_browser
