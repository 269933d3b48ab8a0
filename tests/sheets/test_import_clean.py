"""A clean town ledger of a few hundred rows: imported, written, loaded back identically."""

from __future__ import annotations

import datetime as dt

import openpyxl

from builder.diagnostics import Reporter
from builder.pipeline import prepare
from builder.sheets.changes import ADDED, UNCHANGED
from builder.sheets.importer import import_sheet
from builder.sheets.writeback import import_path


def test_clean_ledger_of_300_rows_is_imported_and_loads_back_identically(ledger_site, template, fill_sheet,
                                                                          hazard_rows, tmp_path):
    rows = hazard_rows(300)
    sheet = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "索镇隐患台账.xlsx")
    result = import_sheet(ledger_site, "hazards", sheet, display="索镇隐患台账.xlsx")
    assert result.diagnostics == []
    assert result.town == "suozhen"  # the template remembers its town
    assert result.count(ADDED) == 300
    assert result.written == [import_path("hazards", "suozhen")] == ["data/hazards/import-suozhen.yaml"]

    site, _assets = prepare(ledger_site, Reporter())
    hazards = {r.key: r.raw for r in site.records["hazards"]}
    assert len(hazards) == 300
    first, third = hazards["YH-2016-SU-0001"], hazards["YH-2016-SU-0003"]
    assert first["enterprise"] == "QY-0001"
    assert first["found_on"] == rows[0]["排查日期"].date()
    assert first["reporter_ref"] == rows[0]["报告人代号"]   # data/ keeps the pseudonym; exports never do
    assert first["domain"] == "安全生产"                    # left blank: the schema default
    assert third["status"] == "已销号"
    assert third["measures"] == "加装防护罩；\n组织班组培训"
    assert third["funds_cny"] == 820 and isinstance(third["funds_cny"], int)
    assert third["closed_on"] == (rows[2]["排查日期"] + dt.timedelta(days=12)).date()


def test_importing_the_same_ledger_again_changes_nothing(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    sheet = fill_sheet(template("hazards", "索镇镇"), hazard_rows(40), tmp_path / "台账.xlsx")
    import_sheet(ledger_site, "hazards", sheet)
    written = (ledger_site / "data/hazards/import-suozhen.yaml").read_text(encoding="utf-8")
    again = import_sheet(ledger_site, "hazards", sheet)
    assert again.ok and again.count(UNCHANGED) == 40 and again.count(ADDED) == 0
    assert again.written == []
    assert (ledger_site / "data/hazards/import-suozhen.yaml").read_text(encoding="utf-8") == written


def test_a_second_month_is_merged_by_id_into_the_same_file(ledger_site, template, fill_sheet, hazard_rows,
                                                           tmp_path):
    rows = hazard_rows(60)
    january = fill_sheet(template("hazards", "索镇镇"), rows[:30], tmp_path / "1月.xlsx")
    both = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "2月.xlsx")
    import_sheet(ledger_site, "hazards", january)
    result = import_sheet(ledger_site, "hazards", both)
    assert (result.count(ADDED), result.count(UNCHANGED)) == (30, 30)
    text = (ledger_site / "data/hazards/import-suozhen.yaml").read_text(encoding="utf-8")
    assert text.count("- id: ") == 60
    assert text.index("YH-2016-SU-0030") < text.index("YH-2016-SU-0031")  # appended at the end


def test_dry_run_lists_the_plan_and_writes_nothing(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    sheet = fill_sheet(template("hazards", "索镇镇"), hazard_rows(25), tmp_path / "台账.xlsx")
    before = sorted(p.relative_to(ledger_site) for p in (ledger_site / "data").rglob("*"))
    result = import_sheet(ledger_site, "hazards", sheet, dry_run=True)
    assert result.ok and result.count(ADDED) == 25 and result.written == []
    assert sorted(p.relative_to(ledger_site) for p in (ledger_site / "data").rglob("*")) == before


HAND_WRITTEN = """\
# 索镇镇隐患台账（手工录入）
- id: YH-2016-SU-0001
  enterprise: QY-0001
  found_on: 2016-01-05
  source: 职工排查
  reporter_ref: R-0009   # 举报人代号，不公开
  category: C3
  description: 配电箱门未关闭
  grade: 一般
  status: 待整改

# 二月
- id: YH-2016-SU-0002
  enterprise: QY-0002
  found_on: 2016-02-01
  source: 企业自查
  category: C1
  description: 安全制度未上墙
  grade: 一般
  status: 待整改
"""


def test_force_rewrites_only_that_record_where_it_lives(ledger_site, template, fill_sheet, tmp_path):
    (ledger_site / "data/hazards").mkdir()
    (ledger_site / "data/hazards/suozhen.yaml").write_text(HAND_WRITTEN, encoding="utf-8")
    row = {"编号": "YH-2016-SU-0001", "企业": "QY-0001", "排查日期": dt.datetime(2016, 1, 5), "排查来源": "职工排查",
           "六查类别": "C3", "隐患描述": "配电箱门未关闭", "隐患等级": "一般", "状态": "核实不属实"}
    blank = template("hazards", "索镇镇")
    book = openpyxl.load_workbook(blank)
    book.worksheets[0].delete_cols(6)   # the clerk's copy has no 报告人代号 column
    book.save(blank)
    sheet = fill_sheet(blank, [row], tmp_path / "改.xlsx")
    dry = import_sheet(ledger_site, "hazards", sheet, dry_run=True, force=True)
    assert [c.diff for c in dry.changes] == [(("status", "待整改", "核实不属实"),)]
    result = import_sheet(ledger_site, "hazards", sheet, force=True)
    assert result.ok and result.written == ["data/hazards/suozhen.yaml"]
    # The sheet has no reporter column: the reporter_ref stays; the comment on its line goes with
    # the rewritten record, every other line of the file is untouched.
    assert (ledger_site / "data/hazards/suozhen.yaml").read_text(encoding="utf-8") == HAND_WRITTEN.replace(
        "  reporter_ref: R-0009   # 举报人代号，不公开\n", "  reporter_ref: R-0009\n").replace(
        "  status: 待整改\n\n# 二月", "  status: 核实不属实\n\n# 二月")
