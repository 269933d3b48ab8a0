"""光荣榜: every award, grouped by honour (富民强县劳动奖章, 工人先锋号 …), in the plan's order."""

from __future__ import annotations

from builder.model import Record, Site
from builder.schema import enums as E
from builder.tables import DATE, Column, Table

# Which field of the linked record names the recipient, per award basis source.
_NAME_OF = {"contest_result": "name", "pacesetter": "name", "model_team": "team", "golden_idea": "title",
            "work": "title"}
WITHHELD = "（作者未同意公开）"


def recipient(award: Record, visibility: str) -> tuple[str, str]:
    """(recipient, enterprise name) as the public may see them.

    A safety-culture work is named only when its author consented to publication; otherwise
    the award is listed without the work's title (the author could be identified by it).
    """
    a = award.view(visibility)
    name = a.recipient
    enterprise = award.links.get("enterprise")
    for field, attr in _NAME_OF.items():
        source = award.links.get(field)
        if source is None:
            continue
        if field == "work" and not source.raw.get("consent"):
            name = WITHHELD
        else:
            name = name or getattr(source.view(visibility), attr)
        enterprise = enterprise or source.links.get("enterprise")
    town = award.links.get("town")
    where = enterprise.view(visibility).name if enterprise is not None else (town.view(visibility).name if town else "—")
    return name or "—", where


def details(award: Record, visibility: str) -> tuple[str | None, str | None, int | None]:
    """(等次, 工种/岗位, 名次) of an award: its own fields, else those of the result, idea, work
    or pacesetter it is for (a contest result carries its trade, rank and prize)."""
    a = award.view(visibility)
    result = award.links.get("contest_result")
    idea = award.links.get("golden_idea")
    work = award.links.get("work")
    setter = award.links.get("pacesetter")
    grade = a.grade or (result.raw.get("prize") if result is not None else None) \
        or (idea.raw.get("award") if idea is not None else None) \
        or (work.raw.get("award") if work is not None and work.raw.get("consent") else None)
    trade = a.trade or (result.raw["trade"] if result is not None else None) \
        or (setter.raw["post"] if setter is not None else None)
    rank = a.rank or (result.raw["rank"] if result is not None else None)
    return grade, trade, rank


AWARD_COLUMNS = (Column("no", "序号", "int"), Column("recipient", "获奖对象"), Column("unit", "单位"),
                 Column("trade", "工种/岗位"), Column("rank", "名次", "int"), Column("grade", "等次"),
                 Column("basis", "获奖依据"), Column("reward", "物质奖励"), Column("decision_no", "表彰文号"),
                 Column("date", "表彰日期", DATE))
# Columns an honour's table leaves out when none of its awards has a value (工人先锋号 has no rank).
_OPTIONAL = ("trade", "rank", "grade")


def build(site: Site, visibility: str) -> dict:
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
            a = record.view(visibility)
            name, where = recipient(record, visibility)
            grade, trade, rank = details(record, visibility)
            rows.append((index, name, where, trade, rank, grade, a.basis, a.reward or "—", a.decision_no, a.date))
        keep = [i for i, c in enumerate(AWARD_COLUMNS) if c.key not in _OPTIONAL or any(r[i] is not None for r in rows)]
        slug = f"honours-{E.HONOURS.index(honour) + 1}"
        groups.append(Table(slug, honour, tuple(AWARD_COLUMNS[i] for i in keep),
                            tuple(tuple(r[i] for i in keep) for r in rows)))
    return {"tables": groups, "charts": {}, "count": sum(len(t.rows) for t in groups),
            "toc": [(t.slug, t.caption) for t in groups]}
