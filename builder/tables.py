"""Statistics tables as data: one definition feeds the page's <table>, its chart and its CSV/JSON.

A page never formats a figure the download does not also carry, so the number a reader sees,
the one in the chart and the one in the open-data file are the same value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from builder.cnformat import NONE, cn_date, number
from builder.cnformat import pct as format_pct
from builder.stats import HazardRow, Ratio

TEXT, INT, PCT, DATE = "text", "int", "pct", "date"
MARK = "mark"   # a status written as symbol + word (✓ 按时), styled by its first character


@dataclass(frozen=True, slots=True)
class Column:
    """One column: a key for JSON, a Chinese header, and how its values are shown."""

    key: str
    label: str
    kind: str = TEXT


@dataclass(frozen=True, slots=True)
class Table:
    """A statistics table. `slug` names its open-data files (opendata/<slug>.csv and .json)."""

    slug: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    total: tuple | None = None
    note: str = ""

    def records(self) -> list[dict]:
        """Rows as dicts keyed by column key (the JSON form)."""
        return [dict(zip((c.key for c in self.columns), row, strict=True)) for row in self.rows]


def display(value, kind: str) -> str:
    """How a cell reads on the page: 1,234 · 95.3% · 2016年3月5日 · — for no value."""
    if value is None:
        return NONE
    if kind == INT:
        return number(value)
    if kind == PCT:
        return format_pct(value)
    if kind == DATE and isinstance(value, dt.date):
        return cn_date(value)
    return str(value)


def rounded_pct(ratio: Ratio) -> float | None:
    """A ratio as a percentage number rounded for publication (the page and the CSV agree);
    cnformat.pct writes a number as the text “95.3%”."""
    return None if ratio.pct is None else round(ratio.pct, 1)


HAZARD_COLUMNS = (
    Column("found", "发现隐患（项）", INT),
    Column("closed", "已整改销号（项）", INT),
    Column("rate", "整改率", PCT),
    Column("major", "其中重大隐患（项）", INT),
    Column("overdue", "逾期未整改（项）", INT),
)


def hazard_table(slug: str, caption: str, label: str, rows: Sequence[HazardRow],
                 labels: dict[str, str] | None = None, note: str = "") -> Table:
    """Hazards grouped one way (镇街, 六查, 行业, 等级, 月份): found, closed, rate, major, overdue."""
    labels = labels or {}
    body = tuple((labels.get(r.label, r.label), r.found, r.closed, rounded_pct(r.rate), r.major, r.overdue) for r in rows)
    found = sum(r.found for r in rows)
    closed = sum(r.closed for r in rows)
    total = ("合计", found, closed, rounded_pct(Ratio(closed, found)), sum(r.major for r in rows), sum(r.overdue for r in rows))
    return Table(slug, caption, (Column("label", label), *HAZARD_COLUMNS), body, total, note)


def ratio_columns(done: str, whole: str, rate: str = "完成率") -> tuple[Column, ...]:
    """Three columns for a count against a total and its rate."""
    return (Column("done", done, INT), Column("total", whole, INT), Column("rate", rate, PCT))


def ratio_row(label: str, ratio: Ratio) -> tuple:
    return (label, ratio.done, ratio.total, rounded_pct(ratio))


def ratio_total(rows: Sequence[tuple]) -> tuple:
    """A 合计 row for rows made by ratio_row."""
    done = sum(r[1] for r in rows)
    whole = sum(r[2] for r in rows)
    return ("合计", done, whole, rounded_pct(Ratio(done, whole)))


def scenario_table(slug: str, scenarios: Sequence[tuple[str, int, int]]) -> Table:
    """Drills by 演练科目: how many were held and how many took part."""
    rows = tuple(scenarios)
    return Table(slug, "按演练科目统计的应急演练",
                 (Column("scenario", "演练科目"), Column("drills", "演练次数", INT),
                  Column("participants", "参演人次", INT)),
                 rows, ("合计", sum(r[1] for r in rows), sum(r[2] for r in rows)))
