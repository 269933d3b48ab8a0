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
from builder import markdown as md_module
from builder import textio, yamlio

_MAGIC = b"cbc1"


def _code_fingerprint() -> str:
    digest = hashlib.sha256()
    for module in (textio, yamlio, md_module):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(f"{builder.__version__}|{yaml.__version__}|{markdown_lib.__version__}".encode())
    return digest.hexdigest()[:16]


CODE = _code_fingerprint()


class Cache:
    """Key → value store of pickles in one folder; `None` folder means a no-op cache."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = self.misses = 0

    def key(self, *parts: bytes | str) -> str:
        digest = hashlib.sha256(CODE.encode())
        for part in parts:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, key: str):
        """The stored value, or None when missing or unreadable."""
        if self.folder is None:
            return None
        try:
            raw = self._path(key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        if not raw.startswith(_MAGIC) or hashlib.sha256(raw[36:]).digest() != raw[4:36]:
            self.misses += 1
            return None  # torn or tampered entry: rebuild it
        try:
            value = pickle.loads(raw[36:])
        except Exception:  # noqa: BLE001 - any unpickling failure means "not cached"
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, key: str, value) -> None:
        if self.folder is None:
            return
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk only costs speed


def for_site(root: Path) -> Cache:
    if os.environ.get("CHABAOCU_NO_CACHE"):
        return Cache(None)
    return Cache(root / ".cache" / "v1")
