"""builder.parallel: work spread over forked workers comes back complete and in order."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

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


def _alive(pids: list[int]) -> list[int]:
    """Those of `pids` still running (a zombie is dead, only not yet reaped)."""
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.append(pid)
    return alive


@pytest.mark.parametrize("start", ["fork", "spawn"])
def test_workers_die_at_once_with_their_parent(start):
    """A worker busy for a minute is killed the moment its parent is (kill -9 included)."""
    script = (f"import time\nfrom builder.parallel import process_pool\n"
              f"with process_pool(2, {start!r}) as pool:\n"
              f"    jobs = [pool.submit(time.sleep, 60) for _ in range(2)]\n"
              f"    print('working', flush=True)\n    [job.result() for job in jobs]\n")
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, start_new_session=True)
    workers: list[int] = []
    with parent:
        assert parent.stdout.readline() == "working\n"
        deadline = time.monotonic() + 30
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = [int(c) for c in Path(f"/proc/{parent.pid}/task/{parent.pid}/children").read_text().split()]
            time.sleep(0.05)
        time.sleep(1.0)  # the workers are inside time.sleep(60) now
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 3
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = _alive(workers)
        for pid in left:  # (only when the assertion below is about to fail: leave nothing running)
            os.kill(pid, signal.SIGKILL)
        assert len(workers) >= 2 and left == []
