"""Columns come from the record schemas: labels, docstrings, visibility; nothing declared twice."""

from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC
from builder.schema.records import GOLDEN_IDEAS, HAZARDS, KINDS
from builder.sheets.columns import SHEET_KINDS, columns, header_index, normalise_header


def test_every_flat_kind_is_a_sheet_kind_and_towns_are_not():
    assert "towns" not in SHEET_KINDS
    assert set(SHEET_KINDS) == set(KINDS) - {"towns"}


def test_columns_follow_the_schema_in_order():
    cols = columns(HAZARDS)
    assert [c.name for c in cols] == [f.name for f in HAZARDS.fields]
    assert cols[0].header == "编号*" and cols[2].header == "车间/部位"


def test_profiles_never_carry_internal_fields():
    public = {c.field.visibility for c in columns(HAZARDS, "public")}
    internal = {c.field.visibility for c in columns(HAZARDS, "internal")}
    assert public == {PUBLIC} and internal == {PUBLIC, HANDBOOK}
    for schema in SHEET_KINDS.values():
        assert all(c.field.visibility != INTERNAL for c in columns(schema, "internal"))


def test_comment_is_the_docstring_plus_what_to_type():
    status = next(c for c in columns(HAZARDS) if c.name == "funds_cny")
    assert status.comment() == (
        "整改资金（元）（funds_cny）\n" + HAZARDS.field("funds_cny").doc + "\n选填\n类型：数字\n范围：0 ～ 不限\n"
        "可见范围：手册（内部印发）")
    protects = next(c for c in columns(GOLDEN_IDEAS) if c.name == "protects")
    assert protects.is_list and protects.choices == ("保自身安全", "保他人安全", "保设备安全", "保环境安全")
    assert "一格可写多个" in protects.comment()


def test_headers_are_matched_by_label_or_field_name_loosely():
    index = header_index(HAZARDS)
    assert normalise_header(" 排查日期＊ ") == "排查日期" and normalise_header("排查日期（必填）") == "排查日期"
    assert index["排查日期"].name == "found_on" and index["found_on"].name == "found_on"
