"""The 404 page works whatever folder the site is deployed under, and explains how to search.

A web server configured with `ErrorDocument 404 /…/404.html` (Apache) or `error_page 404` (nginx)
answers a mistyped address with the site's 404.html. Its links are written from base_url's path
(/zt/cbc2016/); here the copy is also served from a folder base_url does not know (/elsewhere/x y/)
and from the server's root, and the page must find the site's folder and send the visitor there.
"""

from __future__ import annotations

import shutil
from urllib.parse import quote, urlsplit

import pytest

pytestmark = pytest.mark.slow

NAV_BLUE = "rgb(13, 71, 161)"  # .mainnav: site.css applied


@pytest.fixture(scope="module")
def elsewhere(public, tmp_path_factory, http_server) -> dict[str, str]:
    """The output served at three places: base_url's path, another path, and the server's root."""
    moved = tmp_path_factory.mktemp("moved")
    shutil.copytree(public, moved / "elsewhere" / "x y")
    return {"elsewhere": http_server(moved) + quote("elsewhere/x y/"), "root": http_server(public)}


def _missing(browser, site: str, missing: str, body: bytes):
    """A page that opened `missing` and got the 404 page, as the server would send it."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "404" not in m.text else None)
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
    page.goto(missing)
    return context, page, errors


@pytest.mark.parametrize("place", ["configured", "elsewhere", "root"])
def test_the_404_page_finds_the_site_from_any_depth_and_any_folder(browser, public, http_root, elsewhere, place):
    site = http_root if place == "configured" else elsewhere[place]
    context, page, errors = _missing(browser, site, site + "news/no-such-article/deeper/", (public / "404.html").read_bytes())
    try:
        home = page.locator("a", has_text="返回首页")
        home.wait_for()
        for _ in range(50):  # the links are moved once the site's folder is found (CSP: no eval-based wait)
            if home.get_attribute("href").startswith(urlsplit(site).path):
                break
            page.wait_for_timeout(50)
        assert home.get_attribute("href") == urlsplit(site).path + "index.html"
        assert page.evaluate("getComputedStyle(document.querySelector('.mainnav')).backgroundColor") == NAV_BLUE
        assert not [e for e in errors if "Content Security Policy" in e], errors  # the inline script is allowed
        # It explains how to search, and its own search box finds things.
        assert "站内搜索" in page.inner_text("main") and "繁体字" in page.inner_text("main")
        page.fill("#q-404", "金点子")
        page.press("#q-404", "Enter")
        page.wait_for_url(site + "search/index.html?q=*")
        page.locator("#search-status").filter(has_text="条结果").wait_for(timeout=15000)
        # And the reader controls work there too.
        page.go_back()
        page.locator("#reader-tools [data-font='l']").click()
        assert "font-l" in page.evaluate("document.documentElement.className")
    finally:
        context.close()
