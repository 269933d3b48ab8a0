"""Stage 5: write a complete new output folder, then swap it in; unchanged files keep their inode."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
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


def _same_tree(files: dict[str, bytes], out: Path) -> bool:
    """Whether `out` already holds exactly `files` (a no-op rebuild leaves it alone)."""
    if not out.is_dir():
        return False
    present = [p for p in out.rglob("*") if not p.is_dir()]
    if len(present) != len(files):
        return False
    for path in present:
        data = files.get(path.relative_to(out).as_posix())
        if data is None or path.is_symlink() or path.stat().st_size != len(data) or path.read_bytes() != data:
            return False
    return True


def _discard(old: Path) -> None:
    """Delete the replaced tree without making the user wait: rename, then remove in the background.

    The swap has already happened, so the new output is complete whatever becomes of this.
    """
    trash = old.parent / f".{old.name.strip('.').split('.')[0]}.trash-{os.getpid()}"
    try:
        os.rename(old, trash)
        subprocess.Popen(["rm", "-rf", "--", str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def write_tree(files: dict[str, bytes], out: Path) -> WriteReport:
    """Replace `out` with exactly `files` (relative path -> bytes) in one step.

    The new tree is assembled in a sibling folder; a file whose bytes are unchanged is
    hard-linked from the old output instead of rewritten. Then the two folders are swapped
    atomically, so a reader (or a build killed half-way) only ever sees a whole site.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    if _same_tree(files, out):
        return WriteReport(0, len(files), 0)  # nothing changed: don't even swap
    for leftover in out.parent.glob(f".{out.name}.trash-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # an earlier background clean-up didn't finish
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
        _discard(staging)
    else:
        os.rename(staging, out)
    return WriteReport(written, unchanged, removed)
