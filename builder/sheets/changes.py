"""What importing one spreadsheet row does to data/: added, changed or unchanged.

Its own module so that the importer (which plans the changes) and writeback (which writes
them) both depend on it, and not on each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.model import Record

ADDED, CHANGED, UNCHANGED = "新增", "修改", "未变"


@dataclass(frozen=True, slots=True)
class Change:
    """What importing one row does to data/."""

    status: str                       # ADDED / CHANGED / UNCHANGED
    record: Record                    # the imported record (loc = its row)
    existing: Record | None = None    # the record it replaces or matches
    diff: tuple = ()                  # (field, old, new) for CHANGED
