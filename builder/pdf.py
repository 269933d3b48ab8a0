"""Print HTML to PDF with WeasyPrint: cached by content, and refused when a glyph is missing.

WeasyPrint does not fail when no installed font has a character: it draws a box (.notdef)
and exits 0, so a manual printed on a machine without a Chinese font is a book of boxes.
Two independent checks catch that: WeasyPrint's own ".notdef glyph rendered" warnings while
drawing, and afterwards the finished PDF itself, where every embedded font's ToUnicode map is
compared with the glyphs that font really has (fontTools). Either finding fails the build
with the missing characters named and the command that installs the font.

PDFs are cached under .cache/pdf/ (safe to delete), keyed by the print HTML, the files it
loads, the fonts fontconfig resolves and the WeasyPrint version: unchanged documents are not
rendered again.
"""

from __future__ import annotations

import concurrent.futures as futures
import ctypes.util
import hashlib
import io
import logging
import mimetypes
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from builder.parallel import process_pool

# The families print.css asks for (Debian fonts-noto-cjk); they decide which files are embedded.
FONT_FAMILIES = ("Noto Serif CJK SC", "Noto Sans CJK SC")
INSTALL_HINT = ("请安装中文字体后重新构建：sudo apt-get install fonts-noto-cjk（Debian/Ubuntu；以管理员身份运行 "
                "make site 会自动安装）。只需要网页时可加 --no-pdf 跳过 PDF")
_BASE = "file:///chabaocu/"          # documents are served from memory under this made-up root
_SAID_ONCE = ("Using fontTools instead of HarfBuzz-Subset",)
_NOTDEF = re.compile(r'unsupported by fonts: "(.*)" \(U\+([0-9A-Fa-f]+)\)')
_CHECK_VERSION = "2"                 # bump when the glyph check or the PDF options change (2: tagged PDF/UA)
# Tagged PDF (PDF/UA-1): headings, lists and tables are marked up, so screen readers and
# copy-paste follow the reading order. WeasyPrint >= 63 knows the variant; older ones print untagged.
PDF_VARIANT = "pdf/ua-1"


@dataclass(frozen=True, slots=True)
class PdfJob:
    """One document to print: its HTML, its path in its output tree, and what it may load."""

    name: str                        # shown to the user, e.g. print/handbook/suozhen.pdf
    html: str
    path: str                        # the HTML's path in its tree, e.g. handbook/suozhen.html
    resources: dict[str, bytes] = field(default_factory=dict)   # tree path -> bytes


@dataclass(frozen=True, slots=True)
class PdfResult:
    name: str
    data: bytes | None
    missing: tuple[str, ...] = ()    # characters printed as .notdef boxes
    warnings: tuple[str, ...] = ()   # other WeasyPrint complaints (a file it could not load …)
    cached: bool = False


class PdfUnavailable(Exception):
    """WeasyPrint or its system libraries (Pango) cannot be loaded."""


def weasyprint_version() -> str:
    """The installed WeasyPrint's version, read from its metadata: no import (which takes a second)."""
    try:
        return metadata.version("weasyprint")
    except metadata.PackageNotFoundError as exc:
        raise PdfUnavailable("没有安装 weasyprint") from exc


def _load_weasyprint() -> None:
    """Import WeasyPrint now, so a missing Pango is one clear message instead of a crash per worker.

    WeasyPrint warns (DeprecationWarning) at import when libharfbuzz-subset is missing; the
    build says so itself, once and in Chinese (missing_speedups), so that warning is dropped.
    """
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="HarfBuzz-Subset", category=DeprecationWarning)
            import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from exc


@dataclass(frozen=True, slots=True)
class Speedup:
    """A Debian package the PDFs work without, only slower: what it is and what it costs to lack it."""

    package: str
    what: str
    cost: str


# Measured on the 2-core machine: a town manual 33.6 s without libharfbuzz-subset0, 8.2 s with it.
SPEEDUPS = (
    Speedup("libharfbuzz-subset0", "HarfBuzz 字体子集库", "PDF 的中文字体改由纯 Python（fontTools）裁剪，生成 PDF 约慢 4 倍"),
    Speedup("poppler-utils", "PDF 工具 pdftotext", "隐私扫描改用 pypdf 读取 PDF 文字，慢约 20 秒"),
)


def missing_speedups(find_library=ctypes.util.find_library, which=shutil.which) -> list[Speedup]:
    """The speed-ups this machine lacks (the lookups are injectable, so a test can take one away)."""
    present = {"libharfbuzz-subset0": find_library("harfbuzz-subset") is not None,
               "poppler-utils": which("pdftotext") is not None}
    return [s for s in SPEEDUPS if not present[s.package]]


def speedup_notice(missing: list[Speedup]) -> tuple[str, str]:
    """One warning for every missing speed-up: what is missing, what it costs, the apt-get line."""
    what = "；".join(f"{s.package}（{s.what}）：{s.cost}" for s in missing)
    return (f"缺少系统软件包，PDF 照样生成，只是更慢：{what}",
            "以管理员身份运行 make site 会自动安装，或运行：sudo apt-get install -y "
            + " ".join(s.package for s in missing))


def fonts_fingerprint(families: tuple[str, ...] = FONT_FAMILIES) -> str:
    """The font files fontconfig picks for our families (and their sizes): a new font re-renders."""
    parts = [os.environ.get("FONTCONFIG_FILE", ""), os.environ.get("FONTCONFIG_PATH", "")]
    if shutil.which("fc-match"):
        for family in families:
            result = subprocess.run(["fc-match", "-f", "%{file}", family], capture_output=True, check=False)
            path = result.stdout.decode("utf-8", errors="replace")
            try:
                stat = os.stat(path)
                parts.append(f"{family}={path}:{stat.st_size}:{stat.st_mtime_ns}")
            except OSError:
                parts.append(f"{family}={path}")
    return "|".join(parts)


def cache_key(job: PdfJob, fonts: str, version: str) -> str:
    digest = hashlib.sha256()
    for part in (_CHECK_VERSION, version, fonts, job.path, job.html):
        data = part.encode("utf-8")
        digest.update(len(data).to_bytes(8, "little") + data)
    for rel in sorted(job.resources):
        digest.update(rel.encode("utf-8") + b"\0" + hashlib.sha256(job.resources[rel]).digest())
    return digest.hexdigest()


class _Capture(logging.Handler):
    """Collects WeasyPrint's warnings while one document is drawn."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing: dict[str, None] = {}
        self.other: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        match = _NOTDEF.search(message)
        if message.startswith(_SAID_ONCE):
            return  # the build says once what a missing speed-up costs (speedup_notice), not per font
        if match:
            self.missing[chr(int(match.group(2), 16))] = None
        else:
            self.other.append(message)


def _in_memory(resources: dict[str, bytes]):
    """A URL fetcher serving the document's files from memory and refusing everything else.

    Never the network, never the disk: a handbook prints the same offline as online, and a
    link in an article cannot pull a file from the build machine into the PDF.
    """
    from weasyprint import urls

    def lookup(url: str) -> tuple[bytes, str]:
        if url.startswith(_BASE):
            rel = url[len(_BASE):].split("#", 1)[0]
            if rel in resources:
                return resources[rel], mimetypes.guess_type(rel)[0] or "application/octet-stream"
            raise FileNotFoundError(f"{rel} 不在输出中")
        raise PermissionError(f"不读取外部地址 {url}")

    if hasattr(urls, "URLFetcher"):  # WeasyPrint >= 68: a fetcher is a URLFetcher subclass
        class Fetcher(urls.URLFetcher):
            def fetch(self, url, headers=None):
                if url.startswith("data:"):
                    return super().fetch(url, headers)
                data, mime = lookup(url)
                return urls.URLFetcherResponse(url, data, {"Content-Type": mime})
        return Fetcher()

    def fetch(url: str, *args, **kwargs):  # older WeasyPrint: a function returning a dict
        if url.startswith("data:"):
            return urls.default_url_fetcher(url, *args, **kwargs)
        data, mime = lookup(url)
        return {"string": data, "mime_type": mime, "redirected_url": url}
    return fetch


def render(job: PdfJob) -> PdfResult:
    """Draw one document (in this process); the PDF is returned even when glyphs are missing."""
    _load_weasyprint()  # in a spawned worker too: the same warning filter
    from weasyprint import HTML

    capture = _Capture()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(capture)
    try:
        document = HTML(string=job.html, base_url=_BASE + job.path, url_fetcher=_in_memory(job.resources)).render()
        try:
            data = document.write_pdf(pdf_variant=PDF_VARIANT)
        except (TypeError, ValueError, KeyError):  # a WeasyPrint without PDF/UA: untagged
            data = document.write_pdf()
    finally:
        logger.removeHandler(capture)
    missing = dict(capture.missing)
    missing.update(dict.fromkeys(_drawn_without_glyph(document, data)))
    return PdfResult(job.name, data, tuple(sorted(missing)), tuple(dict.fromkeys(capture.other)))


def _drawn_without_glyph(document, data: bytes) -> set[str]:
    """Characters the document was drawn with no glyph for, from WeasyPrint's own record of them.

    Each embedded font keeps the characters it had no glyph for (`Font.missing`, WeasyPrint
    >= 62), which is what `notdef_chars` reads back out of the finished PDF; asking the fonts
    costs nothing, where parsing a tagged PDF's object streams costs seconds. A WeasyPrint
    without that record gets the read-back.
    """
    fonts = list(getattr(document, "fonts", {}).values())
    if not fonts or not all(isinstance(getattr(font, "missing", None), dict) for font in fonts):
        return notdef_chars(data)
    return {chr(code) for font in fonts for code in font.missing if not chr(code).isspace()}


def notdef_chars(data: bytes) -> set[str]:
    """Characters a PDF maps to glyphs its embedded font does not have (WeasyPrint's .notdef).

    WeasyPrint gives each missing character a glyph number past the end of the font and maps
    it in the ToUnicode CMap; a glyph number >= the embedded font's glyph count is such a box.
    """
    from fontTools.ttLib import TTFont
    from pypdf import PdfReader

    found: set[str] = set()
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = (page.get("/Resources") or {}).get("/Font") or {}
        for ref in fonts.values():
            if getattr(ref, "idnum", None) in seen:
                continue
            seen.add(getattr(ref, "idnum", id(ref)))
            font = ref.get_object()
            if "/ToUnicode" not in font or "/DescendantFonts" not in font:
                continue
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            program = next((descriptor[k] for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor), None)
            mapping = _to_unicode(font["/ToUnicode"].get_object().get_data().decode("latin-1"))
            if program is None:
                found.update(mapping.values())  # not embedded: nothing guarantees any glyph
                continue
            count = TTFont(io.BytesIO(program.get_object().get_data()), lazy=True)["maxp"].numGlyphs
            found.update(text for glyph, text in mapping.items() if glyph >= count)
    return {char for text in found for char in text if not char.isspace()}


_BFCHAR = re.compile(r"beginbfchar(.*?)endbfchar", re.S)
_PAIR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


def _to_unicode(cmap: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in _BFCHAR.findall(cmap):
        for glyph, text in _PAIR.findall(block):
            raw = bytes.fromhex(text)
            out[int(glyph, 16)] = raw.decode("utf-16-be", errors="replace")
    return out


class PdfCache:
    """Finished PDFs by content key in one folder (None: no cache). Only clean PDFs are stored."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None
        # A torn write leaves no %%EOF: render again rather than ship half a book.
        return data if data.startswith(b"%PDF-") and b"%%EOF" in data[-64:] else None

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.folder / f"{key}.pdf")
        except OSError:
            pass  # a read-only disk only costs time


def render_all(jobs: list[PdfJob], cache: PdfCache, workers: int | None = None,
               render_new: bool = True, on_done=None) -> list[PdfResult]:
    """Every job's PDF, from the cache where its inputs are unchanged, else rendered.

    With `render_new` False only cached PDFs are returned (the others are left out).
    `on_done(done, total)`, if given, is called as each PDF to print is finished (progress).

    Documents render in parallel processes (one per core): WeasyPrint is single-threaded and
    the town manuals are independent. Rendering stops early once a font is found missing,
    since every other document would miss the same characters.
    """
    version = weasyprint_version()
    fonts = fonts_fingerprint()
    results: dict[str, PdfResult] = {}
    todo: list[tuple[PdfJob, str]] = []
    for job in jobs:
        key = cache_key(job, fonts, version)
        data = cache.get(key)
        if data is not None:
            results[job.name] = PdfResult(job.name, data, cached=True)
        elif render_new:
            todo.append((job, key))
    if todo:
        _load_weasyprint()
    workers = max(1, min(len(todo), workers or os.cpu_count() or 1))
    tell = on_done or (lambda done, total: None)
    cached = len(results)
    tell(0, len(todo))
    if workers == 1:  # also when nothing is left to print
        for job, key in todo:
            result = render(job)
            results[job.name] = _keep(result, key, cache)
            tell(len(results) - cached, len(todo))
            if result.missing:
                break
    else:
        # spawn, not fork: the parent may hold fontconfig/Pango state or other threads (serve).
        # Longest first (print HTML length stands for pages), so no big manual starts last.
        todo.sort(key=lambda job_key: -len(job_key[0].html))
        with process_pool(workers, "spawn") as pool:
            pending = {pool.submit(render, job): (job, key) for job, key in todo}
            for done in futures.as_completed(pending):
                job, key = pending[done]
                result = done.result()
                results[job.name] = _keep(result, key, cache)
                tell(len(results) - cached, len(todo))
                if result.missing:
                    for other in pending:
                        other.cancel()
                    break
    return [results[job.name] for job in jobs if job.name in results]


def _keep(result: PdfResult, key: str, cache: PdfCache) -> PdfResult:
    if not result.missing and result.data is not None:
        cache.put(key, result.data)
    return result
