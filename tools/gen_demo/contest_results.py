"""data/contest_results.yaml: the contest's prize-winners per trade."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.contests import TRADES
from tools.gen_demo.enterprises import CONTEST_WINNER_FIRM, Ent
from tools.gen_demo.people import Names

PRIZE_OF_RANK = {1: "一等奖", 2: "二等奖", 3: "二等奖", 4: "三等奖", 5: "三等奖", 6: "三等奖"}


def gen_contest_results(rng: random.Random, ents: list[Ent], names: Names, excluded: set[str]) -> list[dict]:
    """Per trade: 1 一等奖, 2 二等奖, 3 三等奖 (notices/2016-05-16)."""
    records = []
    chem = [e for e in ents if e.unionized and e.high_risk == "化工" and e.id not in excluded]
    other = [e for e in ents if e.unionized and e.id not in excluded]
    by_name = {e.record["name"]: e for e in ents}
    for trade, code, _ in TRADES:
        score = rng.uniform(94, 97.5)
        for rank in range(1, 7):
            pinned = CONTEST_WINNER_FIRM.get(trade) if rank == 1 else None
            e = by_name[pinned] if pinned else rng.choice(chem if trade == "化工总控工" else other)
            records.append(ordered("contest_results", {
                "id": f"DS-2016-{code}-{rank:02d}", "contest": "DS-2016", "trade": trade, "name": names.next(),
                "enterprise": e.id, "rank": rank, "score": round(score, 1), "prize": PRIZE_OF_RANK[rank],
            }))
            score -= rng.uniform(0.4, 2.2)
    return records
