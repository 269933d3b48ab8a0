"""The privacy scan: planted leaks in any output file fail the build, named by where they came from."""

from __future__ import annotations

from builder.diagnostics import Reporter
from builder.privacy import LONG_VALUE, rules, scan, secret_values

HAZARDS = """\
- id: YH-2016-SZ-0001
  enterprise: QY-0001
  location: 二号车间
  found_on: 2016-03-01
  source: 举报
  reporter_ref: R-7731
  category: C3
  description: 二号车间反应釜搅拌电机防护罩缺失，存在卷入风险
  grade: 一般
  status: 待整改
"""
CONTACT = "  teams: 6\n  contact: 王建国\n  phone: 0533-8210001\n"
HANDBOOK_HINT = ("手册级信息只能印在督导手册里：请从这里删去；如果它确实应当公开（例如已公示的获奖人姓名），"
                 "把这个值写进 site.toml 的 [privacy] allow")


def _files(site_files, article_extra: str = "", toml_extra: str = "") -> dict:
    files = dict(site_files)
    files["data/hazards.yaml"] = HAZARDS
    files["data/enterprises.yaml"] = files["data/enterprises.yaml"].replace("  teams: 6\n", CONTACT)
    files["content/news/2016-01-20-kickoff.md"] += article_extra
    files["site.toml"] += toml_extra
    return files


def _site(make_site, site_files, prepare_site, **kw):
    return prepare_site(make_site(_files(site_files, **kw)))


def _report(rep: Reporter) -> list[str]:
    return [f"{d.loc}: {d.message}" for d in rep.sorted()]


def test_internal_and_handbook_values_are_secret(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    public = secret_values(site, "public")
    assert public["R-7731"] == "隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）"
    assert public["王建国"] == "企业 QY-0001 的 contact（联系人）"  # three characters: a name is a secret too
    assert "二号车间反应釜搅拌电机防护罩缺失，存在卷入风险" in public and "二号车间" in public
    handbook = secret_values(site, "handbook")
    assert set(handbook) == {"R-7731"}  # town manuals are handbook-level by design: internal values only


def test_short_values_need_their_record_nearby_long_ones_do_not(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    secrets = rules(site, "public").secrets
    assert secrets["王建国"].anchors == ("QY-0001", "桓台示例化工有限公司")
    assert secrets["0533-8210001"].anchors == () and len("0533-8210001") >= LONG_VALUE
    assert secrets["R-7731"].anchors == ()
    rep = Reporter()
    files = {
        "a.html": "<p>桓台示例化工有限公司联系人王建国介绍</p>".encode(),       # named with its enterprise: a leak
        "b.html": "<p>王建国同志是劳动模范。</p>".encode(),                     # the same name alone: not evidence
        "c.html": "<td>QY-0001</td><td>王建国</td>".encode(),                    # a table row with its id: a leak
        "d.html": "<p>电话 0533-8210001</p>".encode(),                           # a long value: anywhere
        "e.html": "<p>编号 R-77312 与 XR-7731 另有所指</p>".encode(),             # whole values only
    }
    assert scan(files, site, "public", rep, "public") == 3
    assert [d.loc.path for d in rep.sorted()] == ["public/a.html", "public/d.html"]
    assert [m.split("：", 1)[1] for m in _report(rep)] == [
        "public/a.html 等 2 个文件 含有不得公开的信息：企业 QY-0001 的 contact（联系人）（data/enterprises.yaml:11）",
        "public/d.html 含有不得公开的信息：企业 QY-0001 的 phone（联系电话）（data/enterprises.yaml:12）"]


def test_clean_output_passes(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    rep = Reporter()
    files = {"index.html": "<p>联系邮箱 cbc@example.gov.cn，电话 0533-8210009</p>".encode()}
    site.config.site["contact_email"] = "cbc@example.gov.cn"
    assert scan(files, site, "public", rep, "public") == 0
    assert rep.diagnostics == []


def test_planted_leaks_fail_and_name_the_file(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    rep = Reporter()
    files = {
        "news/a/index.html": "<p>举报人 R-7731 反映</p>".encode(),
        "static/search/text-0.js": "x('联系 13912345678')".encode(),
        "opendata/x.csv": "身份证,370321199001011234\n".encode(),
        "feed.xml": b"<summary>wang.worker@example.com</summary>",
        "towns/a/index.html": "<td>二号车间反应釜搅拌电机防护罩缺失，存在卷入风险</td>".encode(),
        "static/site.png": b"\x89PNG R-7731",  # binary files are not text output
    }
    assert scan(files, site, "public", rep, "public") == 5
    assert _report(rep) == [
        "public/feed.xml: 隐私检查（privacy scan）不通过：public/feed.xml 含有未列为公开联系方式的电子邮箱 wang.worker@example.com",
        "public/news/a/index.html: 隐私检查（privacy scan）不通过：public/news/a/index.html 含有不得公开的信息："
        "隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）（data/hazards.yaml:6）",
        "public/opendata/x.csv: 隐私检查（privacy scan）不通过：public/opendata/x.csv 含有疑似身份证号码 370321********1234",
        "public/static/search/text-0.js: 隐私检查（privacy scan）不通过：public/static/search/text-0.js 含有手机号码 139****5678",
        "public/towns/a/index.html: 隐私检查（privacy scan）不通过：public/towns/a/index.html 含有不得公开的信息："
        "隐患台账 YH-2016-SZ-0001 的 description（隐患描述）（data/hazards.yaml:8）",
    ]


def test_printed_pdf_is_scanned_through_its_html_and_metadata(make_site, site_files, prepare_site):
    """A PDF this build printed is not read back: its print HTML is scanned, plus its metadata."""
    from io import BytesIO

    from pypdf import PdfWriter

    site = _site(make_site, site_files, prepare_site)
    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.add_metadata({"/Title": "活动手册", "/Author": "R-7731"})
    buffer = BytesIO()
    writer.write(buffer)
    rep = Reporter()
    files = {"handbook/campaign.pdf": buffer.getvalue(), "handbook/other.pdf": buffer.getvalue()}
    printed = {"handbook/campaign.pdf": "<p>桓台示例化工有限公司：王建国</p>"}
    assert scan(files, site, "public", rep, "public", printed=printed) == 3
    assert [m.split("：", 1)[1] for m in _report(rep)] == [
        "public/handbook/campaign.pdf 含有不得公开的信息：企业 QY-0001 的 contact（联系人）（data/enterprises.yaml:11）",
        "public/handbook/campaign.pdf 等 2 个文件 含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）"
        "（data/hazards.yaml:6）"]


def test_pdf_metadata_is_read_alike_with_pdfinfo_and_without(monkeypatch):
    """poppler's pdfinfo (fast) and the pypdf fallback both find the document information."""
    from io import BytesIO

    from pypdf import PdfWriter

    from builder import privacy

    writer = PdfWriter()
    writer.add_blank_page(72, 72)
    writer.add_metadata({"/Title": "活动手册", "/Author": "R-7731", "/Keywords": "王建国 0533-8210001"})
    buffer = BytesIO()
    writer.write(buffer)
    with_pdfinfo = privacy.pdf_metadata(buffer.getvalue())
    monkeypatch.setattr(privacy.shutil, "which", lambda _name: None)
    without = privacy.pdf_metadata(buffer.getvalue())
    for value in ("活动手册", "R-7731", "王建国 0533-8210001"):
        assert value in with_pdfinfo and value in without


def test_leak_through_an_article_names_the_markdown_line(make_site, site_files, run_cli):
    """A contact's name pasted into an article fails the build at the article's line; public/ is untouched."""
    root = make_site(_files(site_files))
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0, err
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    article = root / "content/news/2016-01-20-kickoff.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n据桓台示例化工有限公司联系人王建国介绍……\n",
                       encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 1
    assert err == (
        "content/news/2016-01-20-kickoff.md:8: 错误: 隐私检查（privacy scan）不通过：public/news/2016-01-20-kickoff/"
        "index.html 等 4 个文件 含有不得公开的信息：企业 QY-0001 的 contact（联系人）（data/enterprises.yaml:11）\n"
        f"    提示: {HANDBOOK_HINT}\n共 1 个错误，0 个警告。\n构建失败，之前的输出保持不变。\n")
    after = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    assert after == before


def test_leak_through_a_public_field_names_the_record_and_template(make_site, site_files, run_cli):
    files = _files(site_files)
    files["data/towns.yaml"] = files["data/towns.yaml"].replace("safety_station: 索镇镇安监站",
                                                                "safety_station: 索镇镇安监站（举报人 R-7731）")
    code, _out, err = run_cli("build", "--site", make_site(files), "--no-pdf")
    assert code == 1
    errors = [line for line in err.splitlines() if ": 错误: " in line]
    # Internal: found in the website and in the town manual alike, each naming the template that printed it.
    assert len(errors) == 2 and all(line.startswith("data/towns.yaml:6: 错误: 隐私检查（privacy scan）不通过：")
                                    for line in errors)
    assert ("print/handbook/suozhen.html 含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）"
            "（data/hazards.yaml:6），由模板 themes/default/templates/handbook/document.html 输出"
            "（写在公开字段 safety_station 里）") in errors[0] + errors[1]
    assert "由模板 themes/default/templates/" in errors[1] and "（写在公开字段 safety_station 里）" in errors[1]


def test_allow_list_publishes_a_value_on_purpose(make_site, site_files, run_cli):
    extra = "\n据桓台示例化工有限公司联系人王建国介绍……\n"
    allow = '\n[privacy]\nallow = ["王建国", "R-7731", "不存在的值"]\n'
    root = make_site(_files(site_files, extra, allow))
    line = (root / "site.toml").read_text(encoding="utf-8").split("\n").index(allow.split("\n")[2]) + 1
    code, _out, err = run_cli("check", "--site", root)
    assert code == 1
    assert err == (
        f"site.toml:{line}: 错误: [privacy] allow 不能放行内部字段的值：“R-7731”是隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）\n"
        "    提示: 举报人代号、作者代号等内部信息永远不能公开；请从 allow 里删去\n"
        f"site.toml:{line}: 警告: [privacy] allow 里的“不存在的值”不是任何手册级字段的值，不起作用\n"
        "    提示: 可以从 allow 里删去\n"
        "共 1 个错误，1 个警告。\n")


def test_allowed_name_passes(make_site, site_files, run_cli):
    extra = "\n据桓台示例化工有限公司联系人王建国介绍……\n"
    code, _out, err = run_cli("check", "--site", make_site(_files(site_files, extra, '\n[privacy]\nallow = ["王建国"]\n')))
    assert (code, err) == (0, "检查通过（check passed）。\n")


def test_published_values_are_not_secret(make_site, site_files, prepare_site):
    """A workshop named in a public model team of the same enterprise, or a handbook text quoted in a
    public field, was published on purpose."""
    files = _files(site_files)
    files["data/model_teams.yaml"] = ("- id: SF-1\n  enterprise: QY-0001\n  team: 二号车间甲班\n  year: 2016\n"
                                      "  honour: 工人先锋号\n")
    site = prepare_site(make_site(files))
    assert "二号车间" not in secret_values(site, "public")


def test_example_site_public_build_passes_the_scan(example_root, prepare_site):
    """The real example's public output is clean (the scan ran inside the build) — checked via secret count."""
    site = prepare_site(example_root)
    secrets = secret_values(site, "public")
    reporter_refs = {h.raw["reporter_ref"] for h in site.records["hazards"] if h.raw.get("reporter_ref")}
    assert reporter_refs and reporter_refs <= set(secrets)
    phones = {e.raw["phone"] for e in site.records["enterprises"] if e.raw.get("phone")}
    assert phones <= set(secrets)


def test_search_postings_hold_only_pieces_of_scanned_text(make_site, site_files, run_cli):
    """The scan skips the search index's postings (index-N.js): their Chinese keys are character pairs
    (a value of three or more can't be one; a pair-long value counts only beside its record, which
    postings never show), and their longer keys — words and numbers — are in the index's text shards
    and manifest, which are scanned like every page."""
    import json
    import re
    import unicodedata

    files = _files(site_files, "\n据桓台示例化工有限公司联系人王建国介绍，编号 A7731X，共 120 人。\n",
                   '\n[privacy]\nallow = ["王建国"]\n')
    root = make_site(files)
    assert run_cli("build", "--site", root, "--no-pdf")[0] == 0
    search = root / "public" / "static" / "search"
    scanned = "".join(p.read_text(encoding="utf-8") for p in [*search.glob("text-*.js"), search / "docs.js"])
    scanned = unicodedata.normalize("NFKC", scanned).lower()
    keys = set()
    for shard in sorted(search.glob("index-*.js")):
        body = json.loads(re.search(r"shard\(\d+,(.*)\);\s*$", shard.read_text(encoding="utf-8"), re.S).group(1))
        keys |= {key for table in body.values() for key in table}
    assert "王建" in keys and "a7731x" in keys
    words = {part for key in keys for part in key.split(" ") if len(part) > 2}
    assert [w for w in words if not re.fullmatch(r"[0-9a-z._\-]+", w) and not re.search(r"[0-9a-z]", w)] == []
    assert [w for w in words if re.fullmatch(r"[0-9a-z._\-]+", w) and w not in scanned] == []


def test_a_pdf_this_build_did_not_print_is_read_whole(make_site, site_files, prepare_site):
    """An attachment under content/ (a policy PDF) has no print HTML: its text is extracted and scanned."""
    from weasyprint import HTML

    site = _site(make_site, site_files, prepare_site)
    data = HTML(string="<p>举报人代号 R-7731</p>").write_pdf()
    rep = Reporter()
    assert scan({"policies/attachment.pdf": data}, site, "public", rep, "public") == 1
    assert [m.split("：", 1)[1] for m in _report(rep)] == [
        "public/policies/attachment.pdf 含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）"
        "（data/hazards.yaml:6）"]
