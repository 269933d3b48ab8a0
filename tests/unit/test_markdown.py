"""builder.markdown: Chinese heading ids, links that work from file://, and sanitising."""

from __future__ import annotations

from builder.markdown import Renderer, plain_text, sanitize, summarize


def convert(text: str, page_url: str = "news/a/"):
    return Renderer().convert(text, page_url)


def test_chinese_heading_ids_and_toc():
    html, toc = convert("## 六查\n\n### 四保 三促\n\n## 六查\n")
    assert html == '<h2 id="六查">六查</h2>\n<h3 id="四保-三促">四保 三促</h3>\n<h2 id="六查_1">六查</h2>'
    assert toc == [{"id": "六查", "name": "六查", "level": 2}, {"id": "四保-三促", "name": "四保 三促", "level": 3},
                   {"id": "六查_1", "name": "六查", "level": 2}]


def test_h1_in_body_becomes_h2():
    html, _ = convert("# 标题\n\n正文")
    assert html == '<h2 id="标题">标题</h2>\n<p>正文</p>'


def test_links_are_rewritten_to_index_html():
    html, _ = convert("[方案](../../notices/plan/) [绝对](/news/x/) [首页](/) [锚](#六查) [外](https://example.com/a/) "
                      "[查询](/news/?a=1#x) [文件](/static/a.pdf) [邮件](mailto:a@example.com)")
    assert html == (
        '<p><a href="../../notices/plan/index.html">方案</a> <a href="../x/index.html">绝对</a> '
        '<a href="../../index.html">首页</a> <a href="#六查">锚</a> <a href="https://example.com/a/">外</a> '
        '<a href="../index.html?a=1#x">查询</a> <a href="../../static/a.pdf">文件</a> '
        '<a href="mailto:a@example.com">邮件</a></p>')


def test_image_sources_are_left_as_written_for_builder_images_to_find():
    html, _ = convert("![漫画](/images/works/a.png) ![照片](photo.jpg)", "news/a/")
    assert html == '<p><img alt="漫画" src="/images/works/a.png"> <img alt="照片" src="photo.jpg"></p>'


def test_scripts_handlers_and_javascript_urls_are_removed():
    html, _ = convert('<script>alert(1)</script>\n\n<a href="javascript:alert(1)" onclick="x()">坏链接</a>\n\n'
                      '<img src="a.png" onerror="alert(1)">\n\n<p style="color:red">样式</p>\n\n'
                      '<iframe src="x"></iframe>')
    assert "script" not in html and "alert" not in html and "onclick" not in html and "onerror" not in html
    assert "style" not in html and "iframe" not in html and "javascript" not in html
    assert '<a>坏链接</a>' in html and '<img src="a.png">' in html and "<p>样式</p>" in html


def test_sanitize_keeps_tables_and_ids():
    html = '<table><thead><tr><th align="left" scope="col">镇街</th></tr></thead></table><h2 id="x">标题</h2>'
    assert sanitize(html) == html
    assert sanitize('<a href="data:text/html,x">x</a><!-- 注释 -->') == "<a>x</a>"


def test_tables_from_markdown():
    html, _ = convert("| 镇街 | 隐患 |\n|:--|--:|\n| 索镇镇 | 12 |\n")
    assert '<th align="left">镇街</th>' in html and '<td align="right">12</td>' in html


def test_renderer_resets_between_pages():
    renderer = Renderer()
    renderer.convert("## 六查\n", "news/a/")
    html, toc = renderer.convert("## 六查\n", "news/b/")
    assert html == '<h2 id="六查">六查</h2>' and len(toc) == 1  # no "_1" carried over from the last page


def test_summarize_by_characters():
    assert summarize("<p>短文。</p>") == "短文。"
    text = "安全生产" * 40  # 160 characters, no stop: cut at 120 with an ellipsis
    assert summarize(f"<p>{text}</p>") == text[:120] + "…"
    sentences = "职工排查隐患。" * 20  # 7 characters a sentence: the last full stop before 120 is at 119
    assert summarize(f"<p>{sentences}</p>") == sentences[:119]


def test_plain_text():
    assert plain_text("<p>甲&amp;乙</p>\n<ul><li>丙</li></ul>") == "甲&乙 丙"


def _with_python_markdowns_own_inline_stage() -> Renderer:
    from markdown.treeprocessors import InlineProcessor

    renderer = Renderer()
    renderer._md.treeprocessors.register(InlineProcessor(renderer._md), "inline", 20)
    return renderer


def test_quick_inline_stage_is_on_and_changes_nothing_on_every_article_of_the_repository():
    """The shortcut for text no inline pattern can match (builder.markdown._QuickInline) gives
    exactly Python-Markdown's own output on every Markdown file we have."""
    from pathlib import Path

    from builder.markdown import _QuickInline

    quick, plain = Renderer(), _with_python_markdowns_own_inline_stage()
    assert isinstance(quick._md.treeprocessors["inline"], _QuickInline)
    assert quick._md.treeprocessors["inline"]._plain is not None  # every pattern is known: shortcut on
    repo = Path(__file__).resolve().parents[2]
    files = sorted(repo.glob("content/**/*.md")) + sorted(repo.glob("tests/**/*.md"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert quick.convert(text, "news/a/") == plain.convert(text, "news/a/"), path


def test_quick_inline_stage_changes_nothing_on_text_full_of_markup():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    quick, plain = Renderer(), _with_python_markdowns_own_inline_stage()
    pieces = st.sampled_from(["隐患", "排查", "*", "**", "_", "__", "`", "[", "]", "(", "/news/x/", ")", "!", "<",
                              ">", "&amp;", "&", "\\\\", "\n", "  \n", "\n\n", "## ", "- ", "1. ", "[^1]", "{: .x}",
                              "<b>", "</b>", "http://a.cn", "a@b.cn", "|", "---", "~", "^", " ", "\t", "\x02"])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join))
    def same(text):
        assert quick.convert(text, "news/a/") == plain.convert(text, "news/a/")

    same()
