"""builder.schema.core: the schema engine; every message asserted word for word, with its line."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.diagnostics import Loc, Reporter, format_report
from builder.schema.core import (
    Field,
    Problem,
    Schema,
    ValueProblem,
    did_you_mean,
    parse_date,
    parse_scalar,
    validate_mapping,
)
from builder.yamlio import load_yaml

LOC = Loc("data/x.yaml")


def check(checks=()):
    return Schema("things", "物品", "测试用的记录。", (
        Field("id", "str", "编号", "编号。", required=True),
        Field("count", "int", "数量", "数量。", min=0),
        Field("funds_cny", "number", "整改资金（元）", "资金。", min=0),
        Field("share", "number", "比例", "比例。", min=0, max=1),
        Field("day", "date", "日期", "日期。"),
        Field("month", "month", "月份", "月份。"),
        Field("grade", "enum", "隐患等级", "一般或重大。", choices=("一般", "重大")),
        Field("ok", "bool", "是否", "是否。", default=False),
        Field("tags", "list", "四保", "四保。",
              item=Field("p", "enum", "四保", "", choices=("保自身安全", "保他人安全"))),
        Field("note", "text", "备注", "备注。"),
    ), checks=checks)


def run(yaml_text: str, schema: Schema | None = None, where: str = "第 1 条物品："):
    """Validate the first record of `yaml_text`; return (clean, report text)."""
    rep = Reporter()
    items = load_yaml(yaml_text, LOC)
    clean = validate_mapping(schema or check(), items[0], LOC.at(items.lines[0]), rep, where)
    return clean, format_report(rep.diagnostics)


def test_clean_record_and_defaults():
    clean, report = run("- id: A\n  count: 3\n  day: 2016-03-05\n  grade: 重大\n  tags: [保自身安全]\n")
    assert report == ""
    assert clean == {"id": "A", "count": 3, "day": dt.date(2016, 3, 5), "grade": "重大", "tags": ["保自身安全"],
                     "ok": False}


def test_wrong_type():
    clean, report = run("- id: A\n  count: 三个\n")
    assert clean is None
    assert report == (
        "data/x.yaml:2: 错误: 第 1 条物品：count（数量）：“三个”不是整数\n"
        "    提示: 只写阿拉伯数字，例如 1200\n"
        "共 1 个错误，0 个警告。")


def test_money_with_thousands_separator_and_unit_is_rejected_with_hint():
    clean, report = run("- id: A\n  funds_cny: 1,200元\n")
    assert clean is None
    assert report == (
        "data/x.yaml:2: 错误: 第 1 条物品：funds_cny（整改资金（元））：“1,200元”不是数字\n"
        "    提示: 只写阿拉伯数字，不要千分位逗号和单位，例如 1200\n"
        "共 1 个错误，0 个警告。")


def test_quoted_number_is_accepted_silently_and_full_width_with_warning():
    clean, report = run("- id: A\n  funds_cny: '1200'\n  count: １２\n")
    assert clean["funds_cny"] == 1200 and clean["count"] == 12
    assert report == (
        "data/x.yaml:3: 警告: 第 1 条物品：count（数量）：“１２”含有全角数字，已按 12 读取\n"
        "共 0 个错误，1 个警告。")


def test_out_of_range():
    _, report = run("- id: A\n  count: -1\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：count（数量）：不能小于 0（现在是 -1）",
        "    提示: 请核对数字",
    ]


def test_share_written_as_percentage_gets_a_hint():
    _, report = run("- id: A\n  share: 100\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：share（比例）：不能大于 1（现在是 100）",
        "    提示: 比例写成 0 到 1 之间的小数，例如 100% 写 1.0",
    ]


def test_enum_with_did_you_mean():
    _, report = run("- id: A\n  grade: 重大隐患\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：grade（隐患等级）：“重大隐患”不是隐患等级的可选值",
        "    提示: 是否想写“重大”？可选值：一般、重大",
    ]


def test_enum_without_close_match_lists_choices():
    _, report = run("- id: A\n  grade: 很大\n")
    assert report.splitlines()[1] == "    提示: 可选值：一般、重大"


def test_enum_full_width_is_normalised():
    category = Field("category", "enum", "六查类别", "", choices=("C1", "C2"))
    assert parse_scalar(category, "Ｃ１") == ("C1", "")
    assert parse_scalar(category, " C2 ") == ("C2", "")


def test_list_item_error_names_the_item():
    _, report = run("- id: A\n  tags:\n    - 保自身安全\n    - 保家人安全\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:4: 错误: 第 1 条物品：tags[2]（四保）：“保家人安全”不是四保的可选值",
        "    提示: 是否想写“保他人安全”？可选值：保自身安全、保他人安全",
    ]


def test_impossible_date():
    _, report = run("- id: A\n  day: 2016-02-30\n")
    assert report == (
        "data/x.yaml:2: 错误: 第 1 条物品：day（日期）：日期“2016-02-30”不存在（2016年2月没有30日）\n"
        "    提示: 请核对原始记录中的日期\n"
        "共 1 个错误，0 个警告。")


def test_impossible_month_in_date():
    _, report = run("- id: A\n  day: 2016-13-01\n")
    assert report.splitlines()[0] == "data/x.yaml:2: 错误: 第 1 条物品：day（日期）：日期“2016-13-01”不存在（一年只有 12 个月）"


@pytest.mark.parametrize("text", ["2016/3/5", "2016年3月5日", "2016.3.5", "2016 年 3 月 5 日"])
def test_loose_dates_accepted_with_warning(text):
    clean, report = run(f"- id: A\n  day: {text}\n")
    assert clean["day"] == dt.date(2016, 3, 5)
    assert report == (
        f"data/x.yaml:2: 警告: 第 1 条物品：day（日期）：日期“{text}”不是标准写法，已按 2016-03-05 读取；请改写成 2016-03-05\n"
        "共 0 个错误，1 个警告。")


def test_full_width_date_accepted_with_warning():
    clean, report = run("- id: A\n  day: ２０１６－０３－０５\n")
    assert clean["day"] == dt.date(2016, 3, 5)
    assert report.splitlines()[0] == (
        "data/x.yaml:2: 警告: 第 1 条物品：day（日期）：日期里有全角数字或符号，已按 2016-03-05 读取；请改写成 2016-03-05")


def test_not_a_date():
    _, report = run("- id: A\n  day: 三月五日\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：day（日期）：“三月五日”不是日期",
        "    提示: 日期写成 2016-03-05 的形式（年-月-日，用半角数字和短横线）",
    ]


def test_month():
    clean, report = run("- id: A\n  month: 2016-3\n")
    assert clean["month"] == "2016-03" and report == ""
    _, report = run("- id: A\n  month: 2016-13\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：month（月份）：“2016-13”不是月份", "    提示: 月份写成 2016-03 的形式"]


def test_bool_words():
    assert run("- id: A\n  ok: 是\n")[0]["ok"] is True
    assert run("- id: A\n  ok: 否\n")[0]["ok"] is False
    _, report = run("- id: A\n  ok: 也许\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 错误: 第 1 条物品：ok（是否）：“也许”不是“是/否”", "    提示: 写 true（是）或 false（否）"]


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "012", "12:30", "0x1F", "1_000", ".inf", "~", "null",
                                     "2016-02-30", "1e3", "0o17", "+12"])
def test_text_field_keeps_what_the_clerk_wrote(written):
    """YAML 1.1 would read these as true, 10, 750, 31, 1000, infinity, nothing…: a text field keeps them."""
    clean, report = run(f"- id: A\n  note: {written}\n")
    assert (clean["note"], type(clean["note"]), report) == (written, str, "")


@pytest.mark.parametrize("written, value", [("012", 12), ("+12", 12), ("7", 7)])
def test_number_fields_read_decimal_digits(written, value):
    clean, report = run(f"- id: A\n  count: {written}\n")
    assert (clean["count"], report) == (value, "")


@pytest.mark.parametrize("written", ["0x1F", "12:30", ".inf", "1_000", "0o17"])
def test_number_fields_refuse_what_only_yaml_1_1_called_a_number(written):
    _, report = run(f"- id: A\n  count: {written}\n")
    assert report.splitlines()[0] == f"data/x.yaml:2: 错误: 第 1 条物品：count（数量）：“{written}”不是整数"


@pytest.mark.parametrize("written, value", [("yes", True), ("on", True), ("true", True), ("no", False),
                                            ("off", False), ("False", False)])
def test_bool_fields_read_yes_no_on_off(written, value):
    assert run(f"- id: A\n  ok: {written}\n")[0]["ok"] is value


def test_unquoted_tilde_is_empty_for_other_fields():
    clean, report = run("- id: A\n  count: ~\n  ok: null\n")
    assert (clean, report) == ({"id": "A", "ok": False}, "")


def test_unknown_key_warning_with_did_you_mean():
    clean, report = run("- id: A\n  grad: 一般\n")
    assert clean == {"id": "A", "ok": False}
    assert report == (
        "data/x.yaml:2: 警告: 第 1 条物品：未知字段（unknown key）“grad”，将被忽略\n"
        "    提示: 是否想写“grade”？\n"
        "共 0 个错误，1 个警告。")


def test_unknown_full_width_key():
    _, report = run("- id: A\n  ｇｒａｄｅ: 一般\n")
    assert report.splitlines()[:2] == [
        "data/x.yaml:2: 警告: 第 1 条物品：未知字段（unknown key）“ｇｒａｄｅ”，将被忽略",
        "    提示: 字段名里有全角字符或中文冒号；字段名用半角英文，后接英文冒号“: ”。是否想写“grade”？",
    ]


def test_unknown_key_written_as_chinese_label():
    _, report = run("- id: A\n  隐患等级: 一般\n")
    assert report.splitlines()[1] == "    提示: 是否想写“grade”？"


def test_missing_required_field_points_at_the_record():
    _, report = run("- count: 1\n  grade: 一般\n")
    assert report == (
        "data/x.yaml:1: 错误: 第 1 条物品：缺少必填字段 id（编号）\n"
        "    提示: 请加一行“id: …”。编号。\n"
        "共 1 个错误，0 个警告。")


def test_empty_required_field_points_at_its_line():
    _, report = run("- count: 1\n  id:\n")
    assert report.splitlines()[:2] == ["data/x.yaml:2: 错误: 第 1 条物品：必填字段 id（编号）是空的", "    提示: 编号。"]


def test_record_written_with_full_width_colon():
    rep = Reporter()
    validate_mapping(check(), "id：A", LOC.at(3), rep, "第 2 条物品：")
    assert format_report(rep.diagnostics).splitlines()[:2] == [
        "data/x.yaml:3: 错误: 第 2 条物品：应为一条记录（字段: 值），却写成了“id：A”",
        "    提示: 这一行用了中文冒号“：”；字段名后面必须是英文冒号加空格“: ”",
    ]


def test_every_problem_is_reported_together():
    _, report = run("- id: A\n  count: x\n  day: 2016-02-30\n  grade: 大\n")
    assert report.endswith("共 3 个错误，0 个警告。")


def test_record_checks_run_only_on_clean_records_and_point_at_their_field():
    def rule(r):
        if r.get("count", 0) > 5:
            yield Problem("count", "数量太多", "少一点")
    schema = check(checks=(rule,))
    _, report = run("- id: A\n  grade: 一般\n  count: 9\n", schema)
    assert report.splitlines()[:2] == ["data/x.yaml:3: 错误: 第 1 条物品：数量太多", "    提示: 少一点"]
    _, report = run("- id: A\n  grade: 坏\n  count: 9\n", schema)  # the enum error alone
    assert "数量太多" not in report


def test_toml_table_prefix_names_the_table():
    inner = Schema("targets", "目标", "", (Field("share", "number", "比例", "", min=0, max=1),), key=())
    outer = Schema("campaign", "活动", "", (Field("targets", "table", "目标", "", item=inner),), key=())
    top = Schema("site.toml", "配置", "", (Field("campaign", "table", "活动", "", item=outer),), key=())
    rep = Reporter()
    validate_mapping(top, {"campaign": {"targets": {"share": 2, "shar": 1}}}, Loc("site.toml"), rep)
    assert [d.message for d in rep.sorted()] == [
        "[campaign.targets] share（比例）：不能大于 1（现在是 2）",
        "[campaign.targets] 未知字段（unknown key）“shar”，将被忽略",
    ]


def test_parse_date_types():
    assert parse_date(dt.date(2016, 1, 2)) == (dt.date(2016, 1, 2), "")
    assert parse_date(dt.datetime(2016, 1, 2, 8, 30)) == (dt.date(2016, 1, 2), "")
    with pytest.raises(ValueProblem):
        parse_date(20160102)


def test_parse_scalar_ref_refuses_structures():
    with pytest.raises(ValueProblem) as caught:
        parse_scalar(Field("town", "ref", "镇街", "", ref="towns"), {"a": 1})
    assert caught.value.message == "“{'a': 1}”不是编号"


def test_did_you_mean():
    assert did_you_mean("索真镇", ["索镇镇", "马桥镇", "起凤镇"]) == "索镇镇"
    assert did_you_mean("ＧＲＡＤＥ", ["grade", "status"]) == "grade"
    assert did_you_mean("完全不同的词", ["grade"]) is None


@pytest.mark.parametrize("text", ["保自身安全, 保他人安全", "保自身安全、保他人安全", "保自身安全，保他人安全；"])
def test_a_list_written_as_one_line_of_text_is_several_items(text):
    """`tags: a, b` is two tags, as a clerk means it, in English or Chinese punctuation."""
    rep = Reporter()
    clean = validate_mapping(check(), load_yaml(f"id: A-1\ntags: {text}\n", LOC), LOC, rep)
    assert rep.diagnostics == [] and clean["tags"] == ["保自身安全", "保他人安全"]


def test_each_item_of_a_one_line_list_is_still_checked():
    rep = Reporter()
    validate_mapping(check(), load_yaml("id: A-1\ntags: 保自身安全、保别人\n", LOC), LOC, rep)
    assert len(rep.errors) == 1 and "保别人" in rep.errors[0].message
