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
               marker: bytes | None = None, spare: Path | None = None) -> WriteReport:
    """Replace `out` with exactly `files` (relative path -> bytes) in one step.

    The new tree is assembled in a folder beside the output, where a file whose bytes are
    unchanged is a hard link to the old output's file rather than a copy; then the two folders
    are swapped atomically, so a reader (or a build killed half-way) only ever sees a whole
    site. `manifest_path` (under .cache/, never in the output) remembers what was written, so
    the next write need not read the old files back to know they are unchanged.

    `spare` (under .cache/) keeps the replaced tree instead of deleting it. The next write
    brings that tree up to date in place — a few files for a few changed pages, no folder
    made again — and swaps it in, so that a build that changed ten pages of a 5,000-page site
    costs ten file operations, not 5,000 new folders and links. Whatever the spare holds is
    checked, never trusted: a file is kept there only when it is the very file (inode) the
    output has, every other one is written anew, and the output is touched by nothing but
    the swap. Without a spare (or on another disk) the tree is assembled from nothing and
    the old one deleted.

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
    old = tree_files(str(out))
    manifest = _load_manifest(manifest_path)
    digests = {rel: hashlib.sha256(data).hexdigest() for rel, data in files.items()}
    same = {rel for rel, data in files.items() if _unchanged(rel, data, digests[rel], out, old, manifest)}
    if len(same) == len(files) == len(old):
        _save_manifest(out, digests, manifest_path)
        return WriteReport(0, len(files), 0)  # nothing changed: don't even swap
    for leftover in out.parent.glob(f".{out.name}.trash-*"):
        shutil.rmtree(leftover, ignore_errors=True)  # an earlier background clean-up didn't finish
    spare = _usable_spare(spare, out)
    staging = spare or out.parent / f".{out.name}.new"
    if spare is None and staging.exists():
        shutil.rmtree(staging)  # left over from a killed build
    staging.mkdir(exist_ok=True)
    written, unchanged = _assemble(files, same, out, old, staging)
    removed = sum(1 for rel in old if rel not in files)
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        if spare is None:
            _discard(staging)
    else:  # no atomic swap here: the old tree steps aside for the new one
        retired = out.parent / f".{out.name}.old"
        if retired.exists():
            shutil.rmtree(retired)
        os.rename(out, retired)
        os.rename(staging, out)
        if spare is None:
            _discard(retired)
        else:
            os.rename(retired, spare)
    _save_manifest(out, digests, manifest_path)
    return WriteReport(written, unchanged, removed)


def _usable_spare(spare: Path | None, out: Path) -> Path | None:
    """`spare` if a tree there can be swapped with `out` (same disk, a real folder); else None."""
    if spare is None:
        return None
    try:
        spare.parent.mkdir(parents=True, exist_ok=True)
        if os.stat(spare.parent).st_dev != os.stat(out.parent).st_dev:
            return None
        if spare.is_symlink() or (spare.exists() and not spare.is_dir()):
            spare.unlink()
    except OSError:
        return None
    return spare


def tree_files(folder: str) -> dict[str, os.stat_result]:
    """Every file below `folder` (relative path -> lstat); links to folders are not followed."""
    found: dict[str, os.stat_result] = {}
    stack = [("", folder)]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((rel + "/", entry.path))
            else:
                found[rel] = entry.stat(follow_symlinks=False)
    return found


def _assemble(files: dict[str, bytes], same: set[str], out: Path, old: dict[str, os.stat_result],
              staging: Path) -> tuple[int, int]:
    """Make `staging` hold exactly `files`: (files written, files linked to the old output).

    `staging` is empty, or a spare tree in any state (an older output, or one a killed build
    left half-updated). What it holds beyond `files` goes first, so that a folder can become a
    file and back; a file already there is kept only when it is the old output's own file
    (same inode) and its bytes are unchanged. An existing file is replaced by a rename, never
    written into: it may be a hard link to a file of the published output.
    """
    base = str(staging)
    present = tree_files(base)
    for rel in sorted(present.keys() - files.keys(), reverse=True):
        path = os.path.join(base, rel)
        os.unlink(path)
        present.pop(rel)
        _remove_empty_parents(os.path.dirname(path), base)
    made: set[str] = set()
    written = unchanged = 0
    for rel in sorted(files):
        target = os.path.join(base, rel)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        here = present.get(rel)
        if rel in same:
            if here is not None and (here.st_ino, here.st_dev) == (old[rel].st_ino, old[rel].st_dev):
                unchanged += 1
                continue
            try:
                _replace(target, here, lambda tmp, rel=rel: os.link(out / rel, tmp))
                unchanged += 1
                continue
            except OSError:
                pass
        _replace(target, here, lambda tmp, rel=rel: _write_new(tmp, files[rel]), fresh=not present)
        written += 1
    return written, unchanged


def _write_new(path: str, data: bytes) -> None:
    """Write a file that does not exist yet (O_EXCL: never into a file that does, which might
    be a hard link to a file of the published output)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _replace(target: str, here: os.stat_result | None, make, fresh: bool = False) -> None:
    """Create `target` with make(path); over an existing file, make a temporary and rename it over.

    `fresh`: the tree was empty when assembly began, so nothing can be in the way."""
    if fresh or (here is None and not os.path.lexists(target)):
        make(target)
        return
    tmp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.chabaocu-tmp")
    if os.path.lexists(tmp):
        os.unlink(tmp)
    make(tmp)
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    os.replace(tmp, target)


def _remove_empty_parents(folder: str, base: str) -> None:
    while folder != base and folder.startswith(base):
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = os.path.dirname(folder)


def _all_known(out: Path, manifest_path: Path | None) -> bool:
    """Every file of an unmarked `out` is in the manifest of our last write there (an older version's output)."""
    known = _load_manifest(manifest_path)
    return bool(known) and all(rel in known for rel in tree_files(str(out)))


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
