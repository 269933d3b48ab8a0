"""The only orchestrator: load → validate → derive → render → write, shared by every command."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import hashlib
import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from builder import fingerprint, privacy
from builder.cache import DEFAULT_CACHING, Cache, CacheSettings
from builder.config import SiteConfig, load_config
from builder.derive import derive
from builder.diagnostics import BuildFailed, Diagnostic, Loc, Reporter, site_relative
from builder.handbook import Handbooks, add_pdfs, render_handbooks, render_index, unlink_missing_pdfs
from builder.load import load
from builder.model import Site
from builder.pdf import PdfCache
from builder.progress import Progress
from builder.render import SiteRender, render_markdown, render_site_state, static_files
from builder.search import build_search_index
from builder.validate import validate
from builder.write import WriteReport, write_tree

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    site: Site
    warnings: list[Diagnostic]
    reports: dict[str, WriteReport] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> wall seconds
    outputs: dict[str, str] = field(default_factory=dict)
    # With write=False: the website's and the town manuals' files, and what rendered the
    # pages (serve writes the files itself and re-renders one edited article from it).
    files: dict[str, bytes] = field(default_factory=dict)
    private: dict[str, bytes] = field(default_factory=dict)
    render_state: SiteRender | None = None
    cpu: dict[str, float] = field(default_factory=dict)  # stage -> CPU seconds, worker processes included


@contextmanager
def _running(progress: Progress):
    """A build's stages, timed by `progress`, with what each stage leaves for the next frozen.

    What the stages before made (records, pages, rendered files) lives to the end of the
    build, so at each stage it is moved out of the cyclic garbage collector's sight (gc.freeze):
    the collector's full passes over it (a second in all on a 100,000-record ledger) and the
    pool workers forked next, which would touch and so copy it, skip it. It is given back
    (gc.unfreeze) when the build ends, whatever way it ends.
    """
    progress.at_stage = gc.freeze
    try:
        yield progress
    finally:
        progress.at_stage = None
        progress.end()
        gc.unfreeze()


def prepare(root: Path, rep: Reporter, *, as_of: dt.date | None = None, profile: str = "public",
            progress: Progress | None = None, cache: Cache | None = None) -> tuple[Site, list]:
    """Load, validate and derive: the model every output is made from. Raises BuildFailed."""
    progress = progress or Progress()
    config = load_config(root, rep, as_of=as_of, profile=profile)
    rep.raise_if_errors()
    assert config is not None
    progress.begin("load")
    loaded = load(root, rep, cache, progress.step)
    rep.raise_if_errors()  # stop before validating garbage
    progress.begin("validate")
    site = validate(config, loaded, rep)
    rep.raise_if_errors()  # gather everything, then write
    progress.begin("derive")
    site = derive(site)
    progress.begin("markdown")
    site = dataclasses.replace(site, pages=render_markdown(site, cache, progress.step))
    return site, loaded.assets


def site_model(root: Path, *, as_of: dt.date | None = None, caching: CacheSettings = DEFAULT_CACHING,
               progress: Progress | None = None) -> Site:
    """The validated, derived site and nothing written: what the spreadsheet commands read.

    The same stages and cache as a build, so a sheet is checked by exactly the rules `build`
    applies. Raises BuildFailed when content/ or data/ has errors.
    """
    with _running(progress or Progress()) as running:
        site, _assets = prepare(root, Reporter(), as_of=as_of, cache=caching.site_cache(root), progress=running)
    return site


def build(root: Path, *, out: Path | None = None, as_of: dt.date | None = None, profile: str = "public",
          pdf: bool = True, rep: Reporter | None = None, print_out: Path | None = None,
          write: bool = True, caching: CacheSettings = DEFAULT_CACHING,
          progress: Progress | None = None) -> BuildResult:
    """Build the website into `out`; the old output stays untouched unless everything succeeded.

    `print_out` (default <print_output>/handbook) receives the town manuals; serve points it
    into .cache/ so a preview without PDFs never prunes the user's printed manuals. With
    `write=False` everything is rendered and checked in memory and nothing is written (check).
    `caching` holds the cache switches (builder.cache.CacheSettings): with skip_unchanged (the
    CLI) a build whose inputs and outputs are exactly as the last good build left them returns
    at once (builder.fingerprint); its result then has no `site`. `progress` times the stages
    and, given a stream, shows a long build's progress (builder.progress).
    """
    rep = rep or Reporter()
    with _running(progress or Progress()) as running:
        return _build(root, rep, running, out=out, print_out=print_out, as_of=as_of, profile=profile, pdf=pdf,
                      write=write, caching=caching)


def _build(root: Path, rep: Reporter, progress: Progress, *, out: Path | None, print_out: Path | None,
           as_of: dt.date | None, profile: str, pdf: bool, write: bool, caching: CacheSettings) -> BuildResult:
    digest, signatures = None, {}
    cache = caching.site_cache(root)
    if caching.skip_unchanged and caching.enabled and write:
        progress.begin("unchanged")
        last = fingerprint.last_record(root)
        digest, dirs, signatures = _fingerprint(root, out, print_out, as_of, profile, pdf, last.get("inputs"))
        record = fingerprint.unchanged(root, digest, dirs, last) if digest else None
        if record is not None:
            progress.end()
            warnings = [Diagnostic(Loc(*d["loc"]), d["level"], d["message"], d["hint"]) for d in record["warnings"]]
            reports = {name: WriteReport(0, count, 0) for name, count in record["counts"].items()}
            return BuildResult(None, warnings, reports, progress.timings, record["shown"], cpu=progress.cpu)
    site, assets = prepare(root, rep, as_of=as_of, profile=profile, progress=progress, cache=cache)
    config: SiteConfig = site.config
    # `internal` builds show handbook-level fields; no build ever shows internal ones.
    view = "public" if profile == "public" else "handbook"
    progress.begin("render")
    files, render_state = render_site_state(site, rep, view, cache, progress.step)
    files.update(static_files(site, assets))
    # After rendering (it indexes the finished pages), before the privacy scan (which checks it too).
    progress.begin("search")
    files.update(build_search_index(files, site, view, cache))
    rep.raise_if_errors()
    if out is None:
        # An internal build never lands where the public site is published from.
        out = root / (config.build["output"] if profile == "public" else Path(config.build["print_output"]) / "site")
    # The handbooks (issue 4): the campaign handbook joins the site under handbook/; the town
    # manuals go to their own unpublished tree, written after the site and only if all passed.
    print_out = print_out or root / config.build["print_output"] / "handbook"
    books = _handbooks(site, rep, progress, caching, pdf=pdf,
                       names={"public": site_relative(out, root), "print": site_relative(print_out.parent, root)})
    files.update(books.public)
    books.private["index.html"] = render_index(site, rep, books.private) or b""
    progress.begin("privacy")
    privacy.scan(files, site, view, rep, site_relative(out, root), cache)
    privacy.scan(books.private, site, "handbook", rep, site_relative(print_out, root), cache)
    rep.raise_if_errors()
    if not write:
        if not caching.save_later:
            cache.flush()
        return BuildResult(site, rep.warnings, {}, progress.timings, {}, files, books.private, render_state,
                           cpu=progress.cpu)
    progress.begin("write")
    if digest:
        fingerprint.forget(root)  # the outputs are about to change: the old record no longer holds
    reports = {"site": write_tree(files, out, _manifest(root, out), _spare(root, out, caching)),
               "督导手册": write_tree(books.private, print_out, _manifest(root, print_out),
                                  _spare(root, print_out, caching))}
    if not caching.save_later:
        cache.flush()  # only a good build's work is kept for the next one
    outputs = {"网站（website）": str(out / "index.html"), **_handbook_outputs(books, out, print_out)}
    if digest:
        fingerprint.remember(root, digest, [out.resolve(), print_out.resolve()], {
            "warnings": [{"loc": [d.loc.path, d.loc.line, d.loc.col], "level": d.level, "message": d.message,
                          "hint": d.hint} for d in rep.warnings],
            "counts": {name: len(data) for name, data in (("site", files), ("督导手册", books.private))},
            "shown": outputs, "inputs": signatures})
    progress.end()
    return BuildResult(site, rep.warnings, reports, progress.timings, outputs, cpu=progress.cpu)


def _handbooks(site: Site, rep: Reporter, progress: Progress, caching: CacheSettings, *, names: dict[str, str],
               pdf: bool, town: str | None = None) -> Handbooks:
    """Print HTML of every document, then the PDFs.

    With --no-pdf (or [build] pdf = false) nothing is printed, but PDFs still up to date in
    the cache are kept, so a quick build does not throw away the manuals printed before.
    """
    progress.begin("handbook")
    books = render_handbooks(site, rep, town=town)
    rep.raise_if_errors()  # a template error: no point printing PDFs of a broken document
    printing = pdf and site.config.build["pdf"]
    progress.begin("pdf" if printing else "pdf-cache")
    add_pdfs(books, site, rep, names=names, render_new=printing, cache=PdfCache(caching.pdf_folder(site.config.root)),
             on_printed=progress.step)
    unlink_missing_pdfs(books, site, rep)
    return books


def _handbook_outputs(books: Handbooks, out: Path, print_out: Path) -> dict[str, str]:
    outputs = {}
    for doc in books.documents:
        if doc.tree == "public":
            pdf_name = doc.pdf_path if doc.pdf_path in books.public else doc.html_path
            outputs["活动手册（campaign handbook）"] = str(out / pdf_name)
    if books.private:
        outputs["督导手册（内部资料，勿公开发布）"] = str(print_out / "index.html")
    if books.pdf_rendered or books.pdf_cached:
        outputs["PDF"] = f"新生成 {books.pdf_rendered} 份，未变（取自缓存）{books.pdf_cached} 份，用时 {books.pdf_seconds:.1f} 秒"
    return outputs


def build_handbooks(root: Path, *, as_of: dt.date | None = None, town: str | None = None, pdf: bool = True,
                    rep: Reporter | None = None, caching: CacheSettings = DEFAULT_CACHING,
                    progress: Progress | None = None) -> BuildResult:
    """Build only the handbooks: the campaign handbook into <output>/handbook/, the town manuals into
    <print_output>/handbook/ (with --town, only that town's manual is rebuilt; the others stay)."""
    rep = rep or Reporter()
    with _running(progress or Progress()) as running:
        return _build_handbooks(root, rep, running, caching, as_of=as_of, town=town, pdf=pdf)


def _build_handbooks(root: Path, rep: Reporter, progress: Progress, caching: CacheSettings, *,
                     as_of: dt.date | None, town: str | None, pdf: bool) -> BuildResult:
    cache = caching.site_cache(root)
    site, _assets = prepare(root, rep, as_of=as_of, progress=progress, cache=cache)
    config: SiteConfig = site.config
    site_out = root / config.build["output"]
    public_out = site_out / "handbook"
    print_out = root / config.build["print_output"] / "handbook"
    books = _handbooks(site, rep, progress, caching, town=town, pdf=pdf,
                       names={"public": site_relative(site_out, root), "print": site_relative(print_out.parent, root)})
    public = {path.removeprefix("handbook/"): data for path, data in books.public.items()}
    private = dict(books.private)
    if town is not None and print_out.is_dir():
        # One town rebuilt: the folder is swapped whole, so carry the other towns' manuals over.
        kept = {p.relative_to(print_out).as_posix(): p for p in sorted(print_out.rglob("*")) if p.is_file()}
        private = {**{rel: p.read_bytes() for rel, p in kept.items() if rel not in private}, **private}
    private["index.html"] = render_index(site, rep, private) or b""
    progress.begin("privacy")
    privacy.scan(public, site, "public", rep, site_relative(public_out, root), cache)
    # Manuals carried over from an earlier run were scanned when they were made.
    privacy.scan({**books.private, "index.html": private["index.html"]}, site, "handbook", rep,
                 site_relative(print_out, root), cache)
    rep.raise_if_errors()
    progress.begin("write")
    reports = {}
    if public:
        reports["活动手册"] = write_tree(public, public_out)
    reports["督导手册"] = write_tree(private, print_out)
    if not caching.save_later:
        cache.flush()
    progress.end()
    return BuildResult(site, rep.warnings, reports, progress.timings, _handbook_outputs(books, site_out, print_out),
                       cpu=progress.cpu)


def _fingerprint(root: Path, out: Path | None, print_out: Path | None, as_of, profile: str, pdf: bool,
                 known: dict | None) -> tuple[str | None, list[Path], dict]:
    """The digest of everything a build reads, the folders it writes, and the inputs' signatures
    (builder.fingerprint.inputs_digest); a None digest: can't tell."""
    config = load_config(root, Reporter(), as_of=as_of, profile=profile)
    if config is None:
        return None, [], {}
    out = out or root / (config.build["output"] if profile == "public" else Path(config.build["print_output"]) / "site")
    print_out = print_out or root / config.build["print_output"] / "handbook"
    dirs = [out.resolve(), print_out.resolve()]
    settings = {"as_of": config.as_of, "profile": profile, "pdf": pdf, "dirs": [str(d) for d in dirs]}
    digest, signatures = fingerprint.inputs_digest(root, config.build["theme"], settings, known)
    return digest, dirs, signatures


def _manifest(root: Path, out: Path) -> Path:
    """Where write_tree keeps its record of `out` (bookkeeping, never inside an output)."""
    return root / ".cache" / "manifests" / (hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16] + ".json")


def _spare(root: Path, out: Path, caching: CacheSettings) -> Path | None:
    """Where write_tree keeps the tree that `out` replaced, to bring up to date next time."""
    if not caching.enabled:
        return None
    return root / ".cache" / "spare" / hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:16]


def check(root: Path, *, as_of: dt.date | None = None, caching: CacheSettings = DEFAULT_CACHING) -> list[Diagnostic]:
    """Load, validate and render everything in memory (templates, privacy scan), write nothing.

    So a clerk who sees 检查通过 knows `build` will pass too; PDFs are not printed.
    """
    rep = Reporter()
    try:
        build(root, as_of=as_of, pdf=False, rep=rep, write=False, caching=caching)
    except BuildFailed:
        pass
    return rep.sorted()
