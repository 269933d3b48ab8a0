"""Stage 4 (website): plan every page of the site, then render each through the theme."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from builder import images, incremental, opendata, parallel
from builder.cache import Cache
from builder.diagnostics import Loc, Reporter
from builder.incremental import enable_tracking
from builder.load import inside, walk
from builder.markdown import Renderer, summarize
from builder.model import Page, Site
from builder.progress import Step
from builder.schema import enums as E
from builder.sections import Planned, navigation, plan_site, tag_id
from builder.templates import TemplateFailed, make_env, render
from builder.urls import output_path, relative

# Below this many uncached pages a process pool costs more than it saves.
PARALLEL_MIN_PAGES = 200


def render_markdown(site: Site, cache: Cache | None = None, progress: Step | None = None) -> list[Page]:
    """Markdown to HTML once per page; the website and the handbook share the result.

    Unchanged pages come from the cache; many changed pages are converted on every core.
    """
    cache = cache or Cache(None)
    keys = [cache.key("markdown", page.url, page.body) for page in site.pages]
    converted = {key: cache.get(key) for key in keys}
    todo = [(key, page.body, page.url) for key, page in zip(keys, site.pages) if converted[key] is None]
    for (key, _body, _url), result in zip(todo, parallel.map_chunks(_convert_chunk, todo, minimum=PARALLEL_MIN_PAGES,
                                                                   progress=progress)):
        converted[key] = result
        cache.put(key, result)
    content = site.config.root / "content"
    return [with_html(page, *converted[key], content) for key, page in zip(keys, site.pages)]


def with_html(page: Page, html: str, toc: list, summary: str, content: Path) -> Page:
    """The page with its converted Markdown, its images found (builder.images), and the summary
    lists show (the front matter's summary, else `summary`, cut from the HTML)."""
    html = images.resolve_sources(page, html, content)
    return Page(**{**_fields(page), "html": html, "toc": toc, "summary": page.meta.get("summary") or summary})


def convert_one(page: Page, content: Path) -> Page:
    """One page's Markdown, converted here and now (serve's fast path for an edited article)."""
    return with_html(page, *_convert(Renderer(), page.body, page.url), content)


def _convert(renderer: Renderer, body: str, url: str) -> tuple[str, list, str]:
    """(HTML, contents, summary cut from the HTML): what the cache keeps of a page's Markdown."""
    html, toc = renderer.convert(body, url)
    return html, toc, summarize(html)


def _convert_chunk(todo: list[tuple[str, str, str]]) -> list[tuple]:
    renderer = Renderer()
    return [_convert(renderer, body, url) for _key, body, url in todo]


def _fields(page: Page) -> dict:
    return {name: getattr(page, name) for name in page.__dataclass_fields__}


def public_records(site: Site, visibility: str) -> dict[str, list]:
    """Records as templates see them: restricted to the visibility, unpublishable works left out."""
    views = {}
    for kind, records in site.records.items():
        rows = records
        if kind == "works" and visibility == "public":
            rows = [r for r in records if r.raw.get("consent")]
        views[kind] = [r.view(visibility) for r in rows]
    return views


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


@dataclasses.dataclass
class SiteRender:
    """What rendering the site's pages needs, kept after a build so that `serve` can render one
    edited article again (builder.fastpath) exactly as the build did."""

    site: Site
    env: jinja2.Environment
    context: dict
    planned: list[Planned]
    neighbours: dict[str, tuple]
    web_images: dict
    visibility: str

    def contexts(self, item: Planned) -> tuple[dict, dict, str]:
        """The template context of a planned page, the part particular to it (what the memo
        digests), and the name its errors are reported under."""
        config = self.site.config
        ctx = {**self.context, **item.context, "page_url": item.url, "title": item.title, "section": item.section,
               "url": _url_function(item.url, config.site["base_url"])}
        source = item.context.get("page").source if "page" in item.context else f"{item.url or 'index'}（{item.template}）"
        own = {**item.context, "page_url": item.url, "title": item.title, "section": item.section,
               "url": item.url, "template": item.template}
        if "page" in item.context:
            # An article sees only its own prev/next, so its output depends on nothing else's.
            ctx["neighbours"] = own["neighbours"] = {item.url: self.neighbours.get(item.url, (None, None))}
        return ctx, own, source

    def render_item(self, item: Planned, rep: Reporter) -> bytes | None:
        """One planned page as bytes, not remembered; None after a template error (reported to `rep`)."""
        ctx, _own, source = self.contexts(item)
        try:
            return render(self.env, item.template, ctx, rep, self.site.config.root, source).encode("utf-8")
        except TemplateFailed:
            return None

    def warm(self) -> None:
        """Convert and render one page of each article template (and throw it away), so that
        the Markdown extensions are loaded and the templates compiled before serve's fast path
        needs them: a build that reused every page from the cache, or converted and rendered
        them in worker processes, did neither in this process."""
        seen = set()
        for item in self.planned:
            if "page" in item.context and item.template not in seen:
                seen.add(item.template)
                convert_one(item.context["page"], self.site.config.root / "content")
                self.render_item(item, Reporter())

    def render_all(self, rep: Reporter, memo: incremental.RenderMemo, progress: Step | None = None) -> dict[str, bytes]:
        """Every planned page: unchanged ones from the memo, the rest rendered — on every core
        when there are many (a cold build), each worker noting what its pages read."""
        paths = [output_path(item.url) for item in self.planned]
        owns = [self.contexts(item)[1] for item in self.planned]
        outputs = [memo.stored(path, own) for path, own in zip(paths, owns)]
        todo = [index for index, data in enumerate(outputs) if data is None]

        def render_chunk(indexes: list[int]) -> list[tuple[bytes | None, list[str], str | None, list]]:
            # (bytes or None, names read, memo key, diagnostics) of each page; in a worker process
            # when there are many, which reaches `self` and `memo` through the fork (builder.parallel).
            out = []
            for index in indexes:
                page_rep = Reporter()
                data, names = self.fresh(index, page_rep, memo)
                key = memo.key(paths[index], names, owns[index]) if data is not None else None
                out.append((data, names, key, page_rep.diagnostics))
            return out

        fresh = parallel.map_chunks(render_chunk, todo, minimum=PARALLEL_MIN_PAGES, progress=progress)
        for index, (data, names, key, diagnostics) in zip(todo, fresh):
            rep.extend(diagnostics)
            if data is not None:
                memo.keep(paths[index], key, data, names)
                outputs[index] = data
        return {path: data for path, data in zip(paths, outputs) if data is not None}

    def fresh(self, index: int, rep: Reporter, memo: incremental.RenderMemo) -> tuple[bytes | None, list[str]]:
        """Render planned page `index`, noting the names it read; (None, []) after a template error."""
        item = self.planned[index]
        ctx, _own, source = self.contexts(item)
        try:
            text, names = memo.track(lambda: render(self.env, item.template, ctx, rep, self.site.config.root, source))
        except TemplateFailed:
            return None, []
        return text.encode("utf-8"), names


def render_site(site: Site, rep: Reporter, visibility: str = "public", cache: Cache | None = None) -> dict[str, bytes]:
    """Render every planned page; returns output path -> bytes. Template errors are reported.

    Besides the pages: content images at web sizes (builder.images) and every statistics
    table as CSV and JSON (builder.opendata).
    """
    return render_site_state(site, rep, visibility, cache)[0]


def render_site_state(site: Site, rep: Reporter, visibility: str = "public", cache: Cache | None = None,
                      progress: Step | None = None) -> tuple[dict[str, bytes], SiteRender]:
    """render_site, and the state it rendered with (see SiteRender)."""
    config = site.config
    cache = cache or Cache(None)
    env = make_env(config.theme_dir, config.root, cache.code_folder("templates-site"))
    web_images, files = images.process(config.root, _published_images(site, visibility, rep), rep, cache)
    # Articles get srcset/sizes on their images; site.pages stays as the handbook shares it.
    assets = {p.relative_to(config.root / "content").as_posix() for p in _content_assets(config.root)}
    site = dataclasses.replace(site, pages=images.responsive_pages(site.pages, web_images, rep, assets))
    planned = plan_site(site, visibility)
    # Prev/next links show titles, never bodies: without the HTML an article's neighbours
    # don't change when another article's text does (see builder.incremental).
    bare = [dataclasses.replace(p, html="", toc=[]) for p in site.pages]
    context = {
        "config": config, "site_cfg": config.site, "campaign": config.campaign, "targets": config.targets,
        "as_of": config.as_of, "stats": site.stats, "data": public_records(site, visibility), "pages": site.pages,
        "sections": config.sections, "nav": navigation(site, planned), "enums": E, "visibility": visibility,
        "neighbours": {}, "planned": planned, "images": web_images, "tag_id": tag_id,
        "towns_by_id": {t.raw["id"]: t.view(visibility) for t in site.records["towns"]},
        # What every page's frame shows, kept small so that a page's frame only changes when it does.
        "layout": {"has_opendata": any(p.url == "opendata/" for p in planned),
                   "single_pages": [(p.url, p.title) for p in site.pages if p.section == "pages"],
                   "hotlines": [(c["unit"], c["phone"]) for c in config.contacts if c["hotline"]]},
        "contacts": config.contacts,
    }
    state = SiteRender(site, env, context, planned, neighbours(bare), web_images, visibility)
    memo = _memo(site, env, context, visibility, cache)
    files.update(state.render_all(rep, memo, progress))
    for name, template in (("sitemap.xml", "sitemap.xml"), ("feed.xml", "feed.xml"), ("robots.txt", "robots.txt")):
        ctx = {**context, "page_url": name, "url": _url_function(name)}
        try:
            files[name] = memo.render(name, {"page_url": name, "url": name},
                                      lambda: render(env, template, ctx, rep, config.root, name))  # noqa: B023 - called in this iteration
        except TemplateFailed:
            continue
    files.update(opendata.export(planned_tables(planned), _opendata_meta(config)))
    files.update(redirect_pages(site, env, context, planned, rep))
    return files, state


def redirect_pages(site: Site, env: jinja2.Environment, context: dict, planned: list[Planned],
                   rep: Reporter) -> dict[str, bytes]:
    """A small page at each earlier URL of an article that sends the reader on (like Hugo's
    aliases): a link changed by a new date or slug keeps working, on any server and from file://."""
    taken = {output_path(p.url) for p in planned}
    files: dict[str, bytes] = {}
    for page in site.pages:
        for alias in page.aliases:
            path = output_path(alias)
            if path in taken:
                rep.error(Loc(page.source), f"旧网址 {alias} 是网站上另一个页面的网址，不能跳转到这篇文章",
                          "从 aliases 里删掉它")
                continue
            ctx = {**context, "page": page, "page_url": alias, "url": _url_function(alias),
                   "target": relative(alias, page.url)}
            try:
                files[path] = render(env, "redirect.html", ctx, rep, site.config.root, path).encode("utf-8")
            except TemplateFailed:
                continue
    return files


def _memo(site: Site, env: jinja2.Environment, context: dict, visibility: str, cache: Cache) -> incremental.RenderMemo:
    """What each shared context name is made from, as digests computed only when a page reads it."""
    root = site.config.root
    enable_tracking(env)
    parts: dict[str, str] = {}

    def part(name: str, make) -> str:
        if name not in parts:
            parts[name] = make()
        return parts[name]

    config = lambda: part("config", lambda: incremental.value_digest(  # noqa: E731
        ((root / "site.toml").read_bytes(), site.config.as_of, visibility, sorted(site.config.sections.items()))))
    data = lambda: part("data", lambda: incremental.folder_digest(root / "data") + config())  # noqa: E731
    # The pages as the templates see them (Markdown converted, images sized), digested page by
    # page; the articles' own memo keys digest the same Page objects, so each is hashed once.
    objects: dict[int, bytes] = {}
    content = lambda: part("content", lambda: incremental.value_digest(context["pages"], objects) + config())  # noqa: E731
    digests = {
        **dict.fromkeys(("config", "site_cfg", "campaign", "targets", "sections", "visibility", "as_of", "contacts"), config),
        **dict.fromkeys(("stats", "data", "towns_by_id"), data),
        "pages": content,
        "images": lambda: incremental.value_digest(context["images"]),
        "planned": lambda: data() + content(),
        "nav": lambda: incremental.value_digest(context["nav"]),
        "layout": lambda: incremental.value_digest(context["layout"]),
        **dict.fromkeys(("enums", "tag_id"), lambda: ""),
    }
    base = incremental.value_digest((incremental.code_digest(), incremental.folder_digest(site.config.theme_dir)))
    return incremental.RenderMemo(cache, env, base, digests, context, objects)


def planned_tables(planned: list[Planned]) -> list[tuple[str, str, list]]:
    """(page title, page url, tables) of every page that shows statistics tables."""
    return [(p.title, p.url, p.context["tables"]) for p in planned if p.context.get("tables")]


def _opendata_meta(config) -> dict:
    meta = {"source": "、".join(config.site.get("organizers") or []), "as_of": config.as_of.isoformat(),
            "site": config.site["title"]}
    if config.site.get("demo"):
        meta["demo_note"] = "示例数据（虚构），不代表真实情况"
    return meta


def _published_images(site: Site, visibility: str, rep: Reporter) -> list[Path]:
    """Raster images under content/ that this output shows; an image nothing mentions is a warning."""
    content = site.config.root / "content"
    shown, mentioned = images.wanted(site, visibility)
    out = []
    for path in _content_assets(site.config.root):
        rel = path.relative_to(content).as_posix()
        if rel in shown:
            out.append(path)
        elif rel not in mentioned:
            rep.warning(Loc(f"content/{rel}"), "这张图片没有被任何文章或作品引用，没有发布到网站",
                        "在文章里用 ![图片说明](图片路径) 引用它，或在作品记录的 image 里写它的路径；不需要就删除")
    return out


def _content_assets(root: Path) -> list[Path]:
    """Raster images under content/, walked as the loader walks (no hidden files, no escaping links)."""
    content = root / "content"
    return [p for p in walk(content) if images.is_raster(p) and inside(p, content)]


def _url_function(page_url: str, base_url: str = ""):
    if page_url == "404.html" and base_url:
        # A server shows 404.html at whatever address was mistyped (news/x/y/), where relative
        # links would miss; this one page links from the site's own path under base_url.
        root = urlsplit(base_url).path.rstrip("/") + "/"
        return lambda target: target if target.startswith("#") else root + output_path(target.lstrip("/"))

    def url(target: str) -> str:
        return relative(page_url, target)
    return url


def static_files(site: Site, assets: list[Path]) -> dict[str, bytes]:
    """Theme assets under static/, and content/ assets (images) at their own paths."""
    files: dict[str, bytes] = {}
    static = site.config.theme_dir / "static"
    for path in walk(static):  # same rules as content/: no hidden, editor-temp or escaping files
        if inside(path, static):
            files["static/" + path.relative_to(static).as_posix()] = path.read_bytes()
    content = site.config.root / "content"
    for path in assets:
        if not images.is_raster(path):  # raster images are resized and published by builder.images
            files[path.relative_to(content).as_posix()] = path.read_bytes()
    return files


__all__ = ["render_markdown", "render_site", "static_files", "plan_site", "Planned"]
