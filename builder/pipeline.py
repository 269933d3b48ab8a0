"""The only orchestrator: load → validate → derive → render → write, shared by every command."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import gc
import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from builder import fingerprint, outputs, privacy
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
from builder.urls import output_path
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
    Before anything is built, the folders it will replace are checked (builder.outputs): a
    folder that is not this kind of chabaocu output is refused with UsageError.
    """
    rep = rep or Reporter()
    config = load_config(root, rep, as_of=as_of, profile=profile)
    rep.raise_if_errors()
    assert config is not None
    kind = "public" if profile == "public" else "internal"
    site_target = _target(root, out, kind, config)
    print_target = _target(root, print_out, "print", config)
    targets = [site_target, print_target]
    if write:
        outputs.check(root, targets, site_outputs(root, config))
    # A build that writes holds its folders (a second build of them is refused until it ends).
    held = outputs.claimed(root, targets) if write else contextlib.nullcontext()
    with _running(progress or Progress()) as running, held:
        return _build(root, rep, running, out=site_target.path, print_out=print_target.path, as_of=as_of,
                      profile=profile, pdf=pdf, write=write, caching=caching)


def site_outputs(root: Path, config: SiteConfig) -> list[outputs.Target]:
    """Every output folder this site has by default (each kind is kept apart from the others)."""
    return [_target(root, None, kind, config) for kind in ("public", "internal", "print")] + [
        outputs.Target(root / outputs.SERVE_OUTPUT, "serve", outputs.SERVE_OUTPUT.as_posix()),
        outputs.Target(root / outputs.SERVE_PRINT, "serve-print", outputs.SERVE_PRINT.as_posix())]


_SETTINGS = {"public": ("site.toml 的 [build] output", "output"),
             "internal": ("site.toml 的 [build] print_output", "print_output"),
             "print": ("site.toml 的 [build] print_output", "print_output")}


def _target(root: Path, given: Path | None, kind: str, config: SiteConfig) -> outputs.Target:
    """The folder a build of `kind` writes: the one given (--out), else the site's default."""
    if given is not None:
        return outputs.Target(given, kind, given.as_posix() if kind != "print" else site_relative(given, root))
    folder = {"public": Path(config.build["output"]), "internal": Path(config.build["print_output"]) / "site",
              "print": Path(config.build["print_output"]) / "handbook"}[kind]
    setting, key = _SETTINGS[kind]
    return outputs.Target(root / folder, kind, folder.as_posix(), setting, _setting_loc(root, key))


def _setting_loc(root: Path, key: str) -> Loc:
    """The line of site.toml that sets `key` (or the file, when the default is used)."""
    try:
        lines = (root / "site.toml").read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return Loc("site.toml")
    pattern = re.compile(rf"^\s*{key}\s*=")
    return next((Loc("site.toml", number) for number, line in enumerate(lines, 1) if pattern.match(line)),
                Loc("site.toml"))


def _build(root: Path, rep: Reporter, progress: Progress, *, out: Path, print_out: Path,
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
    visibility = "public" if profile == "public" else "handbook"
    progress.begin("render")
    files, render_state = render_site_state(site, rep, visibility, cache, progress.step)
    files.update(static_files(site, assets))
    # After rendering (it indexes the finished pages), before the privacy scan (which checks it too).
    progress.begin("search")
    files.update(build_search_index(files, site, visibility, cache))
    rep.raise_if_errors()
    # The handbooks (issue 4): the campaign handbook joins the site under handbook/; the town
    # manuals go to their own unpublished tree, written after the site and only if all passed.
    books = _handbooks(site, rep, progress, caching, cache, pdf=pdf,
                       names={"public": site_relative(out, root), "print": site_relative(print_out.parent, root)})
    files.update(books.public)
    books.private["index.html"] = render_index(site, rep, books.private, books.env) or b""
    progress.begin("privacy")
    privacy.scan(files, site, visibility, rep, site_relative(out, root), cache, printed=books.printed("public"),
                 templates=_templates(render_state, books, config))
    privacy.scan(books.private, site, "handbook", rep, site_relative(print_out, root), cache,
                 printed=books.printed("print"), templates=_templates(None, books, config))
    rep.raise_if_errors()
    if not write:
        if not caching.save_later:
            cache.flush()
        return BuildResult(site, rep.warnings, {}, progress.timings, {}, files, books.private, render_state,
                           cpu=progress.cpu)
    progress.begin("write")
    if digest:
        fingerprint.forget(root)  # the outputs are about to change: the old record no longer holds
    title = config.site["title"]
    reports = {"site": write_tree(files, out, outputs.manifest_path(root, out),
                                  outputs.marker_bytes("public" if profile == "public" else "internal", title),
                                  _spare(root, out, caching)),
               "督导手册": write_tree(books.private, print_out, outputs.manifest_path(root, print_out),
                                  outputs.marker_bytes("print", title), _spare(root, print_out, caching))}
    if not caching.save_later:
        cache.flush()  # only a good build's work is kept for the next one
    outputs_shown = {"网站（website）": str(out / "index.html"), **_handbook_outputs(books, out, print_out)}
    if digest:
        fingerprint.remember(root, digest, [out.resolve(), print_out.resolve()], {
            "warnings": [{"loc": [d.loc.path, d.loc.line, d.loc.col], "level": d.level, "message": d.message,
                          "hint": d.hint} for d in rep.warnings],
            "counts": {name: len(data) for name, data in (("site", files), ("督导手册", books.private))},
            "shown": outputs_shown, "inputs": signatures})
    progress.end()
    return BuildResult(site, rep.warnings, reports, progress.timings, outputs_shown, cpu=progress.cpu)


def _handbooks(site: Site, rep: Reporter, progress: Progress, caching: CacheSettings, cache: Cache, *,
               names: dict[str, str], pdf: bool, town: str | None = None) -> Handbooks:
    """Print HTML of every document, then the PDFs.

    With --no-pdf (or [build] pdf = false) nothing is printed, but PDFs still up to date in
    the cache are kept, so a quick build does not throw away the manuals printed before.
    """
    progress.begin("handbook")
    books = render_handbooks(site, rep, town=town, compiled=cache.code_folder("templates-print"))
    rep.raise_if_errors()  # a template error: no point printing PDFs of a broken document
    printing = pdf and site.config.build["pdf"]
    progress.begin("pdf" if printing else "pdf-cache")
    add_pdfs(books, site, rep, names=names, render_new=printing, cache=PdfCache(caching.pdf_folder(site.config.root)),
             on_printed=progress.step)
    unlink_missing_pdfs(books, site, rep)
    return books


def _templates(render_state: SiteRender | None, books: Handbooks, config: SiteConfig) -> dict[str, str]:
    """Output path -> the template that made it, for privacy messages."""
    found = {}
    templates = f"themes/{config.build['theme']}/templates/"
    if render_state is not None:
        found = {output_path(item.url): templates + item.template for item in render_state.planned}
    for doc in books.documents:
        found[doc.html_path] = found[doc.html_path.removeprefix("handbook/")] = templates + "handbook/document.html"
    return found


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
    config = load_config(root, rep, as_of=as_of)
    rep.raise_if_errors()
    assert config is not None
    site_target, print_target = _target(root, None, "public", config), _target(root, None, "print", config)
    targets = [site_target, print_target]
    outputs.check(root, targets, site_outputs(root, config))
    with _running(progress or Progress()) as running, outputs.claimed(root, targets):
        return _build_handbooks(root, rep, running, caching, site_out=site_target.path, print_out=print_target.path,
                                as_of=as_of, town=town, pdf=pdf)


def _build_handbooks(root: Path, rep: Reporter, progress: Progress, caching: CacheSettings, *, site_out: Path,
                     print_out: Path, as_of: dt.date | None, town: str | None, pdf: bool) -> BuildResult:
    cache = caching.site_cache(root)
    site, _assets = prepare(root, rep, as_of=as_of, progress=progress, cache=cache)
    config: SiteConfig = site.config
    public_out = site_out / "handbook"
    books = _handbooks(site, rep, progress, caching, cache, town=town, pdf=pdf,
                       names={"public": site_relative(site_out, root), "print": site_relative(print_out.parent, root)})
    public = {path.removeprefix("handbook/"): data for path, data in books.public.items()}
    private = dict(books.private)
    if town is not None and print_out.is_dir():
        # One town rebuilt: the folder is swapped whole, so carry the other towns' manuals over.
        kept = {p.relative_to(print_out).as_posix(): p for p in sorted(print_out.rglob("*"))
                if p.is_file() and p.name != outputs.MARKER}
        private = {**{rel: p.read_bytes() for rel, p in kept.items() if rel not in private}, **private}
    private["index.html"] = render_index(site, rep, private, books.env) or b""
    printed = {path.removeprefix("handbook/"): html for path, html in books.printed("public").items()}
    progress.begin("privacy")
    privacy.scan(public, site, "public", rep, site_relative(public_out, root), cache, printed=printed)
    # Manuals carried over from an earlier run were scanned when they were made.
    privacy.scan({**books.private, "index.html": private["index.html"]}, site, "handbook", rep,
                 site_relative(print_out, root), cache, printed=books.printed("print"))
    rep.raise_if_errors()
    progress.begin("write")
    reports = {}
    title = config.site["title"]
    if public:
        # The campaign handbook is a part of the website's folder: that folder is marked as ours
        # (a first run of `handbook` creates it), its handbook/ subfolder is replaced.
        outputs.mark(site_out, outputs.marker_bytes("public", title))
        reports["活动手册"] = write_tree(public, public_out)
    reports["督导手册"] = write_tree(private, print_out, outputs.manifest_path(root, print_out),
                                 outputs.marker_bytes("print", title))
    if not caching.save_later:
        cache.flush()
    progress.end()
    return BuildResult(site, rep.warnings, reports, progress.timings, _handbook_outputs(books, site_out, print_out),
                       cpu=progress.cpu)


def _fingerprint(root: Path, out: Path, print_out: Path, as_of, profile: str, pdf: bool,
                 known: dict | None) -> tuple[str | None, list[Path], dict]:
    """The digest of everything a build reads, the folders it writes, and the inputs' signatures
    (builder.fingerprint.inputs_digest); a None digest: can't tell."""
    config = load_config(root, Reporter(), as_of=as_of, profile=profile)
    if config is None:
        return None, [], {}
    dirs = [out.resolve(), print_out.resolve()]
    settings = {"as_of": config.as_of, "profile": profile, "pdf": pdf, "dirs": [str(d) for d in dirs]}
    digest, signatures = fingerprint.inputs_digest(root, config.build["theme"], settings, known)
    return digest, dirs, signatures




def _spare(root: Path, out: Path, caching: CacheSettings) -> Path | None:
    """Where write_tree keeps the tree that `out` replaced, to bring up to date next time."""
    return outputs.spare_path(root, out) if caching.enabled else None


def check(root: Path, *, as_of: dt.date | None = None, strict: bool = False,
          caching: CacheSettings = DEFAULT_CACHING) -> list[Diagnostic]:
    """Load, validate and render everything in memory (templates, privacy scan), write nothing.

    So a clerk who sees 检查通过 knows `build` will pass too; PDFs are not printed. `strict`:
    warnings (unfinished work) count as errors.
    """
    rep = Reporter(strict=strict)
    try:
        build(root, as_of=as_of, pdf=False, rep=rep, write=False, caching=caching)
    except BuildFailed:
        pass
    return rep.sorted()
