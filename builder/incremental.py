"""Recorded dependencies for rendering: re-render a page only when something it read changed.

While a page renders, the Jinja context records every top-level name the templates resolve
(`page`, `stats`, `data`, `nav`, …). The next build looks those names up again, digests their
current values, and reuses the stored output when every digest matches; otherwise it renders
and records anew. Because a render is a deterministic function of the names it read, an output
whose inputs all match is byte-identical to a fresh render (tests/test_incremental.py checks
this against clean builds after random edit sequences). Names with no known digest make the
page uncacheable, never stale.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.runtime import Context

import builder
from builder.model import Page, Record

UNCACHEABLE = object()


class TrackingContext(Context):
    """A Jinja context that notes which top-level names a render resolves."""

    def resolve_or_missing(self, key: str):
        tracked = getattr(self.environment, "tracked_names", None)
        if tracked is not None:
            tracked.add(key)
        return super().resolve_or_missing(key)


def enable_tracking(env: jinja2.Environment) -> None:
    env.context_class = TrackingContext
    env.tracked_names = None


def code_digest() -> str:
    """Every module of the builder: a code change must never reuse an old render."""
    digest = hashlib.sha256(builder.__version__.encode())
    for path in sorted(Path(builder.__file__).parent.rglob("*.py")):
        digest.update(path.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def value_digest(value, memo: dict | None = None) -> str | object:
    """A digest of a value's content (not of its object identities, which pickle would encode).

    `memo` (id -> digest, for one build) lets a frozen dataclass shared by many pages — an
    article listed on its own page, its section's list and its tags' pages — be hashed once.
    """
    digest = hashlib.sha256()
    try:
        _feed(digest, value, set(), memo)
    except _Opaque:
        return UNCACHEABLE
    return digest.hexdigest()


class _Opaque(Exception):
    """A value whose content we can't enumerate: the page is simply not memoised."""


_SCALARS = (bool, int, float, type(None))


def _feed(h, value, active: set[int], memo: dict | None = None) -> None:
    # Strings first and without repr(): they are most of what a page reads (bodies, titles).
    kind = type(value)
    if kind is str:
        data = value.encode()
        h.update(b"s%d:" % len(data))
        h.update(data)
    elif kind in _SCALARS:
        h.update(f"{kind.__name__}:{value!r};".encode())
    elif kind is list or kind is tuple:
        h.update(b"[")
        if all(type(item) is str for item in value):  # a pager's URLs, a page's tags: one update
            h.update(b"".join(b"s%d:%s" % (len(data), data) for data in (item.encode() for item in value)))
        else:
            for item in value:
                _feed(h, item, active, memo)
        h.update(b"]")
    elif kind is dict:
        h.update(b"{")
        for key in (sorted(value) if all(type(k) is str for k in value) else sorted(value, key=repr)):
            _feed(h, key, active, memo)
            _feed(h, value[key], active, memo)
        h.update(b"}")
    elif isinstance(value, (str, bool, int, float, bytes)):
        h.update(f"{kind.__name__}:{value!r};".encode())
    elif isinstance(value, (dt.date, dt.datetime)):
        h.update(f"date:{value.isoformat()};".encode())
    elif isinstance(value, (list, tuple)):
        _feed(h, list(value), active, memo)
    elif isinstance(value, dict):
        _feed(h, dict(value), active, memo)
    elif isinstance(value, (set, frozenset)):
        h.update(b"<" + "".join(sorted(value_digest(v) for v in value)).encode() + b">")
    elif kind is Page:
        # Every page is read by its own page and by the lists, tags and feeds showing it: its
        # digest is the pickle's (C speed), once per build. Pickling encodes only content (a
        # string shared by two fields is written once, so pages alike in content but not in
        # sharing may digest differently: a page rendered again, never a stale one reused).
        known = memo.get(id(value)) if memo is not None else None
        if known is None:
            known = hashlib.sha256(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)).digest()
            if memo is not None:
                memo[id(value)] = known
        h.update(b"page:" + known)
    elif isinstance(value, Record):
        if id(value) in active:
            h.update(b"cycle;")
            return
        active.add(id(value))
        h.update(f"record:{value.schema.name}:{value._rank};".encode())
        _feed(h, value.raw, active, memo)
        _feed(h, value.links, active, memo)
        active.discard(id(value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        frozen = memo is not None and kind.__dataclass_params__.frozen
        known = memo.get(id(value)) if frozen else None
        if known is None:
            inner = hashlib.sha256(f"dc:{kind.__qualname__};".encode())
            for name in _field_names(kind):
                _feed(inner, name, active, memo)
                _feed(inner, getattr(value, name), active, memo)
            known = inner.digest()
            if frozen:
                memo[id(value)] = known
        h.update(known)
    else:
        raise _Opaque(kind.__name__)


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


class RenderMemo:
    """Per-output memo: recorded names from the last render, and outputs keyed by their digests."""

    def __init__(self, cache, env: jinja2.Environment, base: str, globals_digest: dict[str, Callable[[], str]],
                 shared_names, objects: dict[int, bytes] | None = None):
        self.cache, self.env, self.base = cache, env, base
        self._global_digest = globals_digest
        self._shared = frozenset(shared_names)
        self._known: dict[str, str | object] = {}
        # Frozen dataclasses hashed this build, by identity (shared with `globals_digest`'s makers).
        self._objects: dict[int, bytes] = {} if objects is None else objects
        self.reused = self.rendered = 0

    def _global(self, name: str) -> str | object:
        """The digest of a shared context name, computed once per build."""
        if name not in self._known:
            maker = self._global_digest.get(name)
            if maker is not None:
                self._known[name] = maker()
            elif name in self._shared:
                self._known[name] = UNCACHEABLE  # a shared value nobody declared a digest for
            else:
                self._known[name] = "absent"  # looked up but not in the context ('is defined' tests)
        return self._known[name]

    def key(self, out_path: str, names: list[str], item_context: dict) -> str | None:
        """The key of `out_path`'s output given the names its last render read: one running
        digest of each name and its value (own values fed in place, shared ones by digest)."""
        h = hashlib.sha256()
        _feed(h, [self.base, out_path, *sorted(item_context)], set())
        try:
            for name in names:
                _feed(h, name, set())
                if name in item_context:
                    _feed(h, item_context[name], set(), self._objects)
                else:
                    digest = self._global(name)
                    if digest is UNCACHEABLE:
                        return None
                    _feed(h, digest, set())
        except _Opaque:
            return None
        return self.cache.key("render", h.digest())

    def render(self, out_path: str, item_context: dict, do_render: Callable[[], str]) -> bytes:
        """Reuse the stored output for `out_path` when nothing it read has changed; else render."""
        data = self.stored(out_path, item_context)
        if data is None:
            text, names = self.track(do_render)
            data = text.encode("utf-8")
            self.keep(out_path, self.key(out_path, names, item_context), data, names)
        return data

    def stored(self, out_path: str, item_context: dict) -> bytes | None:
        """The output kept for `out_path` if every name its last render read is unchanged."""
        names = self.cache.get(self.cache.key("render-names", self.base, out_path))
        if names is not None:
            key = self.key(out_path, names, item_context)
            if key is not None:
                stored = self.cache.get(key)
                if stored is not None:
                    self.reused += 1
                    return stored
        return None

    def track(self, do_render: Callable[[], str]) -> tuple[str, list[str]]:
        """Render, noting the names the templates read (may run in a worker process)."""
        self.env.tracked_names = set()
        try:
            text = do_render()
            return text, sorted(self.env.tracked_names)
        finally:
            self.env.tracked_names = None

    def keep(self, out_path: str, key: str | None, data: bytes, names: list[str]) -> None:
        """Store a fresh render (as the bytes written: they load without decoding) under its
        key (self.key of the names it read; None: not to be kept) and what it read."""
        self.rendered += 1
        if key is not None:
            self.cache.put(self.cache.key("render-names", self.base, out_path), names)
            self.cache.put(key, data)
