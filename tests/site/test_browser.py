"""The built site in headless Chromium (Debian's /usr/bin/chromium driven by Playwright): axe-core
finds no WCAG 2.1 AA violation, no request leaves the site, the reader settings work and persist,
and the site reads without JavaScript, on a phone, in print, and from a USB copy.

The site is served from a copy under a sub-path (http://127.0.0.1:<port>/zt/cbc2016/), as on a
county portal, and opened from disk (file://) from a folder whose name has a space and Chinese.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parents[2] / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21aa"]
# One page of every kind the site has.
PAGES = [
    "index.html", "news/index.html", "news/page/2/index.html", "notices/2016-01-13-action-plan/index.html",
    "policies/index.html", "pages/contact/index.html", "hazards/index.html", "hazards/listings/index.html",
    "training/index.html", "activities/index.html", "activities/ideas/index.html", "honours/index.html",
    "culture/index.html", "supervision/index.html", "towns/index.html", "towns/maqiao/index.html",
    "tags/index.html", "opendata/index.html", "sitemap/index.html", "404.html",
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("没有 axe-core：请在 tools/node 下运行 npm ci")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def axe(page, source: str) -> list[str]:
    """Run axe-core in the page; one line per violated rule and element."""
    # Evaluated through the DevTools protocol: the page's CSP (no inline script) stays in force.
    page.evaluate(source)
    violations = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations"
        ".map(v => v.nodes.map(n => v.id + ': ' + v.help + ' @ ' + n.target.join(' '))).flat()", WCAG)
    return violations


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, http_root, axe_source, path):
    page.goto(http_root + path)
    assert axe(page, axe_source) == []


@pytest.mark.parametrize("path", ["index.html", "hazards/index.html", "towns/maqiao/index.html",
                                  "culture/index.html"])
def test_no_axe_violations_in_high_contrast_and_large_type(page, http_root, axe_source, path):
    page.goto(http_root + "index.html")
    page.click("#reader-tools [data-font='l']")
    page.click("#reader-tools [data-contrast]")
    page.goto(http_root + path)  # the choice persists across pages
    assert page.evaluate("document.documentElement.className") == "font-l contrast"
    assert axe(page, axe_source) == []


def test_axe_would_notice_a_violation(page, http_root, axe_source):
    # Negative control: the check is live, not vacuously empty.
    page.goto(http_root + "index.html")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in axe(page, axe_source))


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
    assert page.evaluate("document.documentElement.className") == "font-s contrast"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    page.click("#reader-tools [data-font='m']")
    page.click("#reader-tools [data-contrast]")
    page.reload()
    assert page.evaluate("document.documentElement.className") == ""


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


def test_the_404_page_keeps_its_style_at_any_depth(browser, http_root, usb_copy, config):
    from urllib.parse import urlsplit
    if urlsplit(http_root).path != urlsplit(config["site"]["base_url"]).path:
        pytest.skip("the test server's sub-path differs from base_url's")
    context = browser.new_context()
    page = context.new_page()
    # What a web server configured with `ErrorDocument 404` / `error_page 404` does.
    missing = http_root + "news/no-such-article/deeper/"
    body = (usb_copy / "404.html").read_bytes()
    page.route(missing, lambda route: route.fulfill(status=404, body=body, content_type="text/html; charset=utf-8"))
    requested, failed = _collect_requests(page)
    page.goto(missing)
    assert page.evaluate("getComputedStyle(document.querySelector('.mainnav')).backgroundColor") == "rgb(13, 71, 161)"
    page.click("text=返回首页")
    assert page.url == http_root + "index.html"
    context.close()
    assert failed == []
