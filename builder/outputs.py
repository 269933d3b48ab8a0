"""Which folders the builder may replace: its own outputs, marked, and nothing else.

A build replaces its output folder wholesale (builder.write swaps in a new tree). So before
anything is built, every folder a command will write is checked here, and a command is
refused — with a Chinese message and exit 2 — when its folder

- is the site folder itself or contains it, or lies inside content/, data/ or themes/;
- is, contains or lies inside another output of the same site (the public website, the
  town manuals in print/handbook, an internal build, serve's preview), or an internal build
  would land inside the public website (which is published, and the internal one must not be);
- exists and holds files but no marker: someone else's folder is never deleted.

Every output folder carries the marker `.chabaocu-output`, naming the site and the kind of
output, and a folder is replaced only when its marker names the same kind. A folder written
by an earlier version (no marker yet) is adopted when each of its files is one the last
write recorded in its manifest (.cache/manifests/).

While a command writes, it holds a lock per output folder (.cache/locks/), so two builds
never assemble into the same scratch folder; with the lock held, the scratch folders a
killed build left behind (.public.new, .public.trash-N, .public.old) are cleaned up, and an
output a killed fallback swap left missing is put back.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
import tomllib
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.cliparser import UsageError
from builder.diagnostics import ERROR, BuildFailed, Diagnostic, Loc

MARKER = ".chabaocu-output"
# serve's preview (builder.serve), under the site's own cache: never the user's public/ or print/.
SERVE_DIR = Path(".cache") / "serve"
SERVE_OUTPUT = SERVE_DIR / "public"
SERVE_PRINT = SERVE_DIR / "print" / "handbook"
KIND_LABEL = {
    "public": "公开网站", "internal": "内部版网站（--profile internal）", "print": "督导手册",
    "serve": "预览（serve）", "serve-print": "预览的督导手册（serve）",
}
SOURCE_FOLDERS = {"content": "文章和图片", "data": "数据", "themes": "主题"}


@dataclass(frozen=True, slots=True)
class Target:
    """One folder a command writes: where, what kind of output, and how the user named it."""

    path: Path        # as given (absolute or relative to the working folder)
    kind: str         # a key of KIND_LABEL
    shown: str        # how messages name it, e.g. "public" or "../elsewhere"
    setting: str = "--out"   # where the user chose it: --out, or site.toml's [build] output
    loc: Loc | None = None   # for a folder set in site.toml: the line (a refusal is then a file error)

    @property
    def real(self) -> Path:
        return self.path.resolve()


def marker_bytes(kind: str, site_title: str) -> bytes:
    """The marker file's text: TOML a person can read, naming the site and the kind of output."""
    return ("# 这个文件夹由 chabaocu 生成（chabaocu output）。重新构建时整个文件夹会被替换，\n"
            "# 请不要在这里存放别的文件。删除本文件后，chabaocu 将不再覆盖这个文件夹。\n"
            f"kind = {json.dumps(kind)}\nsite = {json.dumps(site_title, ensure_ascii=False)}\n").encode()


def read_marker(folder: Path) -> dict | None:
    """The marker of `folder` ({'kind', 'site'}), {} when unreadable, None when there is none."""
    path = folder / MARKER
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    return data if isinstance(data.get("kind"), str) else {}


def check(root: Path, targets: list[Target], others: list[Target]) -> None:
    """Refuse (UsageError) any target this command must not replace; see the module docstring.

    `others` are the site's other output folders (defaults and this command's), each of a kind.
    """
    root_real = root.resolve()
    for target in targets:
        _check_place(root_real, target)
        for other in [*targets, *others]:
            if other.kind != target.kind:
                _check_apart(target, other)
        _check_owner(root, target)


def _refuse(target: Target, message: str, hint: str) -> None:
    """A folder named on the command line: a usage error (exit 2); one set in site.toml: an error
    at that line (exit 1), like every other problem in the user's files."""
    if target.setting != "--out":
        hint = f"这个目录由 {target.setting} 设置。" + hint
    if target.loc is not None:
        raise BuildFailed([Diagnostic(target.loc, ERROR, message, hint)])
    raise UsageError(message, hint)


_REPLACE_HINT = "输出目录在每次构建时会被整个替换；请用 public 这样的子文件夹，或站点以外的空文件夹"


def _check_place(root: Path, target: Target) -> None:
    real = target.real
    if real == root:
        _refuse(target, f"输出目录 {target.shown} 就是站点文件夹本身", _REPLACE_HINT)
    if root.is_relative_to(real):
        _refuse(target, f"输出目录 {target.shown} 包含站点文件夹", _REPLACE_HINT)
    for name, what in SOURCE_FOLDERS.items():
        if real.is_relative_to(root / name):
            _refuse(target, f"输出目录 {target.shown} 在 {name}/（{what}）之内", _REPLACE_HINT)
    if real.exists() and not real.is_dir():
        _refuse(target, f"输出目录 {target.shown} 是一个文件，不是文件夹", "请指定一个文件夹")


def _check_apart(target: Target, other: Target) -> None:
    mine, theirs = target.real, other.real
    label = KIND_LABEL[other.kind]
    if mine == theirs:
        _refuse(target, f"输出目录 {target.shown} 是{label}的输出目录",
                "网站、督导手册和内部版各用各的文件夹，互不覆盖；请换一个文件夹")
    if target.kind == "internal" and other.kind == "public" and mine.is_relative_to(theirs):
        _refuse(target, f"内部版（--profile internal）不能写到公开网站的输出目录 {other.shown} 之内",
                "内部版显示手册级信息，放进公开目录就会随网站一起发布；请用默认的 print/site 或其他不公开的文件夹")
    if mine.is_relative_to(theirs):
        _refuse(target, f"输出目录 {target.shown} 在{label}的输出目录 {other.shown} 之内",
                "网站、督导手册和内部版各用各的文件夹，互不覆盖；请换一个文件夹")
    if theirs.is_relative_to(mine):
        _refuse(target, f"输出目录 {target.shown} 包含{label}的输出目录 {other.shown}",
                "输出目录在每次构建时会被整个替换，其中的督导手册或内部版也会被删掉；请换一个文件夹")


def _check_owner(root: Path, target: Target) -> None:
    real = target.real
    if not real.is_dir() or not any(real.iterdir()):
        return
    marker = read_marker(real)
    if marker is None:
        if _written_by_us(root, target):
            return
        _refuse(target, f"输出目录 {target.shown} 不是空文件夹，也不是 chabaocu 生成的（没有 {MARKER} 标记），不会被替换",
                "请换一个空的或不存在的文件夹；如果它确实是以前生成的网站，确认里面没有别的文件后把它删除，再重新构建")
    if marker.get("kind") != target.kind:
        label = KIND_LABEL.get(marker.get("kind", ""), "其他")
        _refuse(target, f"输出目录 {target.shown} 是{label}的输出（见其中的 {MARKER}），不会被替换",
                "网站、督导手册和内部版各用各的文件夹，互不覆盖；请换一个文件夹")


def _folder_key(folder: Path) -> str:
    """A short name for an output folder, for the bookkeeping kept about it under .cache/."""
    return hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]


def manifest_path(root: Path, folder: Path) -> Path:
    """Where builder.write keeps its record of `folder` (bookkeeping, never inside an output)."""
    return root / ".cache" / "manifests" / f"{_folder_key(folder)}.json"


def spare_path(root: Path, folder: Path) -> Path:
    """Where builder.write keeps the tree that replaced `folder`'s last, to update in place next time."""
    return root / ".cache" / "spare" / _folder_key(folder)


def _written_by_us(root: Path, target: Target) -> bool:
    """An output of an earlier version, without a marker: every file in it is one we wrote there."""
    try:
        written = json.loads(manifest_path(root, target.path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    for dirpath, _dirs, files in os.walk(target.real):
        for name in files:
            rel = os.path.relpath(os.path.join(dirpath, name), target.real).replace(os.sep, "/")
            if rel not in written:
                return False
    return True


@contextmanager
def claimed(root: Path, targets: list[Target]):
    """Hold every target's lock while the command writes; clean what killed builds left behind."""
    with ExitStack() as stack:
        for target in targets:
            stack.enter_context(_locked(root, target))
            clean_scratch(target.real)
        clean_cache_scratch(root)
        yield


STALE_SECONDS = 3600  # a temporary file this old in .cache/ belongs to no running build


def clean_cache_scratch(root: Path) -> None:
    """Temporary files a killed build left in .cache/ (a cache or PDF written half-way), once stale."""
    cache = root / ".cache"
    if not cache.is_dir():
        return
    now = time.time()
    for dirpath, _dirs, files in os.walk(cache):
        for name in files:
            if name.endswith(".tmp"):
                path = Path(dirpath) / name
                try:
                    if now - path.stat().st_mtime > STALE_SECONDS:
                        path.unlink()
                except OSError:
                    pass


@contextmanager
def _locked(root: Path, target: Target):
    lock_dir = root / ".cache" / "locks"
    try:
        lock_dir.mkdir(parents=True, exist_ok=True)
        handle = open(lock_dir / (hashlib.sha256(str(target.real).encode()).hexdigest()[:16] + ".lock"), "a")
    except OSError:
        yield  # a read-only site folder: nothing to lock, and nothing else can write there either
        return
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(f"另一个 chabaocu 正在写入 {target.shown}",
                             "等它结束后再运行（serve 预览不占用 public/ 和 print/）") from None
        yield
    finally:
        handle.close()  # closing releases the lock; a killed process's lock is released by the kernel


def clean_scratch(out: Path) -> None:
    """Remove the scratch folders of builds killed while writing `out` (call with its lock held).

    write_tree assembles `.<name>.new` beside the output, swaps it in, and deletes the old tree
    as `.<name>.trash-<pid>` (or, without an atomic swap, moves the old tree to `.<name>.old`
    first). A build killed in that fallback between its two renames leaves no output at all:
    the old tree, whole, is put back.
    """
    parent = out.parent
    if not parent.is_dir():
        return
    retired = parent / f".{out.name}.old"
    if retired.is_dir() and not out.exists():
        os.rename(retired, out)
    for leftover in [parent / f".{out.name}.new", retired, *parent.glob(f".{out.name}.trash-*")]:
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def mark(folder: Path, marker: bytes) -> None:
    """Give a checked output folder its marker (creating the folder) when it has none yet."""
    folder.mkdir(parents=True, exist_ok=True)
    if read_marker(folder) is None:
        tmp = folder / f"{MARKER}.tmp"
        tmp.write_bytes(marker)
        os.replace(tmp, folder / MARKER)


def check_file_target(root: Path, path: Path, suffix: str, option: str) -> None:
    """A file a command is told to write (`template -o`, `export -o`): a new file of the right
    kind, in an existing folder, never among the site's sources or outputs."""
    from builder.names import NameProblem, check_file_name

    shown = path.as_posix()
    try:
        check_file_name(path.name, f"{option} 的文件名")
    except NameProblem as problem:
        raise UsageError(problem.message, problem.hint) from None
    if path.suffix.lower() != suffix:
        raise UsageError(f"{option} 的文件名“{path.name}”应以 {suffix} 结尾", f"例如 {option} 索镇镇隐患台账{suffix}")
    real = path.resolve()
    root_real = root.resolve()
    protected = {name: what for name, what in SOURCE_FOLDERS.items()}
    protected.update({".cache": "缓存", "public": "网站输出", "print": "督导手册输出"})
    for name, what in protected.items():
        if real.is_relative_to(root_real / name):
            raise UsageError(f"{option} {shown} 在站点的 {name}/（{what}）之内，不能写在那里",
                             "把表格保存到站点文件夹以外，例如桌面或“文档”")
    if real.is_dir():
        raise UsageError(f"{option} {shown} 是一个文件夹", "请写一个新的文件名，例如 索镇镇隐患台账.xlsx")
    if real.exists():
        raise UsageError(f"{option} {shown} 已经存在，不会覆盖", "换一个文件名，或先把旧文件改名或删除")
    if not real.parent.is_dir():
        raise UsageError(f"{option} {shown} 所在的文件夹不存在", "先建好文件夹，或换一个位置")
