"""The printed handbooks checked by real tools: pdffonts, pdftotext (page by page), pdftohtml and pypdf.

The small fixture site (tests/handbook/fixture_site) is built once with PDFs; the repository's
own example is built once per session (its PDFs cached under the repository's .cache/pdf/,
which is keyed by content and safe to delete).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from builder.diagnostics import Reporter
from builder.handbook.plan import plan_documents
from builder.pipeline import build, build_handbooks, prepare

REPO = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixture_site"
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not shutil.which("pdftotext") or not shutil.which("pdffonts"),
                                 reason="needs poppler-utils (pdftotext, pdffonts)")]


def copy_site(source: Path, root: Path, *, with_data: bool = True) -> Path:
    root.mkdir(parents=True)
    for name in ("site.toml", "content", "data", "themes"):
        src = source / name
        if src.is_dir():
            shutil.copytree(src, root / name)
        elif src.is_file():
            shutil.copy(src, root / name)
    if not (root / "themes").exists():
        shutil.copytree(REPO / "themes", root / "themes")
    return root


def pages_text(path: Path) -> list[str]:
    """The text of every page (pdftotext splits pages with form feeds)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def internal_values(root: Path) -> set[str]:
    """Every reporter_ref and author_ref value in the site's data: they may never be printed."""
    values = set()
    for path in (root / "data").rglob("*.yaml"):
        values.update(re.findall(r"^\s*-?\s*(?:reporter_ref|author_ref):\s*(\S+)\s*$", path.read_text("utf-8"), re.M))
    assert values, "the data should have reporter/author codes to look for"
    return values


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = copy_site(FIXTURE, tmp_path_factory.mktemp("pdf") / "site")
    result = build(root)
    documents = {d.slug: d for d in plan_documents(result.site)}
    pdfs = {"campaign": root / "public/handbook/campaign.pdf",
            **{slug: root / f"print/handbook/{slug}.pdf" for slug in documents if slug != "campaign"}}
    return root, result, documents, pdfs


def test_every_document_has_a_pdf_with_an_embedded_cjk_font(built):
    _root, _result, documents, pdfs = built
    assert set(pdfs) == set(documents) == {"campaign", "suozhen", "maqiao"}
    for path in pdfs.values():
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = fonts.splitlines()[2:]
        assert any("CJK" in row and row.split()[-5] == "yes" for row in rows), fonts
        assert all(row.split()[-5] == "yes" for row in rows), f"a font is not embedded:\n{fonts}"


def contents_of(html_path: Path) -> list[str]:
    """The contents list of the print HTML: chapters and their numbered parts, as the PDF must list them."""
    nav = html_path.read_text("utf-8").split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    return [flat(re.sub(r"<[^>]+>", "", title)) for title in re.findall(r'<a href="#[^"]+">(.*?)</a>', nav)]


def toc_entries(pages: list[str]) -> tuple[list[tuple[str, int]], int]:
    """(title, page) of every contents line, and the number of the last contents page."""
    entries, last = [], 0
    for number, text in enumerate(pages, 1):
        header = next((line for line in text.splitlines() if line.strip()), "")
        if not flat(header).endswith("目录"):  # the running header of every contents page
            continue
        last = number
        for line in text.splitlines():
            match = re.match(r"^\s*(\S.*?)\s*\.{3,}\s*(\d+)\s*$", line)
            if match:
                entries.append((flat(match.group(1)), int(match.group(2))))
    return entries, last


@pytest.mark.parametrize("slug", ["campaign", "suozhen", "maqiao"])
def test_contents_page_numbers_are_the_pages_where_chapters_start(built, slug):
    _root, _result, documents, pdfs = built
    doc = documents[slug]
    pages = pages_text(pdfs[slug])
    entries, toc_end = toc_entries(pages)
    expected = contents_of(pdfs[slug].with_suffix(".html"))
    assert [title for title, _ in entries] == expected
    assert {flat(ch.title) for ch in doc.chapters} <= set(expected)
    chapters = {flat(ch.title) for ch in doc.chapters}
    for title, number in entries:
        assert toc_end < number <= len(pages)
        assert title in flat(pages[number - 1]), f"{title} is not on page {number}"
        if title in chapters and number - 1 > toc_end:
            # The running header names the chapter on each of its pages: the page before is another chapter's.
            assert title not in flat(pages[number - 2]), f"{title} already on page {number - 1}"


@pytest.mark.parametrize("slug", ["campaign", "suozhen"])
def test_bookmarks_are_the_chapters_and_point_at_their_first_page(built, slug):
    _root, _result, documents, pdfs = built
    reader = PdfReader(pdfs[slug])
    top = [item for item in reader.outline if not isinstance(item, list)]
    assert [item.title for item in top] == [ch.title for ch in documents[slug].chapters]
    entries, _ = toc_entries(pages_text(pdfs[slug]))
    toc = dict(entries)
    for item in top:
        assert reader.get_destination_page_number(item) + 1 == toc[flat(item.title)]


@pytest.mark.parametrize("slug", ["campaign", "suozhen"])
def test_every_page_says_page_n_of_m(built, slug):
    _root, _result, _documents, pdfs = built
    pages = pages_text(pdfs[slug])
    assert len(pages) == len(PdfReader(pdfs[slug]).pages)
    for number, text in enumerate(pages[1:], 2):  # the cover carries no footer
        assert f"第{number}页共{len(pages)}页" in flat(text)


def test_each_enterprise_checklist_fits_on_one_page(built):
    root, result, documents, pdfs = built
    pages = [flat(p) for p in pages_text(pdfs["suozhen"])]
    for name in ("索镇示例化工有限公司", "索镇示例建材有限公司"):
        start = next(i for i, text in enumerate(pages) if "企业“查保促”督导检查表企业编号" in text and name in text)
        # Title, items and the signature line are all on the same page.
        assert "督导人员（签字）" in pages[start] and "其他问题" in pages[start]


def overflowing_boxes(html_path: Path, css_path: Path) -> list[tuple[int, str]]:
    """Every box that WeasyPrint lays out beyond its page's content area: (page, what)."""
    from weasyprint import HTML

    from builder.pdf import _in_memory

    fetcher = _in_memory({"handbook/print.css": css_path.read_bytes()})
    document = HTML(string=html_path.read_text("utf-8"), base_url="file:///chabaocu/handbook/x.html",
                    url_fetcher=fetcher).render()
    found = []
    for number, page in enumerate(document.pages, 1):
        box = page._page_box
        left, top = box.content_box_x(), box.content_box_y()
        for child in box.children:
            if type(child).__name__ == "MarginBox":  # the running header and footer live outside
                continue
            for inner in child.descendants():
                if not hasattr(inner, "border_width"):
                    continue
                x, y = inner.border_box_x(), inner.border_box_y()
                if (x < left - 0.5 or x + inner.border_width() > left + box.width + 0.5
                        or y + inner.border_height() > top + box.height + 0.5):
                    found.append((number, getattr(inner, "text", None) or type(inner).__name__))
    return found


@pytest.mark.parametrize("path", ["public/handbook/campaign.html", "print/handbook/suozhen.html"])
def test_nothing_overflows_the_page(built, path):
    root = built[0]
    html = root / path
    assert overflowing_boxes(html, html.parent / "print.css") == []


def test_no_reporter_or_author_code_appears_in_any_output(built):
    root, _result, _documents, pdfs = built
    secrets = internal_values(root)
    for path in pdfs.values():
        text = "".join(pages_text(path))
        assert not [v for v in secrets if v in text], path
    for path in [*(root / "public").rglob("*.html"), *(root / "print").rglob("*.html")]:
        text = path.read_text("utf-8")
        assert not [v for v in secrets if v in text], path


def test_the_public_handbook_carries_no_handbook_level_value(built):
    _root, _result, _documents, pdfs = built
    text = flat("".join(pages_text(pdfs["campaign"])))
    assert "测试县索镇镇示例工业园一号路一号" not in text  # an enterprise address
    assert "粉磨岗位职工未佩戴防尘口罩" not in text        # a hazard description
    town = flat("".join(pages_text(pdfs["suozhen"])))
    assert "测试县索镇镇示例工业园一号路一号" in town and "内部资料" in town


def test_unchanged_documents_are_not_printed_again(built):
    root, _result, _documents, pdfs = built
    before = {slug: path.read_bytes() for slug, path in pdfs.items()}
    result = build_handbooks(root)
    assert "新生成 0 份，未变（取自缓存）3 份" in result.outputs["PDF"]
    assert {slug: path.read_bytes() for slug, path in pdfs.items()} == before


def test_a_quick_build_without_pdf_keeps_the_pdfs_that_are_up_to_date(built):
    root, _result, _documents, pdfs = built
    before = {slug: path.read_bytes() for slug, path in pdfs.items()}
    build(root, pdf=False)
    assert {slug: path.read_bytes() for slug, path in pdfs.items()} == before
    assert 'href="campaign.pdf"' in (root / "public/handbook/campaign.html").read_text("utf-8")
    assert 'href="suozhen.pdf"' in (root / "print/handbook/index.html").read_text("utf-8")


@pytest.mark.skipif(not DEJAVU.is_dir(), reason="needs fonts-dejavu-core for a CJK-less font setup")
def test_a_machine_without_a_chinese_font_fails_loudly(tmp_path):
    root = copy_site(FIXTURE, tmp_path / "site")
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><dir>{DEJAVU}</dir>'
                    f'<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>', "utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    run = subprocess.run([sys.executable, "-m", "builder", "handbook", "--site", str(root), "--town", "索镇镇"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 1, run.stderr
    assert "print/handbook/suozhen.pdf: 错误: PDF 中有" in run.stderr
    assert "没有可用的字体，会印成方框（缺字 .notdef，missing glyphs）：“" in run.stderr
    named = run.stderr.split("missing glyphs）：“")[1].split("”")[0]
    assert "一" in named and "专" in named  # the characters are named (first 40, in code order)
    assert int(re.search(r"PDF 中有 (\d+) 个字符", run.stderr).group(1)) > 100
    assert "sudo apt-get install fonts-noto-cjk" in run.stderr
    assert "构建失败，之前的输出保持不变。" in run.stderr
    assert not (root / "print").exists()  # nothing written


@pytest.fixture(scope="session")
def example(example_pdf_build):
    """The repository's own 2016 site built once with its PDFs (tests/conftest.py); (root, site)."""
    assert example_pdf_build.code == 0, example_pdf_build.stderr
    site, _assets = prepare(example_pdf_build.root, Reporter())
    return example_pdf_build.root, site


def test_the_example_manuals_never_print_a_reporter_or_author_code(example, read_printed):
    root, site = example
    secrets = internal_values(root)
    pdfs = sorted((root / "print" / "handbook").glob("*.pdf")) + [root / "public" / "handbook" / "campaign.pdf"]
    assert len(pdfs) == len(site.records["towns"]) + 1
    for path in pdfs:
        # The text as the print QA reads it (pdftohtml, once per session for every suite that reads it).
        text = "".join(page.text for page in read_printed(path))
        assert not [v for v in secrets if v in text], path
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        assert "CJK" in fonts
