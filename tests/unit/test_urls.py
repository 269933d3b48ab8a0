"""builder.urls: relative links ending in index.html, so the site works from a sub-path and file://."""

from __future__ import annotations

import pytest

from builder.urls import is_external, output_path, relative, rewrite_link


@pytest.mark.parametrize("url, path", [
    ("", "index.html"), ("news/", "news/index.html"), ("news/x/", "news/x/index.html"),
    ("sitemap.xml", "sitemap.xml"), ("404.html", "404.html")])
def test_output_path(url, path):
    assert output_path(url) == path


@pytest.mark.parametrize("from_url, to_url, link", [
    ("", "", "index.html"),
    ("", "news/", "news/index.html"),
    ("news/x/", "", "../../index.html"),
    ("news/x/", "news/y/", "../y/index.html"),
    ("news/x/", "static/site.css", "../../static/site.css"),
    ("news/", "news/page/2/", "page/2/index.html"),
    ("news/page/2/", "news/", "../../index.html"),
    ("news/x/", "#top", "#top"),
    ("news/x/", "notices/y/#sec", "../../notices/y/index.html#sec"),
    ("news/x/", "/towns/", "../../towns/index.html"),
    ("sitemap.xml", "news/", "news/index.html"),
])
def test_relative(from_url, to_url, link):
    assert relative(from_url, to_url) == link


@pytest.mark.parametrize("href, link", [
    ("/news/x/", "../x/index.html"),
    ("../x/", "../x/index.html"),
    ("x.pdf", "x.pdf"),
    ("/", "../../index.html"),
    ("/news/?page=2#list", "../index.html?page=2#list"),
    ("https://example.com/a/", "https://example.com/a/"),
    ("//cdn.example.com/x.js", "//cdn.example.com/x.js"),
    ("mailto:cbc@example.gov.cn", "mailto:cbc@example.gov.cn"),
    ("tel:12350", "tel:12350"),
    ("#六查", "#六查"),
    ("", ""),
])
def test_rewrite_link_from_an_article(href, link):
    assert rewrite_link(href, "news/y/") == link


def test_is_external():
    assert is_external("https://a.b/") and is_external("//a.b/x") and not is_external("/news/")
