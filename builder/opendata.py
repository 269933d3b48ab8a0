"""Open data: every statistics table of the website as CSV and JSON downloads.

Files are opendata/<slug>.csv and opendata/<slug>.json, plus opendata/catalog.json listing them.
CSV starts with a UTF-8 byte-order mark, because Excel (what a clerk opens a CSV with) reads a
CSV without one as GBK and shows mojibake. Values are the ones the page shows: counts as
integers, rates as percentages rounded to one decimal, dates as YYYY-MM-DD, — as empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable

from builder.tables import PCT, Table

BOM = "\ufeff"


def _plain(value, kind: str):
    """A cell as data: no thousands separators, no % sign, ISO dates, None for no value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if kind == PCT and value is not None:
        return round(float(value), 1)
    return value


def _header(table: Table) -> list[str]:
    return [c.label + ("（%）" if c.kind == PCT else "") for c in table.columns]


def to_csv(table: Table) -> bytes:
    """The table as CSV: a header of Chinese column names, the rows, then the 合计 row if any."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_header(table))
    rows = list(table.rows) + ([table.total] if table.total else [])
    for row in rows:
        writer.writerow(["" if v is None else _plain(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    return (BOM + buffer.getvalue()).encode("utf-8")


def to_json(table: Table, meta: dict) -> bytes:
    """The table as JSON: caption, columns (key, label, unit) and rows keyed by column."""
    def record(row: tuple) -> dict:
        return {c.key: _plain(v, c.kind) for v, c in zip(row, table.columns, strict=True)}
    document = {
        "title": table.caption,
        **meta,
        "note": table.note,
        "columns": [{"key": c.key, "label": c.label, "type": c.kind} for c in table.columns],
        "rows": [record(row) for row in table.rows],
        "total": record(table.total) if table.total else None,
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def export(groups: Iterable[tuple[str, str, list[Table]]], meta: dict) -> dict[str, bytes]:
    """opendata/ files for every table of every page: (page title, page url, tables) groups.

    `meta` (source, as_of, demo note) goes into every JSON file. A slug used twice is a bug in
    a section's view, so it raises rather than silently overwriting a download.
    """
    files: dict[str, bytes] = {}
    catalog = []
    for page_title, page_url, tables in groups:
        for table in tables:
            if not table.rows:
                continue
            name = f"opendata/{table.slug}"
            if f"{name}.csv" in files:
                raise ValueError(f"duplicate open-data slug {table.slug!r} on {page_url}")
            files[f"{name}.csv"] = to_csv(table)
            files[f"{name}.json"] = to_json(table, {**meta, "page": page_url})
            catalog.append({"title": table.caption, "page_title": page_title, "page": page_url,
                            "csv": f"{table.slug}.csv", "json": f"{table.slug}.json", "rows": len(table.rows)})
    if catalog:
        document = {**meta, "datasets": catalog}
        files["opendata/catalog.json"] = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files
