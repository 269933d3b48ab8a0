"""Relative URLs, so one output works at a domain root, under a sub-path and from file://."""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import urlsplit


def output_path(url: str) -> str:
    """The file a site-relative URL is written to: 'news/x/' -> 'news/x/index.html'."""
    if url == "" or url.endswith("/"):
        return url + "index.html"
    return url


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at `from_url` to `to_url` (both site-relative), ending in a file.

    Folder URLs get 'index.html' appended, because a browser opening the site from disk
    (file://, a USB copy) shows a folder listing instead of the folder's index page.
    """
    fragment = ""
    if "#" in to_url:
        to_url, fragment = to_url.split("#", 1)
        fragment = "#" + fragment
        if to_url == "":
            return fragment
    base = _folder_parts(from_url)
    parts = _target_parts(to_url)
    if parts is None or base is None:
        target = output_path(to_url.lstrip("/"))
        return posixpath.relpath(target, posixpath.dirname(output_path(from_url)) or ".") + fragment
    # posixpath.relpath, done on plain parts: a site links every page to dozens of others,
    # and relpath's abspath calls were a tenth of the render time at 5,000 pages. Both ends'
    # parts are remembered: the same few hundred targets are linked from every page.
    common = 0
    for mine, theirs in zip(base, parts):
        if mine != theirs:
            break
        common += 1
    return "../" * (len(base) - common) + "/".join(parts[common:]) + fragment


# Paths relpath would normalise ('.', '..', '//', a trailing '/'): left to relpath itself.
_IRREGULAR = re.compile(r"(^|/)\.\.?(/|$)|//|/$")


@functools.lru_cache(maxsize=16384)
def _target_parts(to_url: str) -> tuple[str, ...] | None:
    target = output_path(to_url.lstrip("/"))
    return None if _IRREGULAR.search(target) else tuple(target.split("/"))


@functools.lru_cache(maxsize=4096)
def _folder_parts(from_url: str) -> tuple[str, ...] | None:
    folder = posixpath.dirname(output_path(from_url))
    if _IRREGULAR.search(folder) or folder.startswith("/"):
        return None
    return tuple(folder.split("/")) if folder else ()


def is_external(href: str) -> bool:
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc)


def rewrite_link(href: str, page_url: str) -> str:
    """Make a link written in Markdown work from disk: '/news/x/' and '../x/' end in index.html."""
    if not href or is_external(href) or href.startswith(("#", "mailto:", "tel:")):
        return href
    path, sep, fragment = href.partition("#")
    query = ""
    if "?" in path:
        path, query = path.split("?", 1)
        query = "?" + query
    if path.startswith("/"):
        link = relative(page_url, path.lstrip("/"))
    else:
        link = path + "index.html" if path.endswith("/") else path
    return link + query + (sep + fragment if sep else "")
