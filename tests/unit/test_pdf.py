"""builder.pdf: the content-keyed cache, and the missing-glyph (.notdef) check on real PDFs.

A missing font is simulated with a fonts.conf that knows only DejaVu (no CJK). fontconfig
reads its configuration once per process, so those runs happen in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from builder import pdf
from builder.pdf import PdfCache, PdfJob, _to_unicode, cache_key, notdef_chars, render, render_all

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
HTML = ('<!DOCTYPE html><html lang="zh-CN"><head><link rel="stylesheet" href="print.css"></head>'
        '<body><h1>督导手册</h1><p>举报人信息不得记录 ABC</p></body></html>')
CSS = b'body { font-family: "Noto Serif CJK SC", serif; }'


def job(name: str = "print/handbook/x.pdf", html: str = HTML, css: bytes = CSS) -> PdfJob:
    return PdfJob(name, html, "handbook/x.html", {"handbook/print.css": css})


def test_cache_key_follows_every_input():
    base = cache_key(job(), "fonts-a", "70.0")
    assert base == cache_key(job(), "fonts-a", "70.0")
    assert base != cache_key(job(html=HTML.replace("ABC", "ABD")), "fonts-a", "70.0")
    assert base != cache_key(job(css=CSS + b" "), "fonts-a", "70.0")
    assert base != cache_key(job(), "fonts-b", "70.0")
    assert base != cache_key(job(), "fonts-a", "71.0")


def test_cache_returns_only_whole_pdfs(tmp_path):
    cache = PdfCache(tmp_path / "pdf")
    assert cache.get("k") is None
    cache.put("k", b"%PDF-1.7\n...\n%%EOF\n")
    assert cache.get("k") == b"%PDF-1.7\n...\n%%EOF\n"
    (tmp_path / "pdf" / "torn.pdf").write_bytes(b"%PDF-1.7\nhalf a bo")
    assert cache.get("torn") is None
    assert PdfCache(None).get("k") is None  # CacheSettings(enabled=False)


def test_fonts_fingerprint_changes_with_the_font_configuration(monkeypatch):
    monkeypatch.delenv("FONTCONFIG_FILE", raising=False)
    before = pdf.fonts_fingerprint()
    monkeypatch.setenv("FONTCONFIG_FILE", "/tmp/other-fonts.conf")
    assert pdf.fonts_fingerprint() != before


def test_to_unicode_reads_weasyprint_bfchar_blocks():
    cmap = "2 beginbfchar\n<1834> <7763>\n<0003> <0020>\nendbfchar\n1 beginbfchar\n<0010> <d83dde00>\nendbfchar"
    assert _to_unicode(cmap) == {0x1834: "督", 3: " ", 0x10: "\U0001f600"}


def test_a_document_with_the_cjk_font_has_no_missing_glyph():
    result = render(job())
    assert result.data.startswith(b"%PDF-")
    assert result.missing == ()
    assert notdef_chars(result.data) == set()


_MISSING_FONT_SCRIPT = """
import json, sys
from pathlib import Path
from builder.pdf import PdfCache, PdfJob, notdef_chars, render, render_all
html = sys.argv[1]
jobs = [PdfJob(f"print/handbook/{n}.pdf", html, "handbook/x.html", {}) for n in ("a", "b")]
one = render(jobs[0])
results = render_all(jobs, PdfCache(Path(sys.argv[2])), workers=1)
print(json.dumps({"logged_and_pdf": list(one.missing), "pdf_only": sorted(notdef_chars(one.data)),
                  "results": [r.name for r in results]}))
"""


@pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs fonts-dejavu-core for a CJK-less font setup")
def test_missing_cjk_font_is_caught_both_in_the_log_and_in_the_pdf(tmp_path):
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{DEJAVU}</dir>'
                    f'<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>', "utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    out = subprocess.run([sys.executable, "-c", _MISSING_FONT_SCRIPT, HTML, str(tmp_path / "cache")],
                         capture_output=True, text=True, env=env, check=True, timeout=300)
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert set("督导手册举报人信息不得记录") <= set(found["logged_and_pdf"])
    assert set("督导手册举报人信息不得记录") <= set(found["pdf_only"])  # the PDF check alone sees them too
    assert not set("ABC") & set(found["logged_and_pdf"])
    assert found["results"] == ["print/handbook/a.pdf"]  # stopped after the first: the others would fail alike
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())  # never cached


def test_without_rendering_only_pdfs_already_in_the_cache_come_back(tmp_path):
    cache = PdfCache(tmp_path / "pdf")
    kept, new = job("public/handbook/kept.pdf"), job("public/handbook/new.pdf", html=HTML.replace("ABC", "XYZ"))
    cache.put(cache_key(kept, pdf.fonts_fingerprint(), pdf.weasyprint_version()), b"%PDF-1.7\n...\n%%EOF\n")
    [result] = render_all([kept, new], cache, render_new=False)
    assert (result.name, result.cached, result.data) == ("public/handbook/kept.pdf", True, b"%PDF-1.7\n...\n%%EOF\n")


def test_a_machine_without_the_speedups_is_told_once_what_they_cost_and_how_to_install_them():
    missing = pdf.missing_speedups(find_library=lambda name: None, which=lambda name: None)
    assert [s.package for s in missing] == ["libharfbuzz-subset0", "poppler-utils"]
    message, hint = pdf.speedup_notice(missing)
    assert message.startswith("缺少系统软件包，PDF 照样生成，只是更慢：libharfbuzz-subset0（HarfBuzz 字体子集库）")
    assert "约慢 4 倍" in message
    assert hint.endswith("sudo apt-get install -y libharfbuzz-subset0 poppler-utils")
    assert pdf.missing_speedups(find_library=lambda name: "lib.so", which=lambda name: "/usr/bin/x") == []


SIMULATED_NO_HARFBUZZ_SUBSET = """
import cffi, warnings
real = cffi.FFI.dlopen
def dlopen(self, name, *args, **kwargs):
    if "harfbuzz-subset" in str(name):
        raise OSError("simulated: libharfbuzz-subset0 is not installed")
    return real(self, name, *args, **kwargs)
cffi.FFI.dlopen = dlopen
warnings.simplefilter("always")
from builder import pdf
html = '<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head><body><p>内部资料 测试</p></body></html>'
result = pdf.render(pdf.PdfJob("x.pdf", html, "handbook/x.html"))
from weasyprint.text import ffi
assert ffi.harfbuzz_subset is None, "the simulation did not take the library away"
assert result.data.startswith(b"%PDF-") and not result.missing
print("warnings:", list(result.warnings))
"""


@pytest.mark.slow  # a child process prints a PDF
def test_weasyprint_without_harfbuzz_subset_prints_no_warning_of_its_own():
    """Simulated: the library cannot be loaded; WeasyPrint falls back to fontTools without a word."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, "-c", SIMULATED_NO_HARFBUZZ_SUBSET], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "warnings: []"
    assert "HarfBuzz" not in run.stderr and "Warning" not in run.stderr, run.stderr


def test_missing_glyphs_come_from_weasyprints_fonts_or_else_from_the_pdf(monkeypatch):
    """The fonts' own record when they keep one; a read-back of the PDF when they do not."""
    from types import SimpleNamespace

    kept = SimpleNamespace(fonts={"a": SimpleNamespace(missing={ord("督"): 900, ord(" "): 901}),
                                  "b": SimpleNamespace(missing={})})
    read_back = []
    monkeypatch.setattr(pdf, "notdef_chars", lambda data: read_back.append(data) or {"导"})
    assert pdf._drawn_without_glyph(kept, b"%PDF") == {"督"} and read_back == []
    older = SimpleNamespace(fonts={"a": SimpleNamespace()})
    assert pdf._drawn_without_glyph(older, b"%PDF") == {"导"} and read_back == [b"%PDF"]
