"""The plan's records (issue 17) where the plan needs them: on the site, in open data and in print."""

from __future__ import annotations

import csv
import io

import figures as F
from sitehtml import number, tables


def test_rectification_levels_in_open_data(public, data, as_of):
    rows = list(csv.reader(io.StringIO((public / "opendata/hazards-by-level.csv").read_text(encoding="utf-8-sig"))))
    expected = F.hazards_by_level(data, as_of)
    body = {row[0]: row for row in rows if row and row[0] in ("个人岗位", "班组", "车间", "企业", "挂牌督办", "尚未确定")}
    assert list(body) == ["个人岗位", "班组", "车间", "企业", "挂牌督办", "尚未确定"]
    for label, row in body.items():
        assert (int(row[1]), int(row[2])) == (expected[label]["found"], expected[label]["closed"]), label


def test_monthly_progress_in_open_data(public, data, as_of):
    text = (public / "opendata/monthly-progress.csv").read_text(encoding="utf-8-sig")
    rows = [row for row in csv.reader(io.StringIO(text)) if row and row[0].endswith("月")]
    drills = {f"{int(r['month'][5:])}月": 0 for r in data["monthly_reports"]}
    for r in data["monthly_reports"]:
        if r.get("submitted_on") and r["submitted_on"] <= as_of:
            drills[f"{int(r['month'][5:])}月"] += r["drills"]
    assert {row[0]: int(row[4]) for row in rows} == {m: n for m, n in drills.items() if n or m in {row[0] for row in rows}}


def _total(table) -> list[str]:
    """The 合计 line, in a <tfoot> on the site, as the last body row in print."""
    return table.total or next(row for row in table.rows if row[0] == "合计")


def test_campaign_handbook_prints_the_levels(public, data, as_of):
    book = (public / "handbook" / "campaign.html").read_text(encoding="utf-8")
    level = tables(book)["按整改层级统计"]
    assert number(_total(level)[1]) == len(F.found(data, as_of))


def test_town_manual_prints_levels_submitted_reports_and_the_hotlines(example_build, data, config, as_of):
    manual = (example_build.print / "handbook" / "maqiao.html").read_text(encoding="utf-8")
    level = tables(manual)["按整改层级"]
    town_found = [h for h in F.found(data, as_of) if F.enterprise_town(data)[h["enterprise"]] == "maqiao"]
    assert number(_total(level)[1]) == len(town_found)
    sent = [r for r in data["monthly_reports"] if r["town"] == "maqiao" and r.get("submitted_on")
            and r["submitted_on"] <= as_of]
    assert f"已报送的月报（{len(sent)} 份）" in manual
    for report in sent:  # handbook-level text: in the manual, never on the site
        assert report["problems"] in manual and report["next_month"] in manual
    for hotline in (c for c in config["contacts"] if c.get("hotline")):
        assert f"<td>{hotline['phone']}</td><td>{hotline['unit']}" in manual
    campaign_phone = next(c["phone"] for c in config["contacts"] if c.get("campaign"))
    assert campaign_phone in manual
