"""data/golden_ideas.yaml: 600 safety suggestions (金点子), 60 adopted, 30 awarded."""

from __future__ import annotations

import random
from collections import Counter

from tools.gen_demo.common import CATEGORY_WEIGHTS, D, add_days, ordered
from tools.gen_demo.enterprises import Ent, production_workshops

IDEAS_OPEN, IDEAS_CLOSE = D(2016, 2, 22), D(2016, 9, 30)   # notices/2016-02-22


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
