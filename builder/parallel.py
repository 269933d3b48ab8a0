"""Work spread over the machine's cores: a pure function over many items, in forked workers.

Fork, not spawn: the workers start at once with the parent's modules and data, and only
the items and results cross between processes. Below `minimum` items a pool costs more
than it saves, so small jobs run in the calling process.

Every process pool of the builder is made by `process_pool`, whose workers die with the
build: the kernel kills a worker as soon as the process that started it dies, even by
kill -9 (Linux PR_SET_PDEATHSIG), so no worker outlives a killed build or a stopped serve.
Workers ignore Ctrl-C: the build itself stops them, without a traceback from each.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


_PR_SET_PDEATHSIG = 1


def _worker_start(parent: int) -> None:
    """Pool initializer: die with the parent (see the module docstring), leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: workers end when their pool is shut down
        return
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)


def process_pool(workers: int, start: str = "fork") -> ProcessPoolExecutor:
    """A pool of `workers` processes (fork, or spawn where the parent's state must not be copied)
    that die with the process that made them."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start),
                               initializer=_worker_start, initargs=(os.getpid(),))


def map_chunks(func: Callable[[list[T]], list[R]], items: Sequence[T], *, minimum: int) -> list[R]:
    """func(chunk) for chunks of `items`, results in the items' order.

    `func` takes a list and returns one result per item. Chunks interleave the items
    (every n-th), so that long and short items are shared out evenly when neighbours are alike.
    The items reach the workers by the fork itself (they are in the parent's memory when
    the workers start); only the results are sent back.
    """
    global _JOB
    workers = worker_count()
    if len(items) < max(minimum, 2) or workers < 2:
        return func(list(items))
    _JOB = (func, items, workers)
    try:
        with process_pool(workers) as pool:
            parts = list(pool.map(_run_chunk, range(workers)))
    finally:
        _JOB = None
    out: list = [None] * len(items)
    for i, part in enumerate(parts):
        out[i::workers] = part
    return out


_JOB: tuple[Callable, Sequence, int] | None = None  # the map the forked workers are doing


def _run_chunk(index: int) -> list:
    assert _JOB is not None
    func, items, workers = _JOB
    return func(list(items[index::workers]))
