"""The YAML writer (byte for byte PyYAML's safe dumper, faster), the header a clerk reads at the top of
each file, and the files the generator owns: written only where nobody has edited them since.

The example data is the clerk's own to edit (README: 新增一条记录). The generator remembers what
it wrote (a digest per file in <out>/.gen_demo.json, which the builder never reads: it skips
hidden files) and refuses to overwrite a file that differs from it, unless forced.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import yaml

from builder.schema.records import KINDS
from tools.gen_demo.towns import TOWN_BY_ID, TOWNS

STATE = ".gen_demo.json"


def header(name: str) -> str:
    """The comment at the top of data/<name>.yaml: what it holds and how to add a record."""
    kind, _, town_id = name.partition("/")
    schema = KINDS[kind]
    town = TOWN_BY_ID[town_id].name if town_id else ""
    where = f"——{town}" if town else ""
    option = f" --town {town}" if town else ""
    return (f"# {schema.label}（{kind}）{where}：{schema.doc}\n"
            "# 示例数据（虚构）：企业、人名和电话都是编造的。这个文件可以直接编辑，每条记录以“- ”开头。\n"
            f"# 新增一条：运行 chabaocu new record {kind}{option}，末尾会加上一条带字段说明的待填记录；\n"
            "# 也可以复制最后一条记录，改好编号和内容。每个字段的含义见 docs/schema.md。\n")


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Safe dumper that never writes anchors/aliases (the loader rejects them)."""

    def ignore_aliases(self, data):
        return True


def _represent_str(dumper, value: str):
    # Multi-paragraph texts as literal blocks (text: |), readable and editable by clerks.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _represent_str)
_RESOLVER = yaml.resolver.Resolver()
# Characters that may make a plain scalar mean something else; such strings go through PyYAML.
_NOT_PLAIN = re.compile(r"[:#&*!|>'\"%@`{}\[\],?\\\t]|^[\s\-~.]|\s$")
_STR_TAG = "tag:yaml.org,2002:str"


def _scalar(value, indent: int) -> str:
    """One scalar as PyYAML's safe dumper would write it; the common cases without its slow
    Python representer (which made a 100k-row ledger take ~40 s)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)) and not isinstance(value, dt.datetime):
        return value.isoformat() if isinstance(value, dt.date) else str(value)
    if isinstance(value, str):
        if "\n" in value:
            lines = value.split("\n")
            if value.strip() and not any(line[:1].isspace() or line.rstrip() != line for line in lines):
                pad = " " * indent
                return "|-" + "".join("\n" + (pad + line if line else "") for line in lines)
        elif value and not _NOT_PLAIN.search(value) \
                and _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == _STR_TAG:
            return value
    text = yaml.dump([value], Dumper=_Dumper, allow_unicode=True, width=1000)  # "- <scalar>\n"
    if "\n" in text[:-1]:
        raise ValueError(f"cannot write {value!r} on one line")
    return text[2:-1]


def dump_records(records: list[dict], head: str = "") -> str:
    """A YAML list of flat records (values: scalars, lists of scalars, lists of flat mappings),
    one blank line between records, under the generator's header comment."""
    if not records:
        return head + "[]\n"
    out = []
    for record in records:
        lead = "- "
        for key, value in record.items():
            if isinstance(value, list):
                if not value:
                    out.append(f"{lead}{key}: []")
                else:
                    out.append(f"{lead}{key}:")
                    for item in value:
                        if isinstance(item, dict):
                            sub = "  - "
                            for k2, v2 in item.items():
                                out.append(f"{sub}{k2}: {_scalar(v2, 6)}")
                                sub = "    "
                        else:
                            out.append(f"  - {_scalar(item, 4)}")
            else:
                out.append(f"{lead}{key}: {_scalar(value, 4)}")
            lead = "  "
        out.append("")
    return head + "\n".join(out[:-1]) + "\n"


def dump_records_pyyaml(records: list[dict], head: str = "") -> str:
    """The reference writer (PyYAML all the way); `--check` compares it with dump_records."""
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return head + body.replace("\n- ", "\n\n- ")


def generated_files(out: Path) -> list[Path]:
    """Every YAML file this generator owns; nothing else under `out` is touched."""
    single = ("towns", "enterprises", "listings", "trainings", "training_coverage", "golden_ideas", "contests",
              "contest_results", "model_teams", "pacesetters", "awards", "eight_ones", "family_culture", "works",
              "visits", "county_rounds", "monthly_reports", "disqualifications")
    files = [out / f"{name}.yaml" for name in single]
    files += [out / kind / f"{t.id}.yaml" for kind in ("hazards", "drills") for t in TOWNS]
    return files


def render_all(out: Path, data: dict[str, list[dict]]) -> dict[Path, bytes]:
    """Every data file's bytes, header included."""
    return {out / f"{name}.yaml": dump_records(records, header(name)).encode("utf-8") for name, records in data.items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _state_key(path: Path, out: Path) -> str:
    base = out.parent
    return path.relative_to(base).as_posix() if path.is_relative_to(base) else path.as_posix()


def edited(out: Path, files: dict[Path, bytes]) -> list[Path]:
    """Files that exist, differ from what would be written, and are not what the generator
    wrote last time: someone's edits, which writing would lose."""
    state_file = out / STATE
    try:
        last = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
    except (OSError, ValueError):
        last = {}
    found = []
    for path, data in files.items():
        if not path.is_file():
            continue
        current = path.read_bytes()
        if current != data and last.get(_state_key(path, out)) != _digest(current):
            found.append(path)
    return found


def write_files(out: Path, files: dict[Path, bytes]) -> None:
    """Write the files and remember what was written (the state is kept for every file ever
    written under `out`, so a run writing fewer files keeps protecting the others)."""
    state_file = out / STATE
    try:
        state = json.loads(state_file.read_text(encoding="utf-8")) if state_file.is_file() else {}
    except (OSError, ValueError):
        state = {}
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
        state[_state_key(path, out)] = _digest(data)
    out.mkdir(parents=True, exist_ok=True)
    state_file.write_text(json.dumps(dict(sorted(state.items())), ensure_ascii=False, indent=1) + "\n",
                          encoding="utf-8", newline="\n")
