"""builder.names: the one validator for names and paths users give (slugs, names, files, paths)."""

from __future__ import annotations

import pytest

from builder.names import NameProblem, check_display_name, check_file_name, check_relative_path, check_slug


@pytest.mark.parametrize("text", ["county-kickoff", "2016-06-17-1", "a", "x" * 80])
def test_good_slugs(text):
    assert check_slug(text) == text


@pytest.mark.parametrize("text, message", [
    ("", "slug不能为空"),
    ("../../x", "slug“../../x”含有“..”（上一级文件夹）"),
    ("/tmp/abs", "slug“/tmp/abs”是绝对路径（absolute path）"),
    ("\\\\server\\x", "slug“\\\\server\\x”是绝对路径（absolute path）"),
    ("C:x", "slug“C:x”含有盘符（drive letter）"),
    ("news/x", "slug“news/x”含有路径分隔符“/”或“\\”"),
    ("a\nb", "slug含有控制字符（换行）"),
    ("a\x00b", "slug含有控制字符（空字符 NUL）"),
    ("x" * 81, "slug太长（81 个字符，最多 80 个）"),
    ("Kickoff", "slug“Kickoff”不合法：只能用小写英文字母、数字和短横线，且不能以短横线开头或结尾"),
    ("-x", "slug“-x”不合法：只能用小写英文字母、数字和短横线，且不能以短横线开头或结尾"),
    ("动员会", "slug“动员会”不合法：只能用小写英文字母、数字和短横线，且不能以短横线开头或结尾"),
])
def test_bad_slugs(text, message):
    with pytest.raises(NameProblem) as caught:
        check_slug(text)
    assert caught.value.message == message


def test_display_names_are_one_clean_line():
    assert check_display_name("马桥镇开展应急演练: 全员参与", "标题") == "马桥镇开展应急演练: 全员参与"
    for text, message in [("", "标题不能为空"), ("   ", "标题不能为空"), ("a\tb", "标题含有控制字符（Tab）"),
                          ("a\u202eb", "标题含有控制字符（U+202E）"), (" 标题", "标题“标题”前后有空格"),
                          ("字" * 201, "标题太长（201 个字符，最多 200 个）")]:
        with pytest.raises(NameProblem) as caught:
            check_display_name(text, "标题")
        assert caught.value.message == message


@pytest.mark.parametrize("text, message", [
    ("a/b.xlsx", "文件名“a/b.xlsx”含有文件夹（“/”或“\\”）"),
    ("..", "文件名“..”含有“..”（上一级文件夹）"),
    ("x.", "文件名“x.”不能以句点或空格结尾"),
    ("a|b.xlsx", "文件名“a|b.xlsx”含有文件名不能用的字符：|"),
    ("CON.xlsx", "文件名“CON.xlsx”是 Windows 的保留名称"),
])
def test_bad_file_names(text, message):
    with pytest.raises(NameProblem) as caught:
        check_file_name(text)
    assert caught.value.message == message


def test_relative_paths_stay_inside():
    assert check_relative_path("images/works/漫画-01.png") == "images/works/漫画-01.png"
    for text, message in [("images//x.png", "路径“images//x.png”含有空的或“.”的一级文件夹"),
                          ("./x.png", "路径“./x.png”含有空的或“.”的一级文件夹"),
                          ("images\\x.png", "路径“images\\x.png”用了反斜杠“\\”"),
                          ("images/../../x.png", "路径“images/../../x.png”含有“..”（上一级文件夹）")]:
        with pytest.raises(NameProblem) as caught:
            check_relative_path(text)
        assert caught.value.message == message
