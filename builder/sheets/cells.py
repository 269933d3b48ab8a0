"""Values between cells and records: what a clerk types ↔ what the schema engine reads.

Reading only unwraps what a spreadsheet adds (Excel dates, 1.0 for 1, an enterprise picked
from the drop-down as "QY-0001 名称", several values in one cell); every judgement about a
value stays with the schema engine, so a cell and a YAML line get the same messages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from builder.sheets.columns import BOOL_CHOICES, Column

# Several values in one cell: a new line or a semicolon. Ids and choices never contain a
# 、 or a comma, so those separate them too; free text may contain both, so it does not.
_SPLIT_TEXT = re.compile(r"\s*(?:\n|；|;)\s*")
_SPLIT_CODES = re.compile(r"\s*(?:\n|；|;|、|，|,)\s*")
_SLASH_DATE = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


@dataclass(frozen=True)
class Directory:
    """Towns and enterprises by id and by name: the drop-down lists and their way back."""

    towns: dict[str, str] = field(default_factory=dict)              # id → name
    enterprises: dict[str, tuple[str, str]] = field(default_factory=dict)  # id → (name, town id)

    @classmethod
    def from_records(cls, records: dict) -> Directory:
        towns = {r.raw["id"]: r.raw["name"] for r in records.get("towns", [])}
        enterprises = {r.raw["id"]: (r.raw["name"], r.raw["town"]) for r in records.get("enterprises", [])}
        return cls(towns, enterprises)

    def town_id(self, text: str) -> str | None:
        if text in self.towns:
            return text
        return next((tid for tid, name in self.towns.items() if name == text), None)

    def enterprise_label(self, eid: str) -> str:
        """How an enterprise shows in a drop-down and in an export: 'QY-0001 桓台示例化工有限公司'."""
        name = self.enterprises.get(eid, ("", ""))[0]
        return f"{eid} {name}" if name else eid

    def enterprise_choices(self, town: str | None = None) -> list[str]:
        return [self.enterprise_label(eid) for eid, (_name, tid) in sorted(self.enterprises.items())
                if town is None or tid == town]

    def town_choices(self, town: str | None = None) -> list[str]:
        return [name for tid, name in self.towns.items() if town is None or tid == town]

    def enterprise_id(self, text: str) -> str:
        """The id behind what a clerk typed or picked: 'QY-0001 名称', 'QY-0001' or the exact name."""
        head = text.split(maxsplit=1)[0] if text.split() else text
        if head in self.enterprises:
            return head
        by_name = [eid for eid, (name, _t) in self.enterprises.items() if name == text]
        return by_name[0] if len(by_name) == 1 else text


def choices_for(column: Column, directory: Directory, town: str | None) -> list[str]:
    """A column's drop-down list (empty when it has none)."""
    if column.is_list:
        return []  # a drop-down picks one value; list cells take several
    if column.value_kind == "bool":
        return list(BOOL_CHOICES)
    if column.value_kind == "enum":
        return [str(c) for c in column.choices]
    if column.ref == "towns":
        return directory.town_choices(town)
    if column.ref == "enterprises":
        return directory.enterprise_choices(town)
    return []


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def from_cell(column: Column, value: object, directory: Directory, *, from_csv: bool = False) -> object:
    """A cell's value as the schema engine should see it (None for an empty cell)."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    if column.is_list:
        if not isinstance(value, str):
            return [_scalar(column, value, directory, from_csv)]
        if column.value_kind in ("enum", "ref"):
            parts = _SPLIT_CODES.split(value.strip())
        elif "\n" in value.strip():
            parts = [p.strip() for p in value.strip().split("\n")]  # one per line: ；inside stays
        else:
            parts = _SPLIT_TEXT.split(value.strip())
        parts = [p for p in parts if p]
        return [_scalar(column, p, directory, from_csv) for p in parts]
    return _scalar(column, value, directory, from_csv)


def _scalar(column: Column, value: object, directory: Directory, from_csv: bool) -> object:
    kind = column.value_kind
    if isinstance(value, dt.datetime):
        if kind == "month" and value.day == 1:
            return value.strftime("%Y-%m")  # Excel turns a typed 2016-03 into 2016-03-01
        value = value.date() if value.time() == dt.time() else value
        return value if kind == "date" else value.isoformat()
    if isinstance(value, dt.date):
        return value if kind == "date" else value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores every number as a float: 12 comes back as 12.0
    if kind in ("str", "text", "ref", "enum", "month") and not isinstance(value, str):
        value = str(value)
    if isinstance(value, str):
        if kind == "date" and from_csv:
            match = _SLASH_DATE.match(value.strip())
            if match:  # how Excel writes dates into a CSV on a Chinese Windows: not the clerk's doing
                year, month, day = match.groups()
                value = f"{year}-{int(month):02d}-{int(day):02d}"
        if column.ref == "enterprises":
            value = directory.enterprise_id(value.strip())
    return value


def to_cell(column: Column, value: object, directory: Directory) -> object:
    """A record's value as an export cell: what the template's drop-downs and formats expect."""
    if value is None:
        return None
    if column.is_list:
        items = [_export_scalar(column, v, directory) for v in value]
        texts = [str(v) for v in items]
        joiner = "\n" if any(_SPLIT_TEXT.search(t) for t in texts) else "；"  # see from_cell
        return joiner.join(texts)
    return _export_scalar(column, value, directory)


def _export_scalar(column: Column, value: object, directory: Directory) -> object:
    kind = column.value_kind
    if kind == "bool":
        return BOOL_CHOICES[0] if value else BOOL_CHOICES[1]
    if column.ref == "enterprises":
        return directory.enterprise_label(value)
    if column.ref == "towns":
        return directory.towns.get(value, value)
    return value
