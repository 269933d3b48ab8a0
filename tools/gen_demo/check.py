"""`--check`: read the written files back with the builder's own loader and schema engine,
then check what the schema alone cannot: cross-references, the demo's own rules, privacy.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path

from builder.schema.records import KINDS
from tools.gen_demo.common import D
from tools.gen_demo.towns import TOWN_BY_ID
from tools.gen_demo.writer import generated_files

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
    problems += [f"town {t['id']}: no public union phone" for t in rec["towns"] if not t.get("union_phone")]
    problems += [f"{kind}: {share:.1%} of the {field} values repeat another (at most 10%)"
                 for kind, field, share in title_repeats(rec) if share > 0.10]
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
    drill_rows = defaultdict(list)
    for stem, d in raw["drills"]:
        drill_rows[stem].append(d)
    for r in rec["monthly_reports"]:
        if "hazards_found" not in r:
            continue
        month = int(r["month"][5:])
        cutoff = D(2016, month, 25)
        rows = [h for h in town_rows[r["town"]] if h["found_on"] <= cutoff]
        done = sum(1 for h in rows if h.get("closed_on") and h["closed_on"] <= cutoff)
        if (r["hazards_found"], r["hazards_rectified"]) != (len(rows), done):
            problems.append(f"monthly report {r['town']} {r['month']}: figures disagree with the ledger")
        first = D(2016, 1, 1) if month == 1 else D(2016, month - 1, 26)
        held = [d for d in drill_rows[r["town"]] if first <= d["date"] <= cutoff]
        ideas = [i for i in rec["golden_ideas"]
                 if ents[i["enterprise"]]["town"] == r["town"] and first <= i["submitted_on"] <= cutoff]
        if (r["drills"], r["drill_participants"], r["ideas"]) != (len(held), sum(d["participants"] for d in held),
                                                                 len(ideas)):
            problems.append(f"monthly report {r['town']} {r['month']}: month's drills or ideas disagree with data/")
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


# The text a reader sees as each record's headline: no more than one in ten may repeat another
# (issue 17: 600 golden ideas once shared 136 titles). Kinds without one (coverage rows,
# activity counts, awards naming a linked record) are not listed.
TITLE_FIELDS = {
    "towns": "name", "enterprises": "name", "hazards": "description", "listings": "summary", "trainings": "title",
    "drills": "evaluation", "golden_ideas": "title", "contests": "title", "contest_results": "name",
    "model_teams": "citation", "pacesetters": "citation", "works": "title", "visits": "findings",
    "county_rounds": "summary", "monthly_reports": "activities", "disqualifications": "reason",
}


def duplicate_share(values: list[str]) -> float:
    """The share of values that repeat an earlier one."""
    return 0.0 if not values else 1 - len(set(values)) / len(values)


def title_repeats(rec: dict[str, list[dict]]) -> list[tuple[str, str, float]]:
    return [(kind, field, duplicate_share([r[field] for r in rec.get(kind, []) if r.get(field)]))
            for kind, field in TITLE_FIELDS.items()]
