"""Stage 4 (website): plan every page of the site, then render each through the theme."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from builder.cache import Cache
from builder.diagnostics import Reporter
from builder.markdown import Renderer, summarize
from builder.model import Page, Site
from builder.schema import enums as E
from builder.templates import TemplateFailed, make_env, render
from builder.urls import output_path, relative


@dataclass(frozen=True)
class Planned:
    """One output page: its URL, template and the context particular to it."""

    url: str
    template: str
    context: dict = field(default_factory=dict)
    title: str = ""
    section: str = ""
    in_sitemap: bool = True


def render_markdown(site: Site, cache: Cache | None = None) -> list[Page]:
    """Markdown to HTML once per page; the website and the handbook share the result."""
    renderer = Renderer()
    cache = cache or Cache(None)
    out = []
    for page in site.pages:
        key = cache.key("markdown", page.url, page.body)
        converted = cache.get(key)
        if converted is None:
            converted = renderer.convert(page.body, page.url)
            cache.put(key, converted)
        html, toc = converted
        summary = page.meta.get("summary") or summarize(html)
        out.append(Page(**{**_fields(page), "html": html, "toc": toc, "summary": summary}))
    return out


def _fields(page: Page) -> dict:
    return {name: getattr(page, name) for name in page.__dataclass_fields__}


def public_records(site: Site, profile: str) -> dict[str, list]:
    """Records as templates see them: restricted to the profile, unpublishable works left out."""
    views = {}
    for kind, records in site.records.items():
        rows = records
        if kind == "works" and profile == "public":
            rows = [r for r in records if r.raw.get("consent")]
        views[kind] = [r.view(profile) for r in rows]
    return views


def plan_site(site: Site) -> list[Planned]:
    """Every page of the website, in a stable order."""
    config = site.config
    per_page = config.build["per_page"]
    planned: list[Planned] = [Planned("", "index.html", title="首页", section="home")]
    for section, title in config.sections.items():
        pages = [p for p in site.pages if p.section == section]
        if not pages:
            continue  # an empty 栏目 fails a government site check: leave it out entirely
        for p in pages:
            planned.append(Planned(p.url, p.meta.get("template") or "page.html", {"page": p}, p.title, section))
        if section == "pages":
            continue
        count = math.ceil(len(pages) / per_page)
        for number in range(1, count + 1):
            url = f"{section}/" if number == 1 else f"{section}/page/{number}/"
            chunk = pages[(number - 1) * per_page: number * per_page]
            pager = {
                "number": number, "count": count,
                "prev": None if number == 1 else (f"{section}/" if number == 2 else f"{section}/page/{number - 1}/"),
                "next": None if number == count else f"{section}/page/{number + 1}/",
            }
            planned.append(Planned(url, "list.html", {"pages": chunk, "pager": pager, "section_title": title},
                                   title, section))
    planned.append(Planned("towns/", "towns.html", title="镇街", section="towns"))
    for town in site.records["towns"]:
        planned.append(Planned(f"towns/{town.raw['id']}/", "town.html", {"town_id": town.raw["id"]},
                               town.raw["name"], "towns"))
    planned.append(Planned("404.html", "404.html", title="页面未找到", section="", in_sitemap=False))
    return planned


def neighbours(pages: list[Page]) -> dict[str, tuple]:
    """Previous/next article within a section (pages are sorted newest first)."""
    out: dict[str, tuple] = {}
    by_section: dict[str, list[Page]] = {}
    for page in pages:
        by_section.setdefault(page.section, []).append(page)
    for items in by_section.values():
        for index, page in enumerate(items):
            newer = items[index - 1] if index > 0 else None
            older = items[index + 1] if index + 1 < len(items) else None
            out[page.url] = (older, newer)
    return out


def render_site(site: Site, rep: Reporter, profile: str = "public") -> dict[str, bytes]:
    """Render every planned page; returns output path -> bytes. Template errors are reported."""
    config = site.config
    env = make_env(config.theme_dir, config.root)
    planned = plan_site(site)
    nav = [(p.url, p.title) for p in planned if p.section in config.sections and p.url == f"{p.section}/"]
    context = {
        "config": config, "site_cfg": config.site, "campaign": config.campaign, "targets": config.targets,
        "stats": site.stats, "data": public_records(site, profile), "pages": site.pages,
        "sections": config.sections, "nav": nav, "enums": E, "profile": profile,
        "neighbours": neighbours(site.pages), "planned": planned,
        "towns_by_id": {t.raw["id"]: t.view(profile) for t in site.records["towns"]},
    }
    files: dict[str, bytes] = {}
    for item in planned:
        ctx = {**context, **item.context, "page_url": item.url, "title": item.title, "section": item.section,
               "url": _url_function(item.url)}
        try:
            html = render(env, item.template, ctx, rep, config.root, item.context.get("page").source
                          if "page" in item.context else f"{item.url or 'index'}（{item.template}）")
        except TemplateFailed:
            continue
        files[output_path(item.url)] = html.encode("utf-8")
    for name, template in (("sitemap.xml", "sitemap.xml"), ("feed.xml", "feed.xml"), ("robots.txt", "robots.txt")):
        try:
            text = render(env, template, {**context, "page_url": name, "url": _url_function(name)}, rep,
                          config.root, name)
        except TemplateFailed:
            continue
        files[name] = text.encode("utf-8")
    return files


def _url_function(page_url: str):
    def url(target: str) -> str:
        return relative(page_url, target)
    return url


def static_files(site: Site, assets: list[Path]) -> dict[str, bytes]:
    """Theme assets under static/, and content/ assets (images) at their own paths."""
    files: dict[str, bytes] = {}
    static = site.config.theme_dir / "static"
    if static.is_dir():
        for path in sorted(static.rglob("*")):
            if path.is_file():
                files["static/" + path.relative_to(static).as_posix()] = path.read_bytes()
    content = site.config.root / "content"
    for path in assets:
        files[path.relative_to(content).as_posix()] = path.read_bytes()
    return files


__all__ = ["render_markdown", "render_site", "static_files", "plan_site", "jinja2"]
