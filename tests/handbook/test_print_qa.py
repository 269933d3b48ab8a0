"""The repository's own ten documents pass the print QA, and print the same dates as the site and the open data.

The session's example build with all ten PDFs (tests/conftest.py example_pdf_build) is read
back by tools/printqa.py. A failure names the file, the page and the rule (docs/print.md).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from types import SimpleNamespace

import pytest

from builder.diagnostics import Reporter
from builder.pipeline import prepare
from tools import printqa

DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
pytestmark = [pytest.mark.slow,  # the example site with all ten PDFs
              pytest.mark.skipif(not shutil.which("pdftohtml"), reason="needs poppler-utils (pdftohtml)")]


@pytest.fixture(scope="module")
def example(example_pdf_build):
    """The session's example build with all PDFs (tests/conftest.py), its Site and its ten PDFs."""
    assert example_pdf_build.code == 0, example_pdf_build.stderr
    root = example_pdf_build.root
    site, _assets = prepare(root, Reporter())
    pdfs = [root / "public" / "handbook" / "campaign.pdf", *sorted((root / "print" / "handbook").glob("*.pdf"))]
    return root, SimpleNamespace(site=site, stderr=example_pdf_build.stderr), pdfs


def test_the_print_qa_finds_nothing_in_any_of_the_ten_documents(example, read_printed):
    root, result, pdfs = example
    assert len(pdfs) == len(result.site.records["towns"]) + 1 == 10
    town_manuals = {p for p in pdfs if p.parent.parent.name == "print"}
    problems = printqa.check(pdfs, internal=town_manuals, read=read_printed)
    assert [str(p) for p in problems] == []


def test_a_fresh_build_prints_no_warning(example):
    _root, result, _pdfs = example
    assert "警告" not in result.stderr and "Warning" not in result.stderr, result.stderr


def _dates(text: str) -> tuple[dt.date, ...]:
    return tuple(dt.date(*map(int, m)) for m in re.findall(r"(\d{4})年(\d{1,2})月(\d{1,2})日", text))


def test_every_event_has_one_date_across_print_site_and_open_data(example, read_printed):
    root, result, pdfs = example
    printed: dict[str, set] = {}
    for path in pdfs:
        for page in read_printed(path):
            flat = re.sub(r"\s+", "", page.text)
            for name, plan, actual in re.findall(r"(第[一二]轮集中督导)：方案要求([^；]+)；实际([^。]+)。", flat):
                printed.setdefault(name, set()).add((_dates(plan), _dates(actual)))
    site = re.sub(r"<[^>]+>|\s+", "", (root / "public" / "supervision" / "index.html").read_text("utf-8"))
    on_site = {name: (_dates(plan), _dates(actual))
               for name, plan, actual in re.findall(r"(第[一二]轮集中督导)：方案要求([^；]+)；实际([^。]+)。", site)}
    config = result.site.config.campaign["rounds"]
    with (root / "public" / "opendata" / "county-rounds.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert set(printed) == set(on_site) == {r["name"] for r in config}
    for number, planned in enumerate(config, 1):
        name = planned["name"]
        assert printed[name] == {on_site[name]}, f"{name}: the documents print {printed[name]}"
        plan, actual = on_site[name]
        assert plan == (planned["start"], planned["end"])
        row = next(r for r in rows if r["轮次"] == f"第{number}轮")
        assert actual == (dt.date.fromisoformat(row["实际开始日期"]), dt.date.fromisoformat(row["实际结束日期"]))


def test_report_periods_end_on_their_due_day_everywhere(example, read_printed):
    root, result, pdfs = example
    due = result.site.config.campaign["report_due_day"]
    site = re.sub(r"<[^>]+>|\s+", "", (root / "public" / "supervision" / "index.html").read_text("utf-8"))
    assert f"月报：方案要求每月{due}日前（含当日）报县总工会；统计期为上月{due + 1}日至本月{due}日" in site
    seen = 0
    for path in pdfs[1:]:
        for page in read_printed(path):
            for _start, end, deadline in re.findall(rf"统计期：({DATE})至({DATE})报送截止：({DATE})",
                                                   re.sub(r"\s+", "", page.text)):
                seen += 1
                assert end == deadline and _dates(deadline)[0].day == due, path.name
    assert seen == 2 * (len(pdfs) - 1)   # per town manual: the chapter's note and the pre-filled report
