"""The command line of spreadsheets: `chabaocu template | import | export`, arguments and output.

builder/cli.py adds these subcommands with add_parsers() and hands them to run(); keeping
them here leaves cli.py a dispatcher and keeps every spreadsheet message in one package.
"""

from __future__ import annotations

import sys
from pathlib import Path

from builder.diagnostics import ERROR, BuildFailed, print_report
from builder.schema.core import did_you_mean
from builder.sheets.columns import SHEET_KINDS

COMMANDS = ("template", "import", "export")
EXIT_OK, EXIT_USER = 0, 1
SHOWN_IDS = 10   # ids listed per status before "等 N 条"

_KIND_HELP = "数据种类（kind），英文名或中文名，例如 hazards 或 隐患台账；可用：" + "、".join(
    f"{name}（{s.label}）" for name, s in SHEET_KINDS.items())


def add_parsers(sub, site_arg, as_of_arg) -> None:
    """Add the three subcommands to cli.py's subparsers."""
    p = sub.add_parser("template", help="生成 Excel 填报模板（template）：列名、批注、下拉列表",
                       description="生成一种数据的 .xlsx 模板，列、下拉列表和校验都来自数据定义。")
    p.add_argument("kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("--town", default=None, metavar="镇街", help="只列这个镇街的企业，例如 索镇镇")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="模板保存到哪里")
    site_arg(p)

    p = sub.add_parser("import", help="导入填好的表格（import）：逐格检查，全部正确才写入 data/",
                       description="读取 .xlsx 或 .csv（UTF-8 或 GBK），检查每一行；全部正确才写入 data/。")
    p.add_argument("kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("file", type=Path, metavar="FILE", help="要导入的 .xlsx 或 .csv 文件")
    p.add_argument("--town", default=None, metavar="镇街", help="这个镇街的表格：每一行都必须属于它，例如 索镇镇")
    p.add_argument("--dry-run", action="store_true", help="试运行：只检查并列出新增/修改/未变，不写任何文件")
    p.add_argument("--force", action="store_true", help="以表格为准，覆盖 data/ 里编号相同、内容不同的记录")
    site_arg(p)

    p = sub.add_parser("export", help="导出为 Excel（export）：记录与统计表",
                       description="把一种数据的记录（按可见级别）和统计表导出为 .xlsx。内部字段（举报人代号等）永不导出。")
    p.add_argument("kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.xlsx", help="保存到哪里")
    p.add_argument("--profile", choices=("public", "internal"), default="public",
                   help="可见级别：public 只含公开字段（默认）；internal 另含手册级字段，不得公开发布")
    p.add_argument("--town", default=None, metavar="镇街", help="只导出这个镇街的记录")
    site_arg(p)
    as_of_arg(p)


def run(args, root: Path) -> int:
    kind = _kind(args.kind)
    if kind is None:
        return EXIT_USER
    try:
        if args.command == "template":
            return _template(args, root, kind)
        if args.command == "import":
            return _import(args, root, kind)
        return _export(args, root, kind)
    except BuildFailed as failed:
        print_report(failed.diagnostics)
        print("请先修正以上问题（data/ 里的问题可运行 chabaocu check 查看）；没有写入任何文件。", file=sys.stderr)
        return EXIT_USER


def _kind(text: str) -> str | None:
    """The kind a clerk named, by its English name or its Chinese label."""
    if text in SHEET_KINDS:
        return text
    by_label = {s.label: name for name, s in SHEET_KINDS.items()}
    if text in by_label:
        return by_label[text]
    guess = did_you_mean(text, [*SHEET_KINDS, *by_label])
    hint = f"是否想写“{guess}”？" if guess else ""
    if text == "towns":
        hint = "镇街只在 data/towns.yaml 里维护（含联络人，不适合表格导入）。"
    print(f"错误: 不认识的数据种类“{text}”\n    提示: {hint}可用：" + "、".join(
        f"{name}（{s.label}）" for name, s in SHEET_KINDS.items()), file=sys.stderr)
    return None


def _template(args, root: Path, kind: str) -> int:
    from builder.pipeline import site_model
    from builder.progress import for_terminal
    from builder.sheets.cells import Directory
    from builder.sheets.columns import columns
    from builder.sheets.template import write_template

    directory = Directory.from_records(site_model(root, progress=for_terminal()).records)
    town = directory.town_id(args.town) if args.town else None
    if args.town and town is None:
        print(f"错误: 镇街“{args.town}”不存在\n    提示: 可选：" + "、".join(directory.towns.values()), file=sys.stderr)
        return EXIT_USER
    schema = SHEET_KINDS[kind]
    write_template(schema, directory, args.output, town)
    cols = columns(schema)
    place = directory.towns[town] if town else "全县"
    print(f"已生成模板 {args.output}（{schema.label}，{place}，{len(cols)} 列，其中必填 "
          f"{sum(c.field.required for c in cols)} 列）")
    town_arg = f" --town {place}" if town else ""
    print(f"填好后先试运行：chabaocu import {kind} {args.output}{town_arg} --dry-run")
    return EXIT_OK


def _import(args, root: Path, kind: str) -> int:
    from builder.progress import for_terminal
    from builder.sheets.changes import ADDED, CHANGED, UNCHANGED
    from builder.sheets.importer import import_sheet

    result = import_sheet(root, kind, args.file, town=args.town, dry_run=args.dry_run, force=args.force,
                          display=args.file.as_posix(), progress=for_terminal())
    print_report(result.diagnostics)
    label = SHEET_KINDS[kind].label
    if result.changes:
        print(f"{label}（{args.file.as_posix()}）：新增 {result.count(ADDED)} 条，修改 {result.count(CHANGED)} 条，"
              f"未变 {result.count(UNCHANGED)} 条。")
        for status in (ADDED, CHANGED):
            _list_changes(result, status, kind)
    if not result.ok:
        errors = sum(d.level == ERROR for d in result.diagnostics)
        print(f"导入失败：共 {errors} 个错误，没有写入任何文件。请按上面的位置（文件:工作表!单元格）改好表格后重新导入。",
              file=sys.stderr)
        return EXIT_USER
    if args.dry_run:
        print("试运行（--dry-run）：没有写入任何文件。去掉 --dry-run 即按上面的结果写入。")
    elif result.written:
        for rel in result.written:
            print(f"已写入 {rel}")
        print("下一步：运行 chabaocu check 检查，或 chabaocu build 生成网站。")
    else:
        print("没有需要写入的改动。")
    return EXIT_OK


def _list_changes(result, status: str, kind: str) -> None:
    from builder.sheets.changes import CHANGED

    changes = [c for c in result.changes if c.status == status]
    if not changes:
        return
    if status == CHANGED:
        schema = SHEET_KINDS[kind]
        for change in changes:
            parts = "；".join(f"{schema.field(name).label} {_show(old)} → {_show(new)}" for name, old, new in change.diff)
            print(f"  修改 {change.record.key}（第 {change.record.loc.line} 行，原在 {change.existing.loc}）：{parts}")
        return
    shown = "、".join(f"{c.record.key}（第 {c.record.loc.line} 行）" for c in changes[:SHOWN_IDS])
    more = f" 等 {len(changes)} 条" if len(changes) > SHOWN_IDS else ""
    print(f"  {status}：{shown}{more}")


def _show(value) -> str:
    if value is None:
        return "（空）"
    text = "；".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _export(args, root: Path, kind: str) -> int:
    from builder.progress import for_terminal
    from builder.sheets.exporter import PROFILES, export_kind

    result = export_kind(root, kind, args.output, profile=args.profile, town=args.town, as_of=args.as_of,
                         progress=for_terminal())
    label = PROFILES[args.profile][1]
    print(f"已导出 {result.path}：{SHEET_KINDS[kind].label} {result.records} 条（{label}，{len(result.columns)} 列），"
          f"统计表 {result.tables} 张。")
    if args.profile == "internal":
        print("提示: 内部版含手册级字段（整改责任人、地址等），只供内部使用，不得公开发布。", file=sys.stderr)
    return EXIT_OK
