"""Property-based tests: random YAML, front matter and Markdown never crash the loader or renderer.

Whatever a clerk types, the result is either a value or one of our diagnostics (TextError or
a Reporter entry), within bounded time.
"""

from __future__ import annotations

import time
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.diagnostics import Loc, Reporter
from builder.markdown import Renderer
from builder.schema.core import validate_mapping
from builder.schema.page import PAGE
from builder.schema.records import KINDS
from builder.textio import TextError, decode
from builder.yamlio import load_yaml, split_front_matter

YAML_ALPHABET = st.sampled_from(list("abc:-[]{}&*!|>'\"#%@` \t\n：，索镇2016-0319") + ["\n  ", "- ", ": "])
yaml_text = st.lists(YAML_ALPHABET, max_size=200).map("".join)
MARKDOWN_BITS = st.sampled_from([
    "# 标题\n", "## 六查\n", "- 项目\n", "1. 第一\n", "|a|b|\n|-|-|\n|1|2|\n", "<script>alert(1)</script>",
    "[链接](javascript:alert(1))", "![图](../../x.png)", "<img src=x onerror=alert(1)>", "```\ncode\n```\n",
    "**粗体**", "> 引用\n", "\n\n", "文字", "<style>body{}</style>", "[x](/news/a/#b)", "&amp;", "<div>",
])
markdown_text = st.lists(MARKDOWN_BITS, max_size=40).map("".join)
class _Audit(HTMLParser):
    """Collects what a browser would execute: script/style elements, handlers, script URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "iframe", "object", "embed"):
            self.bad.append(tag)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.bad.append(name)
            if name in ("href", "src") and value and value.strip().lower().startswith(("javascript:", "data:")):
                self.bad.append(value)


def assert_safe(html: str) -> None:
    audit = _Audit()
    audit.feed(html)
    assert audit.bad == [], html


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(yaml_text)
def test_yaml_loader_returns_value_or_our_error(text):
    started = time.perf_counter()
    try:
        value = load_yaml(text, Loc("data/x.yaml"))
    except TextError as exc:
        assert exc.loc.path == "data/x.yaml" and exc.message
        return
    finally:
        assert time.perf_counter() - started < 2
    rep = Reporter()
    for kind in ("hazards", "enterprises", "works"):
        for item in value if isinstance(value, list) else [value]:
            validate_mapping(KINDS[kind], item, Loc("data/x.yaml", 1), rep)  # must not raise


@FAST
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_never_crashes(data):
    try:
        text = decode(data, Loc("content/a.md"))
    except TextError as exc:
        assert "UTF-8" in exc.message
    else:
        assert "\r" not in text


@FAST
@given(yaml_text, markdown_text)
def test_front_matter_and_markdown(front, body):
    text = f"---\n{front}\n---\n{body}"
    try:
        fm, first, rest, body_line = split_front_matter(text, Loc("content/news/a.md"))
        meta = load_yaml(fm, Loc("content/news/a.md"), first_line=first)
    except TextError:
        return
    validate_mapping(PAGE, meta, Loc("content/news/a.md", 1), Reporter())
    html, _toc = Renderer().convert(rest, "news/a/")
    assert_safe(html)


@FAST
@given(markdown_text)
def test_markdown_output_is_sanitised(body):
    html, toc = Renderer().convert(body, "news/a/")
    assert_safe(html)
    for entry in toc:
        assert set(entry) == {"id", "name", "level"}
