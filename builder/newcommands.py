"""`chabaocu new article …` and `chabaocu new record …`: the command line of builder.newcontent/newrecord.

Each prints what it made, where it will appear, and what to do next: a clerk runs `new`,
opens the file it names, and is told to run `check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from builder.cliparser import checked
from builder.names import check_display_name, check_slug

EXIT_OK, EXIT_USER = 0, 1


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期，请写成 2016-06-17") from None


def add_parsers(sub, site_arg) -> None:
    p = sub.add_parser("new", help="新建文章或记录（new article / new record）",
                       description="新建一篇文章（article），或在数据文件末尾加一条待填写的记录（record）。")
    kinds = p.add_subparsers(dest="new_kind", metavar="种类", required=True)
    a = kinds.add_parser("article", help="新建文章：chabaocu new article \"标题\"",
                         description="在 content/<栏目>/ 下新建一篇文章，日期默认取站点的统计截止日（site.toml 的 as_of）。")
    a.add_argument("title", metavar="标题", type=checked(check_display_name, "标题"), help="文章标题，例如 “马桥镇开展应急演练”")
    a.add_argument("--section", default="工作动态", metavar="栏目",
                   help="栏目（section）：工作动态、通知公告、政策法规，或文件夹名 news；默认 工作动态")
    a.add_argument("--slug", default=None, type=checked(check_slug, "slug"), help="网址名（slug），只用小写字母、数字和短横线，例如 maqiao-drill；默认按日期编号")
    a.add_argument("--date", type=_date, default=None, metavar="YYYY-MM-DD",
                   help="发布日期，默认为站点的统计截止日（site.toml [build] as_of）；工作动态、通知公告须在活动期间内")
    site_arg(a)
    r = kinds.add_parser("record", help="新增一条记录：chabaocu new record hazards --town 马桥镇",
                         description="在这种记录的数据文件末尾加一条待填写的记录：编号自动取下一个，"
                                     "每个字段都附中文说明，必填项写着 TODO。文件里原有的内容一字不改。")
    r.add_argument("kind", metavar="种类", help="记录种类，例如 hazards（隐患台账）、drills（应急演练）、golden_ideas（金点子）")
    r.add_argument("--town", default=None, metavar="镇街", type=checked(check_display_name, "镇街名称", 40), help="镇街（名称、简称或编号）；按镇街分文件的种类（隐患台账、演练）必须写")
    site_arg(r)


def run(args, root: Path) -> int:
    from builder.newcontent import NewContentError

    try:
        return _article(args, root) if args.new_kind == "article" else _record(args, root)
    except NewContentError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USER


def _article(args, root: Path) -> int:
    from builder.config import load_config
    from builder.diagnostics import Reporter
    from builder.newcontent import new_article

    rep = Reporter()
    config = load_config(root, rep)
    rep.raise_if_errors()
    made = new_article(root, config, args.title, args.section, args.date, args.slug)
    rel = made.path.relative_to(root).as_posix()
    print(f"已创建 {rel}")
    print(f"网址：{made.url}（生成后是 {config.build['output']}/{made.url}index.html）")
    print(f"下一步：用记事本打开 {rel}，写好摘要（summary）、来源（source）和正文，"
          "然后运行 chabaocu check 检查；边写边看用 chabaocu serve。")
    return EXIT_OK


def _record(args, root: Path) -> int:
    from builder.newrecord import append_record

    made = append_record(root, args.kind, args.town)
    rel = made.path.relative_to(root).as_posix()
    what = f"{made.schema.label}记录" + (f" {made.key}" if made.key else "")
    print(f"已在 {rel} 第 {made.line} 行添加一条待填写的{what}")
    print(f"下一步：打开 {rel}，把 TODO 换成实际内容（带 * 的必须填写），然后运行 chabaocu check；"
          "还有 TODO 时这条记录不会发布。")
    return EXIT_OK
