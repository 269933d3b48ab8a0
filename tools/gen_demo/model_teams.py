"""data/model_teams.yaml: the 示范班组 (→ 工人先锋号)."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import MODEL_TEAM_FIRMS, Ent

TEAM_CITATIONS = (
    "坚持班前安全讲话和班组安全互查，实行隐患“随手查、当班改”，连续三年实现零事故。",
    "把“六查”内容细化为班组日检表，职工人人当过安全检查员，班组隐患全部整改销号。",
    "开展“家文化”进班组和安全“八个一”活动，班组应急演练全员参与，职工违章行为明显减少。",
    "推行“手指口述”和定置管理，现场整洁有序，全年班组安全互查全覆盖。",
)


def gen_model_teams(rng: random.Random, ents: list[Ent], excluded: set[str]) -> list[dict]:
    pinned = [e for e in ents if e.record["name"] in MODEL_TEAM_FIRMS]
    pool = [e for e in ents if e.unionized and e.id not in excluded and e.employees >= 60 and e not in pinned]
    chosen = sorted([*pinned, *rng.sample(pool, 15 - len(pinned))], key=lambda e: e.id)
    return [ordered("model_teams", {
        "id": f"BZ-2016-{n:02d}", "team": MODEL_TEAM_FIRMS.get(e.record["name"]) or rng.choice(e.team_names),
        "enterprise": e.id,
        "headcount": max(6, round(e.employees / e.record["teams"] * rng.uniform(0.8, 1.2))),
        "citation": rng.choice(TEAM_CITATIONS),
    }) for n, e in enumerate(chosen, 1)]
