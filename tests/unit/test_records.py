"""builder.schema.records: the record-level rules of every data kind, message by message."""

from __future__ import annotations

import pytest

from builder.diagnostics import Loc, Reporter
from builder.schema.core import INTERNAL, PUBLIC, validate_mapping
from builder.schema.records import FIVE_FIXES, KINDS
from builder.yamlio import load_yaml

HAZARD = """\
- id: YH-2016-SZ-0001
  enterprise: QY-0001
  found_on: 2016-03-05
  source: 职工排查
  category: C3
  description: 冲床防护罩缺失
  grade: 一般
  status: {status}
"""
FIXES = """\
  responsible_person: 王某
  responsible_unit: 冲压车间
  measures: 加装防护罩
  funds_cny: 1200
  deadline: 2016-03-20
  contingency_plan: 停用该冲床
"""


def problems(kind: str, text: str) -> list[tuple[int, str, str, str]]:
    """(line, level, message, hint) of every diagnostic for the first record of `text`."""
    rep = Reporter()
    items = load_yaml(text, Loc(f"data/{kind}.yaml"))
    validate_mapping(KINDS[kind], items[0], Loc(f"data/{kind}.yaml", items.lines[0]), rep, "")
    return [(d.loc.line, d.level, d.message, d.hint) for d in rep.sorted()]


def messages(kind: str, text: str) -> list[str]:
    return [f"{line}: {message}" for line, _level, message, _hint in problems(kind, text)]


def test_registered_hazard_needs_no_five_fixes():
    assert problems("hazards", HAZARD.format(status="待整改")) == []


@pytest.mark.parametrize("status", ["整改中", "待验收", "验收不合格", "已提请挂牌"])
def test_hazard_past_registered_needs_all_five_fixes(status):
    text = HAZARD.format(status=status) + "  responsible_person: 王某\n  measures: 加装防护罩\n"
    assert problems("hazards", text) == [(
        8, "错误",
        f"状态为“{status}”的隐患必须写全“五落实”，缺少：responsible_unit（整改责任单位）、funds_cny（整改资金（元））、"
        "deadline（整改时限）、contingency_plan（应急预案）",
        "五落实：整改责任（responsible_person/responsible_unit）、措施（measures）、资金（funds_cny）、"
        "时限（deadline）、预案（contingency_plan）",
    )]


def test_hazard_with_five_fixes_in_progress_is_clean():
    assert problems("hazards", HAZARD.format(status="整改中") + FIXES) == []


def test_invalid_hazard_needs_no_five_fixes():
    assert problems("hazards", HAZARD.format(status="核实不属实")) == []


def test_closed_hazard_needs_closed_on():
    assert messages("hazards", HAZARD.format(status="已销号") + FIXES) == [
        "8: 状态为“已销号”的隐患必须写销号日期 closed_on"]
    hint = problems("hazards", HAZARD.format(status="已销号") + FIXES)[0][3]
    assert hint == "写验收合格、销号的日期，例如 closed_on: 2016-03-20"


def test_closed_on_before_found_on():
    text = HAZARD.format(status="已销号") + FIXES + "  closed_on: 2016-03-01\n"
    assert problems("hazards", text) == [
        (15, "错误", "closed_on 日期 2016-03-01 早于发现日期 found_on 2016-03-05", "请核对日期")]


def test_closed_on_same_day_as_found_is_fine():
    assert problems("hazards", HAZARD.format(status="已销号") + FIXES + "  closed_on: 2016-03-05\n") == []


def test_deadline_before_found_on():
    text = HAZARD.format(status="整改中") + FIXES.replace("2016-03-20", "2016-03-04")
    assert messages("hazards", text) == ["13: deadline 日期 2016-03-04 早于发现日期 found_on 2016-03-05"]


def test_closed_on_with_open_status():
    text = HAZARD.format(status="整改中") + FIXES + "  closed_on: 2016-03-18\n"
    assert problems("hazards", text) == [(
        15, "错误", "写了销号日期，但状态是“整改中”", "已销号的隐患把 status 改为 已销号；否则删除 closed_on")]


def test_only_major_hazards_are_listed():
    text = HAZARD.format(status="挂牌督办中") + FIXES
    assert messages("hazards", text) == ["8: 只有重大隐患才能“挂牌督办中”"]
    assert problems("hazards", text.replace("grade: 一般", "grade: 重大")) == []


def test_five_fixes_fields_are_declared_and_not_public_where_sensitive():
    schema = KINDS["hazards"]
    assert all(schema.field(name) is not None for name in FIVE_FIXES)
    assert schema.field("reporter_ref").visibility == INTERNAL
    assert schema.field("funds_cny").visibility != PUBLIC  # funding is commercial information


@pytest.mark.parametrize("kind, name", [
    ("hazards", "reporter_ref"), ("golden_ideas", "author_ref"), ("works", "author_ref")])
def test_pseudonyms_are_internal(kind, name):
    assert KINDS[kind].field(name).visibility == INTERNAL


def test_hazchem_enterprise_must_be_chemical():
    text = ("- id: QY-1\n  name: 示例公司\n  town: suozhen\n  industry: 机械\n  hazchem: true\n"
            "  ownership: 非公\n  size: 小型\n  unionized: true\n  employees: 10\n")
    assert messages("enterprises", text) == ["5: 危险化学品企业（hazchem: true）应属于高危行业“化工”"]


LISTING = """\
- id: GP-2016-01
  hazard: YH-1
  listing_no: 桓安委办〔2016〕1号
  listing_org: 桓台县安全生产委员会办公室
  supervising_unit: 桓台县安监局
  summary: 储罐区防火堤破损
  listed_on: 2016-03-10
  deadline: 2016-06-30
  status: {status}
"""


def test_delisted_needs_date():
    assert messages("listings", LISTING.format(status="已摘牌")) == ["9: 已摘牌的督办事项必须写摘牌日期 delisted_on"]


def test_delisted_before_listed():
    text = LISTING.format(status="已摘牌") + "  delisted_on: 2016-03-01\n"
    assert messages("listings", text) == ["10: 摘牌日期早于挂牌日期"]


def test_coverage_trained_above_employees():
    text = "- enterprise: QY-1\n  employees: 100\n  trained: 120\n"
    assert messages("training_coverage", text) == ["3: 参训人数 120 大于职工人数 100"]


def test_drill_teams_above_total():
    text = ("- id: YL-1\n  enterprise: QY-1\n  date: 2016-04-01\n  scenario: 火灾\n"
            "  teams_participating: 7\n  teams_total: 6\n  participants: 80\n")
    assert messages("drills", text) == ["5: 参演班组数大于班组总数"]


def test_first_prize_must_be_rank_one():
    text = ("- id: R-1\n  contest: DS-2016\n  trade: 电工\n  name: 李某\n  enterprise: QY-1\n"
            "  rank: 2\n  prize: 一等奖\n")
    assert messages("contest_results", text) == ["7: 一等奖应为第一名（rank: 1）"]


def test_award_needs_a_recipient():
    text = "- id: A-1\n  honour: 工人先锋号\n  basis: 示范班组\n  decision_no: 桓工发〔2016〕9号\n  date: 2016-12-20\n"
    assert messages("awards", text) == [
        "2: 表彰缺少获奖对象：写 recipient，或引用 contest_result/pacesetter/model_team/golden_idea/work"]


def test_award_with_two_sources():
    text = ("- id: A-1\n  honour: 富民强县劳动奖章\n  basis: 岗位标兵\n  pacesetter: BB-1\n  model_team: BZ-1\n"
            "  decision_no: 桓工发〔2016〕9号\n  date: 2016-12-20\n")
    assert messages("awards", text) == ["5: 一条表彰只能对应一个获奖依据（pacesetter、model_team）"]


@pytest.mark.parametrize("extra, expected", [
    ("  kind: 漫画\n", "4: 漫画作品必须有图片 image"),
    ("  kind: 漫画\n  image: images/works/a.png\n", "5: 漫画图片缺少替代文字 alt（无障碍要求）"),
    ("  kind: 征文\n", "4: 征文作品必须有正文 text"),
])
def test_work_rules(extra, expected):
    text = "- id: ZP-1\n  title: 安全伴我行\n  enterprise: QY-1\n" + extra + "  consent: true\n"
    assert messages("works", text) == [expected]


def test_monthly_report_rectified_above_found():
    text = "- town: suozhen\n  month: 2016-03\n  hazards_found: 10\n  hazards_rectified: 12\n"
    assert messages("monthly_reports", text) == ["4: 本月整改数大于发现数"]


def test_disqualification_needs_a_unit():
    text = "- id: QX-1\n  unit: 企业\n  reason: 活动开展不力\n  decided_on: 2016-11-01\n"
    assert messages("disqualifications", text) == ["2: 取消资格记录必须写 enterprise 或 town"]


def test_eight_ones_item_range():
    text = "- id: BG-1\n  enterprise: QY-1\n  item: 9\n  date: 2016-05-01\n  participants: 20\n"
    assert messages("eight_ones", text) == ["3: item（项目）：不能大于 8（现在是 9）"]


def test_every_field_has_a_label_and_docstring():
    for schema in KINDS.values():
        for f in schema.fields:
            assert f.label and f.doc, f"{schema.name}.{f.name}"


AWARD = """\
- id: BZJ-1
  honour: {honour}
  basis: {basis}
  recipient: 某班组
  decision_no: 桓工发〔2016〕80号
  date: 2016-12-20
"""


@pytest.mark.parametrize("basis, honour", [("示范班组", "工人先锋号"), ("岗位标兵", "富民强县劳动奖章"),
                                           ("技能大赛第一名", "富民强县劳动奖章")])
def test_award_honour_follows_the_plan(basis, honour):
    assert messages("awards", AWARD.format(basis=basis, honour=honour)) == []


def test_award_with_the_wrong_honour_for_its_basis():
    assert messages("awards", AWARD.format(basis="示范班组", honour="富民强县劳动奖章")) == [
        "2: 获奖依据“示范班组”对应的荣誉是“工人先锋号”，不是“富民强县劳动奖章”"]


@pytest.mark.parametrize("image, why", [
    ("../../etc/passwd.png", "含有“..”（上一级文件夹）"), ("/etc/x.png", "是绝对路径（absolute path）"),
    ("C:/Windows/x.png", "含有盘符（drive letter）"), ("images/../../x.png", "含有“..”（上一级文件夹）"),
    ("images\\x.png", "用了反斜杠“\\”"), ("images/a?b.png", "含有文件名不能用的字符：?")])
def test_work_image_path_cannot_leave_content(image, why):
    text = f"""\
- id: ZP-1
  kind: 漫画
  title: 安全帽
  enterprise: QY-0001
  image: {image}
  alt: 工人戴安全帽
  consent: true
"""
    shown = image if "a?b" not in image else "a?b.png"
    assert messages("works", text) == [f"5: 图片路径“{shown}”{why}：图片必须在 content/ 文件夹里"]
