"""Search tokens: the unit stream of a text, its bigram and unigram keys, and the shard of a key.

Chinese has no spaces, and word splitters disagree between index and query (issue 6), so
the index does not split words at all. A text becomes a stream of *units*: every Chinese
character (any letter or digit outside ASCII) is one unit, and every run of ASCII letters
and digits is one unit ("2016", "c3"). Keys are pairs of neighbouring units (bigrams) for
matching any 2+ unit term by substring, and single units for one-character queries.

The same rules are implemented in themes/default/static/search/search.js; the two are
checked against each other in tests/unit/test_search.py. Change both together.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Sentence punctuation and whitespace end a segment: no bigram is formed across them.
# Other punctuation (brackets, quotes, 〔〕, hyphens, dots) is skipped without breaking, so
# 桓政办字〔2016〕2号 and “查保促”活动 match what people type without the marks.
HARD_BREAKS = frozenset(",;:?!。、…｡")


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of a text: its normalised form, its character span in the original text,
    whether a segment starts before it, and whether any punctuation or a break precedes it."""

    text: str
    start: int
    end: int
    new_segment: bool
    edge_before: bool


@lru_cache(maxsize=65536)
def fold(char: str) -> str:
    """One character as search sees it: NFKC (full-width → half-width), ASCII lower case."""
    out = unicodedata.normalize("NFKC", char)
    return out.lower() if out.isascii() else out


def _kind(ch: str) -> str:
    """'a' ASCII letter/digit, 'w' other letter/digit (one unit each), 'h' hard break, 's' skip."""
    if ch.isascii():
        if ch.isalnum():
            return "a"
        return "h" if ch.isspace() or ch in HARD_BREAKS else "s"
    cat = unicodedata.category(ch)
    if cat[0] in "LN":
        return "w"
    if cat[0] == "Z" or ch in HARD_BREAKS:
        return "h"
    return "s"


def units(text: str) -> list[Unit]:
    """The unit stream of `text`, with spans pointing into the original (unfolded) string."""
    out: list[Unit] = []
    new_segment = True
    edge = True
    run_start = -1
    run = ""
    for i, raw in enumerate(text):
        folded = fold(raw)
        kinds = [_kind(c) for c in folded] or ["s"]
        # NFKC may expand one character ("㈱" → "(株)"); it counts as a letter if any part is.
        kind = "a" if all(k == "a" for k in kinds) else ("w" if "w" in kinds or "a" in kinds else kinds[0])
        if kind == "a":
            if run_start < 0:
                run_start, run = i, ""
            run += folded
            continue
        if run_start >= 0:
            out.append(Unit(run, run_start, i, new_segment, edge))
            new_segment = edge = False
            run_start = -1
        if kind == "w":
            out.append(Unit("".join(c for c in folded if _kind(c) in "aw"), i, i + 1, new_segment, edge))
            new_segment = edge = False
        elif kind == "h":
            new_segment = edge = True
        else:
            edge = True
    if run_start >= 0:
        out.append(Unit(run, run_start, len(text), new_segment, edge))
    return out


def join_key(a: str, b: str) -> str:
    """The key of two neighbouring units; two ASCII runs keep a space so '20 16' ≠ '2016'."""
    if a[-1].isascii() and b[0].isascii():
        return a + " " + b
    return a + b


def segments(stream: list[Unit]) -> list[list[Unit]]:
    """Split a unit stream where a hard break stood."""
    out: list[list[Unit]] = []
    for unit in stream:
        if unit.new_segment or not out:
            out.append([])
        out[-1].append(unit)
    return out


def query_terms(query: str) -> list[list[str]]:
    """A query as its segments, each a list of unit texts (what must match, in order)."""
    return [[u.text for u in seg] for seg in segments(units(query))]


def shard_of(key: str, count: int) -> int:
    """FNV-1a over the key's code points, modulo the shard count (same in search.js)."""
    h = 0x811C9DC5
    for ch in key:
        h ^= ord(ch)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h % count
