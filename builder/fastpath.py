"""serve's fast path: an article whose Markdown body alone changed is shown again at once.

A full build of a 5,000-page site takes seconds even with the cache (every list, the search
index, the privacy scan of all outputs, the handbook); the page being edited is one Markdown
conversion and one template render. When a batch of changes is only the bodies of existing
articles — the front matter validates to exactly what the last full build had, so the page's
title, date, tags, neighbours and template are unchanged — those articles are rendered here
from the last full build's state (render.SiteRender) and serve shows them within a few tens
of milliseconds. The full build that always follows brings everything else up to date (the
lists' summaries, the search index, the handbook) and gives these pages the same bytes
(tests/unit/test_fastpath.py checks it against a clean build).

Anything out of the ordinary — a new, deleted or renamed file, a front-matter change, a parse
error, a warning, an image the last build did not publish, a privacy finding — returns None:
the full build handles it and reports it as a build always does.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

from builder import contacts, privacy
from builder.diagnostics import Loc, Reporter
from builder.images import responsive_pages
from builder.load import parse_page
from builder.model import Page
from builder.render import SiteRender, convert_one
from builder.schema.core import validate_mapping
from builder.schema.page import PAGE
from builder.textio import MAX_FILE_BYTES, TextError, decode
from builder.urls import output_path


def render_edited(state: SiteRender, paths: Iterable[str]) -> dict[str, bytes] | None:
    """Output path -> bytes of the articles at `paths` (relative to the site root), or None
    when the change is not a plain edit of existing articles' bodies."""
    root = state.site.config.root
    pages = {page.source: page for page in state.site.pages}
    items = {id(item.context["page"]): item for item in state.planned if "page" in item.context}
    out: dict[str, bytes] = {}
    for rel in paths:
        old = pages.get(rel)
        item = items.get(id(old)) if old is not None else None
        if item is None:
            return None  # not an article the last build rendered (new, deleted, a draft, data…)
        page = _reread(root / rel, old)
        if page is None:
            return None
        rep = Reporter()
        page = dataclasses.replace(page, body=contacts.expand(page.body, state.site.config.contacts, Loc(rel),
                                                               page.body_line, rep))
        (page,) = responsive_pages([convert_one(page, root / "content")], state.web_images, rep)
        data = state.render_item(dataclasses.replace(item, context={**item.context, "page": page}), rep)
        path = output_path(item.url)
        if data is None or rep.diagnostics or privacy.scan({path: data}, state.site, state.visibility, rep, ""):
            return None
        out[path] = data
    return out


def _reread(path: Path, old: Page) -> Page | None:
    """The article with its new body, if its front matter still validates to `old.meta`."""
    loc = Loc(old.source)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        meta, body, body_line = parse_page(decode(path.read_bytes(), loc), loc)
    except (OSError, TextError):
        return None
    rep = Reporter()
    checked = validate_mapping(PAGE, meta, loc, rep) if meta is not None else None
    if checked is None or rep.diagnostics:
        return None
    if {**{f.name: None for f in PAGE.fields}, **checked} != old.meta or body_line != old.body_line:
        return None
    return dataclasses.replace(old, body=body, body_line=body_line, html="", toc=[], summary="")
