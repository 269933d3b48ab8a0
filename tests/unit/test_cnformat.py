"""builder.cnformat: dates and numbers as a government page and a printed form write them."""

from __future__ import annotations

import datetime as dt

from builder.cnformat import cn_date, money, month_cn, month_label, number, pct
from builder.stats import Ratio
from builder.tables import DATE, INT, PCT, TEXT, display


def test_dates():
    assert cn_date(dt.date(2016, 1, 13)) == "2016年1月13日"
    assert cn_date(dt.date(2016, 1, 13), "iso") == "2016-01-13"
    assert cn_date(dt.date(2016, 1, 13), "month") == "2016年1月"
    assert cn_date(dt.date(2016, 10, 20), "day") == "10月20日"
    assert cn_date(None) == ""
    assert month_label("2016-03") == "3月" and month_label("2016-12") == "12月"
    assert month_cn("2016-03") == "2016年3月"


def test_numbers():
    assert pct(Ratio(1, 3)) == "33.3%" and pct(Ratio(0, 0)) == "—" and pct(50, 0) == "50%" and pct(None) == "—"
    assert number(12345) == "12,345" and number(None) == "—"
    assert money(12000) == "12,000" and money(1234.5) == "1,234.50" and money(0) == "0"


def test_table_cells_read_as_the_filters_do():
    assert display(1234, INT) == number(1234) == "1,234"
    assert display(95.34, PCT) == pct(95.34) == "95.3%"
    assert display(dt.date(2016, 3, 5), DATE) == cn_date(dt.date(2016, 3, 5)) == "2016年3月5日"
    assert display(None, INT) == display(None, TEXT) == "—"
    assert display("化工", TEXT) == "化工"
