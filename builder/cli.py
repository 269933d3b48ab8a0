"""Command line: chabaocu build | check | new | handbook | serve. Exit 0 ok, 1 user errors, 2 usage/internal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import traceback
from pathlib import Path

from builder import __version__
from builder.config import CONFIG_NAME, find_root
from builder.diagnostics import BuildFailed, print_report

EXIT_OK, EXIT_USER, EXIT_INTERNAL = 0, 1, 2


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2016-12-31") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chabaocu",
        description="查保促活动网站与督导手册生成器（static site + handbook generator）。",
        epilog="退出码（exit code）：0 成功；1 内容或数据有错误；2 用法错误或程序内部错误。",
    )
    parser.add_argument("--version", action="version", version=f"chabaocu {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令")

    def site_arg(p):
        p.add_argument("--site", type=Path, default=None, metavar="DIR",
                       help=f"站点目录（site directory），默认从当前目录向上查找 {CONFIG_NAME}")

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
    no_cache_arg(p)

    p = sub.add_parser("check", help="只检查内容和数据，不写任何文件（check）")
    site_arg(p)
    as_of_arg(p)
    no_cache_arg(p)

    p = sub.add_parser("handbook", help="只生成手册（handbook）：各镇督导手册与活动手册")
    site_arg(p)
    as_of_arg(p)
    p.add_argument("--town", default=None, metavar="镇街", help="只生成这个镇街的督导手册，例如 索镇镇")
    p.add_argument("--no-pdf", action="store_true", help="不生成 PDF")
    no_cache_arg(p)

    p = sub.add_parser("new", help="新建文章（new article）")
    p.add_argument("kind", choices=("article",), help="新建的种类：article 文章")
    p.add_argument("title", help="文章标题，例如 “马桥镇开展应急演练”")
    p.add_argument("--section", default="工作动态", help="栏目（section）：工作动态、通知公告、政策法规，或文件夹名 news")
    p.add_argument("--slug", default=None, help="文件名/网址名（slug），只用小写字母、数字和短横线；默认按日期编号")
    site_arg(p)

    p = sub.add_parser("serve", help="本地预览：构建、提供网页、修改后自动刷新（serve）")
    site_arg(p)
    as_of_arg(p)
    p.add_argument("--port", type=int, default=8000, help="端口（port），默认 8000")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（host），默认只允许本机 127.0.0.1 访问")

    from builder.sheets import commands as sheet_commands  # template / import / export (issue 8)
    sheet_commands.add_parsers(sub, site_arg, as_of_arg)
    for each in (parser, *sub.choices.values()):
        _chinese_headings(each)
    return parser


def _chinese_headings(parser: argparse.ArgumentParser) -> None:
    """argparse's own words (section titles, -h) in Chinese, like the rest of the help."""
    parser._positionals.title = "参数（arguments）"
    parser._optionals.title = "选项（options）"
    for action in parser._actions:
        if action.option_strings == ["-h", "--help"]:
            action.help = "显示帮助并退出"
        elif action.option_strings == ["--version"]:
            action.help = "显示版本号并退出"


def _root(args) -> Path | None:
    if args.site is not None:
        return args.site if (args.site / CONFIG_NAME).is_file() else None
    return find_root(Path.cwd())


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INTERNAL
    root = _root(args)
    if root is None:
        where = args.site or Path.cwd()
        print(f"错误: 在 {where} 找不到 {CONFIG_NAME}（站点配置文件）\n    提示: 进入站点目录再运行，或用 --site 指定站点目录",
              file=sys.stderr)
        return EXIT_USER
    try:
        return _run(args, root)
    except BuildFailed as failed:
        print_report(failed.diagnostics)
        print("构建失败，之前的输出保持不变。", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        return EXIT_INTERNAL
    except Exception:  # a bug, not the user's fault: show the traceback so it can be reported
        traceback.print_exc()
        print("\n内部错误（internal error）：这是程序的问题，不是您的文件的问题。请把以上信息发给维护人员。", file=sys.stderr)
        return EXIT_INTERNAL


def _run(args, root: Path) -> int:
    from builder import pipeline, progress
    from builder.cache import CacheSettings

    if args.command == "check":
        diagnostics = pipeline.check(root, as_of=args.as_of, caching=CacheSettings(enabled=not args.no_cache))
        print_report(diagnostics)
        errors = sum(d.level == "错误" for d in diagnostics)
        if not errors:
            print("检查通过（check passed）。", file=sys.stderr)
        return EXIT_USER if errors else EXIT_OK
    if args.command == "build":
        result = pipeline.build(root, out=args.out, as_of=args.as_of, profile=args.profile, pdf=not args.no_pdf,
                                caching=CacheSettings(enabled=not args.no_cache, skip_unchanged=True),
                                progress=progress.for_terminal())
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
        from builder.config import load_config
        from builder.diagnostics import Reporter
        from builder.newcontent import NewContentError, new_article

        rep = Reporter()
        config = load_config(root, rep)
        rep.raise_if_errors()
        try:
            path = new_article(root, args.title, args.section, config.sections, dt.date.today(), args.slug)
        except NewContentError as exc:
            print(f"错误: {exc}", file=sys.stderr)
            return EXIT_USER
        print(f"已创建 {path.relative_to(root).as_posix()}")
        return EXIT_OK
    if args.command == "serve":
        from builder.serve import serve

        return serve(root, host=args.host, port=args.port, as_of=args.as_of)
    if args.command in ("template", "import", "export"):
        from builder.sheets import commands as sheet_commands

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
