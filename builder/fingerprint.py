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
from pathlib import Path

from builder.cache import CODE
from builder.load import walk

RECORD = "last-build.json"


def inputs_digest(root: Path, theme: str, settings: dict) -> str:
    digest = hashlib.sha256(CODE.encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    folders = [root / "content", root / "data", root / "themes" / theme]
    for path in [root / "site.toml"] + [p for folder in folders for p in walk(folder)]:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"<unreadable>"
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def snapshot(folder: Path) -> dict[str, list[int]]:
    """Every file below `folder` with its size and mtime (what a later build compares)."""
    out = {}
    if folder.is_dir():
        for dirpath, _dirnames, filenames in os.walk(folder):
            for name in filenames:
                path = Path(dirpath) / name
                stat = path.stat()
                out[path.relative_to(folder).as_posix()] = [stat.st_size, stat.st_mtime_ns]
    return out


def _record_path(root: Path) -> Path:
    return root / ".cache" / RECORD


def unchanged(root: Path, digest: str, outputs: list[Path]) -> dict | None:
    """The record of the last good build when nothing changed since; otherwise None."""
    try:
        record = json.loads(_record_path(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
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

