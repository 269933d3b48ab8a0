"""Postings of the search index and their encoding as script shards loaded on demand.

Every file is a script that hands its data to `window.__cbcSearch` (JSONP style): a page
opened from disk (file://) cannot `fetch` files, but it can load scripts from its own
folder. A query loads docs.js, then only the shards its keys hash to, then the text shards
of the results it shows.

A document's units are numbered through its title (with its 文号), then its section
headings, then its body, so a position tells where a match is. Postings are compact strings
of base-36 numbers:
- bigram key → "d,v,v…;d,v…": d is the document id minus the previous one; each v is the
  position delta of (position·4 + edges), where bit 1 says the match has a word edge
  (segment start or punctuation) before it and bit 2 one after it;
- unigram key → "d,v;d,v…": v is count·2 + 1 if the unit occurs in the title.
"""

from __future__ import annotations

import hashlib
import json
import operator
import zlib
from collections import Counter
from dataclasses import dataclass

from builder import parallel
from builder.search.tokens import Stream, join_key, shard_of, stream

# Shards are sized so that one holds about this many bytes of postings: small enough that
# a query of a few keys loads little, large enough that the site doesn't grow thousands
# of files. The count is a power of two, chosen from the total size.
SHARD_TARGET_BYTES = 24_000
MAX_SHARDS = 1024
TEXT_SHARD_BYTES = 48_000
# Blocks of documents (see blocks()): about this many documents on average, at most BLOCK_MAX.
BLOCK_SPLIT = 128
BLOCK_MAX = 512


@dataclass(frozen=True, slots=True)
class Doc:
    """One indexed page: what a result shows, and its text."""

    url: str            # the output file, e.g. news/x/index.html (links end in a file: file://)
    title: str
    section: str        # 栏目 label
    towns: tuple[str, ...]
    date: str           # ISO date or ""
    body: str
    # Other names the page is known by, matched like its title but not shown: a document's
    # 文号 (桓政办字〔2016〕2号) identifies it as its title does.
    aliases: str = ""
    headings: str = ""  # section headings (h2–h4): a match there ranks between title and body


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _b36_slow(n: int) -> str:
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


# Deltas are mostly small: look them up rather than convert each one.
_SMALL = 36 ** 3
_SMALL_B36 = [_b36_slow(n) for n in range(_SMALL)]


def _b36(n: int) -> str:
    return _SMALL_B36[n] if n < _SMALL else _b36_slow(n)


def doc_streams(doc: Doc) -> tuple[Stream, Stream, Stream]:
    """Title units (with the aliases), heading units and body units, numbered on in that order."""
    return (stream(doc.title + ("\n" + doc.aliases if doc.aliases else "")), stream(doc.headings),
            stream(doc.body))


def doc_postings(doc: Doc) -> tuple[tuple[int, int], dict[str, list[int]], dict[str, tuple[int, bool]]]:
    """One document's (title, headings) lengths, bigram values (position·4 + edge bits) and
    unigram (count, in title)."""
    title, headings, body = doc_streams(doc)
    bigrams: dict[str, list[int]] = {}
    get = bigrams.get
    offset = 0
    for texts, seg, edge, ascii_at in (title, headings, body):
        n = len(texts)
        if n > 1:
            keys = list(map(str.__add__, texts, texts[1:]))
            # Two ASCII runs side by side (across a skipped mark, as in 〔2016〕2) keep a space.
            for i in ascii_at:
                if i + 1 < n and texts[i + 1][0] < "\x80":
                    keys[i] = join_key(texts[i], texts[i + 1])
            after = edge[2:] + [True, True]
            base = offset * 4
            for i, key, broken, before, behind in zip(range(n - 1), keys, seg[1:], edge, after):
                if broken:
                    continue  # a break between the two units: not a bigram
                value = base + 4 * i + before + 2 * behind
                values = get(key)
                if values is None:
                    bigrams[key] = [value]
                else:
                    values.append(value)
        offset += n
    in_title = set(title.texts)
    unigrams = {key: (count, key in in_title) for key, count in Counter(title.texts + body.texts).items()}
    return (len(title.texts), len(headings.texts)), bigrams, unigrams


def encoded_doc_postings(doc: Doc) -> tuple[tuple[int, int], dict[str, str], dict[str, tuple[int, bool]]]:
    """doc_postings with each key's position values already delta-encoded (cacheable per page)."""
    lengths, bigrams, unigrams = doc_postings(doc)
    encoded = {}
    small = _SMALL_B36.__getitem__
    for key, values in bigrams.items():
        if len(values) == 1:
            encoded[key] = _b36(values[0])
        elif values[-1] < _SMALL:  # ascending: every delta has a ready-made code (C-level maps)
            encoded[key] = ",".join(map(small, map(operator.sub, values, [0, *values[:-1]])))
        else:
            encoded[key] = ",".join(map(_b36, map(operator.sub, values, [0, *values[:-1]])))
    return lengths, encoded, unigrams


def blocks(docs: list[Doc]) -> list[tuple[int, int]]:
    """The documents cut into blocks (start, end), each indexed, cached and merged as one.

    A block ends before a document whose URL hashes to 0 modulo BLOCK_SPLIT (or after
    BLOCK_MAX documents), so that adding or removing a page changes its own block only:
    the blocks after it keep their documents and their cache entries.
    """
    out, start = [], 0
    for i, doc in enumerate(docs):
        if i > start and (zlib.crc32(doc.url.encode()) % BLOCK_SPLIT == 0 or i - start >= BLOCK_MAX):
            out.append((start, i))
            start = i
    if docs:
        out.append((start, len(docs)))
    return out


def postings(docs: list[Doc], cache=None) -> tuple[dict[str, str], dict[str, str], list[tuple[int, int]]]:
    """Bigram postings, unigram postings, and each document's title and headings lengths in units.

    Each block of documents (see blocks()) is merged on its own, from the cache when its
    pages' text is unchanged, else on every core; then the blocks are joined key by key.
    """
    ranges = blocks(docs)
    keys = [cache.key("search-block", *(part for d in docs[a:b] for part in (d.title, d.aliases, d.headings, d.body)))
            if cache else "" for a, b in ranges]
    results = [cache.get(key) if cache else None for key in keys]
    missing = [i for i, result in enumerate(results) if result is None]
    computed = parallel.map_chunks(_blocks_chunk, [docs[slice(*ranges[i])] for i in missing], minimum=2)
    for i, result in zip(missing, computed):
        results[i] = result
        if cache:
            cache.put(keys[i], result)
    bigrams: dict[str, list] = {}
    unigrams: dict[str, list] = {}
    title_lengths: list[tuple[int, int]] = []
    for (start, _end), (lengths, block_bigrams, block_unigrams) in zip(ranges, results):
        title_lengths += lengths
        _join(bigrams, start, block_bigrams)
        _join(unigrams, start, block_unigrams)
    return ({k: ";".join(parts) for k, (_last, parts) in bigrams.items()},
            {k: ";".join(parts) for k, (_last, parts) in unigrams.items()}, title_lengths)


def _join(table: dict[str, list], start: int, block: dict[str, tuple[int, int, str]]) -> None:
    """Append one block's postings: only each key's first document needs its delta worked out."""
    b36, get = _b36, table.get
    for key, (first, last, tail) in block.items():
        entry = get(key)
        if entry is None:
            table[key] = [start + last, [b36(start + first) + "," + tail]]
        else:
            entry[1].append(b36(start + first - entry[0]) + "," + tail)
            entry[0] = start + last


def _blocks_chunk(chunk: list[list[Doc]]) -> list:
    return [block_postings(docs) for docs in chunk]


def block_postings(docs: list[Doc]) -> tuple[list[tuple[int, int]], dict, dict]:
    """One block's lengths, and its bigram and unigram postings as key -> (first document,
    last document, encoded list without the first document's delta), documents numbered
    from the block's start."""
    bigrams: dict[str, list] = {}
    unigrams: dict[str, list] = {}
    lengths = []
    b36 = _b36
    for local, doc in enumerate(docs):
        length, doc_bigrams, doc_unigrams = encoded_doc_postings(doc)
        lengths.append(length)
        for table, items in ((bigrams, doc_bigrams.items()),
                             (unigrams, ((k, b36(count * 2 + (1 if in_title else 0)))
                                         for k, (count, in_title) in doc_unigrams.items()))):
            get = table.get
            for key, values in items:
                entry = get(key)
                if entry is None:
                    table[key] = [local, local, [values]]
                else:
                    entry[2].append(b36(local - entry[1]) + "," + values)
                    entry[1] = local
    return (lengths, {k: (first, last, ";".join(parts)) for k, (first, last, parts) in bigrams.items()},
            {k: (first, last, ";".join(parts)) for k, (first, last, parts) in unigrams.items()})


def shard_count(bigrams: dict[str, str], unigrams: dict[str, str]) -> int:
    """A power of two giving shards of about SHARD_TARGET_BYTES."""
    total = sum(len(k.encode()) + len(v) + 6 for table in (bigrams, unigrams) for k, v in table.items())
    count = 1
    while count < MAX_SHARDS and total / count > SHARD_TARGET_BYTES:
        count *= 2
    return count


def _script(call: str, *args) -> bytes:
    body = ",".join(json.dumps(a, ensure_ascii=False, separators=(",", ":"), sort_keys=True) for a in args)
    return f"window.__cbcSearch.{call}({body});\n".encode()


def encode_index(docs: list[Doc], sections: list[str], towns: list[str],
                 prefix: str = "static/search/", cache=None) -> dict[str, bytes]:
    """The index files: docs.js (manifest), index-N.js (postings), text-N.js (page texts).

    `sections` and `towns` give the order of the filter choices (the site's own order). The
    files are a function of the documents alone, so an unchanged site reuses them whole.
    """
    key = cache.key("search-index", prefix, json.dumps([sections, towns], ensure_ascii=False),
                    *(json.dumps([d.url, d.title, d.section, d.towns, d.date, d.aliases, d.headings], ensure_ascii=False)
                      + d.body for d in docs)) if cache else None
    stored = cache.get(key) if cache else None
    if stored is not None:
        return stored
    files = _encode_index(docs, sections, towns, prefix, cache)
    if cache:
        cache.put(key, files)
    return files


def _encode_index(docs: list[Doc], sections: list[str], towns: list[str], prefix: str, cache) -> dict[str, bytes]:
    bigrams, unigrams, title_lengths = postings(docs, cache)
    count = shard_count(bigrams, unigrams)
    shards: list[dict] = [{"b": {}, "u": {}} for _ in range(count)]
    for table, name in ((bigrams, "b"), (unigrams, "u")):
        for key in sorted(table):
            shards[shard_of(key, count)][name][key] = table[key]
    files = {f"{prefix}index-{n}.js": _script("shard", n, shard) for n, shard in enumerate(shards)}

    text_shard_of: list[int] = []
    texts: list[list[str]] = [[]]
    size = 0
    for doc in docs:
        if size > TEXT_SHARD_BYTES:
            texts.append([])
            size = 0
        text_shard_of.append(len(texts) - 1)
        texts[-1].append(doc.body)
        size += len(doc.body.encode())
    first = 0
    for n, chunk in enumerate(texts):
        files[f"{prefix}text-{n}.js"] = _script("text", n, first, chunk)
        first += len(chunk)

    used_sections = {d.section for d in docs if d.section}
    used_towns = {t for d in docs for t in d.towns}
    sections = [s for s in dict.fromkeys(sections) if s in used_sections]
    sections += sorted(used_sections - set(sections))
    towns = [t for t in dict.fromkeys(towns) if t in used_towns] + sorted(used_towns - set(towns))
    # One row per document: url, title, 栏目, towns, date, title length, text shard, headings length.
    rows = [[d.url, d.title, sections.index(d.section) if d.section else -1, [towns.index(t) for t in d.towns],
             d.date, title_lengths[i][0], text_shard_of[i], title_lengths[i][1]] for i, d in enumerate(docs)]
    version = hashlib.sha256(b"".join(files[k] for k in sorted(files))).hexdigest()[:12]
    manifest = {"version": version, "shards": count, "sections": sections, "towns": towns, "docs": rows}
    files[f"{prefix}docs.js"] = _script("docs", manifest)
    return files
