"""What every kind shares: the seed, one RNG per section, the 2016 calendar, the schema's field order."""

from __future__ import annotations

import datetime as dt
import random

from builder.schema.records import KINDS

SEED = 2016
D = dt.date
DAY = dt.timedelta(days=1)

CONCENTRATED_END = D(2016, 4, 30)   # 集中行动 ends “2016年4月底前”
AS_OF = D(2016, 12, 31)             # statuses in the ledger are as of the year's end
COUNTY_ORGANIZER = "桓台县总工会、桓台县安监局"
# How often each 六查 category comes up, in the ledger and among the golden ideas.
CATEGORY_WEIGHTS = {"C1": 15, "C2": 20, "C3": 25, "C4": 12, "C5": 15, "C6": 13}


def rng_for(section: str) -> random.Random:
    """One RNG per section, so that --scale-hazards changes the ledger but no other file."""
    return random.Random(f"{SEED}/{section}")


def ordered(kind: str, record: dict) -> dict:
    """The record with keys in the schema's order (builder/schema/records.py) and empty values
    dropped; a key the schema does not know fails here, before anything is written."""
    names = KINDS[kind].names
    unknown = set(record) - set(names)
    if unknown:
        raise KeyError(f"{kind}: unknown fields {sorted(unknown)}")
    return {name: record[name] for name in names if record.get(name) is not None}


# ================================================================ calendar

# ================================================================ calendar

# The State Council's 2016 holiday arrangement: official dates (visits, classes, reports,
# decisions) fall on working days; workers still find hazards on any day.
HOLIDAYS = {D(2016, 1, 1) + i * DAY for i in range(3)}
HOLIDAYS |= {D(2016, 2, 7) + i * DAY for i in range(7)}
HOLIDAYS |= {D(2016, 4, 2) + i * DAY for i in range(3)}
HOLIDAYS |= {D(2016, 4, 30) + i * DAY for i in range(3)}
HOLIDAYS |= {D(2016, 6, 9) + i * DAY for i in range(3)}
HOLIDAYS |= {D(2016, 9, 15) + i * DAY for i in range(3)}
HOLIDAYS |= {D(2016, 10, 1) + i * DAY for i in range(7)}
_MAKEUP_WORKDAYS = {D(2016, 2, 6), D(2016, 2, 14), D(2016, 6, 12), D(2016, 9, 18), D(2016, 10, 8), D(2016, 10, 9)}


def is_workday(day: dt.date) -> bool:
    if day in _MAKEUP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in HOLIDAYS


def workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if is_workday(day):
            days.append(day)
        day += DAY
    return days


def pick_workday(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return rng.choice(workdays(start, end))


def add_days(day: dt.date, n: int) -> dt.date:
    return day + n * DAY


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals: 1 一, 10 十, 12 十二, 21 二十一."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
