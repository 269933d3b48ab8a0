"""The privacy scan: after every build, look in every output file for what must never be there.

Templates already refuse internal fields (model.Record raises VisibilityError), but a value can
still leak by another road: pasted into an article, typed into a public field, carried by the
search index or a CSV. So the finished output itself is scanned, the way a reviewer would.
"""

from __future__ import annotations

import hashlib
import html
import re
import shutil
import subprocess
import tempfile

import ahocorasick

from builder.cache import Cache
from builder.diagnostics import Loc, Reporter
from builder.model import Site
from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC

# Each pattern starts with a character, its look-behind after it: the regex engine then jumps
# between candidate characters instead of trying the look-behind at every position (10× faster).
MOBILE = re.compile(r"1(?<![\d.\-]1)[3-9]\d{9}(?![\d.])")
ID_NUMBER = re.compile(r"[1-9](?<![\dA-Za-z][1-9])\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".js", ".json", ".csv", ".svg", ".css")

# Handbook-level values shorter than this are too common to be evidence of a leak
# (a role like 安全科科长 appears in news too); long ones (addresses, descriptions) are.
MIN_HANDBOOK_VALUE = 10


def _field_values(value) -> list[str]:
    if isinstance(value, list):
        return [v for item in value for v in _field_values(item)]
    if isinstance(value, dict):
        return [v for item in value.values() for v in _field_values(item)]
    return [str(value)] if value not in (None, "") and not isinstance(value, bool) else []


def secret_values(site: Site, profile: str) -> dict[str, str]:
    """Values that must not appear in output of `profile`, each with where it comes from.

    Internal values (reporter and author codes) are always secret. For public output, long
    handbook-level values (addresses, hazard descriptions) are too, unless the same text is
    also a public value somewhere (then its presence proves nothing).
    """
    return {value: _origin_text(origin) for value, origin in _secret_origins(site, profile).items()}


def _origin_text(origin: tuple) -> str:
    record, f = origin
    return f"{record.schema.label} {record.key} 的 {f.name}（{f.label}）"


def _secret_origins(site: Site, profile: str) -> dict[str, tuple]:
    """value -> (record, field); computed once per build for both profiles (100,000-row ledgers)."""
    memo = site.secrets
    if not memo:
        internal: dict[str, tuple] = {}
        handbook: dict[str, tuple] = {}
        public_values: set[str] = set()
        for records in site.records.values():
            if not records:
                continue
            schema = records[0].schema
            hidden = [f for f in schema.fields if f.visibility == INTERNAL]
            printed = [f for f in schema.fields if f.visibility == HANDBOOK]
            shown = [f.name for f in schema.fields if f.visibility == PUBLIC]
            for record in records:
                raw = record.raw
                for f in hidden:
                    for value in _field_values(raw.get(f.name)):
                        internal.setdefault(value, (record, f))
                for f in printed:
                    for value in _field_values(raw.get(f.name)):
                        if len(value) >= MIN_HANDBOOK_VALUE:
                            handbook.setdefault(value, (record, f))
                for name in shown:
                    value = raw.get(name)
                    if isinstance(value, str):
                        if len(value) >= MIN_HANDBOOK_VALUE:
                            public_values.add(value)
                    elif isinstance(value, (list, dict)):
                        public_values.update(v for v in _field_values(value) if len(v) >= MIN_HANDBOOK_VALUE)
        # A handbook text that a clerk also put into a public field (a 挂牌督办 summary quoting the
        # ledger's description) was published on purpose; only internal values stay secret regardless.
        published = _contained_in(handbook, "\n".join(sorted(public_values)))
        memo[PUBLIC] = {**{v: o for v, o in handbook.items() if v not in published}, **internal}
        memo[HANDBOOK] = internal
    return memo[PUBLIC if profile == PUBLIC else HANDBOOK]


def _contained_in(values: dict[str, str], text: str) -> set[str]:
    if not values or not text:
        return set()
    automaton = ahocorasick.Automaton()
    for value in values:
        automaton.add_word(value, value)
    automaton.make_automaton()
    return {value for _end, value in automaton.iter(text)}


def output_text(path: str, data: bytes) -> str | None:
    """The text a reader of this output file could see, or None for binary files."""
    if path.endswith(".pdf"):
        return pdf_text(data)
    if path.endswith(TEXT_SUFFIXES):
        return html.unescape(data.decode("utf-8", errors="replace"))
    return None


def pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(data)
            handle.flush()
            result = subprocess.run(["pdftotext", "-q", handle.name, "-"], capture_output=True, check=False)
            return result.stdout.decode("utf-8", errors="replace")
    from io import BytesIO

    from pypdf import PdfReader
    return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages)


def scan(files: dict[str, bytes], site: Site, profile: str, rep: Reporter, out_name: str,
         cache: Cache | None = None) -> int:
    """Report every leak in `files` as an error naming the output file; returns the number found.

    A file's findings depend only on its bytes and on what is secret, so an unchanged file
    is not read again (the cache key holds both).
    """
    cache = cache or Cache(None)
    secrets = _secret_origins(site, profile)
    allowed_emails = sorted(e.lower() for e in (site.config.site.get("contact_email"),) if e)
    # Findings are texts naming the secret's record; a changed record with the same value only
    # matters when there is a leak, and a build with a leak is never cached.
    rules = hashlib.sha256(repr((sorted(secrets), allowed_emails)).encode()).hexdigest()
    automaton = None
    found = 0
    for path in sorted(files):
        key = cache.key("privacy", rules, path, files[path])
        problems = cache.get(key)
        if problems is None:
            if automaton is None:
                automaton = _automaton(secrets)
            problems = _problems(output_text(path, files[path]), automaton, set(allowed_emails))
            cache.put(key, problems)
        loc = Loc(f"{out_name}/{path}")
        for message in problems:
            rep.error(loc, f"隐私检查（privacy scan）不通过：{message}",
                      "找到内容来源（文章或数据）删除这部分信息；公开邮箱请写在 site.toml 的 contact_email")
            found += 1
    return found


def _automaton(secrets: dict[str, str]):
    automaton = ahocorasick.Automaton()
    for value, origin in secrets.items():
        automaton.add_word(value, (value, origin))
    if secrets:
        automaton.make_automaton()
        return automaton
    return None


def _problems(text: str | None, automaton, allowed_emails: set[str]) -> list[str]:
    """What one output file's text must not contain (an empty list when it is clean)."""
    if text is None:
        return []
    problems: list[str] = []
    if automaton is not None:
        for _end, (_value, origin) in automaton.iter(text):
            problems.append(f"含有不得公开的信息：{_origin_text(origin)}")
    for match in MOBILE.finditer(text):
        problems.append(f"含有手机号码 {match.group()[:3]}****{match.group()[-4:]}")
    for match in ID_NUMBER.finditer(text):
        problems.append(f"含有疑似身份证号码 {match.group()[:6]}********{match.group()[-4:]}")
    for match in EMAIL.finditer(text) if "@" in text else ():
        if match.group().lower() not in allowed_emails:
            problems.append(f"含有未列为公开联系方式的电子邮箱 {match.group()}")
    return list(dict.fromkeys(problems))
