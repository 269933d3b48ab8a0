"""Nothing lost: a build killed with SIGKILL at any moment leaves a whole output folder."""

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


def test_kill_9_mid_build_leaves_old_or_new_output_whole(make_site, site_files, run_cli):
    root = make_site(site_files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    old = _tree(root / "public")
    article = root / "content/news/2016-01-20-kickoff.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n新增的一段。\n", encoding="utf-8")
    cmd = [sys.executable, "-m", "builder", "build", "--site", str(root), "--no-pdf", "--no-cache"]
    new = None
    for delay in (0.05, 0.2, 0.35, 0.5, 0.65, 0.8, 1.0, 1.3):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        current = _tree(root / "public")
        if current != old:
            if new is None:  # first time we see the new output: it must be the complete new build
                new = current
            assert current == new
            assert any("新增的一段" in data.decode("utf-8", "replace") for data in current.values())
    # A normal build afterwards cleans up any staging folder a killed build left behind.
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    assert not (root / ".public.new").exists()
    final = _tree(root / "public")
    assert new is None or final == new
