"""builder.outputs: which folders a command may replace, the marker, locks and scratch clean-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from builder.cliparser import UsageError
from builder.diagnostics import BuildFailed, Loc
from builder.outputs import (
    MARKER,
    Target,
    check,
    check_file_target,
    claimed,
    clean_scratch,
    manifest_path,
    mark,
    marker_bytes,
    read_marker,
)


def _site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    for folder in ("content", "data", "themes"):
        (root / folder).mkdir(parents=True)
    (root / "site.toml").write_text("", encoding="utf-8")
    return root


def _refusal(root: Path, target: Target, others=()) -> str:
    with pytest.raises(UsageError) as caught:
        check(root, [target], list(others))
    return caught.value.message


def test_marker_names_kind_and_site(tmp_path):
    mark(tmp_path / "out", marker_bytes("public", "测试县“查保促”专题"))
    assert read_marker(tmp_path / "out") == {"kind": "public", "site": "测试县“查保促”专题"}
    (tmp_path / "out" / MARKER).write_text("kind = [\n", encoding="utf-8")
    assert read_marker(tmp_path / "out") == {}  # unreadable: never taken for ours
    assert read_marker(tmp_path) is None


def test_new_empty_and_own_folders_are_fine(tmp_path):
    root = _site(tmp_path)
    check(root, [Target(tmp_path / "new", "public", "new")], [])
    (tmp_path / "empty").mkdir()
    check(root, [Target(tmp_path / "empty", "public", "empty")], [])
    mark(tmp_path / "mine", marker_bytes("public", "x"))
    (tmp_path / "mine" / "index.html").write_text("x", encoding="utf-8")
    check(root, [Target(tmp_path / "mine", "public", "mine")], [])


def test_refusals(tmp_path):
    root = _site(tmp_path)
    assert _refusal(root, Target(root, "public", ".")) == "输出目录 . 就是站点文件夹本身"
    assert _refusal(root, Target(tmp_path, "public", "..")) == "输出目录 .. 包含站点文件夹"
    assert _refusal(root, Target(root / "data" / "x", "public", "data/x")) == "输出目录 data/x 在 data/（数据）之内"
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "a.txt").write_text("x", encoding="utf-8")
    assert _refusal(root, Target(tmp_path / "theirs", "public", "theirs")) == (
        f"输出目录 theirs 不是空文件夹，也不是 chabaocu 生成的（没有 {MARKER} 标记），不会被替换")
    mark(tmp_path / "manuals", marker_bytes("print", "x"))
    assert _refusal(root, Target(tmp_path / "manuals", "public", "manuals")) == (
        f"输出目录 manuals 是督导手册的输出（见其中的 {MARKER}），不会被替换")
    public = Target(root / "public", "public", "public")
    assert _refusal(root, Target(root / "public" / "x", "internal", "public/x"), [public]) == (
        "内部版（--profile internal）不能写到公开网站的输出目录 public 之内")
    assert _refusal(root, Target(root, "print", "."), []) == "输出目录 . 就是站点文件夹本身"


def test_a_folder_set_in_site_toml_is_refused_at_its_line(tmp_path):
    root = _site(tmp_path)
    target = Target(root / "content", "public", "content", "site.toml 的 [build] output", Loc("site.toml", 7))
    with pytest.raises(BuildFailed) as caught:
        check(root, [target], [])
    [diag] = caught.value.diagnostics
    assert (str(diag.loc), diag.message) == ("site.toml:7", "输出目录 content 在 content/（文章和图片）之内")
    assert diag.hint.startswith("这个目录由 site.toml 的 [build] output 设置。")


def test_an_older_versions_output_is_adopted_by_its_manifest(tmp_path):
    """No marker yet, but every file in it is one our last write recorded: it is ours."""
    root = _site(tmp_path)
    out = root / "public"
    out.mkdir()
    (out / "index.html").write_text("x", encoding="utf-8")
    target = Target(out, "public", "public")
    with pytest.raises(UsageError):
        check(root, [target], [])
    manifest = manifest_path(root, out)
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"index.html": [1, 0, 0, "x"]}), encoding="utf-8")
    check(root, [target], [])
    (out / "notes.txt").write_text("someone's", encoding="utf-8")  # a file we never wrote: not ours after all
    with pytest.raises(UsageError):
        check(root, [target], [])


def test_a_second_writer_of_the_same_folder_is_refused(tmp_path):
    root = _site(tmp_path)
    target = Target(root / "public", "public", "public")
    script = textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from builder.outputs import Target, claimed
        with claimed(Path({str(root)!r}), [Target(Path({str(root / "public")!r}), "public", "public")]):
            print("held", flush=True)
            time.sleep(30)
    """)
    with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as holder:
        try:
            assert holder.stdout.readline() == "held\n"
            with pytest.raises(UsageError) as caught:
                with claimed(root, [target]):
                    pass
            assert (caught.value.message, caught.value.hint) == (
                "另一个 chabaocu 正在写入 public", "等它结束后再运行（serve 预览不占用 public/ 和 print/）")
        finally:
            holder.kill()
    with claimed(root, [target]):  # a killed holder's lock is gone with it
        pass


def test_scratch_of_killed_builds_is_cleaned_and_a_half_swap_undone(tmp_path):
    out = tmp_path / "public"
    for name in (".public.new", ".public.trash-123", ".public.trash-9"):
        (tmp_path / name / "news").mkdir(parents=True)
    (tmp_path / ".public.old").mkdir()
    (tmp_path / ".public.old" / "index.html").write_text("the last good site", encoding="utf-8")
    (tmp_path / ".elsewhere.new").mkdir()  # another output's scratch is not this one's business
    clean_scratch(out)  # killed between the fallback's two renames: no output, the old one aside
    assert sorted(p.name for p in tmp_path.iterdir()) == [".elsewhere.new", "public"]
    assert (out / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_file_targets(tmp_path):
    root = _site(tmp_path)
    (tmp_path / "folder.xlsx").mkdir()
    (tmp_path / "old.xlsx").write_text("x", encoding="utf-8")
    for path, message in [
        (root / "data" / "x.xlsx", f"-o {root / 'data' / 'x.xlsx'} 在站点的 data/（数据）之内，不能写在那里"),
        (tmp_path / "x.yaml", "-o 的文件名“x.yaml”应以 .xlsx 结尾"),
        (tmp_path / "folder.xlsx", f"-o {tmp_path / 'folder.xlsx'} 是一个文件夹"),
        (tmp_path / "old.xlsx", f"-o {tmp_path / 'old.xlsx'} 已经存在，不会覆盖"),
        (tmp_path / "none" / "x.xlsx", f"-o {tmp_path / 'none' / 'x.xlsx'} 所在的文件夹不存在"),
    ]:
        with pytest.raises(UsageError) as caught:
            check_file_target(root, path, ".xlsx", "-o")
        assert caught.value.message == message
    check_file_target(root, tmp_path / "新表.xlsx", ".xlsx", "-o")
    assert not os.path.exists(tmp_path / "新表.xlsx")


def test_stale_temporary_files_in_the_cache_are_removed(tmp_path):
    root = _site(tmp_path)
    (root / ".cache" / "pdf").mkdir(parents=True)
    stale, fresh, kept = root / ".cache/pdf/tmpa1b2.tmp", root / ".cache/pdf/tmpc3d4.tmp", root / ".cache/pdf/x.pdf"
    for path in (stale, fresh, kept):
        path.write_bytes(b"x")
    os.utime(stale, (0, 0))
    with claimed(root, [Target(root / "public", "public", "public")]):
        pass
    assert (stale.exists(), fresh.exists(), kept.exists()) == (False, True, True)
