"""data/family_culture.yaml: “家文化”进班组 activities."""

from __future__ import annotations

import random

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import Ent


def gen_family_culture(rng: random.Random, ents: list[Ent], target: int = 400) -> list[dict]:
    """“家文化”进班组 records, weighted to 索镇 where the activity was reported (news/2016-03-17)."""
    unionized = [e for e in ents if e.unionized]
    weights = [(3 if e.town.id == "suozhen" else 1) * e.employees ** 0.5 for e in unionized]
    kinds = {"亲情寄语": 30, "一张全家福": 20, "一封家书": 20, "员工家属交流会": 15, "安全特使": 15}
    drafts = []
    for _ in range(target):
        e = rng.choices(unionized, weights=weights)[0]
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        team_size = max(5, round(e.employees / e.record["teams"]))
        participants = team_size * (2 if kind == "员工家属交流会" else 1) + rng.randint(0, 6)
        drafts.append({"enterprise": e.id, "team": rng.choice(e.team_names), "kind": kind,
                       "date": pick_workday(rng, D(2016, 2, 22), D(2016, 11, 30)), "participants": participants})
    drafts.sort(key=lambda d: (d["date"], d["enterprise"], d["kind"], d["team"]))
    return [ordered("family_culture", {"id": f"JW-2016-{n:04d}", **d}) for n, d in enumerate(drafts, 1)]
