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
    """
    workers = worker_count()
    if len(items) < max(minimum, 2) or workers < 2:
        return func(list(items))
    chunks = [list(items[i::workers]) for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(func, chunks))
    out: list = [None] * len(items)
    for i, part in enumerate(parts):
        out[i::workers] = part
    return out
