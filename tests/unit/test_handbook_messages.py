"""builder.handbook.render's PDF messages: a missing PDF library, missing glyphs, WeasyPrint's warnings."""

from __future__ import annotations

import pytest

from builder import pdf
from builder.diagnostics import Reporter
from builder.handbook import add_pdfs, render_handbooks


@pytest.fixture
def books(make_site, site_files, prepare_site):
    site = prepare_site(make_site(site_files))
    rep = Reporter()
    return site, render_handbooks(site, rep)


def _report(rep: Reporter) -> list[str]:
    return [str(d) for d in rep.sorted()]


def test_pdf_library_missing(books, monkeypatch):
    site, handbooks = books

    def unavailable(*_args, **_kw):
        raise pdf.PdfUnavailable("cannot load library 'libpango-1.0-0'")
    monkeypatch.setattr(pdf, "render_all", unavailable)
    rep = Reporter()
    add_pdfs(handbooks, site, rep, names={"public": "public", "print": "print"}, cache=pdf.PdfCache(None))
    assert _report(rep) == [
        "site.toml: 错误: 无法加载 WeasyPrint（生成 PDF 所需的程序库）：cannot load library 'libpango-1.0-0'\n"
        "    提示: 运行 make site，或 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0；只需要网页时可加 --no-pdf，"
        "或在 site.toml 的 [build] 写 pdf = false"]
    rep = Reporter()  # --no-pdf: nothing was asked of the library, so nothing is wrong
    add_pdfs(handbooks, site, rep, names={"public": "public", "print": "print"}, cache=pdf.PdfCache(None), render_new=False)
    assert rep.diagnostics == []


def test_missing_glyphs_and_warnings(books, monkeypatch):
    site, handbooks = books

    def fake(jobs, _cache, **_kw):
        first, second = jobs[0], jobs[1]
        return [pdf.PdfResult(first.name, b"%PDF-1.7", missing=("龘", "𠀀")),
                pdf.PdfResult(second.name, b"%PDF-1.7", warnings=("Ignored `foo: bar` at 3:1, unknown property.",))]
    monkeypatch.setattr(pdf, "render_all", fake)
    rep = Reporter()
    add_pdfs(handbooks, site, rep, names={"public": "public", "print": "print"}, cache=pdf.PdfCache(None))
    report = sorted(_report(rep), key=lambda line: "警告" in line)
    assert len(report) == 2
    assert report[0].endswith(": 错误: PDF 中有 2 个字符没有可用的字体，会印成方框（缺字 .notdef，missing glyphs）：“龘𠀀”"
                              "（U+9F98、U+20000…）\n    提示: " + pdf.INSTALL_HINT)
    assert report[1].endswith(": 警告: PDF 渲染提示（WeasyPrint）：Ignored `foo: bar` at 3:1, unknown property.")
