"""Fixtures for spreadsheet tests: three towns of ten enterprises, and ledgers filled like a clerk would.

- ``ledger_site``: a site root with 3 towns (索镇镇, 起凤镇, 马桥镇) and 10 enterprises in each.
- ``template(kind, town=None)``: write a template with the real command code; returns its path.
- ``fill_sheet(path, rows, out)``: put rows ({Chinese label: value}) under the header, as typed in Excel.
- ``hazard_rows(n, town_index=0)``: n valid hazard-ledger rows of one town's enterprises.
- ``town_enterprises(town_index)``: (id, name) of a town's enterprises, in drop-down order.

(pytest runs with --import-mode=importlib, so tests take helpers as fixtures, never by import.)
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl
import pytest

TOWNS = (("suozhen", "索镇镇", "索镇"), ("qifeng", "起凤镇", "起凤"), ("maqiao", "马桥镇", "马桥"))
INDUSTRIES = (("化工", "化工"), ("建筑", "建筑"), ("机械制造", None), ("造纸", None), ("建材", "建材"))


def towns_yaml() -> str:
    return "".join(f"- id: {tid}\n  name: {name}\n  short: {short}\n  type: 镇\n"
                   f"  union_org: {name}总工会\n  safety_station: {name}安监站\n" for tid, name, short in TOWNS)


def enterprises_yaml() -> str:
    out = []
    number = 0
    for tid, _name, short in TOWNS:
        for i in range(10):
            number += 1
            industry, high_risk = INDUSTRIES[i % len(INDUSTRIES)]
            out.append(f"- id: QY-{number:04d}\n  name: 桓台{short}示例{industry}有限公司{i + 1}号\n  town: {tid}\n"
                       f"  industry: {industry}\n" + (f"  high_risk: {high_risk}\n" if high_risk else "")
                       + f"  ownership: 非公\n  size: 小型\n  unionized: {'true' if i % 3 else 'false'}\n"
                       f"  employees: {50 + 10 * i}\n  teams: {3 + i % 4}\n")
    return "".join(out)


def town_enterprises_of(town_index: int) -> list[tuple[str, str]]:
    """(id, name) of the 10 enterprises of the town at `town_index` in TOWNS."""
    short = TOWNS[town_index][2]
    return [(f"QY-{10 * town_index + i + 1:04d}", f"桓台{short}示例{INDUSTRIES[i % len(INDUSTRIES)][0]}有限公司{i + 1}号")
            for i in range(10)]


def fill(path: Path, rows: list[dict], out: Path, start_row: int = 2) -> Path:
    """Type `rows` into the template's first sheet by Chinese label (the * of required columns optional)."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    columns = {str(c.value).rstrip("*"): c.column for c in sheet[1] if c.value}
    for offset, row in enumerate(rows):
        for label, value in row.items():
            sheet.cell(row=start_row + offset, column=columns[label], value=value)
    book.save(out)
    return out


def clean_hazard_rows(n: int, town_index: int = 0, seed: int = 8) -> list[dict]:
    """n valid hazard rows as a town clerk types them: dates as Excel dates, enterprises from the drop-down."""
    rng = random.Random(seed)
    short = TOWNS[town_index][0][:2].upper()
    enterprises = town_enterprises_of(town_index)
    rows = []
    for i in range(n):
        eid, name = enterprises[i % len(enterprises)]
        found = dt.datetime(2016, 1, 4) + dt.timedelta(days=rng.randrange(0, 150))
        row = {
            "编号": f"YH-2016-{short}-{i + 1:04d}", "企业": f"{eid} {name}", "车间/部位": f"{rng.choice('一二三')}车间",
            "排查日期": found, "排查来源": rng.choice(("职工排查", "企业自查", "工会检查", "督导检查", "举报")),
            "报告人代号": f"R-{rng.randrange(1, 3000):04d}", "六查类别": f"C{rng.randrange(1, 7)}",
            "隐患性质": rng.choice(("物", "人", "管理")), "隐患领域": rng.choice(("安全生产", "职业健康")),
            "隐患描述": f"第{i + 1}项：配电箱门未关闭，警示标识缺失",
            "隐患等级": "重大" if i % 97 == 5 else "一般", "整改层级": rng.choice(("班组", "车间", "企业")),
        }
        state = i % 3
        if state == 0:
            row["状态"] = "待整改"
        else:
            row.update({"状态": "整改中" if state == 1 else "已销号", "整改责任人": "车间主任",
                        "整改责任单位": row["车间/部位"], "整改措施": "加装防护罩；\n组织班组培训",
                        "整改资金（元）": 800 + 10 * i, "整改时限": found + dt.timedelta(days=30),
                        "应急预案": "整改期间设警戒区"})
            if state == 2:
                row["整改完成日期"] = found + dt.timedelta(days=10)
                row["销号日期"] = found + dt.timedelta(days=12)
        rows.append(row)
    return rows


@pytest.fixture
def ledger_site(make_site, site_files):
    files = dict(site_files)
    files["data/towns.yaml"] = towns_yaml()
    files["data/enterprises.yaml"] = enterprises_yaml()
    # The real theme: `check` renders every page in memory, as `build` would.
    return make_site(files)


@pytest.fixture
def template(ledger_site, tmp_path):
    from builder.pipeline import site_model
    from builder.sheets.cells import Directory
    from builder.sheets.columns import SHEET_KINDS
    from builder.sheets.template import write_template

    def make(kind: str, town: str | None = None) -> Path:
        directory = Directory.from_records(site_model(ledger_site).records)
        out = tmp_path / f"{kind}-{town or 'county'}-template.xlsx"
        return write_template(SHEET_KINDS[kind], directory, out, directory.town_id(town) if town else None)
    return make


@pytest.fixture
def fill_sheet():
    return fill


@pytest.fixture
def hazard_rows():
    return clean_hazard_rows


@pytest.fixture
def town_enterprises():
    return town_enterprises_of
