"""content/images/works/manhua-0N.png: the six cartoons data/works.yaml shows."""

from __future__ import annotations

import io
from pathlib import Path


def draw_cartoons(images_dir: Path) -> dict[Path, bytes]:
    """Six flat 800×600 PNG drawings (path -> bytes); no text, no metadata, so the bytes never change."""
    from PIL import Image, ImageDraw

    ink = (40, 40, 40)

    def helmet(d):
        d.rectangle([0, 470, 800, 600], fill=(150, 180, 200))
        d.pieslice([220, 150, 580, 470], 180, 360, fill=(245, 190, 30), outline=(120, 80, 0), width=6)
        d.rectangle([385, 152, 415, 308], fill=(255, 215, 80))
        d.rounded_rectangle([160, 300, 640, 345], radius=20, fill=(230, 170, 20), outline=(120, 80, 0), width=6)

    def warning(d):
        d.polygon([(400, 80), (670, 530), (130, 530)], fill=(250, 205, 30), outline=ink, width=14)
        d.rounded_rectangle([378, 220, 422, 410], radius=18, fill=ink)
        d.ellipse([376, 435, 424, 483], fill=ink)

    def extinguisher(d):
        d.rectangle([0, 520, 800, 600], fill=(200, 200, 200))
        d.rounded_rectangle([320, 200, 480, 540], radius=40, fill=(210, 35, 35), outline=(120, 10, 10), width=6)
        d.rectangle([370, 150, 430, 205], fill=(60, 60, 60))
        d.polygon([(430, 150), (520, 130), (520, 150), (430, 172)], fill=(60, 60, 60))
        d.line([(370, 165), (290, 180), (260, 260), (270, 380)], fill=ink, width=14, joint="curve")
        d.rectangle([345, 300, 455, 380], fill=(245, 235, 225))

    def goggles(d):
        d.rectangle([90, 282, 710, 318], fill=(70, 70, 80))
        for box in ([190, 210, 390, 390], [410, 210, 610, 390]):
            d.rounded_rectangle(box, radius=60, fill=(150, 210, 240), outline=(40, 60, 80), width=16)
        d.rectangle([385, 280, 415, 320], fill=(40, 60, 80))

    def exit_sign(d):
        white = (255, 255, 255)
        d.rounded_rectangle([120, 140, 680, 460], radius=24, fill=(20, 150, 70))
        d.rectangle([520, 190, 620, 420], outline=white, width=12)
        d.ellipse([290, 190, 350, 250], fill=white)
        d.line([(315, 255), (290, 340)], fill=white, width=22)
        d.line([(300, 275), (360, 300), (400, 280)], fill=white, width=16)
        d.line([(300, 275), (245, 310)], fill=white, width=16)
        d.line([(290, 340), (340, 380), (330, 430)], fill=white, width=18)
        d.line([(290, 340), (240, 400)], fill=white, width=18)
        d.polygon([(420, 300), (480, 300), (480, 275), (515, 315), (480, 355), (480, 330), (420, 330)], fill=white)

    def stop(d):
        d.ellipse([200, 100, 600, 500], fill=(215, 30, 30), outline=(130, 10, 10), width=10)
        d.rectangle([262, 270, 538, 330], fill=(255, 255, 255))

    backgrounds = ((222, 236, 246), (255, 248, 225), (240, 240, 236), (232, 244, 236), (236, 240, 250), (250, 238, 238))
    files = {}
    for n, (draw, bg) in enumerate(zip((helmet, warning, extinguisher, goggles, exit_sign, stop), backgrounds), 1):
        image = Image.new("RGB", (800, 600), bg)
        draw(ImageDraw.Draw(image))
        data = io.BytesIO()
        image.save(data, format="PNG")  # Pillow writes no tIME/text chunks unless asked
        files[images_dir / f"manhua-{n:02d}.png"] = data.getvalue()
    return files
