"""Reading users' text files: encodings, BOMs and line ends, with errors a clerk can act on."""

from __future__ import annotations

import codecs
from pathlib import Path

from builder.diagnostics import Loc, os_error_reason

# Files larger than this are refused before parsing: a clerk's YAML is never this big, and
# a runaway file (a pasted log, a mis-saved spreadsheet) must not eat the machine's memory
# (PyYAML needs ~40x the file size and ~1 s per MB). A county ledger split by town, as
# tools/gen_demo writes it, stays far below this even at 100,000 records.
MAX_FILE_BYTES = 16 * 1024 * 1024


class TextError(Exception):
    """A file cannot be read as text; carries the location and a Chinese message."""

    def __init__(self, loc: Loc, message: str, hint: str = ""):
        super().__init__(message)
        self.loc, self.message, self.hint = loc, message, hint


def decode(data: bytes, loc: Loc) -> str:
    """Decode a user's file: UTF-8 (BOM allowed) or UTF-16 with BOM; CRLF becomes LF."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            text = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict")
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            # A UTF-16 file cut short or damaged: its bytes don't count lines as \n bytes do.
            raise TextError(loc.at(1), "文件不是有效的 UTF-8 或 UTF-16：以 UTF-16 标记开头，但内容不完整或已损坏（encoding）",
                            "请用编辑器“另存为”，编码选择 UTF-8 后再保存") from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise TextError(loc.at(line), *_encoding_message(data)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_message(data: bytes) -> tuple[str, str]:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        guess = "无法识别的编码"
    else:
        guess = "看起来是 GBK/GB18030 编码（记事本“ANSI”）"
    return (
        f"文件不是 UTF-8 编码（encoding），{guess}",
        "请用编辑器“另存为”，编码选择 UTF-8 后再保存",
    )


def read_text(path: Path, loc: Loc) -> str:
    """Read and decode a user's file, refusing absurd sizes."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TextError(
                loc,
                f"文件过大（{size // (1024 * 1024)} MB），超过 {MAX_FILE_BYTES // (1024 * 1024)} MB 上限",
                "请把大的台账拆分成多个文件（例如按镇街或月份），放在同一文件夹下",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise TextError(loc, f"无法读取文件：{os_error_reason(exc)}") from None
    return decode(data, loc)
