"""The Atom feed (feed.xml) is valid RFC 4287, read by a real feed parser (feedparser) and checked
element by element: what a feed reader needs to subscribe, to tell entries apart and to update."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

import feedparser
import pytest

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def feed_bytes(public) -> bytes:
    return (public / "feed.xml").read_bytes()


def test_a_feed_reader_reads_it_without_complaint(feed_bytes, config, html_files):
    feed = feedparser.parse(feed_bytes)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    base = config["site"]["base_url"]
    assert feed.feed.title == config["site"]["title"]
    assert feed.feed.id == base
    assert feed.feed.updated_parsed is not None
    assert feed.feed.author_detail.name == "、".join(config["site"]["organizers"])
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == base + "feed.xml" and links["alternate"] == base
    articles = {path for path in html_files if path.startswith(("news/2", "notices/2"))}
    assert len(feed.entries) == len(articles) > 10
    for entry in feed.entries:
        assert entry.title and entry.summary
        assert entry.id == entry.link and entry.link.startswith(base)
        assert entry.link.removeprefix(base) + "index.html" in articles
        assert entry.updated_parsed is not None
    assert len({entry.id for entry in feed.entries}) == len(feed.entries)


def test_every_element_rfc_4287_requires_is_there_once(feed_bytes):
    root = ET.fromstring(feed_bytes)
    assert root.tag == ATOM + "feed"
    for name in ("id", "title", "updated", "author"):
        assert len(root.findall(ATOM + name)) == 1, name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    assert [link.get("href") for link in root.findall(ATOM + "link") if link.get("rel") == "self"]
    updated = datetime.fromisoformat(root.find(ATOM + "updated").text)
    entries = root.findall(ATOM + "entry")
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(ATOM + name)) == 1, name
        assert entry.find(ATOM + "link").get("rel") == "alternate"
        assert datetime.fromisoformat(entry.find(ATOM + "updated").text) <= updated
    newest_first = [datetime.fromisoformat(e.find(ATOM + "updated").text) for e in entries]
    assert newest_first == sorted(newest_first, reverse=True)
