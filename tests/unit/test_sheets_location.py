"""CellLoc: FILE.xlsx:Sheet!C12, sortable like the sheet is read."""

from builder.diagnostics import Reporter, format_report
from builder.sheets.location import CellLoc, column_letter


def test_column_letters():
    assert [column_letter(n) for n in (1, 26, 27, 52, 702, 703)] == ["A", "Z", "AA", "AZ", "ZZ", "AAA"]


def test_cell_row_and_file_locations_print_as_a_clerk_reads_them():
    loc = CellLoc("台账.xlsx", sheet="隐患台账")
    assert str(loc) == "台账.xlsx"
    assert str(loc.at(12)) == "台账.xlsx:隐患台账!第12行"
    assert str(loc.at((12, 3))) == "台账.xlsx:隐患台账!C12"
    assert str(loc.at((12, 3)).at(0)) == "台账.xlsx:隐患台账!第12行"   # a key with no cell: its row
    assert str(CellLoc("台账.csv", 3, 28)) == "台账.csv:AB3"


def test_reporter_sorts_by_row_then_column():
    rep = Reporter()
    base = CellLoc("a.xlsx", sheet="S")
    rep.error(base.at((12, 2)), "三")
    rep.error(base.at((2, 5)), "一")
    rep.error(base.at(12), "二")
    assert format_report(rep.diagnostics).split("\n")[:3] == [
        "a.xlsx:S!E2: 错误: 一", "a.xlsx:S!第12行: 错误: 二", "a.xlsx:S!B12: 错误: 三"]
