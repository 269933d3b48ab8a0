"""builder.yamlio: located YAML (key lines, front-matter offsets) and every refusal, word for word."""

from __future__ import annotations

import time

import pytest

from builder.diagnostics import Loc
from builder.textio import TextError
from builder.yamlio import LocatedDict, LocatedList, NullWord, load_yaml, split_front_matter

LOC = Loc("data/hazards.yaml")


def problem(text: str, **kw) -> tuple[str, str, str]:
    with pytest.raises(TextError) as caught:
        load_yaml(text, LOC, **kw)
    return str(caught.value.loc), caught.value.message, caught.value.hint


def test_key_and_item_lines():
    data = load_yaml("# 台账\n- id: YH-1\n  grade: 一般\n\n- id: YH-2\n  tags:\n    - a\n    - b\n", LOC)
    assert isinstance(data, LocatedList)
    assert data.lines == [2, 5]
    first, second = data
    assert isinstance(first, LocatedDict)
    assert first.line == 2 and first.lines == {"id": 2, "grade": 3}
    assert second.lines == {"id": 5, "tags": 6}
    assert second["tags"].lines == [7, 8]


def test_front_matter_offset_shifts_every_line():
    # Front matter starting on line 2 of the file: 'title' is on file line 2, 'tags' items on 4 and 5.
    data = load_yaml("title: x\ndate: 2016-01-20\ntags:\n  - a\n  - b\n", LOC, first_line=2)
    assert data.line == 2
    assert data.lines == {"title": 2, "date": 3, "tags": 4}
    assert data["tags"].lines == [5, 6]


def test_dates_stay_text_for_the_schema():
    assert load_yaml("d: 2016-02-30\n", LOC) == {"d": "2016-02-30"}


@pytest.mark.parametrize("written, yaml_1_1_reading", [
    ("012", "10 (octal)"), ("0o17", "15 (octal)"), ("12:30", "750 (sexagesimal)"), ("1:20:30.5", "4830.5"),
    ("0x1F", "31 (hex)"), ("0b101", "5 (binary)"), ("1_000", "1000"), ("1e3", "1000.0"), ("yes", "True"),
    ("No", "False"), ("on", "True"), ("OFF", "False"), ("true", "True"), (".inf", "inf"), ("-.Inf", "-inf"),
    (".nan", "nan"), ("2016-01-20", "a date"), ("2016-01-20 10:00:00", "a datetime"), ("=", "a value key"),
])
def test_every_unquoted_scalar_is_the_text_written(written, yaml_1_1_reading):
    data = load_yaml(f"v: {written}\nitems: [{written}]\n", LOC)
    assert data == {"v": written, "items": [written]}
    assert type(data["v"]) is str, yaml_1_1_reading


def test_nothing_stays_nothing():
    data = load_yaml("a:\nb: ~\nc: null\nd: '~'\ne: \"null\"\n", LOC)
    assert data == {"a": None, "b": "~", "c": "null", "d": "~", "e": "null"}
    assert [type(data[k]) for k in "bcde"] == [NullWord, NullWord, str, str]


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool", "!!binary", "!!timestamp", "!!set", "!custom"])
def test_type_tags_are_refused(tag):
    assert problem(f"a: 1\nb: {tag} 012\n") == (
        "data/hazards.yaml:2:4", f"不支持 YAML 类型标签（tag）“{tag}”",
        "去掉以 ! 开头的标签，直接写值：数字、日期、是/否按字段的类型读取")


def test_empty_document_is_none():
    assert load_yaml("", LOC) is None
    assert load_yaml("# 只有注释\n", LOC) is None


def test_duplicate_key():
    assert problem("- id: YH-1\n  grade: 一般\n  grade: 重大\n") == (
        "data/hazards.yaml:3:3",
        "重复的键（duplicate key）“grade”：第 2 行已经有这个键",
        "同一条记录里每个键只能出现一次；请删除或合并重复的那一行，否则前面的值会被悄悄覆盖",
    )


def test_duplicate_key_in_front_matter_uses_file_lines():
    loc, message, _ = problem("title: a\ntitle: b\n", first_line=2)
    assert loc == "data/hazards.yaml:3:1"
    assert message == "重复的键（duplicate key）“title”：第 2 行已经有这个键"


def test_tab_indentation():
    assert problem("- id: YH-1\n\tgrade: 一般\n") == (
        "data/hazards.yaml:2:1",
        "YAML 里不能用制表符（Tab）缩进或分隔",
        "请把 Tab 换成空格（建议每级缩进 2 个空格）",
    )


def test_alias_refused_at_the_alias():
    assert problem("a: &x [1, 2]\nb: 3\nc: *x\n") == (
        "data/hazards.yaml:3:4",
        "不支持 YAML 锚点和别名（anchor/alias，& 和 *）",
        "请把要重复的内容直接写出来；别名可能被用来制造超大文件（billion laughs）",
    )


def test_billion_laughs_is_refused_quickly():
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    started = time.perf_counter()
    loc, message, _ = problem("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 2  # 9**10 strings if expanded; refused before that
    assert message.startswith("不支持 YAML 锚点和别名")


def test_mapping_value_not_allowed():
    assert problem("title: 通知: 关于开展活动\n") == (
        "data/hazards.yaml:1:10",
        "这里不能出现冒号加值（mapping values are not allowed here）",
        '文字里有“: ”时请给整段文字加引号，例如 title: "通知: 关于…"；也请检查上一行的引号和缩进',
    )


def test_unterminated_quote_points_at_the_opening_quote():
    loc, message, hint = problem("- id: YH-1\n  description: '护栏缺失\n  grade: 一般\n")
    assert loc == "data/hazards.yaml:2:16"
    assert message == "引号或转义不完整（unterminated quote/escape）"
    assert hint == "检查这一行的引号是否成对出现"


def test_unclosed_bracket_points_at_the_bracket():
    assert problem("tags: [隐患排查, 金点子\ntitle: x\n") == (
        "data/hazards.yaml:1:7",
        "方括号 [ ] 或花括号 { } 没有配对（unclosed bracket）",
        "这里开始的“[”或“{”缺少对应的“]”或“}”；方括号里的文字含逗号或冒号时请加引号",
    )


def test_full_width_colon_after_key():
    assert problem("- id: suozhen\n  name: 索镇镇\n  short：索镇\n") == (
        "data/hazards.yaml:3:3",
        "字段名后面用了中文冒号“：”（could not find expected ':'）",
        "把“：”改成英文冒号加一个空格“: ”",
    )


def test_bad_indentation():
    loc, message, hint = problem("- id: YH-1\n  grade: 一般\n status: 待整改\n")
    assert (loc, message) == ("data/hazards.yaml:3:2", "列表格式不正确（expected '-'）")


def test_syntax_error_line_is_shifted_by_front_matter_offset():
    loc, _, _ = problem("title: a\ndate: 2016-01-01\n\tsummary: x\n", first_line=2)
    assert loc == "data/hazards.yaml:4:1"


def test_complex_key_refused():
    loc, message, _ = problem("? [a, b]\n: 1\n")
    assert message == "键（key）必须是简单文字"


# ---------------------------------------------------------------- front matter

MD = Loc("content/news/x.md")


def test_split_front_matter():
    text = "---\ntitle: 标题\ndate: 2016-01-20\n---\n\n正文\n"
    assert split_front_matter(text, MD) == ("title: 标题\ndate: 2016-01-20", 2, "\n正文\n", 5)


def test_split_front_matter_accepts_yaml_end_marker():
    assert split_front_matter("---\ntitle: a\n...\nbody", MD) == ("title: a", 2, "body", 4)


def test_front_matter_missing():
    with pytest.raises(TextError) as caught:
        split_front_matter("title: 标题\n\n正文\n", MD)
    assert (str(caught.value.loc), caught.value.message, caught.value.hint) == (
        "content/news/x.md:1",
        "文件开头缺少前置信息（front matter）",
        "第一行必须是“---”，接着写 title、date 等，再用一行“---”结束",
    )


def test_front_matter_unterminated():
    with pytest.raises(TextError) as caught:
        split_front_matter("---\ntitle: 标题\n\n正文\n", MD)
    assert (str(caught.value.loc), caught.value.message, caught.value.hint) == (
        "content/news/x.md:1",
        "前置信息（front matter）没有结束：找不到第二个“---”",
        "在 title、date 等字段之后加一行“---”，再写正文",
    )


def test_empty_front_matter_splits_to_nothing():
    front, line, body, body_line = split_front_matter("---\n---\n正文", MD)
    assert (front, line, body, body_line) == ("", 2, "正文", 3)
    assert load_yaml(front, MD, first_line=line) is None


@pytest.mark.parametrize("text", ["".join(" " * i + "- \n" for i in range(0, 200, 2)),
                                  "".join(" " * i + "a:\n" for i in range(0, 200, 2)), "a: " + "[" * 90 + "]" * 90])
def test_absurd_nesting_is_refused_before_python_recurses(text):
    loc, message, hint = problem(text)
    assert message == "嵌套层级太深（超过 64 层，nesting too deep）"
    assert hint == "每条记录只有两三层缩进；检查这里是否多写了“- ”、方括号或缩进"
