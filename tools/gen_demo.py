#!/usr/bin/env python3
"""示例数据生成器：为示例站点写出虚构的 data/*.yaml 记录和几张漫画示意图。

Deterministic demo-data generator for the 查保促 example site (桓台县, 2016).

Everything it writes is fictional: enterprise names always contain “示例”, people are role
titles or made-up ordinary names, phones are office landlines 0533-8xxxxxx, and workers who
report hazards or write ideas appear only as pseudonyms (R-xxxx, A-xxxx). The figures follow
the recommended demo dataset in DOMAIN.md §4.3. Whatever content/ has already published is
honoured: the firms, drills, ledger rows, ideas and classes that news articles describe
(FEATURED_* tables), the dates of the county rounds and the skills contest, and the towns
praised at the year-end meeting. Ledger texts never repeat an article word for word, because
the builder's privacy scan forbids handbook-level text on public pages.

Determinism: every section draws from its own `random.Random` seeded from "2016/<section>",
nothing reads the clock, outputs are sorted, and the YAML writer is checked byte for byte
against PyYAML's; two runs give identical files. Only the files listed in
`generated_files()` (and the six cartoons) are written; nothing is deleted.

--check loads the written files with the builder's own loader and validates every record
with its schema engine (no errors, no warnings), then checks cross-references, the demo's
own rules (listings ↔ 重大 hazards, monthly figures ↔ ledger, awards ↔ disqualification, …),
that no mobile/ID/e-mail pattern appears, and that no article in content/ quotes a
handbook-level or internal value.

Usage (with /work/main/.venv/bin/python):
    python tools/gen_demo.py                          # data/ and content/images/works/
    python tools/gen_demo.py --check                  # ... then validate with the builder's engine
    python tools/gen_demo.py --out /tmp/big/data --scale-hazards 100000   # benchmark ledger
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import math
import random
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the schema gives field order and powers --check
    sys.path.insert(0, str(ROOT))

from builder.schema.records import KINDS  # noqa: E402 - after the sys.path line above

SEED = 2016
D = dt.date
DAY = dt.timedelta(days=1)

HEADER = "# 示例数据（虚构），由 tools/gen_demo.py 生成；请勿手工修改后再运行生成器\n"

FIRST_FOUND, LAST_FOUND = D(2016, 1, 5), D(2016, 12, 20)
CONCENTRATED_END = D(2016, 4, 30)   # 集中行动 ends “2016年4月底前”
AS_OF = D(2016, 12, 31)             # statuses in the ledger are as of the year's end
DEFAULT_HAZARDS = 4000

# Dates already published in content/ (notices and news); the data must agree with them.
ROUND_DATES = {1: (D(2016, 1, 20), D(2016, 1, 29)),   # notices/2016-01-15, news/2016-01-29
               2: (D(2016, 3, 14), D(2016, 3, 31))}   # notices/2016-03-08, news/2016-03-31
CONTEST_DATE = D(2016, 6, 24)                          # notices/2016-05-16: 实操决赛 6月23日至24日
IDEAS_OPEN, IDEAS_CLOSE = D(2016, 2, 22), D(2016, 9, 30)   # notices/2016-02-22
DISQUALIFIED_ON, AWARDS_ON = D(2016, 12, 16), D(2016, 12, 26)
COUNTY_ORGANIZER = "桓台县总工会、桓台县安监局"


def rng_for(section: str) -> random.Random:
    """One RNG per section, so that --scale-hazards changes the ledger but no other file."""
    return random.Random(f"{SEED}/{section}")


def ordered(kind: str, record: dict) -> dict:
    """The record with keys in the schema's order (builder/schema/records.py) and empty values
    dropped; a key the schema does not know fails here, before anything is written."""
    names = KINDS[kind].names
    unknown = set(record) - set(names)
    if unknown:
        raise KeyError(f"{kind}: unknown fields {sorted(unknown)}")
    return {name: record[name] for name in names if record.get(name) is not None}


# ================================================================ calendar

# The State Council's 2016 holiday arrangement: official dates (visits, classes, reports,
# decisions) fall on working days; workers still find hazards on any day.
_HOLIDAYS = {D(2016, 1, 1) + i * DAY for i in range(3)}
_HOLIDAYS |= {D(2016, 2, 7) + i * DAY for i in range(7)}
_HOLIDAYS |= {D(2016, 4, 2) + i * DAY for i in range(3)}
_HOLIDAYS |= {D(2016, 4, 30) + i * DAY for i in range(3)}
_HOLIDAYS |= {D(2016, 6, 9) + i * DAY for i in range(3)}
_HOLIDAYS |= {D(2016, 9, 15) + i * DAY for i in range(3)}
_HOLIDAYS |= {D(2016, 10, 1) + i * DAY for i in range(7)}
_MAKEUP_WORKDAYS = {D(2016, 2, 6), D(2016, 2, 14), D(2016, 6, 12), D(2016, 9, 18), D(2016, 10, 8), D(2016, 10, 9)}


def is_workday(day: dt.date) -> bool:
    if day in _MAKEUP_WORKDAYS:
        return True
    return day.weekday() < 5 and day not in _HOLIDAYS


def workdays(start: dt.date, end: dt.date) -> list[dt.date]:
    days, day = [], start
    while day <= end:
        if is_workday(day):
            days.append(day)
        day += DAY
    return days


def pick_workday(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return rng.choice(workdays(start, end))


def add_days(day: dt.date, n: int) -> dt.date:
    return day + n * DAY


# ================================================================ towns

@dataclass(frozen=True)
class Town:
    id: str
    name: str
    short: str
    type: str
    code: str          # two letters in hazard ids: YH-2016-<code>-0001
    enterprises: int   # how many demo enterprises the town gets

    @property
    def company_prefix(self) -> str:
        # Firms in the county seat are usually named after the county, not “城区”.
        return "桓台" if self.type == "街道" else self.short


TOWNS = (
    Town("chengqu", "城区街道", "城区", "街道", "CQ", 130),
    Town("suozhen", "索镇镇", "索镇", "镇", "SZ", 140),
    Town("qifeng", "起凤镇", "起凤", "镇", "QF", 105),
    Town("tianzhuang", "田庄镇", "田庄", "镇", "TZ", 95),
    Town("jingjia", "荆家镇", "荆家", "镇", "JJ", 90),
    Town("maqiao", "马桥镇", "马桥", "镇", "MQ", 130),
    Town("xincheng", "新城镇", "新城", "镇", "XC", 80),
    Town("tangshan", "唐山镇", "唐山", "镇", "TS", 70),
    Town("guoli", "果里镇", "果里", "镇", "GL", 60),
)
TOWN_BY_ID = {t.id: t for t in TOWNS}
TOWN_ORDER = {t.id: i for i, t in enumerate(TOWNS)}


class Phones:
    """Unique fictional office landlines 0533-8xxxxxx (never mobiles)."""

    # The county offices' block (0533-8210001/-02/-11/-12 appear in site.toml and content/).
    RESERVED_PREFIX = "0533-82100"

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def next(self) -> str:
        while True:
            number = f"0533-8{self.rng.randint(100000, 999999)}"
            if number not in self.used and not number.startswith(self.RESERVED_PREFIX):
                self.used.add(number)
                return number


def gen_towns(phones: Phones) -> list[dict]:
    """The 9 towns of 2016; contacts carry a role and an office phone (names: name_contacts)."""
    records = []
    for t in TOWNS:
        roles = (f"{t.type}总工会办公室", f"{t.type}总工会劳动保护部", f"{t.type}安监站")
        records.append({
            "id": t.id, "name": t.name, "short": t.short, "type": t.type,
            "union_org": f"{t.name}总工会", "safety_station": f"{t.name}安监站",
            "contacts": [{"role": role, "phone": phones.next()} for role in roles],
        })
    return records


# ================================================================ enterprises

@dataclass(frozen=True)
class Industry:
    key: str
    label: str                      # the record's `industry`
    high_risk: str | None
    name_words: tuple[str, ...]     # the word before 有限公司
    workshops: tuple[str, ...]      # hazard locations
    team_stems: tuple[str, ...]     # team names: stem + 一班/二班…
    equipment: tuple[str, ...]
    posts: tuple[str, ...]
    scenarios: tuple[str, ...]      # drill scenarios


INDUSTRIES = {i.key: i for i in (
    Industry("化工", "化工", "化工", ("化工", "化学", "精细化工", "石化", "化学品"),
             ("合成车间", "精馏车间", "罐区", "包装车间", "电仪车间", "原料库房", "装卸站台", "循环水站"),
             ("合成车间", "精馏车间", "罐区", "包装车间", "电仪车间", "装卸"),
             ("反应釜", "离心机", "输送泵", "精馏塔", "压缩机", "搅拌器", "导热油炉", "储罐"),
             ("化工操作工", "化工总控工", "巡检工", "装卸工", "仪表工", "电工", "维修钳工"),
             ("危化品泄漏", "火灾", "中毒窒息", "有限空间", "触电")),
    Industry("建筑", "建筑施工", "建筑", ("建筑工程", "建设工程", "建筑安装"),
             ("施工现场", "钢筋加工场", "木工加工区", "脚手架作业区", "项目部仓库"),
             ("钢筋", "木工", "架子", "混凝土", "水电", "机械"),
             ("塔吊", "施工升降机", "钢筋切断机", "圆盘锯", "混凝土搅拌机"),
             ("架子工", "钢筋工", "电工", "塔吊司机", "焊工", "安全员"),
             ("高处坠落", "坍塌", "触电", "火灾", "物体打击")),
    Industry("建材", "建材", "建材", ("建材", "新型建材", "水泥制品", "陶瓷"),
             ("原料车间", "成型车间", "窑炉车间", "成品库", "包装车间"),
             ("原料车间", "成型车间", "窑炉车间", "包装车间", "机修"),
             ("破碎机", "球磨机", "皮带输送机", "压砖机", "行车"),
             ("窑炉工", "压机操作工", "电工", "叉车司机", "维修工"),
             ("粉尘爆炸", "火灾", "机械伤害", "触电")),
    Industry("冶金", "冶金", "冶金", ("铸造", "金属材料", "冶金", "特钢"),
             ("熔炼车间", "铸造车间", "热处理车间", "清理车间"),
             ("熔炼车间", "铸造车间", "热处理车间", "清理车间", "机修"),
             ("中频炉", "行车", "浇注包", "抛丸机", "退火炉"),
             ("熔炼工", "浇注工", "行车工", "电工", "焊工"),
             ("高温熔融金属喷溅", "火灾", "煤气中毒", "触电")),
    Industry("交通", "交通运输", "交通", ("运输", "物流", "客运"),
             ("车队", "维修车间", "货场", "停车场"),
             ("车队", "维修", "货场", "调度"),
             ("货车", "叉车", "举升机", "罐车"),
             ("驾驶员", "押运员", "维修工", "装卸工"),
             ("交通事故", "火灾", "危化品运输泄漏")),
    Industry("非煤矿山", "非煤矿山", "非煤矿山", ("矿业",),
             ("采场", "破碎车间", "排土场"),
             ("采掘", "破碎", "运输"),
             ("破碎机", "装载机", "振动筛"),
             ("铲车司机", "破碎工", "电工"),
             ("边坡坍塌", "机械伤害", "火灾")),
    Industry("机械", "机械制造", None, ("机械", "机械制造", "精密机械", "汽车配件", "五金"),
             ("机加工车间", "装配车间", "焊接车间", "喷涂车间", "成品库"),
             ("机加工车间", "装配车间", "焊接车间", "喷涂车间", "机修"),
             ("车床", "冲床", "剪板机", "行车", "砂轮机", "电焊机"),
             ("车工", "焊工", "电工", "钳工", "喷漆工", "行车工"),
             ("火灾", "机械伤害", "触电")),
    Industry("造纸", "造纸", None, ("纸业", "造纸"),
             ("制浆车间", "抄纸车间", "完成车间", "锅炉房", "原料场"),
             ("制浆车间", "抄纸车间", "完成车间", "锅炉房"),
             ("碎浆机", "纸机", "复卷机", "锅炉", "叉车"),
             ("抄纸工", "复卷工", "司炉工", "叉车司机", "电工"),
             ("火灾", "机械伤害", "有限空间", "触电")),
    Industry("纺织", "纺织", None, ("纺织", "纺织品", "棉业"),
             ("纺纱车间", "织布车间", "整经车间", "成品库"),
             ("纺纱车间", "织布车间", "整经车间", "保全"),
             ("梳棉机", "织机", "空压机", "打包机"),
             ("挡车工", "保全工", "电工", "叉车司机"),
             ("火灾", "机械伤害")),
    Industry("食品", "食品加工", None, ("食品", "农副产品", "粮油"),
             ("加工车间", "包装车间", "冷库", "锅炉房"),
             ("加工车间", "包装车间", "冷库", "锅炉房"),
             ("蒸汽锅炉", "制冷机组", "搅拌机", "封口机"),
             ("操作工", "司炉工", "制冷工", "电工"),
             ("火灾", "氨泄漏", "机械伤害")),
    Industry("塑料", "塑料制品", None, ("塑业", "塑料制品", "橡塑"),
             ("注塑车间", "挤出车间", "造粒车间", "原料库"),
             ("注塑车间", "挤出车间", "造粒车间", "机修"),
             ("注塑机", "挤出机", "粉碎机", "空压机"),
             ("注塑工", "挤出工", "电工", "叉车司机"),
             ("火灾", "机械伤害", "触电")),
    Industry("包装", "印刷包装", None, ("包装", "彩印", "纸制品"),
             ("印刷车间", "模切车间", "糊盒车间", "原料库"),
             ("印刷车间", "模切车间", "糊盒车间"),
             ("印刷机", "模切机", "糊盒机", "叉车"),
             ("印刷工", "模切工", "电工"),
             ("火灾", "机械伤害")),
    Industry("木业", "木材加工", None, ("木业", "家具"),
             ("锯材车间", "板材车间", "喷漆车间", "成品库"),
             ("锯材车间", "板材车间", "喷漆车间"),
             ("圆锯机", "刨床", "砂光机", "除尘器"),
             ("锯工", "喷漆工", "电工"),
             ("火灾", "粉尘爆炸", "机械伤害")),
)}

# High-risk enterprises per town (DOMAIN.md §4.3): chemicals weighted to 马桥 and 索镇,
# construction to the county seat, building materials to 荆家 (news/2016-03-31). Values:
# 化工 = (enterprises, of which 危险化学品). Total 150: 化工 90 (危化 40), 建筑 26, 建材 15,
# 冶金 8, 交通 10, 非煤矿山 1.
HIGH_RISK_PLAN = {
    "chengqu": {"化工": (4, 1), "建筑": 8, "交通": 4},
    "suozhen": {"化工": (22, 10), "建筑": 4, "交通": 2},
    "qifeng": {"化工": (7, 3), "建筑": 2, "建材": 2, "冶金": 3, "交通": 1},
    "tianzhuang": {"化工": (6, 3), "建筑": 2, "建材": 2, "冶金": 1, "交通": 1},
    "jingjia": {"化工": (5, 2), "建筑": 2, "建材": 5},
    "maqiao": {"化工": (35, 16), "建筑": 2, "冶金": 2, "交通": 2},
    "xincheng": {"化工": (5, 2), "建筑": 2, "建材": 1, "冶金": 2},
    "tangshan": {"化工": (4, 2), "建筑": 2, "建材": 3, "非煤矿山": 1},
    "guoli": {"化工": (2, 1), "建筑": 2, "建材": 2},
}
OTHER_INDUSTRY_WEIGHTS = {"机械": 30, "造纸": 6, "纺织": 10, "食品": 12, "塑料": 10, "包装": 8, "木业": 6}
TOWN_INDUSTRY_BOOST = {  # 索镇: 板纸、化工、机械、纺织; 马桥: 石化、机械 (DOMAIN.md §4.1)
    "suozhen": {"造纸": 4, "纺织": 2}, "maqiao": {"机械": 1.5}, "qifeng": {"机械": 1.5, "纺织": 1.5},
    "guoli": {"食品": 2}, "tangshan": {"食品": 1.5},
}

# Named in published news articles (content/news/), so they must exist with these attributes.
FEATURED = (
    # town, name, industry, hazchem, employees
    ("chengqu", "桓台示例食品有限公司", "食品", False, 120),         # 2016-07-15 cartoon exhibition
    ("suozhen", "桓台示例纸业有限公司", "造纸", False, 326),         # 2016-03-17, 2016-10-28
    ("suozhen", "桓台示例机械有限公司", "机械", False, 184),         # 2016-03-17
    ("suozhen", "索镇泰丰示例化学品有限公司", "化工", True, 78),      # honours; tests/search/queries.yaml
    ("qifeng", "起凤示例机械有限公司", "机械", False, 146),
    ("tianzhuang", "桓台示例精细化工有限公司", "化工", True, 96),    # 2016-06-17 leak drill, 80余名职工
    ("jingjia", "荆家镇示例建材有限公司", "建材", False, 138),       # 2016-06-17 fire drill, 2016-10-28
    ("maqiao", "桓台示例化工有限公司", "化工", True, 268),           # 2016-02-26, 2016-10-28, 2016-12-28
    ("maqiao", "马桥示例石化有限公司", "化工", True, 412),
    ("maqiao", "马桥华达示例精细化工有限公司", "化工", False, 121),   # honours; tests/search/queries.yaml
    ("xincheng", "桓台示例新材料有限公司", "化工", False, 180),      # 2016-09-23 training on site
    ("tangshan", "桓台示例金属制品有限公司", "机械", False, 150),    # 2016-08-19, 2016-10-28
    ("guoli", "桓台示例建材有限公司", "建材", False, 110),           # 2016-08-19
)
FEATURED_NAMES = frozenset(f[1] for f in FEATURED)
# Honours pinned to named firms, because the site-search tests look them up by name.
CONTEST_WINNER_FIRM = {"化工总控工": "索镇泰丰示例化学品有限公司"}
MODEL_TEAM_FIRMS = {"桓台示例化工有限公司": "罐区一班",       # its union spoke at the year-end meeting
                    "马桥华达示例精细化工有限公司": "合成车间一班"}
# Towns whose unions spoke as models at the year-end meeting (news/2016-12-28): they get the
# 优秀组织奖, report on time, and hold no disqualified enterprise.
MODEL_TOWNS = ("maqiao", "chengqu")
NAME_CHARS_1 = "宏金鑫恒华瑞天永博润德汇富盛嘉利昌兴隆泰"
NAME_CHARS_2 = "达源信丰成安通泰远祥和辉顺发宇诚基康"
SAFETY_CONTACTS = ("安全科科长", "安全环保部部长", "安全员", "办公室主任", "企业工会主席", "生产副总经理")


@dataclass
class Ent:
    """An enterprise record plus what other sections need to know about it."""

    record: dict
    town: Town
    industry: Industry
    team_names: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.record["id"]

    @property
    def employees(self) -> int:
        return self.record["employees"]

    @property
    def unionized(self) -> bool:
        return self.record["unionized"]

    @property
    def high_risk(self) -> str | None:
        return self.record.get("high_risk")

    @property
    def hazchem(self) -> bool:
        return self.record.get("hazchem", False)

    @property
    def size_is_sme(self) -> bool:
        """非公中小企业: the focus group of the campaign."""
        return self.record["ownership"] == "非公" and self.record["size"] != "大型"


_CN_DIGITS = "零一二三四五六七八九"


def cn_number(n: int) -> str:
    """1..99 in Chinese numerals: 1 一, 10 十, 12 十二, 21 二十一."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def team_names(industry: Industry, count: int) -> tuple[str, ...]:
    """Deterministic team names, spread over the industry's workshops: 合成车间一班, 罐区一班, …"""
    stems = industry.team_stems
    return tuple(f"{stems[i % len(stems)]}{cn_number(i // len(stems) + 1)}班" for i in range(count))


def gen_enterprises(rng: random.Random, phones: Phones) -> list[Ent]:
    """≈900 fictional enterprises, ids QY-0001… in town order; ≈65% unionized, 150 high-risk."""
    ents: list[Ent] = []
    names: set[str] = set(FEATURED_NAMES)
    for town in TOWNS:
        slots: list[tuple[str, bool]] = []  # (industry key, hazchem)
        for key, plan in HIGH_RISK_PLAN[town.id].items():
            count, hazchem = plan if isinstance(plan, tuple) else (plan, 0)
            slots += [(key, i < hazchem) for i in range(count)]
        featured = [f for f in FEATURED if f[0] == town.id]
        for f in featured:  # featured firms take one of the planned slots
            slot = (f[2], f[3])
            if slot in slots:
                slots.remove(slot)
        weights = {k: w * TOWN_INDUSTRY_BOOST.get(town.id, {}).get(k, 1) for k, w in OTHER_INDUSTRY_WEIGHTS.items()}
        keys = sorted(weights)
        while len(slots) + len(featured) < town.enterprises:
            slots.append((rng.choices(keys, weights=[weights[k] for k in keys])[0], False))
        rng.shuffle(slots)
        plan = [(f[2], f[3], f[1], f[4]) for f in featured] + [(k, h, None, None) for k, h in slots]
        for key, hazchem, fixed_name, fixed_employees in plan:
            industry = INDUSTRIES[key]
            name = fixed_name or _company_name(rng, town, industry, names)
            ents.append(_enterprise(rng, phones, len(ents) + 1, town, industry, hazchem, name, fixed_employees))
    return ents


def _company_name(rng: random.Random, town: Town, industry: Industry, used: set[str]) -> str:
    while True:
        name = (f"{town.company_prefix}{rng.choice(NAME_CHARS_1)}{rng.choice(NAME_CHARS_2)}"
                f"示例{rng.choice(industry.name_words)}有限公司")
        if name not in used:
            used.add(name)
            return name


def _enterprise(rng, phones, number, town, industry, hazchem, name, fixed_employees) -> Ent:
    high_risk = industry.high_risk
    # Most high-risk firms have a union (the campaign pushed them first); small firms often
    # join a 联合工会. p=0.61 for the rest gives ≈65% overall.
    unionized = fixed_employees is not None or rng.random() < (0.82 if high_risk else 0.61)
    if fixed_employees is not None:
        employees = fixed_employees
    elif unionized:
        scale = 1.25 if high_risk == "化工" else 1.0
        employees = int(min(800, max(20, rng.lognormvariate(math.log(80 * scale), 0.72))))
    else:
        employees = int(min(200, max(20, rng.lognormvariate(math.log(38), 0.5))))
    if employees >= 600 and industry.key in ("化工", "造纸") and rng.random() < 0.5:
        size = "大型"  # large by revenue (化工/造纸), even below 1000 staff
    else:
        size = "中型" if employees >= 300 else "小型"
    roll = rng.random()
    ownership = "非公" if roll < 0.88 else "集体" if roll < 0.93 else "国有" if roll < 0.97 else "外资"
    if industry.key == "交通" and rng.random() < 0.3:
        ownership = "国有"  # bus and freight companies of the county
    teams = max(2, round(employees / 12 * rng.uniform(0.85, 1.15)))
    record = {
        "id": f"QY-{number:04d}", "name": name, "town": town.id, "industry": industry.label,
        "high_risk": high_risk, "hazchem": bool(hazchem), "ownership": ownership, "size": size,
        "unionized": unionized,
        "union_type": (("联合工会" if employees < 50 and rng.random() < 0.7 else "独立工会") if unionized else None),
        "employees": employees, "teams": teams,
        "address": f"桓台县{town.name}示例工业园{cn_number(rng.randint(1, 9))}号路{rng.randint(1, 199)}号",
        "contact": rng.choice(SAFETY_CONTACTS), "phone": phones.next(),
    }
    return Ent(record, town, industry, team_names(industry, teams))


def choose_disqualified(rng: random.Random, ents: list[Ent]) -> Ent:
    """The one enterprise that loses 安康杯 eligibility; later sections give it a poor record
    (one drill with teams missing, coverage below 100%, an overdue hazard)."""
    pool = [e for e in ents if e.unionized and not e.high_risk and 60 <= e.employees <= 200
            and e.record["name"] not in FEATURED_NAMES and e.town.id not in MODEL_TOWNS]
    return rng.choice(pool)


# ================================================================ people (fictional)

SURNAMES = ("王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
            "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴孔")
MALE_GIVEN = ("建国", "建军", "志强", "志刚", "永强", "海涛", "国庆", "立新", "文斌", "晓明", "海军", "宏伟", "春雷",
              "德胜", "俊杰", "玉成", "洪涛", "卫东", "明亮", "建华", "庆丰", "新民", "光辉", "振华", "鹏飞", "金亮",
              "长青", "传军", "兆峰", "学军", "伟", "强", "磊", "勇", "军", "杰", "涛", "超", "刚", "斌", "鹏", "辉",
              "波", "峰", "亮", "健", "凯", "龙", "东", "林")
FEMALE_GIVEN = ("秀英", "桂兰", "玉梅", "丽娟", "海燕", "晓红", "春梅", "红霞", "雪梅", "丽华", "淑珍", "美玲", "晓燕",
                "玉兰", "凤英", "秀芳", "静", "芳", "敏", "丽", "娟", "燕", "霞", "玲", "红", "梅", "莉", "萍", "洁",
                "琳", "颖", "婷", "慧", "艳")


class Names:
    """Ordinary fictional names (2–3 characters), each handed out once across the whole site."""

    def __init__(self, rng: random.Random):
        self.rng, self.used = rng, set()

    def next(self) -> str:
        while True:
            given = self.rng.choice(MALE_GIVEN if self.rng.random() < 0.75 else FEMALE_GIVEN)
            name = self.rng.choice(SURNAMES) + given
            if name not in self.used:
                self.used.add(name)
                return name


# ================================================================ hazard ledger: templates

S, H = "安全生产", "职业健康"
# Per 六查 category: (description, nature, domain, measures, possible levels, industries or None).
# {ws} workshop, {eq} equipment, {post} post, {n} a small number.
HAZARD_TEMPLATES = {
    "C1": (
        ("{ws}交接班记录填写不全，设备运行异常情况未记录", "管理", S,
         "完善交接班记录格式，班组长每班检查签字，车间每周抽查", ("班组", "车间"), None),
        ("{ws}现行安全操作规程未张贴上墙，部分职工不熟悉规程内容", "管理", S,
         "张贴现行版操作规程，组织班组逐条学习并考试", ("班组", "车间"), None),
        ("{ws}动火作业票未经安全部门审批即开始作业", "管理", S,
         "暂停相关作业，修订动火作业审批流程，作业前由安全科复核签字", ("车间", "企业"), None),
        ("特种作业人员持证台账未及时更新，{n}名{post}操作证过期未复审", "管理", S,
         "安排过期人员参加复审，复审前调离特种作业岗位，更新持证台账", ("企业",), None),
        ("外来施工人员进入{ws}前未进行入场安全教育", "管理", S,
         "补做入场安全教育并考核，建立外来人员教育登记台账", ("车间", "企业"), None),
        ("{ws}未按规定开展班前安全讲话，记录缺失", "管理", S,
         "恢复班前会制度，班组长每班讲安全要点并记录", ("班组",), None),
        ("{ws}未设置职业病危害告知卡，职工不了解岗位职业危害", "管理", H,
         "在岗位醒目位置设置职业病危害告知卡，组织职工学习", ("车间",), None),
        ("安全生产责任制未覆盖{ws}新增岗位", "管理", S,
         "修订安全生产责任制，明确新增岗位职责并签订责任书", ("企业",), None),
    ),
    "C2": (
        ("{ws}职工检修{eq}时未执行停电挂牌上锁", "人", S,
         "现场纠正，组织检修人员学习能量隔离和挂牌上锁规定，配发专用锁具", ("个人岗位", "班组"), None),
        ("{ws}职工登高作业未系安全带", "人", S,
         "现场纠正违章行为，作业前由班组长检查安全带佩戴情况", ("个人岗位", "班组"), None),
        ("厂区叉车驾驶员超速行驶，倒车时无人指挥", "人", S,
         "对驾驶员进行教育，厂区设置限速标志，倒车时安排专人指挥", ("个人岗位", "班组"), None),
        ("{ws}有限空间作业前未进行气体检测", "人", S,
         "停止作业，严格执行先通风、再检测、后作业，配备气体检测仪和专人监护", ("班组", "车间"), None),
        ("{ws}职工开启{eq}前未按规程进行开机前检查", "人", S,
         "组织岗位职工重新学习操作规程，开机前检查表纳入交接班内容", ("个人岗位", "班组"), None),
        ("{ws}职工在{eq}运行中清理物料", "人", S,
         "现场纠正，在设备旁张贴“运行中禁止清理”警示，清理前必须停机", ("个人岗位", "班组"), None),
        ("{ws}卸车时未连接静电接地线即开始卸料", "人", S,
         "立即停止作业，连接静电接地后方可卸料，装卸前由班长确认", ("个人岗位", "班组"), ("化工", "交通")),
        ("{ws}动火作业未清理周边可燃物、未配备灭火器", "人", S,
         "清理动火点周边可燃物，配备灭火器并安排专人监火", ("个人岗位", "班组"), None),
        ("{ws}交叉作业未设置隔离防护", "人", S,
         "调整作业顺序，交叉作业区设置硬隔离和警示标志", ("班组", "车间"), ("建筑",)),
    ),
    "C3": (
        ("{ws}{eq}防护罩缺失", "物", S, "加装防护罩并与设备启动联锁", ("班组", "车间"), None),
        ("{ws}{eq}急停按钮失灵", "物", S, "更换急停按钮，试验合格后方可使用", ("车间",), None),
        ("{ws}{eq}安全阀超期未校验", "物", S, "委托有资质单位校验安全阀，校验期间降压运行", ("车间", "企业"),
         ("化工", "造纸", "食品", "纺织")),
        ("{ws}{eq}联锁保护装置被短接", "物", S, "恢复联锁保护，确需短接的履行审批手续", ("车间",), None),
        ("{ws}皮带输送机尾轮未设防护栏", "物", S, "在尾轮处加装防护栏和警示标志", ("班组", "车间"),
         ("建材", "造纸", "食品", "非煤矿山", "冶金")),
        ("{ws}电气线路老化，配电箱门未关闭", "物", S, "更换老化线路，配电箱加锁并设置警示标识", ("车间",), None),
        ("{ws}{eq}接地线松动", "物", S, "紧固接地线并测量接地电阻", ("班组", "车间"), None),
        ("{ws}行车钢丝绳断丝超标仍在使用", "物", S, "更换钢丝绳，建立起重设备日常检查记录", ("车间", "企业"),
         ("机械", "冶金", "建材", "造纸")),
        ("{ws}塔吊力矩限位装置失效", "物", S, "停用塔吊，由维保单位修复限位装置并检测合格", ("企业",), ("建筑",)),
    ),
    "C4": (
        ("{ws}{post}岗位未配备防毒面具", "管理", H, "为岗位配备合格防毒面具并培训使用方法", ("车间", "企业"), ("化工",)),
        ("{ws}噪声岗位职工未佩戴耳塞", "人", H, "发放耳塞并督促佩戴，班组长每班检查", ("个人岗位", "班组"), None),
        ("{ws}职工防护手套破损未及时更换", "物", S, "更换防护手套，按规定周期发放", ("个人岗位", "班组"), None),
        ("{ws}粉尘作业岗位未配备防尘口罩", "管理", H, "配备符合标准的防尘口罩，建立发放台账", ("班组", "车间"),
         ("建材", "冶金", "木业", "纺织", "机械", "非煤矿山")),
        ("劳保用品发放台账不全，部分职工安全鞋超期未更换", "管理", S, "补齐发放台账，按标准为职工更换安全鞋",
         ("车间", "企业"), None),
        ("{ws}焊接作业人员未佩戴防护面罩", "人", H, "现场纠正并配发焊接面罩，班组长每班检查", ("个人岗位", "班组"), None),
        ("{ws}高温岗位未配备防暑降温用品", "管理", H, "配备防暑降温饮品和药品，调整高温时段作业安排", ("车间",), None),
    ),
    "C5": (
        ("{ws}安全通道堆放物料", "物", S, "清理通道内物料，划定物料定置区并标线", ("个人岗位", "班组"), None),
        ("{ws}气瓶未固定，空瓶与实瓶混放", "物", S, "设置气瓶固定架，空瓶、实瓶分区存放并挂牌", ("班组", "车间"), None),
        ("{ws}消防器材前堆放杂物", "物", S, "清理消防器材周边杂物，划定禁止占用区域", ("个人岗位", "班组"), None),
        ("{ws}危险化学品暂存区物料超量存放", "物", S, "将超量物料退回仓库，按定置图限量存放", ("车间",), ("化工",)),
        ("{ws}工具随意摆放，未按定置图放置", "物", S, "设置工具定置架，班后清点归位", ("个人岗位", "班组"), None),
        ("{ws}定置管理图与现场不符", "管理", S, "重新绘制定置管理图并按图整改现场", ("车间",), None),
        ("{ws}成品堆垛过高，超过规定限高", "物", S, "降低堆垛高度，设置限高标识", ("班组", "车间"),
         ("造纸", "建材", "纺织", "包装", "食品", "塑料")),
    ),
    "C6": (
        ("{ws}可燃气体报警器未定期标定", "物", S, "委托计量单位标定报警器，建立标定台账", ("车间", "企业"), ("化工",)),
        ("{ws}{eq}温度压力远传仪表故障", "物", S, "维修更换仪表，故障期间增加现场巡检频次", ("车间",), ("化工",)),
        ("配电室防小动物挡板缺失", "物", S, "加装防小动物挡板，门口设置警示标识", ("班组", "车间"), None),
        ("{ws}静电接地报警装置失效", "物", S, "更换静电接地报警装置并试验合格", ("车间",), ("化工", "交通")),
        ("{ws}重点部位巡检记录缺失", "管理", S, "明确重点部位巡检路线和频次，巡检记录每班签字", ("班组", "车间"), None),
        ("{ws}应急照明和疏散指示标志损坏", "物", S, "更换应急照明灯和疏散指示标志并定期试验", ("班组", "车间"), None),
        ("{ws}锅炉水位计模糊不清", "物", S, "清洗或更换水位计，加强锅炉巡检", ("车间",), ("造纸", "食品", "纺织")),
        ("{ws}基坑临边防护栏杆缺失", "物", S, "按规范设置临边防护栏杆和挡脚板", ("班组", "车间"), ("建筑",)),
        ("{ws}熔炼炉周边地面有积水", "物", S, "清除积水并查明漏水点，炉前保持干燥", ("个人岗位", "班组"), ("冶金",)),
    ),
}
CATEGORY_WEIGHTS = {"C1": 15, "C2": 20, "C3": 25, "C4": 12, "C5": 15, "C6": 13}
CONTINGENCY = (
    "整改完成前设置警戒线和警示标志，安排专人监护",
    "整改期间停用相关设备，挂“禁止操作”牌",
    "整改期间加强巡检，每班检查不少于2次",
    "配备临时防护设施，作业前由班组长确认",
    "整改期间调整作业安排，无关人员不得进入",
)
CONTINGENCY_CHEM = "现场配备应急器材，明确泄漏、火灾应急处置程序，整改期间加密巡检"

# Level: (weight, planned deadline days, closure delay triangular (low, high, mode), funds range, rounding)
LEVEL_PLAN = {
    "个人岗位": (0.22, (0, 3), (1, 15, 3), (0, 300), 10),
    "班组": (0.30, (2, 10), (2, 36, 15), (100, 2000), 50),
    "车间": (0.36, (5, 30), (6, 40, 30), (500, 12000), 100),
    "企业": (0.12, (15, 45), (12, 40, 34), (3000, 60000), 500),
}
RESPONSIBLE = {
    "个人岗位": ("当班班长", "岗位操作工"),
    "班组": ("班组长",),
    "车间": ("车间主任", "设备科科长", "车间安全员"),
    "企业": ("安全科科长", "设备科科长", "生产副总经理"),
}
ENTERPRISE_UNITS = ("安全科", "设备科", "生产技术部", "综合办公室")
ACCEPTERS = {
    "个人岗位": ("班组长", "车间安全员"),
    "班组": ("车间安全员、班组工会小组长", "车间主任"),
    "车间": ("安全科科长、企业工会主席", "设备科科长、车间主任"),
    "企业": ("生产副总经理、企业工会主席", "安全科科长、企业工会主席"),
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


_NOT_PRODUCTION = ("库", "货场", "停车场", "调度", "排土场", "原料场", "项目部")


def production_workshops(industry: Industry) -> tuple[str, ...]:
    """Workshops where machines stand: a text naming a machine never puts it in a store room."""
    return tuple(w for w in industry.workshops if not any(mark in w for mark in _NOT_PRODUCTION))


def _fill(rng: random.Random, text: str, ent: Ent, ws: str) -> str:
    return text.format(ws=ws, eq=rng.choice(ent.industry.equipment), post=rng.choice(ent.industry.posts),
                       n=rng.randint(2, 5))


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
        if day not in _HOLIDAYS or rng.random() < 0.3:
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
                   order: int, force: str | None = None) -> Hazard:
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
        "description": _fill(rng, text, ent, ws), "grade": "一般",
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


# The 重大 hazards and their 挂牌督办 listings are written by hand: with only a dozen, their
# story (listed, delisted, still open) must be told on purpose. ≈70% of the 重大 found by
# 04-30 are closed by 04-30, as in the provincial January 2016 figures (DOMAIN.md §4.2).
# Fields: town, filter, found_on, category, description, workshop, outcome, listing, source, funds (万元).
#   outcome: ("closed", closed_on) | ("open", deadline) | ("escalated", deadline)
#   listing: None | (listed_on, deadline, delisted_on or None)
MAJOR_HAZARDS = (
    ("maqiao", "hazchem", D(2016, 1, 22), "C6", "液氯储罐区未设置泄漏检测报警和紧急切断装置", "罐区",
     ("closed", D(2016, 4, 15)), (D(2016, 1, 29), D(2016, 4, 30), D(2016, 4, 15)), "职工排查", 68),
    ("suozhen", "hazchem", D(2016, 2, 24), "C3", "涉及重点监管危险工艺（氯化）的反应装置未实现自动化控制", "合成车间",
     ("closed", D(2016, 4, 28)), (D(2016, 3, 4), D(2016, 5, 31), D(2016, 4, 28)), "工会检查", 120),
    ("maqiao", "化工", D(2016, 3, 9), "C5", "甲类仓库内违规设置员工休息室", "原料库房",
     ("closed", D(2016, 3, 25)), None, "职工排查", 3),
    ("chengqu", "建筑", D(2016, 3, 16), "C6", "深基坑支护结构出现变形，未按专项方案设置监测点", "施工现场",
     ("closed", D(2016, 4, 8)), None, "督导检查", 15),
    ("qifeng", "冶金", D(2016, 3, 28), "C3", "熔炼炉冷却水系统无备用电源和应急水源", "熔炼车间",
     ("closed", D(2016, 7, 28)), (D(2016, 4, 12), D(2016, 7, 31), D(2016, 7, 28)), "企业自查", 45),
    ("maqiao", "hazchem", D(2016, 4, 6), "C3", "在役压力容器超期未检验仍继续使用", "合成车间",
     ("closed", D(2016, 4, 26)), None, "职工排查", 8),
    ("suozhen", "化工", D(2016, 4, 19), "C5", "生产装置与相邻甲类罐区防火间距不足", "罐区",
     ("listed", D(2017, 4, 30)), (D(2016, 5, 6), D(2017, 4, 30), None), "督导检查", 260),
    ("jingjia", "建材", D(2016, 5, 17), "C3", "煤粉制备系统未设置防爆泄压和惰化措施", "原料车间",
     ("closed", D(2016, 7, 5)), None, "工会检查", 36),
    ("tianzhuang", "hazchem", D(2016, 7, 12), "C6", "硝化装置安全仪表系统联锁长期摘除", "合成车间",
     ("closed", D(2016, 8, 10)), None, "职工排查", 12),
    ("maqiao", "hazchem", D(2016, 10, 18), "C6", "液化烃装车栈台未设置紧急切断和静电接地报警装置", "装卸站台",
     ("listed", D(2017, 2, 28)), (D(2016, 10, 28), D(2017, 2, 28), None), "举报", 55),
    ("xincheng", "化工", D(2016, 11, 22), "C2", "有限空间作业场所未辨识，无通风和气体检测设施", "罐区",
     ("open", D(2017, 1, 20)), None, "工会检查", 6),
    ("chengqu", "交通", D(2016, 12, 8), "C3", "危险化学品运输罐车罐体超期未检验仍在运营", "车队",
     ("escalated", D(2017, 1, 31)), None, "督导检查", 4),
)
MAJOR_MEASURES = {
    "C3": "停用相关装置，委托有资质单位制定并实施治理方案，改造完成后经评估验收",
    "C5": "腾退违规设施，按规范重新布置，治理期间限量储存",
    "C6": "增设检测报警、紧急切断和远程监控设施，完善联锁并组织验收",
    "C2": "停止相关作业，完成辨识、设置警示标志，配备通风和气体检测设备，建立作业审批制度",
}
LISTING_ORG = "桓台县安全生产委员会办公室"


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


# Ledger rows described in news articles; all 一般 and closed within days. The descriptions
# are the ledger's own wording, never the article's: a handbook-level text quoted verbatim on
# a public page fails the builder's privacy scan (builder/privacy.py).
# (firm, found_on, location, category, nature, description, level, measures, funds, deadline,
#  rectified_on, closed_on, source, reporter_ref)
FEATURED_HAZARDS = (
    # news/2016-02-26: fixed the same day / waited for spare parts with interim measures
    ("桓台示例化工有限公司", D(2016, 2, 3), "罐区", "C6", "物", "罐区1号围堰排水阀密封失效，雨水积存", "车间",
     "更换围堰排水阀，雨后及时排水并复位关闭", 1200, D(2016, 2, 4), D(2016, 2, 3), D(2016, 2, 5), "职工排查", "R-0001"),
    ("桓台示例化工有限公司", D(2016, 2, 5), "装卸站台", "C6", "物", "装卸站台静电接地报警装置故障，待购配件更换", "企业",
     "采购原厂配件更换静电接地报警装置，更换后试验合格", 8600, D(2016, 2, 29), D(2016, 2, 24), D(2016, 2, 26),
     "职工排查", "R-0002"),
    # news/2016-06-17: found in the review after the leak drill
    ("桓台示例精细化工有限公司", D(2016, 6, 14), "罐区", "C6", "管理", "罐区应急物资柜钥匙由专人保管，夜班取用不便", "班组",
     "应急物资柜改用玻璃破拆式钥匙盒，钥匙挂放在柜旁醒目位置", 300, D(2016, 6, 21), D(2016, 6, 17), D(2016, 6, 22),
     "职工排查", "R-0003"),
    ("桓台示例精细化工有限公司", D(2016, 6, 14), "包装车间", "C5", "物", "包装车间疏散指示牌被成品堆垛遮挡", "个人岗位",
     "清理遮挡物料，划定疏散指示牌前禁止堆放区域", 0, D(2016, 6, 15), D(2016, 6, 14), D(2016, 6, 16),
     "职工排查", "R-0004"),
    # news/2016-09-23: found by trainees on site, registered by the enterprise union
    ("桓台示例新材料有限公司", D(2016, 9, 22), "合成车间", "C3", "物", "合成车间搅拌器防护罩固定螺栓缺失", "班组",
     "补齐固定螺栓并紧固防护罩，班组每班检查", 50, D(2016, 9, 24), D(2016, 9, 22), D(2016, 9, 26), "工会检查", None),
    ("桓台示例新材料有限公司", D(2016, 9, 22), "合成车间", "C5", "物", "合成车间通道标线磨损，边界看不清", "车间",
     "重新施划通道标线和物料定置线", 1800, D(2016, 9, 30), D(2016, 9, 28), D(2016, 10, 10), "工会检查", None),
    ("桓台示例新材料有限公司", D(2016, 9, 22), "包装车间", "C4", "人", "包装车间1名职工投料时未戴护目镜", "个人岗位",
     "现场纠正，班组长每班检查护目镜佩戴情况", 0, D(2016, 9, 22), D(2016, 9, 22), D(2016, 9, 23), "工会检查", None),
)


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
    hazards.append(general_hazard(rng, reporters, disqualified, D(2016, 9, 12), "工会检查", len(hazards),
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
            h = general_hazard(rng, reporters, ent_by_id[v["enterprise"]], v["date"], "督导检查", len(hazards))
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
        hazards.append(general_hazard(rng, reporters, ent, _found_date(rng), source, len(hazards)))

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


def gen_listings(listed: list[tuple[dict, tuple]], ents: dict[str, Ent]) -> list[dict]:
    """挂牌督办 notices for the listed 重大 hazards, numbered by listing date."""
    records = []
    for n, (hazard, (listed_on, deadline, delisted_on)) in enumerate(sorted(listed, key=lambda x: x[1][0]), 1):
        ent = ents[hazard["enterprise"]]
        town = ent.town
        records.append(ordered("listings", {
            "id": f"GP-2016-{n:02d}", "hazard": hazard["id"], "listing_no": f"桓安办督〔2016〕{n}号",
            "listing_org": LISTING_ORG, "supervising_unit": f"桓台县安监局、{town.name}人民政府"
            if town.type == "镇" else "桓台县安监局、城区街道办事处",
            "summary": f"{ent.record['name']}（{town.name}）{hazard['description']}，"
                       f"责令企业落实整改责任、措施、资金、时限和预案，限期完成治理。",
            "listed_on": listed_on, "deadline": deadline,
            "status": "已摘牌" if delisted_on else "挂牌督办中", "delisted_on": delisted_on,
        }))
    return records


# ================================================================ supervision visits

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



# ================================================================ training and drills

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


def gen_training_coverage(rng: random.Random, ents: list[Ent], disqualified: Ent) -> list[dict]:
    """One row per unionized firm: 97–100% of staff trained, most exactly 100%."""
    records = []
    for e in ents:
        if not e.unionized:
            continue
        if e is disqualified:
            share = 0.97
        else:
            share = 1.0 if rng.random() < 0.85 else rng.uniform(0.97, 0.995)
        trained = min(e.employees, max(math.ceil(e.employees * 0.97), int(e.employees * share)))
        records.append(ordered("training_coverage", {"enterprise": e.id, "employees": e.employees, "trained": trained}))
    return records


DRILL_EVALUATIONS = (
    "演练组织有序，职工能按疏散路线撤离，用时{m}分钟；应急器材取用熟练。",
    "演练达到预期目的；个别职工对集合点位置不熟悉，已安排补训。",
    "报警、处置、疏散环节衔接顺畅；建议增加夜班演练。",
    "演练基本达到要求；应急广播音量不足，已安排整改。",
    "职工逃生自救意识明显增强；现场指挥分工需进一步明确。",
)


# First drills described in news/2016-06-17: date, scenario, participants (None: computed).
FEATURED_DRILLS = {
    "桓台示例精细化工有限公司": (D(2016, 6, 14), "危化品泄漏", 83),
    "荆家镇示例建材有限公司": (D(2016, 6, 15), "火灾", None),
}


def gen_drills(rng: random.Random, ents: list[Ent], disqualified: Ent) -> dict[str, list[dict]]:
    """≥2 drills per unionized firm (a few with only one, a few with teams missing)."""
    unionized = [e for e in ents if e.unionized]
    ordinary = [e.id for e in unionized if e is not disqualified and e.record["name"] not in FEATURED_NAMES]
    one_only = {disqualified.id} | set(rng.sample(ordinary, 4))
    windows = [(D(2016, 2, 15), D(2016, 6, 17)), (D(2016, 7, 1), D(2016, 11, 30)), (D(2016, 9, 1), D(2016, 12, 16))]
    plans = []
    for e in unionized:
        count = 1 if e.id in one_only else (3 if e.high_risk and rng.random() < 0.3 else 2)
        for i in range(count):
            fixed = FEATURED_DRILLS.get(e.record["name"]) if i == 0 else None
            plans.append((fixed[0] if fixed else pick_workday(rng, *windows[i]), e, fixed))
    plans.sort(key=lambda p: (p[0], p[1].id))
    by_town: dict[str, list[dict]] = defaultdict(list)
    for n, (day, e, fixed) in enumerate(plans, 1):
        total = e.record["teams"]
        partial = e is disqualified or (not fixed and total >= 3 and rng.random() < 0.03)
        participating = total - (rng.randint(1, min(2, total - 1)) if partial else 0)
        participants = max(participating, int(e.employees * (participating / total) * rng.uniform(0.75, 0.98)))
        if fixed and fixed[2]:
            participants = fixed[2]
        by_town[e.town.id].append(ordered("drills", {
            "id": f"YL-2016-{n:04d}", "enterprise": e.id, "date": day,
            "scenario": fixed[1] if fixed else rng.choice(e.industry.scenarios),
            "teams_participating": participating, "teams_total": total, "participants": participants,
            "evaluation": rng.choice(DRILL_EVALUATIONS).format(m=rng.randint(3, 9))
            + ("部分班组未参加，已要求补演。" if partial else ""),
        }))
    return {t.id: by_town[t.id] for t in TOWNS}


# ================================================================ golden ideas, contest, teams, awards

P_SELF, P_OTHERS, P_EQUIP, P_ENV = "保自身安全", "保他人安全", "保设备安全", "保环境安全"
SAFE, GREEN, LOWC = "促安全发展", "促绿色发展", "促低碳发展"
IDEA_TEMPLATES = {
    "C1": (
        ("建立{ws}隐患随手登记制度", "职工发现隐患后多为口头报告，容易遗漏，整改情况无人跟踪。",
         "在班组设隐患登记本，发现即登记；班组长每日汇总报企业工会，整改后由发现人确认销号。",
         "隐患登记不漏项，整改过程可追溯。", (P_SELF, P_OTHERS), (SAFE,)),
        ("交接班增加“安全交底”环节", "交接班只交生产情况，设备异常和作业风险交代不清。",
         "交接班记录增加安全交底栏，接班人确认签字后方可接班。", "减少因信息不清造成的误操作。", (P_SELF, P_EQUIP), (SAFE,)),
    ),
    "C2": (
        ("编制{eq}岗位操作口袋卡", "操作规程篇幅长，新职工记不住{eq}开停机和异常处置的关键步骤。",
         "把关键步骤和禁止事项印成口袋卡，职工随身携带，班前会抽查。", "新职工上手快，违章操作减少。", (P_SELF,), (SAFE,)),
        ("检修推行“一人一锁一牌”", "多人检修同一台设备时，有人误送电的风险。",
         "每名检修人员配个人专用锁和标识牌，全部人员解锁后方可送电。", "杜绝检修中误送电。", (P_SELF, P_OTHERS), (SAFE,)),
        ("推行“手指口述”确认法", "{ws}职工操作时凭经验，关键步骤容易漏项。",
         "关键操作前手指设备、口述确认要点，班组长每周抽查。", "提高操作准确性。", (P_SELF, P_EQUIP), (SAFE,)),
    ),
    "C3": (
        ("{eq}加装联锁防护门", "{ws}{eq}运行时防护门可以打开，存在卷入风险。",
         "在防护门上加装行程开关，与设备电源联锁，门开即停机。", "杜绝运行中误入危险区域。", (P_SELF, P_EQUIP), (SAFE,)),
        ("{eq}传动部位加装透明防护罩", "{eq}传动部位防护罩为铁板，巡检看不到运行情况，常被拆下。",
         "改用透明防护罩，既能观察又不用拆卸。", "防护罩不再被随意拆除。", (P_SELF, P_EQUIP), (SAFE,)),
        ("皮带机加装拉绳急停开关", "皮带机较长，发生卷入时职工够不到急停按钮。",
         "沿皮带机全长加装拉绳急停开关。", "任何位置都能紧急停机。", (P_SELF, P_OTHERS), (SAFE,)),
    ),
    "C4": (
        ("劳保用品以旧换新登记卡", "劳保用品损坏后职工嫌麻烦不去更换，带病使用。",
         "班组设以旧换新登记卡，损坏即换，由班组长签字领取。", "劳保用品始终完好有效。", (P_SELF,), (SAFE,)),
        ("噪声岗位设置耳塞取用盒", "耳塞集中发放，职工忘带时就不戴。",
         "在噪声岗位入口设耳塞取用盒，随用随取。", "耳塞佩戴率明显提高。", (P_SELF,), (SAFE, GREEN)),
    ),
    "C5": (
        ("{ws}推行工具形迹管理", "工具随手乱放，取用时间长，还有掉落伤人的风险。",
         "在工具柜内按工具外形画出轮廓定位，用后归位，缺失一目了然。", "现场整洁，减少找工具时间。", (P_SELF, P_OTHERS), (SAFE,)),
        ("气瓶存放区改为分隔式固定架", "气瓶靠墙摆放，空瓶、实瓶混放，容易倾倒。",
         "制作分隔式固定架，空瓶、实瓶分区并挂状态牌。", "防止气瓶倾倒和误用。", (P_SELF, P_OTHERS), (SAFE,)),
    ),
    "C6": (
        ("重点部位巡检设置打卡点", "巡检凭自觉，重点部位有漏检现象。",
         "在{ws}重点部位设置巡检打卡点，巡检记录自动留存。", "重点部位巡检不漏项。", (P_EQUIP, P_ENV), (SAFE,)),
        ("关键阀门加装颜色状态标识", "阀门开关状态看不清，交接班时容易误判。",
         "常开阀门挂绿牌、常关阀门挂红牌，状态变化及时换牌。", "减少误操作。", (P_EQUIP, P_OTHERS), (SAFE,)),
        ("蒸汽冷凝水回收利用", "{ws}冷凝水直接排放，既浪费热量又造成地面湿滑。",
         "加装冷凝水回收管路，送回锅炉房再利用。", "节约用水用煤，消除地面湿滑。", (P_ENV, P_SELF), (GREEN, LOWC)),
        ("照明改用LED并分区控制", "{ws}照明灯具老旧，亮度不足，耗电大。",
         "更换LED灯具，按作业区分区控制。", "照度提高，耗电下降。", (P_SELF, P_ENV), (LOWC, SAFE)),
    ),
}
IDEA_AWARDS = (("一等奖", 3), ("二等奖", 6), ("三等奖", 9), ("优秀奖", 12))
IDEAS_ADOPTED = 60  # ≈10% of 600 (DOMAIN.md §4.3), the 30 awarded included
# The four ideas cited in news/2016-10-28; all adopted and awarded.
# (firm, post, submitted_on, category, title, problem, proposal, benefit, protects, promotes, award)
FEATURED_IDEAS = (
    ("桓台示例化工有限公司", "化工操作工", D(2016, 3, 15), "C6", "装卸区设置静电接地状态指示灯",
     "装卸作业时静电接地夹是否连接可靠，只能靠人工查看，容易疏忽。",
     "在装卸区设置静电接地状态指示灯，接地可靠时亮绿灯，作业人员一眼就能确认。", "杜绝未可靠接地即开始装卸。",
     (P_SELF, P_EQUIP), (SAFE,), "一等奖"),
    ("桓台示例纸业有限公司", "维修工", D(2016, 4, 8), "C2", "检修挂牌上锁配置带照片的个人专用锁",
     "多人检修同一台设备时锁具外观相同，分不清是谁上的锁，存在误送电风险。",
     "为每名检修人员配置贴有本人照片的个人专用锁，全部人员本人解锁后方可送电。", "避免检修中误送电。",
     (P_SELF, P_OTHERS), (SAFE,), "二等奖"),
    ("荆家镇示例建材有限公司", "班组长", D(2016, 5, 20), "C4", "粉尘较大工段设置湿式作业和集中除尘点",
     "原料破碎和成型工段粉尘较大，职工长期作业存在职业健康风险。",
     "粉尘较大的工段改为湿式作业，并设置集中除尘点，定期清理除尘设施。", "改善作业环境，减少粉尘危害。",
     (P_SELF, P_ENV), (GREEN, SAFE), "二等奖"),
    ("桓台示例金属制品有限公司", "叉车司机", D(2016, 6, 30), "C6", "车间交叉路口安装凸面镜和声光提示装置",
     "车间交叉路口视线受阻，叉车与行人容易发生碰撞。",
     "在交叉路口安装凸面镜和声光提示装置，叉车接近时自动发出提示。", "防止车辆与行人碰撞。",
     (P_SELF, P_OTHERS), (SAFE,), "三等奖"),
)


def gen_golden_ideas(rng: random.Random, ents: list[Ent], disqualified: Ent) -> list[dict]:
    """600 ideas between 02-22 and 09-30; 60 adopted, 30 of them awarded."""
    unionized = [e for e in ents if e.unionized]
    weights = [e.employees ** 0.7 for e in unionized]
    drafts = []
    for i in range(600 - len(FEATURED_IDEAS)):
        e = rng.choices(unionized, weights=weights)[0]
        category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        title, problem, proposal, benefit, protects, promotes = rng.choice(IDEA_TEMPLATES[category])
        ws, eq = rng.choice(production_workshops(e.industry)), rng.choice(e.industry.equipment)
        fill = {"ws": ws, "eq": eq}
        drafts.append({
            "title": title.format(**fill), "enterprise": e.id, "post": rng.choice(e.industry.posts),
            "author_ref": f"A-{i + 1:04d}", "submitted_on": add_days(IDEAS_OPEN, rng.randint(0, (IDEAS_CLOSE - IDEAS_OPEN).days)),
            "problem": problem.format(**fill), "proposal": proposal.format(**fill), "benefit": benefit,
            "category": category, "protects": list(protects), "promotes": list(promotes), "adopted": False,
        })
    # Awards go to adopted ideas from firms in good standing: the four cited in the news, then
    # a draw for the remaining prizes (drawn ideas count as adopted).
    by_name = {e.record["name"]: e for e in ents}
    prizes = Counter({prize: n for prize, n in IDEA_AWARDS})
    eligible = [d for d in drafts if d["enterprise"] != disqualified.id]
    for name, post, day, category, title, problem, proposal, benefit, protects, promotes, award in FEATURED_IDEAS:
        drafts.append({
            "title": title, "enterprise": by_name[name].id, "post": post, "author_ref": f"A-{len(drafts) + 1:04d}",
            "submitted_on": day, "problem": problem, "proposal": proposal, "benefit": benefit, "category": category,
            "protects": list(protects), "promotes": list(promotes), "adopted": True, "award": award,
        })
        prizes[award] -= 1
    remaining = [prize for prize, _ in IDEA_AWARDS for _ in range(prizes[prize])]
    for d, prize in zip(rng.sample(eligible, len(remaining)), remaining, strict=True):
        d["adopted"], d["award"] = True, prize
    for d in rng.sample([d for d in drafts if not d["adopted"]], IDEAS_ADOPTED - sum(d["adopted"] for d in drafts)):
        d["adopted"] = True  # adopted by the enterprise without a county prize
    drafts.sort(key=lambda d: (d["submitted_on"], d["enterprise"], d["author_ref"]))
    return [ordered("golden_ideas", {"id": f"JD-2016-{n:04d}", **d}) for n, d in enumerate(drafts, 1)]


TRADES = (("化工总控工", "HG", 42), ("电工", "DG", 38), ("焊工", "HJ", 30))
PRIZE_OF_RANK = {1: "一等奖", 2: "二等奖", 3: "二等奖", 4: "三等奖", 5: "三等奖", 6: "三等奖"}


def gen_contest() -> list[dict]:
    return [ordered("contests", {
        "id": "DS-2016", "title": "2016年全县职工安全技能大赛", "date": CONTEST_DATE, "venue": "桓台县职业教育示例实训基地",
        "format": "理论考试（30%）+实际操作（70%）", "trades": [t for t, _, _ in TRADES],
        "contestants": sum(n for _, _, n in TRADES),
    })]


def gen_contest_results(rng: random.Random, ents: list[Ent], names: Names, excluded: set[str]) -> list[dict]:
    """Per trade: 1 一等奖, 2 二等奖, 3 三等奖 (notices/2016-05-16)."""
    records = []
    chem = [e for e in ents if e.unionized and e.high_risk == "化工" and e.id not in excluded]
    other = [e for e in ents if e.unionized and e.id not in excluded]
    by_name = {e.record["name"]: e for e in ents}
    for trade, code, _ in TRADES:
        score = rng.uniform(94, 97.5)
        for rank in range(1, 7):
            pinned = CONTEST_WINNER_FIRM.get(trade) if rank == 1 else None
            e = by_name[pinned] if pinned else rng.choice(chem if trade == "化工总控工" else other)
            records.append(ordered("contest_results", {
                "id": f"DS-2016-{code}-{rank:02d}", "contest": "DS-2016", "trade": trade, "name": names.next(),
                "enterprise": e.id, "rank": rank, "score": round(score, 1), "prize": PRIZE_OF_RANK[rank],
            }))
            score -= rng.uniform(0.4, 2.2)
    return records


TEAM_CITATIONS = (
    "坚持班前安全讲话和班组安全互查，实行隐患“随手查、当班改”，连续三年实现零事故。",
    "把“六查”内容细化为班组日检表，职工人人当过安全检查员，班组隐患全部整改销号。",
    "开展“家文化”进班组和安全“八个一”活动，班组应急演练全员参与，职工违章行为明显减少。",
    "推行“手指口述”和定置管理，现场整洁有序，全年班组安全互查全覆盖。",
)
PACESETTER_CITATIONS = (
    "在{post}岗位工作{y}年，熟练掌握岗位操作规程，全年主动排查身边隐患并督促整改，带动班组职工参与“查保促”活动。",
    "坚持每班巡检不漏项，及时发现并处置设备异常，提出的安全建议被企业采纳推广。",
    "带头开展班组安全互查和“当一天安全检查员”活动，传帮带新职工，所在班组全年无违章、无事故。",
)


def gen_model_teams(rng: random.Random, ents: list[Ent], excluded: set[str]) -> list[dict]:
    pinned = [e for e in ents if e.record["name"] in MODEL_TEAM_FIRMS]
    pool = [e for e in ents if e.unionized and e.id not in excluded and e.employees >= 60 and e not in pinned]
    chosen = sorted([*pinned, *rng.sample(pool, 15 - len(pinned))], key=lambda e: e.id)
    return [ordered("model_teams", {
        "id": f"BZ-2016-{n:02d}", "team": MODEL_TEAM_FIRMS.get(e.record["name"]) or rng.choice(e.team_names),
        "enterprise": e.id,
        "headcount": max(6, round(e.employees / e.record["teams"] * rng.uniform(0.8, 1.2))),
        "citation": rng.choice(TEAM_CITATIONS),
    }) for n, e in enumerate(chosen, 1)]


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


IDEA_REWARD = {"一等奖": "奖金 1000 元", "二等奖": "奖金 600 元", "三等奖": "奖金 400 元", "优秀奖": "奖金 200 元"}
CONTEST_REWARD = {"二等奖": "奖金 800 元", "三等奖": "奖金 500 元"}
DECISION_HONOURS = "桓工发〔2016〕68号"   # 劳动奖章、工人先锋号
DECISION_CAMPAIGN = "桓工发〔2016〕69号"  # 金点子、大赛、作品、优秀组织奖
DISQUALIFICATION_DOC = "桓工发〔2016〕66号"


def gen_awards(results, pacesetters, teams, ideas, org_towns) -> list[dict]:
    """Honours as the plan sets them (DOMAIN.md §0 item 6), plus the campaign's own prizes as
    news/2016-12-28 lists them (ideas, contest runners-up) and the 优秀组织奖 for towns.
    Works keep their contest `award` but get no county commendation record."""
    rows = []
    for r in results:
        if r["rank"] == 1:
            rows.append({"honour": "富民强县劳动奖章", "basis": "技能大赛第一名", "enterprise": r["enterprise"],
                         "contest_result": r["id"], "reward": "奖章、证书", "decision_no": DECISION_HONOURS})
    for p in pacesetters:
        rows.append({"honour": "富民强县劳动奖章", "basis": "岗位标兵", "enterprise": p["enterprise"],
                     "pacesetter": p["id"], "reward": "奖章、证书", "decision_no": DECISION_HONOURS})
    for t in teams:
        rows.append({"honour": "工人先锋号", "basis": "示范班组", "enterprise": t["enterprise"],
                     "model_team": t["id"], "reward": "奖牌、奖金 3000 元", "decision_no": DECISION_HONOURS})
    order = {prize: i for i, (prize, _) in enumerate(IDEA_AWARDS)}
    for idea in sorted((i for i in ideas if i.get("award")), key=lambda i: (order[i["award"]], i["id"])):
        rows.append({"honour": "金点子奖", "basis": "金点子", "enterprise": idea["enterprise"],
                     "golden_idea": idea["id"], "reward": IDEA_REWARD[idea["award"]], "decision_no": DECISION_CAMPAIGN})
    for r in results:
        if r["rank"] > 1:
            rows.append({"honour": "技能大赛奖", "basis": "技能大赛", "enterprise": r["enterprise"],
                         "contest_result": r["id"], "reward": CONTEST_REWARD[r["prize"]], "decision_no": DECISION_CAMPAIGN})
    for town in org_towns:
        rows.append({"honour": "优秀组织奖", "basis": "组织工作", "recipient": f"{town.name}总工会", "town": town.id,
                     "reward": "奖牌", "decision_no": DECISION_CAMPAIGN})
    return [ordered("awards", {"id": f"BZJ-2016-{n:03d}", **row, "date": AWARDS_ON}) for n, row in enumerate(rows, 1)]


def gen_disqualifications(e: Ent) -> list[dict]:
    return [ordered("disqualifications", {
        "id": "QX-2016-01", "unit": "企业", "enterprise": e.id,
        "reason": "开展“查保促”活动不力：全年仅组织1次应急演练且部分班组未参加，"
                  "职工排查出的隐患逾期未整改，经镇（街道）督导后仍未整改到位。",
        "decided_on": DISQUALIFIED_ON, "doc_no": DISQUALIFICATION_DOC,
    })]


# ================================================================ safety culture

# Firms in news/2016-08-19; both complete all eight items (the first: every team serves a day as inspector).
EIGHT_ONES_FEATURED = ("桓台示例金属制品有限公司", "桓台示例建材有限公司")


def gen_eight_ones(rng: random.Random, ents: list[Ent], target: int = 1500, complete: int = 120) -> list[dict]:
    """安全“八个一” records: items 1–6 by teams, 7–8 (arts event, pledge) by the whole firm.

    `complete` firms (≈20% of the unionized) hold all eight items, so the site's completion
    figure is not trivially zero; the others hold a few items each until `target` is reached.
    """
    unionized = [e for e in ents if e.unionized]
    weights = [u.employees ** 0.5 for u in unionized]
    by_name = {e.record["name"]: e for e in ents}
    full: list[Ent] = [by_name[name] for name in EIGHT_ONES_FEATURED]
    while len(full) < complete:  # weighted sampling without replacement
        e = rng.choices(unionized, weights=weights)[0]
        if e not in full:
            full.append(e)
    partial = [e for e in unionized if e not in full]
    drafts = []
    plans = [(e, list(range(1, 9))) for e in full]
    while len(drafts) < target:
        if plans:
            e, items = plans.pop(0)
        else:
            e = rng.choices(partial, weights=[u.employees ** 0.5 for u in partial])[0]
            items = sorted(rng.sample(range(1, 9), rng.randint(2, 6)))
        for item in items:
            team_size = max(5, round(e.employees / e.record["teams"]))
            if item in (7, 8):
                team, participants = None, int(e.employees * rng.uniform(0.5, 0.95))
            elif item == 5:  # 当一天安全检查员: a few workers per team take a turn
                team, participants = rng.choice(e.team_names), rng.randint(1, min(4, team_size))
            else:
                team, participants = rng.choice(e.team_names), max(3, team_size - rng.randint(0, 3))
            drafts.append({"enterprise": e.id, "team": team, "item": item,
                           "date": pick_workday(rng, D(2016, 2, 15), D(2016, 11, 30)), "participants": participants})
    drafts = drafts[:target - len(full[0].team_names)]
    # 唐山: every team takes turns at “当一天安全检查员” (news/2016-08-19).
    for team in full[0].team_names:
        drafts.append({"enterprise": full[0].id, "team": team, "item": 5,
                       "date": pick_workday(rng, D(2016, 5, 3), D(2016, 8, 12)), "participants": rng.randint(1, 3)})
    drafts.sort(key=lambda d: (d["date"], d["enterprise"], d["item"], d["team"] or ""))
    return [ordered("eight_ones", {"id": f"BG-2016-{n:04d}", **d}) for n, d in enumerate(drafts, 1)]


def gen_family_culture(rng: random.Random, ents: list[Ent], target: int = 400) -> list[dict]:
    """“家文化”进班组 records, weighted to 索镇 where the activity was reported (news/2016-03-17)."""
    unionized = [e for e in ents if e.unionized]
    weights = [(3 if e.town.id == "suozhen" else 1) * e.employees ** 0.5 for e in unionized]
    kinds = {"亲情寄语": 30, "一张全家福": 20, "一封家书": 20, "员工家属交流会": 15, "安全特使": 15}
    drafts = []
    for _ in range(target):
        e = rng.choices(unionized, weights=weights)[0]
        kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
        team_size = max(5, round(e.employees / e.record["teams"]))
        participants = team_size * (2 if kind == "员工家属交流会" else 1) + rng.randint(0, 6)
        drafts.append({"enterprise": e.id, "team": rng.choice(e.team_names), "kind": kind,
                       "date": pick_workday(rng, D(2016, 2, 22), D(2016, 11, 30)), "participants": participants})
    drafts.sort(key=lambda d: (d["date"], d["enterprise"], d["kind"], d["team"]))
    return [ordered("family_culture", {"id": f"JW-2016-{n:04d}", **d}) for n, d in enumerate(drafts, 1)]


SLOGANS = (
    "隐患险于明火，防范胜于救灾", "班前一分钟，安全一整天", "上班戴好安全帽，家人牵挂少一分",
    "隐患随手查，平安带回家", "一人把关一处安，众人把关稳如山", "多看一眼，安全保险；多防一步，少出事故",
    "莫把侥幸当经验，莫把违章当习惯", "你的安全，是家人最大的期盼", "岗位有责任，隐患零容忍",
    "检查多一遍，隐患少一点", "劳保用品穿戴好，安全生产有依靠", "通道畅通无杂物，逃生之路不堵塞",
    "有限空间先检测，通风监护不可缺", "动火作业先办票，监护到位再动火", "关键点上多留心，事故隐患早排除",
    "一时疏忽酿大祸，时时警惕保平安", "交接班时讲安全，上岗之前查隐患", "定置管理做到位，现场整洁少危险",
    "发现隐患及时报，人人都是安全员", "先安全后生产，不安全不生产", "手指口述到位，操作安全到岗",
    "规程条条要记牢，违章一次不能有", "安全帽下是责任，安全带上是牵挂", "查身边隐患，保职工安全",
    "设备有病早治疗，安全隐患早消除",
)
ESSAY_TITLES = ("我身边的安全守护者", "一本隐患登记本的故事", "家书里的安全嘱托", "从“要我安全”到“我要安全”",
                "班组里的安全互查", "我当了一天安全检查员", "隐患整改的“最后一公里”", "安全帽上的名字",
                "师傅的那句“再看一眼”", "一次演练让我明白的事", "罐区的夜班", "把安全装进工具箱",
                "金点子是怎样“长”出来的", "父亲的安全鞋", "交接班本上的一行字", "守好岗位这一方天地",
                "“查保促”让我学会了说“不”")
SPEECH_TITLES = ("说身边安全人：我的班长", "讲身边安全事：一次及时的停机", "安全，是最长情的陪伴",
                 "把安全装进每一个岗位", "我们班的“安全特使”", "一张全家福的分量", "小隐患里有大文章",
                 "做一名合格的安全检查员", "让安全成为习惯", "守护回家的路", "从一次违章说起", "安全就在手边")
ESSAY_OPENINGS = (
    "在{ws}工作的第{y}年，我第一次认真读完了本岗位的安全操作规程。",
    "今年年初，企业工会给每个班组发了一本隐患登记本，放在{ws}的工具柜上。",
    "我们班组有一位老师傅，每次开{eq}之前都要绕着设备走一圈。",
    "那天夜班，我在{ws}巡检时发现一台设备的声音有些不对。",
)
ESSAY_MIDDLES = (
    "按照“查身边隐患、保职工安全、促企业发展”活动的要求，我们从查自身、查环境、查管理做起，发现问题就登记，能当班改的当班改，班组解决不了的报车间和企业工会。一段时间下来，登记本写满了，现场也变了样。",
    "过去总觉得安全是安全员的事，现在大家都明白，隐患就在身边，只有人人都去查，才能把事故挡在门外。班组长把“六查”的内容写在白板上，每天班前会讲一条。",
    "参加一线职工培训班以后，我知道了自己有权拒绝违章指挥，也知道发现隐患要及时报告。回到班组，我把学到的内容讲给工友们听，大家都说有用。",
    "企业工会组织的应急演练，让我们第一次按疏散路线完整地走了一遍。演练结束后，班组长带我们复盘，找出了两处需要改进的地方。",
)
ESSAY_ENDINGS = (
    "安全不是一句口号，而是每一次开机前的检查、每一次交接班时的提醒。守好自己的岗位，就是对家人最好的交代。",
    "隐患查出来了，改到位了，心里才踏实。我愿意做一个认真的“查隐患的人”。",
    "一年下来，我最大的收获是养成了习惯：多看一眼，多问一句，多想一步。",
)
SPEECH_OPENING = "各位领导、各位工友：大家好！我来自{ws}，今天我演讲的题目是《{title}》。"
SPEECH_ENDING = "安全连着你我他，平安幸福靠大家。让我们从身边做起，从现在做起。谢谢大家！"
CARTOONS = (
    ("安全帽是头顶的守护", "一顶黄色安全帽的漫画，蓝色背景，提醒职工进入现场必须佩戴安全帽"),
    ("隐患就在身边", "黄色三角形警告标志中有一个黑色感叹号，提醒职工注意身边的安全隐患"),
    ("灭火器要会用", "一具红色灭火器的漫画，配有黑色喷管，提醒职工掌握灭火器的使用方法"),
    ("护目镜不离眼", "一副浅蓝色镜片的护目镜，提醒职工作业时佩戴眼部防护用品"),
    ("安全出口保畅通", "绿色安全出口标志，白色人形向门口奔跑，提醒职工保持疏散通道畅通"),
    ("违章作业要叫停", "红色圆形禁止标志，中间一道白色横杠，提醒职工发现违章作业要及时叫停"),
)


def gen_works(rng: random.Random, ents: list[Ent], names: Names, excluded: set[str]) -> list[dict]:
    """≈60 creative works: 25 警句, 6 漫画, 17 征文, 12 演讲; ≈85% consent to publication."""
    unionized = [e for e in ents if e.unionized and e.id not in excluded]
    drafts = []
    kinds = [("警句", s) for s in SLOGANS] + [("漫画", c) for c in enumerate(CARTOONS, 1)] \
        + [("征文", t) for t in ESSAY_TITLES] + [("演讲", t) for t in SPEECH_TITLES]
    author_numbers = iter(range(601, 2000))  # A-0001…A-0600 are the golden ideas' authors
    chengqu = [e for e in unionized if e.town.id == "chengqu"]
    food = next(e for e in ents if e.record["name"] == "桓台示例食品有限公司")
    for kind, data in kinds:
        if kind == "漫画":  # the 城区 cartoon exhibition
            e = food if data[0] == 1 else rng.choice(chengqu)
        else:
            e = rng.choice(unionized)
        ws, eq = rng.choice(e.industry.workshops), rng.choice(e.industry.equipment)
        work = {"kind": kind, "author": names.next(), "author_ref": f"A-{next(author_numbers):04d}", "enterprise": e.id}
        if kind == "警句":
            work |= {"title": data.split("，")[0].split("；")[0], "text": data}
        elif kind == "漫画":
            number, (title, alt) = data
            work |= {"title": title, "image": f"images/works/manhua-{number:02d}.png", "alt": alt}
        elif kind == "征文":
            paragraphs = [rng.choice(ESSAY_OPENINGS).format(ws=ws, eq=eq, y=rng.randint(2, 15)),
                          *rng.sample(ESSAY_MIDDLES, 2), rng.choice(ESSAY_ENDINGS)]
            work |= {"title": data, "text": "\n\n".join(paragraphs)}
        else:
            paragraphs = [SPEECH_OPENING.format(ws=ws, title=data), *rng.sample(ESSAY_MIDDLES, 2), SPEECH_ENDING]
            work |= {"title": data, "text": "\n\n".join(paragraphs)}
        # Cartoons hang in a public exhibition, so their authors agreed; others ≈85%.
        work["consent"] = kind == "漫画" or rng.random() < 0.83
        drafts.append(work)
    # Prizes only for works whose authors agreed to publication.
    prizes = {"征文": ("一等奖", "二等奖", "二等奖", "三等奖", "三等奖", "三等奖"), "演讲": ("一等奖", "二等奖", "三等奖"),
              "漫画": ("一等奖", "优秀奖"), "警句": ("优秀奖", "优秀奖", "优秀奖")}
    for kind, awards in prizes.items():
        candidates = [w for w in drafts if w["kind"] == kind and w["consent"]]
        for w, award in zip(rng.sample(candidates, len(awards)), awards):
            w["award"] = award
    return [ordered("works", {"id": f"ZP-2016-{n:03d}", **w}) for n, w in enumerate(drafts, 1)]


# ---------------------------------------------------------------- cartoon images

def draw_cartoons(images_dir: Path) -> list[Path]:
    """Six flat 800×600 PNG drawings; no text, no metadata, so the bytes never change."""
    from PIL import Image, ImageDraw

    ink = (40, 40, 40)

    def helmet(d):
        d.rectangle([0, 470, 800, 600], fill=(150, 180, 200))
        d.pieslice([220, 150, 580, 470], 180, 360, fill=(245, 190, 30), outline=(120, 80, 0), width=6)
        d.rectangle([385, 152, 415, 308], fill=(255, 215, 80))
        d.rounded_rectangle([160, 300, 640, 345], radius=20, fill=(230, 170, 20), outline=(120, 80, 0), width=6)

    def warning(d):
        d.polygon([(400, 80), (670, 530), (130, 530)], fill=(250, 205, 30), outline=ink, width=14)
        d.rounded_rectangle([378, 220, 422, 410], radius=18, fill=ink)
        d.ellipse([376, 435, 424, 483], fill=ink)

    def extinguisher(d):
        d.rectangle([0, 520, 800, 600], fill=(200, 200, 200))
        d.rounded_rectangle([320, 200, 480, 540], radius=40, fill=(210, 35, 35), outline=(120, 10, 10), width=6)
        d.rectangle([370, 150, 430, 205], fill=(60, 60, 60))
        d.polygon([(430, 150), (520, 130), (520, 150), (430, 172)], fill=(60, 60, 60))
        d.line([(370, 165), (290, 180), (260, 260), (270, 380)], fill=ink, width=14, joint="curve")
        d.rectangle([345, 300, 455, 380], fill=(245, 235, 225))

    def goggles(d):
        d.rectangle([90, 282, 710, 318], fill=(70, 70, 80))
        for box in ([190, 210, 390, 390], [410, 210, 610, 390]):
            d.rounded_rectangle(box, radius=60, fill=(150, 210, 240), outline=(40, 60, 80), width=16)
        d.rectangle([385, 280, 415, 320], fill=(40, 60, 80))

    def exit_sign(d):
        white = (255, 255, 255)
        d.rounded_rectangle([120, 140, 680, 460], radius=24, fill=(20, 150, 70))
        d.rectangle([520, 190, 620, 420], outline=white, width=12)
        d.ellipse([290, 190, 350, 250], fill=white)
        d.line([(315, 255), (290, 340)], fill=white, width=22)
        d.line([(300, 275), (360, 300), (400, 280)], fill=white, width=16)
        d.line([(300, 275), (245, 310)], fill=white, width=16)
        d.line([(290, 340), (340, 380), (330, 430)], fill=white, width=18)
        d.line([(290, 340), (240, 400)], fill=white, width=18)
        d.polygon([(420, 300), (480, 300), (480, 275), (515, 315), (480, 355), (480, 330), (420, 330)], fill=white)

    def stop(d):
        d.ellipse([200, 100, 600, 500], fill=(215, 30, 30), outline=(130, 10, 10), width=10)
        d.rectangle([262, 270, 538, 330], fill=(255, 255, 255))

    backgrounds = ((222, 236, 246), (255, 248, 225), (240, 240, 236), (232, 244, 236), (236, 240, 250), (250, 238, 238))
    paths = []
    images_dir.mkdir(parents=True, exist_ok=True)
    for n, (draw, bg) in enumerate(zip((helmet, warning, extinguisher, goggles, exit_sign, stop), backgrounds), 1):
        image = Image.new("RGB", (800, 600), bg)
        draw(ImageDraw.Draw(image))
        path = images_dir / f"manhua-{n:02d}.png"
        image.save(path, format="PNG")  # Pillow writes no tIME/text chunks unless asked
        paths.append(path)
    return paths


# ================================================================ monthly reports

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


# ================================================================ output

class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe dumper that never writes anchors/aliases (the loader rejects them)."""

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value: str):
    # Multi-paragraph texts as literal blocks (text: |), readable and editable by clerks.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)
_RESOLVER = yaml.resolver.Resolver()
# Characters that may make a plain scalar mean something else; such strings go through PyYAML.
_NOT_PLAIN = re.compile(r"[:#&*!|>'\"%@`{}\[\],?\\\t]|^[\s\-~.]|\s$")
_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(value, indent: int) -> str:
    """One scalar as PyYAML's safe dumper would write it; the common cases without its slow
    Python representer (which made a 100k-row ledger take ~40 s)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)) and not isinstance(value, dt.datetime):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, str):
        if "\n" in value:
            lines = value.split("\n")
            if value.strip() and not any(line[:1].isspace() or line.rstrip() != line for line in lines):
                pad = " " * indent
                return "|-" + "".join("\n" + (pad + line if line else "") for line in lines)
        elif value and not _NOT_PLAIN.search(value) \
                and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG:
            return value
    text = yaml.dump([value], Dumper=_Dumper, allow_unicode=True, width=1000)  # "- <scalar>\n"
    if "\n" in text[:-1]:
        raise ValueError(f"cannot write {value!r} on one line")
    return text[2:-1]


def dump_records(records: list[dict]) -> str:
    """A YAML list of flat records (values: scalars, lists of scalars, lists of flat mappings),
    one blank line between records, under the generator's header comment."""
    if not records:
        return HEADER + "[]\n"
    out = []
    for record in records:
        lead = "- "
        for key, value in record.items():
            if isinstance(value, list):
                if not value:
                    out.append(f"{lead}{key}: []")
                else:
                    out.append(f"{lead}{key}:")
                    for item in value:
                        if isinstance(item, dict):
                            sub = "  - "
                            for k2, v2 in item.items():
                                out.append(f"{sub}{k2}: {_scalar(v2, 6)}")
                                sub = "    "
                        else:
                            out.append(f"  - {_scalar(item, 4)}")
            else:
                out.append(f"{lead}{key}: {_scalar(value, 4)}")
            lead = "  "
        out.append("")
    return HEADER + "\n".join(out[:-1]) + "\n"


def dump_records_pyyaml(records: list[dict]) -> str:
    """The reference writer (PyYAML all the way); `--check` compares it with dump_records."""
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return HEADER + body.replace("\n- ", "\n\n- ")


def generated_files(out: Path) -> list[Path]:
    """Every YAML file this generator owns; nothing else under `out` is touched."""
    single = ("towns", "enterprises", "listings", "trainings", "training_coverage", "golden_ideas", "contests",
              "contest_results", "model_teams", "pacesetters", "awards", "eight_ones", "family_culture", "works",
              "visits", "county_rounds", "monthly_reports", "disqualifications")
    files = [out / f"{name}.yaml" for name in single]
    files += [out / kind / f"{t.id}.yaml" for kind in ("hazards", "drills") for t in TOWNS]
    return files


def write_all(out: Path, data: dict[str, list[dict]]) -> None:
    for path_key, records in data.items():
        path = out / f"{path_key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_records(records), encoding="utf-8", newline="\n")


# ================================================================ orchestration

def generate(total_hazards: int) -> dict[str, list[dict]]:
    """Build every record: {file path under data/ without .yaml: records}.

    Order matters only where one section feeds another: visits are planned before the ledger
    (supervision finds hazards on the visit day), the ledger before reports and awards.
    """
    phones = Phones(rng_for("phones"))
    towns = gen_towns(phones)
    ents = gen_enterprises(rng_for("enterprises"), phones)
    ent_by_id = {e.id: e for e in ents}
    disqualified = choose_disqualified(rng_for("disqualified"), ents)
    excluded = {disqualified.id}

    visits = plan_visits(rng_for("visits"), ents, disqualified)
    hazards, listed = gen_hazards(rng_for("hazards"), ents, visits, total_hazards, disqualified)
    visits = finish_visits(rng_for("visit-findings"), visits)
    listings = gen_listings(listed, ent_by_id)

    names = Names(rng_for("names"))
    results = gen_contest_results(rng_for("contest"), ents, names, excluded)
    pacesetters = gen_pacesetters(rng_for("pacesetters"), ents, names, excluded)
    teams = gen_model_teams(rng_for("model-teams"), ents, excluded)
    ideas = gen_golden_ideas(rng_for("ideas"), ents, disqualified)
    works = gen_works(rng_for("works"), ents, names, excluded)
    reports, late_towns = gen_monthly_reports(rng_for("reports"), hazards, ent_by_id)
    org_towns = _organisation_award_towns(hazards, late_towns | {disqualified.town.id})
    drills = gen_drills(rng_for("drills"), ents, disqualified)
    name_contacts(towns, names)

    data = {
        "towns": towns, "enterprises": [ordered("enterprises", e.record) for e in ents],
        "listings": listings, "trainings": gen_trainings(rng_for("trainings")),
        "training_coverage": gen_training_coverage(rng_for("coverage"), ents, disqualified),
        "golden_ideas": ideas, "contests": gen_contest(), "contest_results": results,
        "model_teams": teams, "pacesetters": pacesetters,
        "awards": gen_awards(results, pacesetters, teams, ideas, org_towns),
        "eight_ones": gen_eight_ones(rng_for("eight-ones"), ents),
        "family_culture": gen_family_culture(rng_for("family"), ents), "works": works,
        "visits": visits, "county_rounds": gen_county_rounds(rng_for("rounds"), ents),
        "monthly_reports": reports, "disqualifications": gen_disqualifications(disqualified),
    }
    for town in TOWNS:
        data[f"hazards/{town.id}"] = hazards[town.id]
        data[f"drills/{town.id}"] = drills[town.id]
    return data


def name_contacts(towns: list[dict], names: Names) -> None:
    """A fictional name for every town contact (handbook-level: printed only in the town manuals).

    Drawn last from the shared Names, so no other record's name changes and no contact shares a
    name with a person shown on the public site (the privacy scan would flag it).
    """
    for town in towns:
        town["contacts"] = [{"role": c["role"], "name": names.next(), "phone": c["phone"]} for c in town["contacts"]]


def _organisation_award_towns(hazards: dict[str, list[dict]], excluded: set[str]) -> list[Town]:
    """优秀组织奖: the two model towns, and the town with the best year-end closure rate among
    those that reported on time and hold no disqualified enterprise."""
    def rate(town: Town) -> float:
        rows = [h for h in hazards[town.id] if h["status"] != "核实不属实"]
        return sum(h["status"] in ("已销号", "已摘牌销号") for h in rows) / max(1, len(rows))
    others = [t for t in TOWNS if t.id not in excluded and t.id not in MODEL_TOWNS]
    best = min(others, key=lambda t: (-rate(t), TOWN_ORDER[t.id]))
    return sorted([TOWN_BY_ID[t] for t in MODEL_TOWNS] + [best], key=lambda t: TOWN_ORDER[t.id])


def summary_lines(data: dict[str, list[dict]]) -> list[str]:
    """Key totals, printed after a run so the demo figures can be quoted in content."""
    hz = [h for t in TOWNS for h in data[f"hazards/{t.id}"]]
    general = [h for h in hz if h["grade"] == "一般"]
    major = [h for h in hz if h["grade"] == "重大"]
    valid = [h for h in general if h["status"] != "核实不属实"]
    by_0430 = [h for h in valid if h["found_on"] <= CONCENTRATED_END]
    closed_0430 = [h for h in by_0430 if h.get("closed_on") and h["closed_on"] <= CONCENTRATED_END]
    maj_0430 = [h for h in major if h["found_on"] <= CONCENTRATED_END]
    maj_closed_0430 = [h for h in maj_0430 if h.get("closed_on") and h["closed_on"] <= CONCENTRATED_END]
    closed = [h for h in valid if h["status"] == "已销号"]
    open_rows = [h for h in hz if h["status"] not in ("已销号", "已摘牌销号", "核实不属实")]
    overdue = [h for h in open_rows if h.get("deadline") and h["deadline"] < AS_OF]
    ents = data["enterprises"]
    unionized = [e for e in ents if e["unionized"]]
    high = [e for e in ents if e.get("high_risk")]
    visited = {v["enterprise"] for v in data["visits"] if v["date"] <= CONCENTRATED_END}
    drills = [d for t in TOWNS for d in data[f"drills/{t.id}"]]
    per_ent = Counter(d["enterprise"] for d in drills)

    def pct(a: int, b: int) -> str:
        return f"{100 * a / max(1, b):.1f}%"

    statuses = Counter(h["status"] for h in hz)
    items = defaultdict(set)
    for a in data["eight_ones"]:
        items[a["enterprise"]].add(a["item"])
    complete_eight = sum(len(v) == 8 for v in items.values())
    late_reports = sum(1 for r in data["monthly_reports"] if r.get("submitted_on") and r["submitted_on"].day > 25)
    missing_reports = sum(1 for r in data["monthly_reports"] if not r.get("submitted_on"))
    return [
        (f"enterprises {len(ents)}: unionized {len(unionized)} ({pct(len(unionized), len(ents))}), "
         f"avg employees (unionized) {sum(e['employees'] for e in unionized) / len(unionized):.0f}, "
         f"high-risk {len(high)} {dict(Counter(e['high_risk'] for e in high))}, hazchem {sum(e.get('hazchem', False) for e in ents)}, "
         f"teams in unionized {sum(e['teams'] for e in unionized)}"),
        f"hazards {len(hz)}: 一般 {len(general)} (核实不属实 {len(general) - len(valid)}), 重大 {len(major)}; statuses {dict(statuses)}",
        f"一般 found by 04-30: {len(by_0430)}, closed by 04-30: {len(closed_0430)} ({pct(len(closed_0430), len(by_0430))})",
        (f"一般 closed by 12-31: {len(closed)} of {len(valid)} valid ({pct(len(closed), len(valid))}; "
         f"{pct(len(closed), len(general))} of all 一般); open & overdue at 12-31: {len(overdue)}"),
        f"重大 found by 04-30: {len(maj_0430)}, closed by 04-30: {len(maj_closed_0430)}; listings {len(data['listings'])}",
        f"high-risk visited by 04-30: {len(visited & {e['id'] for e in high})}/{len(high)}; visits {len(data['visits'])}",
        (f"drills {len(drills)} (enterprises with 1 drill: {sum(1 for n in per_ent.values() if n == 1)}, "
         f"partial-team drills: {sum(1 for d in drills if d['teams_participating'] < d['teams_total'])})"),
        (f"trainings {dict(Counter(t['kind'] for t in data['trainings']))}; coverage "
         f"{pct(sum(c['trained'] for c in data['training_coverage']), sum(c['employees'] for c in data['training_coverage']))}"),
        (f"eight-ones {len(data['eight_ones'])} (unionized firms with all 8 items: {complete_eight}); "
         f"family culture {len(data['family_culture'])}; works {dict(Counter(w['kind'] for w in data['works']))}"),
        (f"monthly reports {len(data['monthly_reports'])} (late {late_reports}, missing {missing_reports}); "
         f"workers taking part (December reports) {sum(r.get('workers', 0) for r in data['monthly_reports'] if r['month'] == '2016-12')}"),
        (f"golden ideas {len(data['golden_ideas'])} (adopted {sum(i['adopted'] for i in data['golden_ideas'])}, "
         f"awarded {sum(1 for i in data['golden_ideas'] if i.get('award'))}); awards {len(data['awards'])} "
         f"{dict(Counter(a['honour'] for a in data['awards']))}"),
    ]


# ================================================================ self-check

PII_PATTERNS = (
    (re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)"), "mobile number"),
    (re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)"), "ID number"),
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"), "e-mail"),
)


def check(out: Path, images_root: Path) -> list[str]:
    """Load the written files with the builder's loader, validate every record with the schema
    engine (no errors, no warnings), then check cross-references and the demo's own rules."""
    from builder.diagnostics import Loc, Reporter
    from builder.schema.core import validate_mapping
    from builder.textio import read_text
    from builder.yamlio import load_yaml

    problems: list[str] = []
    rep = Reporter()
    raw: dict[str, list[tuple[str, dict]]] = defaultdict(list)  # kind -> (file stem, clean record)
    for path in generated_files(out):
        kind = path.parent.name if path.parent != out else path.stem
        loc = Loc(path.relative_to(out).as_posix())
        text = read_text(path, loc)
        for number, pattern_name in ((p.search(text), n) for p, n in PII_PATTERNS):
            if number:
                problems.append(f"{loc}: looks like a {pattern_name}: {number.group(0)}")
        items = load_yaml(text, loc)
        if not isinstance(items, list):
            problems.append(f"{loc}: not a list of records")
            continue
        for item in items:
            clean = validate_mapping(KINDS[kind], item, loc.at(item.line), rep)
            if clean is not None:
                raw[kind].append((path.stem, clean))
    problems += [str(d) for d in rep.sorted()]

    rec = {k: [r for _, r in v] for k, v in raw.items()}
    # Keys unique within each kind.
    for kind, rows in rec.items():
        key = KINDS[kind].key
        seen = Counter(tuple(r[k] for k in key) for r in rows)
        problems += [f"{kind}: duplicate key {k}" for k, n in seen.items() if n > 1]
    ids = {kind: {r["id"] for r in rows} for kind, rows in rec.items() if "id" in KINDS[kind].key}
    ids["towns"] |= {r["name"] for r in rec["towns"]}
    # Every reference resolves.
    for kind, rows in rec.items():
        for f in KINDS[kind].fields:
            target = f.ref or (f.item.ref if f.kind == "list" and getattr(f.item, "ref", None) else None)
            if not target:
                continue
            for r in rows:
                values = r.get(f.name)
                for v in (values if isinstance(values, list) else [values] if values is not None else []):
                    if v not in ids[target]:
                        problems.append(f"{kind} {r.get('id', r)}: {f.name} → unknown {target} {v}")

    ents = {e["id"]: e for e in rec["enterprises"]}
    hazards = {h["id"]: h for h in rec["hazards"]}
    problems += [f"enterprise {e['id']}: name without 示例" for e in ents.values() if "示例" not in e["name"]]
    problems += [f"town {t['id']}: contact without a name" for t in rec["towns"] for c in t.get("contacts", []) if not c.get("name")]
    # Per-town files hold only that town's enterprises; hazard ids carry the town code.
    for kind in ("hazards", "drills"):
        for stem, r in raw[kind]:
            if ents[r["enterprise"]]["town"] != stem:
                problems.append(f"{kind}/{stem}: {r['id']} belongs to another town")
    for stem, h in raw["hazards"]:
        if not h["id"].startswith(f"YH-2016-{TOWN_BY_ID[stem].code}-"):
            problems.append(f"hazard {h['id']} in {stem}.yaml has the wrong town code")
    # Listings ↔ 重大 hazards.
    listed_status = {"挂牌督办中": "挂牌督办中", "已摘牌": "已摘牌销号"}
    listed_ids = set()
    for g in rec["listings"]:
        h = hazards[g["hazard"]]
        listed_ids.add(h["id"])
        if h["grade"] != "重大":
            problems.append(f"listing {g['id']}: hazard {h['id']} is not 重大")
        if h["status"] != listed_status[g["status"]]:
            problems.append(f"listing {g['id']} {g['status']} but hazard {h['id']} is {h['status']}")
        if g["listed_on"] < h["found_on"] or (g.get("delisted_on") and g["delisted_on"] != h.get("closed_on")):
            problems.append(f"listing {g['id']}: dates disagree with hazard {h['id']}")
    for h in hazards.values():
        if h["status"] in ("挂牌督办中", "已摘牌销号") and h["id"] not in listed_ids:
            problems.append(f"hazard {h['id']} is {h['status']} without a listing")
        if h.get("rectified_on") and h.get("closed_on") and h["rectified_on"] > h["closed_on"]:
            problems.append(f"hazard {h['id']}: rectified after closing")
        if h["grade"] == "一般" and h.get("closed_on") and not 1 <= (h["closed_on"] - h["found_on"]).days <= 40:
            problems.append(f"hazard {h['id']}: closed {(h['closed_on'] - h['found_on']).days} days after found")
    # Visits: the hazards they list belong to the visited firm and were found that day or later.
    for v in rec["visits"]:
        if ents[v["enterprise"]]["town"] != v["town"]:
            problems.append(f"visit {v['id']}: enterprise not in {v['town']}")
        for hid in v.get("hazards", []):
            h = hazards[hid]
            if h["enterprise"] != v["enterprise"] or h["found_on"] < v["date"]:
                problems.append(f"visit {v['id']}: hazard {hid} does not fit")
    # Training coverage and drills match the enterprise records.
    unionized = {i for i, e in ents.items() if e["unionized"]}
    coverage = {c["enterprise"]: c for c in rec["training_coverage"]}
    if set(coverage) != unionized:
        problems.append("training_coverage: not exactly one row per unionized enterprise")
    for c in coverage.values():
        if c["employees"] != ents[c["enterprise"]]["employees"] or c["trained"] < 0.97 * c["employees"]:
            problems.append(f"training_coverage {c['enterprise']}: figures off")
    drill_count = Counter(d["enterprise"] for d in rec["drills"])
    for d in rec["drills"]:
        if d["teams_total"] != ents[d["enterprise"]]["teams"] or not ents[d["enterprise"]]["unionized"]:
            problems.append(f"drill {d['id']}: teams_total or enterprise off")
    if set(drill_count) != unionized:
        problems.append("drills: some unionized enterprise has no drill")
    # Contest, awards, disqualification.
    trades = {t for c in rec["contests"] for t in c["trades"]}
    problems += [f"contest result {r['id']}: trade {r['trade']}" for r in rec["contest_results"] if r["trade"] not in trades]
    disq = {q["enterprise"] for q in rec["disqualifications"] if q.get("enterprise")}
    via = {"contest_result": "contest_results", "pacesetter": "pacesetters", "model_team": "model_teams",
           "golden_idea": "golden_ideas", "work": "works"}
    lookup = {kind: {r["id"]: r for r in rec[kind]} for kind in via.values()}
    for a in rec["awards"]:
        firms = {a.get("enterprise")} | {lookup[kind][a[f]]["enterprise"] for f, kind in via.items() if a.get(f)}
        if firms & disq:
            problems.append(f"award {a['id']} goes to a disqualified enterprise")
        for f, kind in via.items():
            if a.get(f) and a.get("enterprise") and lookup[kind][a[f]]["enterprise"] != a["enterprise"]:
                problems.append(f"award {a['id']}: enterprise differs from its {f}")
    people = {r["name"] for r in rec["contest_results"]} | {p["name"] for p in rec["pacesetters"]} \
        | {w["author"] for w in rec["works"] if w.get("author")}
    refs = {h.get("reporter_ref") for h in rec["hazards"]} | {i["author_ref"] for i in rec["golden_ideas"]} \
        | {w["author_ref"] for w in rec["works"]}
    problems += [f"name collides with a pseudonym: {n}" for n in people & refs]
    author_refs = [i["author_ref"] for i in rec["golden_ideas"]] + [w["author_ref"] for w in rec["works"]]
    if len(author_refs) != len(set(author_refs)):
        problems.append("author_ref used twice")
    # Monthly reports agree with the ledger as of the 25th.
    town_rows = defaultdict(list)
    for stem, h in raw["hazards"]:
        if h["status"] != "核实不属实":
            town_rows[stem].append(h)
    for r in rec["monthly_reports"]:
        if "hazards_found" not in r:
            continue
        cutoff = D(2016, int(r["month"][5:]), 25)
        rows = [h for h in town_rows[r["town"]] if h["found_on"] <= cutoff]
        done = sum(1 for h in rows if h.get("closed_on") and h["closed_on"] <= cutoff)
        if (r["hazards_found"], r["hazards_rectified"]) != (len(rows), done):
            problems.append(f"monthly report {r['town']} {r['month']}: figures disagree with the ledger")
    for w in rec["works"]:
        if w.get("image") and not (images_root / w["image"]).is_file():
            problems.append(f"work {w['id']}: image {w['image']} missing")
    problems += _leaks_into_content(rec, images_root)
    return problems


def _leaks_into_content(rec: dict[str, list[dict]], content: Path) -> list[str]:
    """The builder's privacy rule (builder/privacy.py) applied to content/*.md: no internal value
    (reporter/author codes) and no handbook value of 10+ characters (descriptions, addresses,
    findings) may appear in an article, unless the same text is also a public value."""
    import ahocorasick  # a dependency of the builder

    from builder.privacy import MIN_HANDBOOK_VALUE
    from builder.schema.core import HANDBOOK, INTERNAL

    secret: dict[str, str] = {}
    public: set[str] = set()
    for kind, rows in rec.items():
        for f in KINDS[kind].fields:
            for r in rows:
                value = r.get(f.name)
                texts = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str)]
                for text in texts:
                    if f.visibility == INTERNAL or (f.visibility == HANDBOOK and len(text) >= MIN_HANDBOOK_VALUE):
                        secret.setdefault(text, f"{kind} {r.get('id', '')} {f.name}")
                    elif f.visibility not in (INTERNAL, HANDBOOK):
                        public.add(text)
    articles = sorted(content.rglob("*.md")) if content.is_dir() else []
    if not secret or not articles:
        return []
    automaton = ahocorasick.Automaton()
    for text in secret:
        automaton.add_word(text, text)
    automaton.make_automaton()
    published = {v for _, v in automaton.iter("\n".join(public))}
    problems = []
    for path in articles:
        for _, value in automaton.iter(path.read_text(encoding="utf-8")):
            if value not in published:
                problems.append(f"{path.relative_to(content.parent)}: quotes {secret[value]} “{value}” verbatim")
    return sorted(set(problems))


# ================================================================ command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成示例站点的虚构数据（deterministic demo data）")
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="data directory to write (default: data/)")
    parser.add_argument("--images", type=Path, default=None,
                        help="where the cartoon PNGs go (default: <out>/../content/images/works)")
    parser.add_argument("--scale-hazards", type=int, default=DEFAULT_HAZARDS, metavar="N",
                        help=f"number of hazard-ledger rows (default {DEFAULT_HAZARDS}; e.g. 100000 for benchmarks)")
    parser.add_argument("--check", action="store_true", help="validate the written files with the builder's schema engine")
    args = parser.parse_args(argv)
    if args.scale_hazards < 100:
        parser.error("--scale-hazards must be at least 100")
    out = args.out.resolve()
    images = (args.images or out.parent / "content" / "images" / "works").resolve()

    started = time.perf_counter()
    data = generate(args.scale_hazards)
    write_all(out, data)
    draw_cartoons(images)
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in data.values())
    print(f"wrote {len(data)} files, {total} records to {out} and 6 images to {images} in {elapsed:.2f} s")
    for name in sorted(data):
        print(f"  {name}.yaml: {len(data[name])}")
    for line in summary_lines(data):
        print("  " + line)

    if args.check:
        started = time.perf_counter()
        problems = []
        if args.scale_hazards <= 20_000:  # the reference writer is slow on big ledgers
            problems += [f"{name}.yaml: fast writer differs from PyYAML" for name, records in sorted(data.items())
                         if dump_records(records) != dump_records_pyyaml(records)]
        problems += check(out, images.parent.parent)
        print(f"check: {len(problems)} problems ({time.perf_counter() - started:.2f} s)")
        for p in problems[:50]:
            print("  " + p)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
