"""Reading a clerk's spreadsheet: .xlsx (xlsxread.py), or CSV in UTF-8 (BOM or not) or GBK/GB18030.

The result is plain rows with their spreadsheet row numbers, the merged ranges, and what the
template wrote into the workbook's properties; deciding what the rows mean is importer.py's job.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from builder.sheets import xlsxread
from builder.sheets.location import CellLoc
from builder.textio import MAX_FILE_BYTES

SKIPPED_SHEETS = ("填写说明", "选项")
MARK_PREFIX = "chabaocu:"   # workbook subject written by template.py: chabaocu:<kind>


class SheetError(Exception):
    """The file cannot be read as a table at all; carries a location and a Chinese message."""

    def __init__(self, loc: CellLoc, message: str, hint: str = ""):
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


@dataclass(frozen=True)
class MergedRange:
    ref: str        # as Excel shows it, e.g. G1:H1
    min_row: int
    min_col: int
    max_row: int
    max_col: int


@dataclass
class Table:
    """One sheet as rows of values; rows[i] is spreadsheet row i + 1."""

    loc: CellLoc                               # the file (and sheet), no cell
    rows: list[tuple] = field(default_factory=list)
    merged: list[MergedRange] = field(default_factory=list)
    kind: str | None = None                    # the record kind a template was made for
    town: str | None = None                    # the town a template was made for
    from_csv: bool = False


def read_table(path: Path, display: str, preferred_sheet: str | None = None) -> Table:
    """Read the sheet to import from an .xlsx or .csv file; raise SheetError if impossible."""
    base = CellLoc(display)
    if not path.is_file():
        raise SheetError(base, "找不到这个文件", "检查文件名和所在文件夹；文件名含空格时请用引号括起来")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise SheetError(base, f"文件过大，超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 上限", "请按镇街或月份拆成几个文件分别导入")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        return _read_csv(path, base)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, base, preferred_sheet)
    if suffix in (".xls", ".et", ".wps"):
        raise SheetError(base, f"不支持旧版表格格式 {suffix}", "请在 Excel 或 WPS 里“另存为” Excel 工作簿（.xlsx），再导入")
    raise SheetError(base, f"不认识的文件类型 {suffix or '（没有扩展名）'}", "只能导入 .xlsx 或 .csv 文件")


def _read_xlsx(path: Path, base: CellLoc, preferred_sheet: str | None) -> Table:
    try:
        with zipfile.ZipFile(path) as archive:
            book = xlsxread.open_workbook(archive)
            sheet = _pick_sheet(book.sheets, preferred_sheet)
            if sheet is None:
                raise SheetError(base, "工作簿里没有可导入的工作表", "把数据放在第一个工作表里")
            rows, merged_refs = xlsxread.read_sheet(archive, book, sheet)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, ParseError) as exc:
        raise SheetError(base, f"无法读取这个 Excel 文件（{type(exc).__name__}）",
                         "文件可能已损坏或不是 .xlsx：请用 Excel/WPS 打开后“另存为” .xlsx 再导入") from None
    kind = book.subject[len(MARK_PREFIX):] if book.subject.startswith(MARK_PREFIX) else None
    town = book.keywords[len("town="):] if book.keywords.startswith("town=") else None
    merged = sorted((_merged(ref) for ref in merged_refs if ":" in ref), key=lambda m: (m.min_row, m.min_col))
    return Table(CellLoc(base.path, sheet=sheet.name), rows, merged, kind, town or None)


def _merged(ref: str) -> MergedRange:
    first, last = (xlsxread.cell_position(part) for part in ref.split(":"))
    return MergedRange(ref, first[0], first[1], last[0], last[1])


def _pick_sheet(sheets: list, preferred: str | None):
    """The kind's own sheet when it is there, else the first visible sheet that is not ours."""
    for sheet in sheets:
        if preferred and sheet.name == preferred:
            return sheet
    for sheet in sheets:
        if sheet.visible and sheet.name not in SKIPPED_SHEETS:
            return sheet
    return None


def decode_csv(data: bytes, base: CellLoc) -> str:
    """UTF-8 with or without BOM, UTF-16 with BOM, else GB18030 (which reads every GBK file)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        raise SheetError(base.at(row), "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）",
                         "请在 Excel 里“另存为” CSV UTF-8（逗号分隔），或直接导入 .xlsx") from None


def _read_csv(path: Path, base: CellLoc) -> Table:
    text = decode_csv(path.read_bytes(), base)
    sample = text[:4096]
    # Excel saves "Unicode text" with tabs and some WPS versions use semicolons.
    delimiter = max((",", "\t", ";"), key=lambda d: sample.split("\n", 1)[0].count(d))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [tuple(row) for row in reader]
    except csv.Error as exc:
        raise SheetError(base.at(reader.line_num), f"CSV 格式错误（{exc}）", "检查这一行的引号是否成对") from None
    return Table(base, rows, from_csv=True)
