"""Every HTML page of the output is valid HTML, by the Nu HTML Checker (npm vnu-jar, needs Java).

Installed by `make test-deps` (tools/node: `npm ci`; Java: Debian default-jre-headless).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

VNU = Path(__file__).resolve().parents[2] / "tools" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_page_is_valid_html(public):
    if not shutil.which("java"):
        pytest.skip("没有 Java：请安装 Debian 软件包 default-jre-headless")
    if not VNU.is_file():
        pytest.skip("没有 vnu.jar：请在 tools/node 下运行 npm ci")
    pages = sorted(str(p) for p in public.rglob("*.html"))
    assert len(pages) > 50
    # One JVM for every page; errors only (warnings are advice, e.g. about section headings).
    result = subprocess.run(["java", "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
                            capture_output=True, text=True, timeout=600)
    # The report is the JSON line on stderr (the JVM may print notes such as JAVA_TOOL_OPTIONS first).
    report = next((line for line in reversed(result.stderr.splitlines()) if line.startswith("{")), None)
    assert report is not None, result.stderr[-2000:]
    messages = json.loads(report)["messages"]
    problems = [f"{m.get('url', '').split(str(public))[-1]}:{m.get('lastLine', '?')}: {m.get('message')}"
                for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert problems == []
