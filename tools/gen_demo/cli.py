"""The command line: `python -m tools.gen_demo [--check] [--out DIR] [--scale-hazards N]`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tools.gen_demo.cartoons import draw_cartoons
from tools.gen_demo.check import check
from tools.gen_demo.generate import DEFAULT_HAZARDS, generate, summary_lines
from tools.gen_demo.writer import dump_records, dump_records_pyyaml, edited, header, render_all, write_files

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成示例站点的虚构数据（deterministic demo data）")
    parser.add_argument("--out", type=Path, default=ROOT / "data", help="data directory to write (default: data/)")
    parser.add_argument("--images", type=Path, default=None,
                        help="where the cartoon PNGs go (default: <out>/../content/images/works)")
    parser.add_argument("--scale-hazards", type=int, default=DEFAULT_HAZARDS, metavar="N",
                        help=f"number of hazard-ledger rows (default {DEFAULT_HAZARDS}; e.g. 100000 for benchmarks)")
    parser.add_argument("--check", action="store_true", help="validate the written files with the builder's schema engine")
    parser.add_argument("--force", action="store_true",
                        help="overwrite files edited since the generator last wrote them (their edits are lost)")
    args = parser.parse_args(argv)
    if args.scale_hazards < 100:
        parser.error("--scale-hazards must be at least 100")
    out = args.out.resolve()
    images = (args.images or out.parent / "content" / "images" / "works").resolve()

    started = time.perf_counter()
    data = generate(args.scale_hazards)
    files = {**render_all(out, data), **draw_cartoons(images)}
    changed = [] if args.force else edited(out, files)
    if changed:
        print("拒绝覆盖（refused）：这些文件在生成器上次写出后被修改过，覆盖会丢掉这些修改：", file=sys.stderr)
        for path in changed:
            print(f"  {path}", file=sys.stderr)
        print("提示: 要保留修改，就不要重新生成；确认要丢弃修改、恢复示例数据时加 --force。", file=sys.stderr)
        return 1
    write_files(out, files)
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in data.values())
    print(f"wrote {len(data)} files, {total} records to {out} and 6 images to {images} in {elapsed:.2f} s")
    for name in sorted(data):
        print(f"  {name}.yaml: {len(data[name])}")
    for line in summary_lines(data):
        print("  " + line)

    if args.check:
        started = time.perf_counter()
        problems = []
        if args.scale_hazards <= 20_000:  # the reference writer is slow on big ledgers
            problems += [f"{name}.yaml: fast writer differs from PyYAML" for name, records in sorted(data.items())
                         if dump_records(records, header(name)) != dump_records_pyyaml(records, header(name))]
        problems += check(out, images.parent.parent)
        print(f"check: {len(problems)} problems ({time.perf_counter() - started:.2f} s)")
        for p in problems[:50]:
            print("  " + p)
        return 1 if problems else 0
    return 0

