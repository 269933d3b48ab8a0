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

import bisect
import os
import re
import tempfile
from pathlib import Path

import yaml

from builder.diagnostics import Loc, Reporter
from builder.model import Site
from builder.schema.core import Schema, validate_mapping
from builder.sheets.changes import ADDED, CHANGED, Change
from builder.sheets.columns import SHEET_KINDS
from builder.yamlio import load_yaml

COUNTY = "county"
CHUNK = 500
HEADER = """\
# {label}：由 chabaocu import 从表格导入（{kind}）。
# 再次导入时按编号合并：新记录追加在文件末尾，已有记录只在加 --force 时原地改写。
# 可以手工修改；删除记录也请手工删除这里的条目。
"""


try:  # libyaml's emitter is ~10x faster: 10,000 ledger rows in about a second instead of ten
    _BaseDumper = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseDumper = yaml.SafeDumper


class _Dumper(_BaseDumper):
    """Block style, Chinese as is, multi-line text as a literal block a clerk can read."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value and not re.search(r"[ \t]\n|\n[ \t]|\s$", value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_record(schema: Schema, raw: dict, filled=None) -> str:
    """One record as a YAML list item ('- id: …'), fields in schema order, empty ones left out.

    `filled` limits it to the fields a clerk filled in; the others keep their schema default.
    """
    return dump_records(schema, [(raw, filled)])


def dump_records(schema: Schema, records: list[tuple[dict, object]]) -> str:
    """Several (raw, filled) records as one YAML list, in one pass of the emitter."""
    items = [{f.name: raw[f.name] for f in schema.fields
              if raw.get(f.name) is not None and (filled is None or f.name in filled)} for raw, filled in records]
    return yaml.dump(items, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=10**6) if items else ""


def import_path(kind: str, town: str | None) -> str:
    return f"data/{kind}/import-{town or COUNTY}.yaml"


def write_changes(root: Path, site: Site, kind: str, town: str | None, changes: list[Change]) -> list[str]:
    """Apply ADDED and CHANGED records to data/; return the files written (relative paths)."""
    schema = SHEET_KINDS[kind]
    texts: dict[str, str] = {}
    fragments: list[str] = []   # every piece of YAML this import writes, checked before writing
    starts: dict[str, list[int]] = {}
    for record in site.records[kind]:
        starts.setdefault(record.loc.path, []).append(record.loc.line)
    # Replace changed records bottom-up in each file, so earlier line numbers stay valid.
    changed = sorted((c for c in changes if c.status == CHANGED), key=lambda c: (c.existing.loc.path, -c.existing.loc.line))
    for change in changed:
        rel = change.existing.loc.path
        if rel not in texts:
            texts[rel] = (root / rel).read_text(encoding="utf-8")
        texts[rel], fragment = _splice(texts[rel], sorted(starts[rel]), schema, change)
        fragments.append(fragment)
    added = [c for c in changes if c.status == ADDED]
    if added:
        rel = import_path(kind, town)
        path = root / rel
        if rel not in texts:
            texts[rel] = path.read_text(encoding="utf-8") if path.exists() else HEADER.format(label=schema.label, kind=kind)
        _check_appendable(texts[rel], rel)
        # Dumped and later verified in chunks: a YAML node graph of 10,000 records costs ~150 MB.
        chunks = [dump_records(schema, [(c.record.raw, c.record.lines) for c in added[i:i + CHUNK]])
                  for i in range(0, len(added), CHUNK)]
        texts[rel] = texts[rel] + ("" if texts[rel].endswith("\n") else "\n") + "".join(chunks)
        fragments.extend(chunks)
    _verify(schema, fragments, [c for c in changes if c.status in (ADDED, CHANGED)])
    for rel, text in sorted(texts.items()):
        _write_atomic(root / rel, text)
    return sorted(texts)


def _splice(text: str, starts: list[int], schema: Schema, change: Change) -> tuple[str, str]:
    """Replace one record's own lines in a YAML file; returns the new text and the new lines."""
    existing = change.existing
    lines = text.split("\n")
    start = existing.loc.line
    if not (0 < start <= len(lines)) or not lines[start - 1].startswith("- "):
        raise WriteRefused(existing.loc, "无法自动改写这条记录：它不是以“- ”开头、顶格书写的列表项",
                           "请按表格内容手工修改这条记录，或把它改成和其他记录一样的写法后再导入")
    following = bisect.bisect_right(starts, start)
    end = starts[following] - 1 if following < len(starts) else len(lines)
    while end > start and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1  # blank lines and comments before the next record stay where they are
    fragment = dump_record(schema, change.record.raw, change.record.lines)
    return "\n".join(lines[: start - 1] + fragment.rstrip("\n").split("\n") + lines[end:]), fragment


def _check_appendable(text: str, rel: str) -> None:
    """Records are appended as '- …' items: the file must be a block list (or only comments)."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            if not line.startswith("- "):
                raise WriteRefused(Loc(rel, number), "无法在这个文件末尾追加记录：它不是以“- ”开头的记录列表",
                                   "把文件改回每条记录以“- ”开头的写法，或把它改名后再导入")
            return


class WriteRefused(Exception):
    """A record cannot be written safely; nothing has been written."""

    def __init__(self, loc: Loc, message: str, hint: str = ""):
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


def _verify(schema: Schema, fragments: list[str], planned: list[Change]) -> None:
    """Parse and validate the YAML written; each planned record must come back unchanged."""
    found: dict[str, dict] = {}
    rep = Reporter()
    for fragment in fragments:
        for item in load_yaml(fragment, Loc("import")) or []:
            clean = validate_mapping(schema, item, Loc("import"), rep)
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
