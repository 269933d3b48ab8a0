"""builder.load: walking content/ and data/, and every problem a file can have before validation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from builder.diagnostics import Reporter, format_report
from builder.load import data_kind, inside, load, walk

REPO = Path(__file__).resolve().parents[2]


def loaded(make_site, files):
    root = make_site(files, theme=False)
    rep = Reporter()
    result = load(root, rep)
    return result, format_report(rep.diagnostics)


def test_walk_is_sorted_and_skips_hidden_and_backup_files(tmp_path):
    for name in ["b.md", "a.md", ".hidden.md", "c.md~", ".git/x", "sub/z.md", "A.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)] == ["A.md", "a.md", "b.md", "sub/z.md"]


def test_walk_of_missing_folder_is_empty(tmp_path):
    assert walk(tmp_path / "nothing") == []


def test_data_kind_from_file_or_folder(tmp_path):
    from pathlib import Path
    assert data_kind(Path("hazards.yaml")) == "hazards"
    assert data_kind(Path("hazards/suozhen.yaml")) == "hazards"
    assert data_kind(Path("hazards/2016/03.yaml")) == "hazards"


def test_pages_and_data_are_loaded(make_site, site_files):
    result, report = loaded(make_site, {**site_files, "data/hazards/suozhen.yaml": "[]\n",
                                        "content/images/a.png": b"\x89PNG"})
    assert report == ""
    assert [(p.section, p.stem, p.body_line) for p in result.pages] == [("news", "2016-01-20-kickoff", 5),
                                                                        ("pages", "about", 5)]
    assert result.pages[0].meta.lines == {"title": 2, "date": 3}
    assert sorted(result.data) == ["enterprises", "hazards", "towns"]
    assert [p.name for p in result.assets] == ["a.png"]


def test_top_level_markdown_is_a_single_page(make_site, site_files):
    result, _ = loaded(make_site, {**site_files, "content/contact.md": "---\ntitle: 联系\ndate: 2016-01-13\n---\n"})
    assert ("pages", "contact") in [(p.section, p.stem) for p in result.pages]


def test_unknown_data_kind_with_did_you_mean(make_site, site_files):
    _, report = loaded(make_site, {**site_files, "data/hazzards.yaml": "[]\n"})
    assert report.splitlines()[:2] == [
        "data/hazzards.yaml: 错误: 不认识的数据种类“hazzards”（data kind）",
        "    提示: 是否想用“hazards”？可用的种类：towns、enterprises、hazards、listings、trainings、training_coverage、"
        "drills、golden_ideas、contests、contest_results、model_teams、pacesetters、awards、eight_ones、family_culture、"
        "works、visits、county_rounds、monthly_reports、disqualifications",
    ]


def test_non_yaml_data_file_is_a_warning(make_site, site_files):
    _, report = loaded(make_site, {**site_files, "data/notes.txt": "x"})
    assert report.splitlines()[:2] == [
        "data/notes.txt: 警告: data/ 里只读取 .yaml 文件，这个文件被忽略", "    提示: 图片请放在 content/images/ 下"]


def test_empty_data_file_is_a_warning(make_site, site_files):
    _, report = loaded(make_site, {**site_files, "data/drills.yaml": "# 还没有演练\n"})
    assert report.splitlines()[:2] == [
        "data/drills.yaml: 警告: 文件是空的，没有记录", "    提示: 如果不需要这个文件，可以删除它"]


def test_data_file_that_is_not_a_list(make_site, site_files):
    _, report = loaded(make_site, {**site_files, "data/drills.yaml": "\nid: YL-1\nenterprise: QY-0001\n"})
    assert report.splitlines()[0] == "data/drills.yaml:2: 错误: 数据文件应是一个记录列表：每条记录以“- ”开头"


def test_bad_markdown_file_name(make_site, site_files):
    _, report = loaded(make_site, {**site_files, "content/news/动员 会.md": "---\ntitle: x\ndate: 2016-01-01\n---\n"})
    assert report.splitlines()[:2] == [
        "content/news/动员 会.md: 错误: 文件名“动员 会.md”不能用作网址：只能含文字、数字、下划线和短横线",
        "    提示: 把文件改名，例如 2016-03-05-drill.md（空格和标点会让网址出错）",
    ]


def test_every_file_problem_is_collected(make_site, site_files):
    files = {**site_files,
             "content/news/a.md": "title: 无前置信息\n",
             "content/news/b.md": "---\ntitle: x\n\tdate: 2016-01-01\n---\n",
             "data/drills.yaml": "- id: YL-1\n  id: YL-2\n",
             "data/visits.yaml": "- id: DD-1\n\tdate: 2016-01-01\n"}
    result, report = loaded(make_site, files)
    assert [line.split(": ")[0] for line in report.splitlines() if not line.startswith(("    ", "共"))] == [
        "content/news/a.md:1", "content/news/b.md:3:1", "data/drills.yaml:2:3", "data/visits.yaml:2:1"]
    assert "drills" not in result.data and "visits" not in result.data


def test_symlink_escaping_the_site_is_refused(make_site, site_files, tmp_path):
    outside = tmp_path / "secret.yaml"
    outside.write_text("- id: x\n")
    root = make_site(site_files, theme=False)
    os.symlink(outside, root / "data" / "drills.yaml")
    rep = Reporter()
    result = load(root, rep)
    assert format_report(rep.diagnostics).splitlines()[:2] == [
        "data/drills.yaml: 错误: 这个文件是指向站点以外的链接（symlink），已拒绝读取",
        "    提示: 把真正的文件复制到站点文件夹里，不要用指向外部的链接",
    ]
    assert "drills" not in result.data


def test_symlink_inside_the_site_is_followed(make_site, site_files):
    root = make_site(site_files, theme=False)
    (root / "data" / "more").mkdir()
    os.symlink(root / "data" / "towns.yaml", root / "data" / "more" / "x.yaml")
    assert inside(root / "data" / "more" / "x.yaml", root / "data")


def test_linked_folder_leading_outside_is_not_read(make_site, site_files, tmp_path):
    """walk() never enters a linked folder, which is what lets inside() skip resolving plain files."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text("- id: YL-9\n  name: 外部文件\n", encoding="utf-8")
    root = make_site(site_files, theme=False)
    os.symlink(outside, root / "data" / "drills")
    result = load(root, Reporter())
    assert "drills" not in result.data
    assert not any("elsewhere" in str(p) or "/drills/" in p.as_posix() for p in result.inputs)


def test_bom_crlf_and_utf16_files_load_with_right_lines(make_site, site_files):
    towns = site_files["data/towns.yaml"]
    files = {**site_files,
             "data/towns.yaml": b"\xef\xbb\xbf" + towns.replace("\n", "\r\n").encode("utf-8"),
             "data/enterprises.yaml": site_files["data/enterprises.yaml"].encode("utf-16")}
    result, report = loaded(make_site, files)
    assert report == ""
    # Each file's records come checked against their schema: (values, location, line map, …).
    (_, (town_records, _)), = result.data["towns"]
    clean, _line, lines, _broken, _unfinished = town_records[0]
    assert clean["name"] == "索镇镇" and lines["name"] == 2
    (_, (enterprise_records, _)), = result.data["enterprises"]
    assert [line for _clean, line, _lines, _broken, _unfinished in enterprise_records] == [1, 11]


# ---------------------------------------------------------------- a big file read in pieces

HAZARDS = REPO / "data" / "hazards" / "chengqu.yaml"


def read_whole_and_in_pieces(monkeypatch, text: str) -> tuple:
    from builder import load as L

    job = ("data/hazards/chengqu.yaml", "hazards", text.encode("utf-8"))
    whole = L._read_data_file(job)
    monkeypatch.setattr(L, "PARALLEL_MIN_BYTES", 1000)  # small enough to cut the example's file
    read_whole = []
    monkeypatch.setattr(L, "_read_data_file", lambda job: read_whole.append(job) or whole)
    ((pieced, _payload),) = L._read_all([job])
    return whole, pieced, bool(read_whole)


def test_a_big_file_cut_into_pieces_reads_as_the_whole_file(monkeypatch):
    text = HAZARDS.read_text(encoding="utf-8")
    lines = text.split("\n")
    # Two broken records, one in each half: their numbers (第 N 条) and lines must be the whole file's.
    first = lines.index("  category: C1")
    last = len(lines) - 1 - lines[::-1].index("  category: C6")
    lines[first] = "  category: C9"
    lines[last] = "  category: C0"
    whole, pieced, fell_back = read_whole_and_in_pieces(monkeypatch, "\n".join(lines))
    assert whole[:2] == ("ok", "records") and pieced == whole and not fell_back
    messages = [str(d) for d in whole[2][1]]
    assert len(messages) == 2 and any(f":{last + 1}:" in m for m in messages)


@pytest.mark.parametrize("damage", [
    lambda text: text.replace("  location: 装配车间", '  location: "装配车间\n- 不是新记录"', 1),  # a quoted line break
    lambda text: text[: len(text) * 3 // 4] + "  oops: [\n" + text[len(text) * 3 // 4:],           # a syntax error late
])
def test_a_file_that_cannot_be_cut_cleanly_reads_whole(monkeypatch, damage):
    whole, pieced, fell_back = read_whole_and_in_pieces(monkeypatch, damage(HAZARDS.read_text(encoding="utf-8")))
    assert pieced == whole and fell_back


def test_documents_and_directives_are_never_cut():
    from builder.load import _cut

    text = HAZARDS.read_text(encoding="utf-8")
    assert _cut(text, 2) is not None
    assert _cut("---\n" + text, 2) is None and _cut("%YAML 1.1\n" + text, 2) is None
    assert _cut(text + "...\n", 2) is None
