"""The only orchestrator: load → validate → derive → render → write, shared by every command."""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from builder.config import SiteConfig, load_config
from builder.derive import derive
from builder.diagnostics import BuildFailed, Diagnostic, Reporter
from builder.load import load
from builder import privacy
from builder.cache import Cache, for_site
from builder.model import Site
from builder.render import render_markdown, render_site, static_files
from builder.search import build_search_index
from builder.validate import validate
from builder.write import WriteReport, write_tree

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    site: Site
    warnings: list[Diagnostic]
    reports: dict[str, WriteReport] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)


class _Timer:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = now - self._last
        self._last = now


def prepare(root: Path, rep: Reporter, *, as_of: dt.date | None = None, profile: str = "public",
            timer: _Timer | None = None, cache: Cache | None = None) -> tuple[Site, list]:
    """Load, validate and derive: the model every output is made from. Raises BuildFailed."""
    timer = timer or _Timer()
    config = load_config(root, rep, as_of=as_of, profile=profile)
    rep.raise_if_errors()
    assert config is not None
    loaded = load(root, rep, cache)
    timer.lap("load")
    rep.raise_if_errors()  # stop before validating garbage
    site = validate(config, loaded, rep)
    timer.lap("validate")
    rep.raise_if_errors()  # gather everything, then write
    site = derive(site)
    site.pages = render_markdown(site, cache)
    timer.lap("derive")
    return site, loaded.assets


def build(root: Path, *, out: Path | None = None, as_of: dt.date | None = None, profile: str = "public",
          pdf: bool = True, rep: Reporter | None = None) -> BuildResult:
    """Build the website into `out`; the old output stays untouched unless everything succeeded."""
    rep = rep or Reporter()
    timer = _Timer()
    site, assets = prepare(root, rep, as_of=as_of, profile=profile, timer=timer, cache=for_site(root))
    config: SiteConfig = site.config
    # `internal` builds show handbook-level fields; no build ever shows internal ones.
    view = "public" if profile == "public" else "handbook"
    files = render_site(site, rep, view)
    files.update(static_files(site, assets))
    # After rendering (it indexes the finished pages), before the privacy scan (which checks it too).
    files.update(build_search_index(files, site, view))
    timer.lap("render")
    rep.raise_if_errors()
    if out is None:
        # An internal build never lands where the public site is published from.
        out = root / (config.build["output"] if profile == "public" else Path(config.build["print_output"]) / "site")
    privacy.scan(files, site, view, rep, _display(out, root))
    timer.lap("privacy")
    rep.raise_if_errors()
    reports = {"site": write_tree(files, out)}
    timer.lap("write")
    outputs = {"网站（website）": str(out / "index.html")}
    return BuildResult(site, rep.warnings, reports, timer.timings, outputs)


def _display(out: Path, root: Path) -> str:
    try:
        return out.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return out.as_posix()


def check(root: Path, *, as_of: dt.date | None = None) -> list[Diagnostic]:
    """Load and validate everything, write nothing; return every diagnostic."""
    rep = Reporter()
    try:
        prepare(root, rep, as_of=as_of)
    except BuildFailed:
        pass
    return rep.sorted()
