"""The campaign's figures recomputed from plain YAML, independently of builder.stats.

Each function restates a rule of the action plan (or of DOMAIN.md) in the simplest code
possible; the site tests compare the numbers the built pages show with these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

CLOSED = {"已销号", "已摘牌销号"}


def town_ids(data: dict) -> dict[str, str]:
    """Town id or name -> id (records may name a town either way)."""
    out = {}
    for town in data["towns"]:
        out[town["id"]] = town["id"]
        out[town["name"]] = town["id"]
    return out


def enterprise_town(data: dict) -> dict[str, str]:
    ids = town_ids(data)
    return {e["id"]: ids[e["town"]] for e in data["enterprises"]}


def found(data: dict, as_of: dt.date) -> list[dict]:
    """Hazards found by the statistics date, not counting those verified as unfounded."""
    return [h for h in data.get("hazards", []) if h["found_on"] <= as_of and h["status"] != "核实不属实"]


def is_closed(hazard: dict, as_of: dt.date) -> bool:
    return hazard["status"] in CLOSED and hazard.get("closed_on") is not None and hazard["closed_on"] <= as_of


def is_overdue(hazard: dict, as_of: dt.date) -> bool:
    """逾期未整改: past the deadline, not closed, and not rectified by the deadline either
    (a hazard fixed in time and only awaiting acceptance is not overdue)."""
    deadline, rectified = hazard.get("deadline"), hazard.get("rectified_on")
    if is_closed(hazard, as_of) or deadline is None or deadline >= as_of:
        return False
    return not (rectified is not None and rectified <= deadline and rectified <= as_of)


def pct(done: int, total: int) -> float | None:
    return None if total == 0 else round(100 * done / total, 1)


def hazards_by_town(data: dict, as_of: dt.date) -> dict[str, dict]:
    where = enterprise_town(data)
    out: dict[str, dict] = defaultdict(lambda: {"found": 0, "closed": 0, "major": 0, "overdue": 0})
    for h in found(data, as_of):
        row = out[where[h["enterprise"]]]
        row["found"] += 1
        row["closed"] += is_closed(h, as_of)
        row["major"] += h["grade"] == "重大"
        row["overdue"] += is_overdue(h, as_of)
    return out


def rectification(data: dict, as_of: dt.date, grade: str) -> tuple[int, int]:
    graded = [h for h in found(data, as_of) if h["grade"] == grade]
    return sum(is_closed(h, as_of) for h in graded), len(graded)


def hazards_by(data: dict, as_of: dt.date, key) -> Counter:
    return Counter(key(h) for h in found(data, as_of))


def coverage_by_town(data: dict) -> dict[str, tuple[int, int]]:
    where = enterprise_town(data)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for c in data.get("training_coverage", []):
        row = out[where[c["enterprise"]]]
        row[0] += c["trained"]
        row[1] += c["employees"]
    return {k: (v[0], v[1]) for k, v in out.items()}


def drills_compliant_by_town(data: dict, as_of: dt.date, per_enterprise: int = 2) -> dict[str, tuple[int, int]]:
    """Unionized enterprises with >= 2 drills, every drill with all its teams: (compliant, unionized)."""
    drills = defaultdict(list)
    for d in data.get("drills", []):
        if d["date"] <= as_of:
            drills[d["enterprise"]].append(d)
    ids = town_ids(data)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in data["enterprises"]:
        if not e["unionized"]:
            continue
        held = drills[e["id"]]
        ok = len(held) >= per_enterprise and all(d["teams_participating"] >= d["teams_total"] for d in held)
        row = out[ids[e["town"]]]
        row[0] += ok
        row[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def ideas_by_town(data: dict, as_of: dt.date) -> dict[str, tuple[int, int, int]]:
    where = enterprise_town(data)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for i in data.get("golden_ideas", []):
        if i["submitted_on"] <= as_of:
            row = out[where[i["enterprise"]]]
            row[0] += 1
            row[1] += bool(i.get("adopted"))
            row[2] += bool(i.get("award"))
    return {k: tuple(v) for k, v in out.items()}


def report_status(data: dict, town_id: str, month: int, as_of: dt.date, due_day: int = 25) -> str:
    """按时 / 迟报 / 未报 / 未到期 of one town's report for one month of 2016."""
    ids = town_ids(data)
    due = dt.date(2016, month, due_day)
    report = next((r for r in data.get("monthly_reports", [])
                   if ids[r["town"]] == town_id and str(r["month"]) in (f"2016-{month:02d}",)), None)
    submitted = report.get("submitted_on") if report else None
    if submitted is not None and submitted <= as_of:
        return "按时" if submitted <= due else "迟报"
    return "未到期" if due >= as_of else "未报"


def supervised_by_town(data: dict, by: dt.date) -> dict[str, tuple[int, int]]:
    """High-risk enterprises visited at least once by `by`: (visited, high-risk)."""
    visited = {v["enterprise"] for v in data.get("visits", []) if v["date"] <= by}
    ids = town_ids(data)
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for e in data["enterprises"]:
        if e.get("high_risk"):
            row = out[ids[e["town"]]]
            row[0] += e["id"] in visited
            row[1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def hazards_by_level(data: dict, as_of: dt.date) -> dict[str, dict]:
    """整改层级 -> found and closed; a hazard without a level (registered only) is 尚未确定."""
    out: dict[str, dict] = defaultdict(lambda: {"found": 0, "closed": 0})
    for h in found(data, as_of):
        row = out[h.get("level") or "尚未确定"]
        row["found"] += 1
        row["closed"] += is_closed(h, as_of)
    return out
