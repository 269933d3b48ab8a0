"""Every column of every kind: a wrong cell is named by its letter and the clerk's own header.

The sheets are built from a real record of each kind in tests/examples/basic, with the
columns in reverse order (so a letter never matches the template's), headers written as the
clerk may write them (with or without the required mark), and one cell made wrong at a time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from builder.diagnostics import ERROR
from builder.pipeline import site_model
from builder.sheets.cells import Directory, to_cell
from builder.sheets.columns import SHEET_KINDS, Column, columns
from builder.sheets.importer import import_sheet
from builder.sheets.location import column_letter

REPO = Path(__file__).resolve().parents[2]

# A value each kind of cell cannot hold. A text column can hold anything, so it gets the
# placeholder TODO (refused by import) when optional, and is left empty when required.
WRONG = {"int": "十二", "number": "一千", "date": "2016-02-30", "month": "2016-13", "bool": "也许",
         "enum": "不存在的选项", "ref": "不存在的编号"}


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("sheets") / "site"
    shutil.copytree(REPO / "tests" / "examples" / "basic", root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    return root


@pytest.fixture(scope="module")
def model(basic_site):
    return site_model(basic_site)


def _wrong(column: Column):
    kind = column.value_kind
    if kind in WRONG:
        return WRONG[kind]
    return None if column.field.required else "TODO"


def _sheet(cols: list[Column], values: dict, headers: dict, out: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for index, column in enumerate(cols, 1):
        sheet.cell(row=1, column=index, value=headers[column.name])
        value = values.get(column.name)
        if value is not None:
            sheet.cell(row=2, column=index, value=value)
    book.save(out)
    return out


def cases():
    for kind, schema in sorted(SHEET_KINDS.items()):
        for column in columns(schema):
            yield pytest.param(kind, column.name, id=f"{kind}.{column.name}")


@pytest.mark.parametrize(("kind", "name"), list(cases()))
def test_a_wrong_cell_names_its_column_by_letter_and_header(kind, name, basic_site, model, tmp_path):
    schema = SHEET_KINDS[kind]
    cols = list(reversed(columns(schema)))
    record = model.records[kind][0]
    directory = Directory.from_records(model.records)
    values = {c.name: to_cell(c, record.raw.get(c.name), directory) for c in cols if record.raw.get(c.name) is not None}
    # Alternate how the clerk wrote the headers: label with the required mark, label without it.
    headers = {c.name: c.header if i % 2 else c.field.label for i, c in enumerate(cols)}
    target = next(c for c in cols if c.name == name)
    values[name] = _wrong(target)
    path = _sheet(cols, values, headers, tmp_path / f"{kind}.xlsx")

    result = import_sheet(basic_site, kind, path, dry_run=True, display=path.name)

    errors = [d for d in result.diagnostics if d.level == ERROR]
    letter = column_letter(cols.index(target) + 1)
    assert len(errors) == 1, [str(d) for d in result.diagnostics]
    error = errors[0]
    assert (error.loc.line, error.loc.col) == (2, cols.index(target) + 1), str(error)
    assert str(error).startswith(f"{path.name}:Sheet!{letter}2: 错误: 列 {letter}「")
    assert error.message.startswith(f"列 {letter}「{target.field.label}」"), str(error)
    assert f"{name}（" not in error.message, "the field's YAML name is not the clerk's word for the column"


def test_a_list_cell_names_the_item(basic_site, model, tmp_path):
    schema = SHEET_KINDS["golden_ideas"]
    cols = columns(schema)
    record = model.records["golden_ideas"][0]
    directory = Directory.from_records(model.records)
    values = {c.name: to_cell(c, record.raw.get(c.name), directory) for c in cols if record.raw.get(c.name) is not None}
    values["protects"] = "保自身安全；保大家安全"
    path = _sheet(cols, values, {c.name: c.header for c in cols}, tmp_path / "ideas.xlsx")
    result = import_sheet(basic_site, "golden_ideas", path, dry_run=True, display="ideas.xlsx")
    letter = column_letter([c.name for c in cols].index("protects") + 1)
    assert [d.message for d in result.diagnostics if d.level == ERROR] == [
        f"列 {letter}「四保」第 2 项：“保大家安全”不是四保的可选值"]
