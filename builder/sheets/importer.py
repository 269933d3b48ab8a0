"""Import: a filled sheet → validated records → a plan (added / changed / unchanged) → data/.

The site is read through the pipeline like any build (pipeline.site_model); every row goes
through the schema engine (validate_mapping) and the build's own cross-reference rules
(builder/validate.py), with a CellLoc per cell so each problem reads
`FILE.xlsx:Sheet!C12: 错误: …`. Nothing is written unless every row is valid; a record that
already exists with other content is only overwritten with --force (writeback.py writes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from builder import validate as V
from builder.diagnostics import ERROR, Diagnostic, Reporter
from builder.model import Record, Site
from builder.pipeline import site_model
from builder.schema.core import did_you_mean, is_placeholder, validate_mapping
from builder.sheets import writeback
from builder.sheets.cells import Directory, from_cell
from builder.sheets.changes import ADDED, CHANGED, UNCHANGED, Change
from builder.sheets.columns import SHEET_KINDS, Column
from builder.sheets.header import check_merged, find_header, map_header, missing_required, name_columns, report_missing
from builder.sheets.location import CellLoc
from builder.sheets.reader import SheetError, Table, read_table
from builder.yamlio import LocatedDict


@dataclass
class ImportResult:
    kind: str
    town: str | None
    changes: list[Change] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.level == ERROR for d in self.diagnostics)

    def count(self, status: str) -> int:
        return sum(c.status == status for c in self.changes)


def import_sheet(root: Path, kind: str, path: Path, *, town: str | None = None, dry_run: bool = False,
                 force: bool = False, display: str | None = None, progress=None) -> ImportResult:
    """Read, validate and (unless dry_run or any error) write one sheet of `kind` records.

    `progress` (builder.progress) shows reading the site, which takes a while for a big ledger."""
    schema = SHEET_KINDS[kind]
    site = site_model(root, progress=progress)
    directory = Directory.from_records(site.records)
    rep = Reporter()
    result = ImportResult(kind, None)
    try:
        table = read_table(path, display or path.as_posix(), preferred_sheet=schema.label)
    except SheetError as exc:
        rep.error(exc.loc, exc.message, exc.hint)
        result.diagnostics = rep.sorted()
        return result
    result.town = _town(town, table, directory, rep)
    header: dict = {}
    if not rep.errors:
        result.changes = _plan(site, schema, table, directory, result.town, force, rep, header)
    result.diagnostics = rep.sorted()
    if header:
        result.diagnostics = name_columns(result.diagnostics, table, header["row"], header["mapping"])
    if result.ok and not dry_run:
        try:
            result.written = writeback.write_changes(root, site, kind, result.town, result.changes)
        except writeback.WriteRefused as exc:
            rep.error(exc.loc, exc.message, exc.hint)
            result.diagnostics = rep.sorted()
    return result


def _town(town: str | None, table: Table, directory: Directory, rep: Reporter) -> str | None:
    """--town (a name or an id), else the town the template was made for."""
    chosen = town or table.town
    if chosen is None:
        return None
    tid = directory.town_id(chosen)
    if tid is None:
        guess = did_you_mean(chosen, list(directory.towns.values()))
        rep.error(table.loc, f"镇街“{chosen}”不存在（--town）",
                  (f"是否想写“{guess}”？" if guess else "") + "可选：" + "、".join(directory.towns.values()))
    elif town and table.town and directory.town_id(table.town) != tid:
        rep.warning(table.loc, f"这个模板是为{directory.towns.get(table.town, table.town)}生成的，"
                               f"但导入时指定了 --town {chosen}；按 {chosen} 检查")
    return tid


def _plan(site: Site, schema, table: Table, directory: Directory, town: str | None, force: bool,
          rep: Reporter, header: dict) -> list[Change]:
    """The changes the sheet makes; `header` gets the header row and its columns, once known."""
    if table.kind and table.kind != schema.name and table.kind in SHEET_KINDS:
        rep.error(table.loc, f"这个文件是“{SHEET_KINDS[table.kind].label}”模板，不能作为“{schema.label}”导入",
                  f"导入命令的种类写 {table.kind}，或换用{schema.label}模板")
        return []
    header_row = find_header(schema, table, rep)
    if not rep.errors:
        check_merged(table, header_row, rep)
    if not rep.errors:
        mapping = map_header(schema, table, header_row, rep)
    if rep.errors:
        return []
    header.update(row=header_row, mapping=mapping)
    missing = missing_required(schema, mapping, town)
    records, new_rows = _validate_rows(site, schema, table, header_row, mapping, directory, town,
                                       bool(missing), rep)
    if missing and new_rows:
        # Updating existing records may leave out any column; a new record needs every required one.
        report_missing(table, header_row, missing, rep)
        return []
    by_key = _resolve(site, schema, records, rep)
    if town:
        _check_town(records, town, directory, rep)
    present = {c.name for c in mapping.values()} | ({"town"} if town and schema.field("town") else set())
    changes = _compare(site, schema, by_key, present, force, rep)
    _check_rules(site, schema, changes, table, rep)
    return changes


# ---------------------------------------------------------------- rows

def _validate_rows(site: Site, schema, table: Table, header_row: int, mapping: dict[int, Column],
                   directory: Directory, town: str | None, columns_missing: bool,
                   rep: Reporter) -> tuple[list[Record], int]:
    """Validate each non-blank row; returns the valid records and how many rows are new records.

    A column the sheet lacks is taken from the existing record with the same key, so a sheet of
    some columns (a public export, say) can update data/ without clearing the others.
    """
    town_col = next((col for col, c in mapping.items() if c.name == "town"), 0)
    present = {c.name for c in mapping.values()} | ({"town"} if town and schema.field("town") else set())
    existing_index = site.index[schema.name]
    records = []
    new_rows = 0
    for number, row in enumerate(table.rows[header_row:], start=header_row + 1):
        item = LocatedDict()
        item.line, item.lines = number, {}
        for col, column in mapping.items():
            value = row[col - 1] if col - 1 < len(row) else None
            item[column.name] = from_cell(column, value, directory, from_csv=table.from_csv)
            item.lines[column.name] = (number, col)
        if all(v is None for v in item.values()):
            continue  # a blank row, or one with only a 序号: nothing to import
        if town and schema.field("town") is not None and item.get("town") is None:
            item["town"] = town
            item.lines["town"] = (number, town_col)
        existing = existing_index.get(_row_key(schema, item, directory))
        if existing is None:
            new_rows += 1
            if columns_missing:
                continue  # reported once, at the header
        else:
            for name, value in existing.raw.items():
                if name not in present and value is not None:
                    item[name] = value
        row_loc = table.loc.at(number)
        waiting = [(name, next(v for v in values if is_placeholder(v))) for name, values in
                   ((name, cell if isinstance(cell, list) else [cell]) for name, cell in item.items())
                   if any(is_placeholder(v) for v in values)]
        for name, value in waiting:
            f = schema.field(name)
            rep.error(row_loc.at(item.lines[name]), f"{name}（{f.label}）：还没有填写（{value.strip()}）",
                      "导入前把它换成实际内容；暂时不知道的选填项就空着")
        if waiting:
            continue
        clean = validate_mapping(schema, item, row_loc, rep)
        if clean is not None:
            # lines name the cells that were filled in: writeback writes those, and leaves a
            # field the clerk left blank to its schema default, as a hand-written record would.
            filled = {name: cell for name, cell in item.lines.items() if item.get(name) is not None}
            records.append(Record(schema, clean, row_loc, filled))
    return records, new_rows


def _row_key(schema, item: dict, directory: Directory) -> str:
    """A row's record key before references are resolved (a town may be typed by name)."""
    parts = []
    for name in schema.key:
        value = item.get(name)
        if name == "town" and isinstance(value, str):
            value = directory.town_id(value) or value
        parts.append(str(value))
    return "/".join(parts)


def _resolve(site: Site, schema, records: list[Record], rep: Reporter) -> dict[str, Record]:
    """Resolve references against data/ as it is, then key the rows (duplicates are errors)."""
    errors_before = len(rep.errors)
    # data/ as it is loaded without errors, so no referenced record is "broken" (validate.py).
    no_broken = {kind: set() for kind in site.index}
    V.resolve_references({"towns": site.records["towns"], schema.name: records}, site.index, rep, no_broken)
    if len(rep.errors) != errors_before:
        unresolved = {d.loc.line for d in rep.errors[errors_before:]}
        records[:] = [r for r in records if r.loc.line not in unresolved]
    by_key: dict[str, Record] = {}
    for record in records:
        key = record.key
        if key in by_key:
            first = by_key[key]
            name = schema.key[0]
            rep.error(record.loc.at(record.lines.get(name, 0)),
                      f"重复的{schema.label}编号（duplicate id）“{key}”：第 {first.loc.line} 行已经用过",
                      "每条记录的编号必须唯一；请改用新的编号")
            continue
        by_key[key] = record
    return by_key


def _check_town(records: list[Record], town: str, directory: Directory, rep: Reporter) -> None:
    """With --town, every row must belong to that town: directly or through its enterprise."""
    name = directory.towns[town]
    for record in records:
        for field_name in ("town", "enterprise"):
            value = record.raw.get(field_name)
            if value is None:
                continue
            actual = value if field_name == "town" else directory.enterprises.get(value, ("", town))[1]
            if actual != town:
                what = "" if field_name == "town" else f"企业 {directory.enterprise_label(value)} "
                rep.error(record.loc.at(record.lines.get(field_name, 0)),
                          f"{what}属于{directory.towns.get(actual, actual)}，不属于{name}（--town）",
                          f"只导入{name}的记录：核对这一格，或去掉 --town")
                break


def _compare(site: Site, schema, by_key: dict[str, Record], present: set[str], force: bool,
             rep: Reporter) -> list[Change]:
    """Added, changed or unchanged, judged on the sheet's own columns only.

    A column the sheet does not have says nothing about a field: an export without the
    reporter column, imported back, leaves every reporter_ref in data/ as it was.
    """
    existing_index = site.index[schema.name]
    changes = []
    for key, record in by_key.items():
        existing = existing_index.get(key)
        if existing is None:
            changes.append(Change(ADDED, record))
            continue
        diff = tuple((f.name, existing.raw.get(f.name), record.raw.get(f.name)) for f in schema.fields
                     if f.name in present and existing.raw.get(f.name) != record.raw.get(f.name))
        if not diff:
            changes.append(Change(UNCHANGED, record, existing))
            continue
        merged = _merge(schema, existing, record, present, rep)
        if merged is None:
            continue
        changes.append(Change(CHANGED, merged, existing, diff))
        if not force:
            fields = "、".join(f"{schema.field(name).label}" for name, _old, _new in diff)
            rep.error(record.loc.at(record.lines.get(schema.key[0], 0)),
                      f"{schema.label}“{key}”已登记在 {existing.loc}，内容不同（{fields}）；不加 --force 不会覆盖",
                      "先用 --dry-run 看清改动；确认要以表格为准时再加 --force")
    return changes


def _merge(schema, existing: Record, record: Record, present: set[str], rep: Reporter) -> Record | None:
    """The existing record with the sheet's columns laid over it, checked again as one record."""
    item = LocatedDict()
    item.line, item.lines = record.loc.line, {}
    for f in schema.fields:
        source = record if f.name in present else existing
        if source.raw.get(f.name) is not None:
            item[f.name] = source.raw[f.name]
            item.lines[f.name] = record.lines.get(f.name, 0)
    clean = validate_mapping(schema, item, record.loc, rep)
    if clean is None:
        return None
    # Write what the sheet filled in plus what the YAML record already spelled out.
    written = {name: record.lines.get(name, 0) for name in item
               if name in record.lines or (name not in present and name in existing.lines)}
    merged = Record(schema, clean, record.loc, written)
    merged.links.update({name: link for name, link in existing.links.items() if name not in present})
    merged.links.update(record.links)
    return merged


def _check_rules(site: Site, schema, changes: list[Change], table: Table, rep: Reporter) -> None:
    """The build's rules over data/ as it would be after the import (listings, awards, contests…)."""
    replaced = {c.existing.key for c in changes if c.status == CHANGED}
    merged = [r for r in site.records[schema.name] if r.key not in replaced]
    merged += [c.record for c in changes if c.status != UNCHANGED]
    records = {**site.records, schema.name: merged}
    index = {**site.index, schema.name: {r.key: r for r in merged}}
    scratch = Reporter()
    V.check_rules(site.config, records, index, scratch)
    for diag in scratch.diagnostics:
        # Warnings about records the import does not touch are not this import's business.
        if diag.level == ERROR:
            rep.error(diag.loc, diag.message, diag.hint)
        elif isinstance(diag.loc, CellLoc) and diag.loc.path == table.loc.path:
            rep.warning(diag.loc, diag.message, diag.hint)
