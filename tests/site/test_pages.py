"""The figures on the built example site, recomputed from data/ with plain YAML (tests/site/figures.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import figures as F
import pytest
from sitehtml import number, pairs, percent, tables, texts


def town_name(data: dict) -> dict[str, str]:
    return {t["id"]: t["name"] for t in data["towns"]}


# ---------------------------------------------------------------- home page


def test_home_key_figures_match_the_data(html_files, data, as_of):
    cards = pairs(html_files["index.html"], "figure-label", "figure-value")
    assert number(cards["排查隐患"]) == len(F.found(data, as_of))
    done, total = F.rectification(data, as_of, "一般")
    assert percent(cards["一般隐患整改率"]) == F.pct(done, total)
    done, total = F.rectification(data, as_of, "重大")
    assert percent(cards["重大隐患整改率"]) == F.pct(done, total)
    ideas = [i for i in data["golden_ideas"] if i["submitted_on"] <= as_of]
    assert number(cards["征集“金点子”"]) == len(ideas)
    covered = F.coverage_by_town(data).values()
    assert percent(cards["全员培训覆盖率"]) == F.pct(sum(c[0] for c in covered), sum(c[1] for c in covered))
    compliant = F.drills_compliant_by_town(data, as_of).values()
    assert percent(cards["应急演练达标率"]) == F.pct(sum(c[0] for c in compliant), sum(c[1] for c in compliant))
    supervised = F.supervised_by_town(data, dt.date(2016, 4, 30)).values()
    assert percent(cards["高危企业督导覆盖率"]) == F.pct(sum(s[0] for s in supervised), sum(s[1] for s in supervised))
    county = [t for t in ("负责人培训班", "一线职工培训班")]
    assert number(cards["县级培训班"]) == sum(t["kind"] in county and t["date"] <= as_of for t in data["trainings"])


def test_home_concentrated_action_result_is_as_of_its_last_day(html_files, data):
    end = dt.date(2016, 4, 30)
    box = pairs(html_files["index.html"], "action-figure-label", "action-figure-value")
    assert number(box["集中行动期间排查隐患"]) == len(F.found(data, end))
    done, total = F.rectification(data, end, "一般")
    assert percent(box["一般隐患整改率"]) == F.pct(done, total)


def test_home_lists_the_latest_news_and_notices(html_files):
    home = texts(html_files["index.html"], "article-title")
    news = texts(html_files["news/index.html"], "article-title")[:6]
    notices = texts(html_files["notices/index.html"], "article-title")[:6]
    assert home == news + notices


def test_lists_link_every_article_newest_first(html_files):
    for section in ("news", "notices", "policies"):
        articles = sorted(p for p in html_files if p.startswith(f"{section}/") and "/page/" not in p
                          and p != f"{section}/index.html")
        lists = [html for p, html in html_files.items() if p == f"{section}/index.html"
                 or p.startswith(f"{section}/page/")]
        titles = [t for html in lists for t in texts(html, "article-title")]
        assert len(titles) == len(articles), section
        dates = [d for html in lists for d in re.findall(r'<time datetime="([\d-]+)"', html)]
        assert dates == sorted(dates, reverse=True), section


# ---------------------------------------------------------------- 隐患排查治理


def test_hazards_by_town(html_files, data, as_of):
    table = tables(html_files["hazards/index.html"])["各镇（街道）隐患排查整改情况"]
    expected = F.hazards_by_town(data, as_of)
    names = town_name(data)
    assert [row[0] for row in table.rows] == [t["name"] for t in data["towns"]]
    for town_id, row in expected.items():
        cells = table.by_label()[names[town_id]]
        assert [number(cells[0]), number(cells[1]), percent(cells[2]), number(cells[3]), number(cells[4])] == \
               [row["found"], row["closed"], F.pct(row["closed"], row["found"]), row["major"], row["overdue"]]
    assert number(table.total[1]) == len(F.found(data, as_of))


def test_hazards_by_six_checks_grade_and_month(html_files, data, as_of):
    page = tables(html_files["hazards/index.html"])
    by_category = F.hazards_by(data, as_of, lambda h: h["category"])
    for label, cells in page["按“六查”类别统计"].by_label().items():
        assert number(cells[0]) == by_category[label.split()[0]], label
    by_grade = F.hazards_by(data, as_of, lambda h: h["grade"])
    assert {k: number(v[0]) for k, v in page["按隐患等级统计"].by_label().items()} == dict(by_grade)
    by_month = F.hazards_by(data, as_of, lambda h: h["found_on"].month)
    assert {int(k.rstrip("月")): number(v[0]) for k, v in page["按发现月份统计"].by_label().items()} == \
           {m: by_month.get(m, 0) for m in range(1, 13)}


def test_hazard_statistics_show_no_enterprise_or_reporter(html_files, data):
    page = html_files["hazards/index.html"]
    assert not any(e["name"] in page for e in data["enterprises"])
    assert not any(h.get("reporter_ref") and h["reporter_ref"] in page for h in data["hazards"])


def _listing_cards(html: str) -> dict[str, list[dict]]:
    """Each listing is a small label | value table captioned "N. enterprise", per section."""
    head, _, tail = html.partition('<h2 id="closed">')
    return {name: [{"unit": t.caption.split(". ", 1)[1], **{row[0]: row[1] for row in t.rows}}
                   for caption, t in tables(part).items() if re.match(r"\d+\. ", caption)]
            for name, part in (("open", head), ("closed", tail))}


def test_listings_page_shows_listed_and_delisted_with_the_unit_responsible(html_files, data, as_of):
    cards = _listing_cards(html_files["hazards/listings/index.html"])
    hazards = {h["id"]: h for h in data["hazards"]}
    enterprises = {e["id"]: e for e in data["enterprises"]}
    listed = [r for r in data["listings"] if r["listed_on"] <= as_of]
    delisted = [r for r in listed if r.get("delisted_on") and r["delisted_on"] <= as_of]
    assert len(cards["open"]) == len(listed) - len(delisted) and len(cards["closed"]) == len(delisted)
    by_unit = {enterprises[hazards[r["hazard"]]["enterprise"]]["name"]: r for r in listed}
    assert sorted(c["unit"] for c in cards["open"] + cards["closed"]) == sorted(by_unit)
    for card in cards["open"] + cards["closed"]:
        listing = by_unit[card["unit"]]
        # 整改责任单位: as written, else the hazard's own enterprise (the schema's rule).
        assert card["整改责任单位"] == (listing.get("responsible_unit") or card["unit"])
        assert card["整改期限"] == f"{listing['deadline'].year}年{listing['deadline'].month}月{listing['deadline'].day}日"
        assert card["状态"] == ("已摘牌" if listing in delisted else "挂牌督办中")


def test_hazards_by_rectification_level(html_files, data, as_of):
    table = tables(html_files["hazards/index.html"])["按整改层级统计"]
    expected = F.hazards_by_level(data, as_of)
    assert [row[0] for row in table.rows] == ["个人岗位", "班组", "车间", "企业", "挂牌督办", "尚未确定"]
    for label, cells in table.by_label().items():
        row = expected.get(label, {"found": 0, "closed": 0})
        assert [number(cells[0]), number(cells[1])] == [row["found"], row["closed"]], label
    assert number(table.total[1]) == len(F.found(data, as_of))
    assert "chart-level" in html_files["hazards/index.html"]


# ---------------------------------------------------------------- 教育培训与应急演练


def test_training_coverage_and_drills_by_town(html_files, data, as_of):
    page = tables(html_files["training/index.html"])
    names = town_name(data)
    coverage = page["建会企业职工全员培训覆盖率（目标 100%）"].by_label()
    for town_id, (trained, employees) in F.coverage_by_town(data).items():
        cells = coverage[names[town_id]]
        assert (number(cells[0]), number(cells[1]), percent(cells[2])) == \
               (trained, employees, F.pct(trained, employees))
    drills = page["应急演练达标情况（每家建会企业至少 2 次、班组 100% 参与）"].by_label()
    for town_id, (compliant, unionized) in F.drills_compliant_by_town(data, as_of).items():
        cells = drills[names[town_id]]
        assert (number(cells[0]), number(cells[4])) == (unionized, compliant), names[town_id]


def test_drills_by_scenario(html_files, data, as_of):
    rows = tables(html_files["training/index.html"])["按演练科目统计的应急演练"].by_label()
    held = [d for d in data["drills"] if d["date"] <= as_of]
    expected = {}
    for d in held:
        count, people = expected.get(d["scenario"], (0, 0))
        expected[d["scenario"]] = (count + 1, people + d["participants"])
    assert {k: (number(v[0]), number(v[1])) for k, v in rows.items()} == expected
    counts = [number(v[0]) for v in rows.values()]
    assert counts == sorted(counts, reverse=True)  # the most practised scenario first


def test_training_sessions_against_the_plan(html_files, data, as_of):
    rows = tables(html_files["training/index.html"])["培训班举办情况（对照方案目标）"].by_label()
    for kind in ("负责人培训班", "一线职工培训班"):
        held = sum(t["kind"] == kind and t["date"] <= as_of for t in data["trainings"])
        assert number(rows[kind][0]) == held
        assert rows[kind][2] == ("达到" if held >= 1 else "未达到")


# ---------------------------------------------------------------- 载体活动 and 光荣榜


def test_golden_ideas_by_town(html_files, data, as_of):
    rows = tables(html_files["activities/index.html"])["各镇（街道）职工安全“金点子”征集情况"].by_label()
    names = town_name(data)
    for town_id, (submitted, adopted, awarded) in F.ideas_by_town(data, as_of).items():
        cells = rows[names[town_id]]
        assert (number(cells[0]), number(cells[1]), number(cells[3])) == (submitted, adopted, awarded)


def test_idea_gallery_shows_awarded_then_adopted_ideas_without_authors(html_files, data, as_of):
    chosen = [i for i in data["golden_ideas"] if i["submitted_on"] <= as_of and (i.get("award") or i.get("adopted"))]
    gallery = {path: html for path, html in html_files.items() if path.startswith("activities/ideas/")}
    titles = [t for path in sorted(gallery, key=lambda p: (len(p), p)) for t in texts(gallery[path], "idea-title")]
    assert sorted(titles) == sorted(i["title"] for i in chosen)
    rank = {"一等奖": 0, "二等奖": 1, "三等奖": 2, "优秀奖": 3}
    badges = [b for path in sorted(gallery, key=lambda p: (len(p), p)) for b in texts(gallery[path], "badges")]
    ranks = [min([r for award, r in rank.items() if award in b] or [4]) for b in badges]
    assert ranks == sorted(ranks)  # awarded first, by grade, then the adopted ones
    assert sorted(ranks) == sorted(rank.get(i.get("award"), 4) for i in chosen)
    assert not any(i.get("author_ref") and i["author_ref"] in html for html in gallery.values()
                   for i in data["golden_ideas"])


def test_honour_roll_groups_every_award_by_honour(html_files, data, as_of):
    page = tables(html_files["honours/index.html"])
    awards = [a for a in data["awards"] if a["date"] <= as_of]
    for honour in {a["honour"] for a in awards}:
        assert len(page[honour].rows) == sum(a["honour"] == honour for a in awards), honour
    shown = " ".join(" ".join(row) for t in page.values() for row in t.rows)
    for pacesetter in data.get("pacesetters", []):
        if any(a.get("pacesetter") == pacesetter["id"] and a["date"] <= as_of for a in awards):
            assert pacesetter["name"] in shown


def test_honours_show_trade_rank_and_grade_and_lead_to_the_plans_awards(html_files, data, as_of):
    medal = tables(html_files["honours/index.html"])["富民强县劳动奖章"]
    head = medal.header
    results = {r["id"]: r for r in data["contest_results"]}
    winners = [results[a["contest_result"]] for a in data["awards"]
               if a["date"] <= as_of and a["honour"] == "富民强县劳动奖章" and a.get("contest_result")]
    rows = {row[head.index("获奖对象")]: row for row in medal.rows}
    for result in winners:  # the plan: 技能大赛第一名 → 富民强县劳动奖章
        row = rows[result["name"]]
        assert (row[head.index("工种/岗位")], row[head.index("名次")], row[head.index("等次")]) == \
               (result["trade"], "1", result["prize"])
    activities = html_files["activities/index.html"]
    for trade in {r["trade"] for r in winners}:
        first = tables(activities)[f"{trade}获奖名单"].rows[0]
        assert first[0] == "1" and first[-1] == "富民强县劳动奖章"
    teams = tables(activities)["安全生产示范班组（授予桓台县“工人先锋号”）"]
    assert all(row[-1] == "工人先锋号" for row in teams.rows)


# ---------------------------------------------------------------- 安全文化


def test_works_published_only_with_consent(html_files, data):
    culture = html_files["culture/index.html"]
    rows = tables(culture)["安全文化作品征集与公开情况"].by_label()
    for kind in ("警句", "漫画", "征文", "演讲"):
        of_kind = [w for w in data["works"] if w["kind"] == kind]
        assert number(rows[kind][0]) == len(of_kind)
        assert number(rows[kind][1]) == sum(bool(w["consent"]) for w in of_kind)
    shown = len(texts(culture, "essay")) + culture.count("<figure>") + culture.count("<blockquote>")
    assert shown == sum(bool(w["consent"]) for w in data["works"])
    every_page = "\n".join(html_files.values())
    for work in data["works"]:
        if not work["consent"]:
            if work.get("text"):
                assert work["text"].strip() not in every_page, work["id"]
            if work.get("image"):
                assert work["image"].rsplit("/", 1)[-1] not in every_page, work["id"]
                assert work["alt"] not in every_page, work["id"]


def test_cartoons_are_images_with_their_alt_text(html_files, data, public):
    culture = html_files["culture/index.html"]
    for work in data["works"]:
        if work["kind"] == "漫画" and work["consent"]:
            assert f'alt="{work["alt"]}"' in culture
            assert (public / work["image"]).is_file()


def test_eight_ones_items_and_completion(html_files, data, as_of):
    page = tables(html_files["culture/index.html"])
    items = page["安全“八个一”各项活动开展情况"].by_label()
    assert list(items)[4] == "5. 当一天安全检查员"  # the plan's broken item 5, corrected
    for n in range(1, 9):
        held = [a for a in data["eight_ones"] if a["item"] == n and a["date"] <= as_of]
        row = next(v for k, v in items.items() if k.startswith(f"{n}. "))
        assert (number(row[0]), number(row[1])) == (len(held), sum(a["participants"] for a in held))


# ---------------------------------------------------------------- 督导检查


def test_monthly_report_matrix(html_files, data, as_of):
    rows = tables(html_files["supervision/index.html"])["各镇（街道）月报报送情况（每月25日前报县总工会）"].by_label()
    for town in data["towns"]:
        cells = rows[town["name"]]
        statuses = [F.report_status(data, town["id"], m, as_of) for m in range(1, 13)]
        assert [c.split()[-1] for c in cells[:12]] == statuses, town["name"]
        counts = [statuses.count(s) for s in ("按时", "迟报", "未报")]
        assert [number(c) for c in cells[12:]] == counts


def test_supervision_coverage_by_town(html_files, data):
    rows = tables(html_files["supervision/index.html"])
    table = next(t for caption, t in rows.items() if caption.startswith("高危行业企业督导覆盖情况"))
    names = town_name(data)
    for town_id, (visited, high_risk) in F.supervised_by_town(data, dt.date(2016, 4, 30)).items():
        cells = table.by_label()[names[town_id]]
        assert (number(cells[0]), number(cells[1]), percent(cells[2])) == \
               (visited, high_risk, F.pct(visited, high_risk))


def test_ankang_cup_disqualifications(html_files, data):
    table = tables(html_files["supervision/index.html"])["取消当年度“安康杯”竞赛参评资格的单位"]
    assert len(table.rows) == len(data.get("disqualifications", []))


# ---------------------------------------------------------------- 镇街


@pytest.mark.parametrize("index", range(9))
def test_town_page_figures(html_files, data, as_of, index):
    town = data["towns"][index]
    page = html_files[f"towns/{town['id']}/index.html"]
    stat = pairs(page, "stat-label", "stat-value")
    expected = F.hazards_by_town(data, as_of)[town["id"]]
    assert number(stat["发现隐患"]) == expected["found"]
    assert number(stat["逾期未整改"]) == expected["overdue"]
    months = tables(page)["月报报送情况及报送数据"]
    assert [row[1].split()[-1] for row in months.rows] == \
           [F.report_status(data, town["id"], m, as_of) for m in range(1, 13)]
    reports = {r["month"]: r for r in data["monthly_reports"] if r["town"] == town["id"]}
    for row in months.rows:
        report = reports.get(f"2016-{int(row[0][:-1]):02d}", {})
        if report.get("submitted_on"):
            for name, label in (("trainings", "培训（期）"), ("drills", "演练（次）"), ("ideas", "金点子（条）")):
                assert number(row[months.header.index(label)]) == report[name], (row[0], name)
    levels = tables(page)["按整改层级统计"]
    assert number(levels.total[1]) == expected["found"]


def test_monthly_progress_sums_the_towns_reports(html_files, data, as_of):
    table = tables(html_files["supervision/index.html"])["各月工作进展（各镇街月报汇总）"]
    for row in table.rows:
        month = f"2016-{int(row[0][:-1]):02d}"
        got = [r for r in data["monthly_reports"] if r["month"] == month and r.get("submitted_on")
               and r["submitted_on"] <= as_of]
        assert number(row[1]) == len(got)
        assert number(row[table.header.index("应急演练（次）")]) == sum(r["drills"] for r in got)
        assert number(row[table.header.index("金点子（条）")]) == sum(r["ideas"] for r in got)


def test_contact_page_lists_the_county_phones_and_every_towns_union(html_files, data, config):
    page = tables(html_files["pages/contact/index.html"])
    county = page["县总工会、县安监局联系电话"]
    assert [row[2] for row in county.rows] == [c["phone"] for c in config["contacts"] if not c.get("hotline")]
    towns = page["各镇（街道）总工会办公电话"].by_label()
    assert {name: cells[1] for name, cells in towns.items()} == {t["name"]: t["union_phone"] for t in data["towns"]}


def test_towns_index_links_every_town(html_files, data):
    page = html_files["towns/index.html"]
    for town in data["towns"]:
        assert f'href="{town["id"]}/index.html"' in page


# ---------------------------------------------------------------- open data


def test_open_data_matches_the_page(public, html_files):
    shown = tables(html_files["hazards/index.html"])["各镇（街道）隐患排查整改情况"]
    rows = list(csv.reader(io.StringIO((public / "opendata/hazards-by-town.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][0] == "镇街" and rows[0][3] == "整改率（%）"
    for csv_row, html_row in zip(rows[1:], shown.rows + [shown.total], strict=True):
        assert csv_row[0] == html_row[0]
        assert [int(v) for v in (csv_row[1], csv_row[2])] == [number(html_row[1]), number(html_row[2])]
        assert float(csv_row[3]) == percent(html_row[3])
    document = json.loads((public / "opendata/hazards-by-town.json").read_text(encoding="utf-8"))
    assert [r["found"] for r in document["rows"]] == [number(r[1]) for r in shown.rows]


def test_every_statistics_table_offers_its_downloads(public, html_files):
    for path, html in html_files.items():
        for slug in set(_download_slugs(html)):
            assert (public / f"opendata/{slug}.csv").is_file(), (path, slug)
            assert (public / f"opendata/{slug}.json").is_file(), (path, slug)
    catalog = json.loads((public / "opendata/catalog.json").read_text(encoding="utf-8"))
    assert len(catalog["datasets"]) == len(list((public / "opendata").glob("*.csv")))


def _download_slugs(html: str) -> list[str]:
    return re.findall(r'opendata/([\w-]+)\.csv"', html)


# ---------------------------------------------------------------- privacy at the output


def test_no_internal_value_in_any_output_file(public, data):
    secrets = {str(r[name]) for records in data.values() for r in records
               for name in ("reporter_ref", "author_ref") if r.get(name)}
    assert secrets, "the example data should have reporter and author codes to hide"
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)))
    for path in public.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".csv", ".js", ".txt"):
            leaked = pattern.findall(path.read_text(encoding="utf-8", errors="replace"))
            assert not leaked, (path, leaked[:3])
