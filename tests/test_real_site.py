"""Smoke test: the repository's own 2016 site builds, and its home page shows figures from data/.

The hazard count is worked out here independently of builder/ (plain yaml.safe_load and
tomllib), so a bug in the loader or in stats cannot hide behind itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def real_site(example_build):
    """The example built once per test session (tests/conftest.py); (exit code, stderr, output folder)."""
    return example_build.code, example_build.stderr, example_build.public


def output(real_site) -> Path:
    """The output folder of a successful build (each test fails with the build's own messages)."""
    code, err, out = real_site
    assert code == 0, err
    return out


def as_of() -> dt.date:
    config = tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))
    return config["build"]["as_of"]


@functools.cache
def hazards() -> tuple[dict, ...]:
    """Every hazard record, read with plain PyYAML (its C loader when present: thousands of records)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: list[dict] = []
    for path in sorted((REPO / "data" / "hazards").glob("*.yaml")):
        found += yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or []
    return tuple(found)


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_real_site_builds_cleanly(real_site):
    code, err, out = real_site
    assert code == 0, err
    assert "错误" not in err and "警告" not in err and "Traceback" not in err, err
    assert (out / "index.html").is_file()


def test_home_page_shows_hazard_count_computed_from_data(real_site):
    out = output(real_site)
    day = as_of()
    counted = [h for h in hazards() if h["found_on"] <= day and h["status"] != "核实不属实"]
    assert len(counted) > 1000  # the demo data is at the realistic scale of DOMAIN.md §4.3
    text = plain((out / "index.html").read_text(encoding="utf-8"))
    assert re.search(rf"排查隐患 {len(counted):,} ?项", text), f"{len(counted):,} not on the home page"


def test_home_page_shows_general_rectification_rate(real_site):
    out = output(real_site)
    day = as_of()
    general = [h for h in hazards() if h["found_on"] <= day and h["status"] != "核实不属实" and h["grade"] == "一般"]
    closed = [h for h in general if h["status"] in ("已销号", "已摘牌销号") and h.get("closed_on")
              and h["closed_on"] <= day]
    rate = f"{100 * len(closed) / len(general):.1f}%"
    assert rate in (out / "index.html").read_text(encoding="utf-8")


def test_no_reporter_pseudonym_in_output(real_site):
    out = output(real_site)
    refs = {h["reporter_ref"] for h in hazards() if h.get("reporter_ref")}
    assert refs, "the demo data should exercise reporter_ref"
    pattern = re.compile("|".join(re.escape(r) for r in sorted(refs, key=len, reverse=True)))
    leaks = [p.relative_to(out).as_posix() for p in out.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".js", ".json", ".csv", ".txt")
             and pattern.search(p.read_text(encoding="utf-8", errors="ignore"))]
    assert leaks == []
