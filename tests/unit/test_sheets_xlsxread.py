"""The fast values-only .xlsx reader agrees with openpyxl, and reads what Excel itself writes."""

import datetime as dt
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from builder.sheets import xlsxread


def _read(path, name=None):
    with zipfile.ZipFile(path) as archive:
        book = xlsxread.open_workbook(archive)
        sheet = next(s for s in book.sheets if name in (None, s.name))
        return book, *xlsxread.read_sheet(archive, book, sheet)


def test_agrees_with_openpyxl_on_every_kind_of_cell(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "隐患台账"
    sheet.append(["编号", "日期", "金额", "整数", "是否", "文字数字", "空", "多行"])
    sheet.append(["YH-1", dt.date(2016, 3, 5), 1200.5, 12, True, "0001", None, "第一行\n第二行"])
    sheet.append(["YH-2", dt.datetime(2016, 12, 31, 8, 30), 0.1, -3, False, "2016-03", None, "  空格  "])
    sheet["B4"] = dt.date(2016, 2, 29)
    sheet["B4"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    sheet["C4"] = 42430          # a number that only looks like a date serial
    sheet["D4"] = CellRichText([TextBlock(InlineFont(b=True), "加粗"), "普通"])
    sheet["J6"] = "远处的格子"
    sheet.merge_cells("A7:C7")
    book.properties.subject, book.properties.keywords = "chabaocu:hazards", "town=suozhen"
    book.save(tmp_path / "a.xlsx")

    info, rows, merged = _read(tmp_path / "a.xlsx")
    expected = [tuple(r) for r in openpyxl.load_workbook(tmp_path / "a.xlsx", data_only=True).active.iter_rows(
        values_only=True)]
    assert [tuple(v for v in r) + (None,) * (10 - len(r)) for r in rows] == [
        tuple(v if not isinstance(v, CellRichText) else str(v) for v in r) for r in expected][:len(rows)]
    assert rows[1][1] == dt.datetime(2016, 3, 5) and rows[3][1] == dt.datetime(2016, 2, 29)
    assert rows[1][3] == 12 and isinstance(rows[1][3], int) and rows[3][2] == 42430
    assert rows[3][3] == "加粗普通" and rows[5][9] == "远处的格子" and rows[4] == ()
    assert merged == ["A7:C7"]
    assert (info.subject, info.keywords) == ("chabaocu:hazards", "town=suozhen")


SHARED = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>编号</t></si>
<si><r><rPr><b/></rPr><t>桓台</t></r><r><t xml:space="preserve">示例 </t></r></si>
<si><t>索镇</t><rPh sb="0" eb="2"><t>suozhen</t></rPh></si>
</sst>"""
SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>
<row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3" s="1"><v>42434</v></c><c r="C3" t="str"><f>A3</f><v>索镇</v></c>
<c r="D3" t="e"><v>#N/A</v></c></row>
</sheetData></worksheet>"""
STYLES = """<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="58"/></cellXfs></styleSheet>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""


def test_shared_strings_rich_runs_phonetics_and_cjk_date_formats(tmp_path):
    """What Excel writes: a shared string table, rich runs, 拼音 guides, the built-in 58 (m月d日)."""
    with zipfile.ZipFile(tmp_path / "excel.xlsx", "w") as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", RELS)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET)
        archive.writestr("xl/sharedStrings.xml", SHARED)
        archive.writestr("xl/styles.xml", STYLES)
    _info, rows, merged = _read(tmp_path / "excel.xlsx")
    assert rows == [("编号", "桓台示例 "), (), ("索镇", dt.datetime(2016, 3, 5), "索镇", "#N/A")]
    assert merged == []
