"""docs/schema.md, generated from the declarations (never written by hand, so never out of date).

    .venv/bin/python -m builder.schema.docs > docs/schema.md
"""

from __future__ import annotations

from builder.schema.config import CONFIG
from builder.schema.core import TYPE_LABEL, VISIBILITY_LABEL, Field, Schema
from builder.schema.page import PAGE
from builder.schema.records import KINDS


def _type(f: Field) -> str:
    if f.kind == "enum":
        return "选项：" + "、".join(str(c) for c in f.choices)
    if f.kind == "ref":
        return f"引用 {f.ref}"
    if f.kind == "list":
        inner = f.item.label if isinstance(f.item, Schema) else _type(f.item)
        return f"列表（{inner}）"
    return TYPE_LABEL.get(f.kind, f.kind)


def _table(schema: Schema, with_visibility: bool) -> list[str]:
    head = "| 字段 | 中文名 | 类型 | 必填 | " + ("可见级别 | " if with_visibility else "") + "说明 |"
    lines = [head, "|" + "---|" * (5 + with_visibility)]
    for f in schema.fields:
        cells = [f"`{f.name}`", f.label, _type(f), "是" if f.required else ""]
        if with_visibility:
            cells.append(VISIBILITY_LABEL[f.visibility])
        cells.append(f.doc.replace("|", "\\|").replace("\n", " "))
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render() -> str:
    out = ["# 数据与配置字段说明（schema reference）", "",
           "本文件由 `python -m builder.schema.docs` 根据 `builder/schema/` 中的声明自动生成，请勿手工修改。", "",
           "“列表”字段可以写成 `[隐患排查, 金点子]`，也可以写成一行 `隐患排查、金点子`"
           "（用逗号、顿号或分号隔开，中英文标点都可以），两种写法意思相同。", ""]
    out += ["## site.toml", ""]
    for table in CONFIG.fields:
        out += [f"### [{table.name}] {table.label}", "", table.doc, ""] + _table(table.item, False) + [""]
        for f in table.item.fields:
            if f.kind in ("table", "list") and isinstance(f.item, Schema):
                out += [f"#### [{table.name}.{f.name}] {f.label}", ""] + _table(f.item, False) + [""]
    out += ["## 文章前置信息（front matter）", ""] + _table(PAGE, False) + [""]
    out += ["## 数据种类（data/）", "",
            "`data/<种类>.yaml` 或 `data/<种类>/` 下的任何 .yaml 文件，内容是这种记录的列表。", ""]
    for schema in KINDS.values():
        out += [f"### {schema.name} — {schema.label}", "", schema.doc, ""] + _table(schema, True) + [""]
        for f in schema.fields:
            if isinstance(f.item, Schema):
                out += [f"#### {schema.name}.{f.name} — {f.label}", ""] + _table(f.item, True) + [""]
    return "\n".join(out)


if __name__ == "__main__":
    print(render(), end="")
