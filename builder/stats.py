"""Derived figures, as of one date: pure functions of the validated records (no I/O).

Every figure the site, the handbook and the monthly-report form show is computed here,
once, so that a page and a printed form can never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from builder.schema import enums as E
from builder.schema.records import FIVE_FIXES


@dataclass(frozen=True, slots=True)
class Ratio:
    """A count against a total, e.g. closed hazards of all hazards."""

    done: int
    total: int

    @property
    def pct(self) -> float | None:
        return None if self.total == 0 else 100.0 * self.done / self.total

    def __str__(self) -> str:
        return "—" if self.pct is None else f"{self.pct:.1f}%"

    def meets(self, target: float) -> bool:
        return self.total > 0 and self.done >= target * self.total - 1e-9


def closed_by(hazard: dict, as_of: dt.date) -> bool:
    return hazard["status"] in E.CLOSED_STATUSES and hazard.get("closed_on") is not None and hazard["closed_on"] <= as_of


def overdue(hazard: dict, as_of: dt.date) -> bool:
    """Past its deadline and not rectified in time (逾期未整改).

    A hazard rectified by its deadline and only waiting for acceptance (待验收) is not overdue:
    the rectification was on time, the acceptance visit is the union's to make.
    """
    deadline = hazard.get("deadline")
    if closed_by(hazard, as_of) or deadline is None or deadline >= as_of:
        return False
    rectified = hazard.get("rectified_on")
    return not (rectified is not None and rectified <= deadline and rectified <= as_of)


def status_as_of(hazard: dict, as_of: dt.date) -> str:
    """The status the ledger showed on `as_of` (a hazard closed later was still being rectified)."""
    if hazard["status"] in E.CLOSED_STATUSES and not closed_by(hazard, as_of):
        return E.STATUS_LISTED if hazard["status"] == E.STATUS_DELISTED else E.STATUS_IN_PROGRESS
    return hazard["status"]


class HazardFacts:
    """Whether each hazard was closed (closed_by) and is overdue, as of one date, worked out once.

    The statistics group the same hazards dozens of ways (by category, grade, month, source,
    industry, for the county and every town): with a 100,000-row ledger, asking again per
    table was most of the derive stage. Looked up by identity; the hazards are kept alive
    here, so an id can't come to mean another dict. A hazard it wasn't given is worked out.
    """

    def __init__(self, hazards: list[dict], as_of: dt.date):
        self.as_of = as_of
        self._hazards = list(hazards)
        self._facts = {id(h): (closed_by(h, as_of), overdue(h, as_of)) for h in self._hazards}

    def __call__(self, hazard: dict) -> tuple[bool, bool]:
        found = self._facts.get(id(hazard))
        return found if found is not None else (closed_by(hazard, self.as_of), overdue(hazard, self.as_of))


def hazards_found(hazards: list[dict], as_of: dt.date) -> list[dict]:
    """Hazards found by `as_of`, not counting those verified as unfounded (核实不属实)."""
    return [h for h in hazards if h["found_on"] <= as_of and h["status"] != E.STATUS_INVALID]


@dataclass(frozen=True, slots=True)
class HazardRow:
    """One line of a hazard table: found, closed, overdue, major."""

    label: str
    found: int
    closed: int
    overdue: int
    major: int

    @property
    def rate(self) -> Ratio:
        return Ratio(self.closed, self.found)


def hazard_rows(hazards: list[dict], as_of: dt.date, key, order=None,
                facts: HazardFacts | None = None) -> list[HazardRow]:
    """Group hazards by `key(h)` into table rows, in `order` when given (missing groups show 0)."""
    facts = facts if facts is not None and facts.as_of == as_of else HazardFacts(hazards, as_of)
    groups: dict[str, list] = defaultdict(lambda: [0, 0, 0, 0])  # found, closed, overdue, major
    for h in hazards:
        closed, late = facts(h)
        row = groups[key(h)]
        row[0] += 1
        row[1] += closed
        row[2] += late
        row[3] += h["grade"] == "重大"
    labels = list(order) if order is not None else sorted(groups)
    return [HazardRow(label, *groups[label]) for label in labels]


def rectification(hazards: list[dict], as_of: dt.date, grade: str, facts: HazardFacts | None = None) -> Ratio:
    """整改率 for one grade: closed by `as_of` of those found by `as_of`."""
    graded = [h for h in hazards if h["grade"] == grade]
    facts = facts if facts is not None and facts.as_of == as_of else HazardFacts(graded, as_of)
    return Ratio(sum(facts(h)[0] for h in graded), len(graded))


def five_fixes_complete(hazards: list[dict]) -> Ratio:
    """Hazards with all five 五落实 fields filled in."""
    return Ratio(sum(all(h.get(name) not in (None, "") for name in FIVE_FIXES) for h in hazards), len(hazards))


@dataclass(frozen=True, slots=True)
class ListingSummary:
    """挂牌督办 listings as of the date."""

    listed: int
    delisted: int

    @property
    def open(self) -> int:
        return self.listed - self.delisted


def listings_summary(listings: list[dict], as_of: dt.date) -> ListingSummary:
    listed = [r for r in listings if r["listed_on"] <= as_of]
    closed = [r for r in listed if r.get("delisted_on") and r["delisted_on"] <= as_of]
    return ListingSummary(len(listed), len(closed))


def trainings_held(trainings: list[dict], as_of: dt.date) -> Counter:
    return Counter(t["kind"] for t in trainings if t["date"] <= as_of)


def training_coverage(coverage: list[dict]) -> Ratio:
    return Ratio(sum(c["trained"] for c in coverage), sum(c["employees"] for c in coverage))


@dataclass(frozen=True, slots=True)
class DrillCompliance:
    enterprises: int          # unionized enterprises
    enough_drills: int        # with >= the target number of drills
    full_teams: int           # whose every drill had all teams taking part
    compliant: int            # both
    drills: int

    @property
    def rate(self) -> Ratio:
        return Ratio(self.compliant, self.enterprises)


def drill_compliance(enterprises: list[dict], drills: list[dict], as_of: dt.date, per_enterprise: int,
                     team_share: float) -> DrillCompliance:
    """Unionized enterprises meeting the plan: >= N drills, each with the target share of teams."""
    by_enterprise: dict[str, list[dict]] = defaultdict(list)
    for d in drills:
        if d["date"] <= as_of:
            by_enterprise[d["enterprise"]].append(d)
    unionized = [e for e in enterprises if e["unionized"]]
    enough = full = both = 0
    for e in unionized:
        held = by_enterprise.get(e["id"], [])
        has_enough = len(held) >= per_enterprise
        has_full = bool(held) and all(
            d["teams_total"] == 0 or d["teams_participating"] >= team_share * d["teams_total"] - 1e-9 for d in held)
        enough += has_enough
        full += has_full
        both += has_enough and has_full
    count = sum(len(by_enterprise.get(e["id"], [])) for e in unionized)
    return DrillCompliance(len(unionized), enough, full, both, count)


def supervision_coverage(enterprises: list[dict], visits: list[dict], by: dt.date) -> Ratio:
    """High-risk enterprises visited at least once by `by` (集中行动 full coverage)."""
    high_risk = {e["id"] for e in enterprises if e.get("high_risk")}
    visited = {v["enterprise"] for v in visits if v["date"] <= by} & high_risk
    return Ratio(len(visited), len(high_risk))


def campaign_months(start: dt.date, end: dt.date) -> list[str]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def report_due(month: str, due_day: int) -> dt.date:
    year, mon = (int(p) for p in month.split("-"))
    return dt.date(year, mon, due_day)


def report_period(month: str, due_day: int, first: dt.date) -> tuple[dt.date, dt.date]:
    """The days one monthly report covers: from the day after last month's due date to this due date.

    The plan asks for the report 每月25日前; a report that is due on the 25th can only count
    what happened by the 25th, so the period is 上月26日–本月25日 and the periods tile the year
    with no gap and no overlap. The first period starts with the campaign (`first`).
    """
    end = report_due(month, due_day)
    previous = (end.replace(day=1) - dt.timedelta(days=1)).replace(day=due_day)
    return max(previous + dt.timedelta(days=1), first), end


def report_month(day: dt.date, due_day: int, months: list[str]) -> str:
    """The report whose period holds `day` (after the 25th: next month's), within `months`."""
    month = f"{day.year:04d}-{day.month:02d}"
    if day.day > due_day:
        month = f"{day.year + 1:04d}-01" if day.month == 12 else f"{day.year:04d}-{day.month + 1:02d}"
    return min(max(month, months[0]), months[-1])


ON_TIME, LATE, MISSING, NOT_DUE = "按时", "迟报", "未报", "未到期"


def report_status(report: dict | None, month: str, due_day: int, as_of: dt.date) -> str:
    """按时 / 迟报 / 未报 for one town and month, or 未到期 when the due date is after `as_of`."""
    due = report_due(month, due_day)
    submitted = report.get("submitted_on") if report else None
    if submitted is not None and submitted <= as_of:
        return ON_TIME if submitted <= due else LATE
    return NOT_DUE if due >= as_of else MISSING


def report_matrix(towns: list[dict], reports: list[dict], months: list[str], due_day: int,
                  as_of: dt.date) -> dict[str, dict[str, str]]:
    """town id -> month -> status."""
    by_key = {(r["town"], r["month"]): r for r in reports}
    return {t["id"]: {m: report_status(by_key.get((t["id"], m)), m, due_day, as_of) for m in months} for t in towns}


@dataclass(frozen=True, slots=True)
class IdeaFigures:
    """金点子 submitted by the as-of date."""

    submitted: int
    adopted: int
    awarded: int

    @property
    def adoption(self) -> Ratio:
        return Ratio(self.adopted, self.submitted)


def golden_idea_summary(ideas: list[dict], as_of: dt.date) -> IdeaFigures:
    held = [i for i in ideas if i["submitted_on"] <= as_of]
    return IdeaFigures(len(held), sum(bool(i.get("adopted")) for i in held), sum(bool(i.get("award")) for i in held))


@dataclass(frozen=True, slots=True)
class EightOnesItem:
    """One of the 安全“八个一” items: activities held, people taking part, enterprises holding it."""

    activities: int
    participants: int
    enterprises: int


def eight_ones_by_item(activities: list[dict], as_of: dt.date) -> dict[int, EightOnesItem]:
    """For each of the eight items: activities held, people taking part, enterprises holding it."""
    counts = {item: [0, 0, set()] for item in E.EIGHT_ONES}
    for a in activities:
        if a["date"] <= as_of:
            row = counts[a["item"]]
            row[0] += 1
            row[1] += a["participants"]
            row[2].add(a["enterprise"])
    return {item: EightOnesItem(n, people, len(places)) for item, (n, people, places) in counts.items()}


def eight_ones_completion(enterprises: list[dict], activities: list[dict], as_of: dt.date) -> Ratio:
    """Unionized enterprises that held all eight items by `as_of`."""
    items: dict[str, set] = defaultdict(set)
    for a in activities:
        if a["date"] <= as_of:
            items[a["enterprise"]].add(a["item"])
    unionized = [e["id"] for e in enterprises if e["unionized"]]
    return Ratio(sum(len(items[e]) == len(E.EIGHT_ONES) for e in unionized), len(unionized))


def workers_taking_part(reports: list[dict], as_of: dt.date) -> int:
    """Sum over towns of the latest cumulative 参与职工 figure reported by `as_of`."""
    latest: dict[str, dict] = {}
    for r in reports:
        if r.get("submitted_on") and r["submitted_on"] <= as_of and r.get("workers") is not None:
            if r["town"] not in latest or r["month"] > latest[r["town"]]["month"]:
                latest[r["town"]] = r
    return sum(r["workers"] for r in latest.values())
