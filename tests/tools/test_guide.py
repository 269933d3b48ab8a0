"""docs/guide.md runs as written: every command of the clerks' guide, on a scratch copy of the site."""

from __future__ import annotations

import pytest

from tools.guide import GUIDE, copy_site, run, steps


def test_the_guide_has_every_recipe_the_clerks_need():
    text = GUIDE.read_text(encoding="utf-8")
    for heading in ("发一条工作动态，配一张照片", "登记一条隐患，跟踪到销号", "登记一次应急演练", "导入镇街报来的表格",
                    "最常见的五种错误", "边写边看", "交给县信息中心发布"):
        assert heading in text, heading
    kinds = [s.kind for s in steps(text)]
    assert kinds.count("run") >= 20 and {"write", "fill", "picture", "output", "serve"} <= set(kinds)
    assert sum(s.expect == 1 for s in steps(text)) == 5  # the five common mistakes, each one refused
    for picture in ("guide-article.png", "guide-hazards.png", "guide-check.png"):
        assert f"]({picture})" in text and (GUIDE.parent / picture).is_file(), picture


@pytest.mark.slow
def test_every_command_in_the_guide_runs_as_written(example_pdf_build, tmp_path):
    # The copy carries the example build's cache: its ten PDFs need not be printed again for
    # `chabaocu build --strict` to find what the recipes changed.
    assert example_pdf_build.code == 0, example_pdf_build.stderr
    site = copy_site(tmp_path / "site", example_pdf_build.root, cache=True)
    done = run(site)
    assert len(done) == sum(s.kind in ("run", "serve") for s in steps(GUIDE.read_text(encoding="utf-8")))
    article = (site / "public" / "news" / "2016-06-17-maqiao-drill" / "index.html").read_text(encoding="utf-8")
    assert "马桥镇组织企业开展危化品泄漏应急演练" in article and "2016-06-17-maqiao-drill.jpg" in article
    ledger = (site / "data" / "hazards" / "maqiao.yaml").read_text(encoding="utf-8")
    assert "status: 已销号" in ledger.split("- id: YH-2016-MQ-0616")[1]
    assert (site / "data" / "hazards" / "import-maqiao.yaml").is_file()
    assert (site / "public" / "handbook" / "campaign.pdf").is_file()
