"""The order in which the kinds are made (one feeds another), and the summary printed after a run."""

from __future__ import annotations

from collections import Counter, defaultdict

from tools.gen_demo.awards import gen_awards
from tools.gen_demo.common import AS_OF, CONCENTRATED_END, ordered, rng_for
from tools.gen_demo.contest_results import gen_contest_results
from tools.gen_demo.contests import gen_contest
from tools.gen_demo.county_rounds import gen_county_rounds
from tools.gen_demo.disqualifications import gen_disqualifications
from tools.gen_demo.drills import gen_drills
from tools.gen_demo.eight_ones import gen_eight_ones
from tools.gen_demo.enterprises import MODEL_TOWNS, choose_disqualified, gen_enterprises
from tools.gen_demo.family_culture import gen_family_culture
from tools.gen_demo.golden_ideas import gen_golden_ideas
from tools.gen_demo.hazards import gen_hazards
from tools.gen_demo.listings import gen_listings
from tools.gen_demo.model_teams import gen_model_teams
from tools.gen_demo.monthly_reports import gen_monthly_reports
from tools.gen_demo.pacesetters import gen_pacesetters
from tools.gen_demo.people import Names, Phones
from tools.gen_demo.towns import TOWN_BY_ID, TOWN_ORDER, TOWNS, Town, gen_towns, name_contacts
from tools.gen_demo.training_coverage import gen_training_coverage
from tools.gen_demo.trainings import gen_trainings
from tools.gen_demo.visits import finish_visits, plan_visits
from tools.gen_demo.works import gen_works

DEFAULT_HAZARDS = 4000


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
    drills = gen_drills(rng_for("drills"), ents, disqualified)
    trainings = gen_trainings(rng_for("trainings"))
    reports, late_towns = gen_monthly_reports(rng_for("reports"), hazards, ent_by_id, drills, trainings, ideas)
    org_towns = _organisation_award_towns(hazards, late_towns | {disqualified.town.id})
    name_contacts(towns, names)

    data = {
        "towns": [ordered("towns", t) for t in towns], "enterprises": [ordered("enterprises", e.record) for e in ents],
        "listings": listings, "trainings": trainings,
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
