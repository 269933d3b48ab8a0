"""tools/gen_demo: data/ is what the generator writes, reads like a clerk's own files, varies its
wording, and is never overwritten behind a clerk's back."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
import yaml

from tools.gen_demo.cli import main
from tools.gen_demo.generate import DEFAULT_HAZARDS, generate
from tools.gen_demo.writer import dump_records, generated_files, header

REPO = Path(__file__).resolve().parents[2]
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# The text a reader sees as each record's headline (the kinds without one — coverage rows,
# activity counts, awards that name a linked record — have nothing to repeat).
TITLES = {
    "towns": "name", "enterprises": "name", "hazards": "description", "listings": "summary", "trainings": "title",
    "drills": "evaluation", "golden_ideas": "title", "contests": "title", "contest_results": "name",
    "model_teams": "citation", "pacesetters": "citation", "works": "title", "visits": "findings",
    "county_rounds": "summary", "monthly_reports": "activities", "disqualifications": "reason",
}


@functools.cache
def demo() -> dict[str, list[dict]]:
    return generate(DEFAULT_HAZARDS)


@functools.cache
def data_kind(kind: str) -> list[dict]:
    """Every record of a kind in the repository's data/, read with plain PyYAML."""
    folder = REPO / "data" / kind
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else [REPO / "data" / f"{kind}.yaml"]
    return [r for path in paths for r in yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER) or []]


def test_regenerating_gives_the_checked_in_data_byte_for_byte():
    data = demo()
    files = generated_files(REPO / "data")
    assert sorted(p.relative_to(REPO / "data").with_suffix("").as_posix() for p in files) == sorted(data)
    for name, records in data.items():
        assert (REPO / "data" / f"{name}.yaml").read_text(encoding="utf-8") == dump_records(records, header(name)), name


@pytest.mark.parametrize("kind", sorted(TITLES))
def test_at_most_one_title_in_ten_repeats_another(kind):
    values = [r[TITLES[kind]] for r in data_kind(kind) if r.get(TITLES[kind])]
    assert values, kind
    repeated = len(values) - len(set(values))
    assert repeated <= 0.10 * len(values), f"{kind}.{TITLES[kind]}: {repeated} of {len(values)} repeat another"


def test_golden_ideas_no_longer_share_a_handful_of_titles():
    titles = [r["title"] for r in data_kind("golden_ideas")]
    assert len(titles) == 600 and len(set(titles)) >= 540


def test_enterprises_are_fictional_and_in_huantais_industries():
    enterprises = data_kind("enterprises")
    assert all("示例" in e["name"] for e in enterprises)
    by_industry: dict[str, int] = {}
    for e in enterprises:
        by_industry[e["industry"]] = by_industry.get(e["industry"], 0) + 1
    chemicals = sum(n for label, n in by_industry.items() if label in ("石油化工", "精细化工", "化工新材料", "基础化工"))
    paper = sum(n for label, n in by_industry.items() if label in ("造纸", "板纸", "纸制品"))
    building = sum(n for label, n in by_industry.items() if label in ("新型建材", "水泥制品", "耐火材料"))
    # The county's own profile: chemicals first, then machinery, paper and board, building materials.
    assert chemicals >= 90 and paper >= 60 and building >= 15, by_industry
    assert max(by_industry, key=by_industry.get) in ("机械制造", "汽车零部件", "化工装备", "精细化工", "石油化工")


def test_every_file_says_what_it_holds_and_how_to_add_a_record():
    text = (REPO / "data" / "hazards" / "maqiao.yaml").read_text(encoding="utf-8")
    head = text.split("\n- ", 1)[0]
    assert "隐患台账（hazards）——马桥镇" in head
    assert "chabaocu new record hazards --town 马桥镇" in head and "docs/schema.md" in head
    assert "示例数据" in head
    for path in generated_files(REPO / "data"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# ") and "请勿" not in path.read_text(encoding="utf-8"), path


def test_towns_publish_a_union_office_landline():
    for town in data_kind("towns"):
        assert town["union_phone"].startswith("0533-8"), town


@pytest.mark.slow
def test_the_generator_refuses_to_overwrite_a_clerks_edits(tmp_path, capsys):
    out = tmp_path / "data"
    images = tmp_path / "content" / "images" / "works"
    args = ["--out", str(out), "--images", str(images)]
    assert main(args) == 0
    ledger = out / "hazards" / "maqiao.yaml"
    written = ledger.read_text(encoding="utf-8")
    assert main(args) == 0, "a second run over its own files is fine"

    edited = written + "\n- id: YH-2016-MQ-9999\n  enterprise: QY-0001\n"
    ledger.write_text(edited, encoding="utf-8")
    (images / "manhua-01.png").write_bytes(b"a clerk's own picture")
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "拒绝覆盖" in err and str(ledger) in err and "manhua-01.png" in err and "--force" in err
    assert ledger.read_text(encoding="utf-8") == edited, "nothing is written when anything is refused"

    assert main([*args, "--force"]) == 0
    assert ledger.read_text(encoding="utf-8") == written


def test_files_that_were_never_written_by_the_generator_are_not_overwritten(tmp_path, capsys):
    out = tmp_path / "data"
    (out / "towns.yaml").parent.mkdir(parents=True)
    (out / "towns.yaml").write_text("- id: x\n", encoding="utf-8")
    assert main(["--out", str(out), "--images", str(tmp_path / "img")]) == 1
    assert "towns.yaml" in capsys.readouterr().err
    assert (out / "towns.yaml").read_text(encoding="utf-8") == "- id: x\n"
