"""The .xlsx template of a record kind: headers, comments, drop-downs and checks, all from the schema.

The same writer lays out an export (exporter.py adds the rows), so an exported sheet can be
filled in further and imported again with no difference in columns or formats.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from builder.schema.core import TYPE_LABEL, VISIBILITY_LABEL, Schema
from builder.sheets.cells import Directory, choices_for
from builder.sheets.columns import REQUIRED_MARK, Column, columns
from builder.sheets.location import column_letter
from builder.sheets.reader import MARK_PREFIX

LAST_ROW = 1048576                    # validations cover the whole column, as far as Excel goes
DATE_MIN, DATE_MAX = "36526", "73050"  # Excel serial numbers of 2000-01-01 and 2099-12-31
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FONT = Font(bold=True, color="C00000")
HEADER_FONT = Font(bold=True)
LISTS_SHEET = "选项"
GUIDE_SHEET = "填写说明"


def new_workbook(schema: Schema, cols: list[Column], directory: Directory, town: str | None,
                 purpose: str) -> tuple[Workbook, Worksheet]:
    """A workbook with the kind's data sheet laid out (no rows yet), its lists and its guide."""
    book = Workbook()
    sheet = book.active
    sheet.title = schema.label
    _header(sheet, cols)
    _validations(book, sheet, cols, directory, town)
    _guide(book, schema, cols, directory, town, purpose)
    book.properties.subject = MARK_PREFIX + schema.name      # import checks the kind with this
    book.properties.keywords = f"town={town}" if town else ""
    place = directory.towns.get(town, "全县") if town else "全县"
    book.properties.title = f"{schema.label}（{place}）{purpose}"
    book.properties.creator = "chabaocu"
    book.active = 0
    return book, sheet


def write_template(kind_schema: Schema, directory: Directory, out: Path, town: str | None = None) -> Path:
    """Write the template of one kind (for one town, or the county) to `out`."""
    book, _sheet = new_workbook(kind_schema, columns(kind_schema, "all"), directory, town, "模板")
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _header(sheet: Worksheet, cols: list[Column]) -> None:
    for index, column in enumerate(cols, start=1):
        cell = sheet.cell(row=1, column=index, value=column.header)
        cell.font = REQUIRED_FONT if column.field.required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        comment = Comment(column.comment(), "chabaocu")
        comment.width, comment.height = 320, 60 + 18 * column.comment().count("\n")
        cell.comment = comment
        letter = column_letter(index)
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.value_kind == "date" and not column.is_list:
            dimension.number_format = DATE_FORMAT
        elif column.text_format or column.is_list:
            dimension.number_format = "@"   # keep 0001 and 2016-03 as typed
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{column_letter(max(len(cols), 1))}1"


def _validations(book: Workbook, sheet: Worksheet, cols: list[Column], directory: Directory,
                 town: str | None) -> None:
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    list_col = 0
    for index, column in enumerate(cols, start=1):
        letter = column_letter(index)
        area = f"{letter}2:{letter}{LAST_ROW}"
        label = column.field.label
        options = choices_for(column, directory, town)
        if options:
            list_col += 1
            lists_letter = column_letter(list_col)
            lists.cell(row=1, column=list_col, value=label)
            for row, option in enumerate(options, start=2):
                lists.cell(row=row, column=list_col, value=option)
            name = f"list_{column.name}"
            book.defined_names[name] = DefinedName(
                name, attr_text=f"'{LISTS_SHEET}'!${lists_letter}$2:${lists_letter}${len(options) + 1}")
            # A ref may also be typed as a bare id or name, which import accepts: warn, don't block.
            style = "warning" if column.ref else "stop"
            rule = DataValidation(type="list", formula1=name, allow_blank=True, errorStyle=style,
                                  errorTitle=label, error=f"{label}：请从下拉列表中选择")
        elif column.is_list:
            continue
        elif column.value_kind == "date":
            rule = DataValidation(type="date", operator="between", formula1=DATE_MIN, formula2=DATE_MAX,
                                  allow_blank=True, errorTitle=label, error=f"{label}：请填写日期，例如 2016-03-05")
        elif column.value_kind in ("int", "number"):
            low = column.field.min if column.field.min is not None else -1e9
            high = column.field.max if column.field.max is not None else 1e12
            what = "整数" if column.value_kind == "int" else "数字"
            rule = DataValidation(type="whole" if column.value_kind == "int" else "decimal", operator="between",
                                  formula1=f"{low:g}", formula2=f"{high:.0f}", allow_blank=True, errorTitle=label,
                                  error=f"{label}：请填写{what}" + (f"（不小于 {low:g}）" if column.field.min is not None else ""))
        else:
            continue
        rule.showErrorMessage = True
        rule.add(area)
        sheet.add_data_validation(rule)


def _guide(book: Workbook, schema: Schema, cols: list[Column], directory: Directory, town: str | None,
           purpose: str) -> None:
    """A sheet that explains each column in words: the same docstrings as the header comments."""
    guide = book.create_sheet(GUIDE_SHEET)
    place = directory.towns.get(town, "全县") if town else "全县"
    lines = [
        f"{schema.label}{purpose}（{place}）",
        schema.doc,
        f"在“{schema.label}”工作表里一行填一条记录；列名后带 {REQUIRED_MARK} 的是必填列，不要改动第一行的列名。",
        "日期写成 2016-03-05；有下拉箭头的格子从列表里选；一格要写多个值时用“；”或换行分开。",
        f"填好后导入：chabaocu import {schema.name} 文件名.xlsx" + (f" --town {place}" if town else "")
        + "（先加 --dry-run 试一遍，不会写入任何文件）",
        "可见范围：公开 = 可上网站；手册 = 只印在督导手册；内部 = 永不输出（举报人、提出人代号）。",
    ]
    for row, text in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=text).font = Font(bold=row == 1, size=14 if row == 1 else 11)
    top = len(lines) + 2
    heads = ("列名", "字段", "必填", "类型", "可见范围", "说明", "可选值")
    for col, text in enumerate(heads, start=1):
        cell = guide.cell(row=top, column=col, value=text)
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row, column in enumerate(cols, start=top + 1):
        f = column.field
        options = choices_for(column, directory, town) if not column.ref else []
        values = (f.label, f.name, "必填" if f.required else "", TYPE_LABEL.get(column.value_kind, column.value_kind)
                  + ("（可多个）" if column.is_list else ""), VISIBILITY_LABEL[f.visibility], f.doc,
                  "、".join(map(str, options or column.choices)))
        for col, value in enumerate(values, start=1):
            guide.cell(row=row, column=col, value=value).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", (16, 20, 6, 16, 18, 50, 40), strict=True):
        guide.column_dimensions[letter].width = width
