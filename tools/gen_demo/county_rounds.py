"""data/county_rounds.yaml: the county union's two rounds of supervision."""

from __future__ import annotations

import random

from tools.gen_demo.common import D, ordered
from tools.gen_demo.enterprises import Ent
from tools.gen_demo.towns import TOWNS

# Dates already published in content/ (notices and news); the data must agree with them.
ROUND_DATES = {1: (D(2016, 1, 20), D(2016, 1, 29)),   # notices/2016-01-15, news/2016-01-29
               2: (D(2016, 3, 14), D(2016, 3, 31))}   # notices/2016-03-08, news/2016-03-31


def gen_county_rounds(rng: random.Random, ents: list[Ent]) -> list[dict]:
    """The county union's two rounds: 2–3 firms per town in round 1, 3 (马桥 4) in round 2,
    mostly hazchem SMEs (notices/2016-01-15 and 2016-03-08, news/2016-03-31)."""
    summaries = {
        1: ("1月20日至29日，县总工会组成3个督导组，会同县安监局有关科室，对9个镇（街道）开展第一轮集中督导，"
            "采取听取汇报、查阅资料、随机抽查、深入现场、与一线职工座谈相结合的方式，每个镇（街道）随机抽查2至3家企业。"
            "各镇（街道）普遍重视，大部分已制定本级实施方案。存在的问题：个别镇（街道）督导手册尚在起草；"
            "部分非公中小企业隐患台账整改资金、时限、预案等信息缺项较多；少数职工对“六查”内容知晓不够；"
            "部分企业培训和演练计划未落实到班组。督导组已逐一反馈，要求3月上旬前完成整改。"),
        2: ("3月14日至31日，县总工会开展第二轮集中督导，对第一轮反馈问题进行“回头看”，每个镇（街道）随机抽查不少于3家企业，"
            "其中危险化学品行业非公中小企业不少于2家。各镇（街道）督导手册均已印发使用，台账缺项问题明显改善；"
            "多数职工能够说出“六查”的主要内容。针对个别镇（街道）高危行业企业督导覆盖进度偏慢、部分企业首次应急演练尚未开展等问题，"
            "要求对照高危行业企业名册逐家销号，确保4月30日前全部督导一次，并在4月月报中单独报告集中行动完成情况。"),
    }
    records = []
    for rnd in (1, 2):
        chosen = []
        for town in TOWNS:
            n = rng.randint(2, 3) if rnd == 1 else (4 if town.id == "maqiao" else 3)
            local = [e for e in ents if e.town.id == town.id and e.size_is_sme]
            hazchem = [e for e in local if e.hazchem]
            pick = rng.sample(hazchem, min(len(hazchem), 2 if rnd == 2 else 1))
            rest = [e for e in local if e not in pick and (e.high_risk or e.unionized)]
            pick += rng.sample(rest, n - len(pick))
            chosen += sorted(e.id for e in pick)
        start, end = ROUND_DATES[rnd]
        records.append(ordered("county_rounds", {
            "id": f"LD-2016-{rnd}", "round": rnd, "start": start, "end": end,
            "towns": [t.id for t in TOWNS], "enterprises": chosen, "summary": summaries[rnd],
        }))
    return records
