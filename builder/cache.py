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
import tempfile
from pathlib import Path

import markdown as markdown_lib
import yaml

import builder

_MAGIC = b"cbc1"


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


class Cache:
    """Key → value store kept in memory and saved as one file by `flush()` after a good build.

    One file rather than one per entry: a 5,000-page site makes tens of thousands of entries,
    and creating that many small files costs more than the work they save. `flush()` keeps
    only the entries this build used, so the file never grows with dead entries.
    """

    FILE = "entries.pickle"

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = self.misses = 0
        self._entries: dict | None = None
        self._used: set[str] = set()
        self._dirty = False

    def key(self, *parts: bytes | str) -> str:
        digest = hashlib.sha256(CODE.encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def _table(self) -> dict:
        if self._entries is None:
            self._entries = self._read() if self.folder is not None else {}
        return self._entries

    def _read(self) -> dict:
        assert self.folder is not None
        try:
            raw = (self.folder / self.FILE).read_bytes()
        except OSError:
            return {}
        if not raw.startswith(_MAGIC) or hashlib.sha256(raw[36:]).digest() != raw[4:36]:
            return {}  # torn or tampered file: start afresh
        try:
            value = pickle.loads(raw[36:])
        except Exception:  # noqa: BLE001 - any unpickling failure means "nothing cached"
            return {}
        return value if isinstance(value, dict) else {}

    def get(self, key: str):
        """The stored value, or None when missing."""
        if self.folder is None:
            return None
        value = self._table().get(key)
        if value is None:
            self.misses += 1
            return None
        self._used.add(key)
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        self._table()[key] = value
        self._used.add(key)
        self._dirty = True

    def flush(self) -> None:
        """Save the entries this build used (and only those); a no-op when nothing changed."""
        if self.folder is None or self._entries is None:
            return
        if not self._dirty and self._used == set(self._entries):
            self._used = set()
            return
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        payload = pickle.dumps(self._entries, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, self.folder / self.FILE)
        except OSError:
            pass  # a read-only or full disk only costs speed
        self._used = set()
        self._dirty = False


_SHARED: dict[Path, Cache] = {}


def for_site(root: Path) -> Cache:
    """The site's cache, one instance per process, so every stage of a build shares it."""
    if os.environ.get("CHABAOCU_NO_CACHE"):
        return Cache(None)
    folder = (root / ".cache" / "v2").resolve()
    if folder not in _SHARED:
        _SHARED[folder] = Cache(folder)
    return _SHARED[folder]
