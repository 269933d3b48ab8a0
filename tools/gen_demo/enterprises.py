"""data/enterprises.yaml: ≈900 fictional firms, and the Ent facts other kinds draw on
(industry, teams, town), and the industries' vocabularies (workshops, equipment, posts)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from tools.gen_demo.common import cn_number
from tools.gen_demo.people import Phones
from tools.gen_demo.towns import TOWNS, Town


@dataclass(frozen=True)
class Industry:
    key: str
    branches: tuple[tuple[str, tuple[str, ...]], ...]   # (the record's `industry`, words before 有限公司)
    high_risk: str | None
    workshops: tuple[str, ...]      # hazard locations
    team_stems: tuple[str, ...]     # team names: stem + 一班/二班…
    equipment: tuple[str, ...]
    posts: tuple[str, ...]
    scenarios: tuple[str, ...]      # drill scenarios

    @property
    def label(self) -> str:
        return self.branches[0][0]


# 桓台's industry as the county describes itself: petrochemicals and fine chemicals (马桥, 索镇
# and the chemical parks), paper and board (索镇, 马桥), machinery and car parts, building
# materials, textiles (DOMAIN.md §4.1). Each key has a few branches; a firm's `industry` is
# its branch, so the statistics by industry read like a county's own.
INDUSTRIES = {i.key: i for i in (
    Industry("化工", (("石油化工", ("石化", "石油化工", "炼化")), ("精细化工", ("精细化工", "化学", "化学品", "助剂")),
                     ("化工新材料", ("新材料", "氟硅材料", "高分子材料")), ("基础化工", ("化工", "化肥", "氯碱"))),
             "化工",
             ("合成车间", "精馏车间", "罐区", "包装车间", "电仪车间", "原料库房", "装卸站台", "循环水站", "聚合车间",
              "中间罐区", "氢化车间", "公用工程站"),
             ("合成车间", "精馏车间", "罐区", "包装车间", "电仪车间", "装卸", "聚合车间", "公用工程"),
             ("反应釜", "离心机", "输送泵", "精馏塔", "压缩机", "搅拌器", "导热油炉", "储罐", "换热器", "真空泵",
              "冷凝器", "计量罐"),
             ("化工操作工", "化工总控工", "巡检工", "装卸工", "仪表工", "电工", "维修钳工", "分析工"),
             ("危化品泄漏", "火灾", "中毒窒息", "有限空间", "触电", "灼烫")),
    Industry("建筑", (("建筑施工", ("建筑工程", "建设工程", "建筑安装", "市政工程")),), "建筑",
             ("施工现场", "钢筋加工场", "木工加工区", "脚手架作业区", "项目部仓库", "基坑作业区", "搅拌站"),
             ("钢筋", "木工", "架子", "混凝土", "水电", "机械"),
             ("塔吊", "施工升降机", "钢筋切断机", "圆盘锯", "混凝土搅拌机", "物料提升机", "电焊机"),
             ("架子工", "钢筋工", "电工", "塔吊司机", "焊工", "安全员", "信号工"),
             ("高处坠落", "坍塌", "触电", "火灾", "物体打击")),
    Industry("建材", (("新型建材", ("新型建材", "建材", "节能建材")), ("水泥制品", ("水泥制品", "管桩", "商砼")),
                     ("耐火材料", ("耐火材料", "保温材料"))), "建材",
             ("原料车间", "成型车间", "窑炉车间", "成品库", "包装车间", "养护车间", "破碎车间"),
             ("原料车间", "成型车间", "窑炉车间", "包装车间", "机修"),
             ("破碎机", "球磨机", "皮带输送机", "压砖机", "行车", "搅拌机", "斗式提升机"),
             ("窑炉工", "压机操作工", "电工", "叉车司机", "维修工", "搅拌工"),
             ("粉尘爆炸", "火灾", "机械伤害", "触电")),
    Industry("冶金", (("金属冶炼", ("铸造", "金属材料", "冶金", "特钢")),), "冶金",
             ("熔炼车间", "铸造车间", "热处理车间", "清理车间", "造型车间"),
             ("熔炼车间", "铸造车间", "热处理车间", "清理车间", "机修"),
             ("中频炉", "行车", "浇注包", "抛丸机", "退火炉", "混砂机"),
             ("熔炼工", "浇注工", "行车工", "电工", "焊工", "造型工"),
             ("高温熔融金属喷溅", "火灾", "煤气中毒", "触电")),
    Industry("交通", (("道路运输", ("运输", "物流", "危险品运输")), ("客运", ("客运", "公交"))), "交通",
             ("车队", "维修车间", "货场", "停车场", "洗车台"),
             ("车队", "维修", "货场", "调度"),
             ("货车", "叉车", "举升机", "罐车", "充电桩"),
             ("驾驶员", "押运员", "维修工", "装卸工", "调度员"),
             ("交通事故", "火灾", "危化品运输泄漏")),
    Industry("非煤矿山", (("非煤矿山", ("矿业", "石料")),), "非煤矿山",
             ("采场", "破碎车间", "排土场", "成品料场"),
             ("采掘", "破碎", "运输"),
             ("破碎机", "装载机", "振动筛", "皮带输送机"),
             ("铲车司机", "破碎工", "电工", "爆破员"),
             ("边坡坍塌", "机械伤害", "火灾")),
    Industry("机械", (("机械制造", ("机械", "机械制造", "精密机械", "五金")), ("汽车零部件", ("汽车配件", "汽车零部件", "制动器")),
                     ("化工装备", ("化工装备", "压力容器", "换热设备"))), None,
             ("机加工车间", "装配车间", "焊接车间", "喷涂车间", "成品库", "冲压车间", "铆焊车间"),
             ("机加工车间", "装配车间", "焊接车间", "喷涂车间", "机修", "冲压车间"),
             ("车床", "冲床", "剪板机", "行车", "砂轮机", "电焊机", "数控铣床", "折弯机"),
             ("车工", "焊工", "电工", "钳工", "喷漆工", "行车工", "冲压工"),
             ("火灾", "机械伤害", "触电")),
    Industry("造纸", (("造纸", ("纸业", "造纸")), ("板纸", ("板纸", "纸板", "包装纸")), ("纸制品", ("纸制品", "生活用纸"))), None,
             ("制浆车间", "抄纸车间", "完成车间", "锅炉房", "原料场", "碱回收车间", "涂布车间"),
             ("制浆车间", "抄纸车间", "完成车间", "锅炉房", "涂布车间"),
             ("碎浆机", "纸机", "复卷机", "锅炉", "叉车", "压光机", "打浆机"),
             ("抄纸工", "复卷工", "司炉工", "叉车司机", "电工", "制浆工"),
             ("火灾", "机械伤害", "有限空间", "触电")),
    Industry("纺织", (("纺织", ("纺织", "纺织品", "棉业")), ("化纤", ("化纤", "无纺布"))), None,
             ("纺纱车间", "织布车间", "整经车间", "成品库", "梳棉车间"),
             ("纺纱车间", "织布车间", "整经车间", "保全"),
             ("梳棉机", "织机", "空压机", "打包机", "细纱机"),
             ("挡车工", "保全工", "电工", "叉车司机", "值车工"),
             ("火灾", "机械伤害")),
    Industry("食品", (("食品加工", ("食品", "农副产品", "粮油", "面粉")),), None,
             ("加工车间", "包装车间", "冷库", "锅炉房", "原料仓"),
             ("加工车间", "包装车间", "冷库", "锅炉房"),
             ("蒸汽锅炉", "制冷机组", "搅拌机", "封口机", "提升机"),
             ("操作工", "司炉工", "制冷工", "电工", "保管员"),
             ("火灾", "氨泄漏", "机械伤害")),
    Industry("塑料", (("塑料制品", ("塑业", "塑料制品", "橡塑", "管业")),), None,
             ("注塑车间", "挤出车间", "造粒车间", "原料库"),
             ("注塑车间", "挤出车间", "造粒车间", "机修"),
             ("注塑机", "挤出机", "粉碎机", "空压机", "造粒机"),
             ("注塑工", "挤出工", "电工", "叉车司机"),
             ("火灾", "机械伤害", "触电")),
    Industry("包装", (("印刷包装", ("包装", "彩印", "纸箱", "纸制品")),), None,
             ("印刷车间", "模切车间", "糊盒车间", "原料库", "瓦楞车间"),
             ("印刷车间", "模切车间", "糊盒车间", "瓦楞"),
             ("印刷机", "模切机", "糊盒机", "叉车", "瓦楞纸板生产线"),
             ("印刷工", "模切工", "电工", "机长"),
             ("火灾", "机械伤害")),
    Industry("木业", (("木材加工", ("木业", "家具", "板材")),), None,
             ("锯材车间", "板材车间", "喷漆车间", "成品库"),
             ("锯材车间", "板材车间", "喷漆车间"),
             ("圆锯机", "刨床", "砂光机", "除尘器", "热压机"),
             ("锯工", "喷漆工", "电工", "热压工"),
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
OTHER_INDUSTRY_WEIGHTS = {"机械": 28, "造纸": 14, "纺织": 10, "食品": 6, "塑料": 7, "包装": 10, "木业": 3}
TOWN_INDUSTRY_BOOST = {  # 索镇: 板纸、化工、机械、纺织; 马桥: 石化、造纸、机械 (DOMAIN.md §4.1)
    "suozhen": {"造纸": 2.5, "纺织": 2, "包装": 1.5}, "maqiao": {"机械": 1.5, "造纸": 1.5},
    "qifeng": {"机械": 1.5, "纺织": 1.5}, "guoli": {"食品": 2}, "tangshan": {"食品": 1.5},
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
NAME_CHARS_1 = "宏金鑫恒华瑞天永博润德汇富盛嘉利昌兴隆泰鲁齐嘉鸿裕广东"
NAME_CHARS_2 = "达源信丰成安通泰远祥和辉顺发宇诚基康岳海川力晟明"
# Most firms are 有限公司; a few older or larger ones are named otherwise.
NAME_SUFFIXES = {"有限公司": 78, "有限责任公司": 10, "股份有限公司": 6, "科技有限公司": 6}
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
            if fixed_name:
                branch, name = _branch_for(industry, fixed_name), fixed_name
            else:
                branch = rng.choice(industry.branches)
                name = _company_name(rng, town, branch[1], names)
            ents.append(_enterprise(rng, phones, len(ents) + 1, town, industry, branch[0], hazchem, name,
                                    fixed_employees))
    return ents


def _branch_for(industry: Industry, name: str) -> tuple[str, tuple[str, ...]]:
    """The branch a named firm belongs to: the first whose name words the name contains."""
    return next((b for b in industry.branches if any(word in name for word in b[1])), industry.branches[0])


def _company_name(rng: random.Random, town: Town, words: tuple[str, ...], used: set[str]) -> str:
    while True:
        suffix = rng.choices(list(NAME_SUFFIXES), weights=list(NAME_SUFFIXES.values()))[0]
        name = (f"{town.company_prefix}{rng.choice(NAME_CHARS_1)}{rng.choice(NAME_CHARS_2)}"
                f"示例{rng.choice(words)}{suffix}")
        if name not in used:
            used.add(name)
            return name


def _enterprise(rng, phones, number, town, industry, label, hazchem, name, fixed_employees) -> Ent:
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
        "id": f"QY-{number:04d}", "name": name, "town": town.id, "industry": label,
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


_NOT_PRODUCTION = ("库", "货场", "停车场", "调度", "排土场", "原料场", "项目部")


def production_workshops(industry: Industry) -> tuple[str, ...]:
    """Workshops where machines stand: a text naming a machine never puts it in a store room."""
    return tuple(w for w in industry.workshops if not any(mark in w for mark in _NOT_PRODUCTION))


