"""光荣榜: every award, grouped by honour (富民强县劳动奖章, 工人先锋号 …), in the plan's order."""

from __future__ import annotations

from builder.model import Record, Site
from builder.schema import enums as E
from builder.tables import DATE, Column, Table

# Which field of the linked record names the recipient, per award basis source.
_NAME_OF = {"contest_result": "name", "pacesetter": "name", "model_team": "team", "golden_idea": "title",
            "work": "title"}
WITHHELD = "（作者未同意公开）"


def recipient(award: Record, profile: str) -> tuple[str, str]:
    """(recipient, enterprise name) as the public may see them.

    A safety-culture work is named only when its author consented to publication; otherwise
    the award is listed without the work's title (the author could be identified by it).
    """
    a = award.view(profile)
    name = a.recipient
    enterprise = award.links.get("enterprise")
    for field, attr in _NAME_OF.items():
        source = award.links.get(field)
        if source is None:
            continue
        if field == "work" and not source.raw.get("consent"):
            name = WITHHELD
        else:
            name = name or getattr(source.view(profile), attr)
        enterprise = enterprise or source.links.get("enterprise")
    town = award.links.get("town")
    where = enterprise.view(profile).name if enterprise is not None else (town.view(profile).name if town else "—")
    return name or "—", where


def build(site: Site, profile: str) -> dict:
    """Context of honours/: one table per honour that has awards."""
    groups = []
    as_of = site.config.as_of
    for honour in E.HONOURS:
        awards = sorted((r for r in site.records["awards"] if r.raw["honour"] == honour and r.raw["date"] <= as_of),
                        key=lambda r: (r.raw["date"], r.key))
        if not awards:
            continue
        rows = []
        for index, record in enumerate(awards, 1):
            a = record.view(profile)
            name, where = recipient(record, profile)
            rows.append((index, name, where, a.basis, a.reward or "—", a.decision_no, a.date))
        slug = f"honours-{E.HONOURS.index(honour) + 1}"
        groups.append(Table(slug, honour,
                            (Column("no", "序号", "int"), Column("recipient", "获奖对象"), Column("unit", "单位"),
                             Column("basis", "获奖依据"), Column("reward", "物质奖励"),
                             Column("decision_no", "表彰文号"), Column("date", "表彰日期", DATE)), tuple(rows)))
    return {"tables": groups, "charts": {}, "count": sum(len(t.rows) for t in groups),
            "toc": [(t.slug, t.caption) for t in groups]}
