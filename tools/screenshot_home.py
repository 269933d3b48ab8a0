"""Regenerate docs/home-phone.png and docs/home-desktop.png from a built site.

    .venv/bin/python -m builder build
    .venv/bin/python tools/screenshot_home.py            # reads public/, writes docs/

Uses Debian's /usr/bin/chromium through Playwright (never `playwright install`).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SHOTS = {"home-desktop.png": {"width": 1280, "height": 900}, "home-phone.png": {"width": 390, "height": 844}}


def main(public: Path = ROOT / "public", docs: Path = ROOT / "docs") -> None:
    docs.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, viewport in SHOTS.items():
            context = browser.new_context(viewport=viewport, device_scale_factor=1,
                                          is_mobile=viewport["width"] < 600)
            page = context.new_page()
            page.goto((public / "index.html").as_uri())
            png = page.screenshot(full_page=True)
            # A 256-colour palette keeps the text crisp at a third of the file size.
            image = Image.open(io.BytesIO(png)).convert("RGB").quantize(256, method=Image.Quantize.MEDIANCUT)
            image.save(docs / name, optimize=True)
            print(docs / name, image.size)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:]))
