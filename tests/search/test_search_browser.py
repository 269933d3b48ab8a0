"""Site search in headless Chromium, over http on 127.0.0.1 and from file://, on the built example site.

Every query of queries.yaml runs in both modes through the search page's URL (?q=), as a
reader arriving from the header search box would. Besides the expectations written in the
file, each strict query's results must be exactly the indexed pages whose text holds every
term of the query (checked against the page text extracted from the built HTML).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from builder.search.extract import extract
from builder.search.tokens import query_terms, segments, units

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
QUERIES = yaml.safe_load((HERE / "queries.yaml").read_text(encoding="utf-8"))
AXE = REPO / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# The search has finished when the status line says so. (Waits use locators: the pages' CSP
# forbids eval, which Playwright's wait_for_function would need.)
DONE = re.compile("条结果|没有找到|失败")


def wait_status(page, pattern) -> None:
    page.locator("#search-status").filter(has_text=pattern).wait_for(timeout=15000)


def wait_items(page, more_than: int) -> None:
    page.locator("#search-results > li").nth(more_than).wait_for(timeout=15000)


def folder(url: str, root: str) -> str:
    """A result link as a site-relative folder URL: news/x/index.html -> news/x/."""
    assert url.startswith(root), f"结果链接 {url} 不在站点 {root} 之内"
    return url[len(root):].removesuffix("index.html")


def open_search(page, root: str, q: str, extra: str = "") -> tuple[list[str], str]:
    page.goto(f"{root}search/index.html?q={quote(q)}{extra}")
    wait_status(page, DONE)
    links = page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")
    return [folder(link, root) for link in links], page.inner_text("#search-status")


def all_results(page, root: str, q: str) -> tuple[list[str], str]:
    """Every result, pressing “显示更多结果” until all are shown."""
    results, status = open_search(page, root, q)
    while page.is_visible("#search-more"):
        before = len(results)
        page.click("#search-more")
        wait_items(page, before)
        links = page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")
        results = [folder(link, root) for link in links]
    return results, status


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"页面脚本出错：{errors}"


# ---------------------------------------------------------------- the expected-results oracle

@pytest.fixture(scope="session")
def indexed_texts(built_site) -> dict[str, list[list[str]]]:
    """Each indexed page (folder URL) → its text as segments of units, from the built HTML."""
    docs_js = (built_site / "static" / "search" / "docs.js").read_text(encoding="utf-8")
    manifest = json.loads(docs_js[docs_js.index("(") + 1: docs_js.rindex(")")])
    out = {}
    for row in manifest["docs"]:
        text = extract((built_site / row[0]).read_text(encoding="utf-8"))
        out[row[0].removesuffix("index.html")] = [[u.text for u in seg] for seg in
                                                  segments(units(text.title)) + segments(units(text.body))]
    return out


def holds(segs: list[list[str]], term: list[str]) -> bool:
    n = len(term)
    return any(seg[i:i + n] == term for seg in segs for i in range(len(seg) - n + 1))


def expected(q: str, texts: dict[str, list[list[str]]]) -> set[str]:
    terms = query_terms(q)
    return {url for url, segs in texts.items() if all(holds(segs, t) for t in terms)}


# ---------------------------------------------------------------- the queries

def test_there_are_at_least_40_queries():
    assert len(QUERIES) >= 40
    assert all(isinstance(case["q"], str) for case in QUERIES)
    assert len({case["q"] for case in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize("case", QUERIES, ids=[case["q"] for case in QUERIES])
def test_query(case, page, site_root, indexed_texts):
    results, status = all_results(page, site_root, case["q"])
    found = set(results)
    assert len(found) == len(results), f"结果重复：{results}"
    for url in case.get("must") or []:
        assert url in found, f"“{case['q']}”应找到 {url}；实际结果：{results}"
    for url in case.get("must_not") or []:
        assert url not in found, f"“{case['q']}”不应找到 {url}"
    if case.get("first"):
        assert results and results[0] in case["first"], f"“{case['q']}”排第一的应是 {case['first']}；实际：{results[:5]}"
    if case.get("none"):
        assert results == [] and "没有找到" in status
    oracle = expected(case["q"], indexed_texts)
    if oracle or not results:  # (an empty oracle with results: the relaxed reading of a mixed query)
        assert found == oracle, (f"“{case['q']}”的结果应正好是含有该词的页面；"
                                 f"多出：{sorted(found - oracle)}；缺少：{sorted(oracle - found)}")
    if results:
        assert f"共找到 {len(results)} 条结果" in status


# ---------------------------------------------------------------- the page around the results

def test_header_search_box_leads_to_the_results(page, site_root):
    page.goto(f"{site_root}news/2016-06-17-emergency-drills/index.html")
    page.fill("#site-search-q", "应急预案")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"search/index\.html\?q="))
    wait_status(page, DONE)
    assert page.input_value("#search-q") == "应急预案"
    titles = page.locator("#search-results > li h2").all_inner_texts()
    assert "田庄镇、荆家镇：应急演练班组全员参与" in titles


def test_matches_are_highlighted_in_titles_and_snippets(page, site_root):
    open_search(page, site_root, "应急预案")
    marks = page.locator("#search-results mark").all_inner_texts()
    assert marks and set(marks) == {"应急预案"}
    first = page.locator("#search-results > li").first
    assert first.locator(".search-meta").inner_text().startswith("工作动态")
    assert "应急预案" in first.locator(".search-snippet").inner_text()


def test_filters_narrow_results_by_section_and_town(page, site_root):
    everything, _ = open_search(page, site_root, "隐患")
    page.select_option("#search-sec", "工作动态")
    wait_status(page, "在工作动态中")
    news = [a for a in page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")]
    assert news and all(folder(u, site_root).startswith("news/") for u in news)
    assert len(news) < len(everything)
    page.select_option("#search-sec", "")
    page.select_option("#search-town", "马桥镇")
    wait_status(page, "在马桥镇中")
    towns = [folder(u, site_root) for u in
             page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")]
    assert "towns/maqiao/" in towns and "news/2016-02-26-maqiao-hazchem-ledger/" in towns
    assert "towns/suozhen/" not in towns
    # A filter given in the URL (the form's GET parameters) applies on arrival.
    results, status = open_search(page, site_root, "隐患", "&sec=" + quote("政策法规"))
    assert results and all(r.startswith("policies/") for r in results) and "在政策法规中" in status
    assert page.input_value("#search-sec") == "政策法规"


def test_what_the_reader_typed_is_shown_as_text_never_as_markup(page, site_root):
    q = '<img src=x onerror="window.__pwned=1">隐患'
    open_search(page, site_root, q)
    assert page.locator("#search-results img, #search-status img").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert q in page.inner_text("#search-status")


def test_results_are_announced_to_screen_readers(page, site_root):
    open_search(page, site_root, "金点子")
    status = page.locator("#search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert "“金点子”共找到" in status.inner_text()
    assert page.locator("label[for=search-q]").inner_text() == "搜索词"


def test_more_results_are_shown_on_request(page, site_root):
    results, status = open_search(page, site_root, "查")
    assert len(results) == 20 and page.is_visible("#search-more")
    page.click("#search-more")
    wait_items(page, 20)
    assert "已显示" in page.inner_text("#search-status")


def test_a_search_loads_only_the_shards_it_needs_and_nothing_outside_the_site(page, site_root):
    requests: list[tuple[str, str]] = []
    page.on("request", lambda r: requests.append((r.url, r.resource_type)))
    open_search(page, site_root, "隐患排查")
    outside = [u for u, _ in requests if not u.startswith(site_root)]
    assert requests and not outside, outside
    # Scripts only: fetch and XMLHttpRequest do not work from file://.
    assert not [u for u, kind in requests if kind in ("fetch", "xhr")]
    shards = {re.sub(r"\?.*", "", u.rsplit("/", 1)[1]) for u, _ in requests if "/static/search/index-" in u}
    assert 1 <= len(shards) <= 3  # the shards of 隐患, 患排, 排查, out of many


def test_search_page_has_no_axe_violations(browser, site_root):
    assert AXE.exists(), "没有找到 axe-core：先运行 make test-deps（npm ci --prefix tools/node）"
    context = browser.new_context(bypass_csp=True)  # axe is injected as a script for the check only
    page = context.new_page()
    try:
        open_search(page, site_root, "隐患排查")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}});
            return r.violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}));
        }""")
        assert result == [], json.dumps(result, ensure_ascii=False, indent=1)
    finally:
        context.close()
