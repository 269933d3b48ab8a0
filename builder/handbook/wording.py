"""No website-only wording in print: a printed book has no 本站, no 点击, no 下载.

The handbooks reproduce articles written for the website (the action plan, the law extracts)
and the templates' own text. A sentence such as “本页为摘录” or “点击下方链接” reads as
nonsense on paper, so any of the phrases below in the printed text fails the build, pointing
at the line of the article or template that says it. The screen-only links of the print HTML
(下载 PDF 版, 返回…) are not printed and are not checked. Write such sentences so that they
hold in both media (本文, 见下文, 《…》全文见县政府网站).
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from builder.diagnostics import Loc, Reporter
from builder.model import Site

# What only makes sense on a screen or a website. 网站 itself is not here: a book may name
# the campaign website as a place to look things up.
WEB_ONLY = ("本站", "本网", "本页", "网页", "点击", "单击", "链接", "浏览器", "下载", "搜索", "首页", "返回顶部",
            "上一篇", "下一篇", "扫码", "扫一扫", "鼠标", "滚动")

_SCREEN_ONLY = re.compile(r'<(p|div|nav|span)\b[^>]*class="[^"]*\bscreen-only\b[^"]*"[^>]*>.*?</\1>', re.S)
_TAGS = re.compile(r"<[^>]+>")
_HINT = ("印刷版没有“本站”“点击”“下载”：改成网页和纸上都通的说法，例如“本文”“见下文”“全文见县政府网站”。"
         "检查的用语：" + "、".join(WEB_ONLY))


def printed_text(html: str) -> str:
    """The text a printed copy shows: no screen-only parts, no tags, no attributes."""
    return html_lib.unescape(_TAGS.sub("", _SCREEN_ONLY.sub("", html)))


def check_wording(html: str, doc, site: Site, rep: Reporter) -> None:
    """Report every website-only phrase in the printed text, at each source line that says it."""
    text = printed_text(html)
    for phrase in WEB_ONLY:
        if phrase not in text:
            continue
        sources = list(_sources(phrase, site))
        if not sources:  # from a record's text or generated: name the document and show the sentence
            at = text.index(phrase)
            context = " ".join(text[max(0, at - 20):at + 20].split())
            sources = [Loc(doc.html_path)]
            message = f"印刷版手册中出现只适用于网站的用语“{phrase}”：“{context}”"
        else:
            message = f"印刷版手册中出现只适用于网站的用语“{phrase}”"
        for loc in sources:
            rep.error(loc, message, _HINT)


def _sources(phrase: str, site: Site):
    """Lines of the printed articles and of the print templates that contain `phrase`."""
    plan_no = site.config.campaign.get("plan_doc_no")
    for page in site.pages:  # the printed ones: the law extracts and the action plan
        if page.section != "policies" and not (plan_no and page.meta.get("doc_no") == plan_no):
            continue
        for offset, line in enumerate(page.body.splitlines()):
            if phrase in line:
                yield Loc(page.source, page.body_line + offset, line.index(phrase) + 1)
    templates = site.config.theme_dir / "templates" / "handbook"
    for path in sorted(templates.rglob("*.html")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if phrase in _TAGS.sub("", line) and "{#" not in line:
                yield Loc(Path(path).relative_to(site.config.root).as_posix(), number, line.index(phrase) + 1)
