"""The privacy scan: planted leaks in any output file fail the build and name the file."""

from __future__ import annotations

from builder.diagnostics import Reporter
from builder.privacy import scan, secret_values

HAZARDS = """\
- id: YH-2016-SZ-0001
  enterprise: QY-0001
  found_on: 2016-03-01
  source: 举报
  reporter_ref: R-7731
  category: C3
  description: 二号车间反应釜搅拌电机防护罩缺失，存在卷入风险
  grade: 一般
  status: 待整改
"""


def _site(make_site, site_files, prepare_site, article_extra: str = ""):
    files = dict(site_files)
    files["data/hazards.yaml"] = HAZARDS
    if article_extra:
        files["content/news/2016-01-20-kickoff.md"] += article_extra
    return prepare_site(make_site(files))


def test_internal_and_long_handbook_values_are_secret(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    public = secret_values(site, "public")
    assert public["R-7731"] == "隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）"
    assert "二号车间反应釜搅拌电机防护罩缺失，存在卷入风险" in public
    handbook = secret_values(site, "handbook")
    assert "R-7731" in handbook
    assert "二号车间反应釜搅拌电机防护罩缺失，存在卷入风险" not in handbook  # town manuals may print it


def test_clean_output_passes(make_site, site_files, prepare_site):
    site = _site(make_site, site_files, prepare_site)
    rep = Reporter()
    files = {"index.html": "<p>联系邮箱 cbc@example.gov.cn，电话 0533-8210001</p>".encode()}
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
    lines = [f"{d.loc}: {d.message}" for d in rep.sorted()]
    assert lines == [
        "public/feed.xml: 隐私检查（privacy scan）不通过：含有未列为公开联系方式的电子邮箱 wang.worker@example.com",
        "public/news/a/index.html: 隐私检查（privacy scan）不通过：含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）",
        "public/opendata/x.csv: 隐私检查（privacy scan）不通过：含有疑似身份证号码 370321********1234",
        "public/static/search/text-0.js: 隐私检查（privacy scan）不通过：含有手机号码 139****5678",
        "public/towns/a/index.html: 隐私检查（privacy scan）不通过：含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 description（隐患描述）",
    ]


def test_leak_through_an_article_fails_the_real_build(make_site, site_files, run_cli):
    """A reporter code pasted into an article body is caught in the built page; public/ is untouched."""
    files = dict(site_files)
    files["data/hazards.yaml"] = HAZARDS
    root = make_site(files)
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 0, err
    before = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    article = root / "content/news/2016-01-20-kickoff.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n据职工 R-7731 反映……\n", encoding="utf-8")
    code, _out, err = run_cli("build", "--site", root, "--no-pdf")
    assert code == 1
    assert "public/news/2016-01-20-kickoff/index.html: 错误: 隐私检查（privacy scan）不通过：含有不得公开的信息：隐患台账 YH-2016-SZ-0001 的 reporter_ref（报告人代号）" in err
    after = {p: p.read_bytes() for p in (root / "public").rglob("*") if p.is_file()}
    assert after == before


def test_example_site_public_build_passes_the_scan(example_root, prepare_site):
    """The real example's public output is clean (the scan ran inside the build) — checked via secret count."""
    site = prepare_site(example_root)
    secrets = secret_values(site, "public")
    reporter_refs = {h.raw["reporter_ref"] for h in site.records["hazards"] if h.raw.get("reporter_ref")}
    assert reporter_refs and reporter_refs <= set(secrets)
