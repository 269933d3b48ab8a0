"""Skip a build whose inputs are all unchanged and whose output is still what it wrote.

Make's rule, for the whole site at once: if every input file (site.toml, content/, data/, the
theme), the builder's code and the build's settings hash the same as at the last good build,
and every output file still has the size and mtime that build left, the output is already
exactly what a new build would write. Any difference, or any doubt (a missing record, a
touched output file), and the build runs in full.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from builder.cache import CODE
from builder.load import walk
from builder.write import tree_files

RECORD = "last-build.json"


# A file changed this recently may change again within the same tick of the file system's
# clock without its size or times showing it: its hash is not kept for the next build.
RACY_SECONDS = 2.0


def inputs_digest(root: Path, theme: str, settings: dict, known: dict | None = None) -> tuple[str, dict]:
    """The digest of every input and setting, and each input's signature for the next build.

    Signatures (size, mtime, ctime, inode and hash, per file) let the next build hash only the
    files whose signature differs, instead of reading the whole site again (5,000 articles:
    a tenth of a second). The change time is in the signature because nothing can set it back:
    a file replaced by an older copy (`cp -p`, `rsync -t`) still counts as changed. A file
    changed within RACY_SECONDS of being hashed gets no signature, so it is hashed again.
    """
    known = known or {}
    digest = hashlib.sha256(CODE.encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    folders = [root / "content", root / "data", root / "themes" / theme]
    signatures: dict[str, list] = {}
    now = time.time()
    for path in [root / "site.toml"] + [p for folder in folders for p in walk(folder)]:
        rel = path.relative_to(root).as_posix()
        try:
            st = path.stat()
            signature = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
            previous = known.get(rel)
            if previous is not None and previous[:4] == signature:
                sha = previous[4]
            else:
                sha = hashlib.sha256(path.read_bytes()).hexdigest()
            if max(st.st_mtime_ns, st.st_ctime_ns) < (now - RACY_SECONDS) * 1e9:
                signatures[rel] = [*signature, sha]
        except OSError:
            sha = "<unreadable>"
        digest.update(rel.encode() + b"\0" + sha.encode())
    return digest.hexdigest(), signatures


def snapshot(folder: Path) -> dict[str, list[int]]:
    """Every file below `folder` with its size and mtime (what a later build compares)."""
    return {rel: [stat.st_size, stat.st_mtime_ns] for rel, stat in tree_files(str(folder)).items()}


def _record_path(root: Path) -> Path:
    return root / ".cache" / RECORD


def last_record(root: Path) -> dict:
    """What the last good build recorded ({} when there is no readable record)."""
    try:
        record = json.loads(_record_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def unchanged(root: Path, digest: str, outputs: list[Path], record: dict | None = None) -> dict | None:
    """The record of the last good build when nothing changed since; otherwise None."""
    record = last_record(root) if record is None else record
    if record.get("digest") != digest or sorted(record.get("outputs", {})) != sorted(str(p) for p in outputs):
        return None
    for folder in outputs:
        if snapshot(folder) != record["outputs"][str(folder)]:
            return None
    return record


def remember(root: Path, digest: str, outputs: list[Path], extra: dict) -> None:
    """Record a good build (written last, so a killed build never leaves a valid record)."""
    record = {"digest": digest, "outputs": {str(p): snapshot(p) for p in outputs}, **extra}
    path = _record_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(record, ensure_ascii=False, default=str), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def forget(root: Path) -> None:
    try:
        _record_path(root).unlink()
    except OSError:
        pass

