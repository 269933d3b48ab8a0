"""Benchmark (issue 8): import a 10,000-row hazard ledger (.xlsx and CSV); print time and peak RSS.

    .venv/bin/python bench/import_bench.py [--rows 10000]

It builds a throwaway site of 9 towns x 100 enterprises, fills the real template with N rows
the way a clerk would (Excel dates, enterprises picked from the drop-down), and then runs
`chabaocu import` in a child process, so the peak memory is the import's own.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOWNS = ("suozhen", "索镇镇"), ("qifeng", "起凤镇"), ("tianzhuang", "田庄镇"), ("jingjia", "荆家镇"), \
    ("maqiao", "马桥镇"), ("xincheng", "新城镇"), ("tangshan", "唐山镇"), ("guoli", "果里镇"), ("chengqu", "城区街道")
SITE_TOML = """[site]
title = "基准测试"
base_url = "https://example.gov.cn/"
organizers = ["测试县总工会"]

[campaign]
name = "查身边隐患、保职工安全、促企业发展"
year = 2016
start = 2016-01-01
end = 2016-12-31
concentrated_action_end = 2016-04-30

[build]
as_of = 2016-12-31
"""


def make_site(root: Path) -> None:
    (root / "data").mkdir(parents=True)
    (root / "themes/default/templates").mkdir(parents=True)
    (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
    towns = "".join(f"- id: {tid}\n  name: {name}\n  short: {name[:2]}\n  type: {'街道' if name.endswith('街道') else '镇'}\n"
                    f"  union_org: {name}总工会\n  safety_station: {name}安监站\n" for tid, name in TOWNS)
    (root / "data/towns.yaml").write_text(towns, encoding="utf-8")
    enterprises = "".join(
        f"- id: QY-{t * 100 + i + 1:04d}\n  name: 桓台{name[:2]}示例企业{i + 1}号有限公司\n  town: {tid}\n"
        f"  industry: 机械制造\n  ownership: 非公\n  size: 小型\n  unionized: true\n  employees: 80\n"
        for t, (tid, name) in enumerate(TOWNS) for i in range(100))
    (root / "data/enterprises.yaml").write_text(enterprises, encoding="utf-8")


def fill_ledger(root: Path, rows: int, out: Path) -> None:
    import openpyxl

    from builder.pipeline import site_model
    from builder.sheets.cells import Directory
    from builder.sheets.columns import SHEET_KINDS
    from builder.sheets.template import write_template

    directory = Directory.from_records(site_model(root).records)
    template = write_template(SHEET_KINDS["hazards"], directory, out.with_suffix(".template.xlsx"))
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    rng = random.Random(10000)
    enterprises = sorted(directory.enterprises)
    for n in range(rows):
        eid = enterprises[n % len(enterprises)]
        found = dt.datetime(2016, 1, 4) + dt.timedelta(days=rng.randrange(300))
        closed = n % 2 == 1
        values = [f"YH-2016-{n + 1:05d}", directory.enterprise_label(eid), f"{n % 7 + 1}号车间", found,
                  rng.choice(("职工排查", "企业自查", "工会检查")), f"R-{rng.randrange(9999):04d}", f"C{n % 6 + 1}",
                  "物", "安全生产", f"第{n + 1}项隐患：防护罩缺失", "一般", "班组", "已销号" if closed else "待整改"]
        if closed:
            values += ["班组长", "机修班", "加装防护罩", 500, found + dt.timedelta(days=20), "设置警戒区",
                       found + dt.timedelta(days=5), "安全科", found + dt.timedelta(days=7)]
        sheet.append(values)
    book.save(out)


def to_csv(xlsx: Path, out: Path) -> None:
    import csv

    import openpyxl

    sheet = openpyxl.load_workbook(xlsx).worksheets[0]
    with out.open("w", encoding="gb18030", newline="") as handle:  # as Excel saves CSV on a Chinese Windows
        writer = csv.writer(handle)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v.strftime("%Y/%m/%d") if isinstance(v, dt.datetime) else v
                             for v in row])


def timed_import(root: Path, path: Path, *extra: str) -> tuple[float, float, str]:
    """Run `chabaocu import` in a child process; (seconds, its own peak RSS in MB, first output line)."""
    argv = ["import", "hazards", str(path), "--site", str(root), *extra]
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *argv], capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"import failed ({done.returncode}):\n{done.stderr[-2000:]}")
    peak_kb = int(done.stderr.strip().splitlines()[-1].split()[-1])
    return seconds, peak_kb / 1024, done.stdout.splitlines()[0]


def child(argv: list[str]) -> None:
    """The import itself, then its peak resident memory (Linux reports KB) on the last stderr line."""
    sys.path.insert(0, str(REPO))
    from builder.cli import main as cli_main

    code = cli_main(argv)
    print(f"peak_rss_kb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}", file=sys.stderr)
    sys.exit(code)


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10000)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    with tempfile.TemporaryDirectory(prefix="import-bench-") as tmp:
        base = Path(tmp)
        xlsx = base / "ledger.xlsx"
        for name in ("site-xlsx", "site-csv"):
            make_site(base / name)
        fill_ledger(base / "site-xlsx", args.rows, xlsx)
        to_csv(xlsx, base / "ledger.csv")
        print(f"{args.rows} 行隐患台账（{xlsx.stat().st_size / 1e6:.1f} MB .xlsx）")
        for label, root, path, extra in (("xlsx --dry-run", "site-xlsx", xlsx, ("--dry-run",)),
                                         ("xlsx 写入", "site-xlsx", xlsx, ()),
                                         ("xlsx 再导入（全部未变）", "site-xlsx", xlsx, ()),
                                         ("GB18030 CSV 写入", "site-csv", base / "ledger.csv", ())):
            seconds, peak, first = timed_import(base / root, path, *extra)
            print(f"  {label:<20} {seconds:6.2f} 秒   峰值内存 {peak:5.0f} MB   {first}")


if __name__ == "__main__":
    main()
