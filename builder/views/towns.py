"""镇街: the index of towns with their headline figures, and one page per town."""

from __future__ import annotations

from builder import stats as S
from builder.charts import Bar, bar_chart
from builder.model import Site
from builder.tables import (
    DATE,
    INT,
    MARK,
    PCT,
    Column,
    Table,
    hazard_table,
    ratio_columns,
    ratio_row,
    rounded_pct,
    scenario_table,
)
from builder.views import category_labels, town_names
from builder.views.hazards import level_table
from builder.views.honours import recipient
from builder.views.supervision import REPORT_MARK


def index(site: Site, visibility: str) -> dict:
    """Context of towns/: one row of headline figures per town."""
    rows = []
    for town_id, name in town_names(site).items():
        f = site.stats.towns[town_id]
        statuses = list(site.stats.reports[town_id].values())
        rows.append((name, f.enterprises, f.unionized, f.high_risk, f.hazards.found,
                     rounded_pct(f.hazards.general), rounded_pct(f.trainings.coverage), rounded_pct(f.drills.rate),
                     rounded_pct(f.supervision.coverage), statuses.count(S.ON_TIME)))
    table = Table("towns-overview", "各镇（街道）主要数据",
                  (Column("town", "镇街"), Column("enterprises", "企业（家）", INT),
                   Column("unionized", "建会企业（家）", INT), Column("high_risk", "高危行业企业（家）", INT),
                   Column("hazards", "发现隐患（项）", INT),
                   Column("general_rate", "一般隐患整改率", PCT), Column("coverage", "全员培训覆盖率", PCT),
                   Column("drills", "演练达标率", PCT), Column("supervision", "高危企业督导覆盖率", PCT),
                   Column("reports", "月报按时（次）", INT)), tuple(rows))
    towns = [t.view(visibility) for t in site.records["towns"]]
    return {"tables": [table], "charts": {}, "towns": towns, "overview": table}


def town(site: Site, visibility: str, town_id: str) -> dict:
    """Context of towns/<id>/: the town's own figures, drills, awards and monthly reports."""
    record = site.get("towns", town_id)
    f = site.stats.towns[town_id]
    h = f.hazards
    prefix = f"town-{town_id}"
    hazards = hazard_table(f"{prefix}-hazards-by-category", "按“六查”类别统计的隐患排查整改情况", "六查类别",
                           h.by_category, category_labels())
    chart = bar_chart(f"chart-{town_id}-category", "“六查”各类隐患发现与整改数",
                      "；".join(f"{r[0]}发现 {r[1]} 项、已整改 {r[2]} 项" for r in hazards.rows) + "。",
                      [Bar(r[0], r[1], r[2]) for r in hazards.rows], legend=("发现", "已整改"))
    levels = level_table(f"{prefix}-hazards-by-level", h.by_level)
    d = f.drills
    work = Table(f"{prefix}-work", "培训、演练、督导与文化活动",
                 (Column("item", "项目"), *ratio_columns("完成", "应完成", "比例")),
                 (ratio_row("职工全员培训（人）", f.trainings.coverage),
                  ratio_row("应急演练达标企业（家）", d.rate),
                  ratio_row("集中行动期间督导高危企业（家）", f.supervision.coverage),
                  ratio_row("“八个一”全部完成企业（家）", f.eight_ones_complete)))
    scenarios = scenario_table(f"{prefix}-drills-by-scenario", f.drill_scenarios)
    reports = reports_table(site, town_id, prefix)
    awards = awards_table(site, visibility, town_id, prefix)
    return {"town": record.view(visibility), "f": f, "town_id": town_id,
            "tables": [t for t in (hazards, levels, work, scenarios, reports, awards) if t.rows],
            "hazard_table": hazards, "level_table": levels, "work_table": work, "reports": reports, "awards": awards, "scenarios": scenarios,
            "charts": {hazards.slug: chart}, "drills_held": d.drills}


def reports_table(site: Site, town_id: str, prefix: str) -> Table:
    """This town's monthly reports: status and the cumulative figures it reported."""
    by_month = {r.raw["month"]: r.raw for r in site.records["monthly_reports"] if r.raw["town"] == town_id}
    rows = []
    for month, status in site.stats.reports[town_id].items():
        report = by_month.get(month, {})
        submitted = report.get("submitted_on")
        shown = submitted if submitted and submitted <= site.config.as_of else None
        figures = [report.get(name) if shown else None for name in REPORT_FIGURES]
        rows.append((f"{int(month[5:])}月", REPORT_MARK[status], shown, *figures))
    return Table(f"{prefix}-monthly-reports", "月报报送情况及报送数据",
                 (Column("month", "月份"), Column("status", "报送情况", MARK),
                  Column("submitted_on", "报送日期", DATE),
                  *(Column(name, label, INT) for name, label in REPORT_FIGURES.items())), tuple(rows),
                 note="发现、整改隐患和参与职工为截至当月的累计数；培训、演练和金点子为当月数。")


# The figures of a monthly report the site shows (the plan's reporting); text fields stay in the manuals.
REPORT_FIGURES = {
    "hazards_found": "发现隐患（累计）", "hazards_rectified": "整改隐患（累计）", "trainings": "培训（期）",
    "trainees": "培训（人次）", "drills": "演练（次）", "drill_participants": "参演（人次）", "ideas": "金点子（条）",
    "workers": "参与职工（累计）",
}


def awards_table(site: Site, visibility: str, town_id: str, prefix: str) -> Table:
    """Awards to this town or to people and teams of its enterprises."""
    rows = []
    for record in sorted(site.records["awards"], key=lambda r: (r.raw["date"], r.key)):
        if record.raw["date"] > site.config.as_of or _award_town(record) != town_id:
            continue
        name, where = recipient(record, visibility)
        a = record.view(visibility)
        rows.append((a.honour, name, where, a.basis, a.date))
    return Table(f"{prefix}-awards", "获得表彰",
                 (Column("honour", "荣誉"), Column("recipient", "获奖对象"), Column("unit", "单位"),
                  Column("basis", "获奖依据"), Column("date", "表彰日期", DATE)), tuple(rows))


def _award_town(award) -> str | None:
    if award.raw.get("town"):
        return award.raw["town"]
    enterprise = award.links.get("enterprise")
    if enterprise is None:
        for name in ("contest_result", "pacesetter", "model_team", "golden_idea", "work"):
            source = award.links.get(name)
            if source is not None:
                enterprise = source.links.get("enterprise")
                break
    return None if enterprise is None else enterprise.raw["town"]


__all__ = ["index", "town", "town_names"]
