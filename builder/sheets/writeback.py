"""Writing imported records into data/ as YAML that loads back to exactly the same records.

Where records go (docs/spreadsheets.md says the same to clerks):
- new records are merged by id into one file per kind and town, data/<kind>/import-<town>.yaml
  (import-county.yaml without --town), appended at its end, so a town that imports its ledger
  every month keeps one growing file;
- a record that already exists (only with --force) is rewritten where it lives, in place: only
  its own lines change, so comments and the rest of a hand-written file stay as they were.
Before anything is written, every new file text is parsed and validated again and compared
with the planned records; a difference is a bug and stops the import with nothing written.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import yaml

from builder.diagnostics import Loc, Reporter
from builder.model import Site
from builder.schema.core import Schema, validate_mapping
from builder.sheets.columns import SHEET_KINDS
from builder.sheets.importer import ADDED, CHANGED, Change
from builder.yamlio import load_yaml

COUNTY = "county"
HEADER = """\
# {label}：由 chabaocu import 从表格导入（{kind}）。
# 再次导入时按编号合并：新记录追加在文件末尾，已有记录只在加 --force 时原地改写。
# 可以手工修改；删除记录也请手工删除这里的条目。
"""


class _Dumper(yaml.SafeDumper):
    """Block style, Chinese as is, multi-line text as a literal block a clerk can read."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value and not re.search(r"[ \t]\n|\n[ \t]|\s$", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_record(schema: Schema, raw: dict, filled=None) -> str:
    """One record as a YAML list item ('- id: …'), fields in schema order, empty ones left out.

    `filled` limits it to the fields a clerk filled in; the others keep their schema default.
    """
    ordered = {f.name: raw[f.name] for f in schema.fields
               if raw.get(f.name) is not None and (filled is None or f.name in filled)}
    return yaml.dump([ordered], Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**6)


def import_path(kind: str, town: str | None) -> str:
    return f"data/{kind}/import-{town or COUNTY}.yaml"


def write_changes(root: Path, site: Site, kind: str, town: str | None, changes: list[Change]) -> list[str]:
    """Apply ADDED and CHANGED records to data/; return the files written (relative paths)."""
    schema = SHEET_KINDS[kind]
    texts: dict[str, str] = {}
    # Replace changed records bottom-up in each file, so earlier line numbers stay valid.
    changed = sorted((c for c in changes if c.status == CHANGED), key=lambda c: (c.existing.loc.path, -c.existing.loc.line))
    for change in changed:
        rel = change.existing.loc.path
        if rel not in texts:
            texts[rel] = (root / rel).read_text(encoding="utf-8")
        texts[rel] = _splice(texts[rel], site, schema, change)
    added = [c for c in changes if c.status == ADDED]
    if added:
        rel = import_path(kind, town)
        path = root / rel
        if rel not in texts:
            texts[rel] = path.read_text(encoding="utf-8") if path.exists() else HEADER.format(label=schema.label, kind=kind)
        body = "".join(dump_record(schema, c.record.raw, c.record.lines) for c in added)
        texts[rel] = texts[rel] + ("" if texts[rel].endswith("\n") else "\n") + body
    _verify(schema, texts, [c for c in changes if c.status in (ADDED, CHANGED)])
    for rel, text in sorted(texts.items()):
        _write_atomic(root / rel, text)
    return sorted(texts)


def _splice(text: str, site: Site, schema: Schema, change: Change) -> str:
    """Replace one record's own lines in a YAML file with the imported version."""
    existing = change.existing
    lines = text.split("\n")
    start = existing.loc.line
    if not (0 < start <= len(lines)) or not lines[start - 1].startswith("- "):
        raise WriteRefused(existing.loc, "无法自动改写这条记录：它不是以“- ”开头、顶格书写的列表项",
                           "请按表格内容手工修改这条记录，或把它改成和其他记录一样的写法后再导入")
    later = sorted(r.loc.line for r in site.records[schema.name]
                   if r.loc.path == existing.loc.path and r.loc.line > start)
    end = later[0] - 1 if later else len(lines)
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments before the next record stay where they are
    replacement = dump_record(schema, change.record.raw, change.record.lines).rstrip("\n").split("\n")
    return "\n".join(lines[: start - 1] + replacement + lines[end:])


class WriteRefused(Exception):
    """A record cannot be rewritten safely; nothing has been written."""

    def __init__(self, loc: Loc, message: str, hint: str = ""):
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


def _verify(schema: Schema, texts: dict[str, str], planned: list[Change]) -> None:
    """Parse and validate every new text; each planned record must come back unchanged."""
    found: dict[str, dict] = {}
    for rel, text in texts.items():
        rep = Reporter()
        for item in load_yaml(text, Loc(rel)) or []:
            clean = validate_mapping(schema, item, Loc(rel), rep)
            if clean is not None:
                found["/".join(str(clean.get(k)) for k in schema.key)] = clean
    for change in planned:
        key = change.record.key
        if found.get(key) != change.record.raw:
            raise AssertionError(f"import round trip changed {schema.name} {key}: {found.get(key)} != {change.record.raw}")


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
