"""YAML loading that remembers where every key and item came from, and front-matter splitting.

Text stays text. PyYAML reads YAML 1.1, where an unquoted 012 is the number 10, 12:30 is
750, 0x1F is 31, yes/on are true and ~ is nothing: a clerk's serial number, time or answer
would silently become another value. Here every unquoted value is read as the characters
written, and the schema (builder.schema.core) parses numbers, dates and yes/no only where a
field is declared to hold them — so `012` is "012" in a text field and 12 in a number field.
Two exceptions keep YAML's meaning of "nothing": an empty value is None, and an unquoted
~ / null is a NullWord, which a text field keeps as written and any other field treats as
empty. Explicit type tags (!!int, !!binary …) are refused; values are typed by the schema.
"""

from __future__ import annotations

import re

import yaml

from builder.diagnostics import Loc
from builder.textio import TextError

try:  # libyaml is ~5x faster; line marks and our constructors work the same with it
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class LocatedDict(dict):
    """A mapping that knows the line of each of its keys (and of itself)."""

    line: int = 0
    lines: dict


class LocatedList(list):
    """A sequence that knows the line of each of its items."""

    line: int = 0
    lines: list


class NullWord(str):
    """An unquoted ~, null, Null or NULL: kept as text by a text field, empty for any other."""


_NULL_WORDS = frozenset({"~", "null", "Null", "NULL"})


class _LineLoader(_BaseLoader):
    line_offset = 0  # lines before the parsed text (front matter), for line numbers inside messages
    # No implicit types: every unquoted scalar is resolved as text (see the module docstring).
    yaml_implicit_resolvers: dict = {}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise _YamlProblem(key_node.start_mark, "键（key）必须是简单文字", "")
        if key in result:
            raise _YamlProblem(
                key_node.start_mark,
                f"重复的键（duplicate key）“{key}”：第 {result.lines[key] + loader.line_offset} 行已经有这个键",
                "同一条记录里每个键只能出现一次；请删除或合并重复的那一行，否则前面的值会被悄悄覆盖",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str | None:
    """A scalar as written; an unquoted empty value is None, an unquoted ~/null a NullWord."""
    value = loader.construct_scalar(node)
    if node.style in (None, ""):  # plain (the C parser says '', the Python one None)
        if value == "":
            return None
        if value in _NULL_WORDS:
            return NullWord(value)
    return value


def _refuse_tag(loader: _LineLoader, node: yaml.Node):
    raise _YamlProblem(node.start_mark, f"不支持 YAML 类型标签（tag）“{node.tag.replace('tag:yaml.org,2002:', '!!')}”",
                       "去掉以 ! 开头的标签，直接写值：数字、日期、是/否按字段的类型读取")


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG, _construct_text)
for _tag in ("null", "bool", "int", "float", "binary", "timestamp", "omap", "pairs", "set", "value", "merge"):
    _LineLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse_tag)
_LineLoader.add_constructor(None, _refuse_tag)  # any other tag, e.g. !foo


class _YamlProblem(Exception):
    def __init__(self, mark, message: str, hint: str):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


MAX_DEPTH = 64  # a clerk's records are two or three levels deep; past this, constructing would recurse away


def _reject_aliases(root: yaml.Node) -> None:
    """Refuse anchors/aliases: a shared node reached twice is an alias (and a 'billion laughs' bomb).
    Refuse nesting deeper than MAX_DEPTH too (a pasted or generated file; Python would overflow)."""
    seen: set[int] = set()
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise _YamlProblem(
                node.start_mark,
                "不支持 YAML 锚点和别名（anchor/alias，& 和 *）",
                "请把要重复的内容直接写出来；别名可能被用来制造超大文件（billion laughs）",
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _YamlProblem(node.start_mark, f"嵌套层级太深（超过 {MAX_DEPTH} 层，nesting too deep）",
                               "每条记录只有两三层缩进；检查这里是否多写了“- ”、方括号或缩进")
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                stack.append((key_node, depth + 1))
                stack.append((value_node, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)


def _first_alias_mark(text: str):
    """Where the first '*alias' is written (the composed node only remembers its anchor)."""
    try:
        for token in yaml.scan(text, Loader=_BaseLoader):
            if isinstance(token, yaml.AliasToken):
                return token.start_mark
    except yaml.YAMLError:  # pragma: no cover - the text was already parsed once
        return None
    return None


_PROBLEM_TEXT = [
    (re.compile(r"found character '\\t' that cannot start any token|found a tab character"),
     "YAML 里不能用制表符（Tab）缩进或分隔", "请把 Tab 换成空格（建议每级缩进 2 个空格）"),
    (re.compile(r"mapping values are not allowed"),
     "这里不能出现冒号加值（mapping values are not allowed here）",
     "文字里有“: ”时请给整段文字加引号，例如 title: \"通知: 关于…\"；也请检查上一行的引号和缩进"),
    (re.compile(r"could not find expected ':'"),
     "缺少冒号（could not find expected ':'）",
     "每个键后面要有英文冒号和一个空格，例如“title: 标题”；注意不要用中文冒号“：”"),
    (re.compile(r"did not find expected key|expected <block end>"),
     "缩进不一致（did not find expected key）", "同一层级的键必须左对齐，请检查这一行的缩进"),
    (re.compile(r"found undefined alias|found unknown escape|found unexpected end of stream|while scanning a quoted scalar"),
     "引号或转义不完整（unterminated quote/escape）", "检查这一行的引号是否成对出现"),
    (re.compile(r"did not find expected '-' indicator|did not find expected node content"),
     "列表格式不正确（expected '-'）", "列表的每一项以“- ”开头，并与其他项对齐"),
    (re.compile(r"while parsing a flow (sequence|mapping)"),
     "方括号 [ ] 或花括号 { } 没有配对（unclosed bracket）",
     "这里开始的“[”或“{”缺少对应的“]”或“}”；方括号里的文字含逗号或冒号时请加引号"),
]


def _translate(problem: str) -> tuple[str, str]:
    for pattern, message, hint in _PROBLEM_TEXT:
        if pattern.search(problem or ""):
            return message, hint
    return f"YAML 格式错误（{problem}）", "请对照相邻的记录检查这一行的格式"


def load_yaml(text: str, loc: Loc, first_line: int = 1):
    """Parse YAML text; line numbers are shifted so that `first_line` is the text's first line.

    Raises TextError (with a Chinese message) on syntax errors, duplicate keys and aliases.
    Returns None for an empty document.
    """
    offset = first_line - 1
    try:
        loader = _LineLoader(text)
        loader.line_offset = offset
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            try:
                _reject_aliases(node)
            except _YamlProblem as problem:
                if "anchor/alias" in problem.message:  # point at the '*name' use, not the '&name'
                    problem.mark = _first_alias_mark(text) or problem.mark
                raise
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    except _YamlProblem as exc:
        raise TextError(loc.at(exc.mark.line + 1 + offset, exc.mark.column + 1), exc.message, exc.hint) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and re.search(r"while (scanning a quoted scalar|parsing a flow|scanning a simple key)",
                                          exc.context or ""):
            # An unclosed quote or bracket, or a key without its colon, is only noticed on a later
            # line (often past the end of the file): point at where it starts instead.
            mark = exc.context_mark
        message, hint = _translate(f"{exc.problem or ''} {exc.context or ''}")
        line_text = _line_of(text, mark.line) if mark else ""
        if "\t" in line_text:
            message, hint = _translate("found a tab character")
        elif "：" in line_text and "expected ':'" in (exc.problem or ""):
            message, hint = "字段名后面用了中文冒号“：”（could not find expected ':'）", "把“：”改成英文冒号加一个空格“: ”"
        line = mark.line + 1 + offset if mark else first_line
        col = mark.column + 1 if mark else 0
        raise TextError(loc.at(line, col), message, hint) from None
    except yaml.YAMLError as exc:
        raise TextError(loc.at(first_line), *_translate(str(exc))) from None
    if offset:
        _shift_lines(data, offset)
    return data


def _line_of(text: str, index: int) -> str:
    lines = text.split("\n")
    return lines[index] if 0 <= index < len(lines) else ""


def _shift_lines(value, offset: int) -> None:
    if isinstance(value, LocatedDict):
        value.line += offset
        value.lines = {k: v + offset for k, v in value.lines.items()}
        for item in value.values():
            _shift_lines(item, offset)
    elif isinstance(value, LocatedList):
        value.line += offset
        value.lines = [v + offset for v in value.lines]
        for item in value:
            _shift_lines(item, offset)


_FENCE = re.compile(r"^---[ \t]*$")


def split_front_matter(text: str, loc: Loc) -> tuple[str, int, str, int]:
    """Split '---' front matter from a Markdown body.

    Returns (front_matter_text, its_first_line, body, body_first_line). A file without front
    matter is an error: every article needs at least a title.
    """
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise TextError(
            loc.at(1),
            "文件开头缺少前置信息（front matter）",
            "第一行必须是“---”，接着写 title、date 等，再用一行“---”结束",
        )
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, 2, body, index + 2
    raise TextError(
        loc.at(1),
        "前置信息（front matter）没有结束：找不到第二个“---”",
        "在 title、date 等字段之后加一行“---”，再写正文",
    )
