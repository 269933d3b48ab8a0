"""The campaign's figures as frozen values: what derive computes once and every output reads.

A web page, a chart, an open-data file, a spreadsheet's statistics sheet and a printed form all
read these same values, so none of them can disagree with another. Each field says what it
counts; templates reach them by the same names (`stats.county.hazards.general`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from builder.stats import DrillCompliance, EightOnesItem, HazardRow, IdeaFigures, ListingSummary, Ratio


@dataclass(frozen=True, slots=True)
class HazardFigures:
    """The hazard ledger (隐患台账) summed up, as of the build's date."""

    found: int                                 # hazards found (not counting 核实不属实)
    general: Ratio                             # 一般隐患整改率: closed of found
    major: Ratio                               # 重大隐患整改率
    overdue: int                               # 逾期未整改
    five_fixes: Ratio                          # 五落实 complete, over every hazard found
    by_category: tuple[HazardRow, ...]         # by 六查 C1–C6, in the plan's order
    by_grade: tuple[HazardRow, ...]            # 一般 / 重大
    by_industry: tuple[HazardRow, ...]         # most hazards first
    by_month: tuple[HazardRow, ...]            # campaign months up to the as-of date
    by_status: tuple[tuple[str, int], ...]     # (status as of the date, count), every status but 核实不属实
    by_source: tuple[HazardRow, ...]           # 职工排查 / 企业自查 / 工会检查 / 督导检查 / 举报
    # 整改层级, in the plan's order (个人岗位 → 班组 → 车间 → 企业 → 挂牌督办), then those whose
    # level is not settled yet (registered, 五落实 pending): where each hazard is being put right.
    by_level: tuple[HazardRow, ...]


@dataclass(frozen=True, slots=True)
class TrainingFigures:
    """Training sessions held and the plan's 全员培训 coverage of unionized enterprises."""

    held: dict[str, int]          # training kind -> sessions held
    attendees: int                # people at the sessions held
    coverage: Ratio               # employees trained of employees, unionized enterprises
    enterprises_full: int         # unionized enterprises whose every employee was trained
    coverage_records: int         # unionized enterprises that reported their coverage


@dataclass(frozen=True, slots=True)
class SupervisionFigures:
    """督导: how many high-risk enterprises were visited."""

    coverage: Ratio               # high-risk enterprises visited by the end of the 集中行动
    coverage_now: Ratio           # … visited by the as-of date
    visits: int                   # visits made by the as-of date


@dataclass(frozen=True, slots=True)
class Figures:
    """Every campaign figure for a set of enterprises: the county's, or one town's."""

    as_of: dt.date
    enterprises: int                           # enterprises in scope
    unionized: int                             # of which 建会企业
    high_risk: int                             # of which in a high-risk industry
    employees: int                             # employees of the unionized enterprises
    hazards: HazardFigures
    trainings: TrainingFigures
    drills: DrillCompliance                    # unionized enterprises meeting the drill targets
    supervision: SupervisionFigures
    ideas: IdeaFigures
    eight_ones: dict[int, EightOnesItem]       # item number 1–8 -> its figures
    eight_ones_complete: Ratio                 # unionized enterprises that held all eight
    family_culture: dict[str, int]             # “家文化” activity kind -> activities held
    works: int                                 # culture works (漫画、征文…) entered
    drill_scenarios: tuple[tuple[str, int, int], ...]   # (演练科目, drills, participants), most first
    workers: int                               # workers taking part, from the towns' latest reports


@dataclass(frozen=True, slots=True)
class ActionResult:
    """The 集中行动's own result: hazards and supervision as they stood on its last day."""

    end: dt.date
    found: int
    general: Ratio
    major: Ratio
    coverage: Ratio


@dataclass(frozen=True, slots=True)
class MonthProgress:
    """One campaign month across the towns' monthly reports received by the as-of date (月报汇总)."""

    month: str                    # 2016-03
    reports: int                  # towns whose report for the month had come in
    trainings: int                # classes held that month (towns' and enterprises')
    trainees: int                 # people trained that month
    drills: int                   # drills held that month
    drill_participants: int
    ideas: int                    # 金点子 collected that month
    hazards_found: int            # cumulative, summed over the towns that reported


@dataclass(frozen=True, slots=True)
class Stats:
    """What derive adds to the site: the county's and each town's figures, and the calendar."""

    county: Figures
    towns: dict[str, Figures]                  # town id -> its figures
    months: tuple[str, ...]                    # the campaign's months, 2016-01 … 2016-12
    reports: dict[str, dict[str, str]]         # town id -> month -> 按时 / 迟报 / 未报 / 未到期
    listings: ListingSummary
    action_days_left: int                      # days from the as-of date to the 集中行动's end
    action_over: bool
    action: ActionResult
    progress: tuple[MonthProgress, ...]        # the towns' monthly reports summed up, month by month
