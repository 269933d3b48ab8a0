"""Broken example sites: `chabaocu check` (or `build`) prints exactly expected.txt and exits 1.

Each folder under tests/examples/invalid/ is a complete tiny site with ONE fault; the folders
under tests/examples/warnings/ have only warnings and must pass (exit 0). The harness copies a
case into a temporary folder and adds the repository's themes/default (a case's own theme, e.g.
themes/broken/, is completed from themes/default, so it only holds the templates it breaks).

Files a case may hold besides the site:
- expected.txt   the exact text printed on stderr;
- command.txt    "build" to run `build --no-pdf` instead of `check` (template faults only show
                 when pages are rendered), with any options after it ("check --strict");
- symlinks.txt   paths to create as symlinks pointing OUTSIDE the site (git cannot carry them).

Regenerate every expected.txt after changing a message, then review each diff by eye:
    BUILDER_UPDATE_EXPECTED=1 .venv/bin/python -m pytest tests/test_invalid.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import main

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
INVALID = HERE / "examples" / "invalid"
WARNINGS = HERE / "examples" / "warnings"
META = {"expected.txt", "command.txt", "symlinks.txt"}
UPDATE = os.environ.get("BUILDER_UPDATE_EXPECTED") == "1"


def cases(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


def materialise(case: Path, tmp: Path) -> Path:
    """Copy a case into tmp/site with the repository's default theme; make its symlinks."""
    site = tmp / "site"
    shutil.copytree(case, site, ignore=lambda folder, names: [n for n in names if n in META])
    default = REPO / "themes" / "default"
    shutil.copytree(default, site / "themes" / "default")
    for theme in (site / "themes").iterdir():
        if theme.name != "default":
            shutil.copytree(default, theme, dirs_exist_ok=True, ignore=_keep_case_files(theme, default))
    links = case / "symlinks.txt"
    if links.is_file():
        outside = tmp / "outside.yaml"  # a file beside the site, not inside it
        outside.write_text("- id: 站外文件\n", encoding="utf-8")
        for rel in links.read_text(encoding="utf-8").split():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(outside, site / rel)
    return site


def _keep_case_files(theme: Path, default: Path):
    """A copytree ignore: skip default's files the case's own theme already has."""
    def ignore(folder: str, names: list[str]) -> list[str]:
        here = theme / Path(folder).relative_to(default)
        return [n for n in names if (here / n).is_file()]
    return ignore


def command(case: Path, site: Path, out: Path) -> list[str]:
    which = (case / "command.txt").read_text(encoding="utf-8").split() if (case / "command.txt").is_file() else ["check"]
    if which[0] == "build":
        return ["build", "--site", str(site), "--out", str(out), "--no-pdf", *which[1:]]
    return ["check", "--site", str(site), *which[1:]]


def run(case: Path, tmp: Path, capsys) -> tuple[int, str]:
    site = materialise(case, tmp)
    capsys.readouterr()
    code = main(command(case, site, tmp / "out"))
    captured = capsys.readouterr()
    assert captured.out == ""
    return code, captured.err


def compare(case: Path, actual: str) -> None:
    expected_file = case / "expected.txt"
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
        return
    assert expected_file.is_file(), f"{case.name} 缺少 expected.txt；用 BUILDER_UPDATE_EXPECTED=1 生成后逐条审阅"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_enough_cases():
    assert len(cases(INVALID)) >= 22


@pytest.mark.parametrize("name", cases(INVALID))
def test_invalid_site(name, tmp_path, capsys):
    case = INVALID / name
    code, err = run(case, tmp_path, capsys)
    assert "Traceback" not in err
    assert code == 1, err
    compare(case, err)
    # every error line points into the site: path:line (a line, except for whole-file problems)
    first = err.splitlines()[0]
    assert ": 错误: " in first, first
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize("name", cases(WARNINGS))
def test_warnings_only_site(name, tmp_path, capsys):
    case = WARNINGS / name
    code, err = run(case, tmp_path, capsys)
    assert code == 0, err
    assert "警告" in err and "错误: " not in err and err.endswith("检查通过（check passed）。\n")
    compare(case, err)


def snapshot(folder: Path) -> dict[str, tuple]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", ["template_syntax", "template_internal_field", "yaml_syntax", "toml_syntax",
                                  "duplicate_url"])
def test_failed_build_leaves_previous_output_untouched(name, tmp_path, capsys, make_site, site_files):
    out = tmp_path / "public"
    good = make_site(site_files, root=tmp_path / "good")
    assert main(["build", "--site", str(good), "--out", str(out), "--no-pdf"]) == 0
    before = snapshot(out)
    assert "index.html" in before
    site = materialise(INVALID / name, tmp_path / "case")
    capsys.readouterr()
    assert main(["build", "--site", str(site), "--out", str(out), "--no-pdf"]) == 1
    err = capsys.readouterr().err
    assert err.endswith("构建失败，之前的输出保持不变。\n") and "Traceback" not in err
    assert snapshot(out) == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".public")) == []


@pytest.mark.parametrize("name", ["gbk_data", "template_internal_field"])
def test_invalid_site_in_a_real_process(name, tmp_path):
    case = INVALID / name
    site = materialise(case, tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run([sys.executable, "-m", "builder", *command(case, site, tmp_path / "out")],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    if not UPDATE:
        assert result.stderr == (case / "expected.txt").read_text(encoding="utf-8")


def test_error_catalogue_in_docs_is_current():
    """docs/errors.md lists every case above with its exact output (tools/error_catalogue.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("error_catalogue", REPO / "tools" / "error_catalogue.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    current = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    assert current == module.render(), "docs/errors.md is stale: .venv/bin/python tools/error_catalogue.py > docs/errors.md"
