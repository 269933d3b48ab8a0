"""Where a problem is in a spreadsheet: FILE.xlsx:Sheet!C12, as a Loc the Reporter can sort."""

from __future__ import annotations

from dataclasses import dataclass

from builder.diagnostics import Loc


def column_letter(index: int) -> str:
    """1 → A, 27 → AA: the column names a clerk sees in Excel."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True, slots=True, order=True)
class CellLoc(Loc):
    """A cell (or a whole row) of one sheet: `line` is the row, `col` the column (1-based).

    The schema engine and builder/validate.py find a key's place with `loc.at(record.lines[key])`.
    A YAML record keeps a line per key; a spreadsheet row keeps a (row, column) pair per key, so
    `at` takes either a row number or such a pair. Sorting stays (file, row, column), which is
    the order a clerk reads the sheet in.
    """

    sheet: str = ""

    def __str__(self) -> str:
        prefix = f"{self.path}:{self.sheet}!" if self.sheet else f"{self.path}:"
        if self.line and self.col:
            return f"{prefix}{column_letter(self.col)}{self.line}"
        if self.line:
            return f"{prefix}第{self.line}行"
        return self.path

    def at(self, line, col: int = 0) -> CellLoc:
        """The cell at (row, column), the row `line`, or, for 0 (a key with no cell), this row."""
        if isinstance(line, tuple):
            line, col = line
        if not line:
            return CellLoc(self.path, self.line, 0, self.sheet)
        return CellLoc(self.path, line, col, self.sheet)

    def cell(self, row: int, col: int) -> CellLoc:
        return CellLoc(self.path, row, col, self.sheet)
