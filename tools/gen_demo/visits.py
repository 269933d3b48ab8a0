"""data/visits.yaml: the towns' supervision visits (督导检查), planned before the ledger."""

from __future__ import annotations

import datetime as dt
import random

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import FEATURED_NAMES, Ent
from tools.gen_demo.towns import TOWN_ORDER

VISIT_METHODS_HAZCHEM = {"随机抽查": 40, "现场检查": 45, "查阅资料": 10, "座谈": 5}
VISIT_METHODS_OTHER = {"现场检查": 40, "随机抽查": 20, "查阅资料": 25, "座谈": 15}
CLEAN_FINDINGS = {
    "现场检查": ("现场检查未发现明显问题；隐患台账登记规范，五落实信息完整。",
                "现场定置管理较好；建议加强班组安全互查，巡检记录按班签字。"),
    "随机抽查": ("随机抽查生产现场和班组台账，未发现明显问题。",
                "抽查职工对“六查”内容知晓情况较好；建议继续开展班前安全讲话。"),
    "查阅资料": ("查阅隐患台账、培训和演练记录，资料齐全。",
                "台账基本完整，部分整改验收记录签字不全，已当场提醒补齐。"),
    "座谈": ("与一线职工座谈，职工知道发现隐患后向班组长和企业工会报告。",
            "座谈中职工反映劳保用品发放及时；建议增加应急演练频次。"),
}


DISQUALIFIED_VISIT_NOTE = ("复查发现：9月工会检查提出的隐患逾期未整改，演练记录显示全年仅组织1次演练且部分班组未参加。"
                           "已下发工会整改建议书，并通报{type}安监站。")


def plan_visits(rng: random.Random, ents: list[Ent], disqualified: Ent) -> list[dict]:
    """Town supervision visits. Every high-risk firm gets one by 04-30 except a handful
    (coverage ≈97%, the laggards are visited in May), plus revisits and other firms later."""
    high = [e for e in ents if e.high_risk]
    late = set(rng.sample([e.id for e in high if e.record["name"] not in FEATURED_NAMES], 5))
    plans: list[tuple[Ent, dt.date]] = []
    for e in high:
        if e.id in late:
            plans.append((e, pick_workday(rng, D(2016, 5, 4), D(2016, 6, 17))))
        else:
            plans.append((e, pick_workday(rng, D(2016, 1, 21), D(2016, 4, 29))))  # after the 01-19 kickoff
        if rng.random() < (0.6 if e.hazchem else 0.3):
            plans.append((e, pick_workday(rng, D(2016, 5, 4), D(2016, 11, 30))))
    others = [e for e in ents if not e.high_risk and e.unionized]
    for e in rng.sample([e for e in others if e is not disqualified], 70):
        plans.append((e, pick_workday(rng, D(2016, 2, 15), D(2016, 11, 30))))
    follow_up = (disqualified, pick_workday(rng, D(2016, 11, 14), D(2016, 11, 25)))
    plans.append(follow_up)
    plans.sort(key=lambda p: (p[1], TOWN_ORDER[p[0].town.id], p[0].id))
    visits = []
    for n, (e, day) in enumerate(plans, 1):
        methods = VISIT_METHODS_HAZCHEM if e.hazchem else VISIT_METHODS_OTHER
        method = rng.choices(list(methods), weights=list(methods.values()))[0]
        visit = {
            "id": f"DD-2016-{n:04d}", "town": e.town.id, "enterprise": e.id, "date": day, "method": method,
            "team": f"{e.town.type}总工会、{e.town.type}安监站联合督导组（{rng.randint(2, 4)}人）",
        }
        if (e, day) == follow_up:
            visit |= {"method": "查阅资料", "_note": DISQUALIFIED_VISIT_NOTE.format(type=e.town.type)}
        visits.append(visit)
    return visits


def finish_visits(rng: random.Random, visits: list[dict]) -> list[dict]:
    """Findings text and notice flag, once the hazards found on the visits are known."""
    out = []
    for v in visits:
        found, note = v.pop("_found", None), v.pop("_note", None)
        if note:
            v["findings"], v["notice_issued"] = note, True
        elif found:
            v["findings"] = f"发现问题{len(found)}项：" + "；".join(found) + "。已当场反馈，下发工会整改建议书。"
            v["notice_issued"] = True
        else:
            v["findings"] = rng.choice(CLEAN_FINDINGS[v["method"]])
            v["notice_issued"] = False
        out.append(ordered("visits", v))
    return out
