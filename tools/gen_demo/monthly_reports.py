"""data/monthly_reports.yaml: 9 towns × 12 months, figures from the ledger as of the 25th."""

from __future__ import annotations

import datetime as dt
import random

from tools.gen_demo.common import D, ordered, pick_workday, workdays
from tools.gen_demo.enterprises import MODEL_TOWNS, Ent
from tools.gen_demo.towns import TOWNS

# What each month of 2016 was about (the plan's calendar), as a town union reports it; each
# report picks from these and adds its own figures, so no two towns send the same sentences.
MONTH_ACTIVITIES = {
    1: ("制定本级实施方案", "召开“查保促”活动动员会", "指导企业工会建立职工隐患排查台账", "配合县总工会第一轮集中督导"),
    2: ("开展节前节后安全检查", "组织企业工会开展复工前隐患排查", "举办镇（街道）“查保促”培训班"),
    3: ("配合县总工会第二轮集中督导", "印发使用督导手册", "对高危行业企业开展督导检查", "组织企业开展首次应急演练"),
    4: ("集中行动收尾", "对照高危行业企业名册逐家督导", "总结集中行动经验"),
    5: ("组织企业开展“金点子”征集", "推动隐患排查常态化", "推荐选手参加全县职工安全技能大赛"),
    6: ("结合“安全生产月”开展宣传咨询", "组织企业开展应急演练", "开展汛期前安全检查"),
    7: ("开展汛期和高温季节隐患排查", "督办逾期未整改隐患", "走访高温岗位职工"),
    8: ("推进第二次应急演练", "开展“家文化”进班组活动", "组织“八个一”活动互查"),
    9: ("“金点子”征集收尾", "组织节前安全检查", "参加县总工会第二期一线职工培训班"),
    10: ("开展节后复工安全检查", "推荐“金点子”参评", "部署冬季安全隐患排查"),
    11: ("开展冬季防火、防中毒隐患排查", "推荐示范班组、岗位标兵", "检查企业应急物资储备"),
    12: ("总结全年活动", "整理隐患台账和各类资料", "做好年度总结和表彰推荐"),
}
MONTH_PROBLEMS = {
    1: ("部分企业台账五落实信息不全", "个别企业工会对活动要求理解不到位"),
    2: ("节后返岗职工安全教育需加强", "部分企业复工前排查流于形式"),
    3: ("个别企业首次应急演练尚未开展", "部分非公中小企业隐患台账记录不规范"),
    4: ("少数企业整改资金落实较慢", "个别高危行业企业督导覆盖进度偏慢"),
    5: ("部分班组“八个一”活动进度不一", "金点子征集在小微企业发动不够"),
    6: ("夏季高温岗位防暑降温措施需落实", "部分企业演练脚本化，实战性不足"),
    7: ("个别企业隐患整改逾期", "汛期排水设施检查不到位"),
    8: ("部分小微企业演练组织不规范", "“家文化”活动在个别企业形式单一"),
    9: ("个别企业隐患台账更新不及时", "节前检查发现的问题整改跟踪不够"),
    10: ("冬季防火防中毒准备不足", "部分企业节后复工检查记录不全"),
    11: ("部分企业应急物资储备不足", "个别企业冬季取暖设施存在隐患"),
    12: ("少数隐患需跨年整改", "部分资料归档不完整"),
}
MONTH_PLANS = {
    1: ("配合县总工会督导，开展节前安全检查", "督促企业补齐台账五落实信息"),
    2: ("举办镇（街道）培训班，推进高危行业企业督导", "组织企业开展复工后首次隐患排查"),
    3: ("对照高危行业企业名册逐家督导，确保4月底前全覆盖", "督促未开展演练的企业4月上旬前完成"),
    4: ("总结集中行动经验，转入常态化隐患排查", "督办整改资金未落实的隐患"),
    5: ("组织选手参加全县职工安全技能大赛", "推进“八个一”活动到班组"),
    6: ("督促企业做好汛期和高温安全工作", "开展“安全生产月”活动总结"),
    7: ("对逾期隐患逐项督办", "组织第二次应急演练"),
    8: ("继续推进演练全覆盖", "指导小微企业规范演练组织"),
    9: ("做好国庆节前安全检查", "整理金点子推荐材料"),
    10: ("部署冬季安全隐患排查", "检查企业应急物资"),
    11: ("推荐示范班组、岗位标兵", "开展冬季专项检查"),
    12: ("做好年度总结和表彰推荐", "谋划2017年活动"),
}
# Problems and plans any month may name, with the town's own counts.
ANY_PROBLEMS = ("{n}家企业隐患台账五落实信息不全", "{n}项隐患临近整改时限仍未完成", "{n}家小微企业演练记录不规范",
                "{n}家企业职工培训签到记录缺失", "{n}个班组“八个一”活动尚未开展", "{n}家企业应急预案未及时修订")
ANY_PLANS = ("督促{n}家企业补齐台账信息", "对{n}项临期隐患逐项跟踪", "组织{n}家企业开展班组安全互查",
             "抽查{n}家企业的培训和演练记录", "走访{n}家非公中小企业", "指导{n}家企业修订应急预案")
EXPERIENCES = (
    "{firm}工会推行隐患随手登记，职工发现即登记、整改后由发现人确认销号",
    "{firm}把“六查”内容细化为班组日检表，班组长每班检查签字",
    "{firm}工会组织职工家属开展“安全特使”活动，亲情寄语挂上班组园地",
    "{firm}实行“一人一锁一牌”检修制度，全年未发生误送电",
    "{firm}每月开展一次班组安全互查，互查结果在车间公示",
    "{firm}把应急演练放在夜班进行，检验夜间应急处置能力",
    "{firm}职工提出的安全金点子当月评审、当月兑现奖励",
    "{firm}工会主席带队“当一天安全检查员”，带动职工参与",
)


def _period(month: int) -> tuple[dt.date, dt.date]:
    """A report covers the 26th of the month before to the 25th (January: from the 1st)."""
    first = D(2016, 1, 1) if month == 1 else D(2016, month - 1, 26)
    return first, D(2016, month, 25)


def gen_monthly_reports(rng: random.Random, hazards: dict[str, list[dict]], ents: dict[str, Ent],
                        drills: dict[str, list[dict]], trainings: list[dict], ideas: list[dict]
                        ) -> tuple[list[dict], set[str]]:
    """9 towns × 12 months. Hazard figures are cumulative, from the ledger as of the 25th:
    found = rows found by then (核实不属实 excluded), rectified = rows 销号 by then, workers =
    staff of the town's firms that had at least one hazard reported by then. The month's own
    figures (classes, drills, ideas) are counted over the report's period from the records;
    classes also count the firms' own, which data/ does not list one by one."""
    pairs = [(t.id, m) for t in TOWNS for m in range(1, 13)]
    special = rng.sample([(t, m) for t, m in pairs if 2 <= m <= 11 and t not in MODEL_TOWNS], 4)  # 3 late, 1 missing
    late, missing = set(special[:3]), special[3]
    firms = {t.id: sorted((e for e in ents.values() if e.town.id == t.id and e.unionized), key=lambda e: e.id)
             for t in TOWNS}
    records = []
    for town_id, month in pairs:
        cutoff = D(2016, month, 25)
        record = {"town": town_id, "month": f"2016-{month:02d}"}
        if (town_id, month) == missing:
            records.append(ordered("monthly_reports", record))
            continue
        if (town_id, month) in late:
            record["submitted_on"] = pick_workday(rng, D(2016, month, 26), D(2016, month, 29 if month == 2 else 30))
        else:
            days = workdays(D(2016, month, 18), cutoff)
            record["submitted_on"] = rng.choices(days, weights=range(1, len(days) + 1))[0]
        rows = [h for h in hazards[town_id] if h["found_on"] <= cutoff and h["status"] != "核实不属实"]
        involved = {h["enterprise"] for h in rows}
        first, last = _period(month)
        held = [d for d in drills[town_id] if first <= d["date"] <= last]
        classes = [t for t in trainings if t.get("town") == town_id and first <= t["date"] <= last]
        own_classes = rng.randint(1, 4) if held or month in (2, 3, 6, 9) else rng.randint(0, 2)
        town_ideas = [i for i in ideas if ents[i["enterprise"]].town.id == town_id and first <= i["submitted_on"] <= last]
        record |= {
            "activities": _activities(rng, month, len(held), len(classes)),
            "hazards_found": len(rows),
            "hazards_rectified": sum(1 for h in rows if h.get("closed_on") and h["closed_on"] <= cutoff),
            "trainings": len(classes) + own_classes,
            "trainees": sum(t["attendees"] for t in classes) + own_classes * rng.randint(25, 60),
            "drills": len(held),
            "drill_participants": sum(d["participants"] for d in held),
            "ideas": len(town_ideas),
            "workers": sum(ents[e].employees for e in involved),
            "notes": rng.choice(EXPERIENCES).format(firm=rng.choice(firms[town_id]).record["name"]) + "。",
            "problems": _sentence(rng, MONTH_PROBLEMS[month], ANY_PROBLEMS),
            "next_month": _sentence(rng, MONTH_PLANS[month], ANY_PLANS),
        }
        records.append(ordered("monthly_reports", record))
    bad_towns = {t for t, _ in late} | {missing[0]}
    return records, bad_towns


def _activities(rng: random.Random, month: int, drills: int, classes: int) -> str:
    done = rng.sample(MONTH_ACTIVITIES[month], rng.randint(2, min(3, len(MONTH_ACTIVITIES[month]))))
    if drills:
        done.append(f"企业开展应急演练{drills}次")
    if classes:
        done.append(f"举办镇（街道）培训班{classes}期")
    return "；".join(done) + "。"


def _sentence(rng: random.Random, month: tuple[str, ...], any_month: tuple[str, ...]) -> str:
    """One or two of the month's own points and one with the town's figures, in a shuffled order."""
    points = rng.sample(month, rng.randint(1, 2)) + [rng.choice(any_month).format(n=rng.randint(2, 9))]
    rng.shuffle(points)
    return "；".join(points) + "。"
