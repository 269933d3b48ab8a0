"""Reading sheets: encodings of CSV files, merged ranges and the template's marks in .xlsx."""

import openpyxl
import pytest

from builder.sheets.location import CellLoc
from builder.sheets.reader import SheetError, decode_csv, read_table

BASE = CellLoc("台账.csv")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_are_detected(encoding):
    assert decode_csv("编号,企业\nYH-1,桓台示例化工\n".encode(encoding), BASE) == "编号,企业\nYH-1,桓台示例化工\n"


def test_undecodable_csv_points_at_its_row():
    with pytest.raises(SheetError) as caught:
        decode_csv(b"a,b\n\x81\x20\xff\n", BASE)
    assert str(caught.value.loc) == "台账.csv:第2行"
    assert caught.value.message == "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）"


def test_csv_delimiters_and_quoted_new_lines(tmp_path):
    (tmp_path / "a.csv").write_text('编号\t措施\nYH-1\t"第一行\n第二行"\n', encoding="utf-8")
    table = read_table(tmp_path / "a.csv", "a.csv")
    assert table.rows == [("编号", "措施"), ("YH-1", "第一行\n第二行")] and table.from_csv


def test_xlsx_sheet_choice_merged_ranges_and_marks(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.sheet_state = "hidden"
    sheet = book.create_sheet("隐患台账")
    sheet.append(["标题", None])
    sheet.merge_cells("A1:B1")
    book.properties.subject, book.properties.keywords = "chabaocu:hazards", "town=suozhen"
    book.save(tmp_path / "a.xlsx")
    table = read_table(tmp_path / "a.xlsx", "a.xlsx")
    assert str(table.loc) == "a.xlsx" and table.loc.sheet == "隐患台账"
    assert [m.ref for m in table.merged] == ["A1:B1"]
    assert (table.kind, table.town) == ("hazards", "suozhen")


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(SheetError, match="找不到这个文件"):
        read_table(tmp_path / "无.xlsx", "无.xlsx")
    (tmp_path / "a.ods").write_bytes(b"x")
    with pytest.raises(SheetError, match="不认识的文件类型 .ods"):
        read_table(tmp_path / "a.ods", "a.ods")
