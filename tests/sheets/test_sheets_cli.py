"""chabaocu template | import | export, in-process, on the test towns and on the example site."""

from __future__ import annotations

import openpyxl
import pytest


def test_template_import_export_commands(ledger_site, run_cli, fill_sheet, hazard_rows, tmp_path):
    out = tmp_path / "索镇模板.xlsx"
    code, stdout, _err = run_cli("template", "隐患台账", "--town", "索镇镇", "-o", out, "--site", ledger_site)
    assert code == 0
    assert stdout.splitlines()[0] == f"已生成模板 {out}（隐患台账，索镇镇，22 列，其中必填 8 列）"
    filled = fill_sheet(out, hazard_rows(20), tmp_path / "索镇台账.xlsx")

    code, stdout, err = run_cli("import", "hazards", filled, "--dry-run", "--site", ledger_site)
    assert (code, err) == (0, "")
    assert stdout.splitlines()[0] == f"隐患台账（{filled.as_posix()}）：新增 20 条，修改 0 条，未变 0 条。"
    assert stdout.splitlines()[-1] == "试运行（--dry-run）：没有写入任何文件。去掉 --dry-run 即按上面的结果写入。"
    assert not (ledger_site / "data/hazards").exists()

    code, stdout, _err = run_cli("import", "hazards", filled, "--site", ledger_site)
    assert code == 0 and "已写入 data/hazards/import-suozhen.yaml" in stdout
    code, _out, err = run_cli("check", "--site", ledger_site)
    assert code == 0, err

    exported = tmp_path / "导出.xlsx"
    code, stdout, _err = run_cli("export", "hazards", "-o", exported, "--site", ledger_site)
    assert code == 0 and stdout.startswith(f"已导出 {exported}：隐患台账 0 条（公开，13 列）")


def test_import_errors_exit_1_and_write_nothing(ledger_site, run_cli, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(5)
    rows[0]["排查日期"] = "2016-13-01"
    filled = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx")
    code, _out, err = run_cli("import", "hazards", filled, "--site", ledger_site)
    assert code == 1
    assert f"{filled.as_posix()}:隐患台账!D2: 错误: 列 D「排查日期」：日期“2016-13-01”不存在" in err
    assert err.rstrip().endswith("导入失败：共 1 个错误，没有写入任何文件。请按上面的位置（文件:工作表!单元格）改好表格后重新导入。")
    assert not (ledger_site / "data/hazards").exists()


def test_unknown_kind_and_town(ledger_site, run_cli, tmp_path):
    code, _out, err = run_cli("template", "hazard", "-o", tmp_path / "x.xlsx", "--site", ledger_site)
    assert code == 1 and err.startswith("错误: 不认识的数据种类“hazard”\n    提示: 是否想写“hazards”？可用：")
    code, _out, err = run_cli("template", "hazards", "--town", "索镇", "-o", tmp_path / "x.xlsx", "--site", ledger_site)
    assert code == 1 and err == "错误: 镇街“索镇”不存在\n    提示: 可选：索镇镇、起凤镇、马桥镇\n"


@pytest.fixture(scope="module")
def example_has_data(example_root):
    if not (example_root / "data" / "enterprises.yaml").is_file():
        pytest.skip("example data/ not generated yet (python -m tools.gen_demo)")
    return example_root


@pytest.mark.slow
def test_example_site_template_and_export(example_has_data, run_cli, prepare_site, tmp_path):
    root = example_has_data
    site = prepare_site(root)
    suozhen = next(t.raw["id"] for t in site.records["towns"] if t.raw["name"] == "索镇镇")
    mine = sorted(e.raw["id"] for e in site.records["enterprises"] if e.raw["town"] == suozhen)

    out = tmp_path / "索镇镇隐患台账模板.xlsx"
    assert run_cli("template", "hazards", "--town", "索镇镇", "-o", out, "--site", root)[0] == 0
    lists = openpyxl.load_workbook(out)["选项"]
    column = next(c for c in lists[1] if c.value == "企业").column
    offered = [row[0].split()[0] for row in lists.iter_rows(min_row=2, min_col=column, max_col=column, values_only=True)
               if row[0]]
    assert offered == mine

    exported = tmp_path / "索镇镇隐患台账.xlsx"
    code, _out, _err = run_cli("export", "hazards", "--town", "索镇镇", "--profile", "internal", "-o", exported,
                               "--site", root)
    assert code == 0
    count = sum(1 for h in site.records["hazards"] if h.links["enterprise"].raw["town"] == suozhen)
    assert openpyxl.load_workbook(exported).worksheets[0].max_row == count + 1
    # Handing the export back changes nothing: reporter refs, absent from it, stay in data/.
    code, stdout, err = run_cli("import", "hazards", exported, "--dry-run", "--site", root)
    assert code == 0, err
    assert stdout.splitlines()[0].endswith(f"新增 0 条，修改 0 条，未变 {count} 条。")


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "profile"), [
    ("hazards", "public"), ("hazards", "internal"), ("golden_ideas", "internal"), ("trainings", "public"),
    ("monthly_reports", "internal"), ("county_rounds", "public"), ("visits", "internal"), ("works", "public"),
])
def test_example_site_exports_import_back_unchanged(example_has_data, tmp_path, kind, profile):
    """On the real example data: lists, yes/no, composite keys, references, columns a profile
    leaves out (kept from data/), works left out of public; nothing is lost or changed."""
    from builder.sheets.changes import ADDED, CHANGED, UNCHANGED
    from builder.sheets.exporter import export_kind
    from builder.sheets.importer import import_sheet

    out = tmp_path / f"{kind}.xlsx"
    exported = export_kind(example_has_data, kind, out, profile=profile).records
    result = import_sheet(example_has_data, kind, out, dry_run=True)
    assert result.diagnostics == []
    assert (result.count(ADDED), result.count(CHANGED), result.count(UNCHANGED)) == (0, 0, exported)
