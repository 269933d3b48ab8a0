"""The search evaluation set (eval.tsv): loading it, running it in a browser page, and scoring it.

Shared by tests/search/test_search_eval.py (the thresholds) and bench/search_bench.py (the
table per kind). A query is run as a reader runs it: typed into the search page's box and
submitted; the rank of a row is the position of the first of its expected pages among the
results (1 = top), or None when none of them is listed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

EVAL_TSV = Path(__file__).resolve().parent / "eval.tsv"
KINDS = {"title": "标题原文", "title_part": "标题片段", "body": "正文短语", "traditional": "繁体",
         "typo": "错一个字", "question": "问句", "alias": "别称", "date": "日期", "two_words": "两个词",
         "id": "文号、编号、企业"}
DONE = re.compile("条结果|没有找到|部分匹配|失败")


@dataclass(frozen=True)
class Row:
    kind: str
    query: str
    expected: tuple[str, ...]
    note: str


def load_eval(path: Path = EVAL_TSV) -> list[Row]:
    """The rows of eval.tsv (comment lines start with #; the first other line is the header)."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    assert header == ["kind", "query", "expected", "note"], header
    rows = []
    for number, line in enumerate(lines[1:], 2):
        kind, query, expected, note = line.split("\t")
        assert kind in KINDS, f"eval.tsv: 第 {number} 行的 kind “{kind}”不认识"
        rows.append(Row(kind, query, tuple(expected.split("|")), note))
    return rows


def result_folders(page, root: str) -> list[str]:
    links = page.eval_on_selector_all("#search-results > li h2 a", "els => els.map(a => a.href)")
    return [link[len(root):].removesuffix("index.html") if link.startswith(root) else link for link in links]


def run_query(page, root: str, query: str) -> list[str]:
    """Type `query` into the search page already open in `page`; the results' folder URLs, in order."""
    page.evaluate("document.getElementById('search-status').textContent = ''")
    page.fill("#search-q", query)
    page.press("#search-q", "Enter")
    page.locator("#search-status").filter(has_text=DONE).wait_for(timeout=15000)
    return result_folders(page, root)


def rank_of(results: list[str], expected: tuple[str, ...]) -> int | None:
    for i, url in enumerate(results, 1):
        if url in expected:
            return i
    return None


def run_eval(page, root: str, rows: list[Row]) -> list[tuple[Row, int | None, list[str]]]:
    """Every row run in one search page (opened once): (row, rank, first results)."""
    page.goto(root + "search/index.html")
    page.locator("#search-status").wait_for(state="attached")
    out = []
    for row in rows:
        results = run_query(page, root, row.query)
        out.append((row, rank_of(results, row.expected), results[:10]))
    return out


def table(outcomes: list[tuple[Row, int | None, list[str]]]) -> list[tuple[str, int, int, int, float]]:
    """Per kind, then all: (kind, queries, top-1, top-3, top-10) counts, and MRR."""
    groups: dict[str, list[int | None]] = defaultdict(list)
    for row, rank, _ in outcomes:
        groups[row.kind].append(rank)
    rows = []
    for kind in list(KINDS) + ["all"]:
        ranks = [r for _, r, _ in outcomes] if kind == "all" else groups.get(kind, [])
        if not ranks:
            continue
        rows.append((kind, len(ranks), sum(1 for r in ranks if r and r <= 1), sum(1 for r in ranks if r and r <= 3),
                     sum(1 for r in ranks if r and r <= 10), sum(1 / r for r in ranks if r) / len(ranks)))
    return rows


def format_table(rows) -> str:
    lines = ["| kind | 类型 | queries | top-1 | top-3 | top-10 | MRR |", "|---|---|---:|---:|---:|---:|---:|"]
    for kind, n, t1, t3, t10, mrr in rows:
        label = KINDS.get(kind, "合计")
        lines.append(f"| {kind} | {label} | {n} | {t1} ({t1 / n:.0%}) | {t3} ({t3 / n:.0%}) | {t10} ({t10 / n:.0%}) "
                     f"| {mrr:.3f} |")
    return "\n".join(lines)
