"""`chabaocu new record KIND [--town 镇街]`: append a record to fill in, with the next free ID.

The stub names every field with its Chinese label and description from the schema
(builder/schema/records.py): required fields hold the placeholder TODO, optional ones are
commented out. A record with a TODO is unfinished: `check` warns, the site leaves it out
(builder.validate), `check --strict` refuses it. The file is appended to, byte for byte:
nothing before the stub is reordered, reformatted or re-encoded, and the result is read back
to prove the old records are exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from builder.diagnostics import Loc, os_error_reason
from builder.newcontent import NewContentError
from builder.schema.core import PLACEHOLDERS, Field, Schema, did_you_mean
from builder.schema.records import KINDS
from builder.textio import TextError, decode
from builder.yamlio import load_yaml

PLACEHOLDER = "TODO"
assert PLACEHOLDER in PLACEHOLDERS
_ID_LINE = re.compile(r"^\s*(?:-\s+)?id:\s*['\"]?([^'\"#\s]+)", re.M)
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
_EXAMPLE = re.compile(r"例如 ([A-Za-z0-9-]+)")


@dataclass(frozen=True)
class NewRecord:
    path: Path       # the data file appended to
    line: int        # the line the record starts on
    key: str         # its ID (or "" when the kind has none)
    schema: Schema


def find_kind(text: str) -> Schema:
    """A kind by its name (hazards) or its Chinese label (隐患台账)."""
    if text in KINDS:
        return KINDS[text]
    for schema in KINDS.values():
        if text == schema.label:
            return schema
    labels = {s.label: name for name, s in KINDS.items()}
    guess = did_you_mean(text, [*KINDS, *labels])
    guess = labels.get(guess, guess) if guess else None
    raise NewContentError(f"不认识的记录种类“{text}”",
                          (f"是否想写“{guess}”？" if guess else "")
                          + "可用：" + "、".join(f"{name}（{s.label}）" for name, s in KINDS.items()))


def find_town(root: Path, town: str) -> tuple[str, str]:
    """(id, name) of a town written by its id, name or short name, read from data/towns."""
    towns = []
    for path in _files(root / "data", "towns"):
        items = _records(path)
        towns += [t for t in items if isinstance(t, dict) and t.get("id")]
    for t in towns:
        if town in (str(t.get("id")), t.get("name"), t.get("short")):
            return str(t["id"]), str(t.get("name") or t["id"])
    names = [str(t.get("name")) for t in towns]
    guess = did_you_mean(town, names + [str(t["id"]) for t in towns])
    raise NewContentError(f"找不到镇街“{town}”（--town）",
                          (f"是否想写“{guess}”？" if guess else "") + ("可选：" + "、".join(names) if names
                                                                       else "先在 data/towns.yaml 里添加镇街"))


def _files(data: Path, kind: str) -> list[Path]:
    folder = data / kind
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith(".")) if folder.is_dir() else []
    single = data / f"{kind}.yaml"
    return files + ([single] if single.is_file() else [])


def _records(path: Path) -> list:
    """A data file's items, or [] when it cannot be read (towns looked up for --town)."""
    try:
        return _parse(path, path.name)
    except NewContentError:
        return []


def _parse(path: Path, shown: str) -> list:
    """A data file's items; a file that does not read as a list of records is refused."""
    try:
        items = load_yaml(decode(path.read_bytes(), Loc(shown)), Loc(shown))
    except TextError as exc:
        raise NewContentError(f"{exc.loc}: {exc.message}", "先改好这个文件（chabaocu check 会指出位置），再新增记录") from None
    except OSError as exc:
        raise NewContentError(f"无法读取 {shown}：{os_error_reason(exc)}") from None
    if items is None:
        return []
    if not isinstance(items, list):
        raise NewContentError(f"{shown} 不是记录列表（每条记录以“- ”开头）", "先改好这个文件，再新增记录")
    return items


def target_file(root: Path, schema: Schema, town: tuple[str, str] | None) -> Path:
    """Where the record goes: the town's own file of a kind kept per town (data/hazards/<town>.yaml),
    else data/<kind>.yaml, else the kind's only file."""
    data = root / "data"
    folder = data / schema.name
    if folder.is_dir():
        if town is not None:
            return folder / f"{town[0]}.yaml"
        files = _files(data, schema.name)
        if len(files) == 1:
            return files[0]
        raise NewContentError(f"{schema.label}按镇街分文件存放（data/{schema.name}/），请用 --town 指定镇街",
                              f"例如 chabaocu new record {schema.name} --town 索镇镇")
    return data / f"{schema.name}.yaml"


def next_id(root: Path, schema: Schema, target: Path) -> str:
    """The next free ID: the numbering of the target file's last record (else the kind's, else
    the schema's example), one past the highest number any file of the kind uses with it."""
    texts = {path: path.read_text(encoding="utf-8", errors="replace") for path in _files(root / "data", schema.name)}
    if target.is_file() and target not in texts:
        texts[target] = target.read_text(encoding="utf-8", errors="replace")
    ids = {path: _ID_LINE.findall(text) for path, text in texts.items()}
    every = [i for found in ids.values() for i in found]
    pattern = next((i for i in reversed(ids.get(target, [])) if _NUMBERED.match(i)), None) \
        or next((i for i in reversed(every) if _NUMBERED.match(i)), None)
    if pattern is None:
        example = _EXAMPLE.search(schema.field("id").doc)
        numbered = _NUMBERED.match(example.group(1)) if example else None
        if numbered is None:  # IDs that are names (a town's pinyin): the clerk writes it
            return PLACEHOLDER
        base, digits = numbered.groups()
        return f"{base}{1:0{len(digits)}d}"
    base, digits = _NUMBERED.match(pattern).groups()
    used = [int(m.group(2)) for i in every if (m := _NUMBERED.match(i)) and m.group(1) == base]
    return f"{base}{max(used, default=0) + 1:0{len(digits)}d}"


# How a value of each kind is written, for the stub's comments (text and references need no word).
_HOW = {"date": "写成 2016-03-05", "month": "写成 2016-03", "int": "整数", "number": "只写数字",
        "bool": "写 true（是）或 false（否）", "list": "可写多个：[甲, 乙]"}


def _describe(f: Field) -> str:
    doc = f.doc.strip().rstrip("。")
    how = _HOW.get(f.kind, "")
    if f.kind == "enum" and not all(str(c) in doc for c in f.choices):
        how = "可选：" + "、".join(map(str, f.choices))
    return f"{'*' if f.required else ''}{f.label}：{doc}" + (f"（{how}）" if how else "")


def stub(schema: Schema, key: str, town: tuple[str, str] | None, command: str, newline: str = "\n") -> str:
    """The commented record to fill in."""
    lines = [f"# ——新增的{schema.label}（{command}）——",
             "# 把 TODO 换成实际内容（带 * 的必须填写）；选填字段要用时去掉行首的“# ”。",
             "# 还有 TODO 时这条记录暂不发布，chabaocu check 会逐条提示。字段说明见 docs/schema.md。"]
    first = True
    for f in schema.fields:
        value = key if f.name == "id" and key else (town[1] if f.name == "town" and town else PLACEHOLDER)
        lead = "- " if first else "  "
        comment = f"  # {_describe(f)}"
        if f.required or (f.name == "town" and town):
            lines += [comment, f"{lead}{f.name}: {value}"]
        else:
            lines += [comment, f"  # {f.name}: "]
            continue
        first = False
    if first:  # a kind with no required field: the record still needs its first line
        lines.insert(3, f"- {schema.fields[0].name}: {PLACEHOLDER}")
    return newline.join(lines) + newline


def append_record(root: Path, kind: str, town: str | None = None, today: dt.date | None = None) -> NewRecord:
    """Append a stub of `kind` to its data file; return where it went."""
    schema = find_kind(kind)
    chosen = find_town(root, town) if town else None
    path = target_file(root, schema, chosen)
    data = root / "data"
    if path.exists() and not path.resolve().is_relative_to(data.resolve()):
        raise NewContentError(f"{path.relative_to(root).as_posix()} 是指向站点以外的链接（symlink）", "把它换成真正的文件")
    key = next_id(root, schema, path) if "id" in schema.key else ""
    command = f"chabaocu new record {schema.name}" + (f" --town {chosen[1]}" if chosen else "")
    original = path.read_bytes() if path.is_file() else b""
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError:
        raise NewContentError(f"{path.relative_to(root).as_posix()} 不是 UTF-8 编码，不能安全地追加",
                              "用记事本“另存为”UTF-8 后再运行；或者直接在文件末尾照着已有记录手工添加") from None
    shown = path.relative_to(root).as_posix()
    before = _parse(path, shown) if original else []
    newline = "\r\n" if "\r\n" in text else "\n"
    record = stub(schema, key, chosen, command, newline)
    head = text
    if re.fullmatch(r"(?:\s*#[^\n]*\n|\s)*\[\]\s*", text):  # an empty list written as []: replace just the []
        head = re.sub(r"\[\]\s*$", "", text)
    elif head and not head.endswith(("\n", "\r")):
        head += newline
    if head.strip():
        head += newline  # a blank line between records, as in the rest of the file
    elif not head:
        head = f"# {schema.label}（{schema.name}）：{schema.doc}{newline}"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((head + record).encode("utf-8"))
    try:
        after = _parse(path, shown)
    except NewContentError:
        after = []
    if after[:len(before)] != before or len(after) != len(before) + 1:  # never leave a file changed otherwise
        if original:
            path.write_bytes(original)
        else:
            path.unlink()
        raise NewContentError(f"追加后 {path.relative_to(root).as_posix()} 读出来和原来不一致，已恢复原文件",
                              "这个文件的写法比较特殊（例如结尾没有换行的多行文字）；请照着已有记录手工添加")
    line = (head + record).count("\n", 0, len(head) + record.index("- ")) + 1
    return NewRecord(path, line, key, schema)
