"""data/hazards/<town>.yaml: the year's ledger (隐患台账), with statuses consistent as of 2016-12-31.

Ids are YH-2016-<town code>-NNNN, numbered by found_on within the town. Supervision visits
that found problems get 督导检查 rows dated on the visit day.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from tools.gen_demo.common import AS_OF, CATEGORY_WEIGHTS, DAY, HOLIDAYS, D, add_days, ordered
from tools.gen_demo.enterprises import Ent, Industry, production_workshops
from tools.gen_demo.hazard_texts import (
    ACCEPTERS,
    CONTINGENCY,
    CONTINGENCY_CHEM,
    DETAILS,
    ENTERPRISE_UNITS,
    EQUIPMENT_MARKS,
    FEATURED_HAZARDS,
    HAZARD_TEMPLATES,
    MAJOR_HAZARDS,
    MAJOR_MEASURES,
    RESPONSIBLE,
    SPOTS,
    S,
)
from tools.gen_demo.towns import TOWNS

FIRST_FOUND, LAST_FOUND = D(2016, 1, 5), D(2016, 12, 20)

# Level: (weight, planned deadline days, closure delay triangular (low, high, mode), funds range, rounding)
LEVEL_PLAN = {
    "个人岗位": (0.22, (0, 3), (1, 15, 3), (0, 300), 10),
    "班组": (0.30, (2, 10), (2, 36, 15), (100, 2000), 50),
    "车间": (0.36, (5, 30), (6, 40, 30), (500, 12000), 100),
    "企业": (0.12, (15, 45), (12, 40, 34), (3000, 60000), 500),
}
# Month weights for found_on: heavy January–April (集中行动), a June bump (安全生产月).
MONTH_WEIGHTS = {1: 14, 2: 11, 3: 18, 4: 17, 5: 7, 6: 8, 7: 5, 8: 5, 9: 5, 10: 4, 11: 3.5, 12: 2.5}
SOURCE_WEIGHTS = {"职工排查": 80, "企业自查": 9, "工会检查": 8, "举报": 3}  # 督导检查 comes from visits


@dataclass
class Hazard:
    """A ledger row before ids are given (ids are numbered by date within each town)."""

    ent: Ent
    found_on: dt.date
    order: int         # generation order: a stable tie-break
    fields: dict       # everything but id


class Reporters:
    """Pseudonyms R-xxxx; each enterprise has a small pool so some workers report often."""

    def __init__(self, rng: random.Random, taken: int = 0):
        self.rng, self.pools, self.count = rng, {}, taken  # R-0001…R-<taken> are used elsewhere

    def for_enterprise(self, ent: Ent) -> str:
        pool = self.pools.setdefault(ent.id, [])
        size = max(2, ent.employees // 4)
        if len(pool) < size and (not pool or self.rng.random() < 0.7):
            self.count += 1
            pool.append(f"R-{self.count:04d}")
            return pool[-1]
        return self.rng.choice(pool)


def _fill(rng: random.Random, text: str, ent: Ent, ws: str, nature: str) -> str:
    """The template with a machine, a post and a number, the place in the workshop and a clause."""
    mark = rng.choices(list(EQUIPMENT_MARKS), weights=list(EQUIPMENT_MARKS.values()))[0]
    spot = rng.choice(SPOTS) if "{eq}" not in text else ""
    filled = text.format(ws=ws + spot, eq=mark + rng.choice(ent.industry.equipment), post=rng.choice(ent.industry.posts),
                         n=rng.randint(2, 5))
    return filled + rng.choice(DETAILS[nature]).format(n=rng.randint(2, 6))


def fresh_text(make, used: set[str], attempts: int = 12) -> str:
    """A text not used before when one can be found in a few draws (a ledger of 100,000 rows
    runs out of new sentences; then a repeat is accepted)."""
    text = make()
    for _ in range(attempts):
        if text not in used:
            break
        text = make()
    used.add(text)
    return text


def _templates_for(industry: Industry, category: str) -> list[tuple]:
    return [t for t in HAZARD_TEMPLATES[category] if t[5] is None or industry.key in t[5]]


def _found_date(rng: random.Random) -> dt.date:
    months = list(MONTH_WEIGHTS)
    month = rng.choices(months, weights=[MONTH_WEIGHTS[m] for m in months])[0]
    first = max(D(2016, month, 1), FIRST_FOUND)
    last = min((D(2016, month + 1, 1) - DAY) if month < 12 else D(2016, 12, 31), LAST_FOUND)
    while True:
        day = add_days(first, rng.randint(0, (last - first).days))
        # Fewer reports over the Spring Festival and other holidays, when plants run short-staffed.
        if day not in HOLIDAYS or rng.random() < 0.3:
            return day


def _funds(rng: random.Random, level: str, nature: str) -> int:
    """Money follows the kind of fix: things (物) cost by level, paperwork (管理) a little
    printing or training, a worker's unsafe act (人) usually nothing."""
    if nature == "人":
        return 0 if rng.random() < 0.7 else round(rng.uniform(50, 500) / 10) * 10
    if nature == "管理":
        return round(rng.uniform(0, 2000) / 100) * 100
    low, high = LEVEL_PLAN[level][3]
    if level == "个人岗位" and rng.random() < 0.6:
        return 0
    return round(rng.uniform(low, high) / LEVEL_PLAN[level][4]) * LEVEL_PLAN[level][4]


def _five_fixes(rng, ent: Ent, ws: str, level: str, nature: str, measures: str, found: dt.date,
                deadline_days: int) -> dict:
    funds = _funds(rng, level, nature)
    if level == "班组":
        unit = rng.choice([t for t in ent.team_names] or [ws])
    elif level == "企业":
        unit = rng.choice(ENTERPRISE_UNITS)
    else:
        unit = ws
    contingency = CONTINGENCY_CHEM if ent.high_risk == "化工" and rng.random() < 0.4 else rng.choice(CONTINGENCY)
    return {"responsible_person": rng.choice(RESPONSIBLE[level]), "responsible_unit": unit,
            "measures": measures, "funds_cny": funds, "deadline": add_days(found, deadline_days),
            "contingency_plan": contingency}


def general_hazard(rng: random.Random, reporters: Reporters, ent: Ent, found: dt.date, source: str,
                   order: int, used: set[str], force: str | None = None) -> Hazard:
    """One 一般 hazard with a status that is consistent as of 2016-12-31.

    A closed hazard is 销号 1–40 days after it was found; rectification comes first, then the
    acceptance (often batched weekly, hence the lag). About 96% end the year closed; the
    rest are December finds still in progress, long enterprise-level fixes due in 2017, a
    few overdue or failed acceptances, and a few reports found to be untrue.
    `force="overdue"` makes an overdue open hazard (for the disqualified enterprise).
    """
    category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
    text, nature, domain, measures, levels, _ = rng.choice(_templates_for(ent.industry, category))
    ws = rng.choice(production_workshops(ent.industry) if "{eq}" in text else ent.industry.workshops)
    level_weights = [LEVEL_PLAN[lv][0] for lv in levels]
    level = rng.choices(levels, weights=level_weights)[0]
    fields = {
        "enterprise": ent.id, "location": ws, "found_on": found, "source": source,
        "reporter_ref": reporters.for_enterprise(ent) if source in ("职工排查", "举报") else None,
        "category": category, "nature": nature, "domain": domain,
        "description": fresh_text(lambda: _fill(rng, text, ent, ws, nature), used), "grade": "一般",
    }
    roll = rng.random()
    if force is None and roll < 0.004:
        fields["status"] = "核实不属实"  # checked and found not to be a hazard: no 五落实
        return Hazard(ent, found, order, fields)

    plan_low, plan_high = LEVEL_PLAN[level][1]
    planned = rng.randint(plan_low, plan_high)
    fields["level"] = level
    if force == "overdue" or (force is None and D(2016, 5, 1) <= found <= D(2016, 11, 10) and roll < 0.009):
        # Stuck: the deadline passed and nothing was done — the ledger shows it as 逾期.
        fields["status"] = "整改中"
        fields |= _five_fixes(rng, ent, ws, level, nature, measures, found, max(planned, 5))
        return Hazard(ent, found, order, fields)
    if force is None and "企业" in levels and found >= D(2016, 8, 1) and roll < 0.6:
        # A fix that needs money or a shutdown window: planned into 2017, not yet overdue.
        fields["level"] = level = "企业"
        fields["status"] = "整改中"
        deadline = max(add_days(found, 60), D(2017, 1, 10)) + rng.randint(0, 60) * DAY
        fields |= _five_fixes(rng, ent, ws, level, nature, measures, found, (deadline - found).days)
        return Hazard(ent, found, order, fields)

    low, high, mode = LEVEL_PLAN[level][2]
    delay = max(1, min(40, round(rng.triangular(low, high, mode))))
    closed = add_days(found, delay)
    lag = 0 if rng.random() < 0.25 else rng.randint(1, min(delay, 15))
    rectified = add_days(closed, -lag)
    done_days = (rectified - found).days
    # Most fixes meet the planned deadline; one in eight is finished a few days late.
    deadline_days = max(planned, done_days) if rng.random() < 0.88 else max(0, min(planned, done_days - rng.randint(1, 4)))
    fields |= _five_fixes(rng, ent, ws, level, nature, measures, found, deadline_days)
    if found >= D(2016, 9, 1) and rng.random() < 0.003:
        fields |= {"status": "验收不合格", "rectified_on": rectified}
    elif closed <= AS_OF:
        fields |= {"status": "已销号", "rectified_on": rectified,
                   "accepted_by": rng.choice(ACCEPTERS[level]), "closed_on": closed}
    elif rectified <= AS_OF:
        fields |= {"status": "待验收", "rectified_on": rectified}
    elif found >= D(2016, 12, 10) and rng.random() < 0.5:
        # Registered but the 五落实 not yet settled: no responsible person, deadline, etc.
        for name in ("responsible_person", "responsible_unit", "measures", "funds_cny", "deadline",
                     "contingency_plan", "level"):
            fields.pop(name, None)
        fields["status"] = "待整改"
    else:
        fields["status"] = "整改中"
    return Hazard(ent, found, order, fields)


def major_hazards(rng: random.Random, reporters: Reporters, ents: list[Ent], taken: set[str],
                  order_start: int) -> tuple[list[Hazard], list[tuple[Hazard, tuple]]]:
    """The 12 重大 hazards (DOMAIN.md §4.3: 0.3% of ≈4000) and which of them are listed."""
    hazards, listed = [], []
    for i, (town_id, kind, found, category, text, ws, outcome, listing, source, funds) in enumerate(MAJOR_HAZARDS):
        pool = [e for e in ents if e.town.id == town_id and e.id not in taken
                and ((e.hazchem) if kind == "hazchem" else (e.high_risk == kind))]
        ent = rng.choice([e for e in pool if e.unionized] or pool)  # prefer a firm with a union
        taken.add(ent.id)  # one 重大 hazard per enterprise
        state, date = outcome
        fields = {
            "enterprise": ent.id, "location": ws, "found_on": found, "source": source,
            "reporter_ref": reporters.for_enterprise(ent) if source in ("职工排查", "举报") else None,
            "category": category, "nature": "管理" if category == "C2" else "物", "domain": S,
            "description": text, "grade": "重大", "level": "挂牌督办" if listing else "企业",
            "status": {"closed": "已摘牌销号" if listing else "已销号", "listed": "挂牌督办中",
                       "open": "整改中", "escalated": "已提请挂牌"}[state],
            "responsible_person": "企业主要负责人", "responsible_unit": rng.choice(("生产技术部", "安全环保部", "设备部")),
            "measures": MAJOR_MEASURES[category],
            "funds_cny": funds * 10_000,
            "deadline": listing[1] if listing else (date if state != "closed" else add_days(date, rng.randint(0, 10))),
            "contingency_plan": "治理期间局部停产，撤出无关人员，设置警戒区，现场配备应急器材并加密巡检",
        }
        if state == "closed":
            fields |= {"rectified_on": add_days(date, -rng.randint(3, 8)),
                       "accepted_by": "县安监局、镇安监站联合验收组" if listing else "镇安监站、企业工会",
                       "closed_on": date}
        hazard = Hazard(ent, found, order_start + i, fields)
        hazards.append(hazard)
        if listing:
            listed.append((hazard, listing))
    return hazards, listed


def featured_hazards(ents: list[Ent], order_start: int) -> list[Hazard]:
    """The ledger rows told in news articles (see FEATURED_HAZARDS)."""
    by_name = {e.record["name"]: e for e in ents}
    rows = []
    for i, (name, found, ws, category, nature, text, level, measures, funds, deadline, rectified, closed,
            source, reporter) in enumerate(FEATURED_HAZARDS):
        ent = by_name[name]
        rows.append(Hazard(ent, found, order_start + i, {
            "enterprise": ent.id, "location": ws, "found_on": found, "source": source, "reporter_ref": reporter,
            "category": category, "nature": nature, "domain": S, "description": text, "grade": "一般",
            "level": level, "status": "已销号", "responsible_person": RESPONSIBLE[level][0],
            "responsible_unit": ws, "measures": measures, "funds_cny": funds, "deadline": deadline,
            "contingency_plan": CONTINGENCY[0] if level != "个人岗位" else "现场立即纠正，班组长跟踪确认",
            "rectified_on": rectified, "accepted_by": ACCEPTERS[level][0], "closed_on": closed,
        }))
    return rows


def gen_hazards(rng: random.Random, ents: list[Ent], visits: list[dict], total: int,
                disqualified: Ent) -> tuple[dict[str, list[dict]], list[tuple[dict, tuple]]]:
    """The year's ledger (≈`total` rows) split by town, and the listed 重大 hazards.

    Ids are YH-2016-<town code>-NNNN, numbered by found_on within the town. Visits that found
    problems get 督导检查 rows dated on the visit day; their `hazards` lists are filled here.
    """
    taken = max(int(r[-1][2:]) for r in FEATURED_HAZARDS if r[-1])
    reporters = Reporters(rng, taken=taken)  # the workers in the news stories come first
    hazards = featured_hazards(ents, 0)
    majors, listed = major_hazards(rng, reporters, ents, {disqualified.id}, len(hazards))
    hazards += majors
    used = {h.fields["description"] for h in hazards}
    hazards.append(general_hazard(rng, reporters, disqualified, D(2016, 9, 12), "工会检查", len(hazards), used,
                                  force="overdue"))

    # Supervision visits that found problems: 1–3 rows each, never more than 5% of the ledger.
    budget = min(round(total * 0.05), 2 * len(visits))
    ent_by_id = {e.id: e for e in ents}
    visit_rows: dict[int, list[Hazard]] = defaultdict(list)
    finding_visits = [i for i, v in enumerate(visits) if v["method"] in ("现场检查", "随机抽查") and rng.random() < 0.5]
    while budget > 0 and finding_visits:
        for i in finding_visits:
            if budget <= 0:
                break
            v = visits[i]
            h = general_hazard(rng, reporters, ent_by_id[v["enterprise"]], v["date"], "督导检查", len(hazards), used)
            hazards.append(h)
            visit_rows[i].append(h)
            budget -= 1
        finding_visits = [i for i in finding_visits if len(visit_rows[i]) < 3 and rng.random() < 0.4]

    # The rest: workers and unions, weighted to larger, unionized, high-risk firms.
    weights = [e.employees * (1.6 if e.unionized else 0.45) * (1.5 if e.high_risk else 1.0) for e in ents]
    cum = []
    acc = 0.0
    for w in weights:
        acc += w
        cum.append(acc)
    sources, source_w = list(SOURCE_WEIGHTS), list(SOURCE_WEIGHTS.values())
    for _ in range(max(0, total - len(hazards))):
        ent = ents[bisect.bisect_right(cum, rng.random() * acc)]
        source = rng.choices(sources, weights=source_w)[0]
        hazards.append(general_hazard(rng, reporters, ent, _found_date(rng), source, len(hazards), used))

    # Number by date within each town, then fill the visits' hazard lists.
    by_town: dict[str, list[Hazard]] = defaultdict(list)
    for h in hazards:
        by_town[h.ent.town.id].append(h)
    ids: dict[int, str] = {}
    out: dict[str, list[dict]] = {}
    for town in TOWNS:
        rows = sorted(by_town[town.id], key=lambda h: (h.found_on, h.ent.id, h.order))
        width = max(4, len(str(len(rows))))
        out[town.id] = []
        for n, h in enumerate(rows, 1):
            hid = f"YH-2016-{town.code}-{n:0{width}d}"
            ids[h.order] = hid
            out[town.id].append(ordered("hazards", {"id": hid, **h.fields}))
    for i, rows in visit_rows.items():
        visits[i]["hazards"] = sorted(ids[h.order] for h in rows)
        visits[i]["_found"] = [h.fields["description"] for h in sorted(rows, key=lambda h: ids[h.order])]
    listed_records = []
    by_id = {r["id"]: r for rows in out.values() for r in rows}
    for hazard, listing in listed:
        listed_records.append((by_id[ids[hazard.order]], listing))
    return out, listed_records
