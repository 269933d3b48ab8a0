"""Stage 3: compute every figure once, for the county and for each town (pure, no I/O)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from builder import stats as S
from builder.figures import (
    ActionResult,
    Figures,
    HazardFigures,
    MonthProgress,
    Stats,
    SupervisionFigures,
    TrainingFigures,
)
from builder.model import Site
from builder.schema import enums as E


def _raw(site: Site, kind: str) -> list[dict]:
    return [r.raw for r in site.records[kind]]


def figures(site: Site, enterprises: list[dict], town_ids: set[str] | None = None,
            facts: S.HazardFacts | None = None) -> Figures:
    """All campaign figures for a set of enterprises (the county, or one town).

    `facts`: every hazard's closed/overdue as of the site's date, when the caller has them.
    """
    config = site.config
    as_of = config.as_of
    targets = config.targets
    ids = {e["id"] for e in enterprises}

    def mine(kind: str) -> list[dict]:
        return [r for r in _raw(site, kind) if r.get("enterprise") in ids]

    industry = {e["id"]: e["industry"] for e in enterprises}
    hazards = S.hazards_found(mine("hazards"), as_of)
    if facts is None or facts.as_of != as_of:
        facts = S.HazardFacts(hazards, as_of)
    # The plan's 100% target is for unionized enterprises' employees (建会企业职工).
    unionized = {e["id"] for e in enterprises if e["unionized"]}
    coverage = [c for c in mine("training_coverage") if c["enterprise"] in unionized]
    trainings = [t for t in _raw(site, "trainings") if town_ids is None or t.get("town") in town_ids]
    held = S.trainings_held(trainings, as_of)
    action_end = min(config.campaign["concentrated_action_end"], as_of)
    reports = [r for r in _raw(site, "monthly_reports") if town_ids is None or r["town"] in town_ids]

    def rows(key, order=None) -> tuple[S.HazardRow, ...]:
        return tuple(S.hazard_rows(hazards, as_of, key, order=order, facts=facts))

    months = [m for m in S.campaign_months(config.campaign["start"], config.campaign["end"])
              if m <= as_of.strftime("%Y-%m")]
    return Figures(
        as_of=as_of,
        enterprises=len(enterprises),
        unionized=sum(e["unionized"] for e in enterprises),
        high_risk=sum(bool(e.get("high_risk")) for e in enterprises),
        employees=sum(e["employees"] for e in enterprises if e["unionized"]),
        hazards=HazardFigures(
            found=len(hazards),
            general=S.rectification(hazards, as_of, "一般", facts),
            major=S.rectification(hazards, as_of, "重大", facts),
            overdue=sum(facts(h)[1] for h in hazards),
            # Over every hazard found: past 待整改 the five fixes are required by validation, so
            # only the registered ones can lack them (counting only the others always gave 100%).
            five_fixes=S.five_fixes_complete(hazards),
            by_category=rows(lambda h: h["category"], order=E.SIX_CHECKS),
            by_grade=rows(lambda h: h["grade"], order=E.GRADES),
            by_industry=tuple(sorted(rows(lambda h: industry[h["enterprise"]]), key=lambda row: (-row.found, row.label))),
            by_month=rows(lambda h: h["found_on"].strftime("%Y-%m"), order=months),
            by_status=_status_counts(hazards, as_of),
            by_source=rows(lambda h: h["source"], order=E.HAZARD_SOURCES),
            by_level=rows(lambda h: h.get("level") or LEVEL_UNSET, order=(*E.LEVELS, LEVEL_UNSET)),
        ),
        trainings=TrainingFigures(
            held={kind: held.get(kind, 0) for kind in E.TRAINING_KINDS},
            attendees=sum(t["attendees"] for t in trainings if t["date"] <= as_of),
            coverage=S.training_coverage(coverage),
            enterprises_full=sum(c["trained"] >= targets["training_coverage"] * c["employees"] for c in coverage),
            coverage_records=len(coverage),
        ),
        drills=S.drill_compliance(enterprises, mine("drills"), as_of, targets["drills_per_enterprise"],
                                  targets["team_participation"]),
        supervision=SupervisionFigures(
            coverage=S.supervision_coverage(enterprises, mine("visits"), action_end),
            coverage_now=S.supervision_coverage(enterprises, mine("visits"), as_of),
            visits=sum(v["date"] <= as_of for v in mine("visits")),
        ),
        ideas=S.golden_idea_summary(mine("golden_ideas"), as_of),
        eight_ones=S.eight_ones_by_item(mine("eight_ones"), as_of),
        eight_ones_complete=S.eight_ones_completion(enterprises, mine("eight_ones"), as_of),
        family_culture=_count_by(mine("family_culture"), "kind", E.FAMILY_CULTURE, as_of),
        works=len(mine("works")),
        drill_scenarios=_drill_scenarios(mine("drills"), as_of),
        workers=S.workers_taking_part(reports, as_of),
    )


# A hazard registered without its 五落实 has no 整改层级 yet.
LEVEL_UNSET = "尚未确定"


def _progress(reports: list[dict], months: list[str], as_of: dt.date) -> tuple[MonthProgress, ...]:
    """Each month's figures summed over the reports that had come in by `as_of`."""
    rows = []
    for month in months:
        got = [r for r in reports if r["month"] == month and r.get("submitted_on") and r["submitted_on"] <= as_of]
        if not got:
            continue

        def total(name: str, got=got) -> int:
            return sum(r.get(name) or 0 for r in got)
        rows.append(MonthProgress(month, len(got), total("trainings"), total("trainees"), total("drills"),
                                  total("drill_participants"), total("ideas"), total("hazards_found")))
    return tuple(rows)


def _status_counts(hazards: list[dict], as_of: dt.date) -> tuple[tuple[str, int], ...]:
    counts = {status: 0 for status in E.STATUSES if status != E.STATUS_INVALID}
    for h in hazards:
        counts[S.status_as_of(h, as_of)] += 1
    return tuple(counts.items())


def _drill_scenarios(drills: list[dict], as_of: dt.date) -> tuple[tuple[str, int, int], ...]:
    """(演练科目, drills held, participants), the most practised scenario first."""
    counts: dict[str, list[int]] = {}
    for d in drills:
        if d["date"] <= as_of:
            row = counts.setdefault(d["scenario"], [0, 0])
            row[0] += 1
            row[1] += d["participants"]
    return tuple(sorted(((k, n, p) for k, (n, p) in counts.items()), key=lambda r: (-r[1], r[0])))


def _count_by(rows: list[dict], key: str, order, as_of: dt.date) -> dict[str, int]:
    counts = {k: 0 for k in order}
    for r in rows:
        if r["date"] <= as_of:
            counts[r[key]] += 1
    return counts


def derive(site: Site) -> Site:
    """The site with its figures (Stats): county, each town, report matrix, countdown. Pure."""
    config = site.config
    as_of = config.as_of
    enterprises = _raw(site, "enterprises")
    towns = _raw(site, "towns")
    by_town = {t["id"]: [e for e in enterprises if e["town"] == t["id"]] for t in towns}
    months = S.campaign_months(config.campaign["start"], config.campaign["end"])
    action_end = config.campaign["concentrated_action_end"]
    facts = S.HazardFacts(_raw(site, "hazards"), as_of)
    stats = Stats(
        county=figures(site, enterprises, facts=facts),
        towns={t["id"]: figures(site, by_town[t["id"]], {t["id"]}, facts) for t in towns},
        months=tuple(months),
        reports=S.report_matrix(towns, _raw(site, "monthly_reports"), months,
                                config.campaign["report_due_day"], as_of),
        listings=S.listings_summary(_raw(site, "listings"), as_of),
        action_days_left=(action_end - as_of).days,
        action_over=as_of > action_end,
        action=action_result(site, enterprises, min(action_end, as_of)),
        progress=_progress(_raw(site, "monthly_reports"), months, as_of),
    )
    return dataclasses.replace(site, stats=stats)


def action_result(site: Site, enterprises: list[dict], end: dt.date) -> ActionResult:
    """The concentrated action's own result: hazards and supervision as they stood on its last day."""
    hazards = S.hazards_found(_raw(site, "hazards"), end)
    return ActionResult(
        end=end,
        found=len(hazards),
        general=S.rectification(hazards, end, "一般"),
        major=S.rectification(hazards, end, "重大"),
        coverage=S.supervision_coverage(enterprises, _raw(site, "visits"), end),
    )
