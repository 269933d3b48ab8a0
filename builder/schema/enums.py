"""Closed vocabularies of the campaign, from the action plan (桓政办字〔2016〕2号) and DOMAIN.md."""

SIX_CHECKS = {
    "C1": "查安全生产制度落实",
    "C2": "查职工标准化作业",
    "C3": "查生产设备安全防护",
    "C4": "查职工劳动保护用品配备",
    "C5": "查安全生产定置管理",
    "C6": "查安全生产现场关键点控制",
}
FOUR_PROTECTIONS = ("保自身安全", "保他人安全", "保设备安全", "保环境安全")
THREE_PROMOTIONS = ("促安全发展", "促绿色发展", "促低碳发展")
HIGH_RISK = ("化工", "非煤矿山", "冶金", "建筑", "交通", "建材")
TOWN_TYPES = ("镇", "街道")
OWNERSHIP = ("非公", "国有", "集体", "外资")
SIZES = ("大型", "中型", "小型", "微型")
SME_SIZES = ("中型", "小型", "微型")
UNION_TYPES = ("独立工会", "联合工会")

HAZARD_SOURCES = ("职工排查", "企业自查", "工会检查", "督导检查", "举报")
HAZARD_NATURES = ("物", "人", "管理")
HAZARD_DOMAINS = ("安全生产", "职业健康")
GRADES = ("一般", "重大")
LEVELS = ("个人岗位", "班组", "车间", "企业", "挂牌督办")

# The ledger's state machine (DOMAIN.md §2.3). 逾期 is derived, never stored.
STATUS_REGISTERED = "待整改"
STATUS_IN_PROGRESS = "整改中"
STATUS_AWAITING = "待验收"
STATUS_CLOSED = "已销号"
STATUS_REJECTED = "验收不合格"
STATUS_ESCALATED = "已提请挂牌"
STATUS_LISTED = "挂牌督办中"
STATUS_DELISTED = "已摘牌销号"
STATUS_INVALID = "核实不属实"
STATUSES = (STATUS_REGISTERED, STATUS_IN_PROGRESS, STATUS_AWAITING, STATUS_CLOSED, STATUS_REJECTED,
            STATUS_ESCALATED, STATUS_LISTED, STATUS_DELISTED, STATUS_INVALID)
CLOSED_STATUSES = (STATUS_CLOSED, STATUS_DELISTED)

LISTING_STATUSES = ("挂牌督办中", "已摘牌")
TRAINING_KINDS = ("负责人培训班", "一线职工培训班", "镇街培训班", "企业培训")
IDEA_AWARDS = ("一等奖", "二等奖", "三等奖", "优秀奖")
PRIZES = ("一等奖", "二等奖", "三等奖", "优胜奖")
# An award's grade (等次): a contest prize or an idea/work prize.
AWARD_GRADES = ("一等奖", "二等奖", "三等奖", "优秀奖", "优胜奖")
HONOURS = ("富民强县劳动奖章", "工人先锋号", "金点子奖", "技能大赛奖", "安全文化作品奖", "优秀组织奖")
AWARD_BASES = ("技能大赛第一名", "岗位标兵", "示范班组", "金点子", "技能大赛", "安全文化作品", "组织工作")
EIGHT_ONES = {
    1: "读一本安全生产的书",
    2: "做一次安全事故的研判分析",
    3: "看一场安全生产录像或电影",
    4: "接受一次安全生产培训",
    5: "当一天安全检查员",
    6: "开展一次班组安全互查",
    7: "组织一次安全文艺活动",
    8: "开展一次安全生产签名宣誓活动",
}
FAMILY_CULTURE = ("亲情寄语", "一张全家福", "一封家书", "员工家属交流会", "安全特使")
WORK_KINDS = ("警句", "漫画", "征文", "演讲")
VISIT_METHODS = ("随机抽查", "现场检查", "查阅资料", "座谈")
UNIT_KINDS = ("企业", "镇街")
COUNTY_CHECK_POINTS = (
    "行动方案的制定",
    "职工安全教育培训的组织",
    "各类活动载体作用的发挥",
    "实行隐患排查治理闭环管理",
    "健全完善群众性隐患排查治理长效机制",
)
