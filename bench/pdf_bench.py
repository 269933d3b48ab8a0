"""PDF cost: every document of the example site printed once, serially, with no cache.

    .venv/bin/python bench/pdf_bench.py [SITE]        # prints one line per document and the totals

Core-seconds per printed page is the figure to watch (issue 18: 0.17 before the print work).
Serial in one process so that CPU time is the document's own, not the pool's; the build
itself prints on every core. Run by bench/run.py (the PDF rows), also with the per-enterprise
forms switched off, to show what one visit record and checklist per roster enterprise cost.
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from builder import pdf
from builder.diagnostics import Reporter
from builder.handbook.render import _images, render_handbooks
from builder.pipeline import prepare


def jobs(site_root: Path) -> list[pdf.PdfJob]:
    site = prepare(site_root, Reporter())[0]
    books = render_handbooks(site, Reporter())
    out = []
    for doc in books.documents:
        css = books.public.get("handbook/print.css") if doc.tree == "public" else books.private.get("print.css")
        resources = {"handbook/print.css": css, **_images(books.html[doc.slug], site_root / "content")}
        out.append(pdf.PdfJob(doc.slug, books.html[doc.slug], doc.html_path, resources))
    return out


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent
    total_cpu = total_pages = 0.0
    wall = time.perf_counter()
    for job in jobs(root):
        start = time.process_time()
        result = pdf.render(job)
        cpu = time.process_time() - start
        pages = len(PdfReader(io.BytesIO(result.data)).pages)
        total_cpu, total_pages = total_cpu + cpu, total_pages + pages
        print(f"  {job.name:<12} {pages:4d} pages  {cpu:6.2f} core-s  {cpu / pages:.3f} core-s/page", flush=True)
    wall = time.perf_counter() - wall
    print(f"PDF total: {total_pages:.0f} pages, {total_cpu:.1f} core-s ({wall:.1f} s serial), "
          f"{total_cpu / total_pages:.3f} core-s/page")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
