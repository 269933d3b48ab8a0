"""data/pacesetters.yaml: the 岗位标兵 (→ 富民强县劳动奖章)."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import Ent
from tools.gen_demo.people import Names

# What a 岗位标兵 is commended for: years on the post, then two things done this year.
PACESETTER_OPENINGS = (
    "在{post}岗位工作{y}年，熟练掌握岗位操作规程", "从事{post}工作{y}年，多次在企业技术比武中获奖",
    "{post}岗位上的老师傅，带过{k}名徒弟", "入职{y}年来一直在{post}岗位，操作零失误",
)
PACESETTER_DEEDS = (
    "全年主动排查身边隐患{n}项并督促整改", "坚持每班巡检不漏项，及时发现并处置设备异常",
    "提出的安全建议被企业采纳推广", "带头开展班组安全互查和“当一天安全检查员”活动",
    "传帮带新职工，所在班组全年无违章、无事故", "在应急演练中担任班组疏散引导员",
    "带动班组职工参与“查保促”活动", "主动劝阻违章作业{j}次", "把岗位操作要点编成顺口溜教给工友",
)


def gen_pacesetters(rng: random.Random, ents: list[Ent], names: Names, excluded: set[str]) -> list[dict]:
    pool = [e for e in ents if e.unionized and e.id not in excluded]
    chosen = sorted(rng.sample(pool, 15), key=lambda e: e.id)
    records = []
    for n, e in enumerate(chosen, 1):
        post = rng.choice(e.industry.posts)
        records.append(ordered("pacesetters", {
            "id": f"BB-2016-{n:02d}", "name": names.next(), "enterprise": e.id, "post": post,
            "citation": _citation(rng, post),
        }))
    return records


def _citation(rng: random.Random, post: str) -> str:
    numbers = {"post": post, "y": rng.randint(6, 22), "k": rng.randint(3, 12), "n": rng.randint(6, 30),
               "j": rng.randint(3, 15)}
    deeds = rng.sample(PACESETTER_DEEDS, 2)
    return "，".join([rng.choice(PACESETTER_OPENINGS), *deeds]).format(**numbers) + "。"
