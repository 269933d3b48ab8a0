"""Content images for the web: resized at build time (Pillow), with srcset/sizes and required alt text.

Where a picture is: `![说明](photo.jpg)` in content/news/x.md is looked for beside the article
first (content/news/photo.jpg), then under content/images/ (content/images/photo.jpg); a path
starting with / is from content/ itself (/images/works/a.png). resolve_sources points each
<img> of an article at the file found; an image found nowhere is an error naming every place
looked (responsive_pages).

Every raster image under content/ is published at its own path, re-encoded no wider than
MAX_WIDTH (a 4000-pixel phone photo is 5 MB; camera metadata such as GPS position is dropped
on the way), plus narrower copies named <name>-<width>w.<ext> for `srcset`. An <img> in an
article without alt text, or pointing at an image that does not exist, is a build error at
the Markdown file's line: readers using a screen reader (and GB/T 37668) need the text.
"""

from __future__ import annotations

import dataclasses
import html as html_lib
import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from builder.cache import Cache
from builder.diagnostics import Loc, Reporter, os_error_reason
from builder.model import Page, Site
from builder.urls import output_path, relative

RASTER = (".png", ".jpg", ".jpeg", ".webp")
WIDTHS = (480, 960)
MAX_WIDTH = 1440
# The article column is at most ~46em (about 780 CSS px at the default size) wide.
ARTICLE_SIZES = "(min-width: 52em) 46em, 100vw"


@dataclass(frozen=True, slots=True)
class Variant:
    path: str      # site-relative output path
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class WebImage:
    """One published image: the main file (at the source's own path) and its narrower copies."""

    src: str
    width: int
    height: int
    variants: tuple[Variant, ...]   # narrowest first, the main file last

    def srcset(self, page_url: str) -> str:
        return ", ".join(f"{relative(page_url, v.path)} {v.width}w" for v in self.variants)


def is_raster(path: Path) -> bool:
    return path.suffix.lower() in RASTER


def _variant_path(rel: str, width: int) -> str:
    stem, ext = posixpath.splitext(rel)
    return f"{stem}-{width}w{ext}"


def _encode(image: Image.Image, suffix: str) -> bytes:
    out = io.BytesIO()
    if suffix in (".jpg", ".jpeg"):
        image.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif suffix == ".webp":
        image.save(out, "WEBP", quality=85, method=6)
    else:
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _resize(data: bytes, rel: str) -> tuple[WebImage, dict[str, bytes]]:
    suffix = posixpath.splitext(rel)[1].lower()
    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)  # phone photos are stored sideways with a rotate tag
        image.load()
    if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        image = image.convert("RGBA")
    files: dict[str, bytes] = {}
    variants = []
    for width in WIDTHS:
        if width < min(image.width, MAX_WIDTH):
            height = round(image.height * width / image.width)
            path = _variant_path(rel, width)
            files[path] = _encode(image.resize((width, height), Image.LANCZOS), suffix)
            variants.append(Variant(path, width, height))
    main = image
    if image.width > MAX_WIDTH:
        main = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)), Image.LANCZOS)
    files[rel] = _encode(main, suffix)
    variants.append(Variant(rel, main.width, main.height))
    return WebImage(rel, main.width, main.height, tuple(variants)), files


def candidates(page_source: str, src: str) -> list[str]:
    """Where an image written `src` in the Markdown file `page_source` may be, in the order
    looked: content-relative paths, none of them outside content/."""
    path = html_lib.unescape(src).split("#", 1)[0].split("?", 1)[0]
    if path.startswith("/"):
        found = [posixpath.normpath(path.lstrip("/"))]
    else:
        folder = posixpath.dirname(page_source.removeprefix("content/"))
        found = [posixpath.normpath(posixpath.join(folder, path)), posixpath.normpath(posixpath.join("images", path))]
    return [c for c in dict.fromkeys(found) if c != ".." and not c.startswith(("../", "/"))]


def _local(src: str) -> bool:
    return bool(src) and "://" not in src and not src.startswith(("data:", "//"))


def resolve_sources(page: Page, html: str, content: Path) -> str:
    """The article's HTML with each local image pointing at the file found (relative to the page's
    URL); a source found nowhere is left as written, for responsive_pages to report."""
    if "<img" not in html:
        return html

    def point(match: re.Match) -> str:
        tag = match.group(0)
        src_match = _SRC.search(tag)
        if src_match is None or not _local(html_lib.unescape(src_match.group(1))):
            return tag
        for candidate in candidates(page.source, src_match.group(1)):
            if (content / candidate).is_file():
                new = html_lib.escape(relative(page.url, candidate), quote=True)
                return tag[:src_match.start(1)] + new + tag[src_match.end(1):]
        return tag
    return _IMG.sub(point, html)


_SRC = re.compile(r'\ssrc="([^"]*)"')


def process(root: Path, assets: list[Path], rep: Reporter, cache: Cache | None = None
            ) -> tuple[dict[str, WebImage], dict[str, bytes]]:
    """Resize every raster asset under content/; returns (site path -> WebImage, output files)."""
    cache = cache or Cache(None)
    content = root / "content"
    images: dict[str, WebImage] = {}
    files: dict[str, bytes] = {}
    for path in sorted(p for p in assets if is_raster(p)):
        rel = path.relative_to(content).as_posix()
        data = path.read_bytes()
        key = cache.key("image", rel, str(WIDTHS), str(MAX_WIDTH), data)
        done = cache.get(key)
        if done is None:
            try:
                done = _resize(data, rel)
            except (OSError, ValueError, Image.DecompressionBombError) as exc:
                rep.error(Loc(path.relative_to(root).as_posix()), f"无法读取图片（image）：{_image_problem(exc)}",
                          "请用常见格式（PNG、JPEG）重新保存这张图片")
                continue
            cache.put(key, done)
        images[rel], produced = done
        files.update(produced)
    return images, files


def wanted(site: Site, visibility: str) -> tuple[set[str], set[str]]:
    """(images this output shows, images anything mentions), as content-relative paths.

    A cartoon whose author has not consented to publication is mentioned but not shown: its
    file must not be published either, or anyone could fetch it by guessing the name.
    """
    shown: set[str] = set()
    mentioned: set[str] = set()
    for work in site.records.get("works", []):
        image = work.raw.get("image")
        if image:
            mentioned.add(image)
            if visibility != "public" or work.raw.get("consent"):
                shown.add(image)
    for page in site.pages:
        if page.cover:
            shown.add(page.cover)
            mentioned.add(page.cover)
        for tag in _IMG.findall(page.html):
            src = dict(_ATTR.findall(tag)).get("src", "")
            if src and "://" not in src and not src.startswith("data:"):
                path = posixpath.normpath(posixpath.join(posixpath.dirname(output_path(page.url)),
                                                         html_lib.unescape(src)))
                shown.add(path)
                mentioned.add(path)
    return shown, mentioned


_IMG = re.compile(r"<img\b[^>]*>")
# The example alt texts a clerk copies from the guide or from `new`'s stub and forgets to change.
ALT_PLACEHOLDERS = frozenset({"一句话描述图片内容", "图片说明", "一句话说明", "说明", "图片", "照片", "image", "photo"})
_ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def responsive_pages(pages: list[Page], images: dict[str, WebImage], rep: Reporter,
                     assets: set[str] | None = None) -> list[Page]:
    """Articles with srcset/sizes/width/height on every <img>; a missing alt or file is an error.

    `assets`: every file under content/ (content-relative); an image found there that is not a
    web raster (an SVG, a GIF) is published as it is, without sizes.
    """
    out = []
    for page in pages:
        if "<img" not in page.html:
            out.append(page)
            continue
        html = _IMG.sub(lambda m, page=page: _rewrite(m.group(0), page, images, rep, assets or set()), page.html)
        out.append(dataclasses.replace(page, html=html))
    return out


def _rewrite(tag: str, page: Page, images: dict[str, WebImage], rep: Reporter, assets: set[str]) -> str:
    attrs = {name: html_lib.unescape(value) for name, value in _ATTR.findall(tag)}
    src = attrs.get("src", "")
    if "://" in src or src.startswith("data:"):
        return tag  # an outside image is the link checker's business, not a file to resize
    if not src:
        # The sanitiser removed the address (javascript:, data:, vbscript: …): say so at its line.
        alt = attrs.get("alt", "")
        rep.error(_line_of(page, f"![{alt}](" if alt else "![", "javascript:", "data:"),
                  f"图片“{alt or '（没有说明）'}”的地址不安全，已被删除（只能用 content/ 里的图片或 http(s) 地址）",
                  "把图片放到 content/images/ 下，写成 ![一句话说明](../images/图片.png)；不能用 javascript: 或 data: 地址")
        return tag
    target = posixpath.normpath(posixpath.join(posixpath.dirname(output_path(page.url)), src))
    loc = _line_of(page, posixpath.basename(src))
    if not attrs.get("alt", "").strip():
        rep.error(loc, f"图片 {posixpath.basename(src)} 缺少替代文字（alt text）",
                  "在 Markdown 里写成 ![一句话描述图片内容](图片路径)，供读屏软件朗读（无障碍要求）")
    elif attrs["alt"].strip() in ALT_PLACEHOLDERS:
        rep.warning(loc, f"图片 {posixpath.basename(src)} 的说明还是示例文字“{attrs['alt'].strip()}”",
                    "把方括号里的文字换成这张图片的内容，例如 ![职工按疏散路线撤离](drill.jpg)")
    image = images.get(target)
    if image is None:
        if target in assets:
            return tag  # found (resolve_sources), but not a raster to make web sizes of
        tried = candidates(page.source, src)
        where = "、".join(f"content/{t}" for t in tried) or "content/ 里"
        folder = posixpath.dirname(page.source)
        hint = (f"把图片放在文章旁边（{folder}/）或 content/images/ 下；写成 ![说明](图片.jpg)，以 / 开头的路径从 "
                "content/ 算起。检查文件名的拼写、大小写和扩展名")
        if src.startswith("content/"):
            hint = f"路径不要以 content/ 开头：写成 {src.removeprefix('content/')}"
        rep.error(loc, f"图片 {src} 找不到：找过 {where}", hint)
        return tag
    alt = html_lib.escape(attrs.get("alt", ""), quote=True)
    return (f'<img src="{relative(page.url, image.src)}" srcset="{image.srcset(page.url)}" '
            f'sizes="{ARTICLE_SIZES}" width="{image.width}" height="{image.height}" alt="{alt}" '
            f'loading="lazy" decoding="async">')


def _line_of(page: Page, *needles: str) -> Loc:
    """The source line that mentions the image (the first needle found), for a message the clerk can act on."""
    lines = page.body.split("\n")
    for needle in needles:
        for offset, line in enumerate(lines):
            if needle and needle in line:
                return Loc(page.source, page.body_line + offset)
    return Loc(page.source, page.body_line)


def _image_problem(exc: Exception) -> str:
    """Why Pillow could not read a picture, without its internals (object addresses) in the message."""
    if isinstance(exc, UnidentifiedImageError):
        return "不是图片文件，或是认不出的格式（cannot identify image）"
    if isinstance(exc, Image.DecompressionBombError):
        return "图片的像素太多（image too large）"
    if isinstance(exc, OSError) and exc.errno is not None:
        return os_error_reason(exc)
    if "truncated" in str(exc).lower():
        return "图片文件不完整（truncated），可能没有下载或复制完"
    return str(exc)
