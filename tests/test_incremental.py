"""Incremental builds equal clean builds, byte for byte, after random edit sequences.

The cache (parsed files, rendered Markdown, rendered pages keyed by the names each page read)
must never make a build show less than a clean build would: after every random edit, the
incremental output is compared with a build from scratch.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from builder import pipeline
from builder.cache import CacheSettings

pytestmark = pytest.mark.slow

BASIC = Path(__file__).parent / "examples" / "basic"
REPO = Path(__file__).resolve().parent.parent


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _bump_number(path: Path, rng: random.Random, field: str) -> None:
    text = path.read_text(encoding="utf-8")
    matches = list(re.finditer(rf"({field}: )(\d+)", text))
    match = rng.choice(matches)
    text = text[: match.start(2)] + str(int(match.group(2)) + rng.randint(1, 5)) + text[match.end(2):]
    path.write_text(text, encoding="utf-8")


def _articles(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content").rglob("*.md") if p.parent.name != "pages")


def edit_body(root, rng):
    page = rng.choice(_articles(root))
    page.write_text(page.read_text(encoding="utf-8") + f"\n\n补充说明第 {rng.randint(1, 999)} 条。\n", encoding="utf-8")


def edit_title(root, rng):
    page = rng.choice(_articles(root))
    text = re.sub(r"^title: (.*)$", lambda m: f"title: {m.group(1)}（更新{rng.randint(1, 99)}）",
                  page.read_text(encoding="utf-8"), count=1, flags=re.M)
    page.write_text(text, encoding="utf-8")


def edit_drill(root, rng):
    _bump_number(root / "data" / "drills.yaml", rng, "participants")


def edit_employees(root, rng):
    _bump_number(root / "data" / "enterprises.yaml", rng, "employees")


def edit_template(root, rng):
    name = rng.choice(["page.html", "base.html", "list.html"])
    path = root / "themes" / "default" / "templates" / name
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</main>", f"<!-- 修订 {rng.randint(1, 999)} --></main>", 1)
                    if "</main>" in text else text + f"{{# 修订 {rng.randint(1, 999)} #}}\n", encoding="utf-8")


def add_article(root, rng):
    number = rng.randint(100, 999)
    (root / "content" / "news" / f"2016-07-{rng.randint(10, 28)}-new-{number}.md").write_text(
        f"---\ntitle: 新增动态{number}\ndate: 2016-07-15\n---\n\n新增动态正文 {number}。\n", encoding="utf-8")


def remove_article(root, rng):
    news = sorted((root / "content" / "news").glob("*.md"))
    if len(news) > 1:
        rng.choice(news).unlink()


def edit_as_of(root, rng):
    path = root / "site.toml"
    text = re.sub(r"^as_of = .*$", f"as_of = 2016-{rng.randint(6, 12):02d}-{rng.randint(10, 28)}",
                  path.read_text(encoding="utf-8"), count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


EDITS = [edit_body, edit_title, edit_drill, edit_employees, edit_template, add_article, remove_article, edit_as_of]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_equals_clean_after_random_edits(tmp_path, seed):
    root = tmp_path / "site"
    shutil.copytree(BASIC, root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    rng = random.Random(seed)
    incremental_out = tmp_path / "incremental"
    pipeline.build(root, out=incremental_out, pdf=False, print_out=tmp_path / "inc-print")
    for step in range(6):
        edit = rng.choice(EDITS)
        edit(root, rng)
        pipeline.build(root, out=incremental_out, pdf=False, print_out=tmp_path / "inc-print")
        clean_out = tmp_path / f"clean-{step}"
        pipeline.build(root, out=clean_out, pdf=False, print_out=tmp_path / f"clean-print-{step}",
                       caching=CacheSettings(enabled=False))
        incremental, clean = _tree(incremental_out), _tree(clean_out)
        assert sorted(incremental) == sorted(clean), f"step {step} ({edit.__name__}): file lists differ"
        different = [name for name in clean if incremental[name] != clean[name]]
        assert different == [], f"step {step} ({edit.__name__}): stale files {different[:5]}"
        assert _tree(tmp_path / "inc-print") == _tree(tmp_path / f"clean-print-{step}")


def test_warm_build_reuses_every_page(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(BASIC, root)
    shutil.copytree(REPO / "themes" / "default", root / "themes" / "default")
    out = tmp_path / "out"
    pipeline.build(root, out=out, pdf=False, print_out=tmp_path / "print")
    from builder import incremental
    seen = []
    original = incremental.RenderMemo.render

    def spy(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        seen.append((self.reused, self.rendered))
        return result

    incremental.RenderMemo.render = spy
    try:
        pipeline.build(root, out=out, pdf=False, print_out=tmp_path / "print")
        reused, rendered = seen[-1]
        assert rendered == 0 and reused > 10
        page = root / "content" / "news" / "2016-01-20-kickoff.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n正文末尾新增一句话。\n", encoding="utf-8")
        seen.clear()
        pipeline.build(root, out=out, pdf=False, print_out=tmp_path / "print")
        reused, rendered = seen[-1]
        # The article itself, plus the pages that list articles with their summaries (home,
        # the news list, tags, feed, site map…) — but not the statistics or town pages.
        assert 1 <= rendered < reused
    finally:
        incremental.RenderMemo.render = original
