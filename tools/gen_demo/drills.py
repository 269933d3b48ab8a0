"""data/drills/<town>.yaml: ≥2 emergency drills per unionized firm."""

from __future__ import annotations

import random
from collections import defaultdict

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import FEATURED_NAMES, Ent
from tools.gen_demo.towns import TOWNS

# An evaluation as a drill's own record reads: what was practised and by how many, how long
# the muster took, what went well and what is to be improved.
DRILL_OPENINGS = (
    "模拟{ws}发生{scenario}，{teams}个班组{people}名职工参加，从报警到集合完毕用时{m}分{s}秒。",
    "{scenario}演练按预案进行，{people}人参演，{m}分{s}秒完成疏散和清点人数。",
    "本次演练以{ws}{scenario}为情景，参演{people}人，报警、处置、疏散共用时{m}分{s}秒。",
    "{teams}个班组参加{scenario}演练，{people}名职工按疏散路线撤离，集合清点用时{m}分{s}秒。",
)
DRILL_GOOD = (
    "应急器材取用熟练，", "报警、处置、疏散环节衔接顺畅，", "职工能按疏散路线有序撤离，",
    "现场指挥口令清楚，", "班组长清点人数及时准确，", "新入职职工也能说出集合点位置，",
    "应急小组分工明确、到位迅速，", "个人防护用品佩戴规范，", "",
)
DRILL_TO_IMPROVE = (
    "个别职工对集合点位置不熟悉，已安排补训。", "建议增加夜班演练。", "应急广播音量不足，已安排整改。",
    "现场指挥分工需进一步明确。", "部分职工佩戴空气呼吸器动作较慢，需加强训练。", "疏散通道有一处堆放物料，已当场清理。",
    "应急照明有两盏不亮，已报维修。", "警戒区设置偏小，下次演练改进。", "演练总结会上职工提出{k}条改进意见，已纳入预案修订。",
    "达到预期目的。", "下一次演练拟邀请职工家属观摩。",
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
        scenario = fixed[1] if fixed else rng.choice(e.industry.scenarios)
        by_town[e.town.id].append(ordered("drills", {
            "id": f"YL-2016-{n:04d}", "enterprise": e.id, "date": day,
            "scenario": scenario,
            "teams_participating": participating, "teams_total": total, "participants": participants,
            "evaluation": _evaluation(rng, e, scenario, participating, participants)
            + ("部分班组未参加，已要求补演。" if partial else ""),
        }))
    return {t.id: by_town[t.id] for t in TOWNS}


def _evaluation(rng: random.Random, e: Ent, scenario: str, teams: int, people: int) -> str:
    opening = rng.choice(DRILL_OPENINGS).format(ws=rng.choice(e.industry.workshops), scenario=scenario, teams=teams,
                                                people=people, m=rng.randint(2, 9), s=rng.randint(0, 59))
    return opening + rng.choice(DRILL_GOOD) + rng.choice(DRILL_TO_IMPROVE).format(k=rng.randint(2, 6))
