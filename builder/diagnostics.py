"""Diagnostics as data: a location, a level, a Chinese message and a hint, printed once."""

from __future__ import annotations

import errno
import sys
from dataclasses import dataclass, field
from pathlib import Path

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True, slots=True, order=True)
class Loc:
    """A place in a user's file: path relative to the site root, 1-based line and column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line and self.col:
            return f"{self.path}:{self.line}:{self.col}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path

    def at(self, line: int, col: int = 0) -> Loc:
        """Return the same file at another line."""
        return Loc(self.path, line, col)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    loc: Loc
    level: str
    message: str
    hint: str = ""

    def sort_key(self) -> tuple:
        return (self.loc.path, self.loc.line, self.loc.col, self.level != ERROR, self.message)

    def __str__(self) -> str:
        text = f"{self.loc}: {self.level}: {self.message}"
        if self.hint:
            text += f"\n    提示: {self.hint}"
        return text


class UserError(Exception):
    """A problem the user can fix that has no file:line (a command's input, the disk): printed as
    “错误: …” with its “提示: …”. Each command's own kind subclasses it."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint

    def __str__(self) -> str:
        return f"错误: {self.message}" + (f"\n    提示: {self.hint}" if self.hint else "")


class BuildFailed(Exception):
    """Raised when the user's files have errors; carries every diagnostic collected so far."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problems")
        self.diagnostics = diagnostics


@dataclass
class Reporter:
    """Collects diagnostics from every stage; the CLI prints them once, sorted.

    `strict` (check --strict, build --strict: the county's final publish) records every
    warning as an error, so unfinished work stops the build where a warning would not.
    """

    diagnostics: list[Diagnostic] = field(default_factory=list)
    _seen: set = field(default_factory=set)
    strict: bool = False

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self._add(Diagnostic(loc, ERROR, message, hint))

    def warning(self, loc: Loc, message: str, hint: str = "") -> None:
        self._add(Diagnostic(loc, ERROR if self.strict else WARNING, message, hint))

    def extend(self, diagnostics) -> None:
        """Replay diagnostics collected earlier (e.g. a cached validation of an unchanged file)."""
        for diag in diagnostics:
            if self.strict and diag.level == WARNING:
                diag = Diagnostic(diag.loc, ERROR, diag.message, diag.hint)
            self._add(diag)

    def _add(self, diag: Diagnostic) -> None:
        key = (diag.loc, diag.level, diag.message)
        if key not in self._seen:
            self._seen.add(key)
            self.diagnostics.append(diag)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level == WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildFailed(self.sorted())

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=Diagnostic.sort_key)


def format_report(diagnostics: list[Diagnostic]) -> str:
    """Render diagnostics as the text the user reads, with a closing count."""
    lines = [str(d) for d in sorted(diagnostics, key=Diagnostic.sort_key)]
    errors = sum(d.level == ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    if diagnostics:
        lines.append(f"共 {errors} 个错误，{warnings} 个警告。")
    return "\n".join(lines)


def print_report(diagnostics: list[Diagnostic], stream=None) -> None:
    if diagnostics:
        print(format_report(diagnostics), file=stream or sys.stderr)


def site_relative(path: Path | str, root: Path) -> str:
    """A path as the user sees it: relative to the site root, with forward slashes.

    The one place paths in messages are made (diagnostics, template frames, output folders);
    a path outside the site is shown whole.
    """
    path = Path(path)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# What the system says when it cannot read or write a file, in words a clerk can act on.
_OS_REASONS = {
    errno.ENOSPC: "磁盘空间已满（no space left）",
    errno.EDQUOT: "磁盘配额已用完（quota exceeded）",
    errno.EROFS: "磁盘是只读的（read-only），例如写保护的 U 盘",
    errno.EACCES: "没有权限（permission denied）",
    errno.EPERM: "没有权限（operation not permitted）",
    errno.ENOENT: "文件或文件夹不存在（not found）",
    errno.ENAMETOOLONG: "文件名或路径太长（name too long）",
    errno.EMFILE: "同时打开的文件太多（too many open files）",
    errno.EIO: "磁盘读写出错（I/O error），U 盘或硬盘可能有问题",
    errno.EADDRINUSE: "端口已被别的程序占用（address in use）",
    errno.EADDRNOTAVAIL: "这台电脑没有这个地址（address not available）",
}


def os_error_reason(exc: OSError) -> str:
    """Why a file operation failed, in Chinese with the English term (the system's text otherwise)."""
    return _OS_REASONS.get(exc.errno, exc.strerror or str(exc))
