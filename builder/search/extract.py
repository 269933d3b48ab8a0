"""The searchable text of a rendered page: its <main>, without navigation, scripts or charts.

Only what a reader sees in the page's main content is indexed: the header, the menus and
the footer repeat on every page and would make every query match everything, and a
"previous/next article" <nav> would make a page match its neighbour's title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape as _unescape
from html.parser import HTMLParser

# Content that is not read as text: code, hidden parts, and charts (an SVG chart's figures
# are in the data table beside it).
_SKIP = frozenset({"script", "style", "template", "noscript", "svg", "nav", "aside", "button", "select", "form"})
_HEADINGS = frozenset({"h2", "h3", "h4"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr"})
# Elements that end a line of text: no search term spans two of them.
_BLOCK = frozenset({"address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
                    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
                    "main", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"})
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")


@dataclass(frozen=True, slots=True)
class PageText:
    """What the index keeps of one page."""

    title: str      # the first <h1> of <main>, else <title>
    body: str       # the rest of <main>; lines are blocks
    has_main: bool
    headings: str = ""  # the <h2>–<h4> of <main>, one a line (they are in the body too)


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head_title: list[str] = []
        self.h1: list[str] = []
        self.body: list[str] = []
        self.stack: list[str] = []
        self.skip_depth = 0         # >0 inside something not read
        self.main_depth = 0         # >0 inside <main>
        self.seen_main = False
        self.in_title = False
        self.h1_depth = 0           # >0 inside the first <h1> of <main>
        self.h1_done = False
        self.heading_depth = 0      # >0 inside an <h2>–<h4>
        self.headings: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag == "br" and self.main_depth and not self.skip_depth:
                self.body.append("\n")
            return
        self.stack.append(tag)
        names = dict(attrs)
        hidden = "hidden" in names or names.get("aria-hidden") == "true" or "data-nosearch" in names
        if self.skip_depth or tag in _SKIP or hidden:
            self.skip_depth += 1
            return
        if tag == "title":
            self.in_title = True
        elif tag == "main":
            self.main_depth += 1
            self.seen_main = True
        elif tag == "h1" and self.main_depth and not self.h1_done and not self.h1_depth:
            self.h1_depth = 1
            return
        if self.h1_depth:
            self.h1_depth += 1
        if self.heading_depth or (tag in _HEADINGS and self.main_depth):
            self.heading_depth += 1
        if tag in _BLOCK and self.main_depth:
            self.body.append("\n")
            if self.heading_depth == 1:
                self.headings.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self.stack:
            return  # a stray end tag: ignore it rather than unbalance the stack
        while self.stack:
            open_tag = self.stack.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self.skip_depth:
            self.skip_depth -= 1
            return
        if tag == "title":
            self.in_title = False
        if self.h1_depth:
            self.h1_depth -= 1
            if self.h1_depth == 0:
                self.h1_done = True
            return
        if tag == "main":
            self.main_depth -= 1
        if self.heading_depth:
            self.heading_depth -= 1
        if tag in _BLOCK and self.main_depth:
            self.body.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.in_title:
            self.head_title.append(data)
        elif self.h1_depth:
            self.h1.append(data)
        elif self.main_depth:
            self.body.append(data)
            if self.heading_depth:
                self.headings.append(data)


def _clean(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\n\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def extract(html: str) -> PageText:
    """The title and main text of one HTML page."""
    parser = _Extractor()
    # Only <main> is read; skipping the header, menus and footer halves the parsing.
    start, end = html.find("<main"), html.rfind("</main>")
    if start >= 0 and end > start:
        head = _TITLE.search(html, 0, start)
        parser.head_title = [_unescape(head.group(1))] if head else []
        html = html[start:end + len("</main>")]
    parser.feed(html)
    parser.close()
    title = _clean(" ".join("".join(parser.h1).split("\n"))) or _clean("".join(parser.head_title))
    return PageText(title=title, body=_clean("".join(parser.body)), has_main=parser.seen_main,
                    headings=_clean("".join(parser.headings)))
