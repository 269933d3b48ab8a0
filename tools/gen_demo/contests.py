"""data/contests.yaml: the county safety-skills contest and its trades."""

from __future__ import annotations

from tools.gen_demo.common import D, ordered

CONTEST_DATE = D(2016, 6, 24)                          # notices/2016-05-16: 实操决赛 6月23日至24日
TRADES = (("化工总控工", "HG", 42), ("电工", "DG", 38), ("焊工", "HJ", 30))


def gen_contest() -> list[dict]:
    return [ordered("contests", {
        "id": "DS-2016", "title": "2016年全县职工安全技能大赛", "date": CONTEST_DATE, "venue": "桓台县职业教育示例实训基地",
        "format": "理论考试（30%）+实际操作（70%）", "trades": [t for t, _, _ in TRADES],
        "contestants": sum(n for _, _, n in TRADES),
    })]
