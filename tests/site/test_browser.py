"""The built site in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): no request
leaves the site, the reader settings work and persist,
and the site reads without JavaScript, on a phone, in print, and from a USB copy.

The site is served from a copy under a sub-path (http://127.0.0.1:<port>/zt/cbc2016/), as on a
county portal, and opened from disk (file://) from a folder whose name has a space and Chinese.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


# axe-core over every page in every display mode: tests/site/test_accessibility.py.


def _collect_requests(page) -> tuple[list[str], list[str]]:
    requested, failed = [], []
    page.on("request", lambda r: requested.append(r.url))
    page.on("requestfailed", lambda r: failed.append((r.url, r.failure)))
    return requested, failed


@pytest.mark.parametrize("path", ["index.html", "hazards/index.html", "culture/index.html", "towns/suozhen/index.html",
                                  "notices/2016-01-13-action-plan/index.html"])
def test_no_request_leaves_the_site(browser, http_root, path):
    context = browser.new_context()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(http_root):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", guard)
    page = context.new_page()
    requested, failed = _collect_requests(page)
    page.goto(http_root + path, wait_until="networkidle")
    context.close()
    assert outside == []
    assert failed == []
    assert any(url.endswith("static/site.css") for url in requested)


def test_the_usb_copy_works_from_disk(browser, usb_copy):
    context = browser.new_context()
    page = context.new_page()
    requested, failed = _collect_requests(page)
    home = usb_copy.as_uri() + "/index.html"
    page.goto(home)
    nav = page.eval_on_selector_all(".mainnav a", "links => links.map(a => a.href)")
    assert len(nav) >= 10
    for href in nav:
        page.goto(href)
        assert href.endswith(".html"), href  # a folder URL would show a file listing from disk
        assert page.locator("h1").count() == 1, href
        assert page.evaluate("getComputedStyle(document.body).lineHeight") != "normal", href  # site.css loaded
    context.close()
    # A favicon still loading when the test moves on is aborted by the navigation (ERR_ABORTED):
    # that is the test's haste, not a missing file. Every file asked for must exist, though.
    assert [url for url, error in failed if error != "net::ERR_ABORTED"] == []
    assert all(url.startswith("file://") for url in requested)
    missing = [url for url in requested if not Path(unquote(urlsplit(url).path)).is_file()]
    assert missing == []


def test_reader_settings_change_the_page_and_persist(page, http_root):
    page.goto(http_root + "hazards/index.html")
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click("#reader-tools [data-font='l']")
    large = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.click("#reader-tools [data-font='s']")
    small = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert small < base < large
    assert page.get_attribute("#reader-tools [data-font='s']", "aria-pressed") == "true"
    page.click("#reader-tools [data-contrast]")
    assert page.get_attribute("#reader-tools [data-contrast]", "aria-pressed") == "true"
    page.goto(http_root + "towns/index.html")
    assert page.evaluate("document.documentElement.className") == "js font-s contrast"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.click("#reader-tools [data-font='m']")
    page.click("#reader-tools [data-contrast]")
    page.reload()
    assert page.evaluate("document.documentElement.className") == "js"


def test_the_site_reads_without_javascript(browser, http_root):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(http_root + "hazards/index.html")
    assert page.is_hidden("#reader-tools")  # controls that need a script are not offered
    assert page.is_visible("h1")
    assert page.is_visible("svg.chart")
    assert page.is_visible("table.data")
    context.close()


def test_keyboard_reaches_the_skip_link_first_and_focus_is_visible(page, http_root):
    page.goto(http_root + "training/index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    box = page.locator(".skip").bounding_box()
    assert box is not None and box["y"] >= 0  # shown on focus, not left off-screen
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.keyboard.press("Tab")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); "
                          "return [s.outlineStyle, s.outlineWidth]; })()")
    assert style[0] != "none" and style[1] != "0px"


def test_body_text_line_height_is_at_least_one_and_a_half(page, http_root):
    for path in ("index.html", "notices/2016-01-13-action-plan/index.html", "culture/index.html"):
        page.goto(http_root + path)
        ratios = page.evaluate("Array.from(document.querySelectorAll('main p')).map(p => { const s = "
                               "getComputedStyle(p); return parseFloat(s.lineHeight) / parseFloat(s.fontSize); })")
        assert ratios and min(ratios) >= 1.5, (path, min(ratios))


@pytest.mark.parametrize("path", ["index.html", "hazards/index.html", "supervision/index.html",
                                  "towns/maqiao/index.html", "activities/ideas/index.html"])
def test_phone_width_has_no_sideways_scrolling(browser, http_root, path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(http_root + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll in their own box
    context.close()


def test_print_keeps_content_and_charts_and_drops_navigation(page, http_root):
    page.goto(http_root + "hazards/index.html")
    page.emulate_media(media="print")
    assert page.is_hidden(".mainnav")
    assert page.is_hidden(".site-search")
    assert page.is_visible("svg.chart")
    assert page.is_visible("table.data")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


# The 404 page at any depth and under any folder: tests/site/test_not_found.py.
