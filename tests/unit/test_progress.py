"""builder.progress: a long build says where it is; a short one says nothing; stages are timed."""

from __future__ import annotations

import io
import os
import time

from builder import progress as P
from builder.progress import Progress


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_short_build_shows_nothing_but_is_timed():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, interactive=False, clock=clock)
    progress.begin("load")
    progress.step(3, 10)
    progress.begin("render")
    clock.now += P.SHOW_AFTER / 2
    progress.step(10, 10)
    progress.end()
    assert stream.getvalue() == ""
    assert list(progress.timings) == ["load", "render"] and list(progress.cpu) == ["load", "render"]


def test_plain_lines_when_not_a_terminal_at_most_one_per_interval():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, interactive=False, clock=clock)
    progress.begin("pdf")
    clock.now += P.SHOW_AFTER + 1
    progress.step(0, 10)
    clock.now += 8
    progress.step(2, 10)                 # within PLAIN_EVERY of the last line: not shown
    clock.now += P.PLAIN_EVERY
    progress.step(4, 10)
    progress.end()
    lines = stream.getvalue().splitlines()
    assert lines == ["正在生成 PDF：0 / 10（已用 4 秒）", "正在生成 PDF：4 / 10，约剩 33 秒（已用 22 秒）"]
    assert "\r" not in stream.getvalue() and "\033" not in stream.getvalue()


def test_a_new_stage_is_said_at_once_and_long_waits_in_minutes():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, interactive=False, clock=clock)
    progress.begin("load")
    clock.now += 200
    progress.step(1, 9)
    progress.begin("privacy")
    progress.end()
    assert stream.getvalue().splitlines() == ["正在读取内容和数据：1 / 9，约剩 26 分 40 秒（已用 3 分 20 秒）",
                                              "正在隐私检查…（已用 3 分 20 秒）"]


def test_on_a_terminal_one_line_is_rewritten_and_cleared_at_the_end():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, interactive=True, clock=clock)
    progress.begin("render")
    clock.now += P.SHOW_AFTER
    progress.step(100, 5000)
    progress.step(200, 5000)
    progress.end()
    text = stream.getvalue()
    assert text.count("\r\033[K") == 3 and "\n" not in text
    assert text.endswith("\r\033[K")  # nothing left on the user's line
    assert "正在生成网页：200 / 5000" in text


def test_no_stream_shows_nothing():
    progress = Progress()
    progress.begin("load")
    progress.step(1, 2)
    progress.end()
    assert set(progress.timings) == {"load"}


def test_cpu_time_of_a_stage_counts_its_worker_processes():
    progress = Progress()
    progress.begin("render")
    pid = os.fork()
    if pid == 0:  # a worker: half a second of CPU
        end = time.process_time() + 0.5
        while time.process_time() < end:
            pass
        os._exit(0)
    os.waitpid(pid, 0)
    progress.end()
    assert progress.cpu["render"] >= 0.45
    assert progress.timings["render"] >= progress.cpu["render"] - 0.1  # this process only waited


def test_a_long_cli_build_shows_progress_when_piped(make_site, site_files, run_cli, monkeypatch):
    """`chabaocu build` with stderr not a terminal (CI, a log): plain progress lines."""
    monkeypatch.setattr(P, "SHOW_AFTER", 0.0)
    monkeypatch.setattr(P, "PLAIN_EVERY", 0.0)
    root = make_site(site_files)
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("正在")]
    assert lines[0].startswith("正在检查有无修改…") and lines[1].startswith("正在读取内容和数据…")
    assert any(line.startswith("正在生成网页") for line in lines)
    assert any(line.startswith("正在写入输出文件夹") for line in lines)
    assert "\r" not in err
