"""Official heading numbers (一、（一）1.（1）) and the contents list, read from the document itself.

Chinese official documents number their headings by level: 一、 for the first, （一） for the
second, 1. for the third, （1） for the fourth (GB/T 9704). Chapters are numbered when they
are planned (plan.numbered); the headings inside a chapter are numbered here, after the
templates have rendered, so that a template only writes the heading's words and can never
number two headings alike. Articles reproduced in a document (the action plan, law extracts)
keep the numbering of their own text, and a heading marked `nonum` (附录一 …) keeps its name.

The contents page is made from the same pass: every chapter and every numbered part that is a
level-2 bookmark (class bm2) — so the printed contents and the PDF's bookmarks are one list.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass

from builder.handbook.plan import chinese_numeral

_TAG = re.compile(r"<(/?)(article|section|h[1-4])\b([^>]*)>")
_ATTR_ID = re.compile(r'\sid="([^"]*)"')
_ATTR_CLASS = re.compile(r'\sclass="([^"]*)"')
_STRIP = re.compile(r"<[^>]+>")


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the contents: level 1 (chapter) or 2 (part), the anchor, the numbered title."""

    level: int
    anchor: str
    title: str


def prefix(level: int, n: int) -> str:
    """The number of the n-th heading at `level` (2: （一）, 3: 1., 4: （1）)."""
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    return f"（{n}）"


def number_headings(html: str) -> tuple[str, list[Entry]]:
    """Number the h2–h4 of every chapter outside reproduced articles; list chapters and parts."""
    out: list[str] = []
    entries: list[Entry] = []
    counters = {2: 0, 3: 0, 4: 0}
    article_depth = 0
    in_chapter = False
    chapter_id = ""
    pos = 0
    for match in _TAG.finditer(html):
        closing, tag, attrs = match.group(1), match.group(2), match.group(3)
        out.append(html[pos:match.end()])
        pos = match.end()
        classes = (_ATTR_CLASS.search(attrs) or [None, ""])[1].split()
        if tag == "article":
            article_depth += -1 if closing else 1
            continue
        if tag == "section":
            if not closing and "chapter" in classes:
                in_chapter, counters = True, {2: 0, 3: 0, 4: 0}
                chapter_id = (_ATTR_ID.search(attrs) or [None, ""])[1]
            continue
        if closing or not in_chapter or article_depth:
            continue
        level = int(tag[1])
        end = html.index(f"</{tag}>", pos)
        title = html_lib.unescape(_STRIP.sub("", html[pos:end])).strip()
        if level == 1:
            if "chapter-title" in classes:
                entries.append(Entry(1, chapter_id, title))
            continue
        if "nonum" not in classes:
            counters[level] += 1
            for deeper in range(level + 1, 5):
                counters[deeper] = 0
            number = prefix(level, counters[level])
            out.append(number)
            title = number + title
        anchor = (_ATTR_ID.search(attrs) or [None, ""])[1]
        if level == 2 and "bm2" in classes and anchor:
            entries.append(Entry(2, anchor, title))
    out.append(html[pos:])
    return "".join(out), entries
