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
- a value that is also the value of a public field (a name in a published honour, a summary
  quoting the ledger), or listed in site.toml's `[privacy] allow`, is not secret;
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

import hashlib
import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from builder import parallel
from builder.cache import Cache
from builder.diagnostics import Loc, Reporter
from builder.model import Record, Site
from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC, Schema

# Each pattern starts with a character, its look-behind after it: the regex engine then jumps
# between candidate characters instead of trying the look-behind at every position (10× faster).
MOBILE = re.compile(r"1(?<![\d.\-]1)[3-9]\d{9}(?![\d.])")
ID_NUMBER = re.compile(r"[1-9](?<![\dA-Za-z][1-9])\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".js", ".json", ".csv", ".svg", ".css")

MIN_VALUE = 2        # a single character identifies nothing
LONG_VALUE = 10      # from this length a handbook value is evidence wherever it appears
CONTEXT = 80         # characters either side of a short value where its record must be named
MIN_ANCHOR = 3       # shorter names of a record (索镇) are too common to place a value
ANCHOR_FIELDS = ("name", "title", "union_org", "safety_station")
TEXT_KINDS = ("str", "text")


@dataclass(frozen=True, slots=True)
class Secret:
    """A value that must not be published, where it is written and what places it in a text."""

    value: str
    record: Record
    field: str                  # as the clerk writes it: contact, contacts[2].name
    label: str
    visibility: str
    anchors: tuple[str, ...]    # () when found anywhere, else one must be near it

    @property
    def origin(self) -> str:
        return f"{self.record.schema.label} {self.record.key} 的 {self.field}（{self.label}）"

    @property
    def source(self) -> Loc:
        top = self.field.split("[", 1)[0].split(".", 1)[0]
        return self.record.loc.at(self.record.lines.get(top, self.record.loc.line))


@dataclass
class _Rules:
    """What one kind of output is scanned for, with the matcher built once per build."""

    secrets: dict[str, Secret]
    digest: str
    automaton: object = None

    def matcher(self):
        if self.automaton is None and self.secrets:
            automaton = ahocorasick.Automaton()
            for value in self.secrets:
                automaton.add_word(value, value)
            automaton.make_automaton()
            self.automaton = automaton
        return self.automaton


# ---------------------------------------------------------------- what is secret

_LEAVES: dict[int, tuple] = {}


def _leaf_fields(schema: Schema) -> tuple[tuple[str, str, str, Schema | None], ...]:
    """(name, label, visibility, sub-record schema or None) of each text field and each field
    holding sub-records (a town's contacts), worked out once per schema."""
    leaves = _LEAVES.get(id(schema))
    if leaves is None:
        found = []
        for f in schema.fields:
            if f.kind in TEXT_KINDS or (f.kind == "list" and getattr(f.item, "kind", None) in TEXT_KINDS):
                found.append((f.name, f.label, f.visibility, None))
            elif f.kind in ("list", "table") and isinstance(f.item, Schema):
                found.append((f.name, f.label, f.visibility, f.item))
        leaves = _LEAVES[id(schema)] = (schema, tuple(found))
    return leaves[1]


def _values(schema: Schema, raw: dict, prefix: str = ""):
    """(field as written, label, visibility, text) for every text value of a record.

    A field inside a sub-record (a town's contacts) is secret at its own visibility — a
    contact's role is public, the name and phone beside it are not — unless the list is internal.
    """
    for name, label, visibility, inner in _leaf_fields(schema):
        value = raw.get(name)
        if value is None:
            continue
        if inner is not None:
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    where = f"{prefix}{name}[{index}]." if isinstance(value, list) else f"{prefix}{name}."
                    for field, inner_label, inner_visibility, text in _values(inner, item, where):
                        yield field, inner_label, INTERNAL if visibility == INTERNAL else inner_visibility, text
        elif type(value) is str:
            if value:
                yield prefix + name, label, visibility, value.strip()
        else:
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str) and text.strip():
                    yield prefix + name, label, visibility, text.strip()


_ANCHOR_NAMES: dict[int, tuple[str, ...]] = {}


def _anchor_names(schema: Schema) -> tuple[str, ...]:
    names = _ANCHOR_NAMES.get(id(schema))
    if names is None:
        names = _ANCHOR_NAMES[id(schema)] = tuple(
            n for n in ANCHOR_FIELDS if (f := schema.field(n)) is not None and f.visibility == PUBLIC)
    return names


def _anchors(record: Record) -> tuple[str, ...]:
    """Texts that name a record on a page: its id, its public name, its enterprise's."""
    names = []
    for rec in (record, record.links.get("enterprise")):
        if isinstance(rec, Record):
            names.append(rec.key)
            names += [v for n in _anchor_names(rec.schema) if isinstance(v := rec.raw.get(n), str)]
    return tuple(dict.fromkeys(n for n in names if len(n) >= MIN_ANCHOR))


def _config_texts(site: Site) -> list[str]:
    out: list[str] = []
    for table in (site.config.site, site.config.handbook, site.config.campaign):
        for value in (table or {}).values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                out += [v for v in value if isinstance(v, str)]
    return out


def rules(site: Site, profile: str, rep: Reporter | None = None) -> _Rules:
    """The secrets of output of `profile`, worked out once per build (100,000-row ledgers)."""
    memo = site.secrets
    if not memo:
        memo.update(_work_out(site, rep or Reporter()))
    return memo[PUBLIC if profile == PUBLIC else HANDBOOK]


def _scope(record: Record) -> str:
    """The enterprise a record is about — directly, or through the record it refers to (a listing's
    hazard) — or the record itself: where a value quoted in a public field belongs."""
    for rec in (record, *(v for v in record.links.values() if isinstance(v, Record))):
        enterprise = rec if rec.schema.name == "enterprises" else rec.links.get("enterprise")
        if isinstance(enterprise, Record):
            return f"enterprises/{enterprise.key}"
    return f"{record.schema.name}/{record.key}"


def _work_out(site: Site, rep: Reporter) -> dict:
    internal: dict[str, Secret] = {}
    handbook: dict[str, Secret] = {}
    public_values: set[str] = set(_config_texts(site))
    public_by_scope: dict[str, list[str]] = {}
    scope_of: dict[str, str] = {}
    for records in site.records.values():
        for record in records:
            anchors = scope = scope_key = None
            for field, label, visibility, text in _values(record.schema, record.raw):
                if visibility == PUBLIC:
                    public_values.add(text)
                    if scope is None:
                        scope_key = _scope(record)
                        scope = public_by_scope.setdefault(scope_key, [])
                    scope.append(text)
                elif len(text) >= MIN_VALUE:
                    if visibility == INTERNAL:
                        internal.setdefault(text, Secret(text, record, field, label, INTERNAL, ()))
                    elif text not in handbook:
                        if anchors is None:
                            anchors = _anchors(record)
                        near = () if len(text) >= LONG_VALUE else tuple(a for a in anchors if a != text)
                        handbook[text] = Secret(text, record, field, label, HANDBOOK, near)
                        scope_of[text] = scope_key if scope_key is not None else _scope(record)
    allowed = _allowed(site, rep, internal, handbook)
    # Published on purpose, so not secret: a handbook value that is also a whole public value (a
    # person named in a public honour), one quoted in a public field about the same enterprise (a
    # 挂牌督办 summary quoting its hazard's description, a workshop in its model team's name
    # 合成车间甲班), and one on the allow-list. The same text in a public field about something
    # else (a manager's phone in a town's union name) is a leak.
    published = {v for v in handbook if v in public_values or v in allowed}
    joined = {scope: "\n".join(texts) for scope, texts in public_by_scope.items()}
    published.update(v for v in handbook if v not in published and v in joined.get(scope_of[v], ""))
    for value in published:
        del handbook[value]
    public = {**handbook, **internal}
    return {PUBLIC: _Rules(public, _digest(public, site)), HANDBOOK: _Rules(internal, _digest(internal, site))}


def _allowed(site: Site, rep: Reporter, internal: dict[str, Secret], handbook: dict[str, Secret]) -> set[str]:
    allowed = set()
    for value, line in site.config.privacy_allow:
        loc = Loc("site.toml", line)
        if value in internal:
            rep.error(loc, f"[privacy] allow 不能放行内部字段的值：“{value}”是{internal[value].origin}",
                      "举报人代号、作者代号等内部信息永远不能公开；请从 allow 里删去")
        elif value not in handbook:
            rep.warning(loc, f"[privacy] allow 里的“{value}”不是任何手册级字段的值，不起作用", "可以从 allow 里删去")
        else:
            allowed.add(value)
    return allowed


def _digest(secrets: dict[str, Secret], site: Site) -> str:
    digest = hashlib.sha256(repr(sorted(e.lower() for e in _allowed_emails(site))).encode())
    for value in sorted(secrets):
        digest.update(value.encode() + b"\0" + "\1".join(secrets[value].anchors).encode() + b"\0")
    return digest.hexdigest()


def secret_values(site: Site, profile: str) -> dict[str, str]:
    """Values that must not appear in output of `profile`, each with where it comes from."""
    return {value: secret.origin for value, secret in rules(site, profile).secrets.items()}


def _allowed_emails(site: Site) -> list[str]:
    return [e for e in (site.config.site.get("contact_email"),) if e]


# ---------------------------------------------------------------- reading output files

def output_text(path: str, data: bytes, printed: str | None = None) -> str | None:
    """The text a reader of this output file could see, or None for binary files.

    `printed`: for a PDF this build printed, the HTML it was printed from (read instead of the PDF).
    """
    if path.endswith(".pdf"):
        if printed is not None:
            return html.unescape(printed) + "\n" + pdf_metadata(data)
        return pdf_text(data)
    if path.endswith(TEXT_SUFFIXES):
        return html.unescape(data.decode("utf-8", errors="replace"))
    return None


def pdf_metadata(data: bytes) -> str:
    """What a PDF holds besides its pages' text: the document information (title, author …)."""
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        info = PdfReader(BytesIO(data)).metadata or {}
    except (PdfReadError, ValueError, KeyError):
        return ""
    return "\n".join(str(value) for value in info.values())


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            result = subprocess.run(["pdftotext", "-q", handle.name, "-"], capture_output=True, check=False)
            return result.stdout.decode("utf-8", errors="replace") + "\n" + pdf_metadata(data)
    from io import BytesIO

    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages) + "\n" + pdf_metadata(data)


# ---------------------------------------------------------------- scanning

def scan(files: dict[str, bytes], site: Site, profile: str, rep: Reporter, out_name: str,
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
    scanned = rules(site, profile, rep)
    allowed_emails = {e.lower() for e in _allowed_emails(site)}
    printed = printed or {}
    paths = sorted(files)
    keys = [cache.key("privacy", scanned.digest, path, files[path]) for path in paths]
    results = [cache.get(key) for key in keys]
    todo = [index for index, problems in enumerate(results) if problems is None]
    if todo:
        scanned.matcher()  # built once, here: forked workers share it
        global _FORKED
        _FORKED = (files, printed, scanned, allowed_emails)
        try:
            fresh = parallel.map_chunks(_scan_chunk, [paths[i] for i in todo], minimum=PARALLEL_MIN_FILES)
        finally:
            _FORKED = None
        for index, problems in zip(todo, fresh):
            results[index] = problems
            cache.put(keys[index], problems)
    found: dict[tuple, list[str]] = {}
    for path, problems in zip(paths, results):
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


def _problems(text: str, scanned: _Rules, allowed_emails: set[str]) -> list[tuple[str, str, str]]:
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


def _report(rep: Reporter, site: Site, scanned: _Rules, what: str, shown: str, value: str, paths: list[str],
            out_name: str, templates: dict[str, str]) -> None:
    paths = sorted(paths, key=lambda path: (not path.endswith(".html"), path.count("/") == 0, path))  # pages first
    where = f"{out_name}/{paths[0]}" if out_name else paths[0]
    if len(paths) > 1:
        where += f" 等 {len(paths)} 个文件"
    printer, how = printed_by(site, value, paths, templates)
    if what == "secret":
        secret = scanned.secrets[value]
        message = f"隐私检查（privacy scan）不通过：{where} 含有不得公开的信息：{secret.origin}（{secret.source}）{how}"
        if secret.visibility == INTERNAL:
            hint = "举报人代号、作者代号等内部信息永远不能输出：请从这里删去"
        else:
            hint = ("手册级信息只能印在督导手册里：请从这里删去；如果它确实应当公开（例如已公示的获奖人姓名），"
                    "把这个值写进 site.toml 的 [privacy] allow")
    else:
        message = f"隐私检查（privacy scan）不通过：{where} 含有{_WHAT[what]} {shown}{how}"
        hint = "找到内容来源（文章或数据）删除这部分信息；公开邮箱请写在 site.toml 的 contact_email"
    rep.error(printer or Loc(where.split(" ", 1)[0]), message, hint)


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
            for field, _label, visibility, text in _values(record.schema, record.raw):
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
