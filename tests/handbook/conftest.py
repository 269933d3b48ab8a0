"""The printed example read back once: every suite here that reads the ten PDFs shares one reading."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tools import printqa


@pytest.fixture(scope="session")
def read_printed(shared_tmp):
    """printqa.read_pdf, each PDF read once per session (by whichever xdist worker asks first).

    pdftohtml costs about a second per hundred pages and four tests read the same ten PDFs: its
    XML is kept in the session's shared folder, keyed by the PDF's path, size and time, and the
    parsed pages in this worker's memory.
    """
    folder = shared_tmp / "printed-xml"
    folder.mkdir(exist_ok=True)
    parsed: dict[Path, list[printqa.Page]] = {}

    def read(path: Path) -> list[printqa.Page]:
        stat = path.stat()
        key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
        kept = folder / f"{hashlib.sha256(key).hexdigest()[:24]}.xml"
        if kept not in parsed:
            if not kept.is_file():
                partial = kept.with_suffix(f".{os.getpid()}.tmp")
                partial.write_bytes(printqa.pdf_xml(path))
                partial.replace(kept)  # whole or not there: another worker may be reading it
            parsed[kept] = printqa.pages_of(kept.read_bytes())
        return parsed[kept]

    return read
