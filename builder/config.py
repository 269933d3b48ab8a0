"""site.toml into a validated SiteConfig, with every problem pointing at its TOML line."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from builder.diagnostics import Loc, Reporter
from builder.schema.config import CONFIG
from builder.schema.core import loc_of, validate_mapping
from builder.textio import TextError, read_text
from builder.yamlio import LocatedDict, LocatedList

CONFIG_NAME = "site.toml"


@dataclass(frozen=True)
class SiteConfig:
    """The validated site.toml plus where the site lives and what this build is for."""

    root: Path
    site: dict
    campaign: dict
    build: dict
    handbook: dict
    sections: dict
    as_of: dt.date
    profile: str = "public"
    search: dict = field(default_factory=dict)   # [search]: synonyms (builder.search)

    @property
    def theme_dir(self) -> Path:
        return self.root / "themes" / self.build["theme"]

    @property
    def targets(self) -> dict:
        return self.campaign["targets"]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds a site.toml."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load_config(root: Path, rep: Reporter, *, as_of: dt.date | None = None, profile: str = "public") -> SiteConfig | None:
    """Read and validate site.toml; report problems; None when it cannot be used."""
    path = root / CONFIG_NAME
    loc = Loc(CONFIG_NAME)
    if not path.is_file():
        rep.error(loc, f"找不到 {CONFIG_NAME}", "在站点根目录运行命令，或用 --site 指定站点目录")
        return None
    try:
        text = read_text(path, loc)
    except TextError as exc:
        rep.error(exc.loc, exc.message, exc.hint)
        return None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col = _toml_position(str(exc), text)
        rep.error(loc.at(line, col), _toml_reason(str(exc)),
                  "检查这一行：文字要用英文双引号 \"…\" 括起来（不能用中文引号“”），键和值之间用“=”，表名写成 [site] 这样")
        return None
    located = _locate(raw, text)
    clean = validate_mapping(CONFIG, located, loc, rep)
    if clean is None:
        return None
    # Every declared key is present (None when unset), so a template can test
    # `site_cfg.subtitle` under StrictUndefined without failing on a minimal site.toml.
    build = _complete(CONFIG.field("build").item, clean.get("build"))
    config = SiteConfig(
        root=root,
        site=_complete(CONFIG.field("site").item, clean["site"]),
        campaign=_complete(CONFIG.field("campaign").item, clean["campaign"]),
        build=build,
        handbook=_complete(CONFIG.field("handbook").item, clean.get("handbook")),
        sections=clean.get("sections") or _defaults(CONFIG.field("sections").item),
        as_of=as_of or build.get("as_of") or dt.date.today(),
        profile=profile,
        search=_complete(CONFIG.field("search").item, clean.get("search")),
    )
    campaign = config.campaign
    if campaign["targets"] is None:
        campaign["targets"] = _defaults(CONFIG.field("campaign").item.field("targets").item)
    if campaign["rounds"] is None:
        campaign["rounds"] = []
    if not config.theme_dir.is_dir():
        rep.error(loc.at(located.get("build", {}).lines.get("theme", 0) if "build" in located else 0),
                  f"主题“{config.build['theme']}”不存在：找不到 themes/{config.build['theme']}/",
                  "检查 [build] theme 的拼写，或把主题放到 themes/ 下")
        return None
    compiled_on = config.handbook["compiled_on"]
    if compiled_on is not None and compiled_on < config.as_of:
        rep.error(loc_of(located.get("handbook"), "compiled_on", loc),
                  f"编印日期 compiled_on（{compiled_on.isoformat()}）早于数据截止日（{config.as_of.isoformat()}）："
                  "手册会印出编印之后才有的数字",
                  "删去 [handbook] compiled_on（编印日期就随数据截止日），或改为不早于数据截止日的日期；"
                  "数据截止日由 [build] as_of 或 --as-of 决定")
        return None
    if config.build["print_output"] == config.build["output"] or Path(config.build["print_output"]).is_relative_to(
            Path(config.build["output"])):
        rep.error(loc_of(located.get("build"), "print_output", loc),
                  "内部输出目录 print_output 不能在公开输出目录 output 之内",
                  "督导手册含手册级信息，不能随网站发布；请用单独的目录，例如 print")
        return None
    return config


def _defaults(schema) -> dict:
    return {f.name: f.default for f in schema.fields if f.default is not None}


def _complete(schema, values: dict | None) -> dict:
    """Defaults for missing keys, and None for optional keys without a default."""
    return {**{f.name: f.default for f in schema.fields}, **(values or {})}


def _toml_position(message: str, text: str) -> tuple[int, int]:
    match = re.search(r"at line (\d+), column (\d+)", message)
    if match:
        return int(match.group(1)), int(match.group(2))
    # tomllib says "at end of document" for a repeated key: find the repetition ourselves.
    duplicate = _repeated_key_line(text) if message.startswith("Cannot overwrite a value") else None
    return (duplicate, 0) if duplicate else (len(text.rstrip("\n").split("\n")), 0)


# tomllib's reasons, in words a clerk can act on; the English stays in brackets for searching.
_TOML_REASONS = {
    "Invalid value": "值的写法不对",
    "Invalid date or datetime": "日期不存在或写法不对",
    "Unterminated string": "文字缺少结尾的英文双引号",
    "Unclosed array": "方括号 [ ] 没有配对",
    "Expected '=' after a key in a key/value pair": "键后面缺少“=”（注意不是冒号）",
    "Cannot overwrite a value": "重复的键（duplicate key）",
    "Expected newline or end of document after a statement": "一行只能写一个“键 = 值”",
}


def _toml_reason(message: str) -> str:
    english = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message) or message
    chinese = _TOML_REASONS.get(english) or ("同一个表写了两次" if english.startswith("Cannot declare") else "")
    if english == "Illegal character '\\n'":  # a string still open at the end of its line
        chinese = "文字缺少结尾的英文双引号"
    return f"TOML 格式错误：{chinese}（{english}）" if chinese else f"TOML 格式错误（{english}）"


def _repeated_key_line(text: str) -> int | None:
    seen: set[tuple] = set()
    table: tuple = ()
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            table = (number,) if header.group(1) == "[[" else (header.group(2).strip(),)
            continue
        key = _KEY.match(line)
        if key:
            name = (*table, key.group(1).strip("\"'"))
            if name in seen:
                return number
            seen.add(name)
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_\-]+)\s*=")


def _locate(raw: dict, text: str) -> LocatedDict:
    """Wrap tomllib's plain dicts so each key knows its line (tomllib keeps no positions)."""
    key_lines: dict[tuple, int] = {}
    table_lines: dict[tuple, int] = {}
    array_counts: dict[tuple, int] = {}
    current: tuple = ()
    for number, line in enumerate(text.split("\n"), start=1):
        header = _HEADER.match(line)
        if header:
            path = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = array_counts.get(path, 0)
                array_counts[path] = index + 1
                table_lines.setdefault(path, number)
                current = (*path, index)
            else:
                current = path
            table_lines[current] = number
            continue
        key = _KEY.match(line)
        if key:
            key_lines[(*current, key.group(1).strip("\"'"))] = number

    def wrap(value, path: tuple, line: int):
        if isinstance(value, dict):
            out = LocatedDict()
            out.line = table_lines.get(path, line)
            out.lines = {}
            for k, v in value.items():
                child = (*path, k)
                k_line = key_lines.get(child) or table_lines.get(child) or out.line
                out.lines[k] = k_line
                out[k] = wrap(v, child, k_line)
            return out
        if isinstance(value, list):
            out = LocatedList()
            out.line = line
            out.lines = []
            for index, item in enumerate(value):
                item_line = table_lines.get((*path, index), line)
                out.lines.append(item_line)
                out.append(wrap(item, (*path, index), item_line))
            return out
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()[:10]
        return value

    return wrap(raw, (), 1)
