"""The campaign's dates, one source each: what the plan requires (site.toml) and what happened (records).

The plan's windows — the campaign year, the 集中行动 deadline, the county's two rounds, the
monthly report's due day — are declared once in site.toml [campaign]; the actual dates come
from the records (county_rounds, visits, monthly_reports) as of the build's as-of date. Every
printed mention of one of these events is one of the sentences made here, worded the same way
in every document and on the website, and always saying which is which: 方案要求 or 实际.
tools/printqa.py reads these sentences back from the PDFs and fails when two disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from builder import stats as S
from builder.model import Site
from builder.templates import cn_date as _cn_date


def cn_date(day: dt.date) -> Markup:
    """A date that never breaks across lines (print.css .date)."""
    return Markup('<span class="date">%s</span>') % _cn_date(day)


@dataclass(frozen=True, slots=True)
class Event:
    """One dated event: its name, the plan's requirement and what happened, both as printed text."""

    name: str
    plan: Markup
    actual: Markup

    @property
    def sentence(self) -> Markup:
        return Markup("%s：方案要求%s；实际%s。") % (self.name, self.plan, self.actual)


def window(start: dt.date, end: dt.date) -> Markup:
    """Both ends in full, so a reader (and the print QA) never has to guess the month or year."""
    return Markup("%s至%s") % (cn_date(start), cn_date(end))


def rounds(site: Site) -> list[Event]:
    """The county's 集中督导 rounds: the plan's window, and the round as held (by the as-of date)."""
    as_of = site.config.as_of
    held = {r.raw["round"]: r.raw for r in site.records["county_rounds"]}
    events = []
    for number, planned in enumerate(site.config.campaign["rounds"], 1):
        record = held.get(number)
        if record is None or record["start"] > as_of:
            actual = Markup("截至%s尚未开展") % cn_date(as_of)
        elif record["end"] > as_of:
            actual = Markup("%s开始，截至%s仍在进行") % (cn_date(record["start"]), cn_date(as_of))
        else:
            actual = window(record["start"], record["end"])
        events.append(Event(planned["name"], window(planned["start"], planned["end"]), actual))
    return events


def concentrated_action(site: Site, coverage) -> Event:
    """The 集中行动: every high-risk enterprise visited once by its end (coverage: a stats Ratio)."""
    campaign = site.config.campaign
    end = campaign["concentrated_action_end"]
    plan = Markup("%s前对高危行业企业全部督导一次") % cn_date(end)
    if site.config.as_of < end:
        actual = Markup("截至%s已督导%d家，共%d家") % (cn_date(site.config.as_of), coverage.done, coverage.total)
    else:
        actual = Markup("到期已督导%d家，共%d家") % (coverage.done, coverage.total)
    return Event("集中行动", plan, actual)


def report_rule(site: Site) -> Markup:
    """The monthly report's due day and period, in the words every document uses."""
    due = site.config.campaign["report_due_day"]
    return Markup("月报：方案要求每月%d日前（含当日）报县总工会；统计期为上月%d日至本月%d日（首期从%s起）") % (
        due, due + 1, due, cn_date(site.config.campaign["start"]))


def report_period_text(month: str, site: Site) -> Markup:
    start, due = S.report_period(month, site.config.campaign["report_due_day"], site.config.campaign["start"])
    return Markup("统计期：%s　报送截止：%s") % (window(start, due), cn_date(due))


def edition(site: Site, compiled_on: dt.date) -> tuple[Markup, Markup]:
    """编印日期 and 数据截至, as every cover and colophon prints them."""
    return Markup("编印日期：%s") % cn_date(compiled_on), Markup("数据截至：%s") % cn_date(site.config.as_of)
