"""Broken spreadsheets a clerk really sends, with the exact messages they get back."""

from __future__ import annotations

import csv
import io

import openpyxl

from builder.diagnostics import format_report
from builder.sheets.changes import ADDED
from builder.sheets.importer import import_sheet


def _import(site, path, **kw):
    result = import_sheet(site, kw.pop("kind", "hazards"), path, display=path.name, **kw)
    return result, format_report(result.diagnostics)


def _nothing_written(site):
    return not (site / "data/hazards").exists()


def test_bad_date_cell(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(10)
    rows[3]["排查日期"] = "2016-02-30"          # typed as text, on spreadsheet row 5
    rows[6]["排查日期"] = "2016.3.5"            # loose but readable: a warning, not an error
    result, text = _import(ledger_site, fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    assert text == (
        "台账.xlsx:隐患台账!D5: 错误: 列 D「排查日期」：日期“2016-02-30”不存在（2016年2月没有30日）\n"
        "    提示: 请核对原始记录中的日期\n"
        "台账.xlsx:隐患台账!D8: 警告: 列 D「排查日期」：日期“2016.3.5”不是标准写法，已按 2016-03-05 读取；"
        "请改写成 2016-03-05\n"
        "共 1 个错误，1 个警告。")
    assert not result.ok and result.written == [] and _nothing_written(ledger_site)


def test_value_not_in_the_drop_down(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(10)
    rows[5]["隐患等级"] = "较大"       # row 7, column K
    rows[8]["六查类别"] = "c3"         # lower case: still not a choice
    result, text = _import(ledger_site, fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    assert text == (
        "台账.xlsx:隐患台账!K7: 错误: 列 K「隐患等级」：“较大”不是隐患等级的可选值\n"
        "    提示: 可选值：一般、重大\n"
        "台账.xlsx:隐患台账!G10: 错误: 列 G「六查类别」：“c3”不是六查类别的可选值\n"
        "    提示: 是否想写“C3”？可选值：C1、C2、C3、C4、C5、C6\n"
        "共 2 个错误，0 个警告。")
    assert _nothing_written(ledger_site)


def test_unknown_enterprise(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(10)
    rows[2]["企业"] = "QY-0999"
    rows[4]["企业"] = "桓台索镇示例化工有限公司"   # a name that is not in data/enterprises
    result, text = _import(ledger_site, fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    assert text == (
        "台账.xlsx:隐患台账!B4: 错误: 列 B「企业」：企业“QY-0999”不存在：找不到这个企业（unknown reference）\n"
        "    提示: 是否想写：QY-0029 桓台马桥示例造纸有限公司9号、QY-0019 桓台起凤示例造纸有限公司9号、"
        "QY-0009 桓台索镇示例造纸有限公司9号？写编号或完整名称都可以\n"
        "台账.xlsx:隐患台账!B6: 错误: 列 B「企业」：企业“桓台索镇示例化工有限公司”不存在：找不到这个企业（unknown reference）\n"
        "    提示: 是否想写：QY-0006 桓台索镇示例化工有限公司6号、QY-0001 桓台索镇示例化工有限公司1号、"
        "QY-0026 桓台马桥示例化工有限公司6号？写编号或完整名称都可以\n"
        "共 2 个错误，0 个警告。")
    assert _nothing_written(ledger_site)


def test_enterprise_of_another_town(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(5)
    rows[1]["企业"] = "QY-0011"  # 起凤镇's first enterprise, in 索镇镇's ledger
    result, text = _import(ledger_site, fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    assert text == (
        "台账.xlsx:隐患台账!B3: 错误: 列 B「企业」：企业 QY-0011 桓台起凤示例化工有限公司1号 属于起凤镇，不属于索镇镇（--town）\n"
        "    提示: 只导入索镇镇的记录：核对这一格，或去掉 --town\n"
        "共 1 个错误，0 个警告。")


def test_merged_header_cells(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    path = fill_sheet(template("hazards", "索镇镇"), hazard_rows(5), tmp_path / "台账.xlsx")
    book = openpyxl.load_workbook(path)
    book.worksheets[0].merge_cells("N1:O1")   # 整改责任人 spread over 整改责任单位
    book.save(path)
    result, text = _import(ledger_site, path)
    assert text == (
        "台账.xlsx:隐患台账!N1: 错误: 表头有合并单元格 N1:O1（merged cells）：每一列必须有自己的列名\n"
        "    提示: 选中这些单元格，取消“合并后居中”，再给每一列写上列名；最好用 chabaocu template 生成的模板\n"
        "共 1 个错误，0 个警告。")
    assert result.changes == [] and _nothing_written(ledger_site)


def test_merged_data_cells(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    path = fill_sheet(template("hazards", "索镇镇"), hazard_rows(5), tmp_path / "台账.xlsx")
    book = openpyxl.load_workbook(path)
    book.worksheets[0].merge_cells("B3:B5")   # one enterprise "for" three rows
    book.save(path)
    _result, text = _import(ledger_site, path)
    assert text == (
        "台账.xlsx:隐患台账!B3: 错误: 数据区有合并单元格 B3:B5（merged cells）：合并后只有左上角一格有值，其余单元格会被当作空白\n"
        "    提示: 取消合并，并在每一格里都填上值\n"
        "共 1 个错误，0 个警告。")


def test_extra_blank_rows_at_the_end_are_ignored(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(12)
    path = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(row=14, column=1, value="   ")      # a space typed into an otherwise empty row
    sheet.cell(row=15, column=3, value="")
    sheet.cell(row=16, column=1).number_format = "@"
    book.save(path)
    result, text = _import(ledger_site, path)
    assert text == ""
    assert result.count(ADDED) == 12


def test_a_title_row_and_a_serial_number_column_are_fine(ledger_site, tmp_path, hazard_rows):
    rows = [r for r in hazard_rows(9) if r["状态"] == "待整改"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["索镇镇2016年隐患排查治理台账"])
    labels = ["编号", "企业", "排查日期", "排查来源", "六查类别", "隐患描述", "隐患等级", "状态"]
    sheet.append(["序号", *labels])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *(row[label] for label in labels)])
    sheet.append([4])   # a pre-numbered row nobody filled in
    book.save(tmp_path / "自制台账.xlsx")
    result, text = _import(ledger_site, tmp_path / "自制台账.xlsx", town="索镇镇")
    assert text == "" and result.count(ADDED) == 3


def _csv_bytes(rows: list[dict], labels: list[str], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(labels)
    for row in rows:
        writer.writerow([row[label].strftime("%Y/%m/%d") if label == "排查日期" else row.get(label, "")
                         for label in labels])
    return out.getvalue().encode(encoding)


CSV_LABELS = ["编号", "企业", "排查日期", "排查来源", "报告人代号", "六查类别", "隐患描述", "隐患等级", "状态",
              "整改责任人", "整改责任单位", "整改措施", "整改资金（元）", "整改时限", "应急预案"]


def test_gbk_csv_is_detected_and_imported(ledger_site, hazard_rows, tmp_path):
    rows = [r for r in hazard_rows(30) if r["状态"] == "待整改"]
    for encoding, name in (("gbk", "台账-gbk.csv"), ("utf-8-sig", "台账-bom.csv")):
        (tmp_path / name).write_bytes(_csv_bytes(rows, CSV_LABELS, encoding))
        result, text = _import(ledger_site, tmp_path / name, town="索镇镇", dry_run=True)
        assert text == "", name
        assert result.count(ADDED) == len(rows) == 10
        record = result.changes[0].record.raw
        assert record["enterprise"] == "QY-0001" and record["found_on"] == rows[0]["排查日期"].date()


def test_gbk_csv_errors_point_at_column_and_row(ledger_site, hazard_rows, tmp_path):
    rows = [r for r in hazard_rows(9) if r["状态"] == "待整改"]
    rows[1]["整改资金（元）"] = "1,200元"   # CSV row 3, column M
    (tmp_path / "台账.csv").write_bytes(_csv_bytes(rows, CSV_LABELS, "gb18030"))
    _result, text = _import(ledger_site, tmp_path / "台账.csv", town="索镇镇")
    assert text == (
        "台账.csv:M3: 错误: 列 M「整改资金（元）」：“1,200元”不是数字\n"
        "    提示: 只写阿拉伯数字，不要千分位逗号和单位，例如 1200\n"
        "共 1 个错误，0 个警告。")


def test_missing_required_column_and_unknown_column(ledger_site, tmp_path):
    (tmp_path / "台账.csv").write_text("编号,企业,发现日期,排查来源,六查类别,隐患描述,隐患等级\n"
                                     "YH-1,QY-0001,2016-03-05,职工排查,C1,描述,一般\n", encoding="utf-8")
    _result, text = _import(ledger_site, tmp_path / "台账.csv")
    assert text == (
        "台账.csv:第1行: 错误: 缺少必填列“排查日期”（found_on）\n"
        "    提示: 在表头加一列“排查日期*”。发现隐患的日期。\n"
        "台账.csv:第1行: 错误: 缺少必填列“状态”（status）\n"
        "    提示: 在表头加一列“状态*”。待整改、整改中、待验收、已销号、验收不合格、已提请挂牌、挂牌督办中、已摘牌销号、核实不属实。"
        "逾期由系统按整改时限计算，不必填写。\n"
        "台账.csv:C1: 警告: 不认识的列名“发现日期”，这一列不导入\n"
        "    提示: 列名要与模板一致；可用 chabaocu template 重新生成模板\n"
        "共 2 个错误，1 个警告。")


def test_duplicate_id_in_the_sheet(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(6)
    rows[4]["编号"] = rows[1]["编号"]
    _result, text = _import(ledger_site, fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "台账.xlsx"))
    assert text == (
        "台账.xlsx:隐患台账!A6: 错误: 列 A「编号」：重复的隐患台账编号（duplicate id）“YH-2016-SU-0002”：第 3 行已经用过\n"
        "    提示: 每条记录的编号必须唯一；请改用新的编号\n"
        "共 1 个错误，0 个警告。")


def test_changed_record_needs_force(ledger_site, template, fill_sheet, hazard_rows, tmp_path):
    rows = hazard_rows(6)
    import_sheet(ledger_site, "hazards", fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "1.xlsx"))
    rows[0]["状态"] = "核实不属实"
    path = fill_sheet(template("hazards", "索镇镇"), rows, tmp_path / "2.xlsx")
    result, text = _import(ledger_site, path)
    assert text == (
        "2.xlsx:隐患台账!A2: 错误: 列 A「编号」：隐患台账“YH-2016-SU-0001”已登记在 data/hazards/import-suozhen.yaml:4，"
        "内容不同（状态）；不加 --force 不会覆盖\n"
        "    提示: 先用 --dry-run 看清改动；确认要以表格为准时再加 --force\n"
        "共 1 个错误，0 个警告。")
    forced = import_sheet(ledger_site, "hazards", path, force=True)
    assert forced.ok and forced.written == ["data/hazards/import-suozhen.yaml"]
    assert [c.diff for c in forced.changes if c.diff] == [(("status", "待整改", "核实不属实"),)]
    text = (ledger_site / "data/hazards/import-suozhen.yaml").read_text(encoding="utf-8")
    assert "status: 核实不属实" in text and text.count("- id: ") == 6


def test_template_of_another_kind(ledger_site, template, tmp_path):
    result, text = _import(ledger_site, template("drills", "索镇镇"))
    assert text.startswith("drills-索镇镇-template.xlsx: 错误: 这个文件是“应急演练”模板，不能作为“隐患台账”导入\n")


def test_unreadable_files(ledger_site, tmp_path):
    (tmp_path / "旧表.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "坏表.xlsx").write_bytes(b"not a zip")
    assert _import(ledger_site, tmp_path / "旧表.xls")[1] == (
        "旧表.xls: 错误: 不支持旧版表格格式 .xls\n"
        "    提示: 请在 Excel 或 WPS 里“另存为” Excel 工作簿（.xlsx），再导入\n共 1 个错误，0 个警告。")
    assert _import(ledger_site, tmp_path / "坏表.xlsx")[1].startswith(
        "坏表.xlsx: 错误: 无法读取这个 Excel 文件（BadZipFile）\n")
