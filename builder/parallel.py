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
from concurrent.futures import ProcessPoolExecutor, as_completed
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


# Chunks per worker: a worker that finishes early takes another chunk (pages differ in
# length), and progress is heard of as each chunk is done; few enough that a chunk's fixed
# cost (a Markdown converter, a result sent back) stays small.
CHUNKS_PER_WORKER = 4


def map_chunks(func: Callable[[list[T]], list[R]], items: Sequence[T], *, minimum: int,
               progress: Callable[[int, int], None] | None = None) -> list[R]:
    """func(chunk) for chunks of `items`, results in the items' order.

    `func` takes a list and returns one result per item. It may be any callable — a closure or
    a bound method over the caller's state: the function and the items reach the workers by the
    fork itself (they are in the parent's memory when the workers start) and are never pickled;
    only chunk numbers go out and results come back. Chunks interleave the items (every n-th),
    so that long and short items are shared out evenly when neighbours are alike.
    `progress(done, total)` is told the number of items finished as each chunk comes back.
    """
    global _JOB
    workers = worker_count()
    if len(items) < max(minimum, 2) or workers < 2:
        results = func(list(items))
        if progress is not None:
            progress(len(items), len(items))
        return results
    chunks = min(len(items), workers * CHUNKS_PER_WORKER)
    _JOB = (func, items, chunks)
    out: list = [None] * len(items)
    done = 0
    try:
        with process_pool(workers) as pool:
            pending = {pool.submit(_run_chunk, index): index for index in range(chunks)}
            for future in as_completed(pending):
                index = pending[future]
                part = future.result()
                out[index::chunks] = part
                done += len(part)
                if progress is not None:
                    progress(done, len(items))
    finally:
        _JOB = None
    return out


# The map the forked workers are doing: set before the pool forks them, so each worker finds
# the function and the items in its own copy of this module (see map_chunks).
_JOB: tuple[Callable, Sequence, int] | None = None


def _run_chunk(index: int) -> list:
    assert _JOB is not None
    func, items, chunks = _JOB
    return func(list(items[index::chunks]))
