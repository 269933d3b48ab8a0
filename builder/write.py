"""Stage 5: write a complete new output folder, then swap it in; unchanged files keep their inode."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
import shutil
import stat
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


def _load_manifest(path: Path | None) -> dict:
    if path is None:
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _old_files(out: Path) -> dict[str, os.stat_result]:
    found: dict[str, os.stat_result] = {}
    if out.is_dir():
        for dirpath, _dirnames, filenames in os.walk(out):
            for name in filenames:
                path = os.path.join(dirpath, name)
                found[os.path.relpath(path, out).replace(os.sep, "/")] = os.lstat(path)
    return found


def _unchanged(rel: str, data: bytes, digest: str, out: Path, old: dict, manifest: dict) -> bool:
    """Whether the old output's file `rel` already holds `data`.

    The manifest of the last write answers without reading the old file, as long as that
    file's size, mtime and inode are still the ones recorded; otherwise compare the bytes.
    """
    st = old.get(rel)
    if st is None or not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
        return False
    entry = manifest.get(rel)
    if entry and entry[:3] == [st.st_size, st.st_mtime_ns, st.st_ino]:
        return entry[3] == digest
    return (out / rel).read_bytes() == data


def _discard(old: Path) -> None:
    """Delete the replaced tree without making the user wait: rename, then remove in the background.

    The swap has already happened, so the new output is complete whatever becomes of this.
    """
    trash = old.parent / f"{old.name.rsplit('.', 1)[0]}.trash-{os.getpid()}"  # .public.new -> .public.trash-N
    try:
        os.rename(old, trash)
        # The shell puts rm in the background and exits at once: rm outlives this process (a
        # later build removes whatever it left) and no child is left un-waited-for.
        subprocess.run(["sh", "-c", 'rm -rf -- "$1" &', "sh", str(trash)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True, check=False)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)


def safe_rel(rel: str) -> str:
    """An output path that stays inside its output folder, or ValueError (a bug: names are checked
    where users give them, builder.names; this is the last line of defence)."""
    parts = rel.split("/")
    if (not rel or rel.startswith("/") or "\\" in rel or "\0" in rel
            or any(part in ("", ".", "..") for part in parts)):
        raise ValueError(f"refusing to write {rel!r}: not a plain relative path inside the output")
    return rel


def write_tree(files: dict[str, bytes], out: Path, manifest_path: Path | None = None,
               marker: bytes | None = None) -> WriteReport:
    """Replace `out` with exactly `files` (relative path -> bytes) in one step.

    The new tree is assembled in a sibling folder; a file whose bytes are unchanged is
    hard-linked from the old output instead of rewritten. Then the two folders are swapped
    atomically, so a reader (or a build killed half-way) only ever sees a whole site.
    `manifest_path` (under .cache/, never in the output) remembers what was written, so the
    next write need not read the old files back to know they are unchanged.
    `marker` (builder.outputs) is written as the folder's .chabaocu-output: with a marker, an
    existing non-empty `out` must already carry one, or nothing is replaced (ValueError; the
    commands check this first and tell the user, see builder.outputs.check).
    """
    from builder.outputs import MARKER, read_marker

    for rel in files:
        safe_rel(rel)
    out = out.resolve()
    if marker is not None:
        if out.is_dir() and read_marker(out) is None and any(out.iterdir()) and not _all_known(out, manifest_path):
            raise ValueError(f"refusing to replace {out}: not empty and not marked as chabaocu output")
        files = {**files, MARKER: marker}
    out.parent.mkdir(parents=True, exist_ok=True)
    old = _old_files(out)
    manifest = _load_manifest(manifest_path)
    digests = {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}
    same = {rel for rel, data in files.items() if _unchanged(rel, data, digests[rel], out, old, manifest)}
    if len(same) == len(files) == len(old):
        _save_manifest(out, digests, manifest_path)
        return WriteReport(0, len(files), 0)  # nothing changed: don't even swap
    for leftover in out.parent.glob(f".{out.name}.trash-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # an earlier background clean-up didn't finish
    staging = out.parent / f".{out.name}.new"
    if staging.exists():
        shutil.rmtree(staging)  # left over from a killed build
    staging.mkdir()
    written = unchanged = 0
    made: set[Path] = set()
    for rel in sorted(files):
        data = files[rel]
        target = staging / rel
        parent = target.parent
        if parent not in made:
            parent.mkdir(parents=True, exist_ok=True)
            made.add(parent)
        if rel in same:
            try:
                os.link(out / rel, target)
                unchanged += 1
                continue
            except OSError:
                pass
        target.write_bytes(data)
        written += 1
    removed = 0
    if out.exists():
        removed = sum(1 for rel in old if rel not in files)
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
    _save_manifest(out, digests, manifest_path)
    return WriteReport(written, unchanged, removed)


def _all_known(out: Path, manifest_path: Path | None) -> bool:
    """Every file of an unmarked `out` is in the manifest of our last write there (an older version's output)."""
    known = _load_manifest(manifest_path)
    return bool(known) and all(rel in known for rel in _old_files(out))


def _save_manifest(out: Path, digests: dict[str, str], path: Path | None) -> None:
    """Record each written file's size, mtime, inode and content hash for the next write."""
    if path is None:
        return
    entries = {}
    for rel, digest in digests.items():
        try:
            st = os.lstat(out / rel)
        except OSError:
            continue
        entries[rel] = [st.st_size, st.st_mtime_ns, st.st_ino, digest]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def update_tree(files: dict[str, bytes], out: Path, previous: dict[str, bytes]) -> list[str]:
    """Bring `out`, which holds exactly `previous`, to `files` file by file; the changed paths.

    serve's writer: a preview needs no whole-tree swap, and swapping 5,000 folders per save
    costs seconds. Each changed file is still replaced in one step (written beside, then
    renamed over), so the browser never reads half a page.
    """
    changed = sorted(safe_rel(rel) for rel, data in files.items() if previous.get(rel) != data)
    for rel in changed:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(files[rel])
        os.replace(tmp, target)
    removed = sorted(rel for rel in previous if rel not in files)
    for rel in removed:
        target = out / rel
        target.unlink(missing_ok=True)
        for folder in target.parents:
            if folder == out or not folder.is_relative_to(out):
                break
            try:
                folder.rmdir()  # only empties: a folder still holding a page stays
            except OSError:
                break
    return changed + removed
