"""Template contexts of the website's statistics sections, one module per section.

Each `build(site, visibility)` returns the context its template needs: ready-made tables
(builder.tables), charts (builder.charts) and public views of records. Figures come from
site.stats (builder.derive); a field a page shows is read through `record.view(visibility)`,
so an internal field raises VisibilityError here exactly as it would in a template.
"""

from __future__ import annotations

from builder.model import Record, Site
from builder.schema import enums as E


def town_names(site: Site) -> dict[str, str]:
    """Town id -> display name, in the data's order (the county's usual order)."""
    return {t.raw["id"]: t.raw["name"] for t in site.records["towns"]}


def category_labels() -> dict[str, str]:
    """六查 code -> 'C1 查安全生产制度落实'."""
    return {code: f"{code} {name}" for code, name in E.SIX_CHECKS.items()}


def enterprise_of(record: Record, visibility: str) -> Record | None:
    """The public view of the enterprise a record belongs to."""
    enterprise = record.links.get("enterprise")
    return None if enterprise is None else enterprise.view(visibility)
