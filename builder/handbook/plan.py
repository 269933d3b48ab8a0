"""Plan the printed documents: each town's 督导手册 and the county campaign handbook, chapter by chapter.

Planning decides *what* each document holds (which records, in which order, under which
chapter); the templates in themes/<theme>/templates/handbook/ decide how it looks. Both
documents are planned from the same validated, derived Site as the website (issue 4).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from builder import schedule
from builder.handbook import forms
from builder.handbook.checkpoints import COUNTY_POINTS, RESULTS, SIX_CHECK_ITEMS, UNION_ITEMS, checklist_sections
from builder.handbook.pages import PrintPage, print_pages
from builder.model import Record, Site
from builder.schema import enums as E

CAMPAIGN = "campaign"
NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True, slots=True)
class Chapter:
    """One chapter: a bookmark, a TOC entry and a running header; starts on a new page.

    Its numbered parts (h2 with class bm2) join the contents list when the document is
    rendered (builder.handbook.headings), so the contents and the bookmarks never disagree.
    """

    id: str
    title: str
    template: str
    context: dict = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Document:
    """One printed document and where it goes.

    `tree` is "public" (the website's output, for the county handbook made from public data
    only) or "print" (the unpublished folder of site.toml [build] print_output, for the town
    manuals that carry handbook-level data). `visibility`: the fields its records may show.
    """

    slug: str
    kind: str                 # "town" | "campaign"
    title: str
    short_title: str          # running header
    visibility: str
    tree: str
    chapters: tuple[Chapter, ...]
    context: dict = field(default_factory=dict)

    @property
    def html_path(self) -> str:
        return f"handbook/{self.slug}.html"

    @property
    def pdf_path(self) -> str:
        return f"handbook/{self.slug}.pdf"


def numbered(chapters: list[tuple]) -> tuple[Chapter, ...]:
    """Chapters from (id, title, template, context) rows, numbered 一、二 … in order.

    The appendix keeps its own name (附录).
    """
    out = []
    number = 0
    for chapter_id, title, template, context in chapters:
        if not title.startswith("附录"):
            number += 1
            title = f"{chinese_numeral(number)}、{title}"
        out.append(Chapter(chapter_id, title, template, context))
    return tuple(out)


def chinese_numeral(n: int) -> str:
    """1 -> 一, 12 -> 十二, 21 -> 二十一 (up to 99)."""
    if n <= 10:
        return NUMERALS[n - 1]
    return ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def find_town(site: Site, wanted: str) -> Record | None:
    """A town by id, full name or short name (索镇镇, suozhen, 索镇)."""
    for town in site.records["towns"]:
        if wanted in (town.raw["id"], town.raw["name"], town.raw["short"]):
            return town
    return None


def common_context(site: Site) -> dict:
    """Context every document shares: the campaign, the county check points, the forms' rules."""
    config = site.config
    return {
        "campaign": config.campaign, "targets": config.targets, "hb": config.handbook, "site_cfg": config.site,
        "as_of": config.as_of, "year": config.campaign["year"], "copies": config.handbook["blank_copies"],
        "county_points": COUNTY_POINTS, "six_items": SIX_CHECK_ITEMS, "union_items": UNION_ITEMS,
        "six_checks": E.SIX_CHECKS, "eight_ones": E.EIGHT_ONES, "high_risk": E.HIGH_RISK,
        "blank_sections": checklist_sections(None), "results": RESULTS,
        "report_labels": tuple(forms.REPORT_LABELS.values()), "compiled_on": compiled_on(site),
        # One source for every date (builder.schedule): plan windows and what happened.
        "round_events": schedule.rounds(site), "report_rule": schedule.report_rule(site),
        "action_event": lambda coverage: schedule.concentrated_action(site, coverage),
        "edition": schedule.edition(site, compiled_on(site)),
        # The published phone numbers (site.toml [[contacts]]): the appendix prints the hotlines from here.
        "hotlines": [c for c in config.contacts if c["hotline"]],
    }


def _plan_page(site: Site):
    doc_no = site.config.campaign.get("plan_doc_no")
    for page in site.pages:
        if doc_no and page.meta.get("doc_no") == doc_no:
            return page
    return None


def _law_pages(site: Site) -> list:
    """The 政策法规 section, oldest first: the manual's legal bases (安全生产法, 16号令 …)."""
    return sorted((p for p in site.pages if p.section == "policies"), key=lambda p: (p.date, p.url))


# ---------------------------------------------------------------- town manual

def plan_town(site: Site, town: Record) -> Document:
    """The 督导手册 of one town, in the order of DOMAIN.md §5."""
    t = town.view(forms.VIEW)
    town_id = town.key
    roster = forms.roster(site, town_id)
    appendix_pages: list[PrintPage] = print_pages(_law_pages(site), f"{town_id}-law", site.config.site["base_url"])
    year = site.config.campaign["year"]
    county = _county(site)
    title = f"{county}{t.name}“{site.config.campaign['name']}”活动督导手册"
    spares = site.config.handbook["blank_copies"]
    # One checklist and one visit record per enterprise on the roster, pre-filled with its
    # name ([handbook] forms_per_enterprise), then the spare blank copies.
    per_enterprise = roster if site.config.handbook["forms_per_enterprise"] else []
    forms_note = f"每种表格另附空白表 {spares} 份，不够时可复印。" if spares else "不够时可复印。"
    chapters = numbered([
        ("guide", "编制说明", "handbook/chapters/guide.html", {}),
        ("summary", "活动要点摘要", "handbook/chapters/summary.html", {}),
        ("checkpoints", "督导检查要点", "handbook/chapters/checkpoints.html", {}),
        ("roster", "督导对象名册", "handbook/chapters/roster.html", {"rows": roster}),
        ("checklists", "企业检查表", "handbook/chapters/checklists.html",
         {"rows": per_enterprise, "sections_of": checklist_sections, "note": forms_note}),
        ("visit", "督导记录表", "handbook/chapters/visit.html", {"rows": per_enterprise, "note": forms_note}),
        ("notices", "整改建议书与整改指令书", "handbook/chapters/notices.html", {"note": forms_note}),
        ("reinspection", "整改复查记录", "handbook/chapters/reinspection.html",
         {"rows": forms.reinspection_rows(site, town_id), "note": forms_note}),
        ("listing", "重大隐患提请挂牌督办申报表", "handbook/chapters/listing.html", {"note": forms_note}),
        ("ledger", "隐患台账摘要", "handbook/chapters/ledger.html", forms.ledger(site, town_id)),
        ("monthly", "月报表", "handbook/chapters/monthly.html", {"report": forms.monthly_report(site, town_id),
                                                               "submitted": forms.submitted_reports(site, town_id)}),
        ("appendix", "附录", "handbook/chapters/appendix.html", {"laws": appendix_pages}),
    ])
    context = {
        "cover_lines": (f"{county}{t.name}", f"“{site.config.campaign['name']}”", "活动督导手册"),
        "town": t, "figures": site.stats.towns[town_id], "doc_no": f"桓查保促督〔{year}〕{t.short}-",
        "compilers": (t.union_org, t.safety_station), "is_sme": forms.is_sme, "enterprise_kind": forms.enterprise_kind,
    }
    return Document(town_id, "town", title, f"{t.name}“查保促”活动督导手册", forms.VIEW, "print", chapters, context)


# ---------------------------------------------------------------- county campaign handbook

def plan_campaign(site: Site) -> Document:
    """The county handbook: public data only, published on the website beside the site."""
    from builder.handbook import campaign  # the views it reuses are only needed here

    visibility = "public"
    plan_page = _plan_page(site)
    base_url = site.config.site["base_url"]
    chapters: list[tuple] = []
    if plan_page is not None:
        chapters.append(("plan", "行动方案", "handbook/chapters/plan.html",
                         {"page": print_pages([plan_page], "plan", base_url)[0]}))
    chapters += [
        ("figures", "年度数据", "handbook/chapters/figures.html", campaign.figures(site, visibility)),
        ("towns", "各镇（街道）情况", "handbook/chapters/towns.html", campaign.towns(site)),
        ("honours", "光荣榜", "handbook/chapters/honours.html", campaign.honours(site, visibility)),
        ("ideas", "职工安全“金点子”", "handbook/chapters/ideas.html", campaign.ideas(site, visibility)),
        ("culture", "安全文化建设", "handbook/chapters/culture.html", campaign.culture(site, visibility)),
        ("supervision", "督导检查与月报", "handbook/chapters/supervision.html", campaign.supervision(site, visibility)),
        ("checkpoints", "督导检查要点", "handbook/chapters/checkpoints.html", {}),
        ("blank-forms", "督导常用表格", "handbook/chapters/blank_forms.html", {}),
        ("appendix", "附录", "handbook/chapters/appendix.html",
         {"laws": print_pages(_law_pages(site), "law", base_url)}),
    ]
    title = site.config.handbook["title"]
    context = {"cover_lines": _cover_lines(f"{_county(site)}{title}"), "town": None, "figures": site.stats.county,
               "doc_no": f"桓查保促督〔{site.config.campaign['year']}〕",
               "compilers": (site.config.handbook["county_union"], site.config.handbook["county_safety"]),
               "is_sme": forms.is_sme, "enterprise_kind": forms.enterprise_kind}
    return Document(CAMPAIGN, "campaign", title, f"{site.config.campaign['year']}年“查保促”活动手册", visibility,
                    "public", numbered(chapters), context)


def _county(site: Site) -> str:
    """The county's name, from its union's: 桓台县总工会 -> 桓台县."""
    return site.config.handbook["county_union"].removesuffix("总工会")


def _cover_lines(title: str) -> tuple[str, ...]:
    """A long title in lines that break at its quotation marks, not inside a word."""
    parts = [p for p in title.replace("“", "\n“").replace("”", "”\n").split("\n") if p]
    return tuple(parts)


def plan_documents(site: Site, town: str | None = None) -> list[Document]:
    """Every document of this build: the campaign handbook and each town's manual, or one town's.

    Raises KeyError naming the town when `town` matches no town (the caller reports it).
    """
    if town is not None:
        record = find_town(site, town)
        if record is None:
            raise KeyError(town)
        return [plan_town(site, record)]
    return [plan_campaign(site)] + [plan_town(site, t) for t in site.records["towns"]]


def compiled_on(site: Site) -> dt.date:
    """The date printed on covers: [handbook] compiled_on, else the as-of date."""
    return site.config.handbook.get("compiled_on") or site.config.as_of
