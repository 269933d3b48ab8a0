"""data/golden_ideas.yaml: 600 safety suggestions (金点子), 60 adopted, 30 awarded."""

from __future__ import annotations

import random
from collections import Counter

from tools.gen_demo.common import CATEGORY_WEIGHTS, D, add_days, ordered
from tools.gen_demo.enterprises import Ent, production_workshops
from tools.gen_demo.golden_idea_texts import FEATURED_IDEAS, IDEA_TEMPLATES, TITLE_FORMS

IDEAS_OPEN, IDEAS_CLOSE = D(2016, 2, 22), D(2016, 9, 30)   # notices/2016-02-22


IDEA_AWARDS = (("一等奖", 3), ("二等奖", 6), ("三等奖", 9), ("优秀奖", 12))
IDEAS_ADOPTED = 60  # ≈10% of 600 (DOMAIN.md §4.3), the 30 awarded included


def _draft(rng: random.Random, e: Ent, category: str) -> dict:
    """One idea from the category's templates, filled from the proposer's own workshops."""
    title, problem, proposal, benefit, protects, promotes = rng.choice(IDEA_TEMPLATES[category])
    fill = {"ws": rng.choice(production_workshops(e.industry)), "eq": rng.choice(e.industry.equipment),
            "post": rng.choice(e.industry.posts)}
    form = rng.choices(list(TITLE_FORMS), weights=list(TITLE_FORMS.values()))[0]
    return {"title": form.format(t=title.format(**fill)), "problem": problem.format(**fill),
            "proposal": proposal.format(**fill), "benefit": benefit, "protects": list(protects),
            "promotes": list(promotes)}


def gen_golden_ideas(rng: random.Random, ents: list[Ent], disqualified: Ent) -> list[dict]:
    """600 ideas between 02-22 and 09-30; 60 adopted, 30 of them awarded."""
    unionized = [e for e in ents if e.unionized]
    weights = [e.employees ** 0.7 for e in unionized]
    drafts = []
    titles = {f[4] for f in FEATURED_IDEAS}
    for i in range(600 - len(FEATURED_IDEAS)):
        e = rng.choices(unionized, weights=weights)[0]
        category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        idea = _draft(rng, e, category)
        for _ in range(20):  # a title used before is drawn again: the gallery never repeats an idea
            if idea["title"] not in titles:
                break
            idea = _draft(rng, e, category)
        titles.add(idea["title"])
        drafts.append({
            **idea, "enterprise": e.id, "post": rng.choice(e.industry.posts), "author_ref": f"A-{i + 1:04d}",
            "submitted_on": add_days(IDEAS_OPEN, rng.randint(0, (IDEAS_CLOSE - IDEAS_OPEN).days)),
            "category": category, "adopted": False,
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
