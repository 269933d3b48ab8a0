"""Spreadsheet columns, generated from the record schemas: never a second copy of them.

One column per field of builder/schema/records.py, in declaration order. The header is the
field's Chinese label, the header comment is its docstring, and the drop-down, number and
date rules follow from its type, choices and bounds. Changing a schema changes the templates,
the importer and the export together.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC, TYPE_LABEL, VISIBILITY_LABEL, Field, Schema
from builder.schema.records import KINDS

REQUIRED_MARK = "*"

# Which fields each kind of spreadsheet carries. A template and an import carry everything a
# town records, the reporter's pseudonym included: data/ is where it is kept. An export is
# handed on, so it never carries `internal` fields, whatever the profile (docs/spreadsheets.md).
PROFILE_FIELDS = {
    "all": (PUBLIC, HANDBOOK, INTERNAL),
    "internal": (PUBLIC, HANDBOOK),
    "public": (PUBLIC,),
}

# Headers clerks add by habit that carry nothing to import.
IGNORED_HEADERS = ("序号", "行号")

BOOL_CHOICES = ("是", "否")


def flat(field: Field) -> bool:
    """Whether a field fits in one cell: scalars, and lists of scalars (one cell, several values)."""
    if field.kind == "table":
        return False
    if field.kind == "list":
        return isinstance(field.item, Field) and field.item.kind not in ("list", "table")
    return True


# Kinds whose every field fits in a cell. 镇街 (towns) carry a nested contact list and are
# maintained once, by the county, in data/towns.yaml.
SHEET_KINDS: dict[str, Schema] = {name: s for name, s in KINDS.items() if all(flat(f) for f in s.fields)}


@dataclass(frozen=True, slots=True)
class Column:
    """One spreadsheet column: the schema field it is, and how it shows in a cell."""

    field: Field

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def header(self) -> str:
        return self.field.label + (REQUIRED_MARK if self.field.required else "")

    @property
    def value_kind(self) -> str:
        """The kind of one value: a list's item kind, else the field's own."""
        return self.field.item.kind if self.field.kind == "list" else self.field.kind

    @property
    def ref(self) -> str | None:
        return self.field.item.ref if self.field.kind == "list" else self.field.ref

    @property
    def choices(self) -> tuple:
        return self.field.item.choices if self.field.kind == "list" else self.field.choices

    @property
    def is_list(self) -> bool:
        return self.field.kind == "list"

    @property
    def text_format(self) -> bool:
        """Cells Excel must keep as typed: ids like 0001 and months like 2016-03 it would convert."""
        return self.value_kind in ("str", "text", "ref", "month", "enum")

    @property
    def width(self) -> int:
        by_kind = {"text": 40, "date": 13, "month": 10, "bool": 9, "int": 10, "number": 12, "enum": 14}
        base = by_kind.get(self.value_kind, 16)
        if self.ref == "enterprises":
            base = 34
        if self.is_list:
            base = max(base, 24)
        return max(base, 2 * len(self.header) + 2)

    def comment(self) -> str:
        """The header cell's comment: the field's docstring, then what a clerk must know to fill it."""
        f = self.field
        lines = [f"{f.label}（{f.name}）", f.doc.strip()]
        lines.append("必填" if f.required else "选填")
        kind = TYPE_LABEL.get(self.value_kind, self.value_kind)
        if self.value_kind == "bool":
            kind = "是/否"
        lines.append(f"类型：{kind}" + ("，一格可写多个，用“；”或换行分开" if self.is_list else ""))
        if f.min is not None or f.max is not None:
            lines.append(f"范围：{_bound(f.min, '不限')} ～ {_bound(f.max, '不限')}")
        if self.choices and len("、".join(map(str, self.choices))) <= 120:
            lines.append("可选值：" + "、".join(str(c) for c in self.choices))
        if self.ref == "enterprises":
            lines.append("从下拉列表选择企业（编号 名称），也可只写编号")
        elif self.ref == "towns":
            lines.append("从下拉列表选择镇街")
        if f.default not in (None, False, 0):
            lines.append(f"不填时按“{f.default}”")
        lines.append("可见范围：" + VISIBILITY_LABEL[f.visibility])
        return "\n".join(lines)


def _bound(value, missing: str) -> str:
    return missing if value is None else f"{value:g}"


def columns(schema: Schema, profile: str = "all") -> list[Column]:
    """The columns of a kind's sheet, in schema order, limited to what `profile` may carry."""
    allowed = PROFILE_FIELDS[profile]
    return [Column(f) for f in schema.fields if flat(f) and f.visibility in allowed]


def normalise_header(text: object) -> str:
    """A header as typed → comparable text: full-width folded, spaces and the required mark gone."""
    normal = unicodedata.normalize("NFKC", str(text)).strip()
    for suffix in (REQUIRED_MARK, "(必填)", "必填"):
        if normal.endswith(suffix):
            normal = normal[: -len(suffix)].strip()
    return "".join(normal.split())


def header_index(schema: Schema) -> dict[str, Column]:
    """Every spelling a header may have → its column: the Chinese label or the field name."""
    index: dict[str, Column] = {}
    for column in columns(schema):
        index[normalise_header(column.field.label)] = column
        index[column.name.lower()] = column
    return index
