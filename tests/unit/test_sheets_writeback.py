"""Imported records become YAML that loads back to exactly the same records."""

import datetime as dt

from builder.diagnostics import Loc, Reporter
from builder.schema.core import validate_mapping
from builder.schema.records import GOLDEN_IDEAS, HAZARDS
from builder.sheets.writeback import dump_record
from builder.yamlio import load_yaml


def _reload(schema, text):
    rep = Reporter()
    items = load_yaml(text, Loc("x.yaml"))
    clean = [validate_mapping(schema, item, Loc("x.yaml"), rep) for item in items]
    assert rep.diagnostics == []
    return clean


def test_tricky_values_survive_the_yaml():
    raw = {
        "id": "0001", "enterprise": "QY-0001", "location": "yes", "found_on": dt.date(2016, 3, 5),
        "source": "举报", "reporter_ref": "R-0001: 匿名", "category": "C1", "domain": "安全生产",
        "description": "第一行：\n  缩进的第二行\n", "grade": "一般", "status": "整改中", "responsible_person": "on",
        "responsible_unit": "#3 车间", "measures": "'引号' 和 \"双引号\"", "funds_cny": 1200.5,
        "deadline": dt.date(2016, 4, 1), "contingency_plan": "- 不是列表", "accepted_by": "null",
    }
    assert _reload(HAZARDS, dump_record(HAZARDS, raw)) == [raw]


def test_lists_and_booleans_and_multiline_text_as_a_block():
    raw = {"id": "JD-1", "title": "标题", "enterprise": "QY-0001", "submitted_on": dt.date(2016, 3, 8),
           "problem": "问题", "proposal": "第一步\n第二步", "protects": ["保自身安全", "保他人安全"], "adopted": True}
    text = dump_record(GOLDEN_IDEAS, raw)
    assert "  proposal: |-\n    第一步\n    第二步\n" in text
    assert _reload(GOLDEN_IDEAS, text) == [raw]


def test_only_filled_fields_are_written():
    raw = {"id": "JD-1", "title": "标题", "adopted": False}
    assert dump_record(GOLDEN_IDEAS, raw, {"id": 1, "title": 1}) == "- id: JD-1\n  title: 标题\n"
