"""首页: the key figures against the plan's targets, the concentrated action, the latest news."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from builder.charts import meter
from builder.model import Site
from builder.stats import Ratio
from builder.tables import rounded_pct

LATEST = 6


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """One tile of the home page: a figure, what it means, and its target where the plan sets one."""

    label: str
    value: str
    unit: str
    note: str = ""
    meter: Markup | None = None
    link: str = ""


def _rate(ratio: Ratio) -> str:
    value = rounded_pct(ratio)
    return "—" if value is None else f"{value:.1f}"


def key_figures(site: Site) -> list[KeyFigure]:
    c = site.stats.county
    targets = site.config.targets
    h, t = c.hazards, c.trainings
    held = t.held
    cover_target = 100 * targets["training_coverage"]
    supervision_target = 100 * targets["supervision_coverage"]
    return [
        KeyFigure("排查隐患", f"{h.found:,}", "项",
                  f"其中重大隐患 {h.major.total} 项，逾期未整改 {h.overdue} 项", link="hazards/"),
        KeyFigure("一般隐患整改率", _rate(h.general), "%",
                  f"已整改 {h.general.done:,} / {h.general.total:,} 项",
                  meter("m-general", "一般隐患整改率", rounded_pct(h.general)), "hazards/"),
        KeyFigure("重大隐患整改率", _rate(h.major), "%", f"已整改 {h.major.done} / {h.major.total} 项",
                  meter("m-major", "重大隐患整改率", rounded_pct(h.major)), "hazards/"),
        KeyFigure("参与职工", f"{c.workers:,}", "人", "各镇（街道）月报累计数", link="supervision/"),
        KeyFigure("征集“金点子”", f"{c.ideas.submitted:,}", "条",
                  f"采纳 {c.ideas.adopted} 条，获奖 {c.ideas.awarded} 条", link="activities/"),
        KeyFigure("县级培训班", f"{held.get('负责人培训班', 0) + held.get('一线职工培训班', 0)}", "期",
                  f"负责人班 {held.get('负责人培训班', 0)} 期、一线职工班 {held.get('一线职工培训班', 0)} 期"
                  f"（方案：各 {targets['leader_training_min']}–{targets['leader_training_max']} 期）",
                  link="training/"),
        KeyFigure("全员培训覆盖率", _rate(t.coverage), "%", f"目标 {cover_target:.0f}%",
                  meter("m-coverage", "全员培训覆盖率", rounded_pct(t.coverage), cover_target), "training/"),
        KeyFigure("应急演练达标率", _rate(c.drills.rate), "%",
                  f"每家建会企业至少 {targets['drills_per_enterprise']} 次、班组 100% 参与",
                  meter("m-drills", "应急演练达标率", rounded_pct(c.drills.rate), 100), "training/"),
        KeyFigure("高危企业督导覆盖率", _rate(c.supervision.coverage), "%",
                  f"集中行动期间，目标 {supervision_target:.0f}%",
                  meter("m-supervision", "高危企业督导覆盖率", rounded_pct(c.supervision.coverage), supervision_target),
                  "supervision/"),
    ]


# The kinds the home page's figures are made from.
DATA_KINDS = ("hazards", "trainings", "training_coverage", "drills", "golden_ideas", "visits", "monthly_reports")


def build(site: Site, visibility: str) -> dict:
    latest = {section: [p for p in site.pages if p.section == section][:LATEST] for section in ("news", "notices")}
    # A new site (chabaocu init) has no record yet: its home page says so instead of a wall of zeros.
    has_data = any(site.records[kind] for kind in DATA_KINDS)
    return {"figures": key_figures(site), "latest": latest, "action": site.stats.action, "has_data": has_data,
            "days_left": site.stats.action_days_left, "action_over": site.stats.action_over,
            "listings": site.stats.listings}
