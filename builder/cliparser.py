"""argparse in Chinese: usage errors (unknown option, missing argument, bad choice) and help headings.

argparse reports every mistake on the command line through `ArgumentParser.error` with an
English sentence. ChineseParser turns each kind into the house format

    用法：chabaocu build [-h] [--site DIR] …
    错误: 不认识的选项（unrecognized arguments）：--prot 8000
        提示: 是否想写“--port”？运行 chabaocu serve --help 查看全部选项

and exits 2. The English term stays in brackets so the message can still be searched for.
A sentence this module does not know is shown in English behind a Chinese lead-in, never lost.
"""

from __future__ import annotations

import argparse
import re
import sys

from builder.diagnostics import UserError
from builder.schema.core import did_you_mean

EXIT_USAGE = 2
# An argparse type may raise ArgumentTypeError(f"{message}{HINT_SEPARATOR}{hint}") to give its own hint.
HINT_SEPARATOR = "\0"
TYPE_NAMES = {"int": "整数", "float": "数字", "Path": "路径", "str": "文字"}


class UsageError(UserError):
    """A command line that cannot be run as given: shown as 错误/提示 and exit 2."""


class ChineseFormatter(argparse.HelpFormatter):
    """Help and usage text with Chinese headings."""

    def _format_usage(self, usage, actions, groups, prefix):
        return super()._format_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are Chinese (see the module docstring); no abbreviations."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", ChineseFormatter)
        kwargs.setdefault("allow_abbrev", False)  # --o meaning --out is a surprise, not a convenience
        kwargs.setdefault("add_help", True)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数（arguments）"
        self._optionals.title = "选项（options）"
        for action in self._actions:
            if action.option_strings == ["-h", "--help"]:
                action.help = "显示帮助并退出"

    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        if action.option_strings == ["--version"]:
            action.help = "显示版本号并退出"
        return action

    def parse_args(self, args=None, namespace=None):
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            command = getattr(parsed, "command", None)
            target = self._subparser(command) or self
            target.fail(*_unrecognized(target, extras))
        return parsed

    def _subparser(self, name: str | None) -> ChineseParser | None:
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction) and name in action.choices:
                return action.choices[name]
        return None

    def error(self, message: str):  # argparse's single exit for usage errors
        self.fail(*translate(message, self))

    def fail(self, message: str, hint: str = ""):
        self.print_usage(sys.stderr)
        print(UsageError(message, hint), file=sys.stderr)
        self.exit(EXIT_USAGE)


def _help_hint(parser: argparse.ArgumentParser) -> str:
    return f"运行 {parser.prog} --help 查看用法"


def _unrecognized(parser: argparse.ArgumentParser, extras: list[str]) -> tuple[str, str]:
    shown = " ".join(extras)
    options = [s for action in parser._actions for s in action.option_strings]
    first = next((e.split("=", 1)[0] for e in extras if e.startswith("-")), None)
    guess = did_you_mean(first, options) if first else None
    hint = (f"是否想写“{guess}”？" if guess else "") + _help_hint(parser)
    if first is None:
        return f"多余的参数（unrecognized arguments）：{shown}", "含空格的标题或文件名请用引号括起来；" + hint
    return f"不认识的选项（unrecognized arguments）：{shown}", hint


def translate(message: str, parser: argparse.ArgumentParser) -> tuple[str, str]:
    """argparse's English error sentence as (Chinese message, hint)."""
    match = re.fullmatch(r"the following arguments are required: (.+)", message)
    if match:
        return f"缺少必需的参数（required）：{match.group(1).replace(', ', '、')}", _help_hint(parser)
    match = re.fullmatch(r"argument (.+?): invalid choice: '(.*)' \(choose from (.+)\)", message, re.S)
    if match:
        name, value, choices = match.groups()
        options = re.findall(r"'([^']*)'", choices)
        guess = did_you_mean(value, options)
        hint = (f"是否想写“{guess}”？" if guess else "") + "可选：" + "、".join(options)
        if name in ("命令", "command"):
            return f"不认识的命令“{value}”（invalid choice）", hint
        return f"{name} 不能是“{value}”（invalid choice）", hint
    match = re.fullmatch(r"argument (.+?): invalid (\w+) value: '(.*)'", message, re.S)
    if match:
        name, kind, value = match.groups()
        return f"{name} 的值“{value}”不是{TYPE_NAMES.get(kind, kind)}（invalid {kind} value）", _help_hint(parser)
    match = re.fullmatch(r"argument (.+?): expected (one|at least one|at most one) argument", message)
    if match:
        return f"{match.group(1)} 后面缺少值（expected one argument）", f"例如 {_example(match.group(1))}；" + _help_hint(parser)
    match = re.fullmatch(r"argument (.+?): ignored explicit argument '(.*)'", message)
    if match:
        return f"选项 {match.group(1)} 不带值（ignored explicit argument “{match.group(2)}”）", f"只写 {match.group(1)}"
    match = re.fullmatch(r"ambiguous option: (\S+) could match (.+)", message)
    if match:
        return f"选项 {match.group(1)} 有歧义（ambiguous option），可能是 {match.group(2)}", "请写出完整的选项名"
    match = re.fullmatch(r"argument (.+?): (.+)", message, re.S)
    if match:  # an ArgumentTypeError of ours: already Chinese, maybe with its own hint
        text, _sep, hint = match.group(2).partition(HINT_SEPARATOR)
        return f"{match.group(1)}：{text}", hint or _help_hint(parser)
    return f"命令行用法错误（usage error）：{message}", _help_hint(parser)


_EXAMPLES = {"--out": "--out public", "--site": "--site 站点目录", "--as-of": "--as-of 2016-12-31",
             "--town": "--town 索镇镇", "--port": "--port 8000", "--slug": "--slug county-kickoff",
             "--section": "--section 工作动态", "--profile": "--profile public", "-o/--output": "-o 文件名.xlsx",
             "--host": "--host 127.0.0.1"}


def _example(name: str) -> str:
    return _EXAMPLES.get(name, f"{name.split('/')[-1]} 值")


def checked(check, *args):
    """An argparse type that runs a builder.names check; its NameProblem becomes the usage error."""
    from builder.names import NameProblem

    def convert(text: str) -> str:
        try:
            return check(text, *args)
        except NameProblem as problem:
            raise argparse.ArgumentTypeError(f"{problem.message}{HINT_SEPARATOR}{problem.hint}") from None
    return convert
