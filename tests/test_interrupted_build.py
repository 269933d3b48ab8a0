"""Nothing lost, nothing left running: a command killed with SIGKILL at any moment leaves whole
output folders, takes its worker processes with it, and the next run cleans its scratch folders."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _session(sid: int) -> list[int]:
    """The processes still alive in session `sid` (a killed command and everything it started)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _start(*argv: str) -> subprocess.Popen:
    """A command in a session of its own, so that everything it starts can be found afterwards."""
    return subprocess.Popen([sys.executable, "-m", "builder", *argv], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def _kill_and_reap(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _nothing_left(sid: int, wait: float = 10.0) -> list[int]:
    deadline = time.monotonic() + wait
    while _session(sid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _session(sid)


def _edit(root: Path) -> None:
    article = root / "content/news/2016-01-20-kickoff.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")


def _scratch(folder: Path, wait: float = 10.0) -> list[str]:
    """Scratch folders beside an output, once the last good build's own trash (deleted in the
    background, see builder.write) is gone."""
    deadline = time.monotonic() + wait
    while True:
        left = sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def test_kill_9_mid_build_leaves_old_or_new_output_whole(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    old = _tree(root / "public")
    _edit(root)
    new = None
    for delay in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0, 1.3):
        proc = _start("build", "--site", str(root), "--no-pdf", "--no-cache")
        time.sleep(delay)
        _kill_and_reap(proc)
        assert _nothing_left(proc.pid) == []
        current = _tree(root / "public")
        if current != old:
            if new is None:  # first time we see the new output: it must be the complete new build
                new = current
            assert current == new
            assert any("新增的一段" in data.decode("utf-8", "replace") for data in current.values())
    # A normal build afterwards cleans up any staging folder a killed build left behind.
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    assert _scratch(root / "public") == [] and _scratch(root / "print" / "handbook") == []
    final = _tree(root / "public")
    assert new is None or final == new


def test_kill_9_mid_handbook_leaves_the_manuals_whole(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("handbook", "--site", root, "--no-pdf")[0] == 0
    manuals = root / "print" / "handbook"
    old = _tree(manuals)
    towns = root / "data" / "towns.yaml"
    towns.write_text(towns.read_text(encoding="utf-8").replace("safety_station: 索镇镇安监站",
                                                               "safety_station: 索镇镇安全生产监督管理站"),
                     encoding="utf-8")
    new = None
    for delay in (0.05, 0.3, 0.6, 0.9, 1.2, 1.6):
        proc = _start("handbook", "--site", str(root), "--no-pdf", "--no-cache")
        time.sleep(delay)
        _kill_and_reap(proc)
        assert _nothing_left(proc.pid) == []
        current = _tree(manuals)
        if current != old:
            new = new or current
            assert current == new and "索镇镇安全生产监督管理站" in current["suozhen.html"].decode("utf-8")
    assert run_cli("handbook", "--site", root, "--no-pdf")[0] == 0
    assert _scratch(manuals) == [] and _scratch(root / "public") == []
    assert "索镇镇安全生产监督管理站" in (manuals / "suozhen.html").read_text(encoding="utf-8")


def test_kill_9_of_serve_leaves_the_users_outputs_alone(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    published, printed = _tree(root / "public"), _tree(root / "print")
    for delay in (0.2, 1.0, 2.5):
        proc = _start("serve", "--site", str(root), "--port", "0")
        time.sleep(delay)
        _edit(root)  # a save while it builds
        _kill_and_reap(proc)
        assert _nothing_left(proc.pid) == []
    assert _tree(root / "public") == published and _tree(root / "print") == printed
    # The next serve starts over whatever the killed one left in .cache/serve/.
    proc = subprocess.Popen([sys.executable, "-m", "builder", "serve", "--site", str(root), "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("预览地址")
        assert "新增的一段" in (root / ".cache/serve/public/news/2016-01-20-kickoff/index.html").read_text(encoding="utf-8")
    finally:
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err


def _many_articles(site_files: dict, n: int) -> dict:
    files = dict(site_files)
    for i in range(n):
        files[f"content/news/2016-02-{i:03d}.md"] = (f"---\ntitle: 第{i}篇工作动态\ndate: 2016-02-01\n---\n\n"
                                                     + "各镇街扎实开展隐患排查。\n\n" * 30)
    return files


def test_workers_die_with_a_killed_build(make_site, site_files):
    """Pages are converted and rendered in forked workers; kill -9 of the build takes them along."""
    root = make_site(_many_articles(site_files, 400))
    for _attempt in range(3):
        proc = _start("build", "--site", str(root), "--no-pdf", "--no-cache")
        deadline = time.monotonic() + 60
        while not _children(proc.pid) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        workers = _children(proc.pid)
        _kill_and_reap(proc)
        if workers:
            break
    assert workers, "the build never started a worker"
    assert _nothing_left(proc.pid) == []


@pytest.mark.skipif(not Path("/usr/share/fonts/opentype/noto").exists(), reason="需要 fonts-noto-cjk")
def test_pdf_workers_die_with_a_killed_build(make_site, site_files, run_cli):
    """PDFs are printed in spawned workers (WeasyPrint); they too die with the build, and the old
    manuals stay."""
    root = make_site(site_files)
    proc = _start("build", "--site", str(root), "--no-cache")
    deadline = time.monotonic() + 120
    spawned: list[int] = []
    while proc.poll() is None and time.monotonic() < deadline:
        spawned = [pid for pid in _session(proc.pid) if b"spawn_main" in _cmdline(pid)]
        if len(spawned) >= 2:
            break
        time.sleep(0.05)
    _kill_and_reap(proc)
    assert len(spawned) >= 2, "the build never started its PDF workers"
    assert _nothing_left(proc.pid) == []
    assert not (root / "public").exists() or (root / "public" / "index.html").is_file()
