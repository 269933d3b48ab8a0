"""The website's 栏目 and every page it plans, in a stable order; each 栏目 only when it has content.

An empty 栏目 fails a government site check (政府网站检查指标: 空白栏目), so a section whose
records are all missing is left out of the pages, the navigation and the site map alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from builder.model import Page, Site
from builder.views import activities, culture, hazards, home, honours, supervision, towns, training

IDEAS_PER_PAGE = 12


@dataclass(frozen=True)
class Planned:
    """One output page: its URL, template and the context particular to it."""

    url: str
    template: str
    context: dict = field(default_factory=dict)
    title: str = ""
    section: str = ""
    in_sitemap: bool = True


@dataclass(frozen=True)
class StatSection:
    """A statistics 栏目: where it lives, its template, what it needs to exist, its context."""

    key: str
    title: str
    nav_title: str
    template: str
    kinds: tuple[str, ...]          # the section exists when any of these record kinds has records
    build: Callable[[Site, str], dict]


STAT_SECTIONS = (
    StatSection("hazards", "隐患排查治理", "隐患排查治理", "hazards.html", ("hazards",), hazards.build),
    StatSection("training", "教育培训与应急演练", "培训演练", "training.html",
                ("trainings", "training_coverage", "drills"), training.build),
    StatSection("activities", "载体活动", "载体活动", "activities.html",
                ("golden_ideas", "contests", "model_teams", "pacesetters"), activities.build),
    StatSection("culture", "安全文化", "安全文化", "culture.html", ("eight_ones", "family_culture", "works"),
                culture.build),
    StatSection("supervision", "督导检查", "督导检查", "supervision.html",
                ("visits", "county_rounds", "monthly_reports", "disqualifications"), supervision.build),
    StatSection("honours", "光荣榜", "光荣榜", "honours.html", ("awards",), honours.build),
)

# Where each article 栏目 and statistics 栏目 sits in the main navigation.
NAV_ORDER = ("news", "notices", "hazards", "training", "activities", "culture", "supervision", "honours", "towns",
             "policies")


def present(site: Site, section: StatSection) -> bool:
    return any(site.records[kind] for kind in section.kinds)


def paginate(base: str, items: list, per_page: int) -> list[tuple[str, list, dict]]:
    """(url, items on that page, pager) for each page of a list; page 1 lives at `base`."""
    count = max(1, math.ceil(len(items) / per_page))

    def page_url(number: int) -> str:
        return base if number == 1 else f"{base}page/{number}/"
    return [(page_url(n), items[(n - 1) * per_page: n * per_page],
             {"number": n, "count": count, "prev": page_url(n - 1) if n > 1 else None,
              "next": page_url(n + 1) if n < count else None, "urls": [page_url(i) for i in range(1, count + 1)]})
            for n in range(1, count + 1)]


def plan_articles(site: Site) -> list[Planned]:
    """Article pages and the paginated list of each article 栏目."""
    planned = []
    for section, title in site.config.sections.items():
        pages = [p for p in site.pages if p.section == section]
        if not pages:
            continue
        for p in pages:
            planned.append(Planned(p.url, p.meta.get("template") or "page.html", {"page": p}, p.title, section))
        if section == "pages":
            continue  # single pages (活动介绍, 举报与联系) are linked one by one, not listed
        for url, chunk, pager in paginate(f"{section}/", pages, site.config.build["per_page"]):
            planned.append(Planned(url, "list.html", {"pages": chunk, "pager": pager, "section_title": title},
                                   title if pager["number"] == 1 else f"{title}（第{pager['number']}页）", section))
    return planned


def plan_stats(site: Site, visibility: str) -> list[Planned]:
    """Statistics 栏目, the 挂牌督办 list, the 金点子 gallery and the towns."""
    planned = []
    for section in STAT_SECTIONS:
        if not present(site, section):
            continue
        planned.append(Planned(f"{section.key}/", section.template, section.build(site, visibility), section.title,
                               section.key))
        if section.key == "hazards" and site.records["listings"]:
            planned.append(Planned("hazards/listings/", "listings.html",
                                   {"tables": hazards.listing_tables(site, visibility), "charts": {}},
                                   "重大隐患挂牌督办公示", "hazards"))
        if section.key == "activities":
            ideas = activities.showcased_ideas(site, visibility)
            for url, chunk, pager in paginate("activities/ideas/", ideas, IDEAS_PER_PAGE):
                suffix = "" if pager["number"] == 1 else f"（第{pager['number']}页）"
                planned.append(Planned(url, "ideas.html", {"ideas": chunk, "pager": pager, "total": len(ideas),
                                                           "summary": site.stats.county.ideas},
                                       "职工安全“金点子”展示" + suffix, "activities"))
    if site.records["towns"]:
        planned.append(Planned("towns/", "towns.html", towns.index(site, visibility), "镇街", "towns"))
        for town in site.records["towns"]:
            town_id = town.raw["id"]
            planned.append(Planned(f"towns/{town_id}/", "town.html", towns.town(site, visibility, town_id),
                                   town.raw["name"], "towns"))
    return planned


def tag_index(pages: list[Page]) -> list[tuple[str, list[Page]]]:
    """Tags with their articles, the most used first."""
    tags: dict[str, list[Page]] = {}
    for page in pages:
        for tag in page.tags:
            tags.setdefault(tag, []).append(page)
    return sorted(tags.items(), key=lambda item: (-len(item[1]), item[0]))


def tag_id(tag: str) -> str:
    """An HTML id that keeps the tag's Chinese text (ids may not contain spaces)."""
    return "tag-" + "-".join(tag.split())


def plan_site(site: Site, visibility: str = "public") -> list[Planned]:
    """Every page of the website, in a stable order."""
    planned = [Planned("", "index.html", home.build(site, visibility), "首页", "home")]
    planned += plan_articles(site)
    planned += plan_stats(site, visibility)
    tags = tag_index(site.pages)
    if tags:
        planned.append(Planned("tags/", "tags.html", {"tags": tags}, "标签", "tags"))
    groups = [(p.title, p.url, p.context["tables"]) for p in planned
              if p.context.get("tables") and any(t.rows for t in p.context["tables"])]
    if groups:
        planned.append(Planned("opendata/", "opendata.html", {"groups": groups}, "开放数据", "opendata"))
    planned.append(Planned("sitemap/", "sitemap.html", {"tree": sitemap_tree(site, planned)}, "网站地图", "sitemap"))
    # The search page: the header box on every page sends its query here (builder.search).
    planned.append(Planned("search/", "search.html", {}, "站内搜索", "search", in_sitemap=False))
    planned.append(Planned("404.html", "404.html", {}, "页面未找到", "", in_sitemap=False))
    return planned


def navigation(site: Site, planned: list[Planned]) -> list[tuple[str, str, str]]:
    """(url, label, section) of the main navigation: 首页, then each 栏目 that exists."""
    titles = {s.key: s.nav_title for s in STAT_SECTIONS}
    titles.update({"towns": "镇街", **{k: v for k, v in site.config.sections.items() if k != "pages"}})
    exists = {p.url for p in planned}
    nav = [("", "首页", "home")]
    nav += [(f"{key}/", titles[key], key) for key in NAV_ORDER if f"{key}/" in exists and key in titles]
    contact = next((p for p in site.pages if p.section == "pages" and p.slug == "contact"), None)
    if contact is not None:
        nav.append((contact.url, contact.title, "contact"))
    return nav


def sitemap_tree(site: Site, planned: list[Planned]) -> list[tuple[str, str, list[Planned]]]:
    """The 网站地图 page: each navigation entry with the pages under it (first list pages only)."""
    def first_page(p: Planned) -> bool:
        pager = p.context.get("pager")
        return pager is None or pager["number"] == 1
    tree = []
    for url, title, section in navigation(site, planned):
        children = [p for p in planned if p.section == section and p.url != url and first_page(p)]
        tree.append((url, title, children if section != "home" else []))
    listed = {u for u, _, _ in tree}
    others = [p for p in planned if p.section in ("pages", "tags", "opendata") and p.url not in listed]
    if others:
        tree.append(("", "其他", others))
    return tree
