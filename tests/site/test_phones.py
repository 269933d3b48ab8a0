"""One source for every phone number: nothing prints a number that site.toml (or a record's own
phone field) does not give, so the site and the print can never disagree."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Landlines with an area code and mobiles, anywhere; the 1235x service lines (12350, 12351) in
# pages only (a five-digit count in a CSV is not a phone number).
PHONE = re.compile(r"(?<![\d-])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?![\d-])")
HOTLINE = re.compile(r"(?<![\d-])1235\d(?![\d-])")
PAGES = (".html", ".xml", ".txt")
TEXT = (*PAGES, ".js", ".json", ".csv", ".css", ".svg")
PLACEHOLDER = re.compile(r"\{\{\s*电话\s*[:：][^{}]*\}\}")


def printed(folder: Path) -> dict[str, set[str]]:
    """Phone number -> output files that print it."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in TEXT:
            text = path.read_text(encoding="utf-8", errors="replace")
            numbers = PHONE.findall(text) + (HOTLINE.findall(text) if path.suffix in PAGES else [])
            for number in numbers:
                found.setdefault(number, set()).add(path.relative_to(folder).as_posix())
    return found


def test_every_phone_number_on_the_site_is_in_site_toml_or_a_towns_public_line(public, config, data):
    declared = {c["phone"] for c in config["contacts"]}
    unions = {t["union_phone"] for t in data["towns"]}
    shown = printed(public)
    strays = {n: sorted(f)[:3] for n, f in shown.items() if n not in declared | unions}
    assert not strays, strays
    # Every number site.toml declares is actually used somewhere, and the campaign's own is on every page.
    assert declared <= set(shown)
    campaign = next(c["phone"] for c in config["contacts"] if c.get("campaign"))
    assert len(shown[campaign]) >= 50


def test_every_phone_number_in_the_manuals_is_declared_once(example_build, config, data):
    declared = {c["phone"] for c in config["contacts"]}
    towns = {t["union_phone"] for t in data["towns"]} | {c["phone"] for t in data["towns"] for c in t.get("contacts", [])}
    firms = {e["phone"] for e in data["enterprises"] if e.get("phone")}
    shown = printed(example_build.print)
    strays = {n: sorted(f)[:3] for n, f in shown.items() if n not in declared | towns | firms}
    assert not strays, strays
    # The county contact the manuals print is the one the monthly-report notice gives.
    campaign = next(c["phone"] for c in config["contacts"] if c.get("campaign"))
    assert "handbook/maqiao.html" in shown[campaign] or "maqiao.html" in shown[campaign]
    assert "notices/2016-01-18-monthly-report/index.html" in printed(example_build.public)[campaign]


def test_articles_write_no_number_of_their_own():
    """Content names a contact ({{电话:活动办公室}}); the number itself lives only in site.toml."""
    typed = {}
    for path in sorted((REPO / "content").rglob("*.md")):
        text = PLACEHOLDER.sub("", path.read_text(encoding="utf-8"))
        typed[path.relative_to(REPO).as_posix()] = PHONE.findall(text) + HOTLINE.findall(text)
    assert {path: numbers for path, numbers in typed.items() if numbers} == {}
