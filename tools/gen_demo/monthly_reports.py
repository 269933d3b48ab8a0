"""data/monthly_reports.yaml: 9 towns × 12 months, figures from the ledger as of the 25th."""

from __future__ import annotations

import random

from tools.gen_demo.common import D, ordered, pick_workday, workdays
from tools.gen_demo.enterprises import MODEL_TOWNS, Ent
from tools.gen_demo.towns import TOWNS

REPORT_NOTES = {
    1: ("制定本级实施方案，召开动员会，指导企业工会建立职工隐患排查台账", "部分企业台账五落实信息不全", "配合县总工会督导，开展节前安全检查"),
    2: ("开展节前节后安全检查，组织企业工会开展复工前隐患排查", "节后返岗职工安全教育需加强", "举办镇（街道）培训班，推进高危行业企业督导"),
    3: ("配合县总工会第二轮集中督导，督导手册印发使用", "个别企业首次应急演练尚未开展", "对照高危行业企业名册逐家督导，确保4月底前全覆盖"),
    4: ("集中行动收尾，高危行业企业督导基本全覆盖", "少数企业整改资金落实较慢", "总结集中行动经验，转入常态化隐患排查"),
    5: ("组织企业开展“金点子”征集，推动隐患排查常态化", "部分班组“八个一”活动进度不一", "组织选手参加全县职工安全技能大赛"),
    6: ("结合“安全生产月”开展宣传咨询和应急演练", "夏季高温岗位防暑降温措施需落实", "督促企业做好汛期和高温安全工作"),
    7: ("开展汛期和高温季节隐患排查", "个别企业隐患整改逾期", "对逾期隐患逐项督办"),
    8: ("推进第二次应急演练，开展“家文化”进班组活动", "部分小微企业演练组织不规范", "继续推进演练全覆盖"),
    9: ("“金点子”征集收尾，组织节前安全检查", "个别企业隐患台账更新不及时", "做好国庆节前安全检查"),
    10: ("开展节后复工安全检查，推荐“金点子”参评", "冬季防火防中毒准备不足", "部署冬季安全隐患排查"),
    11: ("开展冬季防火、防中毒隐患排查", "部分企业应急物资储备不足", "推荐示范班组、岗位标兵"),
    12: ("总结全年活动，整理隐患台账和各类资料", "少数隐患需跨年整改", "做好年度总结和表彰推荐"),
}


def gen_monthly_reports(rng: random.Random, hazards: dict[str, list[dict]], ents: dict[str, Ent]
                        ) -> tuple[list[dict], set[str]]:
    """9 towns × 12 months. Figures are cumulative and computed from the ledger as of the
    25th: found = rows found by then (核实不属实 excluded), rectified = rows 销号 by then,
    workers = staff of the town's firms that had at least one hazard reported by then."""
    pairs = [(t.id, m) for t in TOWNS for m in range(1, 13)]
    special = rng.sample([(t, m) for t, m in pairs if 2 <= m <= 11 and t not in MODEL_TOWNS], 4)  # 3 late, 1 missing
    late, missing = set(special[:3]), special[3]
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
        exp, problem, plan = REPORT_NOTES[month]
        record |= {
            "hazards_found": len(rows),
            "hazards_rectified": sum(1 for h in rows if h.get("closed_on") and h["closed_on"] <= cutoff),
            "workers": sum(ents[e].employees for e in involved),
            "notes": f"{exp}。存在问题：{problem}。下月打算：{plan}。",
        }
        records.append(ordered("monthly_reports", record))
    bad_towns = {t for t, _ in late} | {missing[0]}
    return records, bad_towns
