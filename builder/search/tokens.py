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

import re
import unicodedata
from typing import NamedTuple

from builder.search.charfold import t2s

# Sentence punctuation and whitespace end a segment: no bigram is formed across them.
# Other punctuation (brackets, quotes, 〔〕, hyphens, dots) is skipped without breaking, so
# 桓政办字〔2016〕2号 and “查保促”活动 match what people type without the marks.
HARD_BREAKS = frozenset(",;:?!。、…｡")
_ASCII_SPACE = frozenset(" \t\n\r\f\v")


def fold(char: str) -> str:
    """One character as search sees it: NFKC (full-width → half-width, compatibility forms),
    traditional → simplified (charfold.py), ASCII lower case."""
    table = t2s()
    out = "".join(table.get(c, c) for c in unicodedata.normalize("NFKC", char))
    return out.lower() if out.isascii() else out


def char_class(ch: str) -> str:
    """Class of a folded character: 'a' ASCII letter/digit (runs make one unit), 'w' other
    letter/digit (one unit each), 'h' hard break, 's' other (skipped, marks an edge)."""
    if ch.isascii():
        if ch.isalnum():
            return "a"
        return "h" if ch in _ASCII_SPACE or ch in HARD_BREAKS else "s"
    cat = unicodedata.category(ch)
    if cat[0] in "LN":
        return "w"
    return "h" if cat[0] == "Z" or ch in HARD_BREAKS else "s"


class _Table(dict):
    """A str.translate table filled on first use, so a text is mapped at C speed."""

    def __init__(self, func):
        super().__init__()
        self.func = func

    def __missing__(self, code: int) -> str:
        value = self[code] = self.func(chr(code))
        return value


_FOLD = _Table(fold)
_CLASS = _Table(char_class)
_RUNS = re.compile(r"a+|w+|h+|s+")


class Stream(NamedTuple):
    """The units of a text as parallel lists: unit text, whether a segment starts before it,
    and whether a break or punctuation (an edge) precedes it."""

    texts: list[str]
    seg: list[bool]
    edge: list[bool]
    ascii_at: list[int]     # indexes of the ASCII units (runs of Latin letters and digits)


def stream(text: str) -> Stream:
    """The unit stream of `text`: the text is folded character by character, then cut into units."""
    folded = text.translate(_FOLD)
    classes = folded.translate(_CLASS)
    texts: list[str] = []
    seg: list[bool] = []
    edge: list[bool] = []
    ascii_at: list[int] = []
    new_segment = at_edge = True
    for m in _RUNS.finditer(classes):
        kind, start, end = classes[m.start()], m.start(), m.end()
        if kind == "w":  # a run of Chinese characters: one unit each
            texts.extend(folded[start:end])
            seg.append(new_segment)
            edge.append(at_edge)
            seg.extend([False] * (end - start - 1))
            edge.extend([False] * (end - start - 1))
        elif kind == "a":
            ascii_at.append(len(texts))
            texts.append(folded[start:end])
            seg.append(new_segment)
            edge.append(at_edge)
        elif kind == "h":
            new_segment = at_edge = True
            continue
        else:
            at_edge = True
            continue
        new_segment = at_edge = False
    return Stream(texts, seg, edge, ascii_at)


class Unit(NamedTuple):
    """One unit, for code that walks units one by one (queries, tests)."""

    text: str
    new_segment: bool
    edge_before: bool


def units(text: str) -> list[Unit]:
    """The unit stream of `text` as a list of units."""
    texts, seg, edge, _ = stream(text)
    return [Unit(*u) for u in zip(texts, seg, edge)]


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
