"""One data file's records checked against their schema: a pure function of the file's bytes.

Kept apart from builder.validate (which also checks what spans files) so that the loader can
check a big ledger file in the worker process that parsed it (builder.load).
"""

from __future__ import annotations

from builder.diagnostics import Loc, Reporter
from builder.schema.core import Schema, has_placeholder, loc_of, placeholders, validate_mapping
from builder.yamlio import LocatedDict


def validate_file(schema: Schema, loc: Loc, items, first_position: int = 0) -> tuple[list, list]:
    """Each item's (clean values or None, its line, its line map, keys if broken, whether it is
    unfinished: it holds a placeholder such as TODO, a warning, not an error) and the
    file's diagnostics. Lines, not Loc objects: a cached ledger of 100,000 records unpickles
    plain ints many times faster than frozen dataclasses. `first_position`: items before these
    in the file (a big file is checked in pieces, builder.load)."""
    rep = Reporter()
    outcomes = []
    for position, item in enumerate(items):
        item_loc = loc.at(items.lines[position])
        where = f"第 {first_position + position + 1} 条{schema.label}："
        unfinished = placeholders(item) if isinstance(item, (dict, list)) and has_placeholder(item) else []
        for path, key, value in unfinished:
            f = schema.field(path.split("[", 1)[0].split(".", 1)[0])
            rep.warning(loc_of(item, key, item_loc),
                        f"{where}{path}（{f.label if f else path}）还没有填写（{value}），这条记录暂不发布、不计入统计",
                        "填好实际内容后它就会出现在网站和手册里；发布前用 chabaocu check --strict 确认没有遗漏")
        clean = None if unfinished else validate_mapping(schema, item, item_loc, rep, where)
        broken = ()
        if clean is None and isinstance(item, dict):
            broken = tuple(str(item[name]) for name in (*schema.key, "name") if item.get(name))
        lines = item.lines if isinstance(item, LocatedDict) else {}
        outcomes.append((clean, item_loc.line, dict(lines), broken, bool(unfinished)))
    return outcomes, rep.diagnostics
