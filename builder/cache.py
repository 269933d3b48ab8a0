"""A persistent cache under .cache/ (safe to delete): parsed files and rendered Markdown.

Entries are keyed by the input's bytes and by the code that produced them (the builder's
version, the versions of PyYAML and Python-Markdown, and the source of the modules doing the
work), so an edit to any of those makes old entries unreachable. A corrupt entry is ignored
and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import markdown as markdown_lib
import yaml

import builder

_MAGIC = b"cbc1"
# Kinds whose entries are few and big (one per data file: a ledger file's parsed and checked
# records). Each entry is a file of its own under entries/, so that editing one ledger file
# rewrites that file's entry rather than every file's.
SEPARATE_KINDS = frozenset({"data-file"})
# Kinds kept in memory only (serve's later builds use them): the whole search index is as big
# as the output it is part of, and a CLI build whose pages' text changed can't reuse it.
MEMORY_KINDS = frozenset({"search-index"})


def _code_fingerprint() -> str:
    """Every module of the builder plus the parser versions: any code change empties the cache
    (schemas, validation and rendering all shape what is stored)."""
    digest = hashlib.sha256()
    for path in sorted(Path(builder.__file__).parent.rglob("*.py")):
        digest.update(path.relative_to(Path(builder.__file__).parent).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(f"{builder.__version__}|{yaml.__version__}|{markdown_lib.__version__}".encode())
    return digest.hexdigest()[:16]


CODE = _code_fingerprint()
_CODE_HASH = hashlib.sha256(CODE.encode())  # copied for every key: the code is part of each


# Each kind's entries are spread over this many files by key, so that an edit, which changes
# a handful of entries, rewrites a handful of files (a tenth of a kind, not all of it).
SHARDS = 16


class Cache:
    """Key → value store kept in memory and saved by `flush()`, in a few files per kind of entry.

    Few files rather than one per entry: a 5,000-page site makes tens of thousands of entries,
    and creating that many small files costs more than the work they save. Files per kind
    (parsed YAML, validation, Markdown, pages, search, privacy…), each kind in SHARDS files by
    key, so that an edit to an article rewrites a few of them and never the parsed ledger.
    `flush()` keeps only the entries of a file that this build used, so the files never grow
    with dead entries.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = self.misses = 0
        self._tables: dict[str, dict] = {}
        self._used: dict[str, set[str]] = {}
        self._dirty: set[str] = set()
        self._separate: dict[str, object] = {}            # entries of SEPARATE_KINDS read or made
        self._pending: dict[str, bytes | None] = {}       # of those, the ones to save
        self._separate_kinds: set[str] = set()            # separate kinds this build looked up

    def key(self, *parts: bytes | str) -> str:
        """`kind:digest` of the parts (each length-prefixed, so parts never run into each other)
        and of the code; the first part names the kind (the file the entry is kept in)."""
        digest = _CODE_HASH.copy()
        for part in parts:
            data = part.encode() if type(part) is str else part
            digest.update(b"%d:" % len(data))
            digest.update(data)
        kind = parts[0] if parts and type(parts[0]) is str and parts[0].replace("-", "").isalnum() else "misc"
        return f"{kind}:{digest.hexdigest()}"

    @staticmethod
    def _kind(key: str) -> str:
        kind, sep, _rest = key.partition(":")
        return kind if sep and kind.replace("-", "").isalnum() else "misc"

    @staticmethod
    def _table_name(key: str) -> str:
        """The file (without .pickle) that holds `key`: its kind and a shard of the kind."""
        kind = Cache._kind(key)
        digest = key.partition(":")[2][:2]
        try:
            shard = int(digest, 16) % SHARDS
        except ValueError:
            shard = zlib.crc32(key.encode()) % SHARDS
        return f"{kind}.{shard:x}"

    def _table(self, name: str) -> dict:
        if name not in self._tables:
            memory = name.partition(".")[0] in MEMORY_KINDS
            self._tables[name] = {} if memory else self._read(name)
            self._used[name] = set()
        return self._tables[name]

    def _read(self, name: str) -> dict:
        assert self.folder is not None
        value = _read_entry(self.folder / f"{name}.pickle")
        return value if isinstance(value, dict) else {}

    def _entry_path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / "entries" / (key.replace(":", "-") + ".pickle")

    def get(self, key: str):
        """The stored value, or None when missing."""
        if self.folder is None:
            return None
        kind = self._kind(key)
        if kind in SEPARATE_KINDS:
            bucket = kind  # what `_used` counts the key under: the kind, or the table file
            value = self._separate.get(key)
            if value is None:
                value = _read_entry(self._entry_path(key))
                if value is not None:
                    self._separate[key] = value
            self._separate_kinds.add(kind)
        else:
            bucket = self._table_name(key)
            value = self._table(bucket).get(key)
        if value is None:
            self.misses += 1
            return None
        self._used.setdefault(bucket, set()).add(key)
        self.hits += 1
        return value

    def put(self, key: str, value, payload: bytes | None = None) -> None:
        """Store `value`; `payload` is its pickle when the caller already has it (made by a worker
        process), so that saving a separate entry need not pickle it again."""
        if self.folder is None:
            return
        kind = self._kind(key)
        if kind in SEPARATE_KINDS:
            self._separate[key] = value
            self._pending[key] = payload
            self._separate_kinds.add(kind)
            self._used.setdefault(kind, set()).add(key)
            return
        name = self._table_name(key)
        self._table(name)[key] = value
        self._used[name].add(key)
        self._dirty.add(name)

    def flush(self) -> None:
        """Save each kind this build changed or left entries of unused; untouched kinds stay as they are."""
        if self.folder is None:
            return
        for name, table in self._tables.items():
            used = self._used[name]
            if name not in self._dirty and used == set(table):
                self._used[name] = set()
                continue
            self._tables[name] = {k: v for k, v in table.items() if k in used}
            self._used[name] = set()
            if name.partition(".")[0] in MEMORY_KINDS:
                continue
            _write_entry(self.folder / f"{name}.pickle", pickle.dumps(self._tables[name], protocol=pickle.HIGHEST_PROTOCOL))
        self._dirty = set()
        self._flush_separate()

    def code_folder(self, name: str) -> Path | None:
        """A folder for files this version of the builder's code makes and reads itself (compiled
        templates); None without a cache. Folders of other versions are removed."""
        if self.folder is None:
            return None
        folder = self.folder / name / CODE
        if not folder.is_dir():
            for old in (self.folder / name).glob("*"):
                shutil.rmtree(old, ignore_errors=True)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return None
        return folder

    def _flush_separate(self) -> None:
        for key, payload in self._pending.items():
            if key in self._used.get(self._kind(key), ()):
                value = self._separate[key]
                _write_entry(self._entry_path(key), payload or pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        self._pending = {}
        entries = self.folder / "entries"
        for kind in self._separate_kinds:
            used = self._used.get(kind, set())
            # Entries of this kind the build did not use are dead: delete them, in memory and on disk.
            self._separate = {k: v for k, v in self._separate.items() if self._kind(k) != kind or k in used}
            try:
                saved = list(entries.glob(f"{kind}-*.pickle"))
            except OSError:
                saved = []
            for path in saved:
                if f"{kind}:{path.stem[len(kind) + 1:]}" not in used:
                    path.unlink(missing_ok=True)
            self._used[kind] = set()
        self._separate_kinds = set()


def _read_entry(path: Path):
    """One saved entry or table; None when missing, torn or tampered with."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if not raw.startswith(_MAGIC) or hashlib.sha256(raw[36:]).digest() != raw[4:36]:
        return None  # torn or tampered file: start afresh
    try:
        return pickle.loads(raw[36:])
    except Exception:  # noqa: BLE001 - any unpickling failure means "nothing cached"
        return None


def _write_entry(path: Path, payload: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only or full disk only costs speed


LAYOUT = "v4"  # the cache's folder under .cache/; a new layout gets a new name
OLD_LAYOUTS = ("v1", "v2", "v3")
_SHARED: dict[Path, Cache] = {}


def for_site(root: Path) -> Cache:
    """The site's cache, one instance per process, so every stage of a build shares it."""
    folder = (root / ".cache" / LAYOUT).resolve()
    if folder not in _SHARED:
        _SHARED[folder] = Cache(folder)
        for old in OLD_LAYOUTS:  # files no build of this version reads: reclaim the space
            shutil.rmtree(folder.parent / old, ignore_errors=True)
    return _SHARED[folder]


@dataclass(frozen=True, slots=True)
class CacheSettings:
    """Every switch of a build's caches, in one object (docs/architecture.md, “Speed”).

    Chosen where a build starts — the command line, serve, a test — and handed down to the
    stages; no module reads a switch from anywhere else (no environment variable).
    """

    # Reuse and keep work in .cache/ (parsed files, Markdown, rendered pages, search text,
    # privacy findings, PDFs). False (`--no-cache`): everything is computed afresh and nothing
    # is saved, nor is the record of the last build — what the clean builds in tests compare with.
    enabled: bool = True
    # Return at once when every input, setting and output file is as the last good build left
    # them (builder.fingerprint). Only the command line's `build` wants it: a skipped build has
    # no model to hand back.
    skip_unchanged: bool = False
    # Leave saving the cache to the caller: serve saves it when idle (saving a 5,000-page
    # site's cache takes a second, which a save landing then would wait for).
    save_later: bool = False

    def site_cache(self, root: Path) -> Cache:
        """The cache every stage of this build shares (an empty, unsaved one when disabled)."""
        return for_site(root) if self.enabled else Cache(None)

    def pdf_folder(self, root: Path) -> Path | None:
        """Where printed PDFs are kept by their print HTML (builder.pdf), or None."""
        return root / ".cache" / "pdf" if self.enabled else None


DEFAULT_CACHING = CacheSettings()  # what a build does unless told otherwise: reuse and keep everything
