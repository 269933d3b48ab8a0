"""builder.images: web sizes with srcset, metadata dropped, and a missing alt is an error at its line."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

from builder.diagnostics import Reporter
from builder.images import MAX_WIDTH, WIDTHS, candidates, process, resolve_sources, responsive_pages
from builder.model import Page


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def jpeg_with_gps(width: int, height: int) -> bytes:
    image = Image.new("RGB", (width, height), (30, 30, 200))
    exif = Image.Exif()
    exif[0x010F] = "示例相机"  # Make
    exif[0x8825] = {1: "N", 2: (36.0, 57.0, 0.0)}  # GPS position of the photographer
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def write(root: Path, rel: str, data: bytes) -> Path:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_large_image_gets_narrower_copies_and_a_capped_main_file(tmp_path):
    path = write(tmp_path, "images/works/big.png", png(2000, 1000))
    images, files = process(tmp_path, [path], Reporter())
    image = images["images/works/big.png"]
    assert [v.width for v in image.variants] == [*WIDTHS, MAX_WIDTH]
    assert [v.path for v in image.variants] == ["images/works/big-480w.png", "images/works/big-960w.png",
                                                "images/works/big.png"]
    assert (image.width, image.height) == (MAX_WIDTH, 720)
    for variant in image.variants:
        with Image.open(io.BytesIO(files[variant.path])) as opened:
            assert opened.size == (variant.width, variant.height)


def test_small_image_is_published_at_its_own_size_only(tmp_path):
    path = write(tmp_path, "images/small.png", png(300, 200))
    images, files = process(tmp_path, [path], Reporter())
    assert [(v.path, v.width) for v in images["images/small.png"].variants] == [("images/small.png", 300)]
    assert set(files) == {"images/small.png"}


def test_camera_metadata_is_dropped(tmp_path):
    path = write(tmp_path, "images/photo.jpg", jpeg_with_gps(1200, 800))
    _, files = process(tmp_path, [path], Reporter())
    for data in files.values():
        with Image.open(io.BytesIO(data)) as opened:
            assert not opened.getexif()


def test_unreadable_image_is_reported(tmp_path):
    path = write(tmp_path, "images/broken.png", b"not an image")
    rep = Reporter()
    images, _ = process(tmp_path, [path], rep)
    assert images == {}
    assert [str(d) for d in rep.errors][0].startswith("content/images/broken.png: 错误: 无法读取图片（image）")


def article(html: str, body: str) -> Page:
    import datetime as dt
    return Page(source="content/news/x.md", section="news", slug="x", url="news/x/", title="标题",
                date=dt.date(2016, 1, 1), meta={}, body=body, body_line=6, html=html)


def test_article_images_get_srcset_sizes_and_dimensions(tmp_path):
    path = write(tmp_path, "images/works/big.png", png(2000, 1000))
    images, _ = process(tmp_path, [path], Reporter())
    page = article('<p><img alt="安全帽漫画" src="../../images/works/big.png"></p>',
                   "第一段\n\n![安全帽漫画](../../images/works/big.png)\n")
    rep = Reporter()
    [out] = responsive_pages([page], images, rep)
    assert not rep.diagnostics
    assert 'srcset="../../images/works/big-480w.png 480w, ../../images/works/big-960w.png 960w, ' \
           '../../images/works/big.png 1440w"' in out.html
    assert 'width="1440" height="720" alt="安全帽漫画"' in out.html
    assert 'sizes="' in out.html and 'loading="lazy"' in out.html


def test_missing_alt_is_an_error_at_the_markdown_line(tmp_path):
    path = write(tmp_path, "images/a.png", png(100, 100))
    images, _ = process(tmp_path, [path], Reporter())
    page = article('<p><img alt="" src="../../images/a.png"></p>', "第一段\n\n![](../../images/a.png)\n")
    rep = Reporter()
    responsive_pages([page], images, rep)
    assert [str(d) for d in rep.errors] == [
        "content/news/x.md:8: 错误: 图片 a.png 缺少替代文字（alt text）\n"
        "    提示: 在 Markdown 里写成 ![一句话描述图片内容](图片路径)，供读屏软件朗读（无障碍要求）"]


def test_missing_image_file_is_an_error_naming_both_places_looked(tmp_path):
    page = article('<p><img alt="图" src="none.png"></p>', "正文\n\n![图](none.png)")
    rep = Reporter()
    responsive_pages([page], {}, rep)
    assert [str(d) for d in rep.errors] == [
        "content/news/x.md:8: 错误: 图片 none.png 找不到：找过 content/news/none.png、content/images/none.png\n"
        "    提示: 把图片放在文章旁边（content/news/）或 content/images/ 下；写成 ![说明](图片.jpg)，以 / 开头的路径从 "
        "content/ 算起。检查文件名的拼写、大小写和扩展名"]


def test_a_path_starting_with_content_gets_its_own_hint(tmp_path):
    page = article('<p><img alt="图" src="content/images/a.png"></p>', "![图](content/images/a.png)")
    rep = Reporter()
    responsive_pages([page], {}, rep)
    assert rep.errors[0].hint == "路径不要以 content/ 开头：写成 images/a.png"


def resolved(tmp_path, files: list[str], markdown_src: str) -> str:
    for rel in files:
        write(tmp_path, rel, png(10, 10))
    page = article(f'<p><img alt="图" src="{markdown_src}"></p>', "")
    return resolve_sources(page, page.html, tmp_path / "content")


def test_an_image_beside_the_article_is_found_first(tmp_path):
    html = resolved(tmp_path, ["news/photo.png", "images/photo.png"], "photo.png")
    assert 'src="../photo.png"' in html  # from news/x/index.html to news/photo.png


def test_then_under_content_images(tmp_path):
    assert 'src="../../images/works/a.png"' in resolved(tmp_path, ["images/works/a.png"], "works/a.png")


def test_a_path_from_the_site_root(tmp_path):
    assert 'src="../../images/a.png"' in resolved(tmp_path, ["images/a.png", "news/images/a.png"], "/images/a.png")


def test_a_path_relative_to_the_article_may_climb_to_content_but_not_out_of_it(tmp_path):
    assert 'src="../../images/a.png"' in resolved(tmp_path, ["images/a.png"], "../images/a.png")
    (tmp_path / "secret.png").write_bytes(png(5, 5))
    assert candidates("content/news/x.md", "../../secret.png") == []
    assert 'src="../../secret.png"' in resolved(tmp_path, [], "../../secret.png")  # left as written: an error later


def test_a_found_image_that_is_not_a_raster_is_kept_as_it_is(tmp_path):
    page = article('<p><img alt="流程图" src="../../images/flow.svg"></p>', "![流程图](flow.svg)")
    rep = Reporter()
    [out] = responsive_pages([page], {}, rep, {"images/flow.svg"})
    assert not rep.diagnostics and out.html == page.html


def test_an_example_alt_text_left_unchanged_is_a_warning(tmp_path):
    path = write(tmp_path, "images/a.png", png(100, 100))
    images, _ = process(tmp_path, [path], Reporter())
    page = article('<p><img alt="一句话描述图片内容" src="../../images/a.png"></p>', "![一句话描述图片内容](a.png)")
    rep = Reporter()
    responsive_pages([page], images, rep)
    assert [d.message for d in rep.warnings] == ["图片 a.png 的说明还是示例文字“一句话描述图片内容”"]


def test_unsafe_image_address_is_reported_at_its_own_line(tmp_path):
    """The sanitiser drops a javascript: address; the error points at the Markdown line that wrote it."""
    from builder.markdown import Renderer

    body = "第一段\n\n第二段\n\n![警示](javascript:alert(1))\n"
    html, _toc = Renderer().convert(body, "news/x/")
    assert "javascript" not in html
    rep = Reporter()
    responsive_pages([article(html, body)], {}, rep)
    assert [str(d) for d in rep.errors] == [
        "content/news/x.md:10: 错误: 图片“警示”的地址不安全，已被删除（只能用 content/ 里的图片或 http(s) 地址）\n"
        "    提示: 把图片放到 content/images/ 下，写成 ![一句话说明](../images/图片.png)；不能用 javascript: 或 data: 地址"]


def test_a_broken_picture_is_named_without_pillows_internals(tmp_path):
    """Not a picture, or a picture cut short (a copy that did not finish): a message a clerk can act on."""
    jpeg = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 30, 30)).save(jpeg, "JPEG")
    paths = [write(tmp_path, "images/text.jpg", b"not a picture\n"),
             write(tmp_path, "images/cut.jpg", jpeg.getvalue()[:600])]
    rep = Reporter()
    process(tmp_path, paths, rep)
    assert sorted(d.message for d in rep.errors) == [
        "无法读取图片（image）：不是图片文件，或是认不出的格式（cannot identify image）",
        "无法读取图片（image）：图片文件不完整（truncated），可能没有下载或复制完"]
