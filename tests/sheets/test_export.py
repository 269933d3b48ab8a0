"""Export: what each profile may carry, and the statistics tables beside the records."""

from __future__ import annotations

import openpyxl
import pytest

from builder.pipeline import site_model
from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC
from builder.schema.records import HAZARDS
from builder.sheets.exporter import STATS_SHEET, export_kind
from builder.sheets.importer import import_sheet


@pytest.fixture
def imported(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(120)
    import_sheet(ledger_site, "hazards", fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    return rows


def _all_text(path) -> str:
    book = openpyxl.load_workbook(path)
    cells = [str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v]
    comments = [c.comment.text for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.comment]
    return "\n".join(cells + comments)


def _headers(path) -> list[str]:
    return [str(c.value).rstrip("*") for c in openpyxl.load_workbook(path).worksheets[0][1]]


def test_public_export_carries_public_fields_only(ledger_site, imported, tmp_path):
    out = tmp_path / "public.xlsx"
    export_kind(ledger_site, "hazards", out, profile="public")
    assert _headers(out) == [f.label for f in HAZARDS.fields if f.visibility == PUBLIC]
    text = _all_text(out)
    for row in imported:
        assert row["报告人代号"] not in text
        assert row["隐患描述"] not in text           # handbook level
    assert "车间主任" not in text and "整改期间设警戒区" not in text


def test_internal_export_adds_handbook_fields_but_never_internal_ones(ledger_site, imported, tmp_path):
    out = tmp_path / "internal.xlsx"
    export_kind(ledger_site, "hazards", out, profile="internal")
    assert _headers(out) == [f.label for f in HAZARDS.fields if f.visibility in (PUBLIC, HANDBOOK)]
    assert {f.label for f in HAZARDS.fields if f.visibility == INTERNAL} == {"报告人代号"}
    text = _all_text(out)
    assert imported[0]["隐患描述"] in text and "车间主任" in text
    assert not any(row["报告人代号"] in text for row in imported)


def test_statistics_sheet_holds_the_sites_own_tables(ledger_site, imported, tmp_path):

    out = tmp_path / "stats.xlsx"
    result = export_kind(ledger_site, "hazards", out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["隐患台账", STATS_SHEET]
    rows = list(book[STATS_SHEET].iter_rows(values_only=True))
    captions = [r[0] for r in rows if r[0] and r[1] is None]
    assert "各镇（街道）主要数据" in captions and "按“六查”类别统计" in captions
    assert result.tables >= 5
    site = site_model(ledger_site)
    found = site.stats.towns["suozhen"].hazards.found
    suozhen = next(r for r in rows if r[0] == "索镇镇")  # the overview comes first
    assert suozhen[4] == found == 120


def test_export_of_one_town(ledger_site, imported, tmp_path, template, fill_sheet, hazard_rows):
    rows = hazard_rows(7, town_index=1, seed=3)
    import_sheet(ledger_site, "hazards", fill_sheet(template("hazards", "起凤镇"), rows, tmp_path / "起凤.xlsx"))
    out = tmp_path / "qifeng.xlsx"
    assert export_kind(ledger_site, "hazards", out, town="起凤镇", profile="internal").records == 7
    # The public export of a ledger carries its statistics only, never its rows (DOMAIN.md §2.5).
    assert export_kind(ledger_site, "hazards", tmp_path / "public.xlsx", town="起凤镇").records == 0
    assert export_kind(ledger_site, "hazards", out, profile="internal").records == 127


def test_works_without_consent_stay_out_of_the_public_export(ledger_site, template, fill_sheet, tmp_path):
    rows = [{"编号": "ZP-2016-001", "类别": "征文", "题目": "我身边的安全员", "作者署名": "王某", "作者代号": "W-01",
             "企业": "QY-0001", "正文": "他每天第一个到岗……", "同意公开": "是"},
            {"编号": "ZP-2016-002", "类别": "警句", "题目": "未同意公开的警句", "作者署名": "李某", "作者代号": "W-02",
             "企业": "QY-0002", "正文": "安全第一", "同意公开": "否"}]
    assert import_sheet(ledger_site, "works", fill_sheet(template("works"), rows, tmp_path / "作品.xlsx")).ok
    public, internal = tmp_path / "public.xlsx", tmp_path / "internal.xlsx"
    assert export_kind(ledger_site, "works", public).records == 1
    assert "未同意公开的警句" not in _all_text(public) and "李某" not in _all_text(public)
    assert export_kind(ledger_site, "works", internal, profile="internal").records == 2
    assert "W-01" not in _all_text(internal) and "W-02" not in _all_text(internal)
