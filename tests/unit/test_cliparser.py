"""builder.cliparser: argparse's English usage errors in Chinese, exit 2; help headings in Chinese."""

from __future__ import annotations

import pytest

from builder.cli import _parser
from builder.cliparser import translate


@pytest.mark.parametrize("english, chinese", [
    ("the following arguments are required: KIND, -o/--output", "缺少必需的参数（required）：KIND、-o/--output"),
    ("argument --profile: invalid choice: 'secret' (choose from 'public', 'internal')",
     "--profile 不能是“secret”（invalid choice）"),
    ("argument --port: invalid int value: 'x'", "--port 的值“x”不是整数（invalid int value）"),
    ("argument --out: expected one argument", "--out 后面缺少值（expected one argument）"),
    ("argument --no-pdf: ignored explicit argument 'yes'", "选项 --no-pdf 不带值（ignored explicit argument “yes”）"),
    ("ambiguous option: --o could match --out, --output", "选项 --o 有歧义（ambiguous option），可能是 --out, --output"),
    ("something argparse says one day", "命令行用法错误（usage error）：something argparse says one day"),
])
def test_every_kind_of_argparse_error_is_chinese(english, chinese):
    assert translate(english, _parser())[0] == chinese


def test_help_is_chinese(run_cli):
    code, out, _err = run_cli("build", "--help")
    assert code == 0
    assert out.startswith("用法：chabaocu build [-h]")
    for heading in ("选项（options）:", "显示帮助并退出", "网站输出目录（output）"):
        assert heading in out
    assert "usage:" not in out and "show this help" not in out
    code, out, _err = run_cli("--version")
    assert code == 0 and out.startswith("chabaocu ")
