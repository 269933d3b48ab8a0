"""data/awards.yaml: the year-end commendations, as the plan and news/2016-12-28 set them."""

from __future__ import annotations

from tools.gen_demo.common import D, ordered
from tools.gen_demo.golden_ideas import IDEA_AWARDS

AWARDS_ON = D(2016, 12, 26)


IDEA_REWARD = {"一等奖": "奖金 1000 元", "二等奖": "奖金 600 元", "三等奖": "奖金 400 元", "优秀奖": "奖金 200 元"}
CONTEST_REWARD = {"二等奖": "奖金 800 元", "三等奖": "奖金 500 元"}
DECISION_HONOURS = "桓工发〔2016〕68号"   # 劳动奖章、工人先锋号
DECISION_CAMPAIGN = "桓工发〔2016〕69号"  # 金点子、大赛、作品、优秀组织奖


def gen_awards(results, pacesetters, teams, ideas, org_towns) -> list[dict]:
    """Honours as the plan sets them (DOMAIN.md §0 item 6), plus the campaign's own prizes as
    news/2016-12-28 lists them (ideas, contest runners-up) and the 优秀组织奖 for towns.
    Works keep their contest `award` but get no county commendation record."""
    rows = []
    for r in results:
        if r["rank"] == 1:
            rows.append({"honour": "富民强县劳动奖章", "basis": "技能大赛第一名", "enterprise": r["enterprise"],
                         "contest_result": r["id"], "grade": r["prize"], "trade": r["trade"], "rank": r["rank"],
                         "reward": "奖章、证书", "decision_no": DECISION_HONOURS})
    for p in pacesetters:
        rows.append({"honour": "富民强县劳动奖章", "basis": "岗位标兵", "enterprise": p["enterprise"],
                     "pacesetter": p["id"], "trade": p["post"], "reward": "奖章、证书", "decision_no": DECISION_HONOURS})
    for t in teams:
        rows.append({"honour": "工人先锋号", "basis": "示范班组", "enterprise": t["enterprise"],
                     "model_team": t["id"], "reward": "奖牌、奖金 3000 元", "decision_no": DECISION_HONOURS})
    order = {prize: i for i, (prize, _) in enumerate(IDEA_AWARDS)}
    for idea in sorted((i for i in ideas if i.get("award")), key=lambda i: (order[i["award"]], i["id"])):
        rows.append({"honour": "金点子奖", "basis": "金点子", "enterprise": idea["enterprise"],
                     "golden_idea": idea["id"], "grade": idea["award"], "reward": IDEA_REWARD[idea["award"]],
                     "decision_no": DECISION_CAMPAIGN})
    for r in results:
        if r["rank"] > 1:
            rows.append({"honour": "技能大赛奖", "basis": "技能大赛", "enterprise": r["enterprise"],
                         "contest_result": r["id"], "grade": r["prize"], "trade": r["trade"], "rank": r["rank"],
                         "reward": CONTEST_REWARD[r["prize"]], "decision_no": DECISION_CAMPAIGN})
    for town in org_towns:
        rows.append({"honour": "优秀组织奖", "basis": "组织工作", "recipient": f"{town.name}总工会", "town": town.id,
                     "reward": "奖牌", "decision_no": DECISION_CAMPAIGN})
    return [ordered("awards", {"id": f"BZJ-2016-{n:03d}", **row, "date": AWARDS_ON}) for n, row in enumerate(rows, 1)]
