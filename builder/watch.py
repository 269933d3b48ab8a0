"""Watch a site's sources for `serve`: ignore editor noise, classify each change, debounce bursts.

Only site.toml, content/, data/ and themes/<theme>/ can change the output, so only they
count; the output and cache folders (which the build itself writes) never do.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from builder.config import CONFIG_NAME

CONFIG, CONTENT, DATA, THEME = "config", "content", "data", "theme"
WATCHED_DIRS = ("content", "data", "themes")

# Only events that can mean "a file's bytes changed". Opened and closed-without-writing
# events must stay out: the build reads every source, and would otherwise trigger itself.
# A directory's "modified" event only echoes a change to a file inside it. Passed to watchdog
# as event_filter, this list also narrows the inotify mask: the kernel never reports reads.
EVENT_TYPES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
               DirCreatedEvent, DirDeletedEvent, DirMovedEvent]

_NOISE_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".swn", "___jb_tmp___", "___jb_old___")


def is_noise(name: str) -> bool:
    """Whether a file name is an editor's temporary file rather than the user's source.

    vim writes .name.swp and probes a folder by creating "4913"; emacs writes .#name and
    #name#; many editors keep name~ backups; JetBrains saves via name___jb_tmp___. Hidden
    files and folders are never read by the build either.
    """
    return (name == "4913" or name.startswith((".", "#")) or name.endswith(_NOISE_SUFFIXES))


def classify(rel: str, theme: str | None) -> str | None:
    """The kind of source at `rel` (posix path relative to the site root), or None to ignore it.

    `theme` is the theme the last good build used; None (site.toml not readable yet)
    makes every theme count, so fixing the config never misses a theme edit.
    """
    parts = [p for p in rel.split("/") if p]
    if not parts or any(is_noise(p) for p in parts):
        return None
    if parts == [CONFIG_NAME]:
        return CONFIG
    head = parts[0]
    if head == "content":
        return CONTENT
    if head == "data":
        return DATA
    if head == "themes" and (len(parts) == 1 or theme is None or parts[1] == theme):
        return THEME
    return None


@dataclass(frozen=True, slots=True)
class Changes:
    """One debounced batch: the changed paths (relative, sorted) and the kinds of source they are."""

    paths: tuple[str, ...]
    kinds: frozenset[str]

    def describe(self) -> str:
        """A short Chinese summary for the terminal."""
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} 等 {len(self.paths)} 个文件"


class Debouncer:
    """Collects changes and releases them as one batch once `quiet` seconds pass without another.

    Saving a file is a burst of events (write, close, rename, delete a backup); one build
    per burst is enough. `longest` caps the wait, so a file rewritten non-stop still
    gets built.
    """

    def __init__(self, quiet: float = 0.15, longest: float = 2.0, clock: Callable[[], float] = time.monotonic):
        self.quiet = quiet
        self.longest = longest
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: dict[str, str] = {}
        self._first = self._last = 0.0
        self._closed = False

    def add(self, rel: str, kind: str) -> None:
        """Record a change to `rel`; restarts the quiet period."""
        with self._cond:
            now = self._clock()
            if not self._pending:
                self._first = now
            self._pending[rel] = kind
            self._last = now
            self._cond.notify_all()

    def due_in(self) -> float | None:
        """Seconds until the pending batch is due (0 when due now), None when nothing is pending."""
        with self._cond:
            return self._due_in()

    def _due_in(self) -> float | None:
        if not self._pending:
            return None
        due = min(self._last + self.quiet, self._first + self.longest)
        return max(0.0, due - self._clock())

    def take(self) -> Changes | None:
        """The pending batch if it is due, else None."""
        with self._cond:
            return self._take() if self._due_in() == 0.0 else None

    def _take(self) -> Changes:
        batch = Changes(tuple(sorted(self._pending)), frozenset(self._pending.values()))
        self._pending = {}
        return batch

    def wait(self, timeout: float) -> Changes | None:
        """Block up to `timeout` seconds for a due batch; None on timeout or after close()."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not self._closed:
                due = self._due_in()
                if due == 0.0:
                    return self._take()
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._cond.wait(left if due is None else min(due, left))
        return None

    def close(self) -> None:
        """Wake every waiter; wait() returns None from now on."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()


class _Handler(FileSystemEventHandler):
    """Turns watchdog events into (relative path, kind) pairs for the debouncer."""

    def __init__(self, watcher: SiteWatcher):
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in ("created", "modified", "deleted", "moved", "closed"):
            return
        if event.is_directory and event.event_type == "modified":
            return
        # A rename counts at both ends: vim renames the source to name~ before writing it anew.
        for path in (event.src_path, getattr(event, "dest_path", "")):
            if path:
                self._watcher.notice(os.fsdecode(path))


class SiteWatcher:
    """A watchdog Observer over site.toml, content/, data/ and themes/, feeding a Debouncer."""

    def __init__(self, root: Path, debouncer: Debouncer, theme: Callable[[], str | None]):
        self.root = root.resolve()
        self.debouncer = debouncer
        self._theme = theme
        self._observer = Observer()
        self._handler = _Handler(self)
        self._watches: dict[str, tuple[object, int]] = {}

    def start(self) -> None:
        """Begin watching; events arrive on watchdog's thread from now on."""
        # The root itself only non-recursively: it also holds the output and .cache/,
        # which every build rewrites (and, in a repository, .venv/ with thousands of folders).
        self._observer.schedule(self._handler, str(self.root), recursive=False, event_filter=EVENT_TYPES)
        self.refresh()
        self._observer.start()

    def refresh(self) -> None:
        """Watch source folders created since the last call; re-watch ones deleted and recreated."""
        for name in WATCHED_DIRS:
            folder = self.root / name
            try:
                inode = folder.stat().st_ino if folder.is_dir() else 0
            except OSError:
                inode = 0
            old = self._watches.get(name)
            if old and old[1] == inode:
                continue
            if old:
                try:
                    self._observer.unschedule(old[0])
                except KeyError:
                    pass  # watchdog already dropped the watch of a deleted folder
                del self._watches[name]
            if inode:
                watch = self._observer.schedule(self._handler, str(folder), recursive=True,
                                                event_filter=EVENT_TYPES)
                self._watches[name] = (watch, inode)

    def notice(self, path: str) -> None:
        """Pass one changed absolute path to the debouncer if it is a source of the site."""
        try:
            rel = Path(path).relative_to(self.root).as_posix()
        except ValueError:
            return
        kind = classify(rel, self._theme())
        if kind is not None:
            self.debouncer.add(rel, kind)

    def stop(self) -> None:
        """Stop the observer thread and wait for it to end."""
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join()
