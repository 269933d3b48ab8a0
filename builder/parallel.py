"""Work spread over the machine's cores: a pure function over many items, in forked workers.

Fork, not spawn: the workers start at once with the parent's modules and data, and only
the items and results cross between processes. Below `minimum` items a pool costs more
than it saves, so small jobs run in the calling process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MAX_WORKERS = 8


def worker_count() -> int:
    return min(os.cpu_count() or 1, MAX_WORKERS)


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
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
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
