"""Markdown to safe HTML: Python-Markdown with readable Chinese heading ids, then nh3."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

import markdown
import nh3
from markdown.extensions.toc import slugify_unicode
from markdown.treeprocessors import InlineProcessor, Treeprocessor

from builder.urls import rewrite_link

EXTENSIONS = ["extra", "sane_lists", "toc"]

# What survives sanitising: the structure Markdown produces, ids for in-page links, table
# alignment. No scripts, event handlers, styles, or javascript:/data: URLs (nh3 strips them).
ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h2", "h3", "h4", "h5",
    "h6", "hr", "img", "li", "ol", "p", "pre", "span", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul", "figure", "figcaption", "caption", "ins", "mark", "kbd", "small",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "abbr": {"title"},
}


def slugify(value: str, separator: str) -> str:
    """Heading ids keep their Chinese text ('## 六查' -> id '六查'), unlike the default '_1'."""
    return slugify_unicode(value, separator)


class _LinkRewriter(Treeprocessor):
    """Make relative and root-relative links work from file:// by pointing at index.html.

    Image sources are left as written: where a picture is found depends on the files beside
    the article (builder.images.resolve_sources), not on the Markdown alone.
    """

    page_url = ""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a" and element.get("href"):
                element.set("href", rewrite_link(element.get("href"), self.page_url))
            elif element.tag in ("h1",):
                element.tag = "h2"  # the page title is the only <h1>


# What each of Python-Markdown's inline patterns (with `extra`) needs to see before it can match:
# the character it starts with, or the two spaces of a line break.
_INLINE_TRIGGERS = {
    "backtick": "`", "escape": "\\", "footnote": "[", "reference": "[", "link": "[", "short_reference": "[",
    "image_link": "!", "image_reference": "!", "short_image_ref": "!", "autolink": "<", "automail": "<",
    "html": "<", "entity": "&", "em_strong": "*_", "em_strong2": "_", "not_strong": "*_", "linebreak": "  \n",
}


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline stage, minus the work on text that no inline pattern can match.

    The stage tries each of its fifteen patterns on every run of text. Chinese prose mostly
    holds none of the characters they start with (`[`, `*`, `<`, `&`, a backtick…), and trying
    them all was a third of the Markdown time. Such text is handed back at once — exactly
    what the patterns would have done, none of them matching. Any pattern this table does not
    know (another version, another extension) turns the shortcut off.
    """

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        names = [item.name for item in md.inlinePatterns._priority]
        if all(name in _INLINE_TRIGGERS for name in names):
            chars = sorted({c for name in names for c in _INLINE_TRIGGERS[name] if _INLINE_TRIGGERS[name] != "  \n"})
            self._plain = re.compile("[" + re.escape("".join(chars)) + "\x02\x03]|  \n").search
        else:
            self._plain = None

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802 - overrides the private method
        if self._plain is not None and not self._plain(data):
            return data
        return InlineProcessor._InlineProcessor__handleInline(self, data, patternIndex)


class Renderer:
    """One configured Markdown converter, reused for every page (reset between pages)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(
            extensions=EXTENSIONS,
            extension_configs={
                "toc": {"slugify": slugify, "toc_depth": "2-3", "permalink": False},
                # align="…", not style="text-align…": the sanitiser drops style, which lost column alignment.
                "extra": {"tables": {"use_align_attribute": True}},
            },
            output_format="html",
        )
        self._links = _LinkRewriter(self._md)
        self._md.treeprocessors.register(self._links, "chabaocu-links", 1)
        self._md.treeprocessors.register(_QuickInline(self._md), "inline", 20)

    def convert(self, text: str, page_url: str) -> tuple[str, list[dict]]:
        """Return (safe html, table of contents tokens)."""
        self._md.reset()
        self._links.page_url = page_url
        html = self._md.convert(text)
        toc = [{"id": t["id"], "name": t["name"], "level": t["level"]} for t in _flatten(self._md.toc_tokens)]
        return sanitize(html), toc


MAX_NESTING = 50  # quotes and lists inside each other; Python-Markdown recurses once per level
_MARKER = re.compile(r"\s*(?:>|[-*+]\s|\d{1,9}[.)]\s)")


def too_deep(body: str) -> int | None:
    """The 0-based line of the body where quotes and lists nest deeper than MAX_NESTING, or None.

    Checked when a file is loaded, so that a pasted or generated file is a message at its line,
    not a RecursionError deep in Python-Markdown.
    """
    for number, line in enumerate(body.split("\n")):
        depth = (len(line) - len(line.lstrip(" "))) // 2
        rest = line
        while depth <= MAX_NESTING and (marker := _MARKER.match(rest)):
            depth += 1
            rest = rest[marker.end():]
        if depth > MAX_NESTING:
            return number
    return None


def _flatten(tokens: list[dict]) -> list[dict]:
    out = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out


def sanitize(html: str) -> str:
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None, strip_comments=True,
    )


_TAGS = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    import html as html_lib
    return _SPACE.sub(" ", html_lib.unescape(_TAGS.sub(" ", html))).strip()


def summarize(html: str, limit: int = 120) -> str:
    """A summary cut by characters (Chinese has no spaces between words), ending cleanly."""
    text = plain_text(html)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    for stop in "。！？；":
        at = cut.rfind(stop)
        if at >= limit * 0.6:
            return cut[: at + 1]
    return cut.rstrip("，、：,. ") + "…"
