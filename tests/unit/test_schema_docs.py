"""docs/schema.md is generated from the declarations and must be up to date."""

from __future__ import annotations

from builder.schema.docs import render


def test_schema_doc_is_current(example_root):
    expected = render()
    assert "| `reporter_ref` | 报告人代号 | 文字 |  | 内部（永不输出） |" in expected
    current = (example_root / "docs" / "schema.md").read_text(encoding="utf-8")
    assert current == expected, "docs/schema.md is stale: run .venv/bin/python -m builder.schema.docs > docs/schema.md"
