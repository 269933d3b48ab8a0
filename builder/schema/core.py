"""A small schema engine whose every message is ours: Chinese, located, with a hint."""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from builder.diagnostics import Loc, Reporter
from builder.yamlio import LocatedDict, NullWord

PUBLIC, HANDBOOK, INTERNAL = "public", "handbook", "internal"
VISIBILITY_RANK = {PUBLIC: 0, HANDBOOK: 1, INTERNAL: 2}
VISIBILITY_LABEL = {PUBLIC: "公开", HANDBOOK: "手册（内部印发）", INTERNAL: "内部（永不输出）"}

TYPE_LABEL = {
    "str": "文字", "text": "文字", "int": "整数", "number": "数字", "bool": "是/否（true/false）",
    "date": "日期（YYYY-MM-DD）", "month": "月份（YYYY-MM）", "enum": "选项", "ref": "编号引用",
    "list": "列表", "table": "子表",
}


@dataclass(frozen=True, slots=True)
class Field:
    """One declared field: its type, Chinese label, docstring and visibility."""

    name: str
    kind: str
    label: str
    doc: str
    required: bool = False
    visibility: str = PUBLIC
    choices: tuple = ()
    ref: str | None = None
    item: Field | Schema | None = None
    default: Any = None
    min: float | None = None
    max: float | None = None


def F(name: str, kind: str, label: str, doc: str, **kw) -> Field:  # noqa: N802 - reads like a declaration
    """Declare a field: F("found_on", "date", "发现日期", "隐患被发现的日期。", required=True).

    The one helper every schema module (records, page, config) declares its fields with.
    """
    return Field(name, kind, label, doc, **kw)


@dataclass(frozen=True, slots=True)
class Schema:
    """A record kind (or config table): its fields and record-level checks."""

    name: str
    label: str
    doc: str
    fields: tuple[Field, ...]
    key: tuple[str, ...] = ("id",)
    checks: tuple[Callable, ...] = ()
    open: bool = False
    # False for ledgers whose rows are never published one by one (DOMAIN.md §2.5: enterprise
    # hazard ledgers, supervision records and raw monthly reports stay internal); the public
    # site and public exports show only their aggregate figures.
    published: bool = True
    # Fields whose value names a record well enough for a clerk to refer to it by (an
    # enterprise's name, a town's name or short name, a team's name), besides its key.
    named_by: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


@dataclass(slots=True)
class Problem:
    """A record-level check result: which field it concerns, message and hint."""

    field: str
    message: str
    hint: str = ""


def did_you_mean(word: str, candidates) -> str | None:
    """The closest candidate to a mistyped word, comparing full-width-normalised text."""
    normal = unicodedata.normalize("NFKC", str(word)).strip().lower()
    pool = {unicodedata.normalize("NFKC", str(c)).lower(): c for c in candidates}
    if normal in pool:
        return pool[normal]
    match = difflib.get_close_matches(normal, list(pool), n=1, cutoff=0.6)
    return pool[match[0]] if match else None


# What `chabaocu new record` writes where a value is still to come, and what a clerk types for
# "not known yet". A record holding one is unfinished: a warning, and it is left out of the site.
PLACEHOLDERS = frozenset({"TODO", "待填写", "待填"})


_LONGEST_PLACEHOLDER = max(len(p) for p in PLACEHOLDERS) + 4   # a few spaces around it


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= _LONGEST_PLACEHOLDER and value.strip().upper() in PLACEHOLDERS


def has_placeholder(data: Any) -> bool:
    """Whether a record holds a placeholder anywhere: the quick test every record of a big
    ledger goes through (most values are longer than any placeholder)."""
    for value in data.values() if isinstance(data, dict) else data:
        if isinstance(value, str):
            if len(value) <= _LONGEST_PLACEHOLDER and value.strip().upper() in PLACEHOLDERS:
                return True
        elif isinstance(value, (dict, list)) and has_placeholder(value):
            return True
    return False


def placeholders(data: Any, prefix: str = "") -> list[tuple[str, Any, str]]:
    """(field path, its key in `data`, the placeholder) of every placeholder in a record, nested ones too."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        path = f"{prefix}{key}" if isinstance(data, dict) else f"{prefix}[{key + 1}]"
        if is_placeholder(value):
            found.append((path, key, value.strip()))
        elif isinstance(value, (dict, list)):
            inner = f"{path}." if isinstance(value, dict) else path
            found += [(p, key, v) for p, _inner, v in placeholders(value, inner)]
    return found


def loc_of(mapping: Any, key: Any, base: Loc) -> Loc:
    """The location of `key` in a located mapping, or of the mapping itself."""
    if isinstance(mapping, LocatedDict):
        return base.at(mapping.lines.get(key, mapping.line))
    return base


# ---------------------------------------------------------------- scalar parsers

_FULLWIDTH_DIGITS = re.compile(r"[０-９－／]")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATE_LOOSE = re.compile(r"^(\d{4})\s*(?:/|\.|年)\s*(\d{1,2})\s*(?:/|\.|月)\s*(\d{1,2})\s*日?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class ValueProblem(Exception):
    def __init__(self, message: str, hint: str = "", warning: str = ""):
        super().__init__(message)
        self.message, self.hint, self.warning = message, hint, warning


def parse_date(value: Any) -> tuple[dt.date, str]:
    """Parse a date; returns (date, warning-or-empty). Impossible dates raise ValueProblem."""
    if isinstance(value, dt.datetime):
        return value.date(), ""
    if isinstance(value, dt.date):
        return value, ""
    if not isinstance(value, str):
        raise ValueProblem(f"“{value}”不是日期", "日期写成 2016-03-05 的形式")
    text = value.strip()
    warning = ""
    if _FULLWIDTH_DIGITS.search(text):
        text = unicodedata.normalize("NFKC", text)
        warning = "日期里有全角数字或符号"
    match = _DATE_ISO.match(text)
    if not match:
        match = _DATE_LOOSE.match(text)
        if match:
            warning = warning or f"日期“{value}”不是标准写法"
    if not match:
        raise ValueProblem(f"“{value}”不是日期", "日期写成 2016-03-05 的形式（年-月-日，用半角数字和短横线）")
    year, month, day = (int(g) for g in match.groups())
    try:
        date = dt.date(year, month, day)
    except ValueError:
        why = f"{year}年{month}月没有{day}日" if 1 <= month <= 12 else "一年只有 12 个月"
        raise ValueProblem(f"日期“{value}”不存在（{why}）", "请核对原始记录中的日期") from None
    if warning:
        warning += f"，已按 {date.isoformat()} 读取；请改写成 {date.isoformat()}"
    return date, warning


_UNITS_OR_GROUPING = re.compile(r"[,，\u4e00-\u9fff]")


def _number_hint(text: str, example: str) -> str:
    """1,200元 → write 1200; 0x1F, 1:30, .inf (YAML 1.1 forms) → only decimal digits."""
    digits = re.sub(r"[^\d.\-]", "", text)
    if _UNITS_OR_GROUPING.search(text) and re.search(r"\d", digits):
        return f"只写阿拉伯数字，不要千分位逗号和单位，例如 {digits}"
    return f"只写阿拉伯数字，例如 {example}"


def _parse_int(value: Any) -> tuple[int, str]:
    if isinstance(value, bool):
        raise ValueProblem(f"应为整数，却写成了 {value}", "只写阿拉伯数字，例如 1200")
    if isinstance(value, int):
        return value, ""
    if isinstance(value, float) and value.is_integer():
        return int(value), ""
    if isinstance(value, str):
        if value.isascii() and value.isdigit():  # YAML gives numbers as written: most are plain digits
            return int(value), ""
        normal = unicodedata.normalize("NFKC", value).strip()
        if re.fullmatch(r"[-+]?\d+", normal):
            return int(normal), (f"“{value}”含有全角数字，已按 {int(normal)} 读取" if normal != value.strip() else "")
        raise ValueProblem(f"“{value}”不是整数", _number_hint(normal, "1200"))
    raise ValueProblem(f"“{value}”不是整数", "只写阿拉伯数字，例如 1200")


def _parse_number(value: Any) -> tuple[float, str]:
    if isinstance(value, bool):
        raise ValueProblem(f"应为数字，却写成了 {value}", "只写阿拉伯数字，例如 1200.5")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(f"“{value}”不是数字", "只写阿拉伯数字")
    if isinstance(value, (int, float)):
        return value, ""
    if isinstance(value, str):
        if value.isascii() and value.isdigit():
            return int(value), ""
        normal = unicodedata.normalize("NFKC", value).strip()
        if re.fullmatch(r"[-+]?\d+(\.\d+)?([eE][-+]?\d+)?", normal):
            number = float(normal)
            if not math.isfinite(number):
                raise ValueProblem(f"“{value}”太大，不是一个可用的数字", "请核对数字")
            result = int(number) if number.is_integer() else number
            return result, (f"“{value}”含有全角数字，已按 {result} 读取" if normal != value.strip() else "")
        raise ValueProblem(f"“{value}”不是数字", _number_hint(normal, "1200.5"))
    raise ValueProblem(f"“{value}”不是数字", "只写阿拉伯数字")


_TRUE = {"true", "yes", "on", "是", "有", "对", "1"}
_FALSE = {"false", "no", "off", "否", "无", "不", "0"}


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"“{value}”不是“是/否”", "写 true（是）或 false（否）")


def parse_scalar(f: Field, value: Any) -> tuple[Any, str]:
    """Convert one value to the field's type; returns (value, warning)."""
    kind = f.kind
    if kind in ("str", "text"):
        if isinstance(value, (dict, list)):
            raise ValueProblem(f"应为一段文字，却写成了{'子表' if isinstance(value, dict) else '列表'}",
                               "检查缩进：这个字段只写一行文字；含冒号的文字请加引号")
        if isinstance(value, bool):
            raise ValueProblem(f"应为文字，却被读成了 {str(value).lower()}", "含 yes/no/on/off 等词的文字请加引号")
        text = str(value)
        return (text.strip() if kind == "str" else text), ""
    if kind == "int":
        number, warning = _parse_int(value)
        _check_range(f, number)
        return number, warning
    if kind == "number":
        number, warning = _parse_number(value)
        _check_range(f, number)
        return number, warning
    if kind == "bool":
        return _parse_bool(value), ""
    if kind == "date":
        return parse_date(value)
    if kind == "month":
        text = unicodedata.normalize("NFKC", str(value)).strip()
        match = _MONTH.match(text)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueProblem(f"“{value}”不是月份", "月份写成 2016-03 的形式")
        return f"{int(match.group(1)):04d}-{int(match.group(2)):02d}", ""
    if kind == "enum":
        text = str(value).strip()
        if text in f.choices:
            return text, ""
        normal = unicodedata.normalize("NFKC", text)
        if normal in f.choices:
            return normal, ""
        guess = did_you_mean(text, f.choices)
        hint = f"是否想写“{guess}”？" if guess else ""
        hint += "可选值：" + "、".join(str(c) for c in f.choices)
        raise ValueProblem(f"“{text}”不是{f.label}的可选值", hint)
    if kind == "ref":
        if isinstance(value, (dict, list, bool)) or value is None:
            raise ValueProblem(f"“{value}”不是编号", "写被引用记录的编号（id）")
        return str(value).strip(), ""
    raise AssertionError(f"unknown field kind {kind}")


def _check_range(f: Field, number: float) -> None:
    # A share (0..1) written as a percentage is the usual slip: say how to write it.
    hint = "比例写成 0 到 1 之间的小数，例如 100% 写 1.0" if f.max == 1 and f.kind == "number" else "请核对数字"
    if f.min is not None and number < f.min:
        raise ValueProblem(f"不能小于 {f.min:g}（现在是 {number:g}）", hint)
    if f.max is not None and number > f.max:
        raise ValueProblem(f"不能大于 {f.max:g}（现在是 {number:g}）", hint)


# ---------------------------------------------------------------- record validation

def validate_mapping(schema: Schema, data: Any, base: Loc, rep: Reporter, where: str = "") -> dict | None:
    """Validate one mapping against a schema; report every problem; return clean values or None."""
    if not isinstance(data, dict):
        hint = "每条记录以“- ”开头，下面每行写“字段: 值”"
        if isinstance(data, str) and "：" in data:
            hint = "这一行用了中文冒号“：”；字段名后面必须是英文冒号加空格“: ”"
        rep.error(base, f"{where}应为一条记录（字段: 值），却写成了“{_short(data)}”", hint)
        return None
    clean: dict[str, Any] = {}
    ok = True
    for key, value in data.items():
        f = schema.field(key) if isinstance(key, str) else None
        if f is None:
            if not schema.open:
                _unknown_key(schema, key, loc_of(data, key, base), rep, where)
            continue
        loc = loc_of(data, key, base)
        if value is None or (isinstance(value, str) and not value.strip() and f.kind != "text"):
            continue  # treated as missing; required-ness is checked below
        if isinstance(value, NullWord) and f.kind not in ("str", "text"):
            continue  # an unquoted ~ or null: text to a text field, nothing to any other
        result = _validate_value(f, value, loc, rep, where)
        if result is _INVALID:
            ok = False
        else:
            clean[f.name] = result
    for f in schema.fields:
        if f.name not in clean:
            if f.required and (f.name not in data or data.get(f.name) in (None, "")
                               or isinstance(data.get(f.name), NullWord)):
                if f.name in data:
                    rep.error(loc_of(data, f.name, base), f"{where}必填字段 {f.name}（{f.label}）是空的", f.doc)
                else:
                    sep = " = " if where.startswith("[") else ": "  # a TOML table, or a YAML record
                    add = (f"请加一个表“{_table_prefix(where, f.name).strip()}”" if f.kind == "table"
                           else f"请加一行“{f.name}{sep}…”")
                    rep.error(base.at(getattr(data, "line", base.line)),
                              f"{where}缺少必填字段 {f.name}（{f.label}）", f"{add}。{f.doc}")
                ok = False
            elif f.default is not None:
                clean[f.name] = f.default
    if not ok:
        return None
    for check in schema.checks:
        for problem in check(clean):
            rep.error(loc_of(data, problem.field, base), where + problem.message, problem.hint)
            ok = False
    return clean if ok else None


_INVALID = object()
# A list of short values (names, choices, references) given as one line of text is split here.
_SPLIT_KINDS = ("str", "enum", "ref")
_LIST_SEPARATORS = re.compile(r"[,，、;；]")


def _validate_value(f: Field, value: Any, loc: Loc, rep: Reporter, where: str) -> Any:
    if f.kind == "list":
        items = value if isinstance(value, list) else [value]
        if isinstance(value, str) and not isinstance(f.item, Schema) and f.item.kind in _SPLIT_KINDS:
            # A clerk writes `tags: 安全, 演练` (or 安全、演练) as often as `[安全, 演练]`: several
            # items, not one item with commas in it.
            items = [part.strip() for part in _LIST_SEPARATORS.split(value) if part.strip()] or [value]
        lines = getattr(value, "lines", None)
        out = []
        for index, item in enumerate(items):
            item_loc = loc.at(lines[index]) if lines else loc
            if isinstance(f.item, Schema):
                clean = validate_mapping(f.item, item, item_loc, rep, f"{where}{f.name}[{index + 1}] ")
                if clean is None:
                    return _INVALID
                out.append(clean)
            else:
                # Name the item as the user sees it ("protects[2]"), not by the item field's inner name.
                item_field = dataclasses.replace(f.item, name=f"{f.name}[{index + 1}]")
                result = _validate_value(item_field, item, item_loc, rep, where)
                if result is _INVALID:
                    return _INVALID
                out.append(result)
        return out
    if f.kind == "table":
        return validate_mapping(f.item, value, loc, rep, _table_prefix(where, f.name)) or _INVALID
    try:
        result, warning = parse_scalar(f, value)
    except ValueProblem as problem:
        rep.error(loc, f"{where}{f.name}（{f.label}）：{problem.message}", problem.hint)
        return _INVALID
    if warning:
        rep.warning(loc, f"{where}{f.name}（{f.label}）：{warning}")
    return result


def _table_prefix(where: str, name: str) -> str:
    """How messages name a table: '[campaign.targets] ', as the user writes it in site.toml."""
    match = re.fullmatch(r"\[(.+)\] ", where)
    return f"[{match.group(1)}.{name}] " if match else f"{where}[{name}] "


def _unknown_key(schema: Schema, key: Any, loc: Loc, rep: Reporter, where: str) -> None:
    by_label = {f.label: f.name for f in schema.fields}
    text = str(key)
    guess = by_label.get(text) or did_you_mean(text, schema.names)
    hint = f"是否想写“{guess}”？" if guess else "可用字段：" + "、".join(schema.names)
    if "：" in text or any(unicodedata.east_asian_width(ch) == "F" for ch in text):
        hint = "字段名里有全角字符或中文冒号；字段名用半角英文，后接英文冒号“: ”。" + hint
    rep.warning(loc, f"{where}未知字段（unknown key）“{text}”，将被忽略", hint)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"
