"""督导检查要点: the county's check points, the enterprise checklist under 六查, union-work items.

These are the manual's fixed text (DOMAIN.md §5 items 4 and 6), written once here so that
the 要点 chapter and every enterprise's one-page checklist print the same items in the same
order. Article numbers are those of the 2014 Work Safety Law (安全生产法) and of 国家安监总局
令第16号, the texts in force in 2016.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.schema import enums as E

# How an item is checked: the three methods of a 督导 visit (听汇报/查资料/看现场/问职工).
DOCS, SITE, ASK = "查资料", "看现场", "问职工"


@dataclass(frozen=True, slots=True)
class CheckItem:
    """One line of a checklist: what to check, how, and on what basis."""

    text: str
    methods: tuple[str, ...]
    basis: str = ""


@dataclass(frozen=True, slots=True)
class CountyPoint:
    """One of the five points of the county union's two 集中督导 rounds (行动方案 五(二))."""

    title: str
    how: str
    evidence: str


COUNTY_POINTS: tuple[CountyPoint, ...] = tuple(CountyPoint(title, how, evidence) for title, how, evidence in (
    (E.COUNTY_CHECK_POINTS[0],
     "听取镇（街道）总工会、安监站汇报；查阅方案印发文件。",
     "本镇（街道）活动实施方案及印发文件；领导小组名单；工会与安监站沟通协作机制的文件或会议记录。"),
    (E.COUNTY_CHECK_POINTS[1],
     "查阅培训和演练资料；抽问职工培训内容和应急处置、逃生要领。",
     "负责人培训班、一线职工培训班的通知、签到表、教材和照片；建会企业全员培训台账（覆盖率100%）；"
     "演练方案、记录和评估（每个建会企业年内不少于2次，班组100%参与）。"),
    (E.COUNTY_CHECK_POINTS[2],
     "查阅活动记录；抽查企业现场和班组。",
     "金点子征集登记和采纳情况；技能大赛选拔记录；示范班组、岗位标兵创建材料；安全“八个一”和“家文化”进班组活动记录。"),
    (E.COUNTY_CHECK_POINTS[3],
     "抽查企业隐患台账，对照现场逐条核实。",
     "台账是否覆盖职工排查出的全部隐患；“五落实”（责任、措施、资金、时限、预案）是否齐全；整改层级；"
     "验收销号记录；逾期未整改隐患；重大隐患提请挂牌督办情况。"),
    (E.COUNTY_CHECK_POINTS[4],
     "查阅制度文件和月报；座谈了解制度运行情况。",
     "企业一线员工隐患排查与举报奖励制度（桓安办发〔2015〕76号）落实和奖励兑现；工会劳动保护监督检查员配备；"
     "每月25日前按时报送月报。"),
))

# 六查 C1–C6, two items each (C5 one): about one printed line each, so that the whole
# checklist of one enterprise — these, the union-work items and an industry supplement — fits
# on a single A4 page with its header and signature lines (towns visit 20–40 such enterprises).
SIX_CHECK_ITEMS: dict[str, tuple[CheckItem, ...]] = {
    "C1": (
        CheckItem("安全生产责任制、岗位安全操作规程建立并上墙，职工知晓本岗位职责", (DOCS, ASK), "安全生产法第十九条"),
        CheckItem("隐患排查治理制度落实：定期排查、分级登记、建立隐患台账并向职工通报", (DOCS,), "安全生产法第三十八条；16号令第十条"),
    ),
    "C2": (
        CheckItem("职工按操作规程作业，无违章指挥、违章作业、违反劳动纪律（三违）", (SITE, ASK), "安全生产法第四十一条、第五十一条"),
        CheckItem("动火、受限空间、高处、临时用电等危险作业有审批票证并专人监护", (DOCS, SITE), "安全生产法第四十条"),
    ),
    "C3": (
        CheckItem("设备的防护罩、防护栏、联锁、急停等安全防护装置齐全有效", (SITE,), "安全生产法第三十三条"),
        CheckItem("特种设备和安全设施定期检测、维护保养，记录齐全", (DOCS, SITE), "安全生产法第三十三条"),
    ),
    "C4": (
        CheckItem("按标准为职工配备合格的劳动防护用品，有发放记录", (DOCS,), "安全生产法第四十二条"),
        CheckItem("职工在岗正确佩戴、使用劳动防护用品", (SITE, ASK), "安全生产法第四十一条"),
    ),
    "C5": (
        CheckItem("物料、工具定置存放，安全通道和出口畅通，警示标志齐全", (SITE,), "安全生产法第三十二条、第三十九条"),
    ),
    "C6": (
        CheckItem("重大危险源、关键装置和要害部位登记建档、监控到位", (DOCS, SITE), "安全生产法第三十七条"),
        CheckItem("有应急预案并定期演练，应急器材完好，职工会用", (DOCS, SITE, ASK), "安全生产法第七十八条"),
    ),
}

UNION_ITEMS: tuple[CheckItem, ...] = (
    CheckItem("企业工会对职工排查出的隐患全部建立台账，“五落实”齐全", (DOCS,), "行动方案 四(三)"),
    CheckItem("建会企业职工年内全员培训；年内应急演练不少于2次、班组100%参与", (DOCS, ASK), "行动方案 四(二)"),
    CheckItem("开展金点子征集、安全“八个一”、“家文化”进班组活动", (DOCS, ASK), "行动方案 四(四)、四(五)"),
)

# Optional supplement pages of DOMAIN.md §5 item 6, folded into the checklist as two lines
# so it stays one page: the points inspectors look at first in each high-risk industry.
INDUSTRY_ITEMS: dict[str, tuple[CheckItem, ...]] = {
    "化工": (
        CheckItem("重点监管危险化工工艺的自动化控制和安全联锁投用", (SITE,), "危险化学品安全管理条例"),
        CheckItem("危险化学品储存分区分类、限量，库房和罐区防火防爆措施落实", (SITE,), "危险化学品安全管理条例"),
    ),
    "非煤矿山": (
        CheckItem("边坡、采空区、排土场等监测和防护措施落实", (SITE, DOCS), "金属非金属矿山安全规程"),
        CheckItem("爆破作业和爆破器材管理符合规定", (DOCS, SITE), "民用爆炸物品安全管理条例"),
    ),
    "冶金": (
        CheckItem("高温熔融金属吊运、煤气区域的防护和检测措施落实", (SITE,), "冶金企业安全规范"),
        CheckItem("煤气区域作业有检测报警仪和监护人", (SITE, ASK), "冶金企业安全规范"),
    ),
    "建筑": (
        CheckItem("临边、洞口防护和脚手架、模板支撑体系符合规范", (SITE,), "建设工程安全生产管理条例"),
        CheckItem("施工临时用电“三级配电、两级保护”，起重机械检验合格", (SITE, DOCS), "建设工程安全生产管理条例"),
    ),
    "交通": (
        CheckItem("车辆定期检验、维护，动态监控装置正常使用", (DOCS, SITE), "道路运输条例"),
        CheckItem("驾驶员资格、从业培训和休息时间符合规定", (DOCS, ASK), "道路运输条例"),
    ),
    "建材": (
        CheckItem("窑炉、粉磨、输送设备的防护和检修挂牌上锁落实", (SITE,), "安全生产法第三十三条"),
        CheckItem("粉尘、噪声等职业危害防护和检测落实", (SITE, DOCS), "职业病防治法"),
    ),
}

RESULTS = ("符合", "不符合", "不适用")

# Short names of 六查 for the checklist's narrow first column.
SHORT = {"C1": "制度落实", "C2": "标准化作业", "C3": "设备防护", "C4": "劳保用品", "C5": "定置管理", "C6": "关键点控制"}

# 督导对象名册 flags, DOMAIN.md §5 item 5.
SME = E.SME_SIZES


def checklist_sections(high_risk: str | None) -> list[tuple[str, tuple[CheckItem, ...]]]:
    """The checklist of one enterprise: 六查 sections, union work, and its industry's supplement.

    Section names are short ("C1 制度落实"): they sit in the checklist's narrow first column.
    """
    sections = [(f"{code} {SHORT[code]}", items) for code, items in SIX_CHECK_ITEMS.items()]
    sections.append(("工会工作", UNION_ITEMS))
    if high_risk in INDUSTRY_ITEMS:
        sections.append((f"{high_risk}补充", INDUSTRY_ITEMS[high_risk]))
    return sections
