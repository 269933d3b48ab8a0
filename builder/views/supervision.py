"""督导检查: county rounds, high-risk coverage by town, the monthly-report record, 安康杯 penalties."""

from __future__ import annotations

from builder import schedule
from builder import stats as S
from builder.charts import Bar, bar_chart
from builder.model import Site
from builder.tables import DATE, INT, MARK, PCT, Column, Table, ratio_row, ratio_total
from builder.views import town_names

# Text and a symbol for each status, so the matrix never relies on colour alone.
REPORT_MARK = {S.ON_TIME: "✓ 按时", S.LATE: "! 迟报", S.MISSING: "✗ 未报", S.NOT_DUE: "— 未到期"}


def coverage_table(site: Site) -> Table:
    """High-risk enterprises visited by the end of the concentrated action, and by now."""
    names = town_names(site)
    rows = []
    for town_id, name in names.items():
        s = site.stats.towns[town_id].supervision
        rows.append((*ratio_row(name, s.coverage), s.coverage_now.done, s.visits))
    base = ratio_total([r[:4] for r in rows])
    c = site.stats.county.supervision
    end = site.config.campaign["concentrated_action_end"]
    return Table("supervision-coverage-by-town",
                 f"高危行业企业督导覆盖情况（集中行动截至{end.month}月{end.day}日，目标 100%）",
                 (Column("town", "镇街"), Column("visited", "集中行动期间已督导（家）", INT),
                  Column("high_risk", "高危行业企业（家）", INT), Column("rate", "覆盖率", PCT),
                  Column("visited_now", "截至统计日已督导（家）", INT), Column("visits", "督导检查（次）", INT)),
                 tuple(rows), (*base, c.coverage_now.done, c.visits))


def report_table(site: Site) -> Table:
    """按时 / 迟报 / 未报 per town and month (due by the configured day, inclusive)."""
    names = town_names(site)
    months = site.stats.months
    matrix = site.stats.reports
    rows = []
    for town_id, name in names.items():
        statuses = [matrix[town_id][m] for m in months]
        rows.append((name, *(REPORT_MARK[s] for s in statuses), statuses.count(S.ON_TIME), statuses.count(S.LATE),
                     statuses.count(S.MISSING)))
    due = site.config.campaign["report_due_day"]
    return Table("monthly-reports", f"各镇（街道）月报报送情况（每月{due}日前报县总工会）",
                 (Column("town", "镇街"), *(Column(m, f"{int(m[5:])}月", MARK) for m in months),
                  Column("on_time", "按时", INT), Column("late", "迟报", INT), Column("missing", "未报", INT)),
                 tuple(rows))


def progress_table(site: Site) -> Table:
    """The towns' monthly reports summed up: what the county union reads each month (月报汇总)."""
    rows = tuple((f"{int(p.month[5:])}月", p.reports, p.trainings, p.trainees, p.drills, p.drill_participants, p.ideas,
                  p.hazards_found) for p in site.stats.progress)
    total = ("合计", None, *(sum(r[i] for r in rows) for i in range(2, 7)), None) if rows else None
    return Table("monthly-progress", "各月工作进展（各镇街月报汇总）",
                 (Column("month", "月份"), Column("reports", "报送镇街（个）", INT), Column("trainings", "培训（期）", INT),
                  Column("trainees", "培训（人次）", INT), Column("drills", "应急演练（次）", INT),
                  Column("drill_participants", "参演（人次）", INT), Column("ideas", "金点子（条）", INT),
                  Column("hazards_found", "累计发现隐患（项）", INT)), rows, total,
                 note="按截至统计日已报送的月报汇总；培训、演练、金点子为当月数，发现隐患为各镇街报送的累计数之和。")


def rounds_table(site: Site, visibility: str) -> Table:
    names = town_names(site)
    rows = []
    for record in sorted(site.records["county_rounds"], key=lambda r: r.raw["round"]):
        r = record.view(visibility)
        towns = "、".join(names[t] for t in record.raw.get("towns") or [])
        rows.append((f"第{r.round}轮", r.start, r.end, towns or "—", len(record.raw.get("enterprises") or []),
                     r.summary))
    return Table("county-rounds", "县总工会集中督导",
                 (Column("round", "轮次"), Column("start", "实际开始日期", DATE), Column("end", "实际结束日期", DATE),
                  Column("towns", "督导镇街"), Column("enterprises", "抽查企业（家）", INT),
                  Column("summary", "督导情况通报")), tuple(rows))


def disqualified_table(site: Site, visibility: str) -> Table:
    rows = []
    for record in sorted(site.records["disqualifications"], key=lambda r: (r.raw["decided_on"], r.key)):
        r = record.view(visibility)
        unit = record.links.get("enterprise") or record.links.get("town")
        rows.append((unit.view(visibility).name if unit is not None else "—", r.unit, r.reason, r.decided_on,
                     r.doc_no or "—"))
    return Table("ankangbei-disqualifications", "取消当年度“安康杯”竞赛参评资格的单位",
                 (Column("unit", "单位"), Column("kind", "单位类型"), Column("reason", "原因"),
                  Column("decided_on", "决定日期", DATE), Column("doc_no", "文号")), tuple(rows),
                 note="行动方案：对于开展“查保促”活动不力的单位，取消其当年度“安康杯”竞赛及其他综合性奖励项目的参评资格。")


def build(site: Site, visibility: str) -> dict:
    coverage = coverage_table(site)
    chart = bar_chart("chart-supervision", "各镇（街道）集中行动期间高危行业企业督导覆盖率",
                      "；".join(f"{r[0]} {'无高危企业' if r[3] is None else f'{r[3]:.1f}%'}" for r in coverage.rows)
                      + "。", [Bar(r[0], r[3] or 0) for r in coverage.rows], fmt=lambda v: f"{v:.1f}%",
                      max_value=100, target=100)
    tables = [rounds_table(site, visibility), coverage, report_table(site), disqualified_table(site, visibility),
              progress_table(site)]
    counts = {status: sum(list(row.values()).count(status) for row in site.stats.reports.values())
              for status in REPORT_MARK}
    return {"tables": tables, "charts": {"supervision-coverage-by-town": chart}, "report_counts": counts,
            "s": site.stats.county.supervision, "marks": REPORT_MARK,
            # The same sentences as the printed handbooks (builder.schedule): 方案要求 and 实际.
            "round_events": schedule.rounds(site), "report_rule": schedule.report_rule(site)}
