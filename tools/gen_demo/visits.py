"""data/visits.yaml: the towns' supervision visits (督导检查), planned before the ledger."""

from __future__ import annotations

import datetime as dt
import random

from tools.gen_demo.common import D, ordered, pick_workday
from tools.gen_demo.enterprises import FEATURED_NAMES, Ent
from tools.gen_demo.towns import TOWN_ORDER

VISIT_METHODS_HAZCHEM = {"随机抽查": 40, "现场检查": 45, "查阅资料": 10, "座谈": 5}
VISIT_METHODS_OTHER = {"现场检查": 40, "随机抽查": 20, "查阅资料": 25, "座谈": 15}
# A visit that found no new hazard still leaves a record of what was looked at: per method,
# what the team checked (with its own numbers), what it saw, and its advice.
CLEAN_CHECKS = {
    "现场检查": ("现场检查{ws}等{n}处作业场所，", "深入{ws}检查设备防护和作业现场，", "对{ws}逐项对照“六查”检查，"),
    "随机抽查": ("随机抽查{n}个班组和{ws}现场，", "随机抽查{ws}当班{n}名职工的操作，", "随机抽查{n}份隐患登记和{ws}现场，"),
    "查阅资料": ("查阅隐患台账、培训和演练记录共{n}本，", "查阅{n}个班组的班前会和交接班记录，",
              "查阅隐患台账和整改验收记录，抽核{n}项，"),
    "座谈": ("与{n}名一线职工座谈，", "召开{n}人参加的职工座谈会，", "与企业工会和{n}名班组长座谈，"),
}
CLEAN_SEEN = (
    "未发现明显问题；", "隐患台账登记规范，五落实信息完整；", "现场定置管理较好；", "职工对“六查”内容知晓情况较好；",
    "职工知道发现隐患后向班组长和企业工会报告；", "资料基本齐全；", "劳保用品发放及时、佩戴规范；", "应急器材配备齐全；",
)
CLEAN_ADVICE = (
    "建议加强班组安全互查。", "建议巡检记录按班签字。", "建议继续开展班前安全讲话。", "部分整改验收记录签字不全，已当场提醒补齐。",
    "建议增加应急演练频次。", "建议把“八个一”活动落实到每个班组。", "建议为新职工补做岗位安全培训。",
    "建议完善外来施工人员入场教育记录。", "建议在{ws}增设安全警示标志。",
)


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
            "_workshops": e.industry.workshops,
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
        v = {**v}
        workshops = v.pop("_workshops")
        if note:
            v["findings"], v["notice_issued"] = note, True
        elif found:
            v["findings"] = f"发现问题{len(found)}项：" + "；".join(found) + "。已当场反馈，下发工会整改建议书。"
            v["notice_issued"] = True
        else:
            ws = rng.choice(workshops)
            v["findings"] = (rng.choice(CLEAN_CHECKS[v["method"]]) + rng.choice(CLEAN_SEEN)
                             + rng.choice(CLEAN_ADVICE)).format(ws=ws, n=rng.randint(2, 12))
            v["notice_issued"] = False
        out.append(ordered("visits", v))
    return out
