"""builder.opendata: CSV that Excel opens, JSON that says what each column is, one file per table."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from builder.opendata import export, to_csv, to_json
from builder.tables import DATE, INT, PCT, Column, Table

TABLE = Table(
    "hazards-by-town", "各镇（街道）隐患排查整改情况",
    (Column("town", "镇街"), Column("found", "发现隐患（项）", INT), Column("rate", "整改率", PCT),
     Column("listed_on", "挂牌日期", DATE)),
    (("城区街道", 1234, 97.1, dt.date(2016, 3, 4)), ("索镇镇", 5, None, None)),
    ("合计", 1239, 96.8, None),
    note="示例说明",
)


def test_csv_starts_with_a_bom_so_excel_reads_utf8():
    data = to_csv(TABLE)
    assert data.startswith("\ufeff".encode())


def test_csv_holds_header_rows_and_total_as_plain_values():
    rows = list(csv.reader(io.StringIO(to_csv(TABLE).decode("utf-8-sig"))))
    assert rows == [
        ["镇街", "发现隐患（项）", "整改率（%）", "挂牌日期"],
        ["城区街道", "1234", "97.1", "2016-03-04"],
        ["索镇镇", "5", "", ""],
        ["合计", "1239", "96.8", ""],
    ]


def test_json_has_columns_rows_and_metadata():
    document = json.loads(to_json(TABLE, {"as_of": "2016-12-31", "demo_note": "示例数据"}))
    assert document["title"] == "各镇（街道）隐患排查整改情况"
    assert document["as_of"] == "2016-12-31" and document["demo_note"] == "示例数据"
    assert document["columns"][2] == {"key": "rate", "label": "整改率", "type": "pct"}
    assert document["rows"][0] == {"town": "城区街道", "found": 1234, "rate": 97.1, "listed_on": "2016-03-04"}
    assert document["rows"][1]["rate"] is None
    assert document["total"]["found"] == 1239
    assert document["note"] == "示例说明"


def test_export_writes_csv_json_and_a_catalog():
    files = export([("隐患排查治理", "hazards/", [TABLE])], {"as_of": "2016-12-31"})
    assert set(files) == {"opendata/hazards-by-town.csv", "opendata/hazards-by-town.json", "opendata/catalog.json"}
    catalog = json.loads(files["opendata/catalog.json"])
    assert catalog["datasets"] == [{"title": TABLE.caption, "page_title": "隐患排查治理", "page": "hazards/",
                                    "csv": "hazards-by-town.csv", "json": "hazards-by-town.json", "rows": 2}]
    assert json.loads(files["opendata/hazards-by-town.json"])["page"] == "hazards/"


def test_empty_tables_get_no_files():
    empty = Table("nothing", "空表", TABLE.columns, ())
    assert export([("页", "p/", [empty])], {}) == {}


def test_a_slug_used_twice_is_a_bug_not_an_overwrite():
    with pytest.raises(ValueError, match="hazards-by-town"):
        export([("甲", "a/", [TABLE]), ("乙", "b/", [TABLE])], {})
