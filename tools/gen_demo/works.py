"""data/works.yaml: slogans, cartoons, essays and speeches (安全文化作品)."""

from __future__ import annotations

import random

from tools.gen_demo.common import ordered
from tools.gen_demo.enterprises import Ent
from tools.gen_demo.people import Names

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
