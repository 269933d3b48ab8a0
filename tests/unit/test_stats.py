"""builder.stats: every figure checked against numbers worked out by hand (arithmetic in comments)."""

from __future__ import annotations

import datetime as dt

import pytest

from builder import stats as S


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


FIVE = {"responsible_person": "王某", "responsible_unit": "车间", "measures": "整改", "funds_cny": 100,
        "contingency_plan": "预案"}


def hazard(id, grade, found, status, *, closed=None, deadline=None, five=True, enterprise="E1", category="C1",
           rectified_on=None):
    h = {"id": id, "grade": grade, "found_on": d(found), "status": status, "enterprise": enterprise,
         "category": category, "source": "职工排查"}
    if five:
        h.update(FIVE)
    if deadline:
        h["deadline"] = d(deadline)
    if closed:
        h["closed_on"] = d(closed)
    if rectified_on:
        h["rectified_on"] = d(rectified_on)
    return h


AS_OF = d("2016-04-30")

HAZARDS = [
    hazard("H1", "一般", "2016-03-01", "已销号", closed="2016-03-10", deadline="2016-03-15"),  # closed in time
    hazard("H2", "一般", "2016-03-05", "已销号", closed="2016-05-10", deadline="2016-04-01"),  # closed after as-of
    hazard("H3", "一般", "2016-04-01", "整改中", deadline="2016-05-31"),                      # open, not yet due
    hazard("H4", "一般", "2016-04-10", "待整改", five=False),                                  # registered, no deadline
    hazard("H5", "重大", "2016-03-01", "已摘牌销号", closed="2016-04-20", deadline="2016-04-25"),
    hazard("H6", "重大", "2016-03-15", "挂牌督办中", deadline="2016-04-15"),                  # listed and overdue
    hazard("H7", "重大", "2016-03-20", "已摘牌销号", closed="2016-06-01", deadline="2016-06-30"),
    hazard("H8", "一般", "2016-05-05", "整改中", deadline="2016-05-20"),                      # found after as-of
    hazard("H9", "一般", "2016-03-01", "核实不属实", five=False),                             # unfounded
    hazard("H10", "一般", "2016-04-30", "待验收", deadline="2016-04-30"),                     # found and due on as-of
]


def found():
    return S.hazards_found(HAZARDS, AS_OF)


def test_hazards_found_by_date_excluding_unfounded():
    # Found by 04-30: H1 H2 H3 H4 H5 H6 H7 H10 (H8 found 05-05; H9 核实不属实) -> 8; the as-of day counts.
    assert [h["id"] for h in found()] == ["H1", "H2", "H3", "H4", "H5", "H6", "H7", "H10"]


def test_closed_by():
    assert S.closed_by(HAZARDS[0], AS_OF)                      # closed 03-10
    assert not S.closed_by(HAZARDS[1], AS_OF)                  # closed 05-10, after as-of
    assert S.closed_by(HAZARDS[1], d("2016-05-10"))            # ... counts from its closing day
    assert not S.closed_by(HAZARDS[2], AS_OF)                  # 整改中
    assert not S.closed_by({**HAZARDS[0], "closed_on": None}, AS_OF)


def test_rectification_rate_by_grade_as_of_date():
    # 一般 found: H1 H2 H3 H4 H10 = 5; closed by 04-30: H1 only (H2 closes 05-10) -> 1/5 = 20.0%
    general = S.rectification(found(), AS_OF, "一般")
    assert (general.done, general.total) == (1, 5)
    assert general.pct == pytest.approx(20.0) and str(general) == "20.0%"
    # 重大 found: H5 H6 H7 = 3; closed by 04-30: H5 (04-20); H7 closes 06-01 -> 1/3 = 33.3%
    major = S.rectification(found(), AS_OF, "重大")
    assert (major.done, major.total) == (1, 3) and str(major) == "33.3%"
    # As of 2016-06-30: 一般 found adds H8 -> 6, closed H1 H2 -> 2/6; 重大 closed H5 H7 -> 2/3
    later = S.hazards_found(HAZARDS, d("2016-06-30"))
    assert S.rectification(later, d("2016-06-30"), "一般") == S.Ratio(2, 6)
    assert S.rectification(later, d("2016-06-30"), "重大") == S.Ratio(2, 3)


def test_overdue():
    # Not closed by 04-30 and deadline before 04-30: H2 (04-01, closes 05-10), H6 (04-15) -> 2.
    # H10's deadline is the as-of day itself: not yet overdue. H5 was closed in time.
    assert [h["id"] for h in found() if S.overdue(h, AS_OF)] == ["H2", "H6"]
    # On 05-31: H3 (deadline 05-31) still not overdue; H2 closed 05-10 -> only H6 and H10
    assert [h["id"] for h in S.hazards_found(HAZARDS, d("2016-05-31")) if S.overdue(h, d("2016-05-31"))] == [
        "H6", "H8", "H10"]  # H8 deadline 05-20 also passed


def test_status_as_of():
    statuses = {h["id"]: S.status_as_of(h, AS_OF) for h in found()}
    assert statuses == {
        "H1": "已销号", "H2": "整改中",          # closed later: was still being rectified
        "H3": "整改中", "H4": "待整改", "H5": "已摘牌销号",
        "H6": "挂牌督办中", "H7": "挂牌督办中",   # delisted later: was still listed
        "H10": "待验收",
    }


def test_five_fixes_completeness():
    # Of the 8 found: all but H4 carry the five fixes -> 7/8
    assert S.five_fixes_complete(found()) == S.Ratio(7, 8)
    # An empty string does not count as filled in
    assert S.five_fixes_complete([{**HAZARDS[0], "measures": ""}]) == S.Ratio(0, 1)


def test_hazard_rows_by_grade_in_order():
    rows = S.hazard_rows(found(), AS_OF, lambda h: h["grade"], order=("一般", "重大"))
    # 一般: found 5, closed 1 (H1), overdue 1 (H2), major 0; 重大: found 3, closed 1 (H5), overdue 1 (H6), major 3
    assert [(r.label, r.found, r.closed, r.overdue, r.major) for r in rows] == [
        ("一般", 5, 1, 1, 0), ("重大", 3, 1, 1, 3)]
    assert rows[0].rate == S.Ratio(1, 5)


def test_hazard_rows_missing_groups_show_zero_and_unordered_rows_are_sorted():
    rows = S.hazard_rows(found(), AS_OF, lambda h: h["found_on"].strftime("%Y-%m"),
                         order=["2016-01", "2016-02", "2016-03", "2016-04"])
    # March: H1 H2 H5 H6 H7 = 5; April: H3 H4 H10 = 3
    assert [(r.label, r.found) for r in rows] == [("2016-01", 0), ("2016-02", 0), ("2016-03", 5), ("2016-04", 3)]
    rows = S.hazard_rows(found(), AS_OF, lambda h: h["id"][:2])
    assert [r.label for r in rows] == ["H1", "H2", "H3", "H4", "H5", "H6", "H7"]  # sorted labels


def test_ratio():
    assert S.Ratio(0, 0).pct is None and str(S.Ratio(0, 0)) == "—"
    assert S.Ratio(2, 3).meets(0.66) and not S.Ratio(2, 3).meets(0.67)
    assert S.Ratio(5, 5).meets(1.0) and not S.Ratio(0, 0).meets(0.0)  # nothing to measure never meets


def test_listings_open_and_closed():
    listings = [
        {"listed_on": d("2016-03-10"), "delisted_on": d("2016-04-20")},  # listed and delisted by 04-30
        {"listed_on": d("2016-03-20"), "delisted_on": d("2016-06-01")},  # delisted later: still open
        {"listed_on": d("2016-03-25")},                                   # open
        {"listed_on": d("2016-05-10")},                                   # listed after as-of: not counted
    ]
    assert S.listings_summary(listings, AS_OF) == S.ListingSummary(listed=3, delisted=1)
    assert S.listings_summary(listings, AS_OF).open == 2
    assert S.listings_summary(listings, d("2016-06-30")) == S.ListingSummary(listed=4, delisted=2)


def test_trainings_held_by_kind_as_of():
    trainings = [
        {"kind": "负责人培训班", "date": d("2016-03-01")},
        {"kind": "负责人培训班", "date": d("2016-05-20")},   # after as-of
        {"kind": "一线职工培训班", "date": d("2016-04-30")},  # on as-of: counts
        {"kind": "企业培训", "date": d("2016-02-01")},
    ]
    assert S.trainings_held(trainings, AS_OF) == {"负责人培训班": 1, "一线职工培训班": 1, "企业培训": 1}
    assert S.trainings_held(trainings, d("2016-12-31"))["负责人培训班"] == 2


def test_training_coverage():
    # (100 + 40) trained of (100 + 50) employees = 140/150 = 93.3%
    coverage = S.training_coverage([{"employees": 100, "trained": 100}, {"employees": 50, "trained": 40}])
    assert coverage == S.Ratio(140, 150) and str(coverage) == "93.3%"


ENTERPRISES = [
    {"id": "E1", "unionized": True, "high_risk": "化工"},
    {"id": "E2", "unionized": True, "high_risk": "建筑"},
    {"id": "E3", "unionized": True, "high_risk": "化工"},
    {"id": "E4", "unionized": False},
    {"id": "E5", "unionized": True},
]


def drill(enterprise, date, part, total):
    return {"enterprise": enterprise, "date": d(date), "teams_participating": part, "teams_total": total}


def test_drill_compliance():
    drills = [
        drill("E1", "2016-03-01", 6, 6), drill("E1", "2016-05-01", 6, 6),  # 2 drills, all teams: compliant
        drill("E2", "2016-03-01", 5, 6), drill("E2", "2016-05-01", 6, 6),  # 2 drills, one missing a team
        drill("E3", "2016-03-01", 4, 4), drill("E3", "2016-07-15", 4, 4),  # 2nd drill after as-of: only 1
        drill("E4", "2016-03-01", 3, 3), drill("E4", "2016-04-01", 3, 3),  # not unionized: excluded
    ]                                                                      # E5: no drills at all
    result = S.drill_compliance(ENTERPRISES, drills, d("2016-06-30"), per_enterprise=2, team_share=1.0)
    # unionized: E1 E2 E3 E5 = 4; >=2 drills: E1 E2 = 2; all teams every time: E1 E3 = 2; both: E1 = 1;
    # drills held by unionized enterprises by 06-30: 2 + 2 + 1 = 5
    assert result == S.DrillCompliance(enterprises=4, enough_drills=2, full_teams=2, compliant=1, drills=5)
    assert result.rate == S.Ratio(1, 4) and str(result.rate) == "25.0%"


def test_drill_with_no_teams_counts_as_full():
    drills = [drill("E5", "2016-03-01", 0, 0), drill("E5", "2016-04-01", 0, 0)]
    result = S.drill_compliance([ENTERPRISES[4]], drills, AS_OF, 2, 1.0)
    assert (result.enough_drills, result.full_teams, result.compliant) == (1, 1, 1)


def test_supervision_coverage_by_action_end():
    visits = [
        {"enterprise": "E1", "date": d("2016-03-01")},
        {"enterprise": "E1", "date": d("2016-03-09")},  # a second visit to E1 counts once
        {"enterprise": "E2", "date": d("2016-05-02")},  # after the concentrated action
        {"enterprise": "E4", "date": d("2016-03-01")},  # not high-risk
    ]
    # high-risk: E1 E2 E3 = 3; visited by 04-30: E1 -> 1/3; by 06-30: E1 E2 -> 2/3
    assert S.supervision_coverage(ENTERPRISES, visits, AS_OF) == S.Ratio(1, 3)
    assert S.supervision_coverage(ENTERPRISES, visits, d("2016-06-30")) == S.Ratio(2, 3)


def test_campaign_months_and_due_dates():
    assert S.campaign_months(d("2016-11-15"), d("2017-02-01")) == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert S.report_due("2016-02", 25) == d("2016-02-25")


def test_report_status_due_day_inclusive():
    march = "2016-03"  # due 2016-03-25
    assert S.report_status({"submitted_on": d("2016-03-25")}, march, 25, d("2016-04-30")) == "按时"
    assert S.report_status({"submitted_on": d("2016-03-26")}, march, 25, d("2016-04-30")) == "迟报"
    assert S.report_status({}, march, 25, d("2016-04-30")) == "未报"
    assert S.report_status(None, march, 25, d("2016-03-26")) == "未报"
    assert S.report_status(None, march, 25, d("2016-03-25")) == "未到期"  # may still come in today
    # submitted after the as-of date: not yet known on the as-of date
    assert S.report_status({"submitted_on": d("2016-03-28")}, march, 25, d("2016-03-27")) == "未报"
    # strict reading of 25日前: due day 24
    assert S.report_status({"submitted_on": d("2016-03-25")}, march, 24, d("2016-04-30")) == "迟报"


def test_report_matrix():
    towns = [{"id": "A"}, {"id": "B"}]
    reports = [
        {"town": "A", "month": "2016-01", "submitted_on": d("2016-01-25")},  # on the due day: 按时
        {"town": "A", "month": "2016-02", "submitted_on": d("2016-02-26")},  # a day late: 迟报
        {"town": "B", "month": "2016-01", "submitted_on": d("2016-03-28")},  # after as-of 03-25: 未报
        {"town": "B", "month": "2016-02", "submitted_on": d("2016-02-10")},
        {"town": "B", "month": "2016-03", "submitted_on": d("2016-03-20")},
        {"town": "B", "month": "2016-04", "submitted_on": d("2016-03-30")},  # after as-of: 未到期
    ]
    months = ["2016-01", "2016-02", "2016-03", "2016-04"]
    assert S.report_matrix(towns, reports, months, 25, d("2016-03-25")) == {
        "A": {"2016-01": "按时", "2016-02": "迟报", "2016-03": "未到期", "2016-04": "未到期"},
        "B": {"2016-01": "未报", "2016-02": "按时", "2016-03": "按时", "2016-04": "未到期"},
    }


def test_golden_ideas():
    ideas = [
        {"submitted_on": d("2016-03-01"), "adopted": True, "award": "一等奖"},
        {"submitted_on": d("2016-03-05"), "adopted": True},
        {"submitted_on": d("2016-04-01"), "adopted": False},
        {"submitted_on": d("2016-02-01"), "award": "优秀奖"},                  # awarded, not adopted
        {"submitted_on": d("2016-05-01"), "adopted": True, "award": "二等奖"},  # after as-of
    ]
    # by 04-30: submitted 4; adopted 2 (first two); awarded 2 (一等奖, 优秀奖)
    assert S.golden_idea_summary(ideas, AS_OF) == S.IdeaFigures(submitted=4, adopted=2, awarded=2)


def eight(enterprise, item, date, participants=10):
    return {"enterprise": enterprise, "item": item, "date": d(date), "participants": participants}


def test_eight_ones():
    enterprises = [{"id": "E1", "unionized": True}, {"id": "E2", "unionized": True}, {"id": "E3", "unionized": False}]
    activities = (
        [eight("E1", item, "2016-04-01") for item in range(1, 9)]                      # all eight by as-of
        + [eight("E2", item, "2016-04-01", 12) for item in range(1, 8)]                # items 1-7 ...
        + [eight("E2", 8, "2016-05-15", 12)]                                           # ... item 8 after as-of
        + [eight("E3", item, "2016-04-01", 5) for item in range(1, 9)]                 # not unionized
    )
    # unionized E1 E2; with all 8 items by 04-30: E1 only -> 1/2
    assert S.eight_ones_completion(enterprises, activities, AS_OF) == S.Ratio(1, 2)
    assert S.eight_ones_completion(enterprises, activities, d("2016-05-15")) == S.Ratio(2, 2)
    by_item = S.eight_ones_by_item(activities, AS_OF)
    # item 1: E1 (10) + E2 (12) + E3 (5) = 3 activities, 27 people, 3 enterprises
    assert by_item[1] == S.EightOnesItem(activities=3, participants=27, enterprises=3)
    # item 8: E1 (10) + E3 (5); E2's is after as-of
    assert by_item[8] == S.EightOnesItem(activities=2, participants=15, enterprises=2)
    assert sorted(by_item) == list(range(1, 9))


def test_workers_taking_part_uses_latest_cumulative_report():
    reports = [
        {"town": "A", "month": "2016-01", "submitted_on": d("2016-01-20"), "workers": 100},
        {"town": "A", "month": "2016-02", "submitted_on": d("2016-02-24"), "workers": 250},
        {"town": "A", "month": "2016-03", "submitted_on": d("2016-03-28"), "workers": 400},  # after as-of
        {"town": "B", "month": "2016-01", "submitted_on": d("2016-01-25"), "workers": 80},
        {"town": "B", "month": "2016-02", "submitted_on": d("2016-02-25")},                  # no figure
        {"town": "C", "month": "2016-01", "workers": 999},                                  # never submitted
    ]
    # A: latest by 03-25 is February's 250; B: January's 80 -> 330
    assert S.workers_taking_part(reports, d("2016-03-25")) == 330
    # by 03-31, A's March 400 counts: 400 + 80 = 480
    assert S.workers_taking_part(reports, d("2016-03-31")) == 480


def test_rectified_in_time_and_awaiting_acceptance_is_not_overdue():
    # Rectified 04-10, deadline 04-15, acceptance still pending on 05-01: on time, not overdue.
    waiting = hazard("W1", "一般", "2016-04-01", "待验收", deadline="2016-04-15", rectified_on="2016-04-10")
    assert not S.overdue(waiting, d("2016-05-01"))
    # Rectified 04-20, after the 04-15 deadline: overdue until it is accepted and closed.
    late = hazard("W2", "一般", "2016-04-01", "待验收", deadline="2016-04-15", rectified_on="2016-04-20")
    assert S.overdue(late, d("2016-05-01"))
    # Rectification recorded after the as-of date does not count yet.
    assert S.overdue(waiting, d("2016-04-16")) is False
    future = hazard("W3", "一般", "2016-04-01", "待验收", deadline="2016-04-15", rectified_on="2016-04-30")
    assert S.overdue(future, d("2016-04-20"))
