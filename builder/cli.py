"""Command line: chabaocu build | check | new | handbook | serve. Exit 0 ok, 1 user errors, 2 usage/internal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path

from builder import __version__
from builder.cliparser import ChineseParser, UsageError, checked
from builder.config import CONFIG_NAME, find_root
from builder.diagnostics import BuildFailed, Reporter, UserError, os_error_reason, print_report
from builder.names import check_display_name

EXIT_OK, EXIT_USER, EXIT_INTERNAL = 0, 1, 2
EXIT_USAGE = 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2016-12-31") from None


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"“{text}”不是端口号：端口是 0 到 65535 之间的整数，例如 8000")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = ChineseParser(
        prog="chabaocu",
        description="查保促活动网站与督导手册生成器（static site + handbook generator）。",
        epilog="退出码（exit code）：0 成功；1 内容或数据有错误；2 用法错误或程序内部错误。",
    )
    parser.add_argument("--version", action="version", version=f"chabaocu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def site_arg(p):
        p.add_argument("--site", type=Path, default=None, metavar="DIR",
                       help=f"站点目录（site directory），默认从当前目录向上查找 {CONFIG_NAME}")

    def strict_arg(p):
        p.add_argument("--strict", action="store_true",
                       help="严格模式（strict）：警告也算错误，例如没写完的文章、还有 TODO 的记录；县里正式发布前使用")

    def as_of_arg(p):
        p.add_argument("--as-of", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="统计截止日（as-of date）：所有与日期有关的数字都按这一天计算；默认取 site.toml，再默认今天")

    def no_cache_arg(p):
        p.add_argument("--no-cache", action="store_true",
                       help="不使用也不保存 .cache/ 里上次构建留下的结果（cache），全部重新计算；一般不需要")

    p = sub.add_parser("build", help="构建网站与手册（build）", description="构建网站（及手册）到输出目录。")
    site_arg(p)
    as_of_arg(p)
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="网站输出目录（output），默认 public/")
    p.add_argument("--profile", choices=("public", "internal"), default="public",
                   help="可见级别（profile）：public 公开网站（默认）；internal 内部版，可显示手册级字段，默认写到 print/site/，不得公开发布")
    p.add_argument("--no-pdf", action="store_true", help="不生成 PDF（只生成可打印的 HTML），更快")
    strict_arg(p)
    no_cache_arg(p)

    p = sub.add_parser("check", help="只检查内容和数据，不写任何文件（check）")
    site_arg(p)
    as_of_arg(p)
    strict_arg(p)
    no_cache_arg(p)

    p = sub.add_parser("handbook", help="只生成手册（handbook）：各镇督导手册与活动手册")
    site_arg(p)
    as_of_arg(p)
    p.add_argument("--town", default=None, metavar="镇街", type=checked(check_display_name, "镇街名称", 40),
                   help="只生成这个镇街的督导手册，例如 索镇镇")
    p.add_argument("--no-pdf", action="store_true", help="不生成 PDF")
    no_cache_arg(p)

    from builder import initsite, newcommands  # new article / new record, init (issue 17)
    newcommands.add_parsers(sub, site_arg)
    initsite.add_parser(sub)

    p = sub.add_parser("serve", help="本地预览：构建、提供网页、修改后自动刷新（serve）")
    site_arg(p)
    as_of_arg(p)
    p.add_argument("--port", type=_port, default=8000, help="端口（port），默认 8000；0 表示任选一个空闲端口")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（host），默认只允许本机 127.0.0.1 访问")

    from builder.sheets import commands as sheet_commands  # template / import / export (issue 8)
    sheet_commands.add_parsers(sub, site_arg, as_of_arg)
    return parser


def _root(args) -> Path | None:
    if args.site is not None:
        return args.site if (args.site / CONFIG_NAME).is_file() else None
    return find_root(Path.cwd())


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already printed in Chinese
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_INTERNAL
    if args.command == "init":  # makes a site: there is none to find yet
        from builder import initsite

        return initsite.run(args)
    root = _root(args)
    if root is None:
        where = args.site or Path.cwd()
        print(UserError(f"在 {where} 找不到 {CONFIG_NAME}（站点配置文件）", "进入站点目录再运行，或用 --site 指定站点目录"),
              file=sys.stderr)
        return EXIT_USER
    try:
        return _run(args, root)
    except UsageError as problem:  # a folder or file the command must not write (builder.outputs)
        print(problem, file=sys.stderr)
        return EXIT_USAGE
    except BuildFailed as failed:
        print_report(failed.diagnostics)
        print("构建失败，之前的输出保持不变。", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except OSError as exc:  # the disk, not the program: full, read-only, no permission …
        where = f"：{exc.filename}" if exc.filename else ""
        print(UserError(f"读写文件失败{where}：{os_error_reason(exc)}",
                        "检查磁盘空间、文件夹权限，以及 U 盘是否写保护，然后重新运行；之前的输出保持不变"),
              file=sys.stderr)
        return EXIT_USER
    except Exception:  # a bug, not the user's fault: show the traceback so it can be reported
        traceback.print_exc()
        print("\n内部错误（internal error）：这是程序的问题，不是您的文件的问题。请把以上信息发给维护人员。", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args, root: Path) -> int:
    from builder import pipeline, progress
    from builder.cache import CacheSettings

    if args.command == "check":
        diagnostics = pipeline.check(root, as_of=args.as_of, strict=args.strict,
                                     caching=CacheSettings(enabled=not args.no_cache))
        print_report(diagnostics)
        errors = sum(d.level == "错误" for d in diagnostics)
        if errors and args.strict:
            print("（--strict：警告也按错误计。）", file=sys.stderr)
        if not errors:
            print("检查通过（check passed）。", file=sys.stderr)
        return EXIT_USER if errors else EXIT_OK
    if args.command == "build":
        # --strict never takes an unchanged build's word: its warnings must count as errors now.
        result = pipeline.build(root, out=args.out, as_of=args.as_of, profile=args.profile, pdf=not args.no_pdf,
                                rep=Reporter(strict=args.strict), progress=progress.for_terminal(),
                                caching=CacheSettings(enabled=not args.no_cache, skip_unchanged=not args.strict))
        print_report(result.warnings)
        _summary(root, result)
        return EXIT_OK
    if args.command == "handbook":
        result = pipeline.build_handbooks(root, as_of=args.as_of, town=args.town, pdf=not args.no_pdf,
                                          caching=CacheSettings(enabled=not args.no_cache),
                                          progress=progress.for_terminal())
        print_report(result.warnings)
        _summary(root, result)
        return EXIT_OK
    if args.command == "new":
        from builder import newcommands

        return newcommands.run(args, root)
    if args.command == "serve":
        from builder.serve import serve

        return serve(root, host=args.host, port=args.port, as_of=args.as_of)
    if args.command in ("template", "import", "export"):
        from builder.sheets import commands as sheet_commands

        if args.command != "import":
            from builder.outputs import check_file_target
            check_file_target(root, args.output, ".xlsx", "-o")

        return sheet_commands.run(args, root)
    return EXIT_INTERNAL


def _summary(root: Path, result) -> None:
    if result.site is None:
        print("内容、数据、主题和设置都没有变化，输出也完好：无需重新构建（unchanged）。", file=sys.stderr)
    for name, report in result.reports.items():
        print(f"{name}: 写入 {report.written} 个文件，未变 {report.unchanged} 个，删除 {report.removed} 个", file=sys.stderr)
    for name, path in result.outputs.items():
        print(f"{name}: {path}", file=sys.stderr)
    total = sum(result.timings.values())
    print(f"完成，用时 {total:.2f} 秒（" + "，".join(f"{k} {v:.2f}" for k, v in result.timings.items()) + "）",
          file=sys.stderr)
