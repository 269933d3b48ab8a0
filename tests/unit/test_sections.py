"""builder.sections: every 栏目 with content gets its pages; an empty one leaves no trace."""

from __future__ import annotations

from builder.sections import navigation, paginate, plan_site, sitemap_tree, tag_id, tag_index

HAZARD = """\
- id: YH-2016-SZ-0001
  enterprise: QY-0001
  found_on: 2016-02-01
  source: 职工排查
  category: C3
  description: 防护罩缺失
  grade: 一般
  status: 已销号
  responsible_person: 车间主任
  responsible_unit: 一车间
  measures: 加装防护罩
  funds_cny: 500
  deadline: 2016-02-20
  contingency_plan: 停机挂牌
  closed_on: 2016-02-15
"""


def urls(planned) -> list[str]:
    return [p.url for p in planned]


def test_minimal_site_plans_only_sections_with_content(make_site, site_files, prepare_site):
    site = prepare_site(make_site(site_files))
    planned = plan_site(site)
    assert urls(planned)[:3] == ["", "news/2016-01-20-kickoff/", "news/"]
    # No hazards, trainings, ideas, awards … in the data: none of those 栏目 exist.
    for absent in ("hazards/", "training/", "activities/", "culture/", "supervision/", "honours/"):
        assert absent not in urls(planned)
    assert "towns/" in urls(planned) and "towns/suozhen/" in urls(planned)
    assert [label for _, label, _ in navigation(site, planned)] == ["首页", "工作动态", "镇街"]


def test_one_hazard_brings_the_hazard_section_and_its_open_data(make_site, site_files, prepare_site):
    site = prepare_site(make_site({**site_files, "data/hazards.yaml": HAZARD}))
    planned = plan_site(site)
    hazards = next(p for p in planned if p.url == "hazards/")
    assert hazards.template == "hazards.html"
    assert hazards.context["h"].found == 1
    assert "hazards/listings/" not in urls(planned)  # nothing was listed: no empty 公示 page
    opendata = next(p for p in planned if p.url == "opendata/")
    assert ("隐患排查治理", "hazards/") in [(title, url) for title, url, _ in opendata.context["groups"]]
    assert "隐患排查治理" in [label for _, label, _ in navigation(site, planned)]


def test_paginate_puts_page_one_at_the_section_url():
    pages = paginate("news/", list(range(25)), 10)
    assert [(url, len(items)) for url, items, _ in pages] == [("news/", 10), ("news/page/2/", 10),
                                                             ("news/page/3/", 5)]
    assert pages[1][2] == {"number": 2, "count": 3, "prev": "news/", "next": "news/page/3/",
                           "urls": ["news/", "news/page/2/", "news/page/3/"]}
    assert paginate("news/", [], 10)[0][0] == "news/"


def test_sitemap_lists_children_but_not_later_list_pages(make_site, site_files, prepare_site):
    site = prepare_site(make_site(site_files))
    tree = {title: [p.url for p in children] for _, title, children in sitemap_tree(site, plan_site(site))}
    assert tree["工作动态"] == ["news/2016-01-20-kickoff/"]
    assert tree["镇街"] == ["towns/suozhen/"]
    assert tree["其他"] == ["pages/about/", "opendata/"]  # the towns overview table is open data


def test_tags_keep_their_chinese_text_in_ids(make_site, site_files, prepare_site):
    files = {**site_files, "content/news/2016-01-20-kickoff.md":
             "---\ntitle: 动员会\ndate: 2016-01-20\ntags: [隐患 排查, 金点子]\n---\n\n正文。\n"}
    site = prepare_site(make_site(files))
    assert [(tag, len(items)) for tag, items in tag_index(site.pages)] == [("金点子", 1), ("隐患 排查", 1)]
    assert tag_id("隐患 排查") == "tag-隐患-排查"
