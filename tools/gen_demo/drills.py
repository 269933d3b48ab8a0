"""data/drills/<town>.yaml: ≥2 emergency drills per unionized firm."""

from __future__ import annotations

import random
from collections import defaultdict

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import FEATURED_NAMES, Ent
from tools.gen_demo.towns import TOWNS

DRILL_EVALUATIONS = (
    "演练组织有序，职工能按疏散路线撤离，用时{m}分钟；应急器材取用熟练。",
    "演练达到预期目的；个别职工对集合点位置不熟悉，已安排补训。",
    "报警、处置、疏散环节衔接顺畅；建议增加夜班演练。",
    "演练基本达到要求；应急广播音量不足，已安排整改。",
    "职工逃生自救意识明显增强；现场指挥分工需进一步明确。",
)


# First drills described in news/2016-06-17: date, scenario, participants (None: computed).
FEATURED_DRILLS = {
    "桓台示例精细化工有限公司": (D(2016, 6, 14), "危化品泄漏", 83),
    "荆家镇示例建材有限公司": (D(2016, 6, 15), "火灾", None),
}


def gen_drills(rng: random.Random, ents: list[Ent], disqualified: Ent) -> dict[str, list[dict]]:
    """≥2 drills per unionized firm (a few with only one, a few with teams missing)."""
    unionized = [e for e in ents if e.unionized]
    ordinary = [e.id for e in unionized if e is not disqualified and e.record["name"] not in FEATURED_NAMES]
    one_only = {disqualified.id} | set(rng.sample(ordinary, 4))
    windows = [(D(2016, 2, 15), D(2016, 6, 17)), (D(2016, 7, 1), D(2016, 11, 30)), (D(2016, 9, 1), D(2016, 12, 16))]
    plans = []
    for e in unionized:
        count = 1 if e.id in one_only else (3 if e.high_risk and rng.random() < 0.3 else 2)
        for i in range(count):
            fixed = FEATURED_DRILLS.get(e.record["name"]) if i == 0 else None
            plans.append((fixed[0] if fixed else pick_workday(rng, *windows[i]), e, fixed))
    plans.sort(key=lambda p: (p[0], p[1].id))
    by_town: dict[str, list[dict]] = defaultdict(list)
    for n, (day, e, fixed) in enumerate(plans, 1):
        total = e.record["teams"]
        partial = e is disqualified or (not fixed and total >= 3 and rng.random() < 0.03)
        participating = total - (rng.randint(1, min(2, total - 1)) if partial else 0)
        participants = max(participating, int(e.employees * (participating / total) * rng.uniform(0.75, 0.98)))
        if fixed and fixed[2]:
            participants = fixed[2]
        by_town[e.town.id].append(ordered("drills", {
            "id": f"YL-2016-{n:04d}", "enterprise": e.id, "date": day,
            "scenario": fixed[1] if fixed else rng.choice(e.industry.scenarios),
            "teams_participating": participating, "teams_total": total, "participants": participants,
            "evaluation": rng.choice(DRILL_EVALUATIONS).format(m=rng.randint(3, 9))
            + ("部分班组未参加，已要求补演。" if partial else ""),
        }))
    return {t.id: by_town[t.id] for t in TOWNS}
