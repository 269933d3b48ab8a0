"""builder.render.render_site on small sites: the theme renders with optional fields missing,
images follow consent, and every statistics table becomes open data."""

from __future__ import annotations

import io
import json

from PIL import Image

from builder.diagnostics import Reporter
from builder.render import render_site

CARTOONS = """\
- id: ZP-2016-001
  kind: 漫画
  title: 安全帽要戴好
  author: 张三
  enterprise: QY-0001
  image: images/works/ok.png
  alt: 一名工人戴着安全帽的漫画
  consent: true
- id: ZP-2016-002
  kind: 漫画
  title: 未同意公开
  author: 李四
  enterprise: QY-0001
  image: images/works/private.png
  alt: 不应出现的漫画
  consent: false
"""


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 400), (255, 255, 255)).save(out, "PNG")
    return out.getvalue()


def test_minimal_site_renders_without_optional_fields(make_site, site_files, prepare_site):
    site = prepare_site(make_site(site_files))
    rep = Reporter()
    files = render_site(site, rep)
    assert rep.errors == []
    for path in ("index.html", "news/index.html", "news/2016-01-20-kickoff/index.html", "pages/about/index.html",
                 "towns/index.html", "towns/suozhen/index.html", "sitemap/index.html", "404.html", "feed.xml",
                 "sitemap.xml", "robots.txt", "opendata/towns-overview.csv", "opendata/catalog.json"):
        assert path in files, path
    assert not any(path.startswith(("hazards/", "training/", "culture/")) for path in files)
    home = files["index.html"].decode()
    assert "示例数据" not in home  # site.toml has no `demo = true`
    assert 'href="hazards/index.html"' not in home  # no dead link to a section that does not exist


def test_only_consented_cartoons_are_published(make_site, site_files, prepare_site):
    root = make_site({**site_files, "data/works.yaml": CARTOONS,
                      "content/images/works/ok.png": png(), "content/images/works/private.png": png(),
                      "content/images/works/unused.png": png()})
    site = prepare_site(root)
    rep = Reporter()
    files = render_site(site, rep)
    assert rep.errors == []
    assert "images/works/ok.png" in files and "images/works/ok-480w.png" in files
    assert not any("private" in path for path in files)
    culture = files["culture/index.html"].decode()
    assert 'alt="一名工人戴着安全帽的漫画"' in culture and "不应出现的漫画" not in culture
    # Only works were recorded: no empty 八个一 or 家文化 headings beside them.
    assert 'id="works"' in culture and 'id="eight-ones"' not in culture and 'id="family"' not in culture
    assert [(d.loc.path, d.message) for d in rep.warnings] == [
        ("content/images/works/unused.png", "这张图片没有被任何文章或作品引用，没有发布到网站")]
    works = json.loads(files["opendata/works-by-kind.json"])
    assert works["rows"][1] == {"kind": "漫画", "collected": 2, "published": 1, "share": 50.0}


def test_pages_rendered_on_every_core_equal_one_process_and_are_remembered(make_site, site_files, prepare_site,
                                                                           monkeypatch):
    """The cold-build path (workers render, the parent keeps what each page read) gives the
    same bytes and the same template errors; a second render reuses every page."""
    from builder import cache as C
    from builder import render as R
    from builder.cache import for_site

    broken = {**site_files, "content/news/2016-02-01-broken.md":
              "---\ntitle: 模板出错的文章\ndate: 2016-02-01\ntemplate: nosuch.html\n---\n\n正文。\n"}
    root = make_site(broken)
    site = prepare_site(root)
    serial_rep = Reporter()
    serial = render_site(site, serial_rep, cache=for_site(root))
    for_site(root).flush()
    (root / ".cache").rename(root / ".cache-serial")  # the parallel render starts cold too
    monkeypatch.setattr(C, "_SHARED", {})              # …with a fresh in-memory cache
    monkeypatch.setattr(R, "PARALLEL_MIN_PAGES", 2)
    parallel_rep = Reporter()
    memo_before = for_site(root).misses
    parallel = render_site(site, parallel_rep, cache=for_site(root))
    assert parallel == serial
    assert [str(d) for d in parallel_rep.sorted()] == [str(d) for d in serial_rep.sorted()]
    assert any("nosuch.html" in d.message for d in parallel_rep.errors)
    assert for_site(root).misses > memo_before
    again = Reporter()
    hits = for_site(root).hits
    assert render_site(site, again, cache=for_site(root)) == serial
    assert for_site(root).hits - hits >= len([p for p in serial if p.endswith(".html")])
