"""Front matter of content/ Markdown files, declared once."""

from __future__ import annotations

import re

from builder.schema.core import F, Problem, Schema

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")



def _page_checks(r):
    slug = r.get("slug")
    if slug is not None and not _SLUG.match(slug):
        yield Problem("slug", f"slug“{slug}”不合法：只能用小写英文字母、数字和短横线",
                      "slug 决定网址，不能含“/”“..”或中文，例如 slug: county-kickoff")


PAGE = Schema("page", "文章", "content/ 下 Markdown 文件的前置信息（front matter）。", (
    F("title", "str", "标题", "文章标题。", required=True),
    F("date", "date", "发布日期", "发布日期，例如 2016-01-20。", required=True),
    F("section", "str", "栏目", "所属栏目；一般由文件夹决定，不必填写。"),
    F("tags", "list", "标签", "标签列表，例如 [隐患排查, 金点子]。", item=F("tag", "str", "标签", "")),
    F("categories", "list", "分类", "主题分类列表，例如 [专项整治]。", item=F("category", "str", "分类", "")),
    F("town", "str", "镇街", "文章涉及的镇街（用于按镇街筛选），例如 马桥镇。"),
    F("summary", "text", "摘要", "一两句话的摘要；不写则取正文前 120 字。"),
    F("source", "str", "来源", "发布机构，例如 桓台县总工会。"),
    F("doc_no", "str", "文号", "公文文号，例如 桓政办字〔2016〕2号。"),
    F("draft", "bool", "草稿", "草稿不发布。", default=False),
    F("slug", "str", "网址名", "网址中的名称；不写则用文件名。"),
    F("template", "str", "模板", "使用的模板文件，默认 page.html。"),
), key=(), checks=(_page_checks,))
