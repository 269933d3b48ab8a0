"""Every message the builder can show a user, found in its source, and the tests that assert each.

A message is the text argument of a call that reports one: Reporter.error/warning, the
exceptions that carry a user's message (ValueProblem, Problem, TextError, NameProblem,
UsageError, SheetError …), and print() of a line starting with 错误/警告. F-string parts become
placeholders. tools/error_catalogue.py lists them all in docs/errors.md; tests/test_invalid.py
checks that each is asserted by some test (its literal parts appear in a test's strings or an
expected.txt).
"""

from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# call name -> index of the message argument
CALLS = {"error": 1, "warning": 1, "ValueProblem": 0, "Problem": 1, "TextError": 1, "_YamlProblem": 1,
         "NameProblem": 0, "UsageError": 0, "NewContentError": 0, "InitError": 0, "UserError": 0, "SheetError": 1, "WriteRefused": 1,
         "_refuse": 1, "TemplateGuardError": 0, "Diagnostic": 2, "fail": 0, "print": 0, "_say": 0}
HOLE = "\x00"
MIN_FRAGMENT = 4


@dataclass(frozen=True)
class Message:
    path: str          # builder/…py
    line: int
    text: str          # with HOLE where the f-string puts a value

    @property
    def shown(self) -> str:
        return re.sub(f"{HOLE}+", "…", self.text)

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("[^\n]+?".join(re.escape(part) for part in self.text.split(HOLE)))

    @property
    def fragments(self) -> list[str]:
        """The literal parts between values, without the punctuation that joins them to the values."""
        parts = (part.strip(" ：:，,；;（(）)“”\n") for part in self.text.split(HOLE))
        return [part for part in parts if len(part) >= MIN_FRAGMENT]


def _text(node) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else HOLE for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _text(node.left), _text(node.right)
        return (left if left is not None else HOLE) + (right if right is not None else HOLE)
    if isinstance(node, (ast.IfExp, ast.Name, ast.Call, ast.Attribute, ast.Subscript)):
        return HOLE
    return None


def messages(root: Path = ROOT) -> list[Message]:
    """Every user-facing message of builder/, in file and line order."""
    found = []
    for path in sorted((root / "builder").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
            if name not in CALLS or len(node.args) <= CALLS[name]:
                continue
            text = _text(node.args[CALLS[name]])
            if text is None or not re.search(r"[\u4e00-\u9fff]", text):
                continue
            if name in ("print", "_say"):
                if not re.match(r"\s*(错误|警告)", text):
                    continue
                text = re.sub(r"^\s*(错误|警告):?\s*", "", text).split("\n")[0]
            if text.replace(HOLE, "").strip():
                found.append(Message(path.relative_to(root).as_posix(), node.lineno, text))
    return sorted(set(found), key=lambda m: (m.path, m.line, m.text))


@functools.cache
def _test_files(root: Path) -> tuple[tuple[str, str], ...]:
    """(path relative to root, text) of every .py and .txt under tests/, read once for test_texts and tests_of."""
    return tuple((path.relative_to(root).as_posix(), path.read_text(encoding="utf-8", errors="replace"))
                 for path in sorted((root / "tests").rglob("*"))
                 if path.suffix in (".py", ".txt") and path.is_file())


def test_texts(root: Path = ROOT) -> list[str]:
    """Every string of the tests (f-string values as HOLE) and every expected output."""
    texts = []
    for rel, source in _test_files(root):
        if rel.endswith(".py"):
            for node in ast.walk(ast.parse(source)):
                text = _text(node) if isinstance(node, (ast.Constant, ast.JoinedStr)) else None
                if text:
                    texts.append(text)
        else:
            texts.append(source)
    return texts


def tested(message: Message, tests: list[str]) -> bool:
    """Some test asserts this message: a test string matches it, or all its literal parts appear in them."""
    parts = sorted(message.fragments, key=len, reverse=True)
    candidates = [t for t in tests if parts[0] in t] if parts else tests
    pattern = message.pattern
    if any(pattern.search(text) for text in candidates):
        return True
    return bool(parts) and all(any(part in text for text in tests) for part in parts)


def tests_of(message: Message, root: Path = ROOT) -> list[str]:
    """The test files that hold this message's longest literal part."""
    parts = sorted(message.fragments or [message.text.replace(HOLE, "")], key=len, reverse=True)
    needle = parts[0] if parts else ""
    found = []
    for rel, text in _test_files(root):
        if needle and needle in text:
            if "/expected/" in rel:
                rel = rel.rsplit("/expected/", 1)[0] + "/"      # tests/adversarial/expected/x.txt: the suite
            elif rel.endswith("/expected.txt"):
                rel = rel.removesuffix("expected.txt")         # a broken example site's folder
            found.append(rel)
    return list(dict.fromkeys(found))
