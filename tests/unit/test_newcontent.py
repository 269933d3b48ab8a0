"""builder.newcontent: `new article` writes valid front matter and never overwrites."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.diagnostics import Loc, Reporter
from builder.newcontent import NewContentError, new_article, section_folder
from builder.schema.core import validate_mapping
from builder.schema.page import PAGE
from builder.yamlio import load_yaml, split_front_matter

SECTIONS = {"news": "工作动态", "notices": "通知公告", "policies": "政策法规", "pages": "专题介绍"}
TODAY = dt.date(2016, 3, 5)


def test_section_by_folder_or_title():
    assert section_folder("news", SECTIONS) == "news"
    assert section_folder("通知公告", SECTIONS) == "notices"
    with pytest.raises(NewContentError) as caught:
        section_folder("新闻", SECTIONS)
    assert str(caught.value) == ("不认识的栏目“新闻”；可用栏目：工作动态（news）、通知公告（notices）、政策法规（policies）、"
                                 "专题介绍（pages）")


def test_new_article_has_valid_front_matter(tmp_path):
    path = new_article(tmp_path, "马桥镇开展应急演练: 全员参与", "工作动态", SECTIONS, TODAY)
    assert path == tmp_path / "content" / "news" / "2016-03-05-1.md"
    text = path.read_text(encoding="utf-8")
    assert text == ("---\ntitle: '马桥镇开展应急演练: 全员参与'\ndate: 2016-03-05\nsummary: ''\ntags: []\nsource: ''\n"
                    "---\n\n在这里写正文。\n")
    front, line, _body, _ = split_front_matter(text, Loc("x.md"))
    rep = Reporter()
    meta = validate_mapping(PAGE, load_yaml(front, Loc("x.md"), first_line=line), Loc("x.md"), rep)
    assert rep.diagnostics == []
    assert meta["title"] == "马桥镇开展应急演练: 全员参与" and meta["date"] == TODAY


def test_numbering_skips_existing_files(tmp_path):
    first = new_article(tmp_path, "甲", "news", SECTIONS, TODAY)
    second = new_article(tmp_path, "乙", "news", SECTIONS, TODAY)
    assert (first.name, second.name) == ("2016-03-05-1.md", "2016-03-05-2.md")
    assert "甲" in first.read_text(encoding="utf-8")


def test_refuses_to_overwrite(tmp_path):
    path = new_article(tmp_path, "甲", "news", SECTIONS, TODAY, slug="drill")
    with pytest.raises(NewContentError) as caught:
        new_article(tmp_path, "乙", "news", SECTIONS, TODAY, slug="drill")
    assert caught.value.message == "文件已存在，不会覆盖：content/news/drill.md"
    assert "甲" in path.read_text(encoding="utf-8")


def test_a_section_folder_linking_outside_is_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "site" / "content").mkdir(parents=True)
    (tmp_path / "site" / "content" / "news").symlink_to(outside)
    with pytest.raises(NewContentError) as caught:
        new_article(tmp_path / "site", "甲", "news", SECTIONS, TODAY, slug="drill")
    assert (caught.value.message, caught.value.hint) == (
        "栏目文件夹 content/news 是指向站点以外的链接（symlink）", "把它换成真正的文件夹")
    assert list(outside.iterdir()) == []


@pytest.mark.parametrize("title, slug, message", [
    ("甲", "../x", "slug“../x”含有“..”（上一级文件夹）"), ("", None, "标题不能为空"), ("a\nb", None, "标题含有控制字符（换行）")])
def test_title_and_slug_are_checked(tmp_path, title, slug, message):
    with pytest.raises(NewContentError) as caught:
        new_article(tmp_path, title, "news", SECTIONS, TODAY, slug=slug)
    assert caught.value.message == message
    assert not (tmp_path / "content").exists() or not any((tmp_path / "content").rglob("*.md"))
