"""builder.schedule and the report period: one source for every date, plan and actual told apart."""

from __future__ import annotations

import datetime as dt

from builder import stats as S
from builder.handbook.headings import number_headings

D = dt.date


def test_a_report_due_on_the_25th_covers_the_26th_of_last_month_to_the_25th():
    assert S.report_period("2016-12", 25, D(2016, 1, 1)) == (D(2016, 11, 26), D(2016, 12, 25))
    assert S.report_period("2016-03", 25, D(2016, 1, 1)) == (D(2016, 2, 26), D(2016, 3, 25))
    assert S.report_period("2016-01", 25, D(2016, 1, 1)) == (D(2016, 1, 1), D(2016, 1, 25))  # from the start


def test_the_periods_tile_the_year_without_gap_or_overlap():
    months = S.campaign_months(D(2016, 1, 1), D(2016, 12, 31))
    periods = [S.report_period(m, 25, D(2016, 1, 1)) for m in months]
    for (_, end), (start, _) in zip(periods, periods[1:]):
        assert start == end + dt.timedelta(days=1)


def test_the_report_of_a_day_is_the_one_whose_period_holds_it():
    months = S.campaign_months(D(2016, 1, 1), D(2016, 12, 31))
    assert S.report_month(D(2016, 6, 10), 25, months) == "2016-06"
    assert S.report_month(D(2016, 6, 25), 25, months) == "2016-06"
    assert S.report_month(D(2016, 6, 26), 25, months) == "2016-07"
    assert S.report_month(D(2016, 12, 31), 25, months) == "2016-12"   # no January report: December's


def test_headings_are_numbered_in_the_official_style_and_articles_keep_their_own():
    html = ('<section class="chapter" id="c"><h1 class="chapter-title">一、编制说明</h1>'
            '<h2 id="a" class="bm2">依据</h2><h3>方案</h3><h4>条文</h4><h4>附件</h4><h3>规定</h3>'
            '<h2>范围</h2><h3>企业</h3><article><h2>一、指导思想</h2></article>'
            '<h2 class="bm2 nonum" id="x">附录一　联络表</h2></section>')
    out, entries = number_headings(html)
    assert "<h2 id=\"a\" class=\"bm2\">（一）依据</h2><h3>1.方案</h3><h4>（1）条文</h4><h4>（2）附件</h4>" in out
    assert "<h3>2.规定</h3><h2>（二）范围</h2><h3>1.企业</h3>" in out
    assert "<article><h2>一、指导思想</h2></article>" in out      # a reproduced document keeps its numbers
    assert ">附录一　联络表</h2>" in out
    assert [(e.level, e.anchor, e.title) for e in entries] == [
        (1, "c", "一、编制说明"), (2, "a", "（一）依据"), (2, "x", "附录一　联络表")]
