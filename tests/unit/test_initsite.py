"""builder.initsite: `chabaocu init` makes a site for a new campaign year that builds cleanly."""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from builder.schema.records import KINDS

REPO = Path(__file__).resolve().parents[2]
NODE = REPO / "tools" / "node" / "node_modules"


def test_init_writes_a_site_for_the_year_and_county(run_cli, tmp_path):
    folder = tmp_path / "cbc2017"
    code, out, err = run_cli("init", folder, "--year", "2017", "--county", "高青县")
    assert code == 0, err
    assert out.startswith(f"已新建活动网站：{folder}\n下一步：1. 打开 site.toml")
    toml = (folder / "site.toml").read_text(encoding="utf-8")
    assert 'title = "高青县“查身边隐患、保职工安全、促企业发展”活动专题"' in toml
    assert "year = 2017\nstart = 2017-01-01\nend = 2017-12-31\nconcentrated_action_end = 2017-04-30" in toml
    assert "as_of = 2017-12-31" in toml and "待填" in toml
    assert sorted(p.stem for p in (folder / "data").glob("*.yaml")) == sorted(KINDS)
    hazards = (folder / "data" / "hazards.yaml").read_text(encoding="utf-8")
    assert hazards.startswith("# 隐患台账（hazards）：") and "chabaocu new record hazards" in hazards
    assert hazards.endswith("[]\n")
    assert (folder / "themes" / "default" / "templates" / "base.html").is_file()
    # Nothing to fix before the first check.
    code, _out, err = run_cli("check", "--site", folder)
    assert (code, err) == (0, "检查通过（check passed）。\n")


def test_init_never_writes_into_a_folder_that_has_files(run_cli, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "notes.txt").write_text("clerk's notes", encoding="utf-8")
    code, _out, err = run_cli("init", folder)
    assert code == 1 and err.startswith(f"错误: {folder} 已经存在且不是空文件夹，不会覆盖里面的文件\n")
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


@pytest.mark.parametrize(("args", "message"), [
    (["--year", "17"], "错误: 年度 17 不对"),
    (["--county", "桓台/县"], "错误: 县名“桓台/县”不能用作网站名称"),
])
def test_init_refuses_a_bad_year_or_county(run_cli, tmp_path, args, message):
    code, _out, err = run_cli("init", tmp_path / "new", *args)
    assert code == 1 and err.startswith(message) and not (tmp_path / "new").exists()


def test_init_without_its_theme_says_to_reinstall(run_cli, tmp_path, monkeypatch):
    """A damaged installation (the theme folder gone): a message naming the fix, nothing written."""
    from builder import initsite

    monkeypatch.setattr(initsite, "THEME", tmp_path / "gone" / "default")
    code, _out, err = run_cli("init", tmp_path / "new")
    assert (code, err) == (1, f"错误: 找不到网站主题 {tmp_path / 'gone' / 'default'}\n"
                              "    提示: 重新安装 chabaocu（make venv）\n")
    assert not (tmp_path / "new").exists()


def test_a_new_site_takes_records_and_articles(run_cli, tmp_path):
    folder = tmp_path / "cbc2017"
    run_cli("init", folder, "--year", "2017")
    assert run_cli("new", "record", "towns", "--site", folder)[0] == 0
    assert run_cli("new", "article", "动员会召开", "--site", folder)[0] == 0
    assert (folder / "content" / "news" / "2017-12-31-1.md").is_file()
    code, _out, err = run_cli("check", "--site", folder)
    assert code == 0 and "还没有填写（TODO）" in err and "正文还是占位文字" in err


# ---------------------------------------------------------------- the new site, built and checked

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site just made by init, built with its handbooks (PDF included) and search index."""
    from builder.cli import main

    folder = tmp_path_factory.mktemp("init") / "cbc2017"
    assert main(["init", str(folder), "--year", "2017", "--county", "桓台县"]) == 0
    assert main(["build", "--site", str(folder)]) == 0
    return folder


@pytest.mark.slow
def test_the_new_site_builds_with_print_and_search_and_shows_empty_states(built):
    public = built / "public"
    home = (public / "index.html").read_text(encoding="utf-8")
    assert "暂无数据：各镇（街道）的隐患台账、培训、演练、金点子等记录录入后，这里显示主要数字" in home
    assert "暂无工作动态和通知公告。" in home and "None" not in home
    assert "举报与联系" in home and "12350" in home
    assert (public / "handbook" / "campaign.pdf").stat().st_size > 10_000
    assert (built / "print" / "handbook" / "index.html").is_file()
    assert any((public / "search").iterdir())
    contact = (public / "pages" / "contact" / "index.html").read_text(encoding="utf-8")
    assert "全国安全生产举报投诉电话12350" in contact


def _links(public: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(public.rglob("*.html")):
        rel = path.relative_to(public).as_posix()
        for value in re.findall(r'(?:href|src)="([^"]+)"', path.read_text(encoding="utf-8")):
            out.append((rel, value))
    return out


@pytest.mark.slow
def test_the_new_site_passes_the_site_checks(built):
    public = built / "public"
    problems = []
    for page, href in _links(public):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "mailto:", "tel:")) or page == "404.html":
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("..") or not (public / target).is_file():
            problems.append(f"{page}: {href}")
    assert problems == []
    for path in sorted(public.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html or path.relative_to(public).parts[0] == "handbook":
            continue  # a redirect page; the print HTML (one <h1> per chapter)
        assert '<html lang="zh-CN"' in html and html.count("<h1") == 1, path
        assert all('alt="' in tag for tag in re.findall(r"<img\b[^>]*>", html)), path
    vnu = NODE / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if shutil.which("java") and vnu.is_file():
        pages = [str(p) for p in sorted(public.rglob("*.html"))]
        result = subprocess.run(["java", "-Xss4m", "-jar", str(vnu), "--errors-only", "--format", "json", *pages],
                                capture_output=True, text=True, timeout=600)
        report = next(line for line in reversed(result.stderr.splitlines()) if line.startswith("{"))
        assert [m for m in json.loads(report)["messages"] if m.get("type") == "error"] == []


@pytest.mark.slow
def test_the_new_sites_pages_have_no_axe_violations(built, chromium_browser):
    axe = NODE / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.skip("没有 axe-core：请在 tools/node 下运行 npm ci")
    page = chromium_browser.new_page()
    try:
        for rel in ("index.html", "pages/contact/index.html", "pages/about/index.html", "sitemap/index.html"):
            page.goto((built / "public" / rel).as_uri())
            page.evaluate(axe.read_text(encoding="utf-8"))
            violations = page.evaluate(
                "async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}}))"
                ".violations.map(v => v.id)")
            assert violations == [], (rel, violations)
    finally:
        page.close()
