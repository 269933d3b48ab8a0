"""Every internal link and asset of the output resolves to a file: at a domain root, under a
sub-path and from a USB copy alike, because every link is relative and names a file."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from sitehtml import parse

CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def internal(href: str) -> bool:
    parts = urlsplit(href)
    return not (parts.scheme or parts.netloc) and not href.startswith(("mailto:", "tel:", "data:"))


def resolve(page: str, href: str) -> tuple[str, str]:
    """(output path, fragment) that `href` on the page at output path `page` points to."""
    parts = urlsplit(href)
    path = unquote(parts.path)
    target = page if path == "" else posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    return target, unquote(parts.fragment)


def all_links(root: Path) -> list[tuple[str, str]]:
    """(output path of the file, link) for every href/src/srcset in HTML and url() in CSS."""
    links = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.suffix == ".html":
            for _tag, _attr, value in parse(path.read_text(encoding="utf-8")).links:
                links.append((rel, value))
        elif path.suffix == ".css":
            links += [(rel, value) for value in CSS_URL.findall(path.read_text(encoding="utf-8"))]
    return links


@pytest.fixture(scope="session")
def ids_of(public):
    cache: dict[str, set[str]] = {}

    def ids(rel: str) -> set[str]:
        if rel not in cache:
            cache[rel] = set(parse((public / rel).read_text(encoding="utf-8")).ids)
        return cache[rel]
    return ids


def check_tree(root: Path, ids_of, base_path: str) -> list[str]:
    problems = []
    for page, href in all_links(root):
        if not internal(href):
            continue
        if page == "404.html" and href.startswith(base_path):
            # The server shows 404.html at any depth: it links from the site's path on the server.
            href = href[len(base_path):]
        if href.startswith("/"):
            problems.append(f"{page}: root-relative link {href} breaks under a sub-path and from file://")
            continue
        target, fragment = resolve(page, href)
        if target.startswith(".."):
            problems.append(f"{page}: {href} leaves the site")
        elif not (root / target).is_file():
            problems.append(f"{page}: {href} -> {target} does not exist"
                            + (" (a folder link: file:// shows a listing, not index.html)" if (root / target).is_dir()
                               else ""))
        elif fragment and target.endswith(".html") and fragment not in ids_of(target):
            problems.append(f"{page}: {href} -> no element with id {fragment!r} in {target}")
    return problems


@pytest.fixture(scope="session")
def base_path(config) -> str:
    return urlsplit(config["site"]["base_url"]).path


def test_every_internal_link_and_asset_resolves(public, ids_of, base_path):
    links = all_links(public)
    assert len(links) > 1000  # the check saw the whole site, not an empty folder
    assert check_tree(public, ids_of, base_path) == []


def test_the_usb_copy_under_a_sub_path_resolves_too(usb_copy, ids_of, base_path):
    # Same files under "U盘 备份/zt/cbc2016/": links never climb above the site's own folder.
    assert check_tree(usb_copy, ids_of, base_path) == []


def test_the_404_page_works_at_any_depth(html_files, base_path):
    page = html_files["404.html"]
    assert f'href="{base_path}static/site.css"' in page
    assert f'href="{base_path}index.html"' in page


def test_no_page_links_outside_except_declared_addresses(public):
    outside = {href for page, href in all_links(public) if not internal(href)}
    # Only the reader-facing contact addresses, never a CDN or a tracker.
    assert all(h.startswith(("mailto:", "tel:", "http://", "https://")) for h in outside), outside
    for page, href in all_links(public):
        if href.startswith(("http://", "https://")):
            assert page.endswith(".html"), (page, href)
            assert not re.search(r"\.(js|css|woff2?|png|jpe?g|svg)(\?|$)", href), (page, href)


def test_sitemap_xml_lists_existing_pages_under_the_base_url(public, config):
    base = config["site"]["base_url"]
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in ET.parse(public / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert len(locs) > 50
    for loc in locs:
        assert loc.startswith(base), loc
        rel = loc[len(base):]
        assert (public / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)).is_file(), loc
    assert base + "404.html" not in locs


def test_feed_is_atom_with_existing_entries(public, config):
    base = config["site"]["base_url"]
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.parse(public / "feed.xml").getroot()
    entries = feed.findall(f"{atom}entry")
    assert entries
    for entry in entries:
        link = entry.find(f"{atom}link").get("href")
        assert (public / link[len(base):] / "index.html").is_file(), link


def test_robots_points_at_the_sitemap(public, config):
    assert f"Sitemap: {config['site']['base_url']}sitemap.xml" in (public / "robots.txt").read_text(encoding="utf-8")


def test_canonical_urls_follow_the_base_url(html_files, config):
    base = config["site"]["base_url"]
    for path, html in html_files.items():
        if path.startswith("handbook/") or path == "404.html":
            continue
        folder = "" if path == "index.html" else path.removesuffix("index.html")
        assert f'<link rel="canonical" href="{base}{folder}">' in html, path
