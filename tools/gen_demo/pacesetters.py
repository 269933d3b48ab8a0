"""data/pacesetters.yaml: the 岗位标兵 (→ 富民强县劳动奖章)."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import Ent
from tools.gen_demo.people import Names

PACESETTER_CITATIONS = (
    "在{post}岗位工作{y}年，熟练掌握岗位操作规程，全年主动排查身边隐患并督促整改，带动班组职工参与“查保促”活动。",
    "坚持每班巡检不漏项，及时发现并处置设备异常，提出的安全建议被企业采纳推广。",
    "带头开展班组安全互查和“当一天安全检查员”活动，传帮带新职工，所在班组全年无违章、无事故。",
)


def gen_pacesetters(rng: random.Random, ents: list[Ent], names: Names, excluded: set[str]) -> list[dict]:
    pool = [e for e in ents if e.unionized and e.id not in excluded]
    chosen = sorted(rng.sample(pool, 15), key=lambda e: e.id)
    records = []
    for n, e in enumerate(chosen, 1):
        post = rng.choice(e.industry.posts)
        records.append(ordered("pacesetters", {
            "id": f"BB-2016-{n:02d}", "name": names.next(), "enterprise": e.id, "post": post,
            "citation": rng.choice(PACESETTER_CITATIONS).format(post=post, y=rng.randint(6, 22)),
        }))
    return records
