"""data/model_teams.yaml: the 示范班组 (→ 工人先锋号)."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import MODEL_TEAM_FIRMS, Ent

# A citation names what the team does and what came of it, in the team's own figures.
TEAM_PRACTICES = (
    "坚持班前安全讲话和班组安全互查，实行隐患“随手查、当班改”",
    "把“六查”内容细化为班组日检表，{n}名职工人人当过安全检查员",
    "开展“家文化”进班组和安全“八个一”活动，应急演练全员参与",
    "推行“手指口述”和定置管理，工具、物料定点摆放",
    "建立隐患随手登记本，全年登记隐患{k}项",
    "在{ws}推行交接班安全交底，异常情况当班交清",
    "组织职工提出安全“金点子”{j}条，其中{i}条被企业采纳",
    "班组长带头“当一天安全检查员”，每周一次班组互查",
)
TEAM_RESULTS = (
    "，连续{y}年实现零事故。", "，班组隐患全部整改销号。", "，全年无违章、无事故。",
    "，职工违章行为明显减少。", "，被企业评为安全生产先进班组。", "，现场整洁有序，全年班组安全互查全覆盖。",
)


def gen_model_teams(rng: random.Random, ents: list[Ent], excluded: set[str]) -> list[dict]:
    pinned = [e for e in ents if e.record["name"] in MODEL_TEAM_FIRMS]
    pool = [e for e in ents if e.unionized and e.id not in excluded and e.employees >= 60 and e not in pinned]
    chosen = sorted([*pinned, *rng.sample(pool, 15 - len(pinned))], key=lambda e: e.id)
    return [ordered("model_teams", {
        "id": f"BZ-2016-{n:02d}", "team": MODEL_TEAM_FIRMS.get(e.record["name"]) or rng.choice(e.team_names),
        "enterprise": e.id,
        "headcount": max(6, round(e.employees / e.record["teams"] * rng.uniform(0.8, 1.2))),
        "citation": _citation(rng, e),
    }) for n, e in enumerate(chosen, 1)]


def _citation(rng: random.Random, e: Ent) -> str:
    first, second = rng.sample(TEAM_PRACTICES, 2)
    numbers = {"n": rng.randint(8, 16), "k": rng.randint(12, 60), "j": rng.randint(4, 15), "i": rng.randint(1, 3),
               "ws": rng.choice(e.industry.workshops), "y": rng.randint(2, 6)}
    return (first + "；" + second + rng.choice(TEAM_RESULTS)).format(**numbers)
