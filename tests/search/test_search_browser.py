"""Site search in headless Chromium, over http on 127.0.0.1 and from file://, on the built example site.

Every query of queries.yaml runs in both modes through the search page's URL (?q=), as a
reader arriving from the header search box would. Besides the expectations written in the
file, each query's whole matches (the results not marked 部分匹配) must be exactly the indexed
pages that hold every word of the query — every bigram of it that some page holds — or one of
its synonyms (site.toml [search]); this is checked against the page text extracted from the
built HTML by an implementation of that rule here, independent of the client's.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml

from builder.schema.config import synonym_words
from builder.search.extract import extract
from builder.search.tokens import join_key, query_terms, stream

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
QUERIES = yaml.safe_load((HERE / "queries.yaml").read_text(encoding="utf-8"))
AXE = REPO / "tools" / "node" / "node_modules" / "axe-core" / "axe.min.js"
# The search has finished when the status line says so. (Waits use locators: the pages' CSP
# forbids eval, which Playwright's wait_for_function would need.)
DONE = re.compile("条结果|没有找到|部分匹配|失败")
# Queries the oracle below does not read as the client does: dates are terms of their own.
DATE = re.compile(r"\d\s*月|(19|20)\d\d\s*[-./]\s*\d")


def wait_status(page, pattern) -> None:
    page.locator("#search-status").filter(has_text=pattern).wait_for(timeout=15000)


def folder(url: str, root: str) -> str:
    """A result link as a site-relative folder URL: news/x/index.html -> news/x/."""
    assert url.startswith(root), f"结果链接 {url} 不在站点 {root} 之内"
    return url[len(root):].removesuffix("index.html")


_LINKS = "els => els.map(li => [li.querySelector('h2 a').href, li.classList.contains('search-partial')])"


def _listed(page, root: str) -> list[tuple[str, bool]]:
    return [(folder(link, root), partial) for link, partial in
            page.eval_on_selector_all("#search-results > li", _LINKS)]


def open_search(page, root: str, q: str, extra: str = "") -> tuple[list[str], str]:
    page.goto(f"{root}search/index.html?q={quote(q)}{extra}")
    wait_status(page, DONE)
    return [url for url, _ in _listed(page, root)], page.inner_text("#search-status")


def all_results(page, root: str, q: str) -> tuple[list[tuple[str, bool]], str]:
    """Every result (folder URL, marked partial), pressing “显示更多结果” until all are shown."""
    open_search(page, root, q)
    results, announced = _listed(page, root), total(page)
    while page.is_visible("#search-more"):
        page.click("#search-more")
        # The status line is written once the whole page of results is in.
        wait_status(page, re.compile(rf"已显示 {min(len(results) + 20, announced)} 条"))
        results = _listed(page, root)
    return results, page.inner_text("#search-status")


def total(page) -> int:
    """How many results the status line announces, whole and partial."""
    counts = re.findall(r"共找到 (\d+) 条结果|另有 (\d+) 条|以下 (\d+) 条", page.inner_text("#search-status"))
    return sum(int(n) for match in counts for n in match if n)


@pytest.fixture(scope="module")
def reader(browser):
    """One browser context for the module's tests, as one reader searching again and again: a context
    costs a quarter of a second to make, and only the network test needs a fresh one (the search keeps
    nothing between pages; the reader's display settings are never touched here)."""
    context = browser.new_context()
    yield context
    context.close()


def _watched(page) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return errors


@pytest.fixture(scope="module")
def tab(reader):
    """One tab that every test navigates afresh (each goto loads a new document): a new tab costs
    Chromium from a quarter of a core-second to a whole one, as much as a query or more."""
    page = reader.new_page()
    errors = _watched(page)
    yield page, errors
    page.close()


@pytest.fixture
def page(tab):
    """The module's tab, whose script errors during the test fail the test."""
    page, errors = tab
    errors.clear()
    yield page
    assert not errors, f"页面脚本出错：{errors}"


@pytest.fixture
def fresh_page(browser):
    """A tab in a new context: nothing cached from the tests before (what the network sees)."""
    context = browser.new_context()
    page = context.new_page()
    errors = _watched(page)
    yield page
    context.close()
    assert not errors, f"页面脚本出错：{errors}"


# ---------------------------------------------------------------- the expected-results oracle

def _manifest(site: Path) -> dict:
    docs_js = (site / "static" / "search" / "docs.js").read_text(encoding="utf-8")
    return json.loads(docs_js[docs_js.index("(") + 1: docs_js.rindex(")")])


def _keys(text: str) -> set[str]:
    texts, seg, _edge, _ascii = stream(text)
    keys = {join_key(a, b) for a, b, broken in zip(texts, texts[1:], seg[1:]) if not broken}
    return keys | set(texts)


def _indexed_urls(site: Path) -> list[str]:
    """The output paths of the indexed pages, from the text shards (in document order)."""
    urls: dict[int, str] = {}
    for path in (site / "static" / "search").glob("text-*.js"):
        text = path.read_text(encoding="utf-8")
        _n, first, _lines, rows = json.loads("[" + text[text.index("(") + 1: text.rindex(")")] + "]")
        urls.update({first + i: row[0] for i, row in enumerate(rows)})
    return [urls[i] for i in range(len(urls))]


@pytest.fixture(scope="session")
def indexed_keys(built_site) -> dict[str, set[str]]:
    """Each indexed page (folder URL) → its bigram and unigram keys, from the built HTML."""
    assert len(_indexed_urls(built_site)) == len(_manifest(built_site)["docs"])
    out = {}
    for rel in _indexed_urls(built_site):
        text = extract((built_site / rel).read_text(encoding="utf-8"))
        out[rel.removesuffix("index.html")] = _keys(text.title) | _keys(text.body)
    return out


def _synonyms() -> list[list[list[str]]]:
    config = tomllib.loads((REPO / "site.toml").read_text(encoding="utf-8"))
    groups = [synonym_words(g) for g in config.get("search", {}).get("synonyms", [])]
    return [[sum(query_terms(w), []) for w in group] for group in groups]


def _spellings(seg: list[str], groups) -> list[list[str]]:
    """A query segment and its spellings with a synonym replaced (any of them may match)."""
    words = sorted(((w, g) for g in groups for w in g), key=lambda wg: -len(wg[0]))
    for word, group in words:
        n = len(word)
        for i in range(len(seg) - n + 1):
            if seg[i:i + n] == word:
                rests = _spellings(seg[i + n:], groups)
                return [seg[:i] + other + rest for other in group for rest in rests]
    return [seg]


def expected(q: str, pages: dict[str, set[str]]) -> set[str]:
    """The pages holding every word of `q`: all of each word's bigrams that some page holds."""
    groups = _synonyms()
    every = set().union(*pages.values())
    found = set(pages)
    for seg in query_terms(q):
        matching = set()
        for spelling in _spellings(seg, groups):
            keys = [spelling[0]] if len(spelling) == 1 else [join_key(a, b) for a, b in zip(spelling, spelling[1:])]
            live = [k for k in keys if k in every]
            if live and 2 * len(live) >= len(keys):
                matching |= {url for url, held in pages.items() if all(k in held for k in live)}
        found &= matching
    return found


# ---------------------------------------------------------------- the queries

def test_there_are_at_least_40_queries():
    assert len(QUERIES) >= 40
    assert all(isinstance(case["q"], str) for case in QUERIES)
    assert len({case["q"] for case in QUERIES}) == len(QUERIES)


@pytest.mark.parametrize("case", QUERIES, ids=[case["q"] for case in QUERIES])
def test_query(case, page, site_root, indexed_keys):
    listed, status = all_results(page, site_root, case["q"])
    results = [url for url, _ in listed]
    whole = [url for url, partial in listed if not partial]
    assert len(set(results)) == len(results), f"结果重复：{results}"
    assert results[:len(whole)] == whole, "部分匹配的结果应排在完全匹配的结果之后"
    for url in case.get("must") or []:
        assert url in whole, f"“{case['q']}”应找到 {url}；实际结果：{whole}"
    for url in case.get("must_not") or []:
        assert url not in whole, f"“{case['q']}”不应（完全）匹配 {url}"
    for url in case.get("below") or []:
        if url in results:
            assert all(results.index(m) < results.index(url) for m in case.get("must") or []), (
                f"“{case['q']}”：{url} 应排在 {case['must']} 之后；实际：{results[:10]}")
    if case.get("first"):
        assert results and results[0] in case["first"], f"“{case['q']}”排第一的应是 {case['first']}；实际：{results[:5]}"
    if case.get("none"):
        assert results == [] and "没有找到" in status
    if not DATE.search(case["q"]):
        oracle = expected(case["q"], indexed_keys)
        assert set(whole) == oracle, (f"“{case['q']}”的完全匹配应正好是含有该词的页面；"
                                      f"多出：{sorted(set(whole) - oracle)}；缺少：{sorted(oracle - set(whole))}")
    if whole:
        assert f"共找到 {len(whole)} 条结果" in status
    if len(results) > len(whole):
        assert f"{len(results) - len(whole)} 条" in status and "部分匹配" in status


def test_a_query_nothing_holds_whole_lists_partial_matches_marked(page, site_root):
    listed, status = all_results(page, site_root, "第二期培训班的考核办法")
    assert listed and all(partial for _, partial in listed)
    assert "没有完全匹配" in status and "部分匹配" in status
    first = page.locator("#search-results > li").first
    assert first.locator(".search-partial-label").inner_text() == "部分匹配"
    assert "搜索时略去了“的”" in status


def test_a_typo_is_corrected_and_said_so(page, site_root):
    results, status = open_search(page, site_root, "应急演炼")
    assert "没有找到“应急演炼”，已按“应急演练”搜索" in status
    assert results[0] in ("news/2016-06-17-emergency-drills/", "training/")
    marks = page.locator("#search-results mark").all_inner_texts()
    assert "应急演练" in marks


def test_traditional_characters_find_and_highlight_the_simplified_page(page, site_root):
    results, _ = open_search(page, site_root, "舉報與聯繫")
    assert results[0] == "pages/contact/"
    assert page.locator("#search-results > li").first.locator("h2 mark").inner_text() == "举报与联系"


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
    marks = page.locator("#search-results > li:not(.search-partial) mark").all_inner_texts()
    assert marks and set(marks) <= {"应急预案", "预案"}  # 预案 is its synonym (site.toml)
    assert "应急预案" in marks
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
    announced = total(page)
    assert len(results) == 20 and page.is_visible("#search-more") and announced > 20
    page.click("#search-more")
    wait_status(page, re.compile(rf"已显示 {min(40, announced)} 条"))
    assert page.locator("#search-results > li").count() == min(40, announced)


def test_a_search_loads_only_the_shards_it_needs_and_nothing_outside_the_site(fresh_page, site_root):
    page = fresh_page
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
