"""builder.newcontent: `new article` writes a stub dated in the campaign, never overwriting."""

from __future__ import annotations

import datetime as dt

import pytest

from builder.config import load_config
from builder.diagnostics import Loc, Reporter
from builder.newcontent import NewContentError, new_article, section_folder
from builder.schema.core import validate_mapping
from builder.schema.page import PAGE
from builder.yamlio import load_yaml, split_front_matter

SECTIONS = {"news": "工作动态", "notices": "通知公告", "policies": "政策法规", "pages": "专题介绍"}
DAY = dt.date(2016, 3, 5)


@pytest.fixture
def site(make_site, site_files):
    root = make_site(site_files)
    return root, load_config(root, Reporter())


def test_section_by_folder_or_title():
    assert section_folder("news", SECTIONS) == "news"
    assert section_folder("通知公告", SECTIONS) == "notices"
    with pytest.raises(NewContentError) as caught:
        section_folder("新闻", SECTIONS)
    assert caught.value.message == "不认识的栏目“新闻”"
    assert caught.value.hint == "可用栏目：工作动态（news）、通知公告（notices）、政策法规（policies）、专题介绍（pages）"


@pytest.mark.parametrize("title", ["马桥镇开展应急演练: 全员参与", 'He said "yes" # not a comment', "没有?问题&<b>"])
def test_new_article_has_valid_front_matter(site, title):
    root, config = site
    made = new_article(root, config, title, "工作动态", DAY)
    assert made.path == root / "content" / "news" / "2016-03-05-1.md" and made.url == "news/2016-03-05-1/"
    text = made.path.read_text(encoding="utf-8")
    front, line, body, _ = split_front_matter(text, Loc("x.md"))
    rep = Reporter()
    meta = validate_mapping(PAGE, load_yaml(front, Loc("x.md"), first_line=line), Loc("x.md"), rep)
    assert rep.diagnostics == []
    assert meta["title"] == title and meta["date"] == DAY and meta["summary"] == "" and meta["tags"] == []
    assert "在这里写正文。" in body


def test_the_date_defaults_to_the_sites_as_of(site):
    root, config = site
    assert new_article(root, config, "甲", "news").path.name == "2016-06-30-1.md"


def test_numbering_skips_existing_files(site):
    root, config = site
    first = new_article(root, config, "甲", "news", DAY)
    second = new_article(root, config, "乙", "news", DAY)
    assert (first.path.name, second.path.name) == ("2016-03-05-1.md", "2016-03-05-2.md")
    assert "甲" in first.path.read_text(encoding="utf-8")


def test_refuses_to_overwrite(site):
    root, config = site
    made = new_article(root, config, "甲", "news", DAY, slug="drill")
    with pytest.raises(NewContentError) as caught:
        new_article(root, config, "乙", "news", DAY, slug="drill")
    assert caught.value.message == "文件已存在，不会覆盖：content/news/2016-03-05-drill.md"
    assert "甲" in made.path.read_text(encoding="utf-8")


def test_a_section_folder_linking_outside_is_refused(site, tmp_path):
    root, config = site
    outside = tmp_path / "outside"
    outside.mkdir()
    news = root / "content" / "news"
    if news.exists():
        import shutil
        shutil.rmtree(news)
    news.symlink_to(outside)
    with pytest.raises(NewContentError) as caught:
        new_article(root, config, "甲", "news", DAY, slug="drill")
    assert (caught.value.message, caught.value.hint) == (
        "栏目文件夹 content/news/ 是指向站点以外的链接（symlink）", "把它换成真正的文件夹")
    assert list(outside.iterdir()) == []


# builder.names decides what a title and a slug may be (tests/unit/test_names.py has every rule).
@pytest.mark.parametrize(("title", "slug", "message"), [
    ("", None, "标题不能为空"),
    ("甲\n乙", None, "标题含有控制字符（换行）"),
    ("甲", "../x", "slug“../x”含有“..”（上一级文件夹）"),
    ("甲", "Drill", "slug“Drill”不合法：只能用小写英文字母、数字和短横线，且不能以短横线开头或结尾"),
])
def test_bad_title_or_slug(site, title, slug, message):
    root, config = site
    with pytest.raises(NewContentError) as caught:
        new_article(root, config, title, "news", DAY, slug=slug)
    assert caught.value.message == message
    assert not any((root / "content").rglob("2016-03-05-*.md"))
