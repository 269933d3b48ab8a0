"""教育培训与应急演练: sessions held against the 1–2 targets, coverage, drill compliance by town."""

from __future__ import annotations

from builder.charts import Bar, bar_chart
from builder.model import Site
from builder.tables import (
    DATE,
    INT,
    PCT,
    TEXT,
    Column,
    Table,
    ratio_columns,
    ratio_row,
    ratio_total,
    rounded_pct,
    scenario_table,
)
from builder.views import town_names

# The plan's two county-level courses, each "举办1-2期"; the other kinds have no count target.
TARGETED = (("负责人培训班", "leader"), ("一线职工培训班", "worker"))


def sessions_table(site: Site) -> Table:
    """Courses held by kind, against the plan's target where it sets one."""
    held = site.stats.county.trainings.held
    targets = site.config.targets
    rows = []
    for kind, count in held.items():
        key = dict(TARGETED).get(kind)
        if key:
            low, high = targets[f"{key}_training_min"], targets[f"{key}_training_max"]
            rows.append((kind, count, f"{low}–{high} 期", "达到" if count >= low else "未达到"))
        elif count:
            rows.append((kind, count, "—", "—"))
    return Table("training-sessions", "培训班举办情况（对照方案目标）",
                 (Column("kind", "类别"), Column("held", "已举办（期）", INT), Column("target", "方案目标"),
                  Column("met", "是否达到目标")), tuple(rows))


def county_courses(site: Site, visibility: str) -> Table:
    """The county's own courses, one row each (public fields only)."""
    kinds = {kind for kind, _ in TARGETED}
    rows = []
    for record in sorted(site.records["trainings"], key=lambda r: (r.raw["date"], r.key)):
        t = record.view(visibility)
        if t.kind in kinds and t.date <= site.config.as_of:
            rows.append((t.title, t.kind, t.date, t.organizer, t.venue or "—", t.attendees,
                         t.enterprises_count, "、".join(t.topics or []) or "—"))
    return Table("training-courses", "县级培训班一览",
                 (Column("title", "名称"), Column("kind", "类别"), Column("date", "日期", DATE),
                  Column("organizer", "主办单位"), Column("venue", "地点"), Column("attendees", "参训人数", INT),
                  Column("enterprises", "参训企业数", INT), Column("topics", "培训内容", TEXT)), tuple(rows))


def build(site: Site, visibility: str) -> dict:
    county = site.stats.county
    names = town_names(site)
    towns = site.stats.towns
    coverage_rows = tuple(ratio_row(names[t], towns[t].trainings.coverage) for t in names)
    coverage = Table("training-coverage-by-town", "建会企业职工全员培训覆盖率（目标 100%）",
                     (Column("town", "镇街"), *ratio_columns("已培训职工（人）", "职工总数（人）", "覆盖率")),
                     coverage_rows, ratio_total(coverage_rows))
    drill_rows = []
    for town_id, name in names.items():
        d = towns[town_id].drills
        drill_rows.append((name, d.enterprises, d.drills, d.enough_drills, d.full_teams, d.compliant, rounded_pct(d.rate)))
    c = county.drills
    drills = Table("drills-by-town", "应急演练达标情况（每家建会企业至少 2 次、班组 100% 参与）",
                   (Column("town", "镇街"), Column("enterprises", "建会企业（家）", INT),
                    Column("drills", "演练次数", INT), Column("enough", "演练≥2次（家）", INT),
                    Column("full", "班组全部参与（家）", INT), Column("compliant", "两项均达标（家）", INT),
                    Column("rate", "达标率", PCT)),
                   tuple(drill_rows), ("合计", c.enterprises, c.drills, c.enough_drills, c.full_teams, c.compliant,
                                       rounded_pct(c.rate)))
    target = 100 * site.config.targets["training_coverage"]
    charts = {
        "training-coverage-by-town": bar_chart(
            "chart-coverage", "各镇（街道）全员培训覆盖率", _desc(coverage_rows, "覆盖率"),
            [Bar(r[0], r[3] or 0) for r in coverage_rows], fmt=_pct, max_value=100, target=target),
        "drills-by-town": bar_chart(
            "chart-drills", "各镇（街道）应急演练达标率", _desc([(r[0], 0, 0, r[6]) for r in drill_rows], "达标率"),
            [Bar(r[0], r[6] or 0) for r in drill_rows], fmt=_pct, max_value=100, target=100),
    }
    return {
        "t": county.trainings, "d": c, "coverage": county.trainings.coverage,
        "tables": [sessions_table(site), county_courses(site, visibility), coverage, drills,
                   scenario_table("drills-by-scenario", county.drill_scenarios)], "charts": charts,
    }


def _pct(value: float) -> str:
    return f"{value:.1f}%"


def _desc(rows, what: str) -> str:
    return "；".join(f"{r[0]}{what} {'无数据' if r[3] is None else _pct(r[3])}" for r in rows) + "。"

