"""data/training_coverage.yaml: one row per unionized firm (全员培训)."""

from __future__ import annotations

import math
import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import Ent


def gen_training_coverage(rng: random.Random, ents: list[Ent], disqualified: Ent) -> list[dict]:
    """One row per unionized firm: 97–100% of staff trained, most exactly 100%."""
    records = []
    for e in ents:
        if not e.unionized:
            continue
        if e is disqualified:
            share = 0.97
        else:
            share = 1.0 if rng.random() < 0.85 else rng.uniform(0.97, 0.995)
        trained = min(e.employees, max(math.ceil(e.employees * 0.97), int(e.employees * share)))
        records.append(ordered("training_coverage", {"enterprise": e.id, "employees": e.employees, "trained": trained}))
    return records
