"""Postings of the search index and their encoding as script shards loaded on demand.

Every file is a script that hands its data to `window.__cbcSearch` (JSONP style): a page
opened from disk (file://) cannot `fetch` files, but it can load scripts from its own
folder. A query loads docs.js and fold.js, then only the shards its keys hash to, then the
text shards of the results it shows.

What is kept per key and page is what a BM25 score needs, not where the key stands: the
ranking (issue 15) scores pages by the bigrams they hold, weighted by field, and a query
whose bigrams are all on a page is a match without checking that they stand together. In
Chinese a bigram that bridges two words of a query (排查 + 治理 → 查治) is itself rare, so
the set of bigrams is a close stand-in for the phrase, at half the size of the positions.

Postings are compact strings of base-36 numbers:
- bigram key → "d,v;d;d,v…": d is the document id minus the previous one, v is tf·4 + f,
  where tf is the key's count weighted by field (FIELD_WEIGHTS) and f has bit 1 set when it
  is in the title, bit 2 when it is in a section heading; a lone d means v = 4 (once, in the
  body), which two entries in three are;
- unigram key → "d,d.,d…": the document id deltas; a "." marks a page whose title has it.
A text shard holds its pages' URLs, titles and bodies, each body as indexes into the
shard's table of distinct lines (tables and lists repeat lines from page to page).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections import Counter
from dataclasses import dataclass
from itertools import compress, islice, repeat
from operator import not_

from builder import parallel
from builder.search.charfold import sound_groups
from builder.search.tokens import Stream, join_key, shard_of, stream

# Shards are sized so that one holds about this many bytes of postings: small enough that
# a query of a few keys loads little, large enough that the site doesn't grow thousands
# of files. The count is a power of two, chosen from the total size.
SHARD_TARGET_BYTES = 24_000
MAX_SHARDS = 1024
TEXT_SHARD_BYTES = 16_000
# Blocks of documents (see blocks()): about this many documents on average, at most BLOCK_MAX.
BLOCK_SPLIT = 128
BLOCK_MAX = 512
# BM25F field weights: a key in the title (or the page's 文号) counts this many times, in a
# section heading this many times, in the body once.
FIELD_WEIGHTS = (5, 2, 1)
# A weighted count beyond this adds nothing to a BM25 score (it saturates long before).
TF_CAP = 255


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
    """Title units (with the aliases), heading units and body units."""
    return (stream(doc.title + ("\n" + doc.aliases if doc.aliases else "")), stream(doc.headings),
            stream(doc.body))


def doc_postings(doc: Doc) -> tuple[tuple[int, int], dict[str, str], dict[str, bool]]:
    """One document's (title units, length in units), bigram values (the encoded weighted count
    and flags: 1 in the title, 2 in a heading; see _bigram_value) and unigrams (in title).

    The work is per character of every page, so it is done by C loops where it can be: keys
    made with map(), counted by Counter, values looked up in a table.
    """
    streams = doc_streams(doc)
    bigrams: Counter[str] = Counter()
    field_keys: list[list[str]] = []
    for (texts, seg, _edge, ascii_at), weight in zip(streams, FIELD_WEIGHTS):
        n = len(texts)
        if n < 2:
            field_keys.append([])
            continue
        keys = list(map(str.__add__, texts, texts[1:]))
        # Two ASCII runs side by side (across a skipped mark, as in 〔2016〕2) keep a space.
        for i in ascii_at:
            if i + 1 < n and texts[i + 1][0] < "\x80":
                keys[i] = join_key(texts[i], texts[i + 1])
        keys = list(compress(keys, map(not_, islice(seg, 1, None))))  # no bigram across a hard break
        field_keys.append(keys)
        if weight == 1:
            bigrams.update(keys)
        else:
            for key, count in Counter(keys).items():
                bigrams[key] += count * weight
    title_units = streams[0].texts
    unigrams = dict.fromkeys(title_units + streams[1].texts + streams[2].texts, False)
    unigrams.update(dict.fromkeys(title_units, True))
    # The title's own length (without the 文号): a page whose title is the query ranks first.
    title_length = len(title_units) if not doc.aliases else len(stream(doc.title).texts)
    lengths = (title_length, sum(len(s.texts) for s in streams))
    values = dict(zip(bigrams, map(_COUNT_VALUES.__getitem__, map(min, bigrams.values(), repeat(TF_CAP)))))
    in_title, in_heading = set(field_keys[0]), set(field_keys[1])
    for key in in_title | in_heading:
        count = min(bigrams[key], TF_CAP)
        values[key] = _VALUES[count * 4 + (key in in_title) + 2 * (key in in_heading)]
    return lengths, values, unigrams


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
    """Bigram postings, unigram postings, and each document's (title units, length in units).

    Each block of documents (see blocks()) is merged on its own, from the cache when its
    pages' text is unchanged, else on every core; then the blocks are joined key by key.
    """
    ranges = blocks(docs)
    keys = [cache.key("search-block-v2", *(part for d in docs[a:b] for part in (d.title, d.aliases, d.headings, d.body)))
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
    lengths: list[tuple[int, int]] = []
    for (start, _end), (block_lengths, block_bigrams, block_unigrams) in zip(ranges, results):
        lengths += block_lengths
        _join(bigrams, start, block_bigrams, ";")
        _join(unigrams, start, block_unigrams, ",")
    return ({k: ";".join(parts) for k, (_last, parts) in bigrams.items()},
            {k: ",".join(parts) for k, (_last, parts) in unigrams.items()}, lengths)


def _join(table: dict[str, list], start: int, block: dict[str, tuple[int, str, int, str]], sep: str) -> None:
    """Append one block's postings: only each key's first document needs its delta worked out."""
    b36, get = _b36, table.get
    for key, (first, first_value, last, tail) in block.items():
        entry = get(key)
        head = b36(start + first - (entry[0] if entry else 0)) + first_value
        part = head + sep + tail if tail else head
        if entry is None:
            table[key] = [start + last, [part]]
        else:
            entry[1].append(part)
            entry[0] = start + last


def _blocks_chunk(chunk: list[list[Doc]]) -> list:
    return [block_postings(docs) for docs in chunk]


def block_postings(docs: list[Doc]) -> tuple[list[tuple[int, int]], dict, dict]:
    """One block's lengths, and its bigram and unigram postings as key -> (first document, the
    first entry's value part, last document, the other entries encoded), documents numbered
    from the block's start."""
    bigrams: dict[str, list] = {}
    unigrams: dict[str, list] = {}
    lengths = []
    b36 = _b36
    for local, doc in enumerate(docs):
        length, doc_bigrams, doc_unigrams = doc_postings(doc)
        lengths.append(length)
        for table, items in ((bigrams, doc_bigrams.items()),
                             (unigrams, zip(doc_unigrams, map(_TITLE_MARK.__getitem__, doc_unigrams.values())))):
            get = table.get
            for key, value in items:
                entry = get(key)
                if entry is None:
                    table[key] = [local, value, local, []]
                else:
                    entry[3].append(b36(local - entry[2]) + value)
                    entry[2] = local
    return (lengths, {k: (first, value, last, ";".join(parts)) for k, (first, value, last, parts) in bigrams.items()},
            {k: (first, value, last, ",".join(parts)) for k, (first, value, last, parts) in unigrams.items()})


def _bigram_value(count: int, flags: int) -> str:
    """The value part of a bigram entry: none for the commonest (once, in the body: v = 4)."""
    value = count * 4 + flags
    return "" if value == 4 else "," + _b36(value)


# Every value a bigram entry can have (count ≤ TF_CAP, two flag bits), encoded once: by count
# and flags, and for the unflagged (most) by count alone.
_VALUES = [_bigram_value(v // 4, v % 4) for v in range(TF_CAP * 4 + 4)]
_COUNT_VALUES = _VALUES[::4]
_TITLE_MARK = {True: ".", False: ""}


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


def encode_index(docs: list[Doc], sections: list[str], towns: list[str], prefix: str = "static/search/", cache=None,
                 synonyms: list[list[str]] = (), year: int | None = None,
                 fold_pairs: dict[str, str] | None = None) -> dict[str, bytes]:
    """The index files: docs.js (manifest), fold.js (folding table and sound groups), index-N.js
    (postings), text-N.js (page texts).

    `sections` and `towns` give the order of the filter choices (the site's own order);
    `synonyms` are the site's groups of words that find each other, `year` the campaign year
    a bare month (4月) means, `fold_pairs` the traditional → simplified table. The files are a
    function of these and the documents alone, so an unchanged site reuses them whole.
    """
    options = json.dumps([sections, towns, [list(g) for g in synonyms], year], ensure_ascii=False)
    fold_key = "".join(k + v for k, v in sorted((fold_pairs or {}).items()))
    key = cache.key("search-index-v2", prefix, options, fold_key,
                    *(json.dumps([d.url, d.title, d.section, d.towns, d.date, d.aliases, d.headings], ensure_ascii=False)
                      + d.body for d in docs)) if cache else None
    stored = cache.get(key) if cache else None
    if stored is not None:
        return stored
    files = _encode_index(docs, sections, towns, prefix, cache, synonyms, year, fold_pairs or {})
    if cache:
        cache.put(key, files)
    return files


def _encode_index(docs: list[Doc], sections: list[str], towns: list[str], prefix: str, cache,
                  synonyms, year, fold_pairs: dict[str, str]) -> dict[str, bytes]:
    bigrams, unigrams, lengths = postings(docs, cache)
    count = shard_count(bigrams, unigrams)
    shards: list[dict] = [{"b": {}, "u": {}} for _ in range(count)]
    for table, name in ((bigrams, "b"), (unigrams, "u")):
        for key in sorted(table):
            shards[shard_of(key, count)][name][key] = table[key]
    files = {f"{prefix}index-{n}.js": _script("shard", n, shard) for n, shard in enumerate(shards)}

    text_shard_of: list[int] = []
    for n, (first, chunk) in enumerate(_text_chunks(docs)):
        text_shard_of += [n] * len(chunk)
        files[f"{prefix}text-{n}.js"] = _script("text", n, first, *_text_table(chunk))

    # Only the pairs whose simplified character is on some page can change what a query finds;
    # the sound groups (for typo correction) are those of the pages' characters.
    files[f"{prefix}fold.js"] = _script("fold", "".join(t + s for t, s in sorted(fold_pairs.items()) if s in unigrams),
                                        sound_groups(k for k in unigrams if len(k) == 1))

    used_sections = {d.section for d in docs if d.section}
    used_towns = {t for d in docs for t in d.towns}
    sections = [s for s in dict.fromkeys(sections) if s in used_sections]
    sections += sorted(used_sections - set(sections))
    towns = [t for t in dict.fromkeys(towns) if t in used_towns] + sorted(used_towns - set(towns))
    # One row per document: title, 栏目, towns, date, title length, length, text shard. (The URL
    # is in the text shard: only the results shown need it.)
    rows = [[d.title, sections.index(d.section) if d.section else -1, [towns.index(t) for t in d.towns],
             d.date, lengths[i][0], lengths[i][1], text_shard_of[i]] for i, d in enumerate(docs)]
    version = hashlib.sha256(b"".join(files[k] for k in sorted(files))).hexdigest()[:12]
    manifest = {"version": version, "shards": count, "sections": sections, "towns": towns, "docs": rows,
                "synonyms": [list(g) for g in synonyms], "year": year}
    files[f"{prefix}docs.js"] = _script("docs", manifest)
    return files


def _text_chunks(docs: list[Doc]) -> list[tuple[int, list[Doc]]]:
    """Consecutive documents in chunks of about TEXT_SHARD_BYTES (neighbours share most lines)."""
    chunks: list[tuple[int, list[Doc]]] = []
    size = TEXT_SHARD_BYTES + 1
    for i, doc in enumerate(docs):
        if size > TEXT_SHARD_BYTES:
            chunks.append((i, []))
            size = 0
        chunks[-1][1].append(doc)
        size += len(doc.body.encode())
    return chunks


def _text_table(docs: list[Doc]) -> tuple[list[str], list[list[str]]]:
    """The chunk's distinct lines, and per document [url, title, its lines as base-36 indexes]."""
    lines: dict[str, int] = {}
    rows = []
    for doc in docs:
        refs = [lines.setdefault(line, len(lines)) for line in doc.body.split("\n")] if doc.body else []
        rows.append([doc.url, doc.title, ",".join(map(_b36, refs))])
    return list(lines), rows
