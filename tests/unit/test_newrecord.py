"""builder.newrecord: `new record` appends a stub with the next free ID, leaving the file as it was."""

from __future__ import annotations

import pytest

from builder.newcontent import NewContentError
from builder.newrecord import append_record
from builder.schema.records import KINDS

LEDGER = """\
# 隐患台账——马桥镇（手写的说明，必须原样保留）
- id: YH-2016-MQ-0001
  enterprise: QY-0001
  found_on: 2016-03-01
  source: 职工排查
  category: C1
  description: "护栏缺失：东侧"   # a comment after a value
  grade: 一般
  status: 待整改

-   id: YH-2016-MQ-0009
    enterprise: QY-0001
    found_on: 2016-03-02
    source: 职工排查
    category: C3
    description: >-
      防护罩
      缺失
    grade: 一般
    status: 待整改"""   # no newline at the end, odd indentation, a folded scalar


@pytest.fixture
def site(make_site, site_files):
    towns = site_files["data/towns.yaml"] + ("- id: maqiao\n  name: 马桥镇\n  short: 马桥\n  type: 镇\n"
                                             "  union_org: 马桥镇总工会\n  safety_station: 马桥镇安监站\n")
    return make_site({**site_files, "data/towns.yaml": towns, "data/hazards/maqiao.yaml": LEDGER,
                      "data/hazards/suozhen.yaml": "- id: YH-2016-SZ-0004\n  enterprise: QY-0001\n"
                                                   "  found_on: 2016-03-01\n  source: 职工排查\n  category: C1\n"
                                                   "  description: 甲\n  grade: 一般\n  status: 待整改\n"})


def test_appends_the_next_id_of_the_towns_numbering_and_keeps_every_byte(site):
    made = append_record(site, "hazards", "马桥镇")
    path = site / "data" / "hazards" / "maqiao.yaml"
    assert made.path == path and made.key == "YH-2016-MQ-0010"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(LEDGER + "\n\n# ——新增的隐患台账（chabaocu new record hazards --town 马桥镇）——\n")
    lines = text.split("\n")
    assert lines[made.line - 1] == "- id: YH-2016-MQ-0010"
    assert "  enterprise: TODO" in lines and "  # location: " in lines
    assert "  # *排查日期：发现隐患的日期（写成 2016-03-05）" in lines


def test_the_stub_is_a_warning_until_filled_in_then_a_record(site, run_cli):
    append_record(site, "hazards", "maqiao")
    code, _out, err = run_cli("check", "--site", site)
    assert code == 0 and "还没有填写（TODO），这条记录暂不发布、不计入统计" in err
    path = site / "data" / "hazards" / "maqiao.yaml"
    filled = {"enterprise": "桓台示例化工有限公司", "found_on": "2016-06-01", "source": "职工排查", "category": "C4",
              "description": "配电箱门未关闭", "grade": "一般", "status": "待整改"}
    text = path.read_text(encoding="utf-8")
    for name, value in filled.items():
        text = text.replace(f"  {name}: TODO", f"  {name}: {value}", 1)
    path.write_text(text, encoding="utf-8")
    code, _out, err = run_cli("check", "--site", site)
    assert code == 0 and "TODO" not in err


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kinds_stub_holds_only_placeholders(make_site, site_files, run_cli, kind):
    root = make_site(site_files)
    made = append_record(root, kind)
    code, _out, err = run_cli("check", "--site", root)
    assert code == 0, err
    warnings = [line for line in err.splitlines() if ": 警告: " in line]
    assert warnings and all("还没有填写（TODO）" in w for w in warnings), err
    assert made.path.read_text(encoding="utf-8").startswith(f"# {KINDS[kind].label}（{kind}）") or kind in (
        "towns", "enterprises")


def test_a_kind_by_its_chinese_name_and_an_unknown_one(site):
    assert append_record(site, "金点子").path == site / "data" / "golden_ideas.yaml"
    with pytest.raises(NewContentError) as caught:
        append_record(site, "hazard")
    assert caught.value.message == "不认识的记录种类“hazard”" and caught.value.hint.startswith("是否想写“hazards”？")


def test_a_kind_kept_per_town_needs_the_town(site):
    with pytest.raises(NewContentError) as caught:
        append_record(site, "hazards")
    assert caught.value.message == "隐患台账按镇街分文件存放（data/hazards/），请用 --town 指定镇街"
    with pytest.raises(NewContentError) as caught:
        append_record(site, "hazards", "马乔镇")
    assert caught.value.message == "找不到镇街“马乔镇”（--town）" and caught.value.hint.startswith("是否想写“马桥镇”？")


def test_an_empty_list_is_replaced_and_a_missing_file_created(site):
    (site / "data" / "drills.yaml").write_text("# 演练记录\n[]\n", encoding="utf-8")
    made = append_record(site, "drills")
    text = made.path.read_text(encoding="utf-8")
    assert text.startswith("# 演练记录\n\n# ——新增的应急演练") and "[]" not in text and made.key == "YL-2016-0001"
    made = append_record(site, "works")
    assert made.path.read_text(encoding="utf-8").startswith("# 安全文化作品（works）：") and made.key == "ZP-2016-001"


def test_a_town_is_filled_in_where_the_kind_has_one(site):
    made = append_record(site, "monthly_reports", "马桥")
    text = made.path.read_text(encoding="utf-8")
    assert "- town: 马桥镇\n" in text and "  month: TODO\n" in text and made.key == ""


def test_windows_line_ends_are_kept(site):
    path = site / "data" / "trainings.yaml"
    original = ("- id: PX-2016-07\r\n  kind: 企业培训\r\n  title: 甲\r\n  organizer: 乙\r\n  date: 2016-03-01\r\n"
                "  attendees: 30\r\n").encode()
    path.write_bytes(original)
    made = append_record(site, "trainings")
    data = path.read_bytes()
    assert data.startswith(original) and b"\n" not in data.replace(b"\r\n", b"") and made.key == "PX-2016-08"


def test_a_broken_file_is_refused_and_left_alone(site):
    path = site / "data" / "hazards" / "maqiao.yaml"
    path.write_text(LEDGER + "\n- id: x\n\tdescription: 用 Tab 缩进\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NewContentError) as caught:
        append_record(site, "hazards", "马桥镇")
    assert caught.value.message.startswith("maqiao.yaml") or "data/hazards/maqiao.yaml" in caught.value.message
    assert path.read_bytes() == before


def test_not_utf8_is_refused(site):
    path = site / "data" / "visits.yaml"
    path.write_bytes("- id: DD-1\n  town: 索镇镇\n".encode("gbk"))
    with pytest.raises(NewContentError) as caught:
        append_record(site, "visits")
    assert caught.value.message == "data/visits.yaml 不是 UTF-8 编码，不能安全地追加"
