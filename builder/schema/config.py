"""site.toml, declared once: every table and key with its docstring."""

from __future__ import annotations

import re

from builder.schema.core import F, Problem, Schema

SITE = Schema("site", "站点", "站点标识与政府网站页脚。", (
    F("title", "str", "站点名称", "网站标题，例如 桓台县“查保促”活动专题。", required=True),
    F("subtitle", "str", "副标题", "标题下的一行说明。"),
    F("slogan", "str", "标语", "首页横幅上的标语。"),
    F("language", "str", "语言", "页面语言，固定为 zh-CN。", default="zh-CN"),
    F("base_url", "str", "网址", "正式发布地址（用于 canonical、站点地图和订阅），例如 https://www.huantai.gov.cn/cbc/。",
      required=True),
    F("organizers", "list", "主办单位", "主办单位（可多个）。", item=F("o", "str", "主办单位", ""), required=True),
    F("undertakers", "list", "承办单位", "承办单位（可多个）。", item=F("u", "str", "承办单位", "")),
    F("site_code", "str", "网站标识码", "政府网站标识码。"),
    F("icp", "str", "ICP备案号", "ICP 备案号，例如 鲁ICP备XXXXXXXX号。"),
    F("police_record", "str", "公安机关备案号", "公安机关备案号，例如 鲁公网安备 XXXXXXXXXXXXXX号。"),
    F("contact_phone", "str", "联系电话", "页脚的联系电话（办公座机）。"),
    F("contact_email", "str", "联系邮箱", "页脚的公开联系邮箱；隐私扫描允许出现这个邮箱。"),
    F("contact_address", "str", "联系地址", "页脚的联系地址。"),
    F("demo", "bool", "示例数据", "数据是否为示例数据；是则每页标注“示例数据”。", default=False),
))


def _range_checks(r):
    if r["end"] < r["start"]:
        yield Problem("end", "结束日期早于开始日期", "请核对日期")


ROUND = Schema("round", "督导轮次", "县总工会一轮集中督导的日期范围。", (
    F("name", "str", "名称", "例如 第一轮集中督导。", required=True),
    F("start", "date", "开始", "开始日期。", required=True),
    F("end", "date", "结束", "结束日期。", required=True),
), key=(), checks=(_range_checks,))

TARGETS = Schema("targets", "目标", "行动方案中的量化目标。", (
    F("leader_training_min", "int", "负责人培训班下限", "非公中小企业负责人培训班至少几期（方案：1–2期）。", default=1, min=0),
    F("leader_training_max", "int", "负责人培训班上限", "负责人培训班至多几期。", default=2, min=0),
    F("worker_training_min", "int", "一线职工培训班下限", "一线职工培训班至少几期（方案：1–2期）。", default=1, min=0),
    F("worker_training_max", "int", "一线职工培训班上限", "一线职工培训班至多几期。", default=2, min=0),
    F("training_coverage", "number", "全员培训覆盖率", "建会企业职工年内至少参加 1 次培训的比例（方案：100%，写 1.0）。",
      default=1.0, min=0, max=1),
    F("drills_per_enterprise", "int", "每企业演练次数", "每个建会企业年内至少组织几次演练（方案：两次）。", default=2, min=0),
    F("team_participation", "number", "班组参与率", "演练中企业班组参与比例（方案：100%，写 1.0）。", default=1.0, min=0, max=1),
    F("supervision_coverage", "number", "高危行业督导覆盖率", "集中行动期间高危行业企业督导覆盖率（方案：全部，写 1.0）。",
      default=1.0, min=0, max=1),
), key=())


def _campaign_checks(r):
    if r["end"] < r["start"]:
        yield Problem("end", "活动结束日期早于开始日期", "请核对日期")
    if not r["start"] <= r["concentrated_action_end"] <= r["end"]:
        yield Problem("concentrated_action_end", "集中行动结束日期不在活动期间内", "方案规定 2016 年 4 月底前")


CAMPAIGN = Schema("campaign", "活动", "查保促活动的时间安排和目标。", (
    F("name", "str", "活动名称", "活动全称。", required=True),
    F("short", "str", "简称", "例如 查保促。", default="查保促"),
    F("year", "int", "年度", "活动年度。", required=True, min=2000, max=2100),
    F("start", "date", "开始日期", "活动开始日期。", required=True),
    F("end", "date", "结束日期", "活动结束日期。", required=True),
    F("concentrated_action_end", "date", "集中行动截止", "集中行动结束日期（方案：2016年4月底前）。", required=True),
    F("report_due_day", "int", "月报截止日", "镇街每月几日前报送进展（方案：25日前；按当日含当日计）。",
      default=25, min=1, max=28),
    F("plan_doc_no", "str", "方案文号", "行动方案的文号。"),
    F("rounds", "list", "集中督导", "县总工会集中督导的日期范围（方案：1月和3月中下旬）。", item=ROUND),
    F("targets", "table", "目标", "量化目标。", item=TARGETS),
), key=(), checks=(_campaign_checks,))

BUILD = Schema("build", "构建", "构建设置。", (
    F("theme", "str", "主题", "themes/ 下的主题名称。", default="default"),
    F("output", "str", "输出目录", "网站输出目录（可公开发布）。", default="public"),
    F("print_output", "str", "内部输出目录", "各镇督导手册（含手册级信息，不公开）的输出目录，不能在网站输出目录之内。",
      default="print"),
    F("as_of", "date", "统计截止日", "所有统计数字的截止日期；不写则为今天。写死它，构建才可重现。"),
    F("per_page", "int", "每页条数", "列表每页显示几篇文章。", default=15, min=1, max=200),
    F("pdf", "bool", "生成 PDF", "是否生成手册 PDF（需要中文字体）。", default=True),
), key=())

HANDBOOK = Schema("handbook", "手册", "督导手册与活动手册。", (
    F("title", "str", "手册标题", "活动手册标题。", default="“查身边隐患、保职工安全、促企业发展”活动手册"),
    F("blank_copies", "int", "空白表份数", "每种表格另附几份空白表（备用，可复印）。", default=2, min=0, max=20),
    F("forms_per_enterprise", "bool", "逐企业表格",
      "企业检查表和督导记录表是否按督导对象名册每家企业各印一份（预填企业名称）；false 则只印空白表。", default=True),
    F("compiled_on", "date", "编印日期",
      "手册封面和版本记录上的编印日期；不写则与数据截止日（[build] as_of 或 --as-of）相同，不能早于它。"),
    F("county_union", "str", "县总工会", "县总工会全称。", default="桓台县总工会"),
    F("county_safety", "str", "县安监局", "县安监局全称。", default="桓台县安全生产监督管理局"),
    F("county_phone", "str", "县总工会电话", "附录联络表中的县总工会电话。"),
    F("safety_phone", "str", "县安监局电话", "附录联络表中的县安监局电话。"),
    F("county_contact", "str", "县总工会联络人", "附录联络表中县总工会“查保促”活动办公室联络人姓名（只印在督导手册里）。"),
    F("safety_contact", "str", "县安监局联络人", "附录联络表中县安监局联络人姓名（只印在督导手册里）。"),
), key=())

SECTIONS = Schema("sections", "栏目", "content/ 下各文件夹对应的栏目名称。", (
    F("news", "str", "工作动态", "content/news/ 的栏目名。", default="工作动态"),
    F("notices", "str", "通知公告", "content/notices/ 的栏目名。", default="通知公告"),
    F("policies", "str", "政策法规", "content/policies/ 的栏目名。", default="政策法规"),
    F("pages", "str", "单页", "content/pages/ 的栏目名（单页不成列表）。", default="专题介绍"),
), key=())

_SYNONYM_SEPARATOR = re.compile("[=＝]")


def synonym_words(group: str) -> list[str]:
    """The words of one synonym group as written in site.toml: "预案 = 应急预案" → [预案, 应急预案]."""
    return [word.strip() for word in _SYNONYM_SEPARATOR.split(group) if word.strip()]


def _search_checks(r):
    for group in r.get("synonyms") or []:
        words = synonym_words(group)
        if len(words) < 2:
            yield Problem("synonyms", f"同义词组“{group}”只有一个词：一组至少要有两个词",
                          "同一组的词用“=”隔开，例如 \"预案 = 应急预案\"")
        for word in words:
            if not any(ch.isalnum() for ch in word):
                yield Problem("synonyms", f"同义词“{word}”里没有汉字、字母或数字，搜索时无法使用",
                              "写搜索框里会输入的词，例如 16号令")


SEARCH = Schema("search", "站内搜索", "站内搜索的同义词（别称）。", (
    F("synonyms", "list", "同义词", "每项是一组可以互相找到的词（别称、简称、旧称），词与词用“=”隔开，"
      "例如 \"16号令 = 国家安全生产监督管理总局令第16号\"：搜其中任何一个，含有其他词的页面也会列出。",
      item=F("group", "str", "同义词组", "")),
), key=(), checks=(_search_checks,))

CONFIG = Schema("site.toml", "站点配置", "site.toml 的各个表。", (
    F("site", "table", "站点", SITE.doc, item=SITE, required=True),
    F("campaign", "table", "活动", CAMPAIGN.doc, item=CAMPAIGN, required=True),
    F("build", "table", "构建", BUILD.doc, item=BUILD),
    F("handbook", "table", "手册", HANDBOOK.doc, item=HANDBOOK),
    F("sections", "table", "栏目", SECTIONS.doc, item=SECTIONS),
    F("search", "table", "站内搜索", SEARCH.doc, item=SEARCH),
), key=())
