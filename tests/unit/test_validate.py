"""builder.validate: schemas applied to every file, cross-references, rules spanning records, pages."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.config import load_config
from builder.diagnostics import Reporter, format_report
from builder.load import load
from builder.validate import validate

HAZARD = """\
- id: {id}
  enterprise: QY-0001
  found_on: 2016-03-01
  source: 职工排查
  category: C1
  description: 护栏缺失
  grade: {grade}
  status: 待整改
"""


@pytest.fixture
def check(make_site, site_files):
    """Validate site_files plus `extra`; return (site, report text)."""
    def check_(extra: dict[str, str]):
        root = make_site({**site_files, **extra})
        rep = Reporter()
        config = load_config(root, rep)
        site = validate(config, load(root, rep), rep)
        return site, format_report(rep.diagnostics)
    return check_


def test_valid_site_resolves_references(check):
    site, report = check({"data/hazards.yaml": HAZARD.format(id="YH-1", grade="一般")})
    assert report == ""
    qy2 = site.get("enterprises", "QY-0002")
    assert qy2.raw["town"] == "suozhen"  # written as the town's name 索镇镇, stored as its id
    assert qy2.links["town"] is site.get("towns", "suozhen")
    hazard = site.get("hazards", "YH-1")
    assert hazard.links["enterprise"] is site.get("enterprises", "QY-0001")
    assert hazard.links["town"] is site.get("towns", "suozhen")


def test_unknown_town_with_did_you_mean(check):
    _, report = check({"data/visits.yaml": "- id: DD-1\n  town: 索真镇\n  enterprise: QY-0001\n"
                                           "  date: 2016-02-01\n  method: 随机抽查\n"})
    assert report == (
        "data/visits.yaml:2: 错误: 镇街“索真镇”不存在：找不到这个镇街（unknown reference）\n"
        "    提示: 是否想写：suozhen 索镇镇？写编号或完整名称都可以\n"
        "共 1 个错误，0 个警告。")


def test_unknown_reference_in_a_list_without_close_match(check):
    _, report = check({"data/visits.yaml": "- id: DD-1\n  town: suozhen\n  enterprise: QY-0001\n"
                                           "  date: 2016-02-01\n  method: 随机抽查\n  hazards: [不存在的编号]\n"})
    assert report.splitlines()[:2] == [
        "data/visits.yaml:6: 错误: 隐患“不存在的编号”不存在：找不到这个隐患台账（unknown reference）",
        "    提示: 先在 data/hazards 里添加这条隐患台账记录",
    ]


def test_duplicate_id_across_files_names_both_places(check):
    _, report = check({"data/hazards/a.yaml": HAZARD.format(id="YH-1", grade="一般"),
                       "data/hazards/b.yaml": "# 第二个文件\n" + HAZARD.format(id="YH-1", grade="一般")})
    assert report == (
        "data/hazards/b.yaml:2: 错误: 重复的隐患台账编号（duplicate id）“YH-1”：data/hazards/a.yaml:1 已经用过\n"
        "    提示: 每条记录的编号必须唯一；请改用新的编号\n"
        "共 1 个错误，0 个警告。")


def test_duplicate_monthly_report_key(check):
    report_text = "- town: suozhen\n  month: 2016-03\n  submitted_on: 2016-03-20\n"
    _, report = check({"data/monthly_reports.yaml": report_text + report_text})
    assert report.splitlines()[0] == (
        "data/monthly_reports.yaml:4: 错误: 重复的月报编号（duplicate id）“suozhen/2016-03”：data/monthly_reports.yaml:1 已经用过")


def test_listing_of_a_general_hazard(check):
    listing = ("- id: GP-1\n  hazard: YH-1\n  listing_no: 桓安委办〔2016〕1号\n  listing_org: 县安委办\n"
               "  supervising_unit: 县安监局\n  summary: 护栏缺失\n  listed_on: 2016-03-05\n"
               "  deadline: 2016-06-30\n  status: 挂牌督办中\n")
    _, report = check({"data/hazards.yaml": HAZARD.format(id="YH-1", grade="一般"), "data/listings.yaml": listing})
    assert report == (
        "data/listings.yaml:2: 错误: 只有重大隐患才能挂牌督办，而隐患 YH-1 是“一般”\n"
        "    提示: 核对隐患编号或等级\n"
        "共 1 个错误，0 个警告。")
    _, report = check({"data/hazards.yaml": HAZARD.format(id="YH-1", grade="重大"), "data/listings.yaml": listing})
    assert report == ""


def test_award_to_disqualified_enterprise(check):
    files = {
        "data/disqualifications.yaml": "- id: QX-1\n  unit: 企业\n  enterprise: QY-0001\n  reason: 活动开展不力\n"
                                       "  decided_on: 2016-11-01\n",
        "data/pacesetters.yaml": "- id: BB-1\n  name: 张某\n  enterprise: QY-0001\n  post: 操作工\n",
        "data/awards.yaml": "- id: BZJ-1\n  honour: 富民强县劳动奖章\n  basis: 岗位标兵\n  pacesetter: BB-1\n"
                            "  decision_no: 桓工发〔2016〕9号\n  date: 2016-12-20\n",
    }
    site, report = check(files)
    assert report == (
        "data/awards.yaml:1: 错误: 企业 QY-0001 已被取消当年度评奖资格（安康杯及其他综合性奖励），不能获得表彰\n"
        "    提示: 行动方案规定：活动开展不力的单位取消其参评资格；请删除这条表彰或核对企业编号\n"
        "共 1 个错误，0 个警告。")
    moved = files["data/pacesetters.yaml"].replace("QY-0001", "QY-0002")
    site, report = check({**files, "data/pacesetters.yaml": moved})
    assert report == ""
    assert site.get("awards", "BZJ-1").links["enterprise"] is site.get("enterprises", "QY-0002")


def test_contest_result_trade_must_be_a_contest_trade(check):
    files = {
        "data/contests.yaml": "- id: DS-2016\n  title: 技能大赛\n  date: 2016-06-25\n  trades: [电工, 焊工]\n",
        "data/contest_results.yaml": "- id: R-1\n  contest: DS-2016\n  trade: 钳工\n  name: 李某\n"
                                     "  enterprise: QY-0001\n  rank: 1\n",
    }
    _, report = check(files)
    assert report.splitlines()[:2] == [
        "data/contest_results.yaml:3: 错误: 工种“钳工”不是大赛 DS-2016 的比赛工种", "    提示: 可选工种：电工、焊工"]


def test_monthly_report_outside_campaign_is_a_warning(check):
    _, report = check({"data/monthly_reports.yaml": "- town: suozhen\n  month: 2017-01\n"})
    assert report.splitlines()[0] == "data/monthly_reports.yaml:1: 警告: 月报月份 2017-01 不在活动期间内"


# ---------------------------------------------------------------- pages

def test_pages_are_sorted_newest_first_with_urls(check):
    site, _ = check({"content/news/later.md": "---\ntitle: 后来\ndate: 2016-02-01\n---\n"})
    assert [(p.url, p.date) for p in site.pages] == [
        ("news/later/", dt.date(2016, 2, 1)), ("news/2016-01-20-kickoff/", dt.date(2016, 1, 20)),
        ("pages/about/", dt.date(2016, 1, 13))]


def test_slug_sets_the_url_and_drafts_are_left_out(check):
    site, report = check({"content/news/x.md": "---\ntitle: 甲\ndate: 2016-02-01\nslug: county-kickoff\n---\n正文。\n",
                          "content/news/y.md": "---\ntitle: 乙\ndate: 2016-02-01\ndraft: true\n---\n"})
    assert report == ""
    assert [p.url for p in site.pages if p.section == "news"] == ["news/county-kickoff/", "news/2016-01-20-kickoff/"]


def test_bad_slug(check):
    _, report = check({"content/news/x.md": "---\ntitle: 甲\ndate: 2016-02-01\nslug: ../县里\n---\n"})
    assert report.splitlines()[:2] == [
        "content/news/x.md:4: 错误: slug“../县里”不合法：只能用小写英文字母、数字和短横线",
        "    提示: slug 决定网址，不能含“/”“..”或中文，例如 slug: county-kickoff",
    ]


def test_empty_front_matter(check):
    _, report = check({"content/news/x.md": "---\n---\n正文\n"})
    assert report.splitlines()[:2] == [
        "content/news/x.md:1: 错误: 前置信息（front matter）是空的", "    提示: 至少写 title 和 date 两行"]


def test_front_matter_field_error_uses_file_line(check):
    _, report = check({"content/news/x.md": "---\ntitle: 甲\ntags: [a]\ndate: 2016-02-30\n---\n"})
    assert report.splitlines()[0] == "content/news/x.md:4: 错误: date（发布日期）：日期“2016-02-30”不存在（2016年2月没有30日）"


def test_duplicate_url(check):
    _, report = check({"content/news/x.md": "---\ntitle: 甲\ndate: 2016-02-01\nslug: 2016-01-20-kickoff\n---\n"})
    assert report.splitlines()[:2] == [
        "content/news/x.md:4: 错误: 网址重复：news/2016-01-20-kickoff/ 已由 content/news/2016-01-20-kickoff.md 使用",
        "    提示: 修改文件名或 slug",
    ]


def test_unknown_section_folder(check):
    _, report = check({"content/other/x.md": "---\ntitle: 甲\ndate: 2016-02-01\n---\n"})
    assert report.splitlines()[:2] == [
        "content/other/x.md: 错误: 文件夹 content/other/ 不是已知栏目",
        "    提示: 栏目文件夹：news（工作动态）、notices（通知公告）、policies（政策法规）、pages（专题介绍）",
    ]


def test_declared_section_differs_from_folder(check):
    _, report = check({"content/news/x.md": "---\ntitle: 甲\ndate: 2016-02-01\nsection: 通知公告\n---\n"})
    assert report.splitlines()[:2] == [
        "content/news/x.md:4: 警告: 前置信息写的栏目“通知公告”与所在文件夹“工作动态”不一致，以文件夹为准",
        "    提示: 把文件移到对应栏目的文件夹，或删除 section 这一行",
    ]


def test_future_date_is_a_warning(check):
    _, report = check({"content/news/x.md": "---\ntitle: 甲\ndate: 2016-07-01\n---\n"})
    assert report.splitlines()[:2] == [
        "content/news/x.md:3: 警告: 发布日期 2016-07-01 晚于统计截止日 2016-06-30",
        "    提示: 政府网站不得出现未来日期；核对日期或 --as-of",
    ]


def test_reference_to_a_broken_record_is_not_reported_twice(make_site, site_files):
    # The town is invalid (type 乡); the enterprises naming it must not add "索镇镇 不存在" errors.
    site_files["data/towns.yaml"] = site_files["data/towns.yaml"].replace("type: 镇", "type: 乡")
    root = make_site(site_files)
    rep = Reporter()
    validate(load_config(root, rep), load(root, rep), rep)
    assert [str(d.loc) + " " + d.message for d in rep.sorted()] == [
        "data/towns.yaml:4 第 1 条镇街：type（类型）：“乡”不是类型的可选值"]


# ---------------------------------------------------------------- references by name

def test_enterprise_and_town_by_name_resolve_to_their_canonical_record(check):
    hazard = HAZARD.format(id="YH-1", grade="一般").replace("enterprise: QY-0001", "enterprise: 桓台示例化工有限公司")
    visit = ("- id: DD-1\n  town: 索镇\n  enterprise: ' 桓台示例机械有限公司 '\n  date: 2016-02-01\n"
             "  method: 随机抽查\n  hazards: [YH-1]\n")
    site, report = check({"data/hazards.yaml": hazard, "data/visits.yaml": visit})
    assert report == ""
    h = site.get("hazards", "YH-1")
    assert h.raw["enterprise"] == "QY-0001" and h.links["enterprise"].raw["name"] == "桓台示例化工有限公司"
    v = site.get("visits", "DD-1")
    assert v.raw["town"] == "suozhen" and v.links["town"].raw["name"] == "索镇镇"  # the short name, shown in full
    assert v.raw["enterprise"] == "QY-0002"


def test_an_unknown_name_lists_the_nearest_records_with_their_ids(check):
    hazard = HAZARD.format(id="YH-1", grade="一般").replace("enterprise: QY-0001", "enterprise: 桓台示例化工公司")
    _, report = check({"data/hazards.yaml": hazard})
    assert report == (
        "data/hazards.yaml:2: 错误: 企业“桓台示例化工公司”不存在：找不到这个企业（unknown reference）\n"
        "    提示: 是否想写：QY-0001 桓台示例化工有限公司、QY-0002 桓台示例机械有限公司？写编号或完整名称都可以\n"
        "共 1 个错误，0 个警告。")


TEAMS = """\
- id: BZ-2016-01
  team: 罐区一班
  enterprise: QY-0001
- id: BZ-2016-02
  team: 罐区一班
  enterprise: QY-0002
- id: BZ-2016-03
  team: 合成车间二班
  enterprise: QY-0001
"""


def test_a_name_two_records_share_is_ambiguous_and_the_hint_gives_both_ids(check):
    award = ("- id: BZJ-1\n  honour: 工人先锋号\n  basis: 示范班组\n  model_team: 罐区一班\n"
             "  decision_no: 桓工发〔2016〕68号\n  date: 2016-06-01\n- id: BZJ-2\n  honour: 工人先锋号\n"
             "  basis: 示范班组\n  model_team: 合成车间二班\n  decision_no: 桓工发〔2016〕68号\n  date: 2016-06-01\n")
    site, report = check({"data/model_teams.yaml": TEAMS, "data/awards.yaml": award})
    assert report == (
        "data/awards.yaml:4: 错误: 示范班组“罐区一班”同名的示范班组有 2 条，不知道指哪一条（ambiguous name）\n"
        "    提示: 请改写编号：BZ-2016-01 罐区一班（桓台示例化工有限公司）、BZ-2016-02 罐区一班（桓台示例机械有限公司）\n"
        "共 1 个错误，0 个警告。")
    assert site.get("awards", "BZJ-2").raw["model_team"] == "BZ-2016-03"


def test_an_id_wins_over_a_name_that_looks_like_it(check):
    teams = TEAMS + "- id: BZ-2016-04\n  team: BZ-2016-01\n  enterprise: QY-0001\n"
    award = ("- id: BZJ-1\n  honour: 工人先锋号\n  basis: 示范班组\n  model_team: BZ-2016-01\n"
             "  decision_no: 桓工发〔2016〕68号\n  date: 2016-06-01\n")
    site, report = check({"data/model_teams.yaml": teams, "data/awards.yaml": award})
    assert report == "" and site.get("awards", "BZJ-1").raw["model_team"] == "BZ-2016-01"


# ---------------------------------------------------------------- unfinished records (TODO)

def test_a_record_with_todo_is_a_warning_and_is_left_out_with_what_refers_to_it(check, site_files):
    enterprise = "- id: QY-0003\n  name: 桓台示例纸业有限公司\n  town: suozhen\n  industry: TODO\n" \
                 "  ownership: 非公\n  size: 小型\n  unionized: true\n  employees: 40\n"
    hazard = HAZARD.format(id="YH-1", grade="一般").replace("enterprise: QY-0001", "enterprise: QY-0003")
    site, report = check({"data/enterprises.yaml": site_files["data/enterprises.yaml"] + enterprise,
                          "data/hazards.yaml": hazard})
    assert report == (
        "data/enterprises.yaml:22: 警告: 第 3 条企业：industry（行业）还没有填写（TODO），这条记录暂不发布、不计入统计\n"
        "    提示: 填好实际内容后它就会出现在网站和手册里；发布前用 chabaocu check --strict 确认没有遗漏\n"
        "data/hazards.yaml:2: 警告: 企业“QY-0003”还没有填完（TODO），这条隐患台账也暂不发布、不计入统计\n"
        "    提示: 先填完那条企业记录\n"
        "共 0 个错误，2 个警告。")
    assert site.get("enterprises", "QY-0003") is None and site.records["hazards"] == []


# ---------------------------------------------------------------- unfinished articles

STUB = "---\ntitle: 马桥镇开展应急演练\ndate: 2016-06-17\nsummary: ''\nsource: ''\n---\n\n在这里写正文。\n"


def test_the_body_new_leaves_is_a_warning_at_its_line(check):
    _, report = check({"content/news/2016-06-17-1.md": STUB})
    assert report.splitlines()[0] == (
        "content/news/2016-06-17-1.md:8: 警告: 正文还是占位文字“在这里写正文。”（chabaocu new 生成），还没有写")


def test_an_empty_body_or_one_of_comments_only_is_a_warning(check):
    _, report = check({"content/news/a.md": "---\ntitle: 甲\ndate: 2016-02-01\n---\n",
                       "content/news/b.md": "---\ntitle: 乙\ndate: 2016-02-01\n---\n<!-- 待写 -->\n\n"})
    assert [line for line in report.splitlines() if ": 警告: " in line] == [
        "content/news/a.md:5: 警告: 正文是空的", "content/news/b.md:5: 警告: 正文是空的"]


def test_what_a_section_expects_is_asked_for_only_when_site_toml_says_so(check, site_files):
    expect = site_files["site.toml"] + '\n[expect]\nnews = ["summary", "cover"]\n'
    _, quiet = check({"content/news/2016-06-17-1.md": STUB.replace("在这里写正文。", "正文。")})
    assert quiet == ""
    _, report = check({"site.toml": expect, "content/news/2016-06-17-1.md": STUB.replace("在这里写正文。", "正文。")})
    assert [line for line in report.splitlines() if ": 警告: " in line] == [
        "content/news/2016-01-20-kickoff.md:1: 警告: 封面图（cover）没有填写：这个栏目的文章应当有封面图",
        "content/news/2016-01-20-kickoff.md:1: 警告: 摘要（summary）没有填写：这个栏目的文章应当有摘要",
        "content/news/2016-06-17-1.md:1: 警告: 封面图（cover）没有填写：这个栏目的文章应当有封面图",
        "content/news/2016-06-17-1.md:4: 警告: 摘要（summary）没有填写：这个栏目的文章应当有摘要"]


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8"
                    "cfc000000301010018dd8db00000000049454e44ae426082")


def test_a_cover_is_found_like_an_article_image_and_needs_its_alt(check):
    cover = "---\ntitle: 甲\ndate: 2016-02-01\ncover: drill.png\ncover_alt: 职工撤离\n---\n正文。\n"
    _, report = check({"content/news/x.md": cover})
    assert report.splitlines()[0] == (
        "content/news/x.md:4: 错误: 封面图 drill.png 找不到：找过 content/news/drill.png、content/images/drill.png")
    site, report = check({"content/news/x.md": cover, "content/images/drill.png": PNG})
    assert report == "" and site.pages[0].cover == "images/drill.png"
    beside = cover.replace("cover_alt: 职工撤离\n", "")
    site, report = check({"content/news/x.md": beside, "content/news/drill.png": PNG})
    assert report.splitlines()[0] == "content/news/x.md:4: 错误: 封面图缺少说明 cover_alt（替代文字）"
    assert site.pages[0].cover == "news/drill.png"  # beside the article wins over content/images/
