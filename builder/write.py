"""Stage 5: write a complete new output folder, then swap it in; unchanged files keep their inode."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

_RENAME_EXCHANGE = 2


@dataclass(frozen=True, slots=True)
class WriteReport:
    written: int
    unchanged: int
    removed: int


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def write_tree(files: dict[str, bytes], out: Path) -> WriteReport:
    """Replace `out` with exactly `files` (relative path -> bytes) in one step.

    The new tree is assembled in a sibling folder; a file whose bytes are unchanged is
    hard-linked from the old output instead of rewritten. Then the two folders are swapped
    atomically, so a reader (or a build killed half-way) only ever sees a whole site.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.new"
    if staging.exists():
        shutil.rmtree(staging)  # left over from a killed build
    staging.mkdir()
    written = unchanged = 0
    for rel in sorted(files):
        data = files[rel]
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        old = out / rel
        if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) and old.read_bytes() == data:
            try:
                os.link(old, target)
                unchanged += 1
                continue
            except OSError:
                pass
        target.write_bytes(data)
        written += 1
    removed = 0
    if out.exists():
        removed = sum(1 for p in out.rglob("*") if p.is_file() and p.relative_to(out).as_posix() not in files)
        if not _exchange(staging, out):
            retired = out.parent / f".{out.name}.old"
            if retired.exists():
                shutil.rmtree(retired)
            os.rename(out, retired)
            os.rename(staging, out)
            staging = retired
        shutil.rmtree(staging)
    else:
        os.rename(staging, out)
    return WriteReport(written, unchanged, removed)
