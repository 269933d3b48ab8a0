"""安全文化: 八个一 (all eight items, completion by town), 家文化进班组, and consented works."""

from __future__ import annotations

from builder.charts import Bar, bar_chart
from builder.model import Site
from builder.schema import enums as E
from builder.tables import INT, PCT, Column, Table, ratio_columns, ratio_row, ratio_total
from builder.views import enterprise_of, town_names

WORK_HEADINGS = {"警句": "安全警句", "漫画": "安全漫画展", "征文": "安全文化征文",
                 "演讲": "“说身边安全人、讲身边安全事”主题演讲"}


def eight_ones_table(site: Site) -> Table:
    items = site.stats.county.eight_ones
    rows = tuple((f"{n}. {E.EIGHT_ONES[n]}", items[n].activities, items[n].participants, items[n].enterprises)
                 for n in E.EIGHT_ONES)
    return Table("eight-ones-by-item", "安全“八个一”各项活动开展情况",
                 (Column("item", "项目"), Column("activities", "开展活动（次）", INT),
                  Column("participants", "参加职工（人次）", INT), Column("enterprises", "开展企业（家）", INT)),
                 rows, ("合计", sum(r[1] for r in rows), sum(r[2] for r in rows), None),
                 note="第 5 项据方案原文“当一天，……安全检查员”校正为“当一天安全检查员”。"
                      "合计行不计开展企业数（同一企业可开展多项）。")


def completion_table(site: Site) -> Table:
    names = town_names(site)
    rows = tuple(ratio_row(names[t], site.stats.towns[t].eight_ones_complete) for t in names)
    return Table("eight-ones-completion-by-town", "各镇（街道）建会企业“八个一”全部完成情况",
                 (Column("town", "镇街"), *ratio_columns("八项全部开展（家）", "建会企业（家）", "完成率")),
                 rows, ratio_total(rows))


def family_table(site: Site) -> Table:
    names = town_names(site)
    rows = []
    for town_id, name in names.items():
        counts = site.stats.towns[town_id].family_culture
        rows.append((name, *(counts[k] for k in E.FAMILY_CULTURE), sum(counts.values())))
    total = tuple(sum(r[i] for r in rows) for i in range(1, len(E.FAMILY_CULTURE) + 2))
    return Table("family-culture-by-town", "“家文化”进班组活动开展情况（次）",
                 (Column("town", "镇街"), *(Column(f"k{i}", k, INT) for i, k in enumerate(E.FAMILY_CULTURE, 1)),
                  Column("total", "合计", INT)), tuple(rows), ("合计", *total))


def published_works(site: Site, visibility: str) -> dict[str, list]:
    """Works whose authors consented to publication, by kind; award winners first."""
    rank = {award: i for i, award in enumerate(E.IDEA_AWARDS)}
    out: dict[str, list] = {kind: [] for kind in E.WORK_KINDS}
    chosen = sorted((r for r in site.records["works"] if r.raw.get("consent")),
                    key=lambda r: (rank.get(r.raw.get("award"), len(rank)), r.key))
    for record in chosen:
        work = record.view(visibility)
        enterprise = enterprise_of(record, visibility)
        out[work.kind].append({"work": work, "enterprise": enterprise.name if enterprise else ""})
    return out


def works_table(site: Site, published: dict[str, list]) -> Table:
    rows = []
    for kind in E.WORK_KINDS:
        total = sum(r.raw["kind"] == kind for r in site.records["works"])
        rows.append((kind, total, len(published[kind]), pct_of(len(published[kind]), total)))
    return Table("works-by-kind", "安全文化作品征集与公开情况",
                 (Column("kind", "类别"), Column("collected", "征集（件）", INT),
                  Column("published", "经作者同意公开（件）", INT), Column("share", "公开比例", PCT)), tuple(rows),
                 note="作者未书面同意公开的作品只计入征集数，不在本站展示。")


def pct_of(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(100 * part / whole, 1)


def build(site: Site, visibility: str) -> dict:
    eight = eight_ones_table(site)
    completion = completion_table(site)
    family = family_table(site)
    published = published_works(site, visibility)
    works = works_table(site, published)
    charts = {
        "eight-ones-by-item": bar_chart(
            "chart-eight", "安全“八个一”各项参加职工人次",
            "；".join(f"{r[0]}参加 {r[2]:,} 人次" for r in eight.rows) + "。",
            [Bar(r[0], r[2]) for r in eight.rows]),
        "eight-ones-completion-by-town": bar_chart(
            "chart-eight-towns", "各镇（街道）“八个一”全部完成的建会企业比例",
            "；".join(f"{r[0]} {'无数据' if r[3] is None else f'{r[3]:.1f}%'}" for r in completion.rows) + "。",
            [Bar(r[0], r[3] or 0) for r in completion.rows], fmt=lambda v: f"{v:.1f}%", max_value=100),
    }
    kinds = [(f"works-{i}", kind, WORK_HEADINGS[kind]) for i, kind in enumerate(E.WORK_KINDS, 1) if published[kind]]
    # Each part only when it has records: an empty heading is the 空白栏目 a checker marks down.
    shows = {"eight-ones": bool(site.records["eight_ones"]), "family": bool(site.records["family_culture"]),
             "works": bool(site.records["works"])}
    toc = [(anchor, title) for anchor, title in (("eight-ones", "安全“八个一”"), ("family", "“家文化”进班组"),
                                                 ("works", "安全文化作品")) if shows[anchor]]
    toc += [(anchor, heading) for anchor, _, heading in kinds]
    tables = [t for t, anchor in ((eight, "eight-ones"), (completion, "eight-ones"), (family, "family"),
                                  (works, "works")) if shows[anchor]]
    return {"tables": tables, "charts": charts, "works": published, "kinds": kinds, "shows": shows,
            "toc": toc, "eight": eight, "completion": completion, "family": family, "works_table": works}
