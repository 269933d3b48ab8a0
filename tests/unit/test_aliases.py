"""URLs follow the front matter; an article's earlier URL keeps working as a redirect page."""

from __future__ import annotations

import posixpath
import re

import pytest

from builder.cli import main

ARTICLE = """\
---
title: 马桥镇开展应急演练
date: {date}
summary: 马桥镇组织企业开展应急演练。
source: 马桥镇总工会
{extra}---

正文第一段。
"""


def build(root, out) -> int:
    return main(["build", "--site", str(root), "--out", str(out), "--no-pdf"])


def refresh_target(html: str) -> str:
    return re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', html).group(1)


@pytest.fixture
def site(make_site, site_files):
    files = {**site_files,
             "content/news/2016-01-22-drill.md": ARTICLE.format(date="2016-01-22", extra="")}
    return make_site(files)


def test_a_corrected_date_moves_the_url_and_the_old_one_redirects(site, tmp_path):
    out = tmp_path / "public"
    assert build(site, out) == 0
    assert (out / "news/2016-01-22-drill/index.html").is_file()

    # The clerk corrects the date in the front matter; the file keeps its name.
    (site / "content/news/2016-01-22-drill.md").write_text(ARTICLE.format(date="2016-01-21", extra=""), encoding="utf-8")
    assert build(site, out) == 0
    new = out / "news/2016-01-21-drill/index.html"
    old = out / "news/2016-01-22-drill/index.html"
    assert "马桥镇开展应急演练" in new.read_text(encoding="utf-8")
    redirect = old.read_text(encoding="utf-8")
    target = refresh_target(redirect)
    assert target == "../2016-01-21-drill/index.html"
    assert (old.parent / target).resolve() == new.resolve()  # works from file:// and on any server
    assert f'href="{target}"' in redirect and 'name="robots" content="noindex"' in redirect
    assert 'rel="canonical" href="https://example.gov.cn/cbc/news/2016-01-21-drill/"' in redirect
    # Lists, the site map and the search index know only the new URL.
    listing = (out / "news/index.html").read_text(encoding="utf-8")
    assert "2016-01-21-drill/index.html" in listing and "2016-01-22-drill" not in listing
    assert "2016-01-22-drill" not in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_a_new_slug_keeps_the_file_names_url_and_listed_aliases(make_site, site_files, tmp_path):
    extra = "slug: maqiao-drill\naliases: [news/2016-01-20-old-drill/, drill-2016]\n"
    files = {**site_files, "content/news/2016-01-22-drill.md": ARTICLE.format(date="2016-01-22", extra=extra)}
    out = tmp_path / "public"
    assert build(make_site(files), out) == 0
    for old in ("news/2016-01-22-drill", "news/2016-01-20-old-drill", "news/drill-2016"):
        page = out / old / "index.html"
        resolved = posixpath.normpath(posixpath.join(old, refresh_target(page.read_text(encoding="utf-8"))))
        assert resolved == "news/maqiao-drill/index.html", old


def test_an_alias_cannot_take_another_pages_url(make_site, site_files, run_cli):
    extra = "aliases: [news/2016-01-20-kickoff/, ../../etc]\n"
    files = {**site_files, "content/news/2016-01-22-drill.md": ARTICLE.format(date="2016-01-22", extra=extra)}
    code, _out, err = run_cli("check", "--site", make_site(files))
    assert code == 1
    assert ("content/news/2016-01-22-drill.md:6: 错误: 旧网址 news/2016-01-20-kickoff/ 现在是另一篇文章"
            "（content/news/2016-01-20-kickoff.md）的网址，不能再跳转到这里") in err
    assert "content/news/2016-01-22-drill.md:6: 错误: 旧网址“../../etc”写法不对" in err


def test_an_alias_cannot_take_a_statistics_pages_url(make_site, site_files, run_cli):
    extra = "aliases: [towns/]\n"
    files = {**site_files, "content/news/2016-01-22-drill.md": ARTICLE.format(date="2016-01-22", extra=extra)}
    code, _out, err = run_cli("check", "--site", make_site(files))
    assert code == 1 and "旧网址 towns/ 是网站上另一个页面的网址，不能跳转到这篇文章" in err


@pytest.mark.slow
def test_the_old_url_opens_the_new_page_in_a_browser_from_disk(site, tmp_path, chromium_browser):
    out = tmp_path / "public"
    (site / "content/news/2016-01-22-drill.md").write_text(ARTICLE.format(date="2016-01-21", extra=""), encoding="utf-8")
    assert build(site, out) == 0
    page = chromium_browser.new_page()
    try:
        page.goto((out / "news/2016-01-22-drill/index.html").as_uri())
        page.wait_for_url("**/news/2016-01-21-drill/index.html", timeout=10_000)
        assert page.locator("h1").inner_text() == "马桥镇开展应急演练"
    finally:
        page.close()
