"""Work spread over the machine's cores: a pure function over many items, in forked workers.

Fork, not spawn: the workers start at once with the parent's modules and data, and only
the items and results cross between processes. Below `minimum` items a pool costs more
than it saves, so small jobs run in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


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
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
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
