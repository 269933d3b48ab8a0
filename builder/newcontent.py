"""`chabaocu new article`: a Markdown file with its front matter, dated in the campaign, never overwriting.

The article is dated by the site's as-of date (site.toml [build] as_of, the day the site's
figures stand at) unless `--date` says otherwise, and must fall inside the campaign when it
is news or a notice. Its file is named <date>-<slug or number>.md; its URL follows the front
matter (builder.validate.url_name), so a date corrected later moves the page and leaves a
redirect at the old address. The body `new` writes is recognised by `check` as unfinished.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.config import SiteConfig
from builder.diagnostics import UserError
from builder.names import NameProblem, check_display_name, check_slug
from builder.validate import BODY_PLACEHOLDER, url_name

# Sections whose articles report the campaign: their date must lie inside it. Laws and
# single pages (政策法规, 专题介绍) may carry any date.
CAMPAIGN_SECTIONS = ("news", "notices")


class NewContentError(UserError):
    """`new` cannot make what was asked (exit 1)."""


@dataclass(frozen=True)
class NewArticle:
    path: Path     # the file written
    url: str       # its site-relative URL, e.g. news/2016-06-17-drill/


def section_folder(section: str, sections: dict[str, str]) -> str:
    """Accept a folder name (news) or its Chinese title (工作动态)."""
    if section in sections:
        return section
    for folder, title in sections.items():
        if title == section:
            return folder
    raise NewContentError(f"不认识的栏目“{section}”",
                          "可用栏目：" + "、".join(f"{v}（{k}）" for k, v in sections.items()))


def _check_names(title: str, slug: str | None) -> None:
    """builder.names decides: a slug never climbs out of content/<section>/, a title has no control characters."""
    try:
        check_display_name(title, "标题")
        if slug is not None:
            check_slug(slug)
    except NameProblem as problem:
        raise NewContentError(problem.message, problem.hint) from None


def check_date(date: dt.date, section: str, config: SiteConfig) -> None:
    """News and notices are dated inside the campaign (site.toml [campaign] start–end)."""
    start, end = config.campaign["start"], config.campaign["end"]
    if section in CAMPAIGN_SECTIONS and not start <= date <= end:
        raise NewContentError(f"日期 {date} 不在活动期间（{start} 至 {end}）内",
                              f"用 --date 写活动期间的日期，例如 --date {min(max(config.as_of, start), end)}")


def front_matter(title: str, date: dt.date) -> str:
    """The stub's front matter: each line says what goes there."""
    quoted = yaml.safe_dump(title, allow_unicode=True, default_style='"', width=10**6).strip()
    return (f"---\ntitle: {quoted}\ndate: {date.isoformat()}\n"
            "summary: \"\"     # 一两句话的摘要，列表和搜索结果里显示\n"
            "source: \"\"      # 发布机构，例如 桓台县总工会\n"
            "tags: []        # 标签，例如 [应急演练, 马桥镇]\n"
            "---\n")


BODY = (f"\n{BODY_PLACEHOLDER}。第一段写清时间、地点、谁做了什么。\n\n"
        "<!-- 插图：把图片放在这个文件旁边（或 content/images/ 下），在正文里写 ![一句话描述图片内容](图片文件名.jpg)；"
        "小标题写成 ## 小标题。这几行说明不会发布，可以删掉。 -->\n")


def new_article(root: Path, config: SiteConfig, title: str, section: str, date: dt.date | None = None,
                slug: str | None = None) -> NewArticle:
    """Write content/<section>/<date>-<slug or n>.md and return it with its URL."""
    _check_names(title, slug)
    folder_name = section_folder(section, config.sections)
    date = date or config.as_of
    check_date(date, folder_name, config)
    content = root / "content"
    folder = content / folder_name
    if folder.exists() and not folder.resolve().is_relative_to(content.resolve()):
        raise NewContentError(f"栏目文件夹 content/{folder_name}/ 是指向站点以外的链接（symlink）", "把它换成真正的文件夹")
    folder.mkdir(parents=True, exist_ok=True)
    text = front_matter(title, date) + BODY
    number = 1
    while True:
        stem = f"{date.isoformat()}-{slug}" if slug else f"{date.isoformat()}-{number}"
        path = folder / f"{stem}.md"
        try:
            # "x": created here or not at all, even if another file (or a link) appeared meanwhile.
            with open(path, "x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            return NewArticle(path, f"{folder_name}/{url_name(stem, {'date': date})}/")
        except FileExistsError:
            if slug is not None:
                raise NewContentError(f"文件已存在，不会覆盖：{path.relative_to(root).as_posix()}",
                                      "换一个 --slug，或不写 --slug（按日期自动编号）") from None
            number += 1
