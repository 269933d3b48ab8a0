"""tools/printqa.py: every rule catches a PDF made to break it, and passes one that keeps it.

The PDFs are small documents printed by WeasyPrint with the theme's own print.css, so the
geometry and fonts are those of the real handbooks.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tools import printqa

REPO = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.slow,  # prints a dozen small PDFs
              pytest.mark.skipif(not shutil.which("pdftohtml"), reason="needs poppler-utils (pdftohtml)")]

CSS = (REPO / "themes" / "default" / "templates" / "handbook" / "print.css").read_text("utf-8")
TEXT = "督导人员按照督导手册逐项检查企业安全生产制度落实情况，查阅隐患台账，深入现场，与一线职工座谈。" * 2
HEAD = '<div style="string-set: doctitle attr(data-running), mark attr(data-mark)" data-running="测试手册" data-mark="{mark}"></div>'


def pdf(tmp_path: Path, body: str, name: str = "doc.pdf", mark: str = "") -> Path:
    from weasyprint import HTML

    path = tmp_path / name
    body = body.replace('<section class="chapter">', '<section class="chapter">' + HEAD.format(mark=mark), 1)
    html = f'<html lang="zh-CN"><head><style>{CSS}</style></head><body>{body}</body></html>'
    HTML(string=html).write_pdf(path)
    return path


def chapter(title: str = "一、督导检查要点", paragraphs: int = 6, extra: str = "") -> str:
    return (f'<section class="chapter"><h1 class="chapter-title">{title}</h1>'
            + f"<p>{TEXT}</p>" * paragraphs + extra + "</section>")


def rules(problems) -> list[str]:
    return [p.rule for p in problems]


def test_a_well_set_document_passes(tmp_path):
    assert printqa.check([pdf(tmp_path, chapter(extra=f'<h2>（一）要点</h2><p>{TEXT}</p>'))]) == []


def test_a_near_empty_page_is_caught_and_a_deliberate_blank_page_is_not(tmp_path):
    short = pdf(tmp_path, chapter() + '<section class="chapter"><h1 class="chapter-title">二、附录</h1>'
                                       '<p>见下页。</p></section>', "short.pdf")
    problems = printqa.check([short])
    assert rules(problems) == ["sparse-page"] and problems[0].page == 2
    blank = pdf(tmp_path, chapter() + '<section class="chapter"><p>此页无正文</p></section>', "blank.pdf")
    assert printqa.check([blank]) == []


def test_a_page_holding_only_the_signature_block_is_caught(tmp_path):
    sign = ('<div style="break-before:page">' + '<p class="sign">督导人员（签字）：______　日期：_____年___月___日</p>' * 4
            + "</div>")
    problems = printqa.check([pdf(tmp_path, chapter() + sign)])
    assert rules(problems) == ["sparse-page"] and "签字栏" in problems[0].detail


def test_a_heading_left_at_the_foot_of_a_page_is_caught(tmp_path):
    body = chapter(extra='<h2 style="break-after:page">（一）企业检查要点</h2>' + f"<p>{TEXT}</p>" * 6)
    problems = printqa.check([pdf(tmp_path, body)])
    assert rules(problems) == ["heading-at-end"] and "企业检查要点" in problems[0].detail


def test_a_cell_squeezed_to_one_character_per_line_is_caught(tmp_path):
    table = ('<table><colgroup><col style="width:5mm"><col></colgroup><thead><tr><th>状态</th><th>说明</th></tr>'
             '</thead><tbody><tr><td>已</td><td>整改完成</td></tr></tbody></table>')
    problems = printqa.check([pdf(tmp_path, chapter(extra=table))])
    assert rules(problems) == ["one-char-lines"] and "状态" in problems[0].detail


def test_a_date_broken_across_lines_is_caught_and_a_kept_one_is_not(tmp_path):
    broken = chapter(extra='<p style="width:14mm">2016年12月25日</p>')
    problems = printqa.check([pdf(tmp_path, broken, "broken.pdf")])
    assert rules(problems) == ["split-date"]
    kept = chapter(extra='<p style="width:14mm">截至<span class="date">2016年12月25日</span>的台账</p>')
    assert "split-date" not in rules(printqa.check([pdf(tmp_path, kept, "kept.pdf")]))


def test_text_running_past_the_margin_is_caught(tmp_path):
    wide = chapter(extra='<p style="white-space:nowrap">' + "桓台县示例化工有限公司隐患排查治理台账" * 3 + "</p>")
    problems = printqa.check([pdf(tmp_path, wide)])
    assert rules(problems) == ["outside-page"]


def test_a_town_manual_page_without_the_internal_mark_is_caught(tmp_path):
    marked = pdf(tmp_path, chapter(), "marked.pdf", mark="内部资料　注意保密")
    assert printqa.check([marked], internal={marked}) == []
    unmarked = pdf(tmp_path, chapter(), "unmarked.pdf")
    problems = printqa.check([unmarked], internal={unmarked})
    assert set(rules(problems)) == {"missing-mark"}


def test_two_documents_printing_different_dates_for_one_event_are_caught(tmp_path):
    def event(plan: str) -> str:
        return chapter(extra=f"<p>第一轮集中督导：方案要求{plan}；实际2016年1月20日至2016年1月29日。</p>")

    same = [pdf(tmp_path, event("2016年1月11日至2016年1月31日"), f"{n}.pdf") for n in ("a", "b")]
    assert printqa.check(same) == []
    other = pdf(tmp_path, event("2016年1月20日至2016年1月29日"), "c.pdf")
    problems = printqa.check([*same, other])
    assert rules(problems) == ["dates-disagree"] and "第一轮集中督导（方案要求）" in problems[0].detail


def test_a_monthly_report_whose_period_ends_after_its_due_date_is_caught(tmp_path):
    form = chapter(extra="<p>统计期：2016年12月1日至2016年12月31日　报送截止：2016年12月25日</p>")
    problems = printqa.check([pdf(tmp_path, form)])
    assert rules(problems) == ["period-mismatch"]
    right = chapter(extra="<p>统计期：2016年11月26日至2016年12月25日　报送截止：2016年12月25日</p>")
    assert printqa.check([pdf(tmp_path, right, "right.pdf")]) == []
