"""Contact sheets of the printed documents: every page of each PDF, small, on one PNG per document.

A typesetter checks a book by looking at all of its pages at once: a stranded heading, a
near-empty page or a form split in two shows at a glance. This renders each PDF with
poppler's pdftoppm at low resolution and tiles the pages, numbered, into docs/print/<slug>.png.

    .venv/bin/python tools/contact_sheets.py [--out docs/print] [--dpi 24] [--columns 10] [PDF …]

Without PDF arguments it takes the last build's documents: public/handbook/campaign.pdf and
print/handbook/*.pdf (run `chabaocu build` first). The PNGs of the town manuals show handbook-
level data only as unreadable thumbnails, and the demo data is fictional anyway.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
LABEL_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def default_pdfs(root: Path) -> list[Path]:
    campaign = root / "public" / "handbook" / "campaign.pdf"
    towns = sorted((root / "print" / "handbook").glob("*.pdf"))
    return ([campaign] if campaign.is_file() else []) + towns


def render_pages(pdf: Path, dpi: int, folder: Path) -> list[Path]:
    """Every page of `pdf` as a PNG in `folder`, in page order."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "p")], check=True)
    return sorted(folder.glob("p-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def sheet(pages: list[Path], columns: int, title: str) -> Image.Image:
    """The pages tiled left to right, top to bottom, each framed and numbered below."""
    images = [Image.open(p).convert("RGB") for p in pages]
    width = max(i.width for i in images)
    height = max(i.height for i in images)
    gap, label, head = 6, 14, 24
    rows = (len(images) + columns - 1) // columns
    out = Image.new("RGB", (gap + columns * (width + gap), head + rows * (height + label + gap)), "#d0d0d0")
    draw = ImageDraw.Draw(out)
    try:
        font = ImageFont.truetype(LABEL_FONT, 12)
        big = ImageFont.truetype(LABEL_FONT, 15)
    except OSError:
        font = big = ImageFont.load_default()
    draw.text((gap, 3), title, fill="#000", font=big)
    for n, image in enumerate(images):
        x = gap + (n % columns) * (width + gap)
        y = head + (n // columns) * (height + label + gap)
        out.paste(image, (x, y))
        draw.rectangle((x - 1, y - 1, x + image.width, y + image.height), outline="#777")
        draw.text((x + width // 2 - 8, y + height + 1), str(n + 1), fill="#000", font=font)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "print")
    parser.add_argument("--dpi", type=int, default=24)
    parser.add_argument("--columns", type=int, default=10)
    args = parser.parse_args(argv)
    if not shutil.which("pdftoppm"):
        print("需要 poppler-utils（pdftoppm）：sudo apt-get install poppler-utils", file=sys.stderr)
        return 2
    pdfs = args.pdfs or default_pdfs(ROOT)
    if not pdfs:
        print("没有 PDF：先运行 chabaocu build", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for pdf in pdfs:
        with tempfile.TemporaryDirectory() as tmp:
            pages = render_pages(pdf, args.dpi, Path(tmp))
            image = sheet(pages, args.columns, f"{pdf.name}（{len(pages)} 页）")
        target = args.out / f"{pdf.stem}.png"
        # 16 grey levels: enough to judge a layout, and ten sheets stay small in the repository.
        image.convert("L").quantize(16).save(target, optimize=True)
        print(f"{target}  {len(pages)} 页")
    return 0


if __name__ == "__main__":
    sys.exit(main())
