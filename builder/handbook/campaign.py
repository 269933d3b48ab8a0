"""Chapters of the county campaign handbook, from the website's own statistics views.

The tables and SVG charts are the very objects the website's sections show (builder.views),
so the printed handbook and the site cannot disagree. Everything here is public visibility.
"""

from __future__ import annotations

from markupsafe import Markup

from builder import stats as S
from builder.model import Site
from builder.schema import enums as E
from builder.tables import INT, PCT, Column, Table, rounded_pct
from builder.views import activities, hazards, town_names, training
from builder.views import honours as honour_view


def figures(site: Site, visibility: str) -> dict:
    """年度数据: key figures, hazards by every grouping, training and drills, with charts."""
    h = hazards.build(site, visibility)
    t = training.build(site, visibility)
    charts = {slug: print_chart(chart) for slug, chart in {**h["charts"], **t["charts"]}.items()}
    # The open-data tables carry their chart beside them, as on the site.
    tables = [(table, charts.get(table.slug)) for table in h["tables"] + t["tables"]]
    return {"county": site.stats.county, "tables": tables}


def towns(site: Site) -> dict:
    """各镇（街道）情况: one line per town across the plan's measures."""
    rows = []
    reports = site.stats.reports
    for town_id, name in town_names(site).items():
        f = site.stats.towns[town_id]
        on_time = sum(status == S.ON_TIME for status in reports[town_id].values())
        due = sum(status != S.NOT_DUE for status in reports[town_id].values())
        rows.append((name, f.enterprises, f.high_risk, f.hazards.found, rounded_pct(f.hazards.general),
                     rounded_pct(f.hazards.major), rounded_pct(f.trainings.coverage), rounded_pct(f.drills.rate),
                     rounded_pct(f.supervision.coverage), f"{on_time}/{due}"))
    table = Table("towns-summary", "各镇（街道）主要指标", (
        Column("town", "镇街"), Column("enterprises", "企业（家）", INT), Column("high_risk", "高危企业（家）", INT),
        Column("found", "排查隐患（项）", INT), Column("general", "一般隐患整改率", PCT),
        Column("major", "重大隐患整改率", PCT), Column("coverage", "全员培训覆盖率", PCT),
        Column("drills", "演练达标率", PCT), Column("supervision", "集中行动督导覆盖率", PCT),
        Column("reports", "月报按时（次/应报）")), tuple(rows))
    return {"table": table}


def honours(site: Site, visibility: str) -> dict:
    a = activities.build(site, visibility)
    return {"groups": honour_view.build(site, visibility)["tables"], "contests": a["contests"],
            "teams": a["teams"], "setters": a["setters"]}


def ideas(site: Site, visibility: str) -> dict:
    """Awarded ideas in full; adopted ones only counted (the site lists them page by page)."""
    a = activities.build(site, visibility)
    awarded = [i for i in activities.showcased_ideas(site, visibility) if i.award]
    return {"summary": a["ideas"], "table": a["ideas_table"], "chart": print_chart(a["charts"]["golden-ideas-by-town"]),
            "awarded": awarded}


def culture(site: Site, visibility: str) -> dict:
    """安全“八个一”, “家文化”进班组, and the works whose authors agreed to publication."""
    county = site.stats.county
    eight = Table("eight-ones", "安全“八个一”活动开展情况", (
        Column("item", "项目"), Column("activities", "活动（次）", INT), Column("participants", "参加（人次）", INT),
        Column("enterprises", "开展企业（家）", INT)),
        tuple((f"{n}. {E.EIGHT_ONES[n]}", row.activities, row.participants, row.enterprises)
              for n, row in county.eight_ones.items()))
    family = Table("family-culture", "“家文化”进班组活动开展情况",
                   (Column("kind", "活动形式"), Column("count", "活动（次）", INT)),
                   tuple((kind, n) for kind, n in county.family_culture.items()))
    works = [w.view(visibility) for w in site.records["works"] if w.raw.get("consent")]
    rank = {award: i for i, award in enumerate(E.IDEA_AWARDS)}
    works.sort(key=lambda w: (rank.get(w.award, len(rank)), E.WORK_KINDS.index(w.kind), w.key))
    return {"eight": eight, "complete": county.eight_ones_complete, "family": family,
            "works": [w for w in works if w.award], "works_total": county.works}


def supervision(site: Site, visibility: str) -> dict:
    """County rounds, the public 挂牌督办 list, and the monthly-report record of every town."""
    rounds = sorted((r.view(visibility) for r in site.records["county_rounds"]), key=lambda r: (r.round, r.key))
    names = town_names(site)
    months = [m for m in site.stats.months]
    matrix = site.stats.reports
    report_table = Table("monthly-reports", "各镇（街道）月报报送情况",
                         (Column("town", "镇街"), *(Column(m, f"{int(m[5:])}月") for m in months)),
                         tuple((names[t], *(_mark(matrix[t][m]) for m in months)) for t in names))
    listings = [compact_listing(t) for t in hazards.listing_tables(site, visibility)]
    return {"rounds": rounds, "listings": listings, "reports": report_table, "marks": "○ 按时　△ 迟报　× 未报　空白 未到期",
            "listing_summary": site.stats.listings}


CHART_FONT = "9pt"   # print.css gives figure.chart svg the same font-size


def print_chart(chart: Markup) -> Markup:
    """The site's SVG chart with its font size fixed for print.

    The chart measures itself in em. In a browser the em is the page's; WeasyPrint draws an
    SVG's insides at 12pt whatever the page says, so without a font-size of its own the
    content outgrows the box and is clipped.
    """
    return Markup(str(chart).replace("<svg ", f'<svg font-size="{CHART_FONT}" ', 1))


def compact_listing(table: Table) -> Table:
    """The public 挂牌督办 list in six columns: twelve do not fit an A4 portrait page."""
    rows = []
    for r in table.records():
        rows.append((r["no"], f"{r['enterprise']}（{r['town']}，{r['industry']}）", r["summary"],
                     f"{r['listing_no']}；挂牌：{r['listing_org']}；督办：{r['supervising_unit']}",
                     f"{_iso(r['listed_on'])} 挂牌，{_iso(r['deadline'])} 前整改",
                     r["status"] + (f"，{_iso(r['delisted_on'])}" if r["delisted_on"] else "")))
    columns = (Column("no", "序号", INT), Column("enterprise", "隐患单位（镇街，行业）"), Column("summary", "隐患简要描述"),
               Column("listing", "督办文号与单位"), Column("dates", "挂牌日期与整改期限"), Column("status", "状态"))
    return Table(table.slug, table.caption, columns, tuple(rows), note=table.note)


def _iso(day) -> str:
    return day.isoformat() if day else ""


_MARKS = {S.ON_TIME: "○", S.LATE: "△", S.MISSING: "×", S.NOT_DUE: ""}


def _mark(status: str) -> str:
    return _MARKS.get(status, status)
