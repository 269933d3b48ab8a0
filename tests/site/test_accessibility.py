"""Accessibility in every display mode (issue 15), in headless Chromium on the built example site.

- axe-core finds no violation — every rule it has, contrast and best practices included — on
  every page of the site, in the default mode, in high contrast (高对比度) and in large text
  (字号 大); one browser and one tab per mode, the pages one after another;
- text is at least 16 px in the default mode;
- the layout does not shift (CLS ≤ 0.05) on desktop and on a phone;
- a report status cell says its status in a word, and keeps a cue that is not colour in high
  contrast;
- the handbook read on a phone fits the screen and has the site's reader controls, on screen only.

The site is served from the copy under a sub-path (tests/site/conftest.py http_root).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

AXE = Path(__file__).resolve().parents[2] / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# The reader's choices as reader.js stores them: (字号, 高对比度).
MODES = {"default": ("m", "0"), "contrast": ("m", "1"), "large": ("l", "0")}
SEARCH_QUERY = "隐患排查"
CLS_MAX = 0.05
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

_SMALL_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || !el) continue;
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility === 'hidden') continue;  // not shown
    const size = parseFloat(style.fontSize);
    if (size < 16) out.push(`${el.tagName.toLowerCase()}.${el.getAttribute('class') || ''} ${size}px ` +
                            walker.currentNode.textContent.trim().slice(0, 12));
  }
  return out.slice(0, 5);
}"""

_CLS = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(cls), 600);
})"""


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.is_file():
        pytest.skip("没有 axe-core：请在 tools/node 下运行 npm ci")
    return AXE.read_text(encoding="utf-8")


def every_page(public: Path) -> list[str]:
    pages = sorted(p.relative_to(public).as_posix() for p in public.rglob("*.html"))
    assert len(pages) > 50
    return pages


def open_page(page, root: str, path: str) -> None:
    """Go to `path`; the search page with a query, waiting for its results (they are what it shows)."""
    if path == "search/index.html":
        page.goto(f"{root}{path}?q={SEARCH_QUERY}")
        page.locator("#search-status").filter(has_text=re.compile("条结果")).wait_for(timeout=15000)
    else:
        page.goto(root + path)


def choose_mode(page, root: str, mode: str) -> None:
    font, contrast = MODES[mode]
    page.goto(root + "index.html")
    page.evaluate("([f, c]) => { localStorage.setItem('cbc-font', f); localStorage.setItem('cbc-contrast', c); }",
                  [font, contrast])


def axe(page, source: str) -> list[str]:
    """axe-core's violations in the page, one line per rule and element (all rules).

    axe-core is evaluated through the DevTools protocol (the page's CSP, no inline script, stays in
    force) unless the context already adds it to every page it opens (`context.add_init_script`).
    Only violations are asked for: every rule still runs, but axe skips building selectors and
    reports for what passes (its documented speed-up, a fifth of its time here).
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(source)
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.nodes.map(n => v.id + ': ' + v.help + ' @ ' + n.target.join(' '))).flat()")


@pytest.mark.parametrize("mode", MODES)
def test_axe_finds_no_violation_on_any_page(browser, public, http_root, axe_source, mode):
    context = browser.new_context(**DESKTOP)
    context.add_init_script(axe_source)  # compiled once for the context, not once per page
    page = context.new_page()
    found: dict[str, list[str]] = {}
    small: dict[str, list[str]] = {}
    try:
        choose_mode(page, http_root, mode)
        for path in every_page(public):
            open_page(page, http_root, path)
            classes = page.evaluate("document.documentElement.className")
            assert ("contrast" in classes) == (mode == "contrast") and ("font-l" in classes) == (mode == "large"), path
            problems = axe(page, axe_source)
            if problems:
                found[path] = problems
            if mode == "default":
                tiny = page.evaluate(_SMALL_TEXT)
                if tiny:
                    small[path] = tiny
    finally:
        context.close()
    assert found == {}
    assert small == {}, "默认字号下正文至少 16 px"


def test_axe_would_notice_a_violation(browser, http_root, axe_source):
    # Negative control: the check is live, not vacuously empty.
    context = browser.new_context()
    page = context.new_page()
    page.goto(http_root + "index.html")
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert any(v.startswith("image-alt") for v in axe(page, axe_source))
    context.close()


def test_the_text_size_check_would_notice_small_text(browser, http_root):
    context = browser.new_context()
    page = context.new_page()
    page.goto(http_root + "index.html")
    page.evaluate("document.querySelector('main p').style.fontSize = '14px'")
    assert page.evaluate(_SMALL_TEXT)
    context.close()


CLS_PAGES = ["index.html", "news/2016-06-17-emergency-drills/index.html", "hazards/index.html",
             "towns/maqiao/index.html", "activities/ideas/index.html", "search/index.html", "handbook/campaign.html"]


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("mode", ["default", "large"])
def test_the_layout_does_not_shift(browser, http_root, device, mode):
    context = browser.new_context(**(DESKTOP if device == "desktop" else PHONE))
    page = context.new_page()
    shifts = {}
    try:
        choose_mode(page, http_root, mode)
        for path in CLS_PAGES:
            open_page(page, http_root, path)
            shifts[path] = round(page.evaluate(_CLS), 3)
    finally:
        context.close()
    assert max(shifts.values()) <= CLS_MAX, shifts


def test_report_status_cells_say_it_in_words_and_not_by_colour_alone(browser, http_root, html_files):
    cells = re.findall(r'<td class="mark mark-(\w+)">(.*?)</td>', html_files["supervision/index.html"])
    assert {kind for kind, _ in cells} >= {"ok", "late", "missing"}
    for _kind, cell in cells:
        icon, word = re.fullmatch(r'<span class="mark-icon" aria-hidden="true">(.)</span> (\S+)', cell).groups()
        assert word in ("按时", "迟报", "未报", "未到期")
    context = browser.new_context()
    page = context.new_page()
    choose_mode(page, http_root, "contrast")
    page.goto(http_root + "supervision/index.html")
    cue = ("el => { const s = getComputedStyle(el); "
           "return [s.color, s.backgroundColor, s.textDecorationLine, s.outlineStyle].join(' '); }")
    ok, late, missing = (page.eval_on_selector(f"td.mark-{kind}", cue) for kind in ("ok", "late", "missing"))
    context.close()
    assert len({ok, late, missing}) == 3, (ok, late, missing)  # three looks, in black and white


def test_the_handbook_fits_a_phone_and_has_the_reader_controls_on_screen_only(browser, http_root):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    try:
        page.goto(http_root + "handbook/campaign.html")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
        assert page.evaluate(root_size) == 18
        page.click(".reader-tools [data-font='l']")
        assert page.evaluate(root_size) == 21
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click(".reader-tools [data-contrast]")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
        # The same saved choice as the website's controls.
        page.goto(http_root + "index.html")
        assert page.get_attribute("#reader-tools [data-font='l']", "aria-pressed") == "true"
        assert "contrast" in page.evaluate("document.documentElement.className")
        # In print, none of it: print.css's own sizes, no controls.
        page.goto(http_root + "handbook/campaign.html")
        page.emulate_media(media="print")
        assert page.evaluate(root_size) == pytest.approx(16, abs=0.1)  # 12pt (小四), print.css
        assert page.is_hidden(".reader-tools")
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(0, 0, 0)"
    finally:
        context.close()
