"""data/trainings.yaml: the county classes the news reports, and the towns' own."""

from __future__ import annotations

import random

from tools.gen_demo.common import COUNTY_ORGANIZER, D, cn_number, ordered, pick_workday
from tools.gen_demo.towns import TOWN_ORDER, TOWNS


def gen_trainings(rng: random.Random) -> list[dict]:
    """2 负责人培训班 and 2 一线职工培训班 as in news/2016-03-04 and 2016-09-23; ≈20 镇街培训班."""
    boss_topics = ["安全生产法（2014年修正）主要负责人职责", "事故隐患排查治理制度", "“查保促”活动主要内容", "事故警示教育"]
    worker_topics = ["“六查、四保、三促”与查找身边隐患的方法", "抵制和举报“三违”行为", "职业危害识别和个人防护",
                     "现场急救和逃生自救"]
    boss_topics_2 = ["一般隐患立即整改与重大隐患治理方案", "工会提出整改建议后企业的答复义务", "职工举报和拒绝违章指挥的权利保护"]
    worker_topics_2 = ["对照“六查”现场查找隐患（现场教学）", "抵制和举报“三违”行为", "劳动防护用品正确佩戴"]
    town_topics = ["隐患台账登记与五落实", "应急演练组织", "劳动防护用品正确使用", "班组安全互查", "“八个一”活动开展"]
    rows = [
        ("负责人培训班", "2016年第一期非公中小企业负责人培训班", D(2016, 3, 1), "桓台县总工会职工培训中心", None, 153, 141, boss_topics),
        ("一线职工培训班", "2016年第一期一线职工培训班", D(2016, 3, 3), "起凤镇文化活动中心", "qifeng", 236, 58, worker_topics),
        ("负责人培训班", "2016年第二期非公中小企业负责人培训班", D(2016, 9, 20), "桓台县总工会职工培训中心", None, 134, 127, boss_topics_2),
        ("一线职工培训班", "2016年第二期一线职工培训班", D(2016, 9, 21), "新城镇文化活动中心", "xincheng", 186, 47, worker_topics_2),
    ]
    records = [{"kind": k, "title": t, "organizer": COUNTY_ORGANIZER, "date": d, "venue": v, "town": tw,
                "attendees": a, "enterprises_count": ec, "topics": tp} for k, t, d, v, tw, a, ec, tp in rows]
    extra = {"maqiao", "suozhen"}  # the two towns with the most chemical firms hold a third class
    for town in TOWNS:
        dates = [pick_workday(rng, D(2016, 2, 15), D(2016, 4, 28)), pick_workday(rng, D(2016, 6, 1), D(2016, 11, 25))]
        if town.id in extra:
            dates.append(pick_workday(rng, D(2016, 5, 4), D(2016, 5, 31)))
        for i, day in enumerate(sorted(dates), 1):
            attendees = rng.randint(60, 180)
            records.append({
                "kind": "镇街培训班", "title": f"{town.name}“查保促”活动安全培训班（第{cn_number(i)}期）",
                "organizer": f"{town.name}总工会、{town.name}安监站", "date": day,
                "venue": f"{town.name}{'办事处' if town.type == '街道' else '政府'}会议室", "town": town.id,
                "attendees": attendees, "enterprises_count": max(8, attendees // rng.randint(3, 6)),
                "topics": rng.sample(town_topics, 3),
            })
    records.sort(key=lambda r: (r["date"], TOWN_ORDER.get(r["town"], -1), r["title"]))
    return [ordered("trainings", {"id": f"PX-2016-{n:02d}", **r}) for n, r in enumerate(records, 1)]
