"""Every data kind under data/, declared once: fields, labels, docstrings, visibility, checks.

A file data/<kind>.yaml, or any file under data/<kind>/, holds a YAML list of <kind> records.
"""

from __future__ import annotations

from builder.contacts import LANDLINE, MOBILE
from builder.names import NameProblem, check_display_name, check_relative_path, check_slug
from builder.schema import enums as E
from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC, F, Field, Problem, Schema


def _id(label: str, example: str) -> Field:
    return F("id", "str", "编号", f"{label}的唯一编号，例如 {example}；全站不能重复。", required=True)


def _enterprise(required=True, visibility=PUBLIC) -> Field:
    return F("enterprise", "ref", "企业", "企业编号或企业全称（见 data/enterprises），例如 QY-0001 或 桓台示例化工有限公司。",
             ref="enterprises", required=required, visibility=visibility)


def _town(required=True) -> Field:
    return F("town", "ref", "镇街", "镇街名称、简称或编号，例如 索镇镇、索镇 或 suozhen。", ref="towns", required=required)


# A town union's public office phone: a landline with its area code (0533-8210001), never a
# person's mobile nor a national service line (builder.contacts has the patterns).


def _office_phone_problem(field: str, phone: str | None):
    if not phone:
        return None
    digits = phone.replace("-", "").replace(" ", "")
    if MOBILE.fullmatch(digits):
        return Problem(field, f"{field}（总工会办公电话）“{phone}”是手机号：公开的只能是办公电话（座机），不能是个人手机",
                       "写镇（街道）总工会办公室的座机，带区号，例如 0533-8210101")
    if not LANDLINE.fullmatch(phone.replace(" ", "")):
        return Problem(field, f"{field}（总工会办公电话）“{phone}”不像办公电话（座机）", "写区号加号码，例如 0533-8210101")
    return None


# ---------------------------------------------------------------- organisations

CONTACT = Schema("contact", "联系人", "镇街的联络人与电话。", (
    F("role", "str", "职务", "职务或部门，例如 镇总工会办公室。", required=True),
    F("phone", "str", "电话", "办公电话（座机）。", visibility=HANDBOOK),
    F("name", "str", "姓名", "联络人姓名，只印在督导手册里。", visibility=HANDBOOK),
), key=())

def _town_checks(r):
    # The id names the town's page (towns/<id>/) and its manual (print/handbook/<id>.pdf).
    try:
        check_slug(r["id"], "镇街编号")
    except NameProblem as problem:
        yield Problem("id", problem.message, "编号用于网址和督导手册的文件名，用拼音小写字母，例如 suozhen")
    for name in ("name", "short"):
        try:
            check_display_name(r[name], "镇街名称", 40)
        except NameProblem as problem:
            yield Problem(name, problem.message, problem.hint)


def _town_phone_checks(r):
    problem = _office_phone_problem("union_phone", r.get("union_phone"))
    if problem is not None:
        yield problem


TOWNS = Schema("towns", "镇街", "2016 年的 9 个镇（街道）。", (
    F("id", "str", "编号", "拼音编号，用于网址和手册文件名，例如 suozhen。", required=True),
    F("name", "str", "名称", "全称，例如 索镇镇、城区街道。", required=True),
    F("short", "str", "简称", "用于文号，例如 索镇。", required=True),
    F("type", "enum", "类型", "镇 或 街道。", choices=E.TOWN_TYPES, required=True),
    F("union_org", "str", "镇街总工会", "镇（街道）总工会全称。", required=True),
    F("safety_station", "str", "安监站", "镇（街道）安监站全称。", required=True),
    F("union_phone", "str", "总工会办公电话", "镇（街道）总工会的对外办公电话（座机，带区号），公开在网站“举报与联系”页；"
      "不能写个人手机。", visibility=PUBLIC),
    F("contacts", "list", "联系人", "督导手册附录中的联络人。", item=CONTACT, visibility=HANDBOOK),
), checks=(_town_checks, _town_phone_checks), named_by=("name", "short"))


def _enterprise_checks(r):
    if r.get("high_risk") == "化工" or not r.get("hazchem"):
        return
    yield Problem("hazchem", "危险化学品企业（hazchem: true）应属于高危行业“化工”",
                  "把 high_risk 设为 化工，或核对 hazchem")


ENTERPRISES = Schema("enterprises", "企业", "活动覆盖的企业（示例数据为虚构企业）。", (
    _id("企业", "QY-0001"),
    F("name", "str", "企业名称", "企业全称（示例数据必须是虚构名称）。", required=True),
    _town(),
    F("industry", "str", "行业", "所属行业，例如 化工、机械制造、造纸。", required=True),
    F("high_risk", "enum", "高危行业类别", "化工、非煤矿山、冶金、建筑、交通、建材之一；不是高危行业则不写。",
      choices=E.HIGH_RISK),
    F("hazchem", "bool", "危险化学品企业", "是否危险化学品企业。", default=False),
    F("ownership", "enum", "所有制", "非公、国有、集体或外资。", choices=E.OWNERSHIP, required=True),
    F("size", "enum", "规模", "大型、中型、小型或微型。", choices=E.SIZES, required=True),
    F("unionized", "bool", "建会企业", "是否已建立工会（建会企业）。", required=True),
    F("union_type", "enum", "工会形式", "独立工会或联合工会。", choices=E.UNION_TYPES),
    F("employees", "int", "职工人数", "职工总数。", required=True, min=0),
    F("teams", "int", "班组数", "班组个数。", default=0, min=0),
    F("address", "str", "地址", "企业地址，只印在督导手册里。", visibility=HANDBOOK),
    F("contact", "str", "联系人", "企业安全联系人，只印在督导手册里。", visibility=HANDBOOK),
    F("phone", "str", "联系电话", "企业联系电话，只印在督导手册里。", visibility=HANDBOOK),
), checks=(_enterprise_checks,), named_by=("name",))

# ---------------------------------------------------------------- hazard ledger

FIVE_FIXES = ("responsible_person", "responsible_unit", "measures", "funds_cny", "deadline", "contingency_plan")


def _hazard_checks(r):
    status = r["status"]
    if status not in (E.STATUS_REGISTERED, E.STATUS_INVALID):
        missing = [name for name in FIVE_FIXES if r.get(name) in (None, "")]
        if missing:
            named = [f"{name}（{HAZARDS.field(name).label}）" for name in missing]
            yield Problem("status", f"状态为“{status}”的隐患必须写全“五落实”，缺少：" + "、".join(named),
                          "五落实：整改责任（responsible_person/responsible_unit）、措施（measures）、"
                          "资金（funds_cny）、时限（deadline）、预案（contingency_plan）")
    if status in E.CLOSED_STATUSES and not r.get("closed_on"):
        yield Problem("status", f"状态为“{status}”的隐患必须写销号日期 closed_on", "写验收合格、销号的日期，例如 closed_on: 2016-03-20")
    if r.get("closed_on") and status not in E.CLOSED_STATUSES:
        yield Problem("closed_on", f"写了销号日期，但状态是“{status}”", "已销号的隐患把 status 改为 已销号；否则删除 closed_on")
    for name in ("closed_on", "rectified_on", "deadline"):
        if r.get(name) and r[name] < r["found_on"]:
            yield Problem(name, f"{name} 日期 {r[name]} 早于发现日期 found_on {r['found_on']}", "请核对日期")
    if status in (E.STATUS_LISTED, E.STATUS_DELISTED) and r["grade"] != "重大":
        yield Problem("status", f"只有重大隐患才能“{status}”", "核对 grade 或 status")


HAZARDS = Schema("hazards", "隐患台账", "职工排查出的隐患，一条一行（隐患台账）。", (
    _id("隐患", "YH-2016-SZ-0001"),
    _enterprise(),
    F("location", "str", "车间/部位", "隐患所在车间、部位或场所。", visibility=HANDBOOK),
    F("found_on", "date", "排查日期", "发现隐患的日期。", required=True),
    F("source", "enum", "排查来源", "职工排查、企业自查、工会检查、督导检查或举报。", choices=E.HAZARD_SOURCES, required=True),
    F("reporter_ref", "str", "报告人代号", "报告人的化名代号，例如 R-0001。举报人受法律保护，永不输出。",
      visibility=INTERNAL),
    F("category", "enum", "六查类别", "C1–C6：" + "；".join(f"{k} {v}" for k, v in E.SIX_CHECKS.items()),
      choices=tuple(E.SIX_CHECKS), required=True),
    F("nature", "enum", "隐患性质", "物（物的不安全状态）、人（人的不安全行为）或管理（管理缺陷）。", choices=E.HAZARD_NATURES),
    F("domain", "enum", "隐患领域", "安全生产或职业健康。", choices=E.HAZARD_DOMAINS, default="安全生产"),
    F("description", "text", "隐患描述", "隐患现状。", required=True, visibility=HANDBOOK),
    F("grade", "enum", "隐患等级", "一般或重大。", choices=E.GRADES, required=True),
    F("level", "enum", "整改层级", "个人岗位、班组、车间、企业或挂牌督办。", choices=E.LEVELS),
    F("status", "enum", "状态", "、".join(E.STATUSES) + "。逾期由系统按整改时限计算，不必填写。",
      choices=E.STATUSES, required=True),
    F("responsible_person", "str", "整改责任人", "五落实之一：整改责任人。", visibility=HANDBOOK),
    F("responsible_unit", "str", "整改责任单位", "五落实之一：责任车间/班组/部门。", visibility=HANDBOOK),
    F("measures", "text", "整改措施", "五落实之一：整改措施。", visibility=HANDBOOK),
    F("funds_cny", "number", "整改资金（元）", "五落实之一：整改资金，单位元，只写数字。", visibility=HANDBOOK, min=0),
    F("deadline", "date", "整改时限", "五落实之一：整改完成期限。"),
    F("contingency_plan", "text", "应急预案", "五落实之一：整改期间的临时措施与预案。", visibility=HANDBOOK),
    F("rectified_on", "date", "整改完成日期", "整改完成的日期。"),
    F("accepted_by", "str", "验收人", "验收人（职务或姓名），只印在督导手册里。", visibility=HANDBOOK),
    F("closed_on", "date", "销号日期", "验收合格、销号的日期。"),
), checks=(_hazard_checks,), published=False)


def _listing_checks(r):
    if r["status"] == "已摘牌" and not r.get("delisted_on"):
        yield Problem("status", "已摘牌的督办事项必须写摘牌日期 delisted_on", "例如 delisted_on: 2016-06-30")
    if r.get("delisted_on") and r["delisted_on"] < r["listed_on"]:
        yield Problem("delisted_on", "摘牌日期早于挂牌日期", "请核对日期")


LISTINGS = Schema("listings", "挂牌督办", "重大隐患挂牌督办公示（公开信息）。", (
    _id("挂牌督办事项", "GP-2016-01"),
    F("hazard", "ref", "隐患", "被挂牌的重大隐患编号。", ref="hazards", required=True),
    F("listing_no", "str", "督办文号", "挂牌督办通知文号。", required=True),
    F("listing_org", "str", "挂牌单位", "例如 桓台县安全生产委员会办公室。", required=True),
    F("supervising_unit", "str", "督办单位", "负责督办的单位。", required=True),
    F("responsible_unit", "str", "整改责任单位", "负责整改的单位（公示内容）；不写则为隐患所在企业。"),
    F("summary", "text", "隐患简要描述", "可公开的简要描述（不写举报人）。", required=True),
    F("listed_on", "date", "挂牌日期", "挂牌日期。", required=True),
    F("deadline", "date", "整改期限", "整改期限。", required=True),
    F("status", "enum", "状态", "挂牌督办中 或 已摘牌。", choices=E.LISTING_STATUSES, required=True),
    F("delisted_on", "date", "摘牌日期", "验收合格、摘牌销号的日期。"),
), checks=(_listing_checks,))

# ---------------------------------------------------------------- training and drills

TRAININGS = Schema("trainings", "培训班", "负责人培训班、一线职工培训班等。", (
    _id("培训班", "PX-2016-01"),
    F("kind", "enum", "类别", "、".join(E.TRAINING_KINDS) + "。", choices=E.TRAINING_KINDS, required=True),
    F("title", "str", "名称", "培训班名称。", required=True),
    F("organizer", "str", "主办单位", "主办单位。", required=True),
    F("date", "date", "日期", "开班日期。", required=True),
    F("venue", "str", "地点", "培训地点。"),
    _town(required=False),
    F("attendees", "int", "参训人数", "参训人数。", required=True, min=0),
    F("enterprises_count", "int", "参训企业数", "参训企业数。", min=0),
    F("topics", "list", "内容", "培训内容。", item=F("topic", "str", "内容", "")),
))


def _coverage_checks(r):
    if r["trained"] > r["employees"]:
        yield Problem("trained", f"参训人数 {r['trained']} 大于职工人数 {r['employees']}", "请核对数字")


TRAINING_COVERAGE = Schema("training_coverage", "全员培训覆盖", "建会企业职工年内参加安全培训的人数。", (
    _enterprise(),
    F("employees", "int", "职工人数", "当年职工人数。", required=True, min=0),
    F("trained", "int", "已培训人数", "年内至少参加 1 次安全培训的职工人数。", required=True, min=0),
), key=("enterprise",), checks=(_coverage_checks,), published=False)


def _drill_checks(r):
    if r["teams_participating"] > r["teams_total"]:
        yield Problem("teams_participating", "参演班组数大于班组总数", "请核对数字")


DRILLS = Schema("drills", "应急演练", "应急处置逃生自救演练。", (
    _id("演练", "YL-2016-0001"),
    _enterprise(),
    F("date", "date", "日期", "演练日期。", required=True),
    F("scenario", "str", "演练科目", "例如 火灾、泄漏、中毒窒息、触电。", required=True),
    F("teams_participating", "int", "参演班组数", "参加演练的班组数。", required=True, min=0),
    F("teams_total", "int", "班组总数", "企业班组总数。", required=True, min=0),
    F("participants", "int", "参演人数", "参加人数。", required=True, min=0),
    F("evaluation", "text", "评估意见", "演练评估，只印在督导手册里。", visibility=HANDBOOK),
), checks=(_drill_checks,))

# ---------------------------------------------------------------- activity vehicles and awards

GOLDEN_IDEAS = Schema("golden_ideas", "金点子", "职工安全“金点子”。", (
    _id("金点子", "JD-2016-0001"),
    F("title", "str", "题目", "金点子题目。", required=True),
    _enterprise(),
    F("post", "str", "岗位/工种", "提出人的岗位或工种。"),
    F("author_ref", "str", "提出人代号", "提出人代号（化名），不公开。", visibility=INTERNAL),
    F("submitted_on", "date", "提交日期", "提交日期。", required=True),
    F("problem", "text", "针对问题", "要解决的安全问题。", required=True),
    F("proposal", "text", "建议内容", "建议的做法。", required=True),
    F("benefit", "text", "预期效果", "预期效果。"),
    F("category", "enum", "六查类别", "C1–C6。", choices=tuple(E.SIX_CHECKS)),
    F("protects", "list", "四保", "、".join(E.FOUR_PROTECTIONS), item=F("p", "enum", "四保", "", choices=E.FOUR_PROTECTIONS)),
    F("promotes", "list", "三促", "、".join(E.THREE_PROMOTIONS), item=F("p", "enum", "三促", "", choices=E.THREE_PROMOTIONS)),
    F("adopted", "bool", "已采纳", "企业是否采纳。", default=False),
    F("award", "enum", "获奖等次", "、".join(E.IDEA_AWARDS), choices=E.IDEA_AWARDS),
))

CONTESTS = Schema("contests", "技能大赛", "全县职工安全技能大赛。", (
    _id("大赛", "DS-2016"),
    F("title", "str", "名称", "大赛名称。", required=True),
    F("date", "date", "日期", "决赛日期。", required=True),
    F("venue", "str", "地点", "比赛地点。"),
    F("format", "str", "赛制", "例如 理论考试+实际操作。"),
    F("trades", "list", "工种", "比赛工种。", item=F("trade", "str", "工种", ""), required=True),
    F("contestants", "int", "参赛人数", "参赛总人数。", min=0),
), named_by=("title",))


def _result_checks(r):
    if r.get("prize") == "一等奖" and r["rank"] != 1:
        yield Problem("prize", "一等奖应为第一名（rank: 1）", "核对 rank 和 prize")


CONTEST_RESULTS = Schema("contest_results", "大赛成绩", "技能大赛获奖选手（公示名单）。", (
    _id("成绩", "DS-2016-HG-01"),
    F("contest", "ref", "大赛", "大赛编号或大赛名称。", ref="contests", required=True),
    F("trade", "str", "工种", "比赛工种（须是大赛的工种之一）。", required=True),
    F("name", "str", "选手姓名", "获奖选手姓名（公示名单）。", required=True),
    _enterprise(),
    F("rank", "int", "名次", "名次，1 为第一名。", required=True, min=1),
    F("score", "number", "成绩", "总成绩。", min=0),
    F("prize", "enum", "奖项", "、".join(E.PRIZES), choices=E.PRIZES),
), checks=(_result_checks,))

MODEL_TEAMS = Schema("model_teams", "示范班组", "安全生产示范班组（授予桓台县“工人先锋号”）。", (
    _id("示范班组", "BZ-2016-01"),
    F("team", "str", "班组名称", "班组全称。", required=True),
    _enterprise(),
    F("headcount", "int", "班组人数", "班组人数。", min=0),
    F("citation", "text", "主要事迹", "可公开的主要事迹。"),
), named_by=("team",))

PACESETTERS = Schema("pacesetters", "岗位标兵", "安全生产岗位标兵（授予富民强县劳动奖章）。", (
    _id("岗位标兵", "BB-2016-01"),
    F("name", "str", "姓名", "岗位标兵姓名（表彰名单公开）。", required=True),
    _enterprise(),
    F("post", "str", "岗位", "岗位。", required=True),
    F("citation", "text", "主要事迹", "可公开的主要事迹。"),
), named_by=("name",))


# The plan's rewards (五、（三）): which honour each basis earns.
HONOUR_FOR_BASIS = {
    "技能大赛第一名": "富民强县劳动奖章",
    "岗位标兵": "富民强县劳动奖章",
    "示范班组": "工人先锋号",
    "金点子": "金点子奖",
    "技能大赛": "技能大赛奖",
    "安全文化作品": "安全文化作品奖",
    "组织工作": "优秀组织奖",
}


def _award_checks(r):
    expected = HONOUR_FOR_BASIS[r["basis"]]
    if r["honour"] != expected:
        yield Problem("honour", f"获奖依据“{r['basis']}”对应的荣誉是“{expected}”，不是“{r['honour']}”",
                      "行动方案：技能大赛第一名、岗位标兵授予富民强县劳动奖章；示范班组授予桓台县“工人先锋号”")
    sources = [name for name in ("contest_result", "pacesetter", "model_team", "golden_idea", "work") if r.get(name)]
    if len(sources) > 1:
        yield Problem(sources[1], "一条表彰只能对应一个获奖依据（" + "、".join(sources) + "）", "拆成多条表彰记录")
    if not sources and not r.get("recipient"):
        yield Problem("honour", "表彰缺少获奖对象：写 recipient，或引用 contest_result/pacesetter/model_team/golden_idea/work",
                      "例如 pacesetter: BB-2016-01")


AWARDS = Schema("awards", "表彰", "表彰和物质奖励。", (
    _id("表彰", "BZJ-2016-001"),
    F("honour", "enum", "荣誉称号", "、".join(E.HONOURS), choices=E.HONOURS, required=True),
    F("basis", "enum", "获奖依据", "、".join(E.AWARD_BASES), choices=E.AWARD_BASES, required=True),
    F("recipient", "str", "获奖对象", "获奖对象名称；引用了成绩、标兵、班组、金点子或作品时可不写。"),
    F("grade", "enum", "等次", "、".join(E.AWARD_GRADES) + "；引用了大赛成绩、金点子或作品时可不写（取其奖项）。",
      choices=E.AWARD_GRADES),
    F("trade", "str", "工种/岗位", "获奖者的工种或岗位，例如 化工总控工；引用了大赛成绩或岗位标兵时可不写。"),
    F("rank", "int", "名次", "技能大赛名次，1 为第一名；引用了大赛成绩时可不写。", min=1),
    F("enterprise", "ref", "所在企业", "获奖对象所在企业的编号或全称。", ref="enterprises"),
    F("town", "ref", "镇街", "获奖镇街（优秀组织奖）：名称、简称或编号。", ref="towns"),
    F("contest_result", "ref", "大赛成绩", "技能大赛成绩编号。", ref="contest_results"),
    F("pacesetter", "ref", "岗位标兵", "岗位标兵编号或姓名。", ref="pacesetters"),
    F("model_team", "ref", "示范班组", "示范班组编号或班组名称（班组名称重名时写编号）。", ref="model_teams"),
    F("golden_idea", "ref", "金点子", "金点子编号。", ref="golden_ideas"),
    F("work", "ref", "作品", "安全文化作品编号。", ref="works"),
    F("reward", "str", "物质奖励", "例如 奖金 2000 元。"),
    F("decision_no", "str", "表彰文号", "表彰决定文号。", required=True),
    F("date", "date", "表彰日期", "表彰日期。", required=True),
), checks=(_award_checks,))

# ---------------------------------------------------------------- safety culture

EIGHT_ONES = Schema("eight_ones", "安全“八个一”", "安全“八个一”活动记录。", (
    _id("活动", "BG-2016-0001"),
    _enterprise(),
    F("team", "str", "班组", "开展活动的班组。"),
    F("item", "int", "项目", "1–8：" + "；".join(f"{k} {v}" for k, v in E.EIGHT_ONES.items()), required=True, min=1, max=8),
    F("date", "date", "日期", "活动日期。", required=True),
    F("participants", "int", "参加人数", "参加人数。", required=True, min=0),
))

FAMILY_CULTURE = Schema("family_culture", "家文化进班组", "“家文化”进班组活动记录。", (
    _id("活动", "JW-2016-0001"),
    _enterprise(),
    F("team", "str", "班组", "班组名称。"),
    F("kind", "enum", "活动形式", "、".join(E.FAMILY_CULTURE), choices=E.FAMILY_CULTURE, required=True),
    F("date", "date", "日期", "活动日期。", required=True),
    F("participants", "int", "参加人数", "参加人数（含家属）。", required=True, min=0),
))


def _work_checks(r):
    image = r.get("image")
    if image:
        try:
            check_relative_path(image, "图片路径")
        except NameProblem as problem:
            yield Problem("image", f"{problem.message}：图片必须在 content/ 文件夹里",
                          f"{problem.hint}。把图片放到 content/images/ 下，写成相对路径，例如 images/works/manhua-01.png")
            return
    if r["kind"] == "漫画":
        if not r.get("image"):
            yield Problem("kind", "漫画作品必须有图片 image", "例如 image: images/works/manhua-01.png")
        elif not r.get("alt"):
            yield Problem("image", "漫画图片缺少替代文字 alt（无障碍要求）", "用一句话描述画面内容，例如 alt: 工人佩戴安全帽的漫画")
    elif not r.get("text"):
        yield Problem("kind", f"{r['kind']}作品必须有正文 text", "把作品正文写在 text: | 下面")


WORKS = Schema("works", "安全文化作品", "安全警句、漫画、征文、演讲作品。", (
    _id("作品", "ZP-2016-001"),
    F("kind", "enum", "类别", "、".join(E.WORK_KINDS), choices=E.WORK_KINDS, required=True),
    F("title", "str", "题目", "作品题目。", required=True),
    F("author", "str", "作者署名", "作者署名（仅在同意公开时显示）。"),
    F("author_ref", "str", "作者代号", "作者代号，不公开。", visibility=INTERNAL),
    _enterprise(),
    F("text", "text", "正文", "警句、征文、演讲稿正文（按纯文本显示）。"),
    F("image", "str", "图片", "漫画图片路径，相对于 content/，例如 images/works/manhua-01.png。"),
    F("alt", "str", "替代文字", "图片的文字描述（无障碍必填）。"),
    F("award", "enum", "获奖等次", "、".join(E.IDEA_AWARDS), choices=E.IDEA_AWARDS),
    F("consent", "bool", "同意公开", "作者是否书面同意公开发表；否则只统计、不展示。", required=True),
), checks=(_work_checks,))

# ---------------------------------------------------------------- supervision and reporting

VISITS = Schema("visits", "督导检查", "镇街对企业的督导检查记录。", (
    _id("督导", "DD-2016-0001"),
    _town(),
    _enterprise(),
    F("date", "date", "日期", "督导日期。", required=True),
    F("method", "enum", "督导方式", "、".join(E.VISIT_METHODS), choices=E.VISIT_METHODS, required=True),
    F("team", "str", "督导组", "督导人员，只印在督导手册里。", visibility=HANDBOOK),
    F("findings", "text", "发现问题", "发现的问题，只印在督导手册里。", visibility=HANDBOOK),
    F("hazards", "list", "隐患", "本次发现的隐患编号。", item=F("hazard", "ref", "隐患", "", ref="hazards")),
    F("notice_issued", "bool", "已下整改建议书", "是否下发了工会整改建议书。", default=False),
), published=False)

COUNTY_ROUNDS = Schema("county_rounds", "县总工会集中督导", "县总工会两轮集中督导。", (
    _id("督导轮次", "LD-2016-1"),
    F("round", "int", "轮次", "1 或 2。", required=True, min=1, max=2),
    F("start", "date", "开始日期", "开始日期。", required=True),
    F("end", "date", "结束日期", "结束日期。", required=True),
    F("towns", "list", "督导镇街", "本轮督导的镇街。", item=F("town", "ref", "镇街", "", ref="towns")),
    F("enterprises", "list", "抽查企业", "本轮抽查的企业编号。", item=F("enterprise", "ref", "企业", "", ref="enterprises")),
    F("summary", "text", "督导通报", "可公开的督导情况通报。", required=True),
))


def _report_checks(r):
    if r.get("hazards_rectified", 0) > r.get("hazards_found", 0):
        yield Problem("hazards_rectified", "本月整改数大于发现数", "月报按累计数填写时请检查两个数字")


MONTHLY_REPORTS = Schema("monthly_reports", "月报", "镇街总工会每月 25 日前报送的进展情况（行动方案：“将活动进展情况于每月25日前报县总工会”）。", (
    _town(),
    F("month", "month", "月份", "报送月份，例如 2016-03。", required=True),
    F("submitted_on", "date", "报送日期", "实际报送日期；未报送则不写。"),
    F("activities", "text", "本月开展的活动", "本月组织开展的主要活动，例如 动员会、督导检查、“八个一”活动。",
      visibility=HANDBOOK),
    F("hazards_found", "int", "发现隐患（累计）", "截至本月累计发现隐患数。", min=0),
    F("hazards_rectified", "int", "整改隐患（累计）", "截至本月累计整改隐患数。", min=0),
    F("trainings", "int", "培训（期）", "本月举办的安全培训班期数（镇街和企业）。", min=0),
    F("trainees", "int", "培训（人次）", "本月参加安全培训的职工人次。", min=0),
    F("drills", "int", "应急演练（次）", "本月企业组织的应急演练次数。", min=0),
    F("drill_participants", "int", "参演（人次）", "本月参加应急演练的职工人次。", min=0),
    F("ideas", "int", "征集金点子（条）", "本月征集的职工安全“金点子”条数。", min=0),
    F("workers", "int", "参与职工（累计）", "截至本月累计参与职工人数。", min=0),
    F("notes", "text", "典型经验", "本月的典型经验、好做法。", visibility=HANDBOOK),
    F("problems", "text", "存在问题", "本月工作中存在的问题。", visibility=HANDBOOK),
    F("next_month", "text", "下月打算", "下月的工作打算。", visibility=HANDBOOK),
), key=("town", "month"), checks=(_report_checks,), published=False)


def _disq_checks(r):
    if not r.get("enterprise") and not r.get("town"):
        yield Problem("unit", "取消资格记录必须写 enterprise 或 town", "例如 enterprise: QY-0001")


DISQUALIFICATIONS = Schema("disqualifications", "取消安康杯参评资格", "活动开展不力、被取消当年度“安康杯”参评资格的单位。", (
    _id("记录", "QX-2016-01"),
    F("unit", "enum", "单位类型", "企业 或 镇街。", choices=E.UNIT_KINDS, required=True),
    F("enterprise", "ref", "企业", "企业编号。", ref="enterprises"),
    F("town", "ref", "镇街", "镇街。", ref="towns"),
    F("reason", "text", "原因", "可公开的原因。", required=True),
    F("decided_on", "date", "决定日期", "决定日期。", required=True),
    F("doc_no", "str", "文号", "决定文号。"),
), checks=(_disq_checks,))

# Declaration order is load order; references only point to kinds that may come later too,
# because cross-references are resolved after every file has been read.
KINDS: dict[str, Schema] = {s.name: s for s in (
    TOWNS, ENTERPRISES, HAZARDS, LISTINGS, TRAININGS, TRAINING_COVERAGE, DRILLS, GOLDEN_IDEAS,
    CONTESTS, CONTEST_RESULTS, MODEL_TEAMS, PACESETTERS, AWARDS, EIGHT_ONES, FAMILY_CULTURE, WORKS,
    VISITS, COUNTY_ROUNDS, MONTHLY_REPORTS, DISQUALIFICATIONS,
)}
