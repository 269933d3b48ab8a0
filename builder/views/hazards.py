"""隐患排查治理: aggregate hazard statistics and the public 挂牌督办 list. No ledger, no reporter."""

from __future__ import annotations

import datetime as dt

from builder.charts import Bar, bar_chart
from builder.model import Site
from builder.schema import enums as E
from builder.stats import HazardRow, Ratio
from builder.tables import DATE, INT, PCT, Column, Table, hazard_table, rounded_pct
from builder.views import category_labels, enterprise_of, town_names


def town_rows(site: Site) -> list[HazardRow]:
    """One HazardRow per town, from each town's own figures."""
    rows = []
    for town_id, name in town_names(site).items():
        h = site.stats.towns[town_id].hazards
        rows.append(HazardRow(name, h.found, h.general.done + h.major.done, h.overdue, h.major.total))
    return rows


def found_closed_chart(chart_id: str, title: str, rows: list[HazardRow], labels: dict | None = None,
                       label_width: float | None = None):
    """Found (light) with the rectified part (dark) for each group."""
    labels = labels or {}
    bars = [Bar(labels.get(r.label, r.label), r.found, r.closed) for r in rows]
    desc = "；".join(f"{b.label}发现 {b.value:,.0f} 项、已整改 {b.part:,.0f} 项" for b in bars)
    return bar_chart(chart_id, title, desc + "。", bars, legend=("发现", "已整改"), label_width=label_width)


def build(site: Site, visibility: str) -> dict:
    """Context of hazards/: key figures, tables by every grouping, charts."""
    h = site.stats.county.hazards
    months = {r.label: f"{int(r.label[5:])}月" for r in h.by_month}
    by_town = town_rows(site)
    tables = [
        hazard_table("hazards-by-town", "各镇（街道）隐患排查整改情况", "镇街", by_town),
        hazard_table("hazards-by-category", "按“六查”类别统计", "六查类别", h.by_category, category_labels()),
        hazard_table("hazards-by-grade", "按隐患等级统计", "隐患等级", h.by_grade),
        hazard_table("hazards-by-industry", "按行业统计", "行业", h.by_industry),
        hazard_table("hazards-by-month", "按发现月份统计", "月份", h.by_month, months,
                     note="按发现日期归月；整改数为截至统计日已销号的数量。"),
        hazard_table("hazards-by-source", "按排查来源统计", "排查来源", h.by_source),
        status_table(h.by_status),
        level_table("hazards-by-level", h.by_level),
    ]
    charts = {
        "hazards-by-town": found_closed_chart("chart-town", "各镇（街道）发现与整改隐患数", by_town),
        "hazards-by-category": found_closed_chart("chart-category", "“六查”各类隐患发现与整改数",
                                                  h.by_category, category_labels()),
        "hazards-by-month": found_closed_chart("chart-month", "各月发现隐患数及其中已整改数", h.by_month,
                                               months, label_width=2.6),
        "hazards-by-level": level_chart("chart-level", h.by_level),
    }
    return {
        "h": h, "tables": tables, "charts": charts,
        "listings": site.stats.listings, "listing_tables": listing_tables(site, visibility),
    }


LEVEL_NOTE = ("行动方案：能由个人和岗位改正的迅速改正，能在班组解决的迅速解决，能通过车间整改的迅速整改；"
              "不能及时整改的通知企业制定整改方案；重大安全隐患提请安监局挂牌督办。“尚未确定”为刚登记、还没有落实整改责任的隐患。")


def level_table(slug: str, rows, caption: str = "按整改层级统计") -> Table:
    """Hazards by 整改层级: where each was (or is being) put right, in the plan's order."""
    return hazard_table(slug, caption, "整改层级", rows, note=LEVEL_NOTE)


def level_chart(chart_id: str, rows):
    return found_closed_chart(chart_id, "各整改层级发现与整改隐患数", [r for r in rows if r.found or r.label in E.LEVELS])


def status_table(by_status: list[tuple[str, int]]) -> Table:
    total = sum(n for _, n in by_status)
    rows = tuple((status, n, rounded_pct(Ratio(n, total))) for status, n in by_status)
    return Table("hazards-by-status", "按整改状态统计（统计截止日的状态）",
                 (Column("status", "状态"), Column("count", "隐患数（项）", INT), Column("share", "占比", PCT)),
                 rows, ("合计", total, rounded_pct(Ratio(total, total))))


LISTING_COLUMNS = (
    Column("no", "序号", INT), Column("enterprise", "隐患单位"), Column("town", "所在镇街"),
    Column("industry", "行业"), Column("summary", "隐患简要描述"), Column("listing_no", "督办文号"),
    Column("listing_org", "挂牌单位"), Column("supervising_unit", "督办单位"), Column("responsible_unit", "整改责任单位"),
    Column("listed_on", "挂牌日期", DATE), Column("deadline", "整改期限", DATE), Column("status", "状态"),
    Column("delisted_on", "摘牌日期", DATE),
)


def listing_tables(site: Site, visibility: str) -> list[Table]:
    """The public 挂牌督办 list as of the statistics date: still listed, and de-listed."""
    as_of: dt.date = site.config.as_of
    open_rows, closed_rows = [], []
    for record in sorted(site.records["listings"], key=lambda r: (r.raw["listed_on"], r.key)):
        listing = record.view(visibility)
        if listing.listed_on > as_of:
            continue
        delisted = listing.delisted_on if listing.delisted_on and listing.delisted_on <= as_of else None
        hazard = record.links.get("hazard")
        enterprise = enterprise_of(hazard, visibility) if hazard is not None else None
        row = [enterprise.name if enterprise else "—", enterprise.town.name if enterprise else "—",
               enterprise.industry if enterprise else "—", listing.summary, listing.listing_no, listing.listing_org,
               listing.supervising_unit,
               # The schema: 不写则为隐患所在企业.
               listing.responsible_unit or (enterprise.name if enterprise else "—"),
               listing.listed_on, listing.deadline,
               E.LISTING_STATUSES[1] if delisted else E.LISTING_STATUSES[0], delisted]
        (closed_rows if delisted else open_rows).append(row)
    return [
        Table("listings-open", "挂牌督办中的重大隐患", LISTING_COLUMNS,
              tuple((i, *row) for i, row in enumerate(open_rows, 1))),
        Table("listings-delisted", "已摘牌销号的重大隐患", LISTING_COLUMNS,
              tuple((i, *row) for i, row in enumerate(closed_rows, 1))),
    ]


