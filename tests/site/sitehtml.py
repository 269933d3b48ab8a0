"""Read built pages the way a tester would: tables by caption, headline figures, links, ids.

Only the standard library's HTMLParser, so the tests do not share a parser with the builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class HtmlTable:
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    total: list[str] | None = None

    def by_label(self) -> dict[str, list[str]]:
        """First cell -> the other cells, for each body row."""
        return {row[0]: row[1:] for row in self.rows}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.tables: list[HtmlTable] = []
        self.links: list[tuple[str, str, str]] = []   # (tag, attribute, value)
        self.ids: list[str] = []
        self.elements: list[tuple[str, dict]] = []
        self.h1: list[str] = []
        self._table: HtmlTable | None = None
        self._section = ""
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._h1: list[str] | None = None
        self.classes: dict[str, list[str]] = {}
        self._class_text: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        self.elements.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        for name in ("href", "src"):
            if name in a:
                self.links.append((tag, name, a[name]))
        if "srcset" in a:
            for part in a["srcset"].split(","):
                self.links.append((tag, "srcset", part.strip().split(" ")[0]))
        if tag == "table":
            self._table = HtmlTable()
        elif tag in ("thead", "tbody", "tfoot"):
            self._section = tag
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "caption":
            self._caption = []
        elif tag == "h1":
            self._h1 = []
        for css in a.get("class", "").split():
            self._class_text.append((css, []))
        if tag not in ("br", "img", "meta", "link", "input", "hr", "source", "rect", "line", "path", "circle"):
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(_clean("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if self._section == "thead":
                self._table.header = self._row
            elif self._section == "tfoot":
                self._table.total = self._row
            else:
                self._table.rows.append(self._row)
            self._row = None
        elif tag == "caption" and self._caption is not None and self._table is not None:
            self._table.caption = _clean("".join(self._caption))
            self._caption = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "h1" and self._h1 is not None:
            self.h1.append(_clean("".join(self._h1)))
            self._h1 = None
        # Close the element and record the text of classed elements it carried.
        while self.stack:
            open_tag, attrs = self.stack.pop()
            for css in attrs.get("class", "").split():
                for index in range(len(self._class_text) - 1, -1, -1):
                    name, parts = self._class_text[index]
                    if name == css:
                        self.classes.setdefault(css, []).append(_clean("".join(parts)))
                        del self._class_text[index]
                        break
            if open_tag == tag:
                break

    def handle_data(self, data):
        for target in (self._cell, self._caption, self._h1):
            if target is not None:
                target.append(data)
        for _, parts in self._class_text:
            parts.append(data)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def parse(html: str) -> _Parser:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser


def tables(html: str) -> dict[str, HtmlTable]:
    """Every <table> of a page, by its caption."""
    return {t.caption: t for t in parse(html).tables}


def texts(html: str, css_class: str) -> list[str]:
    """The text of every element carrying `css_class`, in document order of their ends."""
    return parse(html).classes.get(css_class, [])


def pairs(html: str, label_class: str, value_class: str) -> dict[str, str]:
    """Label -> value of repeated blocks such as the home page's figure cards."""
    labels, values = texts(html, label_class), texts(html, value_class)
    assert len(labels) == len(values), (labels, values)
    return dict(zip(labels, values, strict=True))


def number(text: str) -> int:
    """'3,979项' -> 3979."""
    match = re.search(r"-?[\d,]+", text)
    assert match, f"no number in {text!r}"
    return int(match.group().replace(",", ""))


def percent(text: str) -> float | None:
    """'97.1%' -> 97.1; '—' -> None."""
    match = re.search(r"(\d+(?:\.\d+)?)%?", text)
    return None if match is None else float(match.group(1))
