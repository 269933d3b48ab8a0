"""Articles of the website (the plan, law extracts) made ready to sit inside a printed document.

The Markdown is rendered once for the whole build (render.render_markdown); here its HTML is
only adapted: heading ids get a prefix so that two articles in one book cannot clash, and
links between site pages, which are relative to the article's own URL, become absolute
addresses of the published site: a printed page or a PDF has no "../".
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass

from markupsafe import Markup

from builder.model import Page
from builder.urls import is_external, output_path

_ID = re.compile(r'\sid="([^"]*)"')
_HREF = re.compile(r'\shref="([^"]*)"')
_SRC = re.compile(r'\ssrc="([^"]*)"')


@dataclass(frozen=True, slots=True)
class PrintPage:
    """An article as a section of a printed document."""

    anchor: str
    title: str
    date: dt.date
    source: str
    doc_no: str
    html: Markup


def print_pages(pages: list[Page], prefix: str, base_url: str) -> list[PrintPage]:
    out = []
    for number, page in enumerate(pages, 1):
        anchor = f"{prefix}-{number}"
        out.append(PrintPage(anchor, page.title, page.date, page.meta.get("source") or "",
                             page.meta.get("doc_no") or "", Markup(adapt(page.html, page.url, anchor, base_url))))
    return out


def adapt(html: str, page_url: str, anchor: str, base_url: str) -> str:
    """Prefix ids with `anchor`; make site-relative links absolute on `base_url`."""
    html = _ID.sub(lambda m: f' id="{anchor}-{m.group(1)}"', html)
    html = _HREF.sub(lambda m: f' href="{_link(m.group(1), page_url, anchor, base_url)}"', html)
    return _SRC.sub(lambda m: f' src="{_image(m.group(1), page_url)}"', html)


def _link(href: str, page_url: str, anchor: str, base_url: str) -> str:
    if href.startswith("#"):
        return f"#{anchor}-{href[1:]}"
    if is_external(href) or href.startswith(("mailto:", "tel:")):
        return href
    path, _, fragment = href.partition("#")
    target = _site_path(path, page_url)
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    return base_url.rstrip("/") + "/" + target + (f"#{fragment}" if fragment else "")


def _image(src: str, page_url: str) -> str:
    """Images are relative to the document, which lives in handbook/ of its output tree."""
    if is_external(src) or src.startswith("data:"):
        return src
    return "../" + _site_path(src, page_url)


def _site_path(path: str, page_url: str) -> str:
    folder = posixpath.dirname(output_path(page_url))
    joined = posixpath.normpath(posixpath.join(folder, path)) if not path.startswith("/") else path.lstrip("/")
    return "" if joined == "." else joined
