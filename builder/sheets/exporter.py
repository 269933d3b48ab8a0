"""Export: a kind's records, as far as the profile allows, plus the statistics tables, as .xlsx.

Visibility (docs/spreadsheets.md): --profile public carries only public fields; internal adds
the handbook fields; `internal` fields (reporter and author pseudonyms) are never exported,
with no flag to change that. Records are read through record.view(), so a column the profile
may not show fails loudly instead of leaking, and the public export leaves out the records
the website leaves out (builder.render.public_records: works without the author's consent). The statistics are the very tables the website
shows and publishes as open data (builder/views/*), so an export and the site always agree.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from pathlib import Path

from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from builder.diagnostics import ERROR, BuildFailed, Diagnostic, Loc
from builder.model import Record, Site
from builder.pipeline import site_model
from builder.render import public_records
from builder.sheets.cells import Directory, to_cell
from builder.sheets.columns import SHEET_KINDS, Column, columns
from builder.sheets.location import column_letter
from builder.sheets.template import DATE_FORMAT, HEADER_FILL, HEADER_FONT, new_workbook
from builder.tables import DATE, INT, PCT, Table

PROFILES = {"public": ("public", "公开"), "internal": ("handbook", "内部（含手册级字段）")}

# The website section whose tables belong with each kind's records.
SECTION_OF_KIND = {
    "enterprises": None, "hazards": "hazards", "listings": "hazards",
    "trainings": "training", "training_coverage": "training", "drills": "training",
    "golden_ideas": "activities", "contests": "honours", "contest_results": "honours",
    "model_teams": "honours", "pacesetters": "honours", "awards": "honours",
    "eight_ones": "culture", "family_culture": "culture", "works": "culture",
    "visits": "supervision", "county_rounds": "supervision", "monthly_reports": "supervision",
    "disqualifications": "supervision",
}
STATS_SHEET = "统计"


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    records: int
    columns: tuple[str, ...]
    tables: int


def export_kind(root: Path, kind: str, out: Path, *, profile: str = "public", town: str | None = None,
                as_of: dt.date | None = None, progress=None) -> ExportResult:
    """Write `kind`'s records (of one town, or all) and the statistics to `out`.

    `progress` (builder.progress) shows reading the site, which takes a while for a big ledger."""
    schema = SHEET_KINDS[kind]
    site = site_model(root, as_of=as_of, progress=progress)
    directory = Directory.from_records(site.records)
    visibility, label = PROFILES[profile]
    cols = columns(schema, profile)
    town_id = directory.town_id(town) if town else None
    if town and town_id is None:
        raise BuildFailed([Diagnostic(Loc("--town"), ERROR, f"镇街“{town}”不存在",
                                      "可选：" + "、".join(directory.towns.values()))])
    # The site's own rule for which records may be shown (works without the author's consent
    # are left out of anything public), then the town.
    records = [r for r in public_records(site, visibility)[kind] if town_id is None or _town_of(r, directory) == town_id]
    note = f"可见范围：{label}。不含举报人、提出人等内部字段。"
    if profile == "public" and not schema.published:
        records = []  # ledgers are published as totals only; the statistics sheet carries them
        note += f"{schema.label}明细不公开，公开版只含统计表。"
    book, sheet = new_workbook(schema, cols, directory, town_id, f"导出（{label}，统计截止 {site.config.as_of}）")
    book.properties.description = note
    for row, record in enumerate(records, start=2):
        _write_row(sheet, row, cols, record, directory)
    sheet.auto_filter.ref = f"A1:{column_letter(max(len(cols), 1))}{len(records) + 1}"
    tables = _tables(site, kind, town_id)
    _write_tables(book.create_sheet(STATS_SHEET, 1), tables, site.config.as_of)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return ExportResult(out, len(records), tuple(c.name for c in cols), len(tables))


def _town_of(record: Record, directory: Directory) -> str | None:
    if record.raw.get("town"):
        return record.raw["town"]
    enterprise = record.raw.get("enterprise")
    return directory.enterprises.get(enterprise, (None, None))[1] if enterprise else None


def _write_row(sheet: Worksheet, row: int, cols: list[Column], record: Record, directory: Directory) -> None:
    for index, column in enumerate(cols, start=1):
        getattr(record, column.name)  # raises VisibilityError if this profile may not show the field
        value = to_cell(column, record.raw.get(column.name), directory)  # ids, not linked records
        cell = sheet.cell(row=row, column=index, value=value)
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        elif column.text_format or column.is_list:
            cell.number_format = "@"
        if column.value_kind == "text" or column.is_list:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _tables(site: Site, kind: str, town: str | None) -> list[Table]:
    """The public statistics tables to hand on with `kind`: the towns overview, then its section."""
    towns = importlib.import_module("builder.views.towns")
    tables = [towns.index(site, "public")["overview"]]
    if town:
        tables += towns.town(site, "public", town)["tables"]
    section = SECTION_OF_KIND.get(kind)
    if section:
        tables += importlib.import_module(f"builder.views.{section}").build(site, "public")["tables"]
    return [t for t in tables if t.rows]


def _write_tables(sheet: Worksheet, tables: list[Table], as_of: dt.date) -> None:
    sheet.cell(row=1, column=1, value=f"统计表（截至 {as_of.isoformat()}）").font = Font(bold=True, size=14)
    sheet.cell(row=2, column=1, value="与网站“数据”栏目和开放数据下载中的表格是同一组数字。")
    row = 4
    widths: dict[int, int] = {}
    for table in tables:
        sheet.cell(row=row, column=1, value=table.caption).font = Font(bold=True, size=12)
        row += 1
        for col, column in enumerate(table.columns, start=1):
            cell = sheet.cell(row=row, column=col, value=column.label)
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
            widths[col] = max(widths.get(col, 8), 2 * len(column.label) + 2)
        for values in (*table.rows, *((table.total,) if table.total else ())):
            row += 1
            for col, (column, value) in enumerate(zip(table.columns, values, strict=True), start=1):
                _table_cell(sheet, row, col, column.kind, value)
            if values is table.total:
                for col in range(1, len(table.columns) + 1):
                    sheet.cell(row=row, column=col).font = HEADER_FONT
        if table.note:
            row += 1
            sheet.cell(row=row, column=1, value="注：" + table.note)
        row += 2
    for col, width in widths.items():
        sheet.column_dimensions[column_letter(col)].width = min(width, 40)


def _table_cell(sheet: Worksheet, row: int, col: int, kind: str, value) -> None:
    if value is None:
        sheet.cell(row=row, column=col, value="—")
        return
    if kind == PCT:
        cell = sheet.cell(row=row, column=col, value=value / 100)  # tables hold 95.3 for 95.3%
        cell.number_format = "0.0%"
    elif kind == DATE and isinstance(value, dt.date):
        sheet.cell(row=row, column=col, value=value).number_format = DATE_FORMAT
    elif kind == INT:
        sheet.cell(row=row, column=col, value=value).number_format = "#,##0"
    else:
        sheet.cell(row=row, column=col, value=str(value))
