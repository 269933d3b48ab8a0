"""builder.derive: every figure of site.stats, county and per town, on a hand-built two-town site.

The fixture below is small enough to count by hand; each expected number has its arithmetic
beside it. As of 2016-05-31; the concentrated action ended 2016-04-30; reports due on the 25th.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from builder.stats import DrillCompliance, EightOnesItem, IdeaFigures, ListingSummary, Ratio

SITE_TOML = """\
[site]
title = "测试专题"
base_url = "https://example.gov.cn/cbc/"
organizers = ["测试县总工会"]

[campaign]
name = "查保促"
year = 2016
start = 2016-01-01
end = 2016-12-31
concentrated_action_end = 2016-04-30

[build]
as_of = 2016-05-31
"""

TOWNS = """\
- {id: suozhen, name: 索镇镇, short: 索镇, type: 镇, union_org: 索镇镇总工会, safety_station: 索镇镇安监站}
- {id: maqiao, name: 马桥镇, short: 马桥, type: 镇, union_org: 马桥镇总工会, safety_station: 马桥镇安监站}
"""

ENTERPRISES = """\
- {id: QY-1, name: 示例化工, town: suozhen, industry: 化工, high_risk: 化工, ownership: 非公, size: 小型,
   unionized: true, employees: 100, teams: 4}
- {id: QY-2, name: 示例机械, town: suozhen, industry: 机械制造, ownership: 非公, size: 小型,
   unionized: true, employees: 50, teams: 2}
- {id: QY-3, name: 示例建筑, town: maqiao, industry: 建筑, high_risk: 建筑, ownership: 非公, size: 中型,
   unionized: true, employees: 80, teams: 3}
- {id: QY-4, name: 示例五金, town: maqiao, industry: 机械制造, ownership: 非公, size: 微型,
   unionized: false, employees: 20}
"""

FIX = ("responsible_person: 王某, responsible_unit: 车间, measures: 整改, funds_cny: 500, "
       "contingency_plan: 预案")
HAZARDS = f"""\
- {{id: Y1, enterprise: QY-1, found_on: 2016-03-01, source: 职工排查, category: C3, description: 甲, grade: 一般,
   status: 已销号, {FIX}, deadline: 2016-03-15, closed_on: 2016-03-10}}
- {{id: Y2, enterprise: QY-1, found_on: 2016-03-05, source: 举报, reporter_ref: R-0001, category: C6, description: 乙,
   grade: 重大, status: 挂牌督办中, {FIX}, deadline: 2016-05-15}}
- {{id: Y3, enterprise: QY-2, found_on: 2016-04-02, source: 职工排查, category: C1, description: 丙, grade: 一般,
   status: 待整改}}
- {{id: Y4, enterprise: QY-3, found_on: 2016-04-10, source: 职工排查, category: C4, description: 丁, grade: 一般,
   status: 整改中, {FIX}, deadline: 2016-06-30}}
- {{id: Y5, enterprise: QY-3, found_on: 2016-05-20, source: 职工排查, category: C4, description: 戊, grade: 一般,
   status: 已销号, {FIX}, deadline: 2016-05-25, closed_on: 2016-06-10}}
- {{id: Y6, enterprise: QY-4, found_on: 2016-06-05, source: 职工排查, category: C2, description: 己, grade: 一般,
   status: 待整改}}
- {{id: Y7, enterprise: QY-4, found_on: 2016-03-03, source: 职工排查, category: C2, description: 庚, grade: 一般,
   status: 核实不属实}}
"""

FILES = {
    "site.toml": SITE_TOML,
    "content/news/2016-03-01-a.md": "---\ntitle: 动态\ndate: 2016-03-01\n---\n正文\n",
    "data/towns.yaml": TOWNS,
    "data/enterprises.yaml": ENTERPRISES,
    "data/hazards.yaml": HAZARDS,
    "data/listings.yaml": """\
- {id: GP-1, hazard: Y2, listing_no: 桓安委办〔2016〕1号, listing_org: 县安委办, supervising_unit: 县安监局,
   summary: 储罐区, listed_on: 2016-03-20, deadline: 2016-05-15, status: 挂牌督办中}
""",
    "data/trainings.yaml": """\
- {id: T1, kind: 负责人培训班, title: 甲, organizer: 县总工会, date: 2016-03-01, attendees: 120}
- {id: T2, kind: 一线职工培训班, title: 乙, organizer: 县总工会, date: 2016-06-15, attendees: 200}
- {id: T3, kind: 镇街培训班, title: 丙, organizer: 索镇镇总工会, town: suozhen, date: 2016-04-01, attendees: 60}
- {id: T4, kind: 企业培训, title: 丁, organizer: 示例建筑, town: maqiao, date: 2016-05-31, attendees: 30}
""",
    "data/training_coverage.yaml": """\
- {enterprise: QY-1, employees: 100, trained: 100}
- {enterprise: QY-2, employees: 50, trained: 45}
- {enterprise: QY-3, employees: 80, trained: 80}
- {enterprise: QY-4, employees: 20, trained: 0}
""",
    "data/drills.yaml": """\
- {id: D1, enterprise: QY-1, date: 2016-03-10, scenario: 泄漏, teams_participating: 4, teams_total: 4, participants: 90}
- {id: D2, enterprise: QY-1, date: 2016-05-10, scenario: 火灾, teams_participating: 4, teams_total: 4, participants: 95}
- {id: D3, enterprise: QY-2, date: 2016-04-01, scenario: 火灾, teams_participating: 1, teams_total: 2, participants: 20}
- {id: D4, enterprise: QY-3, date: 2016-03-15, scenario: 坍塌, teams_participating: 3, teams_total: 3, participants: 70}
- {id: D5, enterprise: QY-3, date: 2016-04-15, scenario: 触电, teams_participating: 3, teams_total: 3, participants: 70}
- {id: D6, enterprise: QY-3, date: 2016-06-20, scenario: 火灾, teams_participating: 2, teams_total: 3, participants: 50}
- {id: D7, enterprise: QY-4, date: 2016-04-01, scenario: 火灾, teams_participating: 1, teams_total: 1, participants: 15}
""",
    "data/visits.yaml": """\
- {id: V1, town: suozhen, enterprise: QY-1, date: 2016-03-01, method: 随机抽查}
- {id: V2, town: maqiao, enterprise: QY-3, date: 2016-05-10, method: 现场检查}
- {id: V3, town: maqiao, enterprise: QY-4, date: 2016-03-01, method: 座谈}
""",
    "data/golden_ideas.yaml": """\
- {id: G1, title: 甲, enterprise: QY-1, submitted_on: 2016-03-01, problem: 问题, proposal: 建议, adopted: true,
   award: 一等奖}
- {id: G2, title: 乙, enterprise: QY-2, submitted_on: 2016-04-01, problem: 问题, proposal: 建议, adopted: false}
- {id: G3, title: 丙, enterprise: QY-3, submitted_on: 2016-05-01, problem: 问题, proposal: 建议, adopted: true}
- {id: G4, title: 丁, enterprise: QY-3, submitted_on: 2016-06-10, problem: 问题, proposal: 建议, adopted: true}
""",
    "data/eight_ones.yaml": "".join(
        f"- {{id: B{item}, enterprise: QY-1, item: {item}, date: 2016-04-05, participants: 10}}\n"
        for item in range(1, 9)) + "- {id: B9, enterprise: QY-3, item: 1, date: 2016-04-06, participants: 8}\n",
    "data/family_culture.yaml": """\
- {id: F1, enterprise: QY-1, kind: 亲情寄语, date: 2016-03-08, participants: 30}
- {id: F2, enterprise: QY-3, kind: 一封家书, date: 2016-06-01, participants: 12}
- {id: F3, enterprise: QY-2, kind: 亲情寄语, date: 2016-05-31, participants: 16}
""",
    "data/works.yaml": """\
- {id: W1, kind: 警句, title: 安全第一, enterprise: QY-1, text: 安全第一, consent: true}
- {id: W2, kind: 漫画, title: 戴好安全帽, enterprise: QY-2, image: images/a.png, alt: 漫画, consent: false}
""",
    "data/monthly_reports.yaml": """\
- {town: suozhen, month: 2016-01, submitted_on: 2016-01-25, workers: 300}
- {town: suozhen, month: 2016-02, submitted_on: 2016-02-20, workers: 500}
- {town: suozhen, month: 2016-03, submitted_on: 2016-03-27, workers: 800}
- {town: suozhen, month: 2016-04, submitted_on: 2016-04-25, workers: 1000}
- {town: suozhen, month: 2016-05, submitted_on: 2016-05-24, workers: 1200}
- {town: maqiao, month: 2016-01, submitted_on: 2016-01-26, workers: 200}
- {town: maqiao, month: 2016-03, submitted_on: 2016-03-25, workers: 400}
- {town: maqiao, month: 2016-05, submitted_on: 2016-06-02, workers: 700}
""",
}


@pytest.fixture(scope="module")
def stats(tmp_path_factory):
    import shutil

    from builder.diagnostics import Reporter
    from builder.pipeline import prepare

    root = tmp_path_factory.mktemp("derive")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    shutil.copytree(Path(__file__).resolve().parents[2] / "themes" / "default", root / "themes" / "default")
    rep = Reporter()
    site, _ = prepare(root, rep)
    assert [str(d) for d in rep.diagnostics] == []
    return site.stats


@pytest.fixture(scope="module")
def county(stats):
    return stats.county


def test_as_of_and_enterprise_counts(stats, county):
    assert county.as_of == dt.date(2016, 5, 31)
    # 4 enterprises; unionized QY-1..3; high-risk QY-1 (化工), QY-3 (建筑); employees of unionized 100+50+80
    assert (county.enterprises, county.unionized, county.high_risk, county.employees) == (4, 3, 2, 230)
    suozhen, maqiao = stats.towns["suozhen"], stats.towns["maqiao"]
    assert (suozhen.enterprises, suozhen.unionized, suozhen.high_risk, suozhen.employees) == (2, 2, 1, 150)
    assert (maqiao.enterprises, maqiao.unionized, maqiao.high_risk, maqiao.employees) == (2, 1, 1, 80)


def test_hazard_totals(county):
    h = county.hazards
    # found by 05-31: Y1..Y5 (Y6 found 06-05; Y7 核实不属实) = 5
    assert h.found == 5
    # 一般 Y1 Y3 Y4 Y5 = 4, closed by 05-31 only Y1 (Y5 closes 06-10) -> 1/4 = 25%
    assert h.general == Ratio(1, 4) and str(h.general) == "25.0%"
    # 重大 Y2, listed, not closed -> 0/1
    assert h.major == Ratio(0, 1)
    # overdue: Y2 (deadline 05-15), Y5 (05-25, closes only 06-10) = 2
    assert h.overdue == 2
    # 五落实 complete: every found hazard but Y3 (待整改, none written) -> 4/5
    assert h.five_fixes == Ratio(4, 5)


def rows(rows_):
    return [(r.label, r.found, r.closed, r.overdue, r.major) for r in rows_]


def test_hazards_by_category_grade_industry_month_source(county):
    h = county.hazards
    assert rows(h.by_category) == [
        ("C1", 1, 0, 0, 0), ("C2", 0, 0, 0, 0), ("C3", 1, 1, 0, 0),   # C1 Y3; C3 Y1 (closed)
        ("C4", 2, 0, 1, 0), ("C5", 0, 0, 0, 0), ("C6", 1, 0, 1, 1)]   # C4 Y4 Y5 (Y5 overdue); C6 Y2
    assert rows(h.by_grade) == [("一般", 4, 1, 1, 0), ("重大", 1, 0, 1, 1)]
    # industries: 化工 Y1 Y2; 建筑 Y4 Y5; 机械制造 Y3 — most first, ties by name
    assert rows(h.by_industry) == [("化工", 2, 1, 1, 1), ("建筑", 2, 0, 1, 0), ("机械制造", 1, 0, 0, 0)]
    # months up to the as-of month: March Y1 Y2; April Y3 Y4; May Y5
    assert [(r.label, r.found) for r in h.by_month] == [
        ("2016-01", 0), ("2016-02", 0), ("2016-03", 2), ("2016-04", 2), ("2016-05", 1)]
    assert [(r.label, r.found) for r in h.by_source] == [
        ("职工排查", 4), ("企业自查", 0), ("工会检查", 0), ("督导检查", 0), ("举报", 1)]


def test_hazards_by_status_as_of(county):
    # Y1 已销号; Y2 挂牌督办中; Y3 待整改; Y4 整改中; Y5 closes 06-10, so on 05-31 it is 整改中
    assert county.hazards.by_status == (
        ("待整改", 1), ("整改中", 2), ("待验收", 0), ("已销号", 1), ("验收不合格", 0), ("已提请挂牌", 0),
        ("挂牌督办中", 1), ("已摘牌销号", 0))


def test_hazards_per_town(stats):
    suozhen, maqiao = stats.towns["suozhen"].hazards, stats.towns["maqiao"].hazards
    # 索镇 (QY-1, QY-2): Y1 Y2 Y3; 一般 Y1 Y3 -> 1/2; 重大 Y2 -> 0/1; overdue Y2
    assert (suozhen.found, suozhen.general, suozhen.major, suozhen.overdue) == (
        3, Ratio(1, 2), Ratio(0, 1), 1)
    # 马桥 (QY-3, QY-4): Y4 Y5 (Y6 later, Y7 unfounded); no 重大 -> 0/0 shows "—"
    assert (maqiao.found, maqiao.general, maqiao.major, maqiao.overdue) == (
        2, Ratio(0, 2), Ratio(0, 0), 1)
    assert str(maqiao.major) == "—"


def test_trainings(stats, county):
    t = county.trainings
    # held by 05-31: T1 负责人, T3 镇街, T4 企业 (on the as-of day); T2 (06-15) not yet
    assert t.held == {"负责人培训班": 1, "一线职工培训班": 0, "镇街培训班": 1, "企业培训": 1}
    assert t.attendees == 120 + 60 + 30
    # unionized only (QY-4 is not): (100 + 45 + 80) / (100 + 50 + 80) = 225/230 = 97.8%
    assert t.coverage == Ratio(225, 230) and str(t.coverage) == "97.8%"
    assert (t.enterprises_full, t.coverage_records) == (2, 3)  # QY-1 and QY-3 trained everyone
    suozhen, maqiao = stats.towns["suozhen"].trainings, stats.towns["maqiao"].trainings
    # a town sees only its own courses: 索镇 T3, 马桥 T4
    assert suozhen.held == {"负责人培训班": 0, "一线职工培训班": 0, "镇街培训班": 1, "企业培训": 0}
    assert (suozhen.attendees, maqiao.attendees) == (60, 30)
    assert suozhen.coverage == Ratio(145, 150) and maqiao.coverage == Ratio(80, 80)


def test_drills(stats, county):
    # unionized QY-1..3; QY-1: 2 full drills; QY-2: 1 drill, 1 of 2 teams; QY-3: 2 full by 05-31 (D6 later)
    assert county.drills == DrillCompliance(enterprises=3, enough_drills=2, full_teams=2, compliant=2, drills=5)
    assert str(county.drills.rate) == "66.7%"
    assert stats.towns["suozhen"].drills == DrillCompliance(2, 1, 1, 1, 3)
    assert stats.towns["maqiao"].drills == DrillCompliance(1, 1, 1, 1, 2)  # QY-4 not unionized


def test_supervision(stats, county):
    s = county.supervision
    # high-risk QY-1, QY-3; by the action's end (04-30) only QY-1 visited (QY-3 on 05-10) -> 1/2; by 05-31 2/2
    assert (s.coverage, s.coverage_now, s.visits) == (Ratio(1, 2), Ratio(2, 2), 3)
    maqiao = stats.towns["maqiao"].supervision
    assert (maqiao.coverage, maqiao.coverage_now, maqiao.visits) == (Ratio(0, 1), Ratio(1, 1), 2)


def test_golden_ideas(stats, county):
    # by 05-31: G1 G2 G3 (G4 06-10); adopted G1 G3; awarded G1
    assert county.ideas == IdeaFigures(submitted=3, adopted=2, awarded=1)
    assert stats.towns["suozhen"].ideas == IdeaFigures(2, 1, 1)
    assert stats.towns["maqiao"].ideas == IdeaFigures(1, 1, 0)


def test_eight_ones_family_culture_works(stats, county):
    # QY-1 held all eight; QY-3 only item 1 -> 1 of 3 unionized
    assert county.eight_ones_complete == Ratio(1, 3)
    assert county.eight_ones[1] == EightOnesItem(activities=2, participants=18, enterprises=2)
    assert county.eight_ones[2] == EightOnesItem(1, 10, 1)
    # 亲情寄语 F1 and F3 (on the as-of day); F2 一封家书 is after 05-31
    assert county.family_culture == {
        "亲情寄语": 2, "一张全家福": 0, "一封家书": 0, "员工家属交流会": 0, "安全特使": 0}
    assert county.works == 2
    assert (stats.towns["suozhen"].works, stats.towns["maqiao"].works) == (2, 0)


def test_workers_taking_part(stats, county):
    # latest cumulative figure submitted by 05-31: 索镇 May 1200; 马桥 March 400 (May's came 06-02)
    assert county.workers == 1600
    assert (stats.towns["suozhen"].workers, stats.towns["maqiao"].workers) == (1200, 400)


def test_report_matrix(stats):
    assert stats.months == tuple(f"2016-{m:02d}" for m in range(1, 13))
    later = {f"2016-{m:02d}": "未到期" for m in range(6, 13)}
    assert stats.reports["suozhen"] == {
        "2016-01": "按时", "2016-02": "按时", "2016-03": "迟报", "2016-04": "按时", "2016-05": "按时", **later}
    # 马桥: January a day late; February and April never; May's report came after the as-of date
    assert stats.reports["maqiao"] == {
        "2016-01": "迟报", "2016-02": "未报", "2016-03": "按时", "2016-04": "未报", "2016-05": "未报", **later}


def test_listings_and_countdown(stats):
    assert stats.listings == ListingSummary(listed=1, delisted=0) and stats.listings.open == 1
    # 2016-04-30 minus 2016-05-31 = -31 days: the action is over
    assert (stats.action_days_left, stats.action_over) == (-31, True)


def test_concentrated_action_result(stats):
    action = stats.action
    # found by 04-30: Y1 Y2 Y3 Y4; 一般 Y1 Y3 Y4, closed Y1 -> 1/3; 重大 Y2 -> 0/1; high-risk visited 1/2
    assert (action.end, action.found) == (dt.date(2016, 4, 30), 4)
    assert (action.general, action.major, action.coverage) == (Ratio(1, 3), Ratio(0, 1), Ratio(1, 2))
