"""载体活动: 金点子 (gallery of awarded and adopted ideas), 技能大赛, 示范班组, 岗位标兵."""

from __future__ import annotations

from builder.charts import Bar, bar_chart
from builder.model import Record, Site
from builder.schema import enums as E
from builder.stats import Ratio
from builder.tables import INT, PCT, Column, Table, rounded_pct
from builder.views import enterprise_of, town_names


def showcased_ideas(site: Site, visibility: str) -> list[Record]:
    """Awarded ideas first (一等奖 → 优秀奖), then adopted ones; newest first within each group.

    Ideas neither adopted nor awarded are counted on the page but not listed: hundreds of
    unreviewed suggestions would bury the ones the county chose to commend.
    """
    as_of = site.config.as_of
    chosen = [r for r in site.records["golden_ideas"]
              if r.raw["submitted_on"] <= as_of and (r.raw.get("award") or r.raw.get("adopted"))]
    rank = {award: index for index, award in enumerate(E.IDEA_AWARDS)}

    def order(r: Record):
        return (rank.get(r.raw.get("award"), len(rank)), -r.raw["submitted_on"].toordinal(), r.key)
    return [r.view(visibility) for r in sorted(chosen, key=order)]


def ideas_table(site: Site) -> Table:
    names = town_names(site)
    rows = []
    for town_id, name in names.items():
        i = site.stats.towns[town_id].ideas
        rows.append((name, i.submitted, i.adopted, rounded_pct(Ratio(i.adopted, i.submitted)), i.awarded))
    c = site.stats.county.ideas
    return Table("golden-ideas-by-town", "各镇（街道）职工安全“金点子”征集情况",
                 (Column("town", "镇街"), Column("submitted", "征集（条）", INT), Column("adopted", "采纳（条）", INT),
                  Column("rate", "采纳率", PCT), Column("awarded", "获奖（条）", INT)),
                 tuple(rows), ("合计", c.submitted, c.adopted, rounded_pct(Ratio(c.adopted, c.submitted)),
                               c.awarded))


def contest_results(site: Site, visibility: str) -> list[dict]:
    """Each contest with its results grouped by trade, in rank order."""
    out = []
    for record in sorted(site.records["contests"], key=lambda r: (r.raw["date"], r.key)):
        contest = record.view(visibility)
        results = [r for r in site.records["contest_results"] if r.raw["contest"] == record.key]
        trades = []
        for trade in contest.trades:
            rows = sorted((r for r in results if r.raw["trade"] == trade), key=lambda r: (r.raw["rank"], r.key))
            table = Table(f"contest-{record.key.lower()}-{len(trades) + 1}", f"{trade}获奖名单",
                          (Column("rank", "名次", INT), Column("name", "姓名"), Column("enterprise", "单位"),
                           Column("prize", "奖项"), Column("score", "成绩"), Column("honour", "获得荣誉")),
                          tuple((*_result_row(r, visibility), honours_of(site, "contest_result", r.key)) for r in rows))
            trades.append({"trade": trade, "table": table})
        out.append({"contest": contest, "trades": trades, "results": len(results)})
    return out


def _result_row(record: Record, visibility: str) -> tuple:
    r = record.view(visibility)
    enterprise = enterprise_of(record, visibility)
    score = "—" if r.score is None else f"{r.score:g}"
    return (r.rank, r.name, enterprise.name if enterprise else "—", r.prize or "—", score)


def honours_of(site: Site, field: str, key: str) -> str:
    """The honours awarded for a contest result, a model team or a pacesetter (the plan:
    第一名和岗位标兵 → 富民强县劳动奖章, 示范班组 → 工人先锋号), as the awards record them."""
    as_of = site.config.as_of
    found = [a.raw["honour"] for a in site.records["awards"] if a.raw.get(field) == key and a.raw["date"] <= as_of]
    return "、".join(dict.fromkeys(found)) or "—"


def people_table(site: Site, visibility: str, kind: str) -> Table:
    """示范班组 or 岗位标兵, with their enterprise and town (the public commendation list)."""
    names = town_names(site)
    rows = []
    for record in site.records[kind]:
        r = record.view(visibility)
        enterprise = enterprise_of(record, visibility)
        where = (enterprise.name, names[enterprise.raw["town"]]) if enterprise else ("—", "—")
        honour = honours_of(site, "model_team" if kind == "model_teams" else "pacesetter", record.key)
        if kind == "model_teams":
            rows.append((r.team, *where, r.headcount, r.citation or "—", honour))
        else:
            rows.append((r.name, *where, r.post, r.citation or "—", honour))
    if kind == "model_teams":
        columns = (Column("team", "班组"), Column("enterprise", "企业"), Column("town", "镇街"),
                   Column("headcount", "人数", INT), Column("citation", "主要事迹"), Column("honour", "获得荣誉"))
        return Table("model-teams", "安全生产示范班组（授予桓台县“工人先锋号”）", columns, tuple(rows))
    columns = (Column("name", "姓名"), Column("enterprise", "企业"), Column("town", "镇街"), Column("post", "岗位"),
               Column("citation", "主要事迹"), Column("honour", "获得荣誉"))
    return Table("pacesetters", "安全生产岗位标兵（授予“富民强县劳动奖章”）", columns, tuple(rows))


def build(site: Site, visibility: str) -> dict:
    ideas = ideas_table(site)
    chart = bar_chart("chart-ideas", "各镇（街道）金点子征集与采纳数",
                      "；".join(f"{r[0]}征集 {r[1]} 条、采纳 {r[2]} 条" for r in ideas.rows) + "。",
                      [Bar(r[0], r[1], r[2]) for r in ideas.rows], legend=("征集", "采纳"))
    contests = contest_results(site, visibility)
    tables = [ideas]
    for contest in contests:
        tables.extend(t["table"] for t in contest["trades"])
    teams = people_table(site, visibility, "model_teams") if site.records["model_teams"] else None
    setters = people_table(site, visibility, "pacesetters") if site.records["pacesetters"] else None
    tables.extend(t for t in (teams, setters) if t is not None)
    return {
        "ideas": site.stats.county.ideas, "tables": tables, "charts": {"golden-ideas-by-town": chart},
        "ideas_table": ideas, "contests": contests, "teams": teams, "setters": setters,
        "showcased": len(showcased_ideas(site, visibility)),
    }
