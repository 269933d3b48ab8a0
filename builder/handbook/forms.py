"""What a town manual's tables and pre-filled forms show: roster, ledger summary, monthly report.

Every figure comes from builder.stats / builder.derive (the same functions as the website),
and every record reaches a template as `record.view("handbook")`, so a field above handbook
visibility (the reporter's code) fails the build wherever it is touched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from builder import schedule
from builder import stats as S
from builder.derive import figures
from builder.figures import Figures
from builder.model import Record, Site
from builder.schema import enums as E
from builder.tables import hazard_table
from builder.views import category_labels

VIEW = "handbook"


@dataclasses.dataclass(frozen=True, slots=True)
class RosterRow:
    """One high-risk enterprise of the 督导对象名册, with its first visit (if any) by the as-of date."""

    enterprise: Record
    first_visit: Record | None
    by_action_end: bool       # visited within the 集中行动 (the plan's coverage requirement)


def high_risk_enterprises(site: Site, town_id: str) -> list[Record]:
    """The town's enterprises in the six high-risk industries: 危化 first, then by category and id.

    The plan puts 危险化学品 非公中小企业 first (行动方案 五(二)), so they lead the roster.
    """
    rank = {name: i for i, name in enumerate(E.HIGH_RISK)}
    chosen = [e for e in site.records["enterprises"] if e.raw["town"] == town_id and e.raw.get("high_risk")]
    return sorted(chosen, key=lambda e: (not e.raw.get("hazchem"), rank[e.raw["high_risk"]], e.key))


def roster(site: Site, town_id: str) -> list[RosterRow]:
    as_of = site.config.as_of
    action_end = min(site.config.campaign["concentrated_action_end"], as_of)
    visits: dict[str, list[Record]] = {}
    for visit in site.records["visits"]:
        if visit.raw["date"] <= as_of:
            visits.setdefault(visit.raw["enterprise"], []).append(visit)
    rows = []
    for enterprise in high_risk_enterprises(site, town_id):
        done = sorted(visits.get(enterprise.key, []), key=lambda v: (v.raw["date"], v.key))
        first = done[0] if done else None
        rows.append(RosterRow(enterprise.view(VIEW), first.view(VIEW) if first else None,
                              first is not None and first.raw["date"] <= action_end))
    return rows


def enterprise_kind(enterprise: Record) -> str:
    """危化、非公中小、建会 (or 未建会), in words: a pre-ticked box would need a glyph the fonts lack."""
    parts = ["危化"] if enterprise.raw.get("hazchem") else []
    if is_sme(enterprise):
        parts.append("非公中小")
    parts.append("建会" if enterprise.raw["unionized"] else "未建会")
    return "、".join(parts)


def is_sme(enterprise: Record) -> bool:
    """非公中小企业: the plan's focus domain (non-public, medium/small/micro)."""
    return enterprise.raw["ownership"] == "非公" and enterprise.raw["size"] in E.SME_SIZES


# ---------------------------------------------------------------- hazard ledger summary

def town_hazards(site: Site, town_id: str) -> list[Record]:
    ids = {e.key for e in site.records["enterprises"] if e.raw["town"] == town_id}
    mine = [h for h in site.records["hazards"] if h.raw["enterprise"] in ids]
    found = {h["id"] for h in S.hazards_found([h.raw for h in mine], site.config.as_of)}
    return [h for h in mine if h.key in found]


def ledger(site: Site, town_id: str) -> dict:
    """The 隐患台账 summary: grouped tables, then every hazard not closed and every major one.

    Closed 一般 hazards stay in the enterprises' own ledgers (hundreds per town); the manual
    lists what still needs a visit. The reporter column of the ledger format is left out on
    purpose (DOMAIN.md §2.5), and so is the source of each row: a row marked 举报 next to an
    enterprise, a workshop and a date could point at the worker who reported it.
    """
    as_of = site.config.as_of
    f = site.stats.towns[town_id].hazards
    hazards = town_hazards(site, town_id)
    names = {e.key: e.raw["name"] for e in site.records["enterprises"]}
    by_enterprise = sorted(S.hazard_rows([h.raw for h in hazards], as_of, lambda h: names[h["enterprise"]]),
                           key=lambda r: (-r.found, r.label))
    tables = [
        hazard_table(f"ledger-{town_id}-category", "按“六查”类别", "六查类别", f.by_category, category_labels()),
        hazard_table(f"ledger-{town_id}-grade", "按隐患等级", "隐患等级", f.by_grade),
        hazard_table(f"ledger-{town_id}-enterprise", "按企业", "企业", by_enterprise),
    ]
    open_rows = [h for h in hazards if not S.closed_by(h.raw, as_of)]
    major = [h for h in hazards if h.raw["grade"] == "重大"]

    def order(h: Record):
        return (h.raw["found_on"], h.key)
    return {
        "figures": f,
        "tables": tables,
        "status": f.by_status,
        "open": [_ledger_row(h, as_of) for h in sorted(open_rows, key=order)],
        "major": [_ledger_row(h, as_of) for h in sorted(major, key=order)],
    }


def _ledger_row(hazard: Record, as_of: dt.date) -> dict:
    return {"h": hazard.view(VIEW), "enterprise": hazard.links["enterprise"].view(VIEW),
            "status": S.status_as_of(hazard.raw, as_of), "overdue": S.overdue(hazard.raw, as_of)}


def reinspection_rows(site: Site, town_id: str) -> list[dict]:
    """Hazards waiting for a re-inspection on the as-of date: rectified, or failed acceptance."""
    as_of = site.config.as_of
    waiting = (E.STATUS_AWAITING, E.STATUS_REJECTED)
    rows = [h for h in town_hazards(site, town_id) if S.status_as_of(h.raw, as_of) in waiting]
    return [_ledger_row(h, as_of) for h in sorted(rows, key=lambda h: (h.raw["found_on"], h.key))]


# ---------------------------------------------------------------- monthly report

@dataclasses.dataclass(frozen=True, slots=True)
class ReportLine:
    """One line of the 月报表: this month's figure (None: not a monthly count) and the total to date."""

    label: str
    month: int | str | None
    total: int | str


# The lines of the 月报表 (DOMAIN.md §5 item 12), in printed order; blank copies print the same.
REPORT_LABELS = {
    "enterprises": "涉及企业（家）／其中建会企业（家）",
    "workers": "参与职工（人，累计以月报为准）",
    "general": "排查一般隐患（项）",
    "major": "排查重大隐患（项）",
    "closed": "整改销号（项）",
    "rate": "整改率（一般／重大）",
    "overdue": "逾期未整改（项，统计日）",
    "escalated": "提请或挂牌督办（项）",
    "trainings": "举办培训班（期）",
    "attendees": "培训人次",
    "drills": "应急演练（次）",
    "drills_ok": "演练达标建会企业（家）",
    "ideas": "征集金点子（条）",
    "adopted": "采纳金点子（条）",
    "eight_ones": "安全“八个一”活动（次）",
    "family": "“家文化”进班组活动（次）",
    "visits": "督导检查企业（次）",
    "coverage": "高危行业企业督导覆盖（家）",
}


def _figures_on(site: Site, enterprises: list[dict], town_id: str, day: dt.date) -> Figures:
    """The town's figures as of `day`, by the same derive.figures as the site's own."""
    if day == site.config.as_of:
        return site.stats.towns[town_id]
    earlier = dataclasses.replace(site, config=dataclasses.replace(site.config, as_of=day))
    return figures(earlier, enterprises, {town_id})


def monthly_report(site: Site, town_id: str) -> dict:
    """The town's 月报 for the reporting period that holds the as-of date, pre-filled to date.

    The period is 上月26日–本月25日 (stats.report_period): the report due on the 25th counts
    what happened by the 25th. "本月" is the figure at the end of what is known (the as-of date,
    or the due date once it has passed) minus the figure on the eve of the period; both come
    from derive.figures, so the report can never disagree with the site's own figures.
    """
    config = site.config
    as_of = config.as_of
    due_day = config.campaign["report_due_day"]
    month = S.report_month(as_of, due_day, site.stats.months)
    period_start, due = S.report_period(month, due_day, config.campaign["start"])
    counted_to = min(as_of, due)
    enterprises = [e.raw for e in site.records["enterprises"] if e.raw["town"] == town_id]
    now = _figures_on(site, enterprises, town_id, counted_to)
    prev = _figures_on(site, enterprises, town_id, period_start - dt.timedelta(days=1))

    def closed(fig: Figures) -> int:
        return fig.hazards.general.done + fig.hazards.major.done

    def escalated(fig: Figures) -> int:
        listed = (E.STATUS_ESCALATED, E.STATUS_LISTED, E.STATUS_DELISTED)
        return sum(n for status, n in fig.hazards.by_status if status in listed)

    def line(label: str, get, monthly: bool = True) -> ReportLine:
        return ReportLine(label, get(now) - get(prev) if monthly else None, get(now))

    h = now.hazards
    label = REPORT_LABELS
    lines = [
        ReportLine(label["enterprises"], None, f"{now.enterprises}／{now.unionized}"),
        ReportLine(label["workers"], None, now.workers),
        line(label["general"], lambda f: f.hazards.general.total),
        line(label["major"], lambda f: f.hazards.major.total),
        line(label["closed"], closed),
        ReportLine(label["rate"], None, f"{h.general}／{h.major}"),
        ReportLine(label["overdue"], None, h.overdue),
        line(label["escalated"], escalated),
        line(label["trainings"], lambda f: sum(f.trainings.held.values())),
        line(label["attendees"], lambda f: f.trainings.attendees),
        line(label["drills"], lambda f: f.drills.drills),
        ReportLine(label["drills_ok"], None, f"{now.drills.compliant}／{now.drills.enterprises}"),
        line(label["ideas"], lambda f: f.ideas.submitted),
        line(label["adopted"], lambda f: f.ideas.adopted),
        line(label["eight_ones"], lambda f: sum(row.activities for row in f.eight_ones.values())),
        line(label["family"], lambda f: sum(f.family_culture.values())),
        line(label["visits"], lambda f: f.supervision.visits),
        ReportLine(label["coverage"], None,
                   f"{now.supervision.coverage_now.done}／{now.supervision.coverage_now.total}"),
    ]
    return {
        "month": month,
        "period_start": period_start,
        "as_of": counted_to,
        "due": due,
        "complete": counted_to == due,
        "period_text": schedule.report_period_text(month, site),
        "lines": lines,
        "status": site.stats.reports.get(town_id, {}).get(month),
    }
