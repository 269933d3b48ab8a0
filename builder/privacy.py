"""The privacy scan: after every build, look in every output file for what must never be there.

Templates already refuse internal fields (model.Record raises VisibilityError, and the template
environment refuses `.raw`), but a value can still leak by another road: pasted into an
article, typed into a public field, carried by the search index, a feed or a CSV. So the
finished output itself is scanned, the way a reviewer would read it.

What is looked for, in public output: every value of two characters or more of a handbook-
or internal-level text field (names, phones, addresses, descriptions, reporter codes); in the
town manuals and internal builds, which are handbook-level by design, internal values only.
Plus Chinese mobile numbers, 18-digit ID numbers and e-mail addresses other than the site's
public contact. Enum choices, numbers, dates and yes/no are not looked for: they repeat
everywhere and identify no one.

False positives are kept low by matching whole values in their field's context:
- what is published on purpose is not secret (builder.secrets): a value that is also a public
  one, one quoted in a public field about the same enterprise, one on site.toml's allow-list;
- a value starting or ending with a letter or digit must not continue into more letters or
  digits (R-7731 is not found inside R-77312);
- a short handbook value (fewer than LONG_VALUE characters: a name, a workshop, a role) counts
  only when its record is named within CONTEXT characters — its id, its name, its enterprise's
  name: "桓台示例化工有限公司联系人王建国" is a leak, the same name in an unrelated story is not.
  Long values (addresses, phone numbers, descriptions) and internal values count anywhere.

A finding names the source file:line of the leaked value, the file that printed it (the
Markdown file and line, the public record, site.toml, or the template) and the output files
it reached. The PDFs are not read back: each printed PDF's own print HTML is scanned with the
same matcher, and only what the HTML cannot show — the PDF's metadata — is read from the PDF.
A PDF this build did not print (an attachment under content/) is read whole.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

from builder import parallel
from builder.cache import Cache
from builder.diagnostics import Loc, Reporter
from builder.model import Site
from builder.schema.core import INTERNAL, PUBLIC
from builder.search import INDEX_PREFIX
from builder.secrets import LONG_VALUE, Rules, allowed_emails, rules, secret_values, text_values

__all__ = ["LONG_VALUE", "rules", "scan", "secret_values", "output_text", "printed_by"]

# Each pattern starts with a character, its look-behind after it: the regex engine then jumps
# between candidate characters instead of trying the look-behind at every position (10× faster).
MOBILE = re.compile(r"1(?<![\d.\-]1)[3-9]\d{9}(?![\d.])")
ID_NUMBER = re.compile(r"[1-9](?<![\dA-Za-z][1-9])\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".js", ".json", ".csv", ".svg", ".css")
# The search index's postings: one- and two-character keys with lists of positions (builder.search).
# They can't hold a whole value a reader could see; the text they index is in the index's text
# shards and manifest, which are scanned like every page. Skipping them halves a cold scan.
POSTINGS = re.compile(re.escape(INDEX_PREFIX) + r"index-\d+\.js$")

CONTEXT = 80         # characters either side of a short value where its record must be named


# ---------------------------------------------------------------- reading output files

def output_text(path: str, data: bytes, printed: str | None = None) -> str | None:
    """The text a reader of this output file could see, or None for binary files.

    `printed`: for a PDF this build printed, the HTML it was printed from (read instead of the PDF).
    """
    if path.endswith(".pdf"):
        if printed is not None:
            return html.unescape(printed) + "\n" + pdf_metadata(data)
        return pdf_text(data)
    if path.endswith(TEXT_SUFFIXES) and not POSTINGS.match(path):
        return html.unescape(data.decode("utf-8", errors="replace"))
    return None


# The document information fields a PDF may carry, as pdfinfo names them.
_INFO_FIELDS = ("Title", "Subject", "Keywords", "Author", "Creator", "Producer")


def pdf_metadata(data: bytes) -> str:
    """What a PDF holds besides its pages' text: the document information (title, author …) and
    its XMP metadata stream.

    Read with poppler's pdfinfo when it is there (tens of milliseconds); pypdf, which has to
    parse the object stream holding the information (a tagged manual's structure tree, 2–3 s),
    is the fallback.
    """
    if shutil.which("pdfinfo"):
        values = []
        for args in (["-enc", "UTF-8"], ["-enc", "UTF-8", "-meta"]):
            result = subprocess.run(["pdfinfo", *args, "-"], input=data, capture_output=True, check=False)
            text = result.stdout.decode("utf-8", errors="replace")
            if "-meta" in args:
                values.append(html.unescape(text))
            else:
                values += [line.split(":", 1)[1].strip() for line in text.splitlines()
                           if line.split(":", 1)[0] in _INFO_FIELDS]
        return "\n".join(values)
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info = PdfReader(BytesIO(data)).metadata or {}
    except (PdfReadError, ValueError, KeyError):
        return ""
    return "\n".join(str(value) for value in info.values())


def pdf_text(data: bytes) -> str:
    """All the text of a PDF this build did not print (an attachment), and its metadata."""
    if shutil.which("pdftotext"):
        # From stdin to stdout: no temporary file to leave behind if the build is killed.
        result = subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=False)
        return result.stdout.decode("utf-8", errors="replace") + "\n" + pdf_metadata(data)
    from io import BytesIO

    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages) + "\n" + pdf_metadata(data)


# ---------------------------------------------------------------- scanning

def scan(files: dict[str, bytes], site: Site, visibility: str, rep: Reporter, out_name: str,
         cache: Cache | None = None, *, printed: dict[str, str] | None = None,
         templates: dict[str, str] | None = None) -> int:
    """Report every leak in `files` (one error per leaked value and the file that printed it);
    returns the number of findings.

    `printed` maps each PDF this build printed to its print HTML (scanned instead of the PDF);
    `templates` maps output paths to the template that made them (named in messages).
    A file's findings depend only on its bytes and on what is secret, so an unchanged file is
    not read again (the cache key holds both).
    """
    cache = cache or Cache(None)
    scanned = rules(site, visibility, rep)
    emails = {e.lower() for e in allowed_emails(site)}
    printed = printed or {}
    paths = sorted(files)
    keys = [cache.key("privacy", scanned.digest, path, files[path]) for path in paths]
    results = [cache.get(key) for key in keys]
    todo = [index for index, problems in enumerate(results) if problems is None]
    if todo:
        scanned.matcher()  # built once, here: forked workers share it
        global _FORKED
        _FORKED = (files, printed, scanned, emails)
        try:
            fresh = parallel.map_chunks(_scan_chunk, [paths[i] for i in todo], minimum=PARALLEL_MIN_FILES)
        finally:
            _FORKED = None
        for index, problems in zip(todo, fresh, strict=True):
            results[index] = problems
            cache.put(keys[index], problems)
    found: dict[tuple, list[str]] = {}
    for path, problems in zip(paths, results, strict=True):
        for problem in problems:
            found.setdefault(tuple(problem), []).append(path)
    for (what, shown, value), paths_found in found.items():
        _report(rep, site, scanned, what, shown, value, paths_found, out_name, templates or {})
    return sum(len(paths_found) for paths_found in found.values())


# Below this many unscanned files a pool costs more than it saves (a cold 5,000-page site has ~7,000).
PARALLEL_MIN_FILES = 400
_FORKED: tuple | None = None  # what forked workers scan: (files, printed, rules, allowed e-mails)


def _scan_chunk(paths: list[str]) -> list[list]:
    """One file's findings per path (in a worker after a fork, or here for a small job)."""
    assert _FORKED is not None
    files, printed, scanned, allowed_emails = _FORKED
    out = []
    for path in paths:
        text = output_text(path, files[path], printed.get(path))
        out.append(_problems(text, scanned, allowed_emails) if text else [])
    return out


def _problems(text: str, scanned: Rules, allowed_emails: set[str]) -> list[tuple[str, str, str]]:
    """What one output file's text must not contain: (kind, what to show, the value) each."""
    problems: list[tuple[str, str, str]] = []
    automaton = scanned.matcher()
    if automaton is not None:
        for end, value in automaton.iter(text):
            secret = scanned.secrets[value]
            start = end - len(value) + 1
            if _whole(text, start, end) and _in_context(text, start, end, secret.anchors):
                problems.append(("secret", value, value))
    for match in MOBILE.finditer(text):
        problems.append(("mobile", f"{match.group()[:3]}****{match.group()[-4:]}", match.group()))
    for match in ID_NUMBER.finditer(text):
        problems.append(("id", f"{match.group()[:6]}********{match.group()[-4:]}", match.group()))
    for match in EMAIL.finditer(text) if "@" in text else ():
        if match.group().lower() not in allowed_emails:
            problems.append(("email", match.group(), match.group()))
    return list(dict.fromkeys(problems))


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _whole(text: str, start: int, end: int) -> bool:
    """The hit is a whole value: a letter or digit at its edge does not run on into more."""
    if _alnum(text[start]) and start > 0 and _alnum(text[start - 1]):
        return False
    return not (_alnum(text[end]) and end + 1 < len(text) and _alnum(text[end + 1]))


def _in_context(text: str, start: int, end: int, anchors: tuple[str, ...]) -> bool:
    if not anchors:
        return True
    low, high = max(0, start - CONTEXT), end + 1 + CONTEXT
    return any(text.find(anchor, low, high) != -1 for anchor in anchors)


# ---------------------------------------------------------------- reporting

_WHAT = {"mobile": "手机号码", "id": "疑似身份证号码", "email": "未列为公开联系方式的电子邮箱"}


def _report(rep: Reporter, site: Site, scanned: Rules, what: str, shown: str, value: str, paths: list[str],
            out_name: str, templates: dict[str, str]) -> None:
    paths = sorted(paths, key=lambda path: (not path.endswith(".html"), path.count("/") == 0, path))  # pages first
    where = f"{out_name}/{paths[0]}" if out_name else paths[0]
    if len(paths) > 1:
        where += f" 等 {len(paths)} 个文件"
    printer, how = printed_by(site, value, paths, templates)
    loc = printer or Loc(where.split(" ", 1)[0])
    if what != "secret":
        rep.error(loc, f"隐私检查（privacy scan）不通过：{where} 含有{_WHAT[what]} {shown}{how}",
                  "找到内容来源（文章或数据）删除这部分信息；公开邮箱请写在 site.toml 的 contact_email")
        return
    secret = scanned.secrets[value]
    if secret.visibility == INTERNAL:
        hint = "举报人代号、作者代号等内部信息永远不能输出：请从这里删去"
    else:
        hint = ("手册级信息只能印在督导手册里：请从这里删去；如果它确实应当公开（例如已公示的获奖人姓名），"
                "把这个值写进 site.toml 的 [privacy] allow")
    rep.error(loc, f"隐私检查（privacy scan）不通过：{where} 含有不得公开的信息：{secret.origin}（{secret.source}）{how}",
              hint)


def printed_by(site: Site, value: str, paths: list[str], templates: dict[str, str]) -> tuple[Loc | None, str]:
    """The file and line that put `value` into the output, and a note on how (may be empty).

    In this order: a Markdown file (the article whose page it is first), a public field of a
    record, site.toml, a file of the theme. None when nothing the user wrote holds it.
    """
    root = site.config.root
    own = {page.url + "index.html": page for page in site.pages}
    pages = sorted(site.pages, key=lambda p: (not any(own.get(path) is p for path in paths), p.source))
    for page in pages:
        loc = _find_in_file(root, page.source, value)
        if loc is not None:
            return loc, ""
    template = next((templates[path] for path in paths if path in templates), None)
    how = f"，由模板 {template} 输出" if template else ""
    for records in site.records.values():
        for record in records:
            for field, _label, visibility, text in text_values(record.schema, record.raw):
                if visibility == PUBLIC and value in text:
                    top = field.split("[", 1)[0].split(".", 1)[0]
                    return record.loc.at(record.lines.get(top, record.loc.line)), how + f"（写在公开字段 {field} 里）"
    loc = _find_in_file(root, "site.toml", value)
    if loc is not None:
        return loc, how
    theme = site.config.theme_dir
    for path in sorted(theme.rglob("*")) if theme.is_dir() else ():
        if path.is_file():
            loc = _find_in_file(root, path.relative_to(root).as_posix(), value)
            if loc is not None:
                return loc, ""
    return None, how


def _find_in_file(root: Path, rel: str, value: str) -> Loc | None:
    try:
        text = (root / rel).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(value)
    if at < 0:
        return None
    return Loc(rel, text.count("\n", 0, at) + 1)
