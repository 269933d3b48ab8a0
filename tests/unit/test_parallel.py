"""builder.parallel: work spread over forked workers comes back complete and in order."""

from __future__ import annotations

import os

from builder.parallel import map_chunks, worker_count


def test_results_come_back_in_the_items_order():
    items = [f"第{i}项" * (i % 7 + 1) for i in range(1001)]
    pids: set[int] = set()

    def lengths(chunk):
        pids.add(os.getpid())  # recorded in the worker's copy, so the parent's set stays empty
        return [(len(text), os.getpid()) for text in chunk]

    results = map_chunks(lengths, items, minimum=2)
    assert [n for n, _pid in results] == [len(text) for text in items]
    workers = {pid for _n, pid in results}
    if worker_count() > 1:
        # Forked workers did it (how many of them took a chunk is the pool's business).
        assert os.getpid() not in workers and 1 <= len(workers) <= worker_count()
    assert pids == set()


def test_small_jobs_stay_in_this_process():
    assert map_chunks(lambda chunk: [os.getpid() for _ in chunk], [1, 2, 3], minimum=10) == [os.getpid()] * 3
