"""Site search (issue 6): an index of the rendered public pages, loaded as scripts so it works from file://.

The index is made from the output files of the build, never from the records: whatever
the index holds, the public site already shows (a whistleblower's reference cannot reach
it). The page plan only supplies the facts a result lists: 栏目, town and date.
"""

from __future__ import annotations

from collections.abc import Iterable

from builder import parallel
from builder.cache import Cache
from builder.model import Page, Record, Site
from builder.schema.config import synonym_words
from builder.schema.core import PUBLIC
from builder.search.charfold import t2s
from builder.search.encode import Doc, encode_index
from builder.search.extract import extract
from builder.sections import Planned, plan_site
from builder.urls import output_path

SEARCH_URL = "search/"
INDEX_PREFIX = "static/search/"
# Pages that only list or link to other pages: indexing them would return the list next to
# (or before) the page the reader wants, for every query that matches a title on it.
# Below this many pages to read, one process does it faster than a pool.
PARALLEL_MIN_PAGES = 200
LIST_TEMPLATES = frozenset({"list.html", "tags.html", "sitemap.html", "opendata.html", "search.html", "404.html"})


def build_search_index(files: dict[str, bytes], site: Site, visibility: str = "public",
                       cache: Cache | None = None) -> dict[str, bytes]:
    """The index files for the pages in `files` (output path -> bytes of the build being written)."""
    cache = cache or Cache(None)
    planned = {output_path(p.url): p for p in plan_site(site, visibility)}
    labels = section_labels(site, planned.values())
    towns = town_names(site)
    pages = []
    for path in sorted(files):
        if not path.endswith(".html") or path.startswith(INDEX_PREFIX):
            continue
        item = planned.get(path)
        if item is None or indexable(item):
            pages.append((path, item, cache.key("search-extract", files[path])))
    # A page's text depends only on its bytes: unchanged pages come from the cache, the rest
    # are parsed on every core.
    texts = {key: cache.get(key) for _path, _item, key in pages}
    missing = [(key, files[path]) for path, _item, key in pages if texts[key] is None]
    for (key, _data), text in zip(missing, parallel.map_chunks(_extract_chunk, missing, minimum=PARALLEL_MIN_PAGES)):
        texts[key] = text
        cache.put(key, text)
    docs = []
    for path, item, key in pages:
        text = texts[key]
        if not text.has_main:
            continue  # not a page of the site (e.g. an HTML attachment)
        section = item.section if item else path.split("/", 1)[0]
        docs.append(Doc(url=path, title=text.title or (item.title if item else path),
                        section=labels.get(section, ""), towns=_towns_of(item, text.title, towns),
                        date=_date_of(item), body=text.body, aliases=_aliases_of(item),
                        headings=text.headings))
    synonyms = [synonym_words(group) for group in (site.config.search.get("synonyms") or [])]
    return encode_index(docs, sections=list(dict.fromkeys(labels.values())), towns=list(dict.fromkeys(towns.values())),
                        prefix=INDEX_PREFIX, cache=cache, synonyms=synonyms, year=site.config.campaign.get("year"),
                        fold_pairs=t2s())


def _extract_chunk(items: list[tuple[str, bytes]]) -> list:
    return [extract(data.decode("utf-8", errors="replace")) for _key, data in items]


def indexable(item: Planned) -> bool:
    """Pages with content of their own; lists only repeat the titles of the pages they link to."""
    return item.in_sitemap and item.url not in ("", SEARCH_URL) and item.template not in LIST_TEMPLATES


def section_labels(site: Site, planned: Iterable[Planned]) -> dict[str, str]:
    """栏目 key -> label: site.toml [sections], then each section's own index page title."""
    labels = dict(site.config.sections)
    for item in planned:
        if item.section and item.url == f"{item.section}/" and item.section not in labels:
            labels[item.section] = item.title
    return labels


def town_names(site: Site) -> dict[str, str]:
    """Town id or name -> name, for every town of the site, in the site's order."""
    names: dict[str, str] = {}
    for town in site.records.get("towns", []):
        names[str(town.raw["id"])] = town.raw["name"]
        names[town.raw["name"]] = town.raw["name"]
    return names


def _towns_of(item: Planned | None, title: str, towns: dict[str, str]) -> tuple[str, ...]:
    """The towns a page is about: a town page, a record's town, an article's tags or title."""
    found: list[str] = []
    if item is not None:
        if "town_id" in item.context:
            found.append(towns.get(str(item.context["town_id"]), ""))
        for value in item.context.values():
            if isinstance(value, Page):
                found += [towns[t] for t in value.tags if t in towns]
                if value.meta.get("town") in towns:
                    found.append(towns[value.meta["town"]])
            elif isinstance(value, Record) and _public(value, "town"):
                found.append(towns.get(str(value.raw.get("town")), ""))
    found += [name for key, name in towns.items() if key == name and name in title]
    return tuple(t for t in dict.fromkeys(found) if t)


def _aliases_of(item: Planned | None) -> str:
    page = item.context.get("page") if item else None
    return str(page.meta.get("doc_no") or "") if isinstance(page, Page) else ""


def _date_of(item: Planned | None) -> str:
    if item is None:
        return ""
    for value in item.context.values():
        if isinstance(value, Page):
            return value.date.isoformat()
        if isinstance(value, Record) and _public(value, "date") and value.raw.get("date"):
            return str(value.raw["date"])
    return ""


def _public(record: Record, name: str) -> bool:
    """Whether a record's field may be shown on the public site (the index never holds more)."""
    field = record.schema.field(name)
    return field is not None and field.visibility == PUBLIC


__all__ = ["build_search_index", "SEARCH_URL"]
