"""Chinese dates and numbers, written the way a government page and a printed form write them.

The one home of these formats: template filters (builder.templates), table cells
(builder.tables.display) and the print documents all call these functions, so a date or a
percentage reads the same on a page, in a table, in a chart's data table and on paper.
"""

from __future__ import annotations

import datetime as dt
import re

from markupsafe import Markup, escape

from builder.stats import Ratio

NONE = "—"  # what a missing figure reads as


def cn_date(value: dt.date | None, fmt: str = "long") -> str:
    """2016-01-13 -> 2016年1月13日; fmt "iso" -> 2016-01-13, "month" -> 2016年1月, "day" -> 1月13日
    (inside a table of one year)."""
    if value is None:
        return ""
    if fmt == "iso":
        return value.isoformat()
    if fmt == "month":
        return f"{value.year}年{value.month}月"
    if fmt == "day":
        return f"{value.month}月{value.day}日"
    return f"{value.year}年{value.month}月{value.day}日"


def date_nowrap(value: dt.date | None, fmt: str = "long") -> Markup:
    """cn_date in a span that never breaks across lines (print.css .date): the print templates' dates."""
    return Markup('<span class="date">%s</span>') % cn_date(value, fmt) if value is not None else Markup("")


def header_lines(label: str) -> Markup:
    """A table header broken into lines only between words, each line kept whole by the cell.

    CJK text may break after any character, so an auto-sized column can shrink its header to
    one character per line. Headers are short noun phrases: they break before a bracketed unit
    （家）, after ／, and a long run in two near-even halves of whole two-character words.
    """
    parts: list[str] = []
    for piece in re.split(r"(?=（)|(?<=[／/])", label):
        if len(piece) > 5 and not piece.startswith("（"):
            cut = (len(piece) + 1) // 2
            cut -= cut % 2
            parts += [piece[:cut], piece[cut:]]
        elif piece:
            parts.append(piece)
    return Markup("<br>").join(escape(p) for p in parts)


def month_label(month: str) -> str:
    """A campaign month "2016-04" as a column or axis label: 4月."""
    return f"{int(month.split('-')[1])}月"


def month_cn(month: str) -> str:
    """A campaign month "2016-04" in full: 2016年4月."""
    year, mon = month.split("-")
    return f"{year}年{int(mon)}月"


def pct(value: Ratio | float | None, digits: int = 1) -> str:
    """95.34 or Ratio(…) -> 95.3%; no value (a ratio of nothing) -> —."""
    if isinstance(value, Ratio):
        value = value.pct
    if value is None:
        return NONE
    return f"{value:.{digits}f}%"


def number(value: int | float | None) -> str:
    """1234 -> 1,234 (grouped, as the ledgers and reports print counts)."""
    return NONE if value is None else f"{value:,}"


def money(value: int | float) -> str:
    """Yuan: 12000 -> 12,000; 1234.5 -> 1,234.50."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
