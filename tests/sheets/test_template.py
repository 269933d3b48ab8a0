"""Templates: every column, comment, drop-down and check comes from the record schemas."""

from __future__ import annotations

import openpyxl
import pytest

from builder.schema.records import KINDS
from builder.sheets.columns import SHEET_KINDS
from builder.sheets.template import GUIDE_SHEET, LISTS_SHEET


def _validation(sheet, letter):
    rules = [dv for dv in sheet.data_validations.dataValidation if f"{letter}2:" in str(dv.sqref)]
    assert len(rules) == 1, letter
    return rules[0]


def _list(book, rule) -> list[str]:
    """The values a drop-down offers, read through its defined name as Excel would."""
    sheet_name, cells = book.defined_names[rule.formula1].attr_text.split("!")
    sheet = book[sheet_name.strip("'")]
    return [c.value for row in sheet[cells.replace("$", "")] for c in row]


@pytest.mark.parametrize("kind", sorted(SHEET_KINDS))
def test_every_kind_has_a_template_with_its_schema_fields(template, kind):
    book = openpyxl.load_workbook(template(kind))
    sheet = book.worksheets[0]
    schema = KINDS[kind]
    assert sheet.title == schema.label
    assert book.sheetnames == [schema.label, LISTS_SHEET, GUIDE_SHEET]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    headers = [c.value for c in sheet[1]]
    assert headers == [f.label + ("*" if f.required else "") for f in schema.fields]
    for cell, f in zip(sheet[1], schema.fields, strict=True):
        assert f.doc in cell.comment.text   # the field's docstring is the header's comment
    assert book.properties.subject == f"chabaocu:{kind}"


def test_hazard_template_drop_downs_and_checks(template, town_enterprises):
    book = openpyxl.load_workbook(template("hazards", "索镇镇"))
    sheet = book.worksheets[0]
    letters = {str(c.value).rstrip("*"): c.column_letter for c in sheet[1]}
    assert _list(book, _validation(sheet, letters["六查类别"])) == ["C1", "C2", "C3", "C4", "C5", "C6"]
    assert _list(book, _validation(sheet, letters["隐患等级"])) == ["一般", "重大"]
    assert _list(book, _validation(sheet, letters["状态"]))[:3] == ["待整改", "整改中", "待验收"]
    assert _list(book, _validation(sheet, letters["整改层级"])) == ["个人岗位", "班组", "车间", "企业", "挂牌督办"]
    # enterprises of the town only, as "编号 名称"
    enterprises = _validation(sheet, letters["企业"])
    assert _list(book, enterprises) == [f"{eid} {name}" for eid, name in town_enterprises(0)]
    assert enterprises.errorStyle == "warning"  # a bare id typed by hand is accepted by import
    date = _validation(sheet, letters["排查日期"])
    assert (date.type, date.operator, date.formula1, date.formula2) == ("date", "between", "36526", "73050")
    money = _validation(sheet, letters["整改资金（元）"])
    assert (money.type, money.formula1) == ("decimal", "0")
    assert sheet.column_dimensions[letters["排查日期"]].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions[letters["编号"]].number_format == "@"
    assert book.properties.keywords == "town=suozhen"
    comment = sheet[f"{letters['报告人代号']}1"].comment.text
    assert "内部（永不输出）" in comment and "举报人受法律保护" in comment


def test_town_drop_down_and_whole_number_checks(template):
    book = openpyxl.load_workbook(template("monthly_reports"))
    sheet = book.worksheets[0]
    letters = {str(c.value).rstrip("*"): c.column_letter for c in sheet[1]}
    assert _list(book, _validation(sheet, letters["镇街"])) == ["索镇镇", "起凤镇", "马桥镇"]
    found = _validation(sheet, letters["发现隐患（累计）"])
    assert (found.type, found.operator, found.formula1) == ("whole", "between", "0")
    eight = openpyxl.load_workbook(template("eight_ones")).worksheets[0]
    item = _validation(eight, "D")
    assert (item.type, item.formula1, item.formula2) == ("whole", "1", "8")


def test_guide_sheet_explains_every_column(template):
    guide = openpyxl.load_workbook(template("drills", "马桥镇"))[GUIDE_SHEET]
    text = "\n".join(str(v) for row in guide.iter_rows(values_only=True) for v in row if v)
    assert "chabaocu import drills 文件名.xlsx --town 马桥镇" in text
    for f in KINDS["drills"].fields:
        assert f.doc in text
