"""The YAML writer (byte for byte PyYAML's safe dumper, faster) and the files the generator owns."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from tools.gen_demo.towns import TOWNS

HEADER = "# 示例数据（虚构），由 tools/gen_demo.py 生成；请勿手工修改后再运行生成器\n"


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


def dump_records(records: list[dict]) -> str:
    """A YAML list of flat records (values: scalars, lists of scalars, lists of flat mappings),
    one blank line between records, under the generator's header comment."""
    if not records:
        return HEADER + "[]\n"
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
    return HEADER + "\n".join(out[:-1]) + "\n"


def dump_records_pyyaml(records: list[dict]) -> str:
    """The reference writer (PyYAML all the way); `--check` compares it with dump_records."""
    body = yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False)
    return HEADER + body.replace("\n- ", "\n\n- ")


def generated_files(out: Path) -> list[Path]:
    """Every YAML file this generator owns; nothing else under `out` is touched."""
    single = ("towns", "enterprises", "listings", "trainings", "training_coverage", "golden_ideas", "contests",
              "contest_results", "model_teams", "pacesetters", "awards", "eight_ones", "family_culture", "works",
              "visits", "county_rounds", "monthly_reports", "disqualifications")
    files = [out / f"{name}.yaml" for name in single]
    files += [out / kind / f"{t.id}.yaml" for kind in ("hazards", "drills") for t in TOWNS]
    return files


def write_all(out: Path, data: dict[str, list[dict]]) -> None:
    for path_key, records in data.items():
        path = out / f"{path_key}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dump_records(records), encoding="utf-8", newline="\n")
