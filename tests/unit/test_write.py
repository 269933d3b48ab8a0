"""builder.write: the output folder is swapped in whole; unchanged files keep their inode and mtime."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from builder import write as W
from builder.write import WriteReport, update_tree, write_tree


def tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_first_write_creates_the_tree(tmp_path):
    out = tmp_path / "public"
    report = write_tree({"index.html": b"<p>1</p>", "news/a/index.html": b"a"}, out)
    assert report == WriteReport(written=2, unchanged=0, removed=0)
    assert tree(out) == {"index.html": b"<p>1</p>", "news/a/index.html": b"a"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]  # no staging folder left behind


def test_rewrite_keeps_unchanged_files_and_removes_stale_ones(tmp_path):
    out = tmp_path / "public"
    write_tree({"index.html": b"old", "same.html": b"same", "stale.html": b"x", "dir/stale.css": b"y"}, out)
    before = os.stat(out / "same.html")
    report = write_tree({"index.html": b"new", "same.html": b"same", "added.html": b"+"}, out)
    assert report == WriteReport(written=2, unchanged=1, removed=2)
    assert tree(out) == {"added.html": b"+", "index.html": b"new", "same.html": b"same"}
    after = os.stat(out / "same.html")
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    # The replaced tree is removed in the background after the swap; it goes away on its own.
    deadline = time.monotonic() + 10
    while sorted(p.name for p in tmp_path.iterdir()) != ["public"] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_unchanged_tree_is_not_swapped(tmp_path):
    out = tmp_path / "public"
    write_tree({"index.html": b"x", "a/b.html": b"y"}, out)
    inode = os.stat(out).st_ino
    assert write_tree({"index.html": b"x", "a/b.html": b"y"}, out) == WriteReport(0, 2, 0)
    assert os.stat(out).st_ino == inode


def test_same_size_different_bytes_is_rewritten(tmp_path):
    out = tmp_path / "public"
    write_tree({"a.html": b"aaaa"}, out)
    assert write_tree({"a.html": b"bbbb"}, out) == WriteReport(1, 0, 0)
    assert (out / "a.html").read_bytes() == b"bbbb"


def test_leftover_staging_from_a_killed_build_is_cleared(tmp_path):
    out = tmp_path / "public"
    staging = tmp_path / ".public.new"
    (staging / "junk").mkdir(parents=True)
    (staging / "junk" / "half.html").write_bytes(b"half")
    write_tree({"index.html": b"ok"}, out)
    assert tree(out) == {"index.html": b"ok"}
    assert not staging.exists()


def test_failure_while_staging_leaves_old_output_untouched(tmp_path, monkeypatch):
    out = tmp_path / "public"
    write_tree({"index.html": b"v1", "a.html": b"v1"}, out)
    before = {p.name: os.stat(p).st_ino for p in out.iterdir()}
    real_write = W._write_new

    def disk_full(path, data):
        if path.endswith("b.html"):
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(W, "_write_new", disk_full)
    try:
        write_tree({"index.html": b"v2", "b.html": b"v2"}, out)
    except OSError:
        pass
    else:  # pragma: no cover
        raise AssertionError("the write should have failed")
    assert tree(out) == {"a.html": b"v1", "index.html": b"v1"}
    assert {p.name: os.stat(p).st_ino for p in out.iterdir()} == before


def test_symlinked_old_file_is_not_trusted(tmp_path):
    out = tmp_path / "public"
    write_tree({"a.html": b"same"}, out)
    (tmp_path / "elsewhere.html").write_bytes(b"same")
    (out / "a.html").unlink()
    os.symlink(tmp_path / "elsewhere.html", out / "a.html")
    assert write_tree({"a.html": b"same"}, out) == WriteReport(written=1, unchanged=0, removed=0)
    assert not (out / "a.html").is_symlink()


def test_manifest_is_not_trusted_when_the_old_file_was_touched(tmp_path):
    """A file edited by hand behind the builder's back is compared by its bytes, not the manifest."""
    out, manifest = tmp_path / "public", tmp_path / "cache" / "m.json"
    write_tree({"a.html": b"same", "b.html": b"x"}, out, manifest)
    assert manifest.is_file()
    (out / "a.html").write_bytes(b"edit")  # same size, new bytes, new mtime
    report = write_tree({"a.html": b"same", "b.html": b"x"}, out, manifest)
    assert report.written == 1 and (out / "a.html").read_bytes() == b"same"


def test_corrupt_manifest_is_ignored(tmp_path):
    out, manifest = tmp_path / "public", tmp_path / "m.json"
    write_tree({"a.html": b"one"}, out, manifest)
    manifest.write_text("{not json", encoding="utf-8")
    assert write_tree({"a.html": b"two"}, out, manifest) == WriteReport(1, 0, 0)
    assert (out / "a.html").read_bytes() == b"two"


def test_update_tree_writes_only_what_changed_and_removes_the_rest(tmp_path):
    """serve's writer: file by file, unchanged files keep their inode, emptied folders go."""
    out = tmp_path / "out"
    first = {"index.html": b"home", "news/a/index.html": b"a", "news/b/index.html": b"b", "s.css": b"css"}
    write_tree(first, out)
    kept = (out / "news/a/index.html").stat().st_ino
    second = {"index.html": b"home 2", "news/a/index.html": b"a", "s.css": b"css", "news/c/index.html": b"c"}
    changed = update_tree(second, out, first)
    assert changed == ["index.html", "news/c/index.html", "news/b/index.html"]
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == second
    assert (out / "news/a/index.html").stat().st_ino == kept
    assert not (out / "news/b").exists() and (out / "news").is_dir()
    assert update_tree(second, out, second) == []


@pytest.mark.parametrize("rel", ["../x.html", "/etc/x", "a//b.html", "a/./b.html", "a\\b.html", "", "news/../../x"])
def test_a_path_leaving_the_output_is_refused_before_anything_is_written(tmp_path, rel):
    with pytest.raises(ValueError):
        write_tree({"index.html": b"x", rel: b"y"}, tmp_path / "out")
    assert not (tmp_path / "out").exists() and list(tmp_path.iterdir()) == []


def test_marker_is_written_and_an_unmarked_folder_never_replaced(tmp_path):
    out = tmp_path / "out"
    write_tree({"index.html": b"x"}, out, marker=b'kind = "public"\n')
    assert (out / ".chabaocu-output").read_bytes() == b'kind = "public"\n'
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError):
        write_tree({"index.html": b"x"}, theirs, marker=b'kind = "public"\n')
    assert [p.name for p in theirs.iterdir()] == ["notes.txt"]


def test_spare_keeps_the_replaced_tree_and_is_updated_in_place(tmp_path):
    """With a spare, the old tree is kept and brought up to date next time: a change to one file
    touches that file, and the folders of the output are the ones made before, not new ones."""
    out, manifest, spare = tmp_path / "public", tmp_path / "cache" / "m.json", tmp_path / "cache" / "spare"
    pages = {f"news/{i}/index.html": f"page {i}".encode() for i in range(50)}
    write_tree({**pages, "index.html": b"v1"}, out, manifest, spare=spare)
    assert not spare.exists()  # a first write has no tree to keep
    write_tree({**pages, "index.html": b"v2"}, out, manifest, spare=spare)
    assert tree(spare) == {**pages, "index.html": b"v1"}  # the replaced tree, kept whole
    folders = {p.relative_to(spare).as_posix(): os.stat(p).st_ino for p in spare.rglob("*") if p.is_dir()}
    unchanged = os.stat(out / "news/8/index.html").st_ino
    report = write_tree({**pages, "index.html": b"v3", "news/7/index.html": b"seven"}, out, manifest, spare=spare)
    assert report == WriteReport(written=2, unchanged=49, removed=0)
    assert tree(out) == {**pages, "index.html": b"v3", "news/7/index.html": b"seven"}
    assert tree(spare) == {**pages, "index.html": b"v2"}
    # The new output is the spare's tree: the same folders, not new ones.
    assert {p.relative_to(out).as_posix(): os.stat(p).st_ino for p in out.rglob("*") if p.is_dir()} == folders
    assert os.stat(out / "news/8/index.html").st_ino == unchanged  # unchanged files keep their inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "public"]


def test_spare_in_any_state_never_leaks_into_the_output(tmp_path):
    """Whatever a killed build or a person left in the spare — stale files, a folder where a file
    goes, a link out of it — the output ends up exactly the files given, and nothing outside changes."""
    out, manifest, spare = tmp_path / "public", tmp_path / "m.json", tmp_path / "spare"
    first = {"index.html": b"1", "a/b.html": b"b", "c.html": b"c"}
    write_tree(first, out, manifest, spare=spare)
    write_tree({**first, "index.html": b"2"}, out, manifest, spare=spare)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.html").write_bytes(b"not ours")
    (spare / "junk.html").write_bytes(b"junk")
    (spare / "c.html").unlink()
    (spare / "c.html").mkdir()
    (spare / "c.html" / "x").write_bytes(b"x")
    shutil.rmtree(spare / "a")
    os.symlink(outside, spare / "a")
    (spare / ".index.html.chabaocu-tmp").write_bytes(b"half")
    wanted = {"index.html": b"3", "a/b.html": b"b2", "a/keep.html": b"ours", "c.html": b"c"}
    write_tree(wanted, out, manifest, spare=spare)
    assert tree(out) == wanted
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert tree(outside) == {"keep.html": b"not ours"}


def test_spare_failure_while_updating_leaves_the_output_untouched(tmp_path, monkeypatch):
    """The spare shares files (hard links) with the output: a changed file is written beside and
    renamed in, never written into, so a failure half-way leaves the output's bytes as they were."""
    out, manifest, spare = tmp_path / "public", tmp_path / "m.json", tmp_path / "spare"
    files = {"a.html": b"a1", "b.html": b"b1", "c.html": b"c1"}
    write_tree(files, out, manifest, spare=spare)
    write_tree({**files, "a.html": b"a2"}, out, manifest, spare=spare)
    write_tree({**files, "a.html": b"a3"}, out, manifest, spare=spare)  # now b and c are shared with the spare
    before = tree(out)
    real_write = W._write_new

    def disk_full(path, data):
        if data == b"c9":
            raise OSError(28, "No space left on device")
        return real_write(path, data)

    monkeypatch.setattr(W, "_write_new", disk_full)
    with pytest.raises(OSError):
        write_tree({"a.html": b"a3", "b.html": b"b9", "c.html": b"c9"}, out, manifest, spare=spare)
    assert tree(out) == before
    monkeypatch.undo()
    assert write_tree({"a.html": b"a3", "b.html": b"b9", "c.html": b"c9"}, out, manifest, spare=spare).written == 2
    assert tree(out) == {"a.html": b"a3", "b.html": b"b9", "c.html": b"c9"}


_WRITER = """
import sys
from pathlib import Path
from builder.write import write_tree
n, version, out, manifest, spare = int(sys.argv[1]), sys.argv[2], *map(Path, sys.argv[3:6])
files = {f"news/{i}/index.html": f"{version} {i}".encode() * 20 for i in range(n)}
files["index.html"] = version.encode()
write_tree(files, out, manifest, spare=spare)
"""


def test_kill_9_while_writing_with_a_spare_leaves_old_or_new_output_whole(tmp_path):
    out, manifest, spare = tmp_path / "public", tmp_path / "m.json", tmp_path / "spare"

    def writer(version: str) -> list[str]:
        return [sys.executable, "-c", _WRITER, "3000", version, str(out), str(manifest), str(spare)]

    def expected(version: str) -> dict[str, bytes]:
        files = {f"news/{i}/index.html": f"{version} {i}".encode() * 20 for i in range(3000)}
        return {**files, "index.html": version.encode()}

    subprocess.run(writer("v0"), check=True)
    subprocess.run(writer("v1"), check=True)  # now there is a spare to update in place
    whole = {"v0": expected("v0"), "v1": expected("v1")}
    version = 1
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6):
        version += 1
        name = f"v{version}"
        whole[name] = expected(name)
        proc = subprocess.Popen(writer(name))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert tree(out) in whole.values()
    subprocess.run(writer("final"), check=True)
    assert tree(out) == expected("final")
