"""The header of a clerk's sheet: which row it is, which field each column is, and merged cells.

A title row may sit above the header, and columns may come in any order, carry a 序号, or
be named by field name instead of label; what cannot be imported safely is an error here,
before any row is read.
"""

from __future__ import annotations

import re

from builder.diagnostics import Diagnostic, Reporter
from builder.schema.core import did_you_mean
from builder.sheets.cells import is_blank
from builder.sheets.columns import IGNORED_HEADERS, REQUIRED_MARK, Column, header_index, normalise_header
from builder.sheets.location import CellLoc, column_letter
from builder.sheets.reader import Table

HEADER_SEARCH_ROWS = 10


def _known(index: dict[str, Column], cell) -> Column | None:
    if is_blank(cell):
        return None
    text = normalise_header(cell)
    return index.get(text) or index.get(text.lower())


def find_header(schema, table: Table, rep: Reporter) -> int:
    """The header row: the first row mostly made of known column names (a title row may sit above)."""
    index = header_index(schema)
    for number, row in enumerate(table.rows[:HEADER_SEARCH_ROWS], start=1):
        texts = [c for c in row if not is_blank(c)]
        hits = sum(_known(index, c) is not None for c in texts)
        if hits and hits * 2 >= len(texts):
            return number
    example = "、".join(list(dict.fromkeys(c.header for c in index.values()))[:4])
    rep.error(table.loc.at(1), f"找不到表头（列名）行：前 {HEADER_SEARCH_ROWS} 行里没有“{schema.label}”的列名",
              f"第一行应是列名，例如 {example}；请用 chabaocu template 生成的模板填写")
    return 0


def map_header(schema, table: Table, number: int, rep: Reporter) -> dict[int, Column]:
    """Each header cell → its field; unknown names are warnings, a column named twice an error."""
    index = header_index(schema)
    row = table.rows[number - 1]
    mapping: dict[int, Column] = {}
    seen: dict[str, int] = {}
    for col, cell in enumerate(row, start=1):
        loc = table.loc.cell(number, col)
        if is_blank(cell):
            continue
        column = _known(index, cell)
        if column is None:
            if normalise_header(cell) in IGNORED_HEADERS:
                continue
            guess = did_you_mean(normalise_header(cell), [c.field.label for c in index.values()])
            rep.warning(loc, f"不认识的列名“{cell}”，这一列不导入",
                        f"是否想写“{guess}”？" if guess else "列名要与模板一致；可用 chabaocu template 重新生成模板")
            continue
        if column.name in seen:
            first = f"{column_letter(seen[column.name])}{number}"
            rep.error(loc, f"列“{column.field.label}”出现了两次（{first} 和 {column_letter(col)}{number}）",
                      "删除重复的一列，每个字段只能有一列")
            continue
        seen[column.name] = col
        mapping[col] = column
    return mapping


def missing_required(schema, mapping: dict[int, Column], town: str | None) -> list[Column]:
    """Required columns the sheet lacks (town is filled in by --town)."""
    present = {c.name for c in mapping.values()}
    return [c for c in {c.name: c for c in header_index(schema).values()}.values()
            if c.field.required and c.name not in present and not (c.name == "town" and town)]


def report_missing(table: Table, header_row: int, missing: list[Column], rep: Reporter) -> None:
    for column in missing:
        f = column.field
        rep.error(table.loc.at(header_row), f"缺少必填列“{f.label}”（{f.name}）", f"在表头加一列“{column.header}”。{f.doc}")


def check_merged(table: Table, header_row: int, rep: Reporter) -> None:
    """Merged cells hide values: in the header a column loses its name, below it a cell its value."""
    for merged in table.merged:
        if merged.max_row < header_row:
            continue  # a title above the header
        loc = table.loc.cell(merged.min_row, merged.min_col)
        if merged.min_row <= header_row:
            rep.error(loc, f"表头有合并单元格 {merged.ref}（merged cells）：每一列必须有自己的列名",
                      "选中这些单元格，取消“合并后居中”，再给每一列写上列名；最好用 chabaocu template 生成的模板")
        else:
            rep.error(loc, f"数据区有合并单元格 {merged.ref}（merged cells）：合并后只有左上角一格有值，其余单元格会被当作空白",
                      "取消合并，并在每一格里都填上值")


def column_title(table: Table, header_row: int, col: int) -> str:
    """A column as the clerk sees it: its letter and the header text in their own sheet, e.g.
    列 D「排查日期」 (the required mark and surrounding spaces left off)."""
    row = table.rows[header_row - 1] if 0 < header_row <= len(table.rows) else ()
    text = str(row[col - 1]).strip() if col - 1 < len(row) and not is_blank(row[col - 1]) else ""
    for mark in (REQUIRED_MARK, "(必填)", "（必填）"):
        text = text.removesuffix(mark).strip()
    return f"列 {column_letter(col)}「{text}」" if text else f"列 {column_letter(col)}"


def name_columns(diagnostics: list[Diagnostic], table: Table, header_row: int,
                 mapping: dict[int, Column]) -> list[Diagnostic]:
    """Every problem in a cell below the header names its column by letter and header text.

    The schema engine names a field as `found_on（排查日期）`, which is how a YAML file spells
    it; in a sheet the clerk knows the column by its letter and by the header they typed, in
    whatever order they put the columns. The field's own name is replaced, or the column put
    in front of the message.
    """
    out = []
    for d in diagnostics:
        loc = d.loc
        if not (isinstance(loc, CellLoc) and loc.path == table.loc.path and loc.col and loc.line > header_row):
            out.append(d)
            continue
        title = column_title(table, header_row, loc.col)
        column = mapping.get(loc.col)
        message = d.message
        if column is not None:
            f = column.field
            if message == f"必填字段 {f.name}（{f.label}）是空的":
                message = f"{title}是必填列，这一格不能空着"
                out.append(Diagnostic(loc, d.level, message, d.hint))
                continue
            item = re.match(rf"{re.escape(f.name)}\[(\d+)\]（[^）]*）：", message)
            if item:
                message = f"{title}第 {item.group(1)} 项：" + message[item.end():]
            else:
                message = f"{title}：" + message.removeprefix(f"{f.name}（{f.label}）：")
        else:
            message = f"{title}：{message}"
        out.append(Diagnostic(loc, d.level, message, d.hint))
    return out
