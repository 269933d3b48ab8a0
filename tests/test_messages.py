"""Every message the builder can show a user is listed in docs/errors.md and asserted by a test.

tools/message_index.py finds the messages in the source (each Reporter.error/warning, each
exception that carries a user's message, each printed 错误/警告 line); docs/errors.md lists
them (tools/error_catalogue.py). A new message without a test fails here, naming its file:line.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _index():
    spec = importlib.util.spec_from_file_location("message_index", REPO / "tools" / "message_index.py")
    module = sys.modules.setdefault(spec.name, importlib.util.module_from_spec(spec))
    if not hasattr(module, "messages"):
        spec.loader.exec_module(module)
    return module


def test_every_message_is_found():
    index = _index()
    found = index.messages()
    assert len(found) >= 150  # the finder still sees the builder's messages (not silently none)
    assert any(m.path == "builder/privacy.py" for m in found) and any(m.path == "builder/cli.py" for m in found)


def test_every_message_has_a_test():
    index = _index()
    tests = index.test_texts()
    untested = [f"{m.path}:{m.line}: {m.shown}" for m in index.messages() if not index.tested(m, tests)]
    assert untested == [], "这些消息没有任何测试逐字核对：\n" + "\n".join(untested)


def test_every_message_is_in_the_catalogue():
    docs = (REPO / "docs" / "errors.md").read_text(encoding="utf-8")
    missing = [f"{m.path}:{m.line}: {m.shown}" for m in _index().messages() if f"- {m.shown.replace(chr(10), ' ')}" not in docs]
    assert missing == [], "docs/errors.md 缺少这些消息：.venv/bin/python tools/error_catalogue.py > docs/errors.md\n" + \
        "\n".join(missing)
