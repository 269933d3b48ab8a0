"""builder.fastpath: serve's quick re-render of edited articles equals what a full build makes,
and anything but a plain body edit is left to the full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.cache import CacheSettings
from builder.fastpath import render_edited

REPO = Path(__file__).resolve().parents[2]
KICKOFF = "content/news/2016-01-20-county-kickoff.md"
TRAININGS = "content/news/2016-03-04-first-trainings.md"

pytestmark = pytest.mark.slow  # builds the example site in memory, several times


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("example")
    for name in ("content", "data", "themes"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    return root


def memory_build(root: Path) -> pipeline.BuildResult:
    return pipeline.build(root, pdf=False, write=False, caching=CacheSettings(save_later=True))


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_edited_bodies_render_as_the_full_build_renders_them(example):
    before = memory_build(example)
    image = sorted(p for p in before.render_state.web_images if p.startswith("images/"))[0]
    originals = {rel: (example / rel).read_bytes() for rel in (KICKOFF, TRAININGS)}
    try:
        # New text, a new heading (the table of contents), a list, a link to another page,
        # and an image the site already publishes (srcset, width and height are added).
        edit(example, KICKOFF, "\n\n", "\n\n改过的第一段，加了一个[链接](/news/)。\n\n## 新加的小标题\n\n- 一\n- 二\n\n"
                                       f"![示例图片](/{image})\n\n")
        edit(example, TRAININGS, "## 职工班", "## 职工班（改）")
        quick = render_edited(before.render_state, [KICKOFF, TRAININGS])
        after = memory_build(example)
    finally:
        for rel, data in originals.items():
            (example / rel).write_bytes(data)
    assert quick is not None and sorted(quick) == ["news/2016-01-20-county-kickoff/index.html",
                                                   "news/2016-03-04-first-trainings/index.html"]
    for path, data in quick.items():
        assert data == after.files[path]
        assert data != before.files[path]
    page = quick["news/2016-01-20-county-kickoff/index.html"].decode()
    assert "新加的小标题" in page and "srcset=" in page


@pytest.mark.parametrize("rel, old, new, why", [
    (KICKOFF, "date: 2016-01-20", "date: 2016-01-21", "front matter changed: neighbours and lists move"),
    (KICKOFF, "---\n", "---\ntitle: [\n", "the front matter no longer parses"),
    (KICKOFF, "\n\n", "\n\n![没有这张图](/images/none.png)\n\n", "an image the last build did not publish"),
    (KICKOFF, "\n\n", "\n\n联系电话 13912345678。\n\n", "a mobile number: the privacy scan reports it"),
])
def test_anything_but_a_plain_body_edit_goes_to_the_full_build(example, rel, old, new, why):
    state = memory_build(example).render_state
    original = (example / rel).read_bytes()
    try:
        edit(example, rel, old, new)
        assert render_edited(state, [rel]) is None, why
    finally:
        (example / rel).write_bytes(original)


def test_new_deleted_and_non_article_files_go_to_the_full_build(example):
    state = memory_build(example).render_state
    assert render_edited(state, ["content/news/2099-01-01-new.md"]) is None
    assert render_edited(state, ["data/towns.yaml"]) is None
    assert render_edited(state, [KICKOFF, "content/news/2099-01-01-new.md"]) is None
    assert render_edited(state, []) == {}
