"""Print QA: read the finished PDFs back and fail on what a typesetter would send back.

Each rule of docs/print.md that can be seen on the page is checked here, from the PDF itself
(poppler's pdftohtml -xml: every text run with its position, size and font), so the check
does not trust the HTML or the CSS that made it:

- sparse-page        a page with less than a few lines of text, or only a signature block
                     (a deliberate blank page says 此页无正文 and passes)
- heading-at-end     a heading (bold sans, ≥ 12 pt) is the last line of a page
- one-char-lines     a table cell wrapped to one character per line (two or more stacked)
- split-date         a date broken across two lines
- outside-page       text outside the text block (left/right margins) or off the page
- missing-mark       a page of a town manual without 内部资料 (header, footer or text)
- dates-disagree     two documents (or pages) print different dates for the same event
- period-mismatch    a monthly report whose period does not end on its due date

    .venv/bin/python tools/printqa.py [PDF …]     # default: the last build's 10 documents

Exit 1 when a problem is found, listing each as `file:page: rule: detail`.
"""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MM = 72 / 25.4
# The page box of print.css (@page): A4, margins top 20, right 18, bottom 18, left 28 (binding).
MARGIN_TOP, MARGIN_RIGHT, MARGIN_BOTTOM, MARGIN_LEFT = 20 * MM, 18 * MM, 18 * MM, 28 * MM
TOLERANCE = 2.0                      # points
MIN_LINES = 4                        # fewer body lines than this make a page near-empty
BLANK_PAGE = "此页无正文"
MARK = "内部资料"
MARK_FULL = "内部资料注意保密"       # what a town manual's cover says (a public book may mention 内部资料)
_CJK = re.compile(r"^[\u3400-\u9fff]$")
_SIGN = re.compile(r"签字|签名|盖章|签收|填报人|审核人|日期|_{3,}")
DATE = r"\d{4}年\d{1,2}月\d{1,2}日"
_DATES = (re.compile(DATE), re.compile(r"\d{4}-\d{2}-\d{2}"), re.compile(r"\d{1,2}月\d{1,2}日"))
_EVENTS = (
    # (name, kind) -> value, from the sentences of builder/handbook/schedule.py
    (re.compile(rf"(第[一二三四五六七八九十]+轮集中督导)：方案要求({DATE}至{DATE})"), "方案要求"),
    (re.compile(rf"(第[一二三四五六七八九十]+轮集中督导)：方案要求{DATE}至{DATE}；实际({DATE}至{DATE})"), "实际"),
    (re.compile(rf"(集中行动)：方案要求({DATE})前"), "方案要求"),
    (re.compile(r"(月报)：方案要求每月(\d{1,2})日前"), "截止日"),
    (re.compile(rf"(编印日期)：({DATE})"), "版本"),
    (re.compile(rf"(数据截至)：({DATE})"), "版本"),
)
_PERIOD = re.compile(rf"统计期：({DATE})至({DATE})报送截止：({DATE})")


@dataclass(frozen=True, slots=True)
class Run:
    """One run of text on a page: position and size in points, font family, bold."""

    text: str
    left: float
    top: float
    width: float
    height: float
    size: float
    family: str
    bold: bool

    @property
    def right(self) -> float:
        return self.left + self.width

    @property
    def bottom(self) -> float:
        return self.top + self.height


@dataclass(frozen=True, slots=True)
class Page:
    number: int
    width: float
    height: float
    runs: tuple[Run, ...]

    @property
    def body(self) -> list[Run]:
        """Runs inside the text block: not the running header or footer in the margins."""
        return [r for r in self.runs if r.top >= MARGIN_TOP - TOLERANCE and r.bottom <= self.height - MARGIN_BOTTOM
                + TOLERANCE and r.text.strip()]

    @property
    def text(self) -> str:
        return "".join(r.text for r in sorted(self.runs, key=lambda r: (round(r.top), r.left)))


@dataclass(frozen=True, slots=True)
class Problem:
    document: str
    page: int
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.document}:{self.page}: {self.rule}: {self.detail}"


def read_pdf(path: Path) -> list[Page]:
    """Every page's text runs, from pdftohtml -xml at zoom 1 (coordinates in points)."""
    return pages_of(pdf_xml(path))


def pdf_xml(path: Path) -> bytes:
    """What pdftohtml says of the PDF: the slow part of reading it (about a second per hundred pages)."""
    return subprocess.run(["pdftohtml", "-xml", "-i", "-stdout", "-q", "-zoom", "1", "-nodrm", str(path)],
                          capture_output=True, check=True).stdout


def pages_of(xml: bytes) -> list[Page]:
    """The pages of pdftohtml's XML."""
    root = ET.fromstring(xml)
    pages = []
    fonts = {f.get("id"): f for f in root.iter("fontspec")}   # declared once, used on later pages too
    for page in root.iter("page"):
        runs = []
        for node in page.iter("text"):
            text = "".join(node.itertext())
            font = fonts.get(node.get("font"))
            family = font.get("family", "") if font is not None else ""
            bold = node.find("b") is not None or "Bold" in family
            runs.append(Run(text, float(node.get("left")), float(node.get("top")), float(node.get("width")),
                            float(node.get("height")), float(font.get("size")) if font is not None else 0.0,
                            family, bold))
        pages.append(Page(int(page.get("number")), float(page.get("width")), float(page.get("height")),
                          tuple(runs)))
    return pages


def _lines(runs: list[Run]) -> list[list[Run]]:
    """Runs grouped into visual lines (by their top, within a third of a line)."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.left)):
        if lines and abs(lines[-1][0].top - run.top) <= max(2.0, run.height / 3):
            lines[-1].append(run)
        else:
            lines.append([run])
    return lines


def _heading(run: Run) -> bool:
    return run.bold and "Sans" in run.family and run.size >= 12 and bool(re.search(r"[\u3400-\u9fff]", run.text))


def check_page(name: str, page: Page, internal: bool) -> list[Problem]:
    found = []
    body = page.body
    lines = _lines(body)
    text = "".join(r.text for r in body)
    if BLANK_PAGE not in text:
        if len(lines) < MIN_LINES:
            found.append(Problem(name, page.number, "sparse-page", f"只有 {len(lines)} 行文字"))
        elif all(_SIGN.search("".join(r.text for r in line)) for line in lines):
            found.append(Problem(name, page.number, "sparse-page", "只有签字栏"))
    if lines and all(_heading(r) for r in lines[-1]):
        found.append(Problem(name, page.number, "heading-at-end", f"标题“{''.join(r.text for r in lines[-1])}”在页末"))
    found += _stacked_chars(name, page, body)
    found += _split_dates(name, page, body)
    for run in page.runs:
        if not run.text.strip():
            continue
        off_page = run.left < 0 or run.right > page.width or run.top < 0 or run.bottom > page.height
        outside = run.left < MARGIN_LEFT - TOLERANCE or run.right > page.width - MARGIN_RIGHT + TOLERANCE
        if off_page or outside:
            found.append(Problem(name, page.number, "outside-page", f"“{run.text[:20]}”超出版心"))
            break
    if internal and MARK not in page.text:
        found.append(Problem(name, page.number, "missing-mark", "没有“内部资料”标记"))
    return found


def _stacked_chars(name: str, page: Page, body: list[Run]) -> list[Problem]:
    """Two or more single CJK characters stacked at one left edge, a line apart: a squeezed cell."""
    singles = sorted((r for r in body if _CJK.match(r.text.strip())), key=lambda r: (round(r.left), r.top))
    for a, b in zip(singles, singles[1:]):
        if abs(a.left - b.left) <= 1.5 and 0 < b.top - a.top <= 1.7 * max(a.size, 1):
            return [Problem(name, page.number, "one-char-lines", f"“{a.text.strip()}{b.text.strip()}”一行一字")]
    return []


def _split_dates(name: str, page: Page, body: list[Run]) -> list[Problem]:
    """A date whose first part ends one line and whose rest starts the next line below it."""
    by_top = sorted(body, key=lambda r: (r.top, r.left))
    for a in by_top:
        below = [b for b in by_top if 0 < b.top - a.top <= 1.8 * max(a.size, 1) and b.left <= a.left + TOLERANCE
                 and b.right > a.left - 400]
        if not below:
            continue
        b = min(below, key=lambda r: (r.top, -r.left))
        joined, cut = a.text.rstrip() + b.text.lstrip(), len(a.text.rstrip())
        for pattern in _DATES:
            for match in pattern.finditer(joined):
                if match.start() < cut < match.end():
                    return [Problem(name, page.number, "split-date", f"日期“{match.group()}”跨行")]
    return []


def check(pdfs: list[Path], internal: set[Path] | None = None,
          read: Callable[[Path], list[Page]] = read_pdf) -> list[Problem]:
    """All rules over `pdfs`; `internal` are the town manuals (default: those whose cover says 内部资料).
    `read` reads a PDF's pages (the tests pass one that reads each PDF once per session)."""
    problems: list[Problem] = []
    events: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in pdfs:
        pages = read(path)
        cover = re.sub(r"\s+", "", pages[0].text) if pages else ""
        is_internal = (path in internal) if internal is not None else MARK_FULL in cover
        for page in pages:
            problems += check_page(path.name, page, is_internal)
            flat = re.sub(r"\s+", "", page.text)
            for pattern, kind in _EVENTS:
                for match in pattern.finditer(flat):
                    events[(match.group(1), kind)][match.group(2)].append(f"{path.name}:{page.number}")
            for match in _PERIOD.finditer(flat):
                if match.group(2) != match.group(3):
                    problems.append(Problem(path.name, page.number, "period-mismatch",
                                            f"统计期止于{match.group(2)}，报送截止却是{match.group(3)}"))
    for (event, kind), values in sorted(events.items()):
        if len(values) > 1:
            where = "；".join(f"{value}（{', '.join(places[:3])}）" for value, places in sorted(values.items()))
            problems.append(Problem(values[min(values)][0].split(":")[0], 0, "dates-disagree",
                                    f"{event}（{kind}）印了不同的日期：{where}"))
    return problems


def default_pdfs(root: Path) -> list[Path]:
    campaign = root / "public" / "handbook" / "campaign.pdf"
    return ([campaign] if campaign.is_file() else []) + sorted((root / "print" / "handbook").glob("*.pdf"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    pdfs = [Path(a) for a in args] or default_pdfs(ROOT)
    if not pdfs:
        print("没有 PDF：先运行 chabaocu build", file=sys.stderr)
        return 2
    problems = check(pdfs)
    for problem in problems:
        print(problem)
    print(f"{len(pdfs)} 份文档，{sum(1 for _ in pdfs)} 份已检查，发现 {len(problems)} 个问题。")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
