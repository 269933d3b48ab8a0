"""Cells ↔ values: only what a spreadsheet adds is unwrapped; judging values is the schema's job."""

import datetime as dt

from builder.schema.records import GOLDEN_IDEAS, HAZARDS, MONTHLY_REPORTS, TRAININGS
from builder.sheets.cells import Directory, choices_for, from_cell, to_cell
from builder.sheets.columns import Column

DIRECTORY = Directory({"suozhen": "索镇镇", "qifeng": "起凤镇"},
                      {"QY-0001": ("桓台示例化工有限公司", "suozhen"), "QY-0002": ("桓台示例机械有限公司", "qifeng")})


def col(schema, name):
    return Column(schema.field(name))


def test_excel_numbers_dates_and_blanks():
    assert from_cell(col(HAZARDS, "funds_cny"), 1200.0, DIRECTORY) == 1200
    assert from_cell(col(HAZARDS, "funds_cny"), 1200.5, DIRECTORY) == 1200.5
    assert from_cell(col(HAZARDS, "found_on"), dt.datetime(2016, 3, 5), DIRECTORY) == dt.date(2016, 3, 5)
    assert from_cell(col(HAZARDS, "id"), 17.0, DIRECTORY) == "17"
    assert from_cell(col(HAZARDS, "description"), "  ", DIRECTORY) is None
    assert from_cell(col(HAZARDS, "description"), "第一行\r\n第二行", DIRECTORY) == "第一行\n第二行"


def test_month_cells_excel_turned_into_dates():
    month = col(MONTHLY_REPORTS, "month")
    assert from_cell(month, dt.datetime(2016, 3, 1), DIRECTORY) == "2016-03"
    assert from_cell(month, dt.datetime(2016, 3, 15), DIRECTORY) == "2016-03-15"  # not a month: the schema says so


def test_enterprise_from_the_drop_down_or_by_id_or_name():
    enterprise = col(HAZARDS, "enterprise")
    assert from_cell(enterprise, "QY-0001 桓台示例化工有限公司", DIRECTORY) == "QY-0001"
    assert from_cell(enterprise, "QY-0001", DIRECTORY) == "QY-0001"
    assert from_cell(enterprise, "桓台示例机械有限公司", DIRECTORY) == "QY-0002"
    assert from_cell(enterprise, "QY-0999 某公司", DIRECTORY) == "QY-0999 某公司"  # left for the reference check
    assert to_cell(enterprise, "QY-0002", DIRECTORY) == "QY-0002 桓台示例机械有限公司"


def test_csv_slash_dates_as_excel_writes_them():
    found = col(HAZARDS, "found_on")
    assert from_cell(found, "2016/3/5", DIRECTORY, from_csv=True) == "2016-03-05"
    assert from_cell(found, "2016/3/5", DIRECTORY) == "2016/3/5"  # in a workbook, the schema warns


def test_list_cells_split_and_join_back():
    protects = col(GOLDEN_IDEAS, "protects")
    assert from_cell(protects, "保自身安全；保他人安全", DIRECTORY) == ["保自身安全", "保他人安全"]
    assert from_cell(protects, "保自身安全、保他人安全, 保设备安全", DIRECTORY) == ["保自身安全", "保他人安全", "保设备安全"]
    topics = col(TRAININGS, "topics")
    assert from_cell(topics, "岗位责任、抵制三违；应急自救", DIRECTORY) == ["岗位责任、抵制三违", "应急自救"]
    for value in (["岗位责任", "应急自救"], ["含；分号的题目", "第二项"]):
        assert from_cell(topics, to_cell(topics, value, DIRECTORY), DIRECTORY) == value


def test_yes_no_and_drop_down_lists():
    adopted = col(GOLDEN_IDEAS, "adopted")
    assert to_cell(adopted, True, DIRECTORY) == "是" and to_cell(adopted, False, DIRECTORY) == "否"
    assert choices_for(adopted, DIRECTORY, None) == ["是", "否"]
    assert choices_for(col(HAZARDS, "enterprise"), DIRECTORY, "qifeng") == ["QY-0002 桓台示例机械有限公司"]
    assert choices_for(col(MONTHLY_REPORTS, "town"), DIRECTORY, None) == ["索镇镇", "起凤镇"]
    assert choices_for(col(GOLDEN_IDEAS, "protects"), DIRECTORY, None) == []  # several values: no drop-down
