"""template → filled → import → export loses nothing and changes nothing; export → import is a no-op."""

from __future__ import annotations

import datetime as dt

import openpyxl

from builder.sheets.changes import ADDED, UNCHANGED
from builder.sheets.exporter import export_kind
from builder.sheets.importer import import_sheet


def _sheet_rows(path) -> tuple[list[str], list[dict]]:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    labels = [str(h).rstrip("*") for h in rows[0]]
    return labels, [dict(zip(labels, r, strict=True)) for r in rows[1:]]


def _same(filled, exported) -> bool:
    if isinstance(filled, dt.datetime):
        filled = filled.date()
    if isinstance(exported, dt.datetime):
        exported = exported.date()
    return filled == exported


def test_hazard_ledger_round_trip(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(300)
    filled = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "filled.xlsx")
    assert import_sheet(ledger_site, "hazards", filled).count(ADDED) == 300
    out = tmp_path / "export.xlsx"
    result = export_kind(ledger_site, "hazards", out, profile="internal", town="索镇镇")
    assert result.records == 300
    labels, exported = _sheet_rows(out)
    assert "报告人代号" not in labels  # never exported; it stays in data/ (checked in test_import_clean)
    assert len(exported) == 300
    differences = [(row["编号"], label, row.get(label), got[label])
                   for row, got in zip(rows, exported, strict=True) for label in labels
                   if not _same(row.get(label), got[label])]
    assert differences == []

    again = import_sheet(ledger_site, "hazards", out)
    assert again.ok and again.count(UNCHANGED) == 300 and again.written == []


def test_golden_ideas_with_lists_and_yes_no_round_trip(ledger_site, template, fill_sheet, tmp_path):
    rows = [
        {"编号": "JD-2016-0001", "题目": "配电箱加装防误开锁", "企业": "QY-0002 桓台索镇示例建筑有限公司2号",
         "岗位/工种": "电工", "提出人代号": "A-0007", "提交日期": dt.datetime(2016, 3, 8), "针对问题": "配电箱常被误开",
         "建议内容": "加装挂锁，\n钥匙由班长保管", "预期效果": "杜绝误操作", "六查类别": "C3",
         "四保": "保自身安全；保他人安全", "三促": "促安全发展", "已采纳": "是", "获奖等次": "二等奖"},
        {"编号": "JD-2016-0002", "题目": "叉车通道地面划线", "企业": "QY-0005 桓台索镇示例建材有限公司5号",
         "提交日期": dt.datetime(2016, 4, 1), "针对问题": "叉车与行人混行", "建议内容": "地面划黄线分隔",
         "四保": "保他人安全", "已采纳": "否"},
    ]
    filled = fill_sheet(template("golden_ideas", "索镇镇"), rows, tmp_path / "金点子.xlsx")
    result = import_sheet(ledger_site, "golden_ideas", filled)
    assert result.ok and result.count(ADDED) == 2
    first = result.changes[0].record.raw
    assert first["protects"] == ["保自身安全", "保他人安全"] and first["adopted"] is True
    out = tmp_path / "export.xlsx"
    export_kind(ledger_site, "golden_ideas", out, profile="internal", town="索镇镇")
    labels, exported = _sheet_rows(out)
    assert "提出人代号" not in labels
    for row, got in zip(rows, exported, strict=True):
        for label in labels:
            assert _same(row.get(label), got[label]), (label, row.get(label), got[label])
    assert import_sheet(ledger_site, "golden_ideas", out).count(UNCHANGED) == 2


def test_monthly_reports_keyed_by_town_and_month_round_trip(ledger_site, template, fill_sheet, tmp_path):
    rows = [{"镇街": "索镇镇", "月份": f"2016-{m:02d}", "报送日期": dt.datetime(2016, m, 20 + m % 5),
             "发现隐患（累计）": 40 * m, "整改隐患（累计）": 30 * m, "参与职工（累计）": 500 * m,
             "典型经验": f"{m}月：开展班组互查"} for m in range(1, 7)]
    rows[2]["月份"] = dt.datetime(2016, 3, 1)  # Excel turned a typed 2016-03 into a date
    filled = fill_sheet(template("monthly_reports", "索镇镇"), rows, tmp_path / "月报.xlsx")
    result = import_sheet(ledger_site, "monthly_reports", filled)
    assert result.ok and [c.record.key for c in result.changes][:3] == [
        "suozhen/2016-01", "suozhen/2016-02", "suozhen/2016-03"]
    out = tmp_path / "export.xlsx"
    export_kind(ledger_site, "monthly_reports", out, profile="internal")
    _labels, exported = _sheet_rows(out)
    assert [r["月份"] for r in exported] == [f"2016-{m:02d}" for m in range(1, 7)]
    assert exported[0]["镇街"] == "索镇镇" and exported[5]["发现隐患（累计）"] == 240
    assert import_sheet(ledger_site, "monthly_reports", out).count(UNCHANGED) == 6
