"""Stage 1: walk content/ and data/ and parse every file, collecting every problem.

Data files are also checked against their schema here, file by file (a pure function of the
bytes, cached, and done in the worker process that parsed a big file); what spans files is
builder.validate's.
"""

from __future__ import annotations

import os
import pickle
import re
from collections.abc import Callable
from concurrent.futures import as_completed
from dataclasses import dataclass, field
from pathlib import Path

from builder import parallel
from builder.cache import Cache
from builder.diagnostics import Loc, Reporter, os_error_reason, site_relative
from builder.markdown import MAX_NESTING, too_deep
from builder.parallel import process_pool, worker_count
from builder.progress import Step
from builder.schema.datafile import validate_file
from builder.schema.records import KINDS
from builder.textio import MAX_FILE_BYTES, TextError, decode, read_text
from builder.yamlio import load_yaml, split_front_matter

DATA_SUFFIXES = (".yaml", ".yml")
_STEM = re.compile(r"^[\w\-]+$")


@dataclass(frozen=True, slots=True)
class SourcePage:
    """A parsed Markdown file before validation."""

    path: Path
    loc: Loc
    section: str
    stem: str
    meta: object
    body: str
    body_line: int


@dataclass
class Loaded:
    pages: list[SourcePage] = field(default_factory=list)
    # kind -> [(file, its records checked against the schema: (outcomes, diagnostics))]
    data: dict[str, list[tuple[Loc, tuple]]] = field(default_factory=dict)
    assets: list[Path] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)


def _is_scratch(name: str) -> bool:
    """Hidden files and editors' temporary files (vim's 4913, .swp, emacs #x#, backups~)."""
    return (name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swo", ".tmp")) or name == "4913")


def walk(folder: Path) -> list[Path]:
    """Every file below `folder`, sorted, refusing links that lead outside it."""
    if not folder.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not _is_scratch(name):
                found.append(Path(dirpath) / name)
    return found


def inside(path: Path, folder: Path) -> bool:
    """Whether `path`, a file found by walk(folder), stays inside `folder` with links followed.

    walk() never enters a linked folder, so only a file that is itself a link can lead out;
    resolving every path (a system call per folder of it) made reading 5,000 articles slow.
    """
    return not path.is_symlink() or path.resolve().is_relative_to(folder.resolve())


def load(root: Path, rep: Reporter, cache: Cache | None = None, progress: Step | None = None) -> Loaded:
    """Every file of content/ and data/, parsed (data files checked against their schema too).

    `progress(done, total)` hears of the data files still to be read as they finish (a
    100,000-record ledger takes a while when nothing is cached).
    """
    loaded = Loaded()
    cache = cache or Cache(None)
    _load_content(root, rep, loaded, cache)
    _load_data(root, rep, loaded, cache, progress or (lambda done, total: None))
    return loaded


def _escapes(path: Path, folder: Path, root: Path, rep: Reporter) -> bool:
    if inside(path, folder):
        return False
    rep.error(Loc(site_relative(path, root) if not path.is_symlink() else path.relative_to(root).as_posix()),
              "这个文件是指向站点以外的链接（symlink），已拒绝读取",
              "把真正的文件复制到站点文件夹里，不要用指向外部的链接")
    return True


def parse_page(text: str, loc: Loc) -> tuple:
    """A Markdown file's front matter (located YAML), its body, and the body's first line."""
    front, front_line, body, body_line = split_front_matter(text, loc)
    return load_yaml(front, loc, first_line=front_line), body, body_line


# Below this many articles to parse (nothing cached), one process does it sooner than a pool.
PARALLEL_MIN_ARTICLES = 400


def _load_content(root: Path, rep: Reporter, loaded: Loaded, cache: Cache) -> None:
    content = root / "content"
    articles: list[tuple[Path, Loc, str, str, bytes]] = []  # path, loc, section, cache key, bytes
    for path in walk(content):
        if _escapes(path, content, root, rep):
            continue
        rel = path.relative_to(content)
        loc = Loc(path.relative_to(root).as_posix())
        if path.suffix.lower() != ".md":
            loaded.assets.append(path)
            continue
        loaded.inputs.append(path)
        section = rel.parts[0] if len(rel.parts) > 1 else "pages"
        if not _STEM.match(path.stem):
            rep.error(loc, f"文件名“{path.name}”不能用作网址：只能含文字、数字、下划线和短横线",
                      "把文件改名，例如 2016-03-05-drill.md（空格和标点会让网址出错）")
            continue
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                read_text(path, loc)  # raises the Chinese size error
            data = path.read_bytes()
        except TextError as exc:
            rep.error(exc.loc, exc.message, exc.hint)
            continue
        articles.append((path, loc, section, cache.key("page", data), data))
    # A file's parse depends only on its bytes: identical bytes parsed in an earlier build come
    # from the cache, the rest are parsed — on every core when there are many (a cold build).
    parsed = {key: cache.get(key) for *_, key, _data in articles}
    todo = list({key: (loc.path, data) for _path, loc, _section, key, data in articles if parsed[key] is None}.items())
    results = parallel.map_chunks(_parse_articles, [job for _key, job in todo], minimum=PARALLEL_MIN_ARTICLES)
    for (key, _job), result in zip(todo, results):
        parsed[key] = result
        if result[0] == "ok":
            cache.put(key, result)  # errors are reported anew each build
    for path, loc, section, key, _data in articles:
        result = parsed[key]
        if result[0] == "error":
            _error, where, message, hint = result  # found in the first file with these bytes: name this one
            rep.error(loc.at(where.line, where.col), message, hint)
            continue
        meta, body, body_line = result[1]
        loaded.pages.append(SourcePage(path, loc, section, path.stem, meta, body, body_line))


def _parse_articles(jobs: list[tuple[str, bytes]]) -> list[tuple]:
    """Each article's ('ok', (front matter, body, body line)) or ('error', loc, message, hint)."""
    out = []
    for loc_path, data in jobs:
        loc = Loc(loc_path)
        try:
            meta, body, body_line = parse_page(decode(data, loc), loc)
        except TextError as exc:
            out.append(("error", exc.loc, exc.message, exc.hint))
            continue
        deep = too_deep(body)
        if deep is not None:
            out.append(("error", loc.at(body_line + deep), f"引用（>）和列表（-）嵌套太深（超过 {MAX_NESTING} 层）",
                        "正文里的引用和列表只需一两层；检查这一行开头是否多写了“>”或“- ”"))
            continue
        out.append(("ok", (meta, body, body_line)))
    return out


def data_kind(rel: Path) -> str:
    """data/hazards.yaml and data/hazards/suozhen.yaml both hold 'hazards' records."""
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


# Parsing YAML is the slowest step of a cold build (PyYAML's C loader reads ~1 MB/s of
# records); above this many uncached bytes, files are parsed on every core at once.
PARALLEL_MIN_BYTES = 2 * 1024 * 1024


def _read_data_file(job: tuple[str, str, bytes]) -> tuple:
    """A data file parsed and checked against its kind's schema, as plain tuples that cross
    processes: ('ok', 'records', (outcomes, diagnostics)), ('ok', 'empty', None),
    ('ok', 'not-list', line) or ('error', loc, message, hint)."""
    loc_path, kind, data = job
    loc = Loc(loc_path)
    try:
        records = load_yaml(decode(data, loc), loc)
    except TextError as exc:
        return ("error", exc.loc, exc.message, exc.hint)
    if records is None:
        return ("ok", "empty", None)
    if not isinstance(records, list):
        return ("ok", "not-list", getattr(records, "line", 1))
    # The parsed records are needed for nothing else: checking them here (in the worker,
    # for a big file) keeps only the checked values, and a cached file needs neither.
    return ("ok", "records", validate_file(KINDS[kind], loc, records))


def _read_pickled(job: tuple[str, str, bytes]) -> tuple[tuple, bytes]:
    """_read_data_file in a worker process: the result and its pickle, which the cache saves as is."""
    result = _read_data_file(job)
    return result, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


# A top-level list item starts at column 0; nothing else of a data file can ("- " inside a
# block scalar or a nested value is indented). Documents and directives are never cut.
_ITEM_START = re.compile(r"^-(?:[ \t]|\r?$)", re.M)
_UNCUTTABLE = re.compile(r"^(?:---|\.\.\.|%)", re.M)


def _cut(text: str, parts: int) -> list[tuple[str, int, int, int]] | None:
    """A big file's top-level list cut into `parts` pieces at item starts: (text, first line,
    items before it, items in it) each; None when the file can't be cut safely."""
    if _UNCUTTABLE.search(text):
        return None
    starts = [m.start() for m in _ITEM_START.finditer(text)]
    if len(starts) < parts * 2:
        return None
    at = [0, *(len(starts) * k // parts for k in range(1, parts)), len(starts)]
    bounds = [0, *(starts[i] for i in at[1:-1]), len(text)]
    return [(text[a:b], text.count("\n", 0, a) + 1, at[k], at[k + 1] - at[k])
            for k, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def _read_piece(task: tuple) -> tuple:
    """One piece of a cut file: ('ok', outcomes, diagnostics) if it holds exactly the items
    expected, else ('no',) and the whole file is read the ordinary way."""
    loc_path, kind, text, first_line, before, count = task
    loc = Loc(loc_path)
    try:
        records = load_yaml(text, loc, first_line=first_line)
    except TextError:
        return ("no",)
    if not isinstance(records, list) or len(records) != count:
        return ("no",)
    return ("ok", *validate_file(KINDS[kind], loc, records, first_position=before))


def _read_all(jobs: list[tuple[str, str, bytes]], progress: Step | None = None) -> list[tuple[tuple, bytes | None]]:
    """Every data file read (see _read_data_file), on every core when there is much to read.

    A file much bigger than the others — the one ledger file edited since the last build —
    is cut into one piece per core at its top-level items; its pieces' results are joined
    (with the items' numbers and lines as in the whole file) or, if any piece does not read
    cleanly, the file is read whole, so its diagnostics are exactly the whole file's.
    """
    progress = progress or (lambda done, total: None)
    workers = worker_count()
    total = sum(len(data) for *_, data in jobs)
    if workers < 2 or total < PARALLEL_MIN_BYTES:
        results = []
        for job in jobs:
            results.append((_read_data_file(job), None))
            progress(len(results), len(jobs))
        return results
    tasks: list[tuple[int, Callable, tuple]] = []
    for index, (loc_path, kind, data) in enumerate(jobs):
        pieces = None
        if len(data) >= PARALLEL_MIN_BYTES and len(data) > total / (2 * workers):
            try:
                pieces = _cut(decode(data, Loc(loc_path)), workers)
            except TextError:
                pieces = None
        if pieces is None:
            tasks.append((index, _read_pickled, (loc_path, kind, data)))
        else:
            tasks += [(index, _read_piece, (loc_path, kind, *piece)) for piece in pieces]
    # Largest first, so that one big ledger doesn't start last and hold everything up.
    tasks.sort(key=lambda t: -len(t[2][2]))
    with process_pool(workers) as pool:
        futures = {pool.submit(func, args): (index, func, args) for index, func, args in tasks}
        done = []
        for future in as_completed(futures):
            done.append((futures[future], future.result()))
            progress(len(done), len(tasks))  # pieces of a cut file count as files
    results: list = [None] * len(jobs)
    pieces_of: dict[int, list] = {}
    for (index, func, args), result in done:
        if func is _read_pickled:
            results[index] = result
        else:
            pieces_of.setdefault(index, []).append((args[4], result))
    for index, pieces in pieces_of.items():
        pieces.sort(key=lambda p: p[0])
        if all(result[0] == "ok" for _before, result in pieces):
            outcomes = [o for _before, result in pieces for o in result[1]]
            diagnostics = [d for _before, result in pieces for d in result[2]]
            results[index] = (("ok", "records", (outcomes, diagnostics)), None)
        else:
            results[index] = (_read_data_file(jobs[index]), None)
    return results


def _load_data(root: Path, rep: Reporter, loaded: Loaded, cache: Cache, progress: Step) -> None:
    data = root / "data"
    files: list[tuple[Path, Loc, str, bytes | None, str]] = []
    for path in walk(data):
        if _escapes(path, data, root, rep):
            continue
        rel = path.relative_to(data)
        loc = Loc(path.relative_to(root).as_posix())
        if path.suffix.lower() not in DATA_SUFFIXES:
            if path.suffix.lower() in (".yaml~", ".bak", ".tmp"):
                continue
            rep.warning(loc, "data/ 里只读取 .yaml 文件，这个文件被忽略", "图片请放在 content/images/ 下")
            continue
        kind = data_kind(rel)
        if kind not in KINDS:
            from builder.schema.core import did_you_mean
            guess = did_you_mean(kind, KINDS)
            rep.error(loc, f"不认识的数据种类“{kind}”（data kind）",
                      (f"是否想用“{guess}”？" if guess else "") + "可用的种类：" + "、".join(KINDS))
            continue
        loaded.inputs.append(path)
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                read_text(path, loc)  # raises the Chinese size error
            raw = path.read_bytes()
        except (TextError, OSError) as exc:
            if isinstance(exc, TextError):
                rep.error(exc.loc, exc.message, exc.hint)
            else:
                rep.error(loc, f"无法读取文件：{os_error_reason(exc)}")
            continue
        files.append((path, loc, kind, raw, cache.key("data-file", kind, loc.path, raw)))
    results = {key: cache.get(key) for *_, key in files}
    todo = [(loc.path, kind, raw) for _path, loc, kind, raw, key in files if results[key] is None]
    todo_keys = [key for *_, key in files if results[key] is None]
    for key, (result, payload) in zip(todo_keys, _read_all(todo, progress)):
        results[key] = result
        if result[0] == "ok":
            cache.put(key, result, payload)  # errors are reported anew each build
    for _path, loc, kind, _raw, key in files:
        result = results[key]
        if result[0] == "error":
            rep.error(result[1], result[2], result[3])
        elif result[1] == "empty":
            rep.warning(loc, "文件是空的，没有记录", "如果不需要这个文件，可以删除它")
        elif result[1] == "not-list":
            rep.error(loc.at(result[2]), "数据文件应是一个记录列表：每条记录以“- ”开头",
                      "参照同类文件的写法，例如\n    - id: QY-0001\n      name: …")
        else:
            loaded.data.setdefault(kind, []).append((loc, result[2]))
