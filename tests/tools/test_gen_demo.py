"""tools/gen_demo: the example site's data/ is exactly what the generator writes."""

from __future__ import annotations

import functools
from pathlib import Path

from tools.gen_demo.generate import DEFAULT_HAZARDS, generate
from tools.gen_demo.writer import dump_records, generated_files

REPO = Path(__file__).resolve().parents[2]


@functools.cache
def demo() -> dict[str, list[dict]]:
    return generate(DEFAULT_HAZARDS)


def test_regenerating_gives_the_checked_in_data_byte_for_byte():
    data = demo()
    files = generated_files(REPO / "data")
    assert sorted(f"{p.relative_to(REPO / 'data').with_suffix('').as_posix()}" for p in files) == sorted(data)
    for name, records in data.items():
        assert (REPO / "data" / f"{name}.yaml").read_text(encoding="utf-8") == dump_records(records), name
