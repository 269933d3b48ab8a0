"""The adversarial suite: every case of adversarial_cases.py run as a clerk would run it.

Each case asserts the exact exit code, the exact message (expected/<name>.txt), that nothing
anywhere printed a Python traceback, and — by hashing the whole test folder before and after —
that no file outside what the command may write was touched (the builder's own .cache/ aside).
Killing builds with SIGKILL is tests/test_interrupted_build.py's.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import sys
from pathlib import Path

import pytest

from builder.cli import main

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
UPDATE = os.environ.get("BUILDER_UPDATE_EXPECTED") == "1"


def _load_cases():
    """adversarial_cases.py by its path (whatever pytest's import mode; tools/error_catalogue.py reads it too)."""
    spec = importlib.util.spec_from_file_location("adversarial_cases", HERE / "adversarial_cases.py")
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    if not hasattr(module, "CASES"):
        spec.loader.exec_module(module)
    return module


CASES = _load_cases().CASES


def test_enough_cases():
    assert len(CASES) >= 40
    assert len({case.name for case in CASES}) == len(CASES)


def materialise(case, tmp: Path, site_files: dict, make_site) -> Path:
    """The case's site in tmp/site (from the minimal site), and tmp/outside beside it."""
    files = dict(site_files)
    for rel, (old, new) in case.edits.items():
        rel = rel.split("#", 1)[0]
        assert old in files[rel], f"{case.name}: “{old}” not in {rel}"
        files[rel] = files[rel].replace(old, new, 1)
    files.update(case.files)
    site = make_site({rel: text for rel, text in files.items() if text is not None}, root=tmp / "site")
    for rel, text in case.after.items():
        (site / rel).write_text(text, encoding="utf-8")
    outside = tmp / "outside"
    outside.mkdir()
    for rel, content in case.outside.items():
        path = outside / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(path)                      # e.g. a workbook made with openpyxl
        elif isinstance(content, int):
            with open(path, "wb") as handle:   # a file of that many bytes, without writing them
                handle.truncate(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for rel, target in case.links.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(tmp / target, site / rel)
    return site


def tree_hashes(folder: Path, allowed: tuple[str, ...]) -> dict[str, str]:
    """Every file and folder below `folder` with a hash of its bytes, except the builder's own
    .cache/ and the paths the command is allowed to write."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        rel_dir = Path(dirpath).relative_to(folder).as_posix()
        dirnames[:] = [d for d in dirnames if d != ".cache" and not _allowed(f"{rel_dir}/{d}".lstrip("./"), allowed)]
        found[rel_dir + "/"] = ""
        for name in filenames:
            rel = f"{rel_dir}/{name}".lstrip("./")
            if not _allowed(rel, allowed):
                found[rel] = hashlib.sha256((Path(dirpath) / name).read_bytes()).hexdigest()
    return found


def _allowed(rel: str, allowed: tuple[str, ...]) -> bool:
    return any(rel == a or rel.startswith(a + "/") for a in allowed)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_adversarial(case, tmp_path, monkeypatch, capsys, site_files, make_site):
    site = materialise(case, tmp_path, site_files, make_site)
    monkeypatch.chdir(site)
    for argv in case.before:  # what the clerk did first (e.g. made a template)
        assert main(list(argv)) == 0, capsys.readouterr().err
    before = tree_hashes(tmp_path, case.writes)
    capsys.readouterr()
    code = main(list(case.argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == case.exit, err
    assert tree_hashes(tmp_path, case.writes) == before, "a file outside the output was touched"
    for rel, text in case.contains.items():
        assert text in (site / rel).read_text(encoding="utf-8")
    if case.compare:
        expected = EXPECTED / f"{case.name}.txt"
        if UPDATE:
            EXPECTED.mkdir(exist_ok=True)
            expected.write_text(err, encoding="utf-8")
        assert expected.is_file(), f"{case.name}: 缺少 expected/{case.name}.txt；用 BUILDER_UPDATE_EXPECTED=1 生成后逐条审阅"
        assert err == expected.read_text(encoding="utf-8")


def test_expected_files_all_belong_to_a_case():
    names = {case.name for case in CASES if case.compare}
    assert {p.stem for p in EXPECTED.glob("*.txt")} == names


def test_refused_output_folders_stay_whole_with_their_contents(tmp_path, monkeypatch, capsys, site_files, make_site):
    """The worst case end to end: a folder of someone else's files named as --out survives a build."""
    site = materialise(next(c for c in CASES if c.name == "out_someone_elses_folder"), tmp_path, site_files, make_site)
    monkeypatch.chdir(site)
    assert main(["build", "--out", "../outside", "--no-pdf"]) == 2
    assert (tmp_path / "outside" / "mine.txt").read_text(encoding="utf-8") == "我的文件，不能被删。\n"
    shutil.rmtree(tmp_path / "outside")
    assert main(["build", "--out", "../outside", "--no-pdf"]) == 0  # a folder that does not exist is fine
    assert (tmp_path / "outside" / ".chabaocu-output").is_file()
    capsys.readouterr()
