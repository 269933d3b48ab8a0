"""data/eight_ones.yaml: 安全“八个一” activities by team and firm."""

from __future__ import annotations

import random

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import Ent

# Firms in news/2016-08-19; both complete all eight items (the first: every team serves a day as inspector).
EIGHT_ONES_FEATURED = ("桓台示例金属制品有限公司", "桓台示例建材有限公司")


def gen_eight_ones(rng: random.Random, ents: list[Ent], target: int = 1500, complete: int = 120) -> list[dict]:
    """安全“八个一” records: items 1–6 by teams, 7–8 (arts event, pledge) by the whole firm.

    `complete` firms (≈20% of the unionized) hold all eight items, so the site's completion
    figure is not trivially zero; the others hold a few items each until `target` is reached.
    """
    unionized = [e for e in ents if e.unionized]
    weights = [u.employees ** 0.5 for u in unionized]
    by_name = {e.record["name"]: e for e in ents}
    full: list[Ent] = [by_name[name] for name in EIGHT_ONES_FEATURED]
    while len(full) < complete:  # weighted sampling without replacement
        e = rng.choices(unionized, weights=weights)[0]
        if e not in full:
            full.append(e)
    partial = [e for e in unionized if e not in full]
    drafts = []
    plans = [(e, list(range(1, 9))) for e in full]
    while len(drafts) < target:
        if plans:
            e, items = plans.pop(0)
        else:
            e = rng.choices(partial, weights=[u.employees ** 0.5 for u in partial])[0]
            items = sorted(rng.sample(range(1, 9), rng.randint(2, 6)))
        for item in items:
            team_size = max(5, round(e.employees / e.record["teams"]))
            if item in (7, 8):
                team, participants = None, int(e.employees * rng.uniform(0.5, 0.95))
            elif item == 5:  # 当一天安全检查员: a few workers per team take a turn
                team, participants = rng.choice(e.team_names), rng.randint(1, min(4, team_size))
            else:
                team, participants = rng.choice(e.team_names), max(3, team_size - rng.randint(0, 3))
            drafts.append({"enterprise": e.id, "team": team, "item": item,
                           "date": pick_workday(rng, D(2016, 2, 15), D(2016, 11, 30)), "participants": participants})
    drafts = drafts[:target - len(full[0].team_names)]
    # 唐山: every team takes turns at “当一天安全检查员” (news/2016-08-19).
    for team in full[0].team_names:
        drafts.append({"enterprise": full[0].id, "team": team, "item": 5,
                       "date": pick_workday(rng, D(2016, 5, 3), D(2016, 8, 12)), "participants": rng.randint(1, 3)})
    drafts.sort(key=lambda d: (d["date"], d["enterprise"], d["item"], d["team"] or ""))
    return [ordered("eight_ones", {"id": f"BG-2016-{n:04d}", **d}) for n, d in enumerate(drafts, 1)]
