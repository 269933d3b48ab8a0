"""builder.handbook: what each printed document holds, in which order, and what it never shows.

Runs on the small site in tests/handbook/fixture_site (2 towns, 6 enterprises, statistics
date 2016-03-15). No PDFs here: tests/handbook/test_pdf_output.py prints them.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from builder.diagnostics import BuildFailed, Loc, Reporter
from builder.handbook import forms
from builder.handbook.checkpoints import INDUSTRY_ITEMS, SIX_CHECK_ITEMS, UNION_ITEMS, checklist_sections
from builder.handbook.pages import adapt
from builder.handbook.plan import find_town, plan_campaign, plan_documents, plan_town
from builder.handbook.render import render_handbooks
from builder.model import VisibilityError
from builder.pipeline import build, build_handbooks, prepare

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "handbook" / "fixture_site"
INTERNAL_VALUES = ["R-FIXTURE-0001", "R-FIXTURE-0002", "R-FIXTURE-0003", "R-FIXTURE-0004", "R-FIXTURE-0005",
                   "A-FIXTURE-0001", "A-FIXTURE-0002", "A-FIXTURE-0601", "A-FIXTURE-0602"]


def copy_fixture(root: Path) -> Path:
    shutil.copytree(FIXTURE, root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    return root


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    return copy_fixture(tmp_path_factory.mktemp("hb") / "site")


@pytest.fixture(scope="module")
def site(root):
    return prepare(root, Reporter())[0]


@pytest.fixture(scope="module")
def rendered(site):
    rep = Reporter()
    books = render_handbooks(site, rep)
    # The fixture's 镇安监站 contact has no name on purpose: one warning at its record, nothing else.
    assert [(str(d.loc), d.level, d.message) for d in rep.diagnostics] == [
        ("data/towns.yaml:7", "警告", "索镇镇的联络人“镇安监站”没有姓名（name）：督导手册联络表的姓名栏只能留空手填")]
    return books


def test_town_manual_follows_the_domain_order(site):
    doc = plan_town(site, find_town(site, "suozhen"))
    assert [c.id for c in doc.chapters] == [
        "guide", "summary", "checkpoints", "roster", "checklists", "visit", "notices", "reinspection", "listing",
        "ledger", "monthly", "appendix"]
    assert doc.chapters[0].title == "一、编制说明"
    assert doc.chapters[10].title == "十一、月报表"
    assert doc.chapters[-1].title == "附录"
    assert (doc.tree, doc.visibility, doc.html_path, doc.pdf_path) == (
        "print", "handbook", "handbook/suozhen.html", "handbook/suozhen.pdf")


def test_campaign_handbook_is_public_and_goes_with_the_website(site):
    doc = plan_campaign(site)
    assert (doc.slug, doc.tree, doc.visibility) == ("campaign", "public", "public")
    assert [c.title for c in doc.chapters][:3] == ["一、行动方案", "二、年度数据", "三、各镇（街道）情况"]
    assert doc.chapters[-1].title == "附录"


def test_documents_are_the_campaign_handbook_and_one_manual_per_town(site):
    assert [d.slug for d in plan_documents(site)] == ["campaign", "suozhen", "maqiao"]
    assert [d.slug for d in plan_documents(site, "马桥")] == ["maqiao"]
    with pytest.raises(KeyError):
        plan_documents(site, "不存在镇")


def test_roster_lists_high_risk_enterprises_hazchem_first_with_their_first_visit(site):
    rows = forms.roster(site, "suozhen")
    assert [r.enterprise.id for r in rows] == ["QY-0001", "QY-0002"]  # QY-0003 is not high-risk
    assert rows[0].first_visit.date == dt.date(2016, 1, 21) and rows[0].by_action_end
    assert rows[1].first_visit is None and not rows[1].by_action_end
    assert rows[0].enterprise.address == "测试县索镇镇示例工业园一号路一号"  # a handbook field, allowed here


def test_checklist_has_the_industry_supplement_and_stays_one_page_long():
    chemical = checklist_sections("化工")
    assert [title for title, _ in chemical][-2:] == ["工会工作", "化工补充"]
    assert [title for title, _ in checklist_sections(None)][-1] == "工会工作"
    assert chemical[0][0] == "C1 制度落实"
    base = sum(len(items) for items in SIX_CHECK_ITEMS.values()) + len(UNION_ITEMS)
    # The one-page layout has room for 16 items; every industry must fit.
    assert all(base + len(extra) <= 16 for extra in INDUSTRY_ITEMS.values())


def test_ledger_lists_open_and_major_hazards_but_never_the_reporter(site):
    ledger = forms.ledger(site, "suozhen")
    assert [r["h"].id for r in ledger["open"]] == ["YH-2016-SZ-0002", "YH-2016-SZ-0003", "YH-2016-SZ-0004"]
    assert [r["h"].id for r in ledger["major"]] == ["YH-2016-SZ-0002"]
    assert ledger["open"][2]["overdue"]  # deadline 2016-03-12, not closed on 2016-03-15
    with pytest.raises(VisibilityError):
        _ = ledger["open"][0]["h"].reporter_ref


def test_reinspection_is_prefilled_with_hazards_awaiting_acceptance(site):
    assert [r["h"].id for r in forms.reinspection_rows(site, "suozhen")] == ["YH-2016-SZ-0003"]


def test_monthly_report_is_prefilled_with_this_month_and_the_total(site):
    report = forms.monthly_report(site, "suozhen")
    assert report["month"] == "2016-03"
    assert report["due"] == dt.date(2016, 3, 25)
    # The period 上月26日–本月25日, filled to the as-of date (2016-03-15): the report is not complete yet.
    assert (report["period_start"], report["as_of"], report["complete"]) == (dt.date(2016, 2, 26),
                                                                             dt.date(2016, 3, 15), False)
    assert [line.label for line in report["lines"]] == list(forms.REPORT_LABELS.values())
    lines = {line.label: (line.month, line.total) for line in report["lines"]}
    label = forms.REPORT_LABELS
    assert lines[label["general"]] == (2, 3)      # SZ-0003 and SZ-0004 found in March; SZ-0001 in January
    assert lines[label["major"]] == (0, 1)
    assert lines[label["closed"]] == (0, 1)
    assert lines[label["drills"]] == (1, 2)        # 2016-02-15 and 2016-03-10
    assert lines[label["ideas"]] == (1, 2)
    assert lines[label["adopted"]] == (0, 1)
    assert lines[label["trainings"]] == (0, 1)    # the town's own course, in February
    assert lines[label["enterprises"]] == (None, "3／2")


def test_rendered_documents_keep_every_value_in_its_place(rendered):
    town, campaign = rendered.html["suozhen"], rendered.html["campaign"]
    for html in rendered.html.values():
        for value in INTERNAL_VALUES:
            assert value not in html
    # Handbook-level values reach the town manual …
    assert "测试县索镇镇示例工业园一号路一号" in town and "李示例" in town
    assert "粉磨岗位职工未佩戴防尘口罩" in town
    assert "内部资料" in town and "举报人身份信息一律不得记录于本手册" in town
    # … never the public campaign handbook; nor does a work whose author did not consent.
    for value in ("测试县索镇镇示例工业园一号路一号", "李示例", "粉磨岗位职工未佩戴防尘口罩", "动火作业票管理不规范",
                  "我身边的安全员"):
        assert value not in campaign
    assert "隐患险于明火" in campaign


def test_the_manual_links_each_roster_line_to_its_checklist(rendered):
    town = rendered.html["suozhen"]
    assert town.count('href="#check-QY-0001"') == 2  # roster and checklist index
    assert 'id="check-QY-0001"' in town and 'id="check-blank-1"' in town
    assert len(re.findall(r'class="form checklist-form', town)) == 2 + 1  # two enterprises, one blank copy


def test_files_go_to_two_separate_trees(rendered):
    assert sorted(rendered.public) == ["handbook/campaign.html", "handbook/print.css"]
    assert sorted(rendered.private) == ["maqiao.html", "print.css", "suozhen.html"]
    assert b'href="print.css"' in rendered.public["handbook/campaign.html"]


def test_a_template_that_touches_an_internal_field_fails_at_its_line(tmp_path):
    root = copy_fixture(tmp_path / "site")
    ledger = root / "themes/default/templates/handbook/chapters/ledger.html"
    lines = ledger.read_text("utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "{% for row in items %}" in line) + 2
    lines.insert(at - 1, "<td>{{ row.h.reporter_ref }}</td>")
    ledger.write_text("\n".join(lines) + "\n", "utf-8")
    site = prepare(root, Reporter())[0]
    rep = Reporter()
    render_handbooks(site, rep, town="suozhen")
    [error] = rep.errors
    assert error.loc == Loc("themes/default/templates/handbook/chapters/ledger.html", at)
    assert error.message == "模板试图输出 hazards.reporter_ref，这是“内部（永不输出）”字段，不能出现在督导手册中"


def test_an_unknown_town_is_reported_with_a_suggestion(site):
    rep = Reporter()
    with pytest.raises(BuildFailed):
        render_handbooks(site, rep, town="索真镇")
    [error] = rep.errors
    assert error.loc == Loc("--town")
    assert error.message == "找不到镇街“索真镇”"
    assert error.hint == "是否想写“索镇镇”？"


def test_articles_get_prefixed_ids_and_absolute_links():
    html = ('<h2 id="intro">一</h2><p><a href="#intro">上文</a> <a href="../../notices/plan/index.html#x">方案</a> '
            '<a href="https://www.gov.cn/">国务院</a></p>')
    out = adapt(html, "policies/order-16/", "law-2", "https://example.gov.cn/cbc/")
    assert 'id="law-2-intro"' in out
    assert 'href="#law-2-intro"' in out
    assert 'href="https://example.gov.cn/cbc/notices/plan/#x"' in out
    assert 'href="https://www.gov.cn/"' in out


def test_build_without_pdf_writes_the_campaign_handbook_beside_the_site_and_manuals_apart(tmp_path):
    root = copy_fixture(tmp_path / "site")
    result = build(root, pdf=False)
    public, private = root / "public", root / "print" / "handbook"
    assert (public / "handbook" / "campaign.html").is_file() and (public / "handbook" / "print.css").is_file()
    assert sorted(p.name for p in private.iterdir()) == [".chabaocu-output", "index.html", "maqiao.html", "print.css",
                                                         "suozhen.html"]
    assert not list(public.rglob("suozhen.html")) and not list(public.rglob("*.pdf"))
    assert "handbook" in result.timings and "pdf" not in result.timings  # nothing printed
    assert 'href="campaign.pdf"' not in (public / "handbook" / "campaign.html").read_text("utf-8")
    assert "（未生成，运行 chabaocu handbook 生成）" in (private / "index.html").read_text("utf-8")
    # Only the town named is rebuilt; the other manual and the website stay as they were.
    index = (public / "index.html").stat().st_mtime_ns
    (private / "maqiao.html").write_text("旧的马桥镇手册", "utf-8")
    build_handbooks(root, town="索镇镇", pdf=False)
    assert (private / "maqiao.html").read_text("utf-8") == "旧的马桥镇手册"
    assert (private / "suozhen.html").is_file()
    assert (public / "index.html").stat().st_mtime_ns == index


def text_of(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def test_cover_and_colophon_carry_the_same_edition(rendered):
    for slug in ("suozhen", "campaign"):
        text = text_of(rendered.html[slug])
        assert text.count("编印日期：2016年3月15日") == 2 and text.count("数据截至：2016年3月15日") == 2


def test_every_roster_enterprise_gets_a_prefilled_checklist_and_visit_record_plus_the_spares(site, rendered):
    town = rendered.html["suozhen"]
    roster = forms.roster(site, "suozhen")
    for row in roster:
        assert f'id="check-{row.enterprise.key}"' in town and f'id="visit-{row.enterprise.key}"' in town
    copies = site.config.handbook["blank_copies"]
    assert town.count('id="visit-blank-') == copies and town.count('id="check-blank-') == copies
    assert town.count("“查保促”活动督导记录表</p>") == len(roster) + copies


def test_dates_say_which_is_the_plan_and_which_happened(rendered):
    text = text_of(rendered.html["suozhen"])
    assert "第一轮集中督导：方案要求2016年1月11日至2016年1月31日；实际2016年1月20日至2016年1月29日。" in text
    assert "统计期：2016年2月26日至2016年3月25日报送截止：2016年3月25日" in text
    assert "月报：方案要求每月25日前（含当日）报县总工会；统计期为上月26日至本月25日" in text


def test_headings_are_numbered_and_the_contents_list_them(rendered):
    town = rendered.html["suozhen"]
    assert '<h2>（一）编制依据</h2>' in town and '<h2>（五）保密要求</h2>' in town
    contents = town.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="#checkpoints-county">（一）县总工会集中督导要点</a>' in contents
    assert '<a href="#appendix-contacts">附录一　联络表</a>' in contents


def test_the_contacts_table_prints_the_names_and_a_write_in_blank_for_a_missing_one(rendered):
    town = rendered.html["suozhen"]
    assert "<td>李示例</td>" in town and "<td>周示例</td>" in town and "<td>吴示例</td>" in town
    assert "<td>______________</td>" not in rendered.html["campaign"]     # no names in the public book
    assert "周示例" not in rendered.html["campaign"]


def test_website_wording_in_a_printed_article_fails_the_build_at_its_line(tmp_path):
    root = copy_fixture(tmp_path / "site")
    law = next((root / "content" / "policies").glob("*.md"))
    law.write_text(law.read_text("utf-8") + "\n全文请点击下方链接下载。\n", "utf-8")
    line = law.read_text("utf-8").splitlines().index("全文请点击下方链接下载。") + 1
    site = prepare(root, Reporter())[0]
    rep = Reporter()
    render_handbooks(site, rep)
    errors = {(str(d.loc), d.message) for d in rep.errors}
    rel = law.relative_to(root).as_posix()
    assert (f"{rel}:{line}:4", "印刷版手册中出现只适用于网站的用语“点击”") in errors
    assert (f"{rel}:{line}:8", "印刷版手册中出现只适用于网站的用语“链接”") in errors
    assert "检查的用语：本站、本网、本页" in rep.errors[0].hint


def test_a_manual_printed_before_a_round_shows_no_actual_date_for_it(site):
    import dataclasses

    from builder import schedule

    def actual(as_of):
        early = dataclasses.replace(site, config=dataclasses.replace(site.config, as_of=as_of))
        return text_of(schedule.rounds(early)[0].actual)

    assert actual(dt.date(2016, 1, 15)) == "截至2016年1月15日尚未开展"
    assert actual(dt.date(2016, 1, 25)) == "2016年1月20日开始，截至2016年1月25日仍在进行"
    assert actual(dt.date(2016, 3, 15)) == "2016年1月20日至2016年1月29日"
