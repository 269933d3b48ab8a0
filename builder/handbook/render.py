"""Stage 4 (handbook): render the planned documents to print HTML, then to PDF.

Two output trees, never mixed: the county campaign handbook (public data only) joins the
website under handbook/; the town manuals (handbook-level data) go only to the unpublished
folder site.toml [build] print_output, under handbook/. Each tree gets its own copy of
print.css next to the documents, so either folder can be copied or opened on its own.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder import pdf as pdf_mod
from builder.diagnostics import BuildFailed, Loc, Reporter
from builder.handbook.headings import number_headings
from builder.handbook.plan import Document, common_context, plan_documents
from builder.handbook.wording import check_wording
from builder.model import Site
from builder.schema.core import did_you_mean
from builder.templates import TemplateFailed, make_env, render

CSS = "print.css"
CONTENTS = "<!--contents-->"   # where document.html wants the contents page, made after numbering
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


@dataclass
class Handbooks:
    """The rendered documents: files of the website tree and of the print tree, plus PDF figures."""

    documents: list[Document]
    html: dict[str, str] = field(default_factory=dict)         # document slug -> print HTML
    public: dict[str, bytes] = field(default_factory=dict)     # path in the website output
    private: dict[str, bytes] = field(default_factory=dict)    # path in print_output/handbook/
    pdf_rendered: int = 0
    pdf_cached: int = 0
    pdf_seconds: float = 0.0
    # What the documents were rendered with; rendering them again without their PDF link, and
    # the index, reuse it (compiling the print templates costs about a second).
    env: Any = None

    def printed(self, tree: str) -> dict[str, str]:
        """Each PDF of `tree` ("public" or "print") by its path there, with the print HTML it was
        printed from (the privacy scan reads that instead of the PDF)."""
        files = self.public if tree == "public" else self.private
        return {_in_tree(doc, doc.pdf_path): self.html[doc.slug] for doc in self.documents
                if doc.tree == tree and doc.slug in self.html and _in_tree(doc, doc.pdf_path) in files}


def handbook_env(site: Site, compiled: Path | None = None):
    """The theme's Jinja environment (the print templates use the same filters as the site's);
    `compiled`: where the templates are kept compiled between runs (templates.make_env)."""
    return make_env(site.config.theme_dir, site.config.root, compiled)


def render_handbooks(site: Site, rep: Reporter, *, town: str | None = None,
                     compiled: Path | None = None) -> Handbooks:
    """Plan and render every document (or one town's manual) to print HTML.

    The screen version links its PDF; unlink_missing_pdfs takes the link out again where no
    PDF comes with this build. The print tree's index.html is made last (render_index).
    `compiled` keeps the print templates compiled between runs (a check then starts 0.4 s sooner).
    """
    try:
        documents = plan_documents(site, town)
    except KeyError:
        names = [t.raw["name"] for t in site.records["towns"]]
        guess = did_you_mean(town, names + [t.key for t in site.records["towns"]])
        rep.error(Loc("--town"), f"找不到镇街“{town}”",
                  f"是否想写“{guess}”？" if guess else "可选：" + "、".join(names))
        raise BuildFailed(rep.sorted()) from None
    if any(doc.kind == "town" for doc in documents):
        warn_missing_names(site, rep, [doc.slug for doc in documents if doc.kind == "town"])
    env = handbook_env(site, compiled)
    css = env.loader.get_source(env, f"handbook/{CSS}")[0].encode("utf-8")
    books = Handbooks(documents, env=env)
    for doc in documents:
        _render_document(books, doc, site, rep, env, with_pdf=True)
    if any(doc.tree == "public" for doc in documents):
        books.public[f"handbook/{CSS}"] = css
    if any(doc.tree == "print" for doc in documents):
        books.private[CSS] = css
    return books


def warn_missing_names(site: Site, rep: Reporter, towns: list[str]) -> None:
    """The contacts table prints the names the records hold: warn where one is missing.

    The town manual then prints a write-in blank in its place (never an empty column). The
    county's two contacts ([handbook] county_contact, safety_contact) are settings, not records,
    and are optional: unset, they print as a write-in blank without a warning.
    """
    hint = "在联络人下面加一行 name: 姓名（只印在督导手册里，不上网站）"
    for town in site.records["towns"]:
        if town.key not in towns:
            continue
        line = town.lines.get("contacts", town.loc.line)
        for contact in town.raw.get("contacts") or []:
            if not contact.get("name"):
                rep.warning(town.loc.at(line),
                            f"{town.raw['name']}的联络人“{contact['role']}”没有姓名（name）："
                            "督导手册联络表的姓名栏只能留空手填", hint)


def _render_document(books: Handbooks, doc: Document, site: Site, rep: Reporter, env, *, with_pdf: bool) -> None:
    pdf_link = [(doc.slug + ".pdf", "下载 PDF 版（A4 打印）")] if with_pdf else []
    back = ("../index.html", "返回活动专题首页") if doc.tree == "public" else ("index.html", "全部督导手册")
    context = {**common_context(site), **doc.context, "doc": doc, "links": [*pdf_link, back]}
    where = f"手册 {doc.html_path}"
    try:
        html = render(env, "handbook/document.html", context, rep, site.config.root, where)
        html, entries = number_headings(html)
        contents = render(env, "handbook/toc.html", {**context, "entries": entries}, rep, site.config.root, where)
    except TemplateFailed:
        return
    html = html.replace(CONTENTS, contents, 1)
    check_wording(html, doc, site, rep)
    books.html[doc.slug] = html
    _tree(books, doc)[_in_tree(doc, doc.html_path)] = html.encode("utf-8")


def _tree(books: Handbooks, doc: Document) -> dict[str, bytes]:
    return books.public if doc.tree == "public" else books.private


def unlink_missing_pdfs(books: Handbooks, site: Site, rep: Reporter) -> None:
    """Render again, without the 下载 PDF link, each document that has no PDF in this build.

    (The PDF is made from the linked version, so its cache key does not depend on --no-pdf.)
    """
    for doc in books.documents:
        if doc.slug in books.html and _in_tree(doc, doc.pdf_path) not in _tree(books, doc):
            _render_document(books, doc, site, rep, books.env, with_pdf=False)


def render_index(site: Site, rep: Reporter, private: dict[str, bytes], env=None) -> bytes | None:
    """print_output/handbook/index.html: every town's manual, and its PDF where there is one.

    Made from the finished folder, so a manual kept from an earlier run (--town) is listed too.
    """
    env = env or handbook_env(site)
    towns = [(t.key, t.raw["name"], f"{t.key}.html" in private, f"{t.key}.pdf" in private)
             for t in site.records["towns"]]
    try:
        html = render(env, "handbook/index.html", {**common_context(site), "towns": towns},
                      rep, site.config.root, "督导手册目录 index.html")
    except TemplateFailed:
        return None
    return html.encode("utf-8")


def _in_tree(doc: Document, path: str) -> str:
    """The website tree keeps handbook/; the print tree *is* print_output/handbook/."""
    return path if doc.tree == "public" else path.removeprefix("handbook/")


def add_pdfs(books: Handbooks, site: Site, rep: Reporter, *, names: dict[str, str],
             cache: pdf_mod.PdfCache, render_new: bool = True, on_printed=None) -> None:
    """Print every rendered document to PDF (cached), reporting missing glyphs as errors.

    `names` maps "public"/"print" to the folder names shown in messages. With `render_new`
    False (--no-pdf) only PDFs already in the cache are added: an up-to-date PDF is kept
    without the cost of printing, and an out-of-date one is left out rather than shipped.
    `on_printed(done, total)` is told as each document is printed (builder.progress).
    """
    started = time.perf_counter()
    css_path = f"handbook/{CSS}"
    jobs, where = [], {}
    for doc in books.documents:
        if doc.slug not in books.html:
            continue
        html = books.html[doc.slug]
        css = books.public.get(css_path) if doc.tree == "public" else books.private.get(CSS)
        resources = {css_path: css or b"", **_images(html, site.config.root / "content")}
        name = f"{names[doc.tree]}/handbook/{doc.slug}.pdf"
        jobs.append(pdf_mod.PdfJob(name, html, doc.html_path, resources))
        where[name] = doc
    missing = pdf_mod.missing_speedups() if render_new and jobs else []
    if missing:
        rep.warning(Loc("系统软件包"), *pdf_mod.speedup_notice(missing))
    try:
        results = pdf_mod.render_all(jobs, cache, render_new=render_new, on_done=on_printed)
    except pdf_mod.PdfUnavailable as exc:
        if not render_new:
            return  # no PDFs were asked for: a machine without WeasyPrint may still build the site
        rep.error(Loc("site.toml"), f"无法加载 WeasyPrint（生成 PDF 所需的程序库）：{exc}",
                  "运行 make site，或 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0；"
                  "只需要网页时可加 --no-pdf，或在 site.toml 的 [build] 写 pdf = false")
        return
    for result in results:
        doc = where[result.name]
        if result.missing:
            shown = "".join(result.missing[:40]) + ("……" if len(result.missing) > 40 else "")
            codes = "、".join(f"U+{ord(ch):04X}" for ch in result.missing[:6])
            rep.error(Loc(result.name), f"PDF 中有 {len(result.missing)} 个字符没有可用的字体，会印成方框"
                                        f"（缺字 .notdef，missing glyphs）：“{shown}”（{codes}…）", pdf_mod.INSTALL_HINT)
            continue
        for warning in result.warnings:
            rep.warning(Loc(result.name), f"PDF 渲染提示（WeasyPrint）：{warning}")
        assert result.data is not None
        _tree(books, doc)[_in_tree(doc, doc.pdf_path)] = result.data
        if result.cached:
            books.pdf_cached += 1
        else:
            books.pdf_rendered += 1
    books.pdf_seconds = time.perf_counter() - started


def _images(html: str, content: Path) -> dict[str, bytes]:
    """The content images a document shows (src="../images/…"), read from content/ itself.

    The originals, not the website's resized copies: the PDF then depends only on the sources
    (one cache key whichever command printed it), and print wants the full resolution.
    """
    found = {}
    for rel in sorted(set(_IMG.findall(html))):
        path = content / rel
        if rel.lower().endswith(IMAGE_SUFFIXES) and path.is_file() and path.resolve().is_relative_to(content.resolve()):
            found[rel] = path.read_bytes()
    return found


_IMG = re.compile(r'<img[^>]*\ssrc="\.\./([^"#?]+)"')
