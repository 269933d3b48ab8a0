"""Rules every website page keeps, read from the built HTML: language, one h1, skip link,
no inline script or style (the CSP forbids them), images with alt, tables with captions."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from sitehtml import parse


@pytest.fixture(scope="session")
def site_pages(html_files) -> dict[str, str]:
    """The website's pages (the printable handbook under handbook/ has its own rules)."""
    return {p: h for p, h in html_files.items() if not p.startswith("handbook/")}


def test_the_site_has_every_section(site_pages):
    for path in ("index.html", "news/index.html", "notices/index.html", "policies/index.html", "hazards/index.html",
                 "hazards/listings/index.html", "training/index.html", "activities/index.html",
                 "activities/ideas/index.html", "honours/index.html", "culture/index.html", "supervision/index.html",
                 "towns/index.html", "pages/contact/index.html", "sitemap/index.html", "opendata/index.html",
                 "404.html"):
        assert path in site_pages, path


def test_language_and_exactly_one_h1(site_pages):
    for path, html in site_pages.items():
        assert html.startswith('<!DOCTYPE html>\n<html lang="zh-CN">'), path
        assert len(parse(html).h1) == 1, (path, parse(html).h1)


def test_skip_link_leads_to_the_main_content(site_pages):
    for path, html in site_pages.items():
        parsed = parse(html)
        first_link = next(value for tag, attr, value in parsed.links if tag == "a")
        assert first_link == "#main", path
        assert "main" in parsed.ids, path


def test_no_inline_script_or_style(site_pages):
    for path, html in site_pages.items():
        parsed = parse(html)
        for tag, attrs in parsed.elements:
            assert "style" not in attrs, (path, tag)
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            if tag == "script" and path != "404.html":  # 404.html: see the test below
                assert attrs.get("src"), (path, "inline <script>")
            assert tag != "style", (path, "<style> element")


def test_the_404_pages_one_inline_script_is_allowed_by_its_hash_and_nothing_else(site_pages):
    """The 404 page must find the site's folder before it can load any file: its script is inline,
    and the page's CSP allows exactly that script (its SHA-256), not inline scripts in general."""
    html = site_pages["404.html"]
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(inline) == 1
    digest = base64.b64encode(hashlib.sha256(inline[0].encode("utf-8")).digest()).decode()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1)
    script_src = next(part for part in csp.split(";") if part.strip().startswith("script-src"))
    assert script_src.split() == ["script-src", "'self'", f"'sha256-{digest}'"]
    assert "unsafe-inline" not in csp


def test_every_image_has_alt_text(site_pages):
    for path, html in site_pages.items():
        for tag, attrs in parse(html).elements:
            if tag == "img":
                assert attrs.get("alt", "").strip(), (path, attrs.get("src"))


def test_tables_have_captions_and_scoped_headers(site_pages):
    for path, html in site_pages.items():
        for table in re.findall(r"<table class=\"data\">.*?</table>", html, re.S):
            assert "<caption" in table, path
            headers = re.findall(r"<th\b[^>]*>", table)
            assert headers and all("scope=" in th for th in headers), path


def test_charts_are_named_images_with_a_table_beside_them(site_pages):
    charts = 0
    for path, html in site_pages.items():
        for svg in re.findall(r"<svg class=\"chart\"[^>]*>.*?</svg>\s*</div>", html, re.S):
            charts += 1
            assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg, path
        for block in re.findall(r'<div class="chart-block">.*?<div class="table-box">', html, re.S):
            assert "<svg" in block
        assert html.count('class="chart-block"') == html.count('class="table-box"'), path
    assert charts >= 15


def test_summaries_are_cut_by_characters_not_words(site_pages):
    # Chinese has no spaces: a word-based cut would keep the whole text. The list summaries
    # are at most 120 characters, end cleanly, and keep full-width punctuation.
    summaries = [s for path, html in site_pages.items() if path.startswith("news/")
                 for s in re.findall(r'<p class="article-summary">(.*?)</p>', html)]
    assert summaries
    for summary in summaries:
        assert len(summary) <= 121, summary
        assert not summary.endswith(("，", "、")), summary


def test_heading_ids_keep_their_chinese_text(site_pages):
    plan = site_pages["notices/2016-01-13-action-plan/index.html"]
    ids = parse(plan).ids
    assert any(re.search(r"[\u4e00-\u9fff]", i) for i in ids)
    assert not any(re.fullmatch(r"_\d+", i) for i in ids)
    assert '<nav class="toc" aria-label="本文目录">' in plan  # a long page gets its table of contents


def test_article_pages_show_government_metadata_and_prev_next(site_pages):
    plan = site_pages["notices/2016-01-13-action-plan/index.html"]
    for label in ("发布日期", "来源", "文号"):
        assert f"<dt>{label}</dt>" in plan
    assert "桓政办字〔2016〕2号" in plan
    assert '<nav class="prevnext" aria-label="上一篇和下一篇">' in plan


def test_demo_data_note_on_every_page(site_pages):
    for path, html in site_pages.items():
        assert "示例数据（虚构）" in html, path


def test_footer_fields_come_from_site_toml(site_pages, config):
    home = site_pages["index.html"]
    for key in ("site_code", "icp", "police_record", "contact_phone", "contact_address"):
        assert config["site"][key] in home, key
    for organizer in config["site"]["organizers"]:
        assert organizer in home
