"""Where a build is: each stage's wall and CPU time, and progress a waiting user can see.

The pipeline opens each stage with `begin(name)`; a stage with many items (data files, pages,
PDFs, files to scan) reports `step(done, total)` as items finish. A build that ends within
SHOW_AFTER seconds shows nothing. A longer one shows its stage, item N of M and an estimate
of the time left, so that a first build on a fresh machine (a minute of PDFs) never looks hung:

- on a terminal, one line on stderr rewritten in place and cleared at the end;
- elsewhere (CI, a pipe, a log file), plain lines, at most one every PLAIN_EVERY seconds
  per stage, so a log shows where the build was without thousands of lines.

The CPU time of a stage counts its worker processes too (they are reaped when their pool
closes, inside the stage), so a stage's CPU time over its wall time says how well it used
the cores; bench/run.py and `chabaocu build` print both.
"""

from __future__ import annotations

import resource
import sys
import time
from collections.abc import Callable
from typing import TextIO

SHOW_AFTER = 3.0     # seconds of build before anything is shown
PLAIN_EVERY = 10.0   # seconds between plain progress lines of one stage

# What each stage is called where a user sees it.
STAGE_LABELS = {
    "unchanged": "检查有无修改", "load": "读取内容和数据", "validate": "检查数据", "derive": "计算统计数字", "markdown": "转换文章（Markdown）",
    "render": "生成网页", "search": "建立搜索索引", "handbook": "排版手册", "pdf": "生成 PDF",
    "pdf-cache": "取用已生成的 PDF", "privacy": "隐私检查", "write": "写入输出文件夹",
}

# A stage's step callback: step(done, total) — `done` of `total` items finished.
Step = Callable[[int, int], None]


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (pool workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class Progress:
    """Stage timings of one build, and (with a stream) what the user sees while it runs.

    Without a stream nothing is shown (tests, serve's later builds, `check` inside other
    commands); the timings are kept either way.
    """

    def __init__(self, stream: TextIO | None = None, *, interactive: bool | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.timings: dict[str, float] = {}   # stage -> wall seconds
        self.cpu: dict[str, float] = {}       # stage -> CPU seconds (with its worker processes)
        self._stream = stream
        self._interactive = (stream is not None and stream.isatty()) if interactive is None else interactive
        self._clock = clock
        self._started = clock()
        self._stage: str | None = None
        self._stage_wall = self._stage_clock = 0.0
        self._stage_cpu = 0.0
        self._items: tuple[int, int] | None = None
        self._last_plain = 0.0
        self._line_shown = False
        # Called as each stage begins (the pipeline freezes what earlier stages made: gc.freeze).
        self.at_stage: Callable[[], None] | None = None

    # -- stages -------------------------------------------------------------------------------

    def begin(self, name: str) -> None:
        """Start stage `name`, ending the one before."""
        self._close()
        if self.at_stage is not None:
            self.at_stage()
        self._stage, self._items = name, None
        self._stage_wall, self._stage_cpu, self._stage_clock = time.perf_counter(), _cpu(), self._clock()
        self._last_plain = 0.0
        self._show()

    def end(self) -> None:
        """End the current stage (the build is done or failed) and clear the progress line."""
        self._close()
        self._stage = None
        if self._line_shown and self._stream is not None:
            self._stream.write("\r\033[K")
            self._stream.flush()
            self._line_shown = False

    def _close(self) -> None:
        if self._stage is not None:
            self.timings[self._stage] = self.timings.get(self._stage, 0.0) + time.perf_counter() - self._stage_wall
            self.cpu[self._stage] = self.cpu.get(self._stage, 0.0) + _cpu() - self._stage_cpu

    # -- items within a stage ------------------------------------------------------------------

    def step(self, done: int, total: int) -> None:
        """`done` of the current stage's `total` items are finished."""
        self._items = (done, total)
        self._show()

    def _show(self) -> None:
        if self._stream is None or self._stage is None:
            return
        now = self._clock()
        if now - self._started < SHOW_AFTER:
            return
        if not self._interactive:
            if now - self._last_plain < PLAIN_EVERY:
                return
            self._last_plain = now
        text = self.describe(now)
        if self._interactive:
            self._stream.write("\r\033[K" + text)
            self._line_shown = True
        else:
            self._stream.write(text + "\n")
        self._stream.flush()

    def describe(self, now: float | None = None) -> str:
        """The progress line: stage, item N of M, time left (when it can be estimated)."""
        now = self._clock() if now is None else now
        label = STAGE_LABELS.get(self._stage or "", self._stage or "")
        text = f"正在{label}…" if self._items is None else f"正在{label}：{self._items[0]} / {self._items[1]}"
        if self._items is not None:
            done, total = self._items
            elapsed = now - self._stage_clock
            if 0 < done < total and elapsed >= 1.0:
                text += f"，约剩 {_duration(elapsed / done * (total - done))}"
        return text + f"（已用 {_duration(now - self._started)}）"


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    return f"{seconds} 秒" if seconds < 60 else f"{seconds // 60} 分 {seconds % 60:02d} 秒"


def for_terminal() -> Progress:
    """The progress a command shows on stderr (a rewritten line on a terminal, plain lines elsewhere)."""
    return Progress(sys.stderr)
