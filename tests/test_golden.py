"""Golden output: build tests/examples/basic and compare every file with tests/golden/basic/.

tests/golden/basic/public/ is the website (--out), tests/golden/basic/print/ the internal
print output (the towns' supervision handbooks, [build] print_output inside the site).

The website templates change often; after an intended change, regenerate and review the diff:
    BUILDER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
(then `git diff --stat tests/golden` shows what the change did to the output).
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from builder.cli import main

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
EXAMPLE = HERE / "examples" / "basic"
GOLDEN = HERE / "golden" / "basic"
UPDATE = os.environ.get("BUILDER_UPDATE_GOLDEN") == "1"


def build_basic(tmp: Path) -> dict[str, bytes]:
    """Copy the example (it must stay clean: builds keep a cache in the site), build it, read the output."""
    site = tmp / "site"
    shutil.copytree(EXAMPLE, site)
    shutil.copytree(REPO / "themes" / "default", site / "themes" / "default")
    out = tmp / "public"
    code = main(["build", "--site", str(site), "--out", str(out), "--no-pdf"])
    assert code == 0
    return {**files(out, "public/"), **files(site / "print", "print/")}


def files(folder: Path, prefix: str = "") -> dict[str, bytes]:
    return {prefix + p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def describe(name: str, expected: bytes, actual: bytes) -> str:
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return f"{name}: 二进制文件不同（{len(expected)} → {len(actual)} 字节）"
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), f"golden/{name}", f"built/{name}", lineterm="", n=2)
    return "\n".join(list(diff)[:60])


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_basic(tmp_path_factory.mktemp("golden"))


def test_golden_output(built):
    actual = built
    if UPDATE:
        if GOLDEN.exists():
            shutil.rmtree(GOLDEN)
        for name, data in actual.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_bytes(data)
        return
    assert GOLDEN.is_dir(), "还没有黄金输出；运行 BUILDER_UPDATE_GOLDEN=1 pytest tests/test_golden.py 生成"
    expected = files(GOLDEN)
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    changed = sorted(name for name in set(expected) & set(actual) if expected[name] != actual[name])
    report = []
    if missing:
        report.append("缺少的文件（missing）：" + "、".join(missing))
    if extra:
        report.append("多出的文件（extra）：" + "、".join(extra))
    report += [describe(name, expected[name], actual[name]) for name in changed[:10]]
    if len(changed) > 10:
        report.append(f"……另有 {len(changed) - 10} 个文件不同")
    assert not report, (
        "构建结果与 tests/golden/basic 不一致；如属预期，运行 BUILDER_UPDATE_GOLDEN=1 pytest tests/test_golden.py "
        "重新生成并审阅差异。\n" + "\n".join(report))


def test_two_builds_in_two_folders_are_identical(built, tmp_path, capsys):
    again = build_basic(tmp_path)
    err = capsys.readouterr().err
    assert "警告" not in err and "错误" not in err, err  # the example is clean: not even a warning
    first, second = built, again
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


# Values the example holds only in `internal` fields: never in any output, printed or published.
INTERNAL = ("R-7F3A", "R-9C21", "R-2B88", "A-11", "A-12", "W-01", "W-03")
# Values held only in `handbook` fields (contacts, addresses, findings, ledger details) or in a
# work without the author's consent: printed for the towns at most, never on the public site.
NOT_PUBLIC = ("未经作者同意", "我身边的安全人", "李某", "赵某", "0533-0000301", "示例县索镇镇工业园一路1号",
              "隐患台账未按六查分类", "个别岗位报警程序不熟练", "反应釜搅拌电机防护罩缺失")


def test_golden_never_holds_internal_or_handbook_values():
    if UPDATE or not GOLDEN.is_dir():
        pytest.skip("golden tree not generated yet")
    leaks = []
    for name, data in files(GOLDEN).items():
        text = data.decode("utf-8", errors="ignore")
        for secret in INTERNAL + (NOT_PUBLIC if name.startswith("public/") else ()):
            if secret in text:
                leaks.append(f"{secret} in {name}")
    assert leaks == []
