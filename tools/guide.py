"""docs/guide.md, run as written: every command of the clerks' guide, on a scratch copy of the site.

The guide is for people, so its machinery hides in HTML comments that Markdown does not show:

    ```sh                      each line is a command, run in the site folder; it must exit 0
    <!-- guide:expect 1 -->    … unless the next command block is said to fail
    <!-- guide:output -->      every line of the next block must be in the last command's output
    <!-- guide:write PATH -->  the next block is what the clerk types into PATH (the whole file)
    <!-- guide:fill PATH -->   the next block replaces the record `new record` just added to PATH
    <!-- guide:picture PATH --> a photo the clerk copies there (a made-up JPEG)
    <!-- guide:serve -->       the next command is `chabaocu serve`: started, a page fetched, stopped

tests/tools/test_guide.py runs the whole guide; `python -m tools.guide DIR` runs it on a copy of
the example site in DIR and keeps the result, and with --screenshots also takes the guide's
pictures (docs/guide-*.png) from it.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GUIDE = REPO / "docs" / "guide.md"
BIN = Path(sys.executable).parent
SITE_PARTS = ("site.toml", "content", "data", "themes")

_DIRECTIVE = re.compile(r"^<!--\s*guide:(\w+)\s*(.*?)\s*-->\s*$")
_FENCE = re.compile(r"^```(\w*)\s*$")


class GuideError(AssertionError):
    """A recipe that does not run as the guide says, with the guide's line."""


@dataclass
class Step:
    kind: str          # run | serve | write | fill | picture | output
    arg: str           # the command, or the path
    line: int          # where it is in docs/guide.md
    text: str = ""     # a block's content
    expect: int = 0    # a command's exit code


def steps(text: str) -> list[Step]:
    """The guide's steps, in order."""
    out: list[Step] = []
    pending: tuple[str, str] | None = None
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index]
        directive = _DIRECTIVE.match(line.strip())
        fence = _FENCE.match(line)
        if directive:
            kind, arg = directive.groups()
            if kind == "picture":
                out.append(Step("picture", arg, index + 1))
            else:
                pending = (kind, arg)
        elif fence:
            language = fence.group(1)
            start = index + 1
            index += 1
            block = []
            while index < len(lines) and not lines[index].startswith("```"):
                block.append(lines[index])
                index += 1
            body = "\n".join(block) + "\n"
            kind, arg = pending or ("", "")
            if kind in ("write", "fill"):
                out.append(Step(kind, arg, start, body))
            elif kind == "output":
                out.append(Step("output", "", start, body))
            elif language == "sh":
                for offset, command in enumerate(block):
                    if command.strip() and not command.lstrip().startswith("#"):
                        out.append(Step("serve" if kind == "serve" else "run", command.strip(), start + offset + 1,
                                        expect=int(arg) if kind == "expect" else 0))
            pending = None
        index += 1
    return out


def copy_site(target: Path, source: Path = REPO, cache: bool = False) -> Path:
    """The example site (site.toml, content/, data/, themes/) copied into `target`; with `cache`,
    the build cache of a site built from it too (a scratch copy that builds as fast as the original)."""
    target.mkdir(parents=True, exist_ok=True)
    for part in (*SITE_PARTS, *((".cache",) if cache and (source / ".cache").is_dir() else ())):
        path = source / part
        (shutil.copytree if path.is_dir() else shutil.copy)(path, target / part)
    return target


def _env() -> dict:
    return {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONIOENCODING": "utf-8"}


def _picture(path: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (205, 220, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 560, 1200, 800], fill=(150, 150, 140))          # the plant's yard
    draw.rectangle([760, 240, 1100, 560], fill=(190, 190, 200))        # a tank farm
    for x in (180, 330, 480, 630):                                     # workers in yellow helmets
        draw.ellipse([x, 430, x + 50, 480], fill=(245, 190, 30))
        draw.rectangle([x + 5, 480, x + 45, 600], fill=(30, 80, 160))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.getvalue())


def _fill(path: Path, record: str) -> None:
    """Replace the record `new record` appended (its comment header included) with the clerk's."""
    text = path.read_text(encoding="utf-8")
    start = text.rfind("\n# ——新增的")
    if start < 0:
        start = text.rfind("\n- ")
    if start < 0:
        raise GuideError(f"{path} 里没有可以填写的新记录")
    path.write_text(text[:start + 1] + record, encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(command: str, site: Path, step: Step) -> str:
    """Start the preview as the guide says (on a free port), fetch the home page, stop it."""
    port = _free_port()
    process = subprocess.Popen([*shlex.split(command), "--port", str(port)], cwd=site, env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    if "<html" in page:
                        return page
            except OSError:
                time.sleep(0.5)
            if process.poll() is not None:
                break
        raise GuideError(f"docs/guide.md:{step.line}: {command} 没有打开预览")
    finally:
        process.terminate()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


def run(site: Path, guide: Path = GUIDE, log=None) -> list[tuple[Step, str]]:
    """Run every step of the guide in `site`; (step, what it printed) for each command."""
    done: list[tuple[Step, str]] = []
    last = ""
    for step in steps(guide.read_text(encoding="utf-8")):
        where = f"docs/guide.md:{step.line}"
        if log:
            print(f"{where}: {step.kind} {step.arg}", file=log)
        if step.kind == "run":
            result = subprocess.run(shlex.split(step.arg), cwd=site, env=_env(), capture_output=True, text=True,
                                    timeout=1800)
            last = result.stdout + result.stderr
            if result.returncode != step.expect:
                raise GuideError(f"{where}: {step.arg} 的退出码是 {result.returncode}（应为 {step.expect}）\n{last}")
            done.append((step, last))
        elif step.kind == "serve":
            last = _serve(step.arg, site, step)
            done.append((step, last))
        elif step.kind == "output":
            missing = [line for line in step.text.split("\n") if line.strip() and line.strip() not in last]
            if missing:
                raise GuideError(f"{where}: 输出里没有这几行：{missing}\n实际输出：\n{last}")
        elif step.kind == "write":
            path = site / step.arg
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(step.text, encoding="utf-8")
        elif step.kind == "fill":
            _fill(site / step.arg, step.text)
        elif step.kind == "picture":
            _picture(site / step.arg)
    return done


# ---------------------------------------------------------------- the guide's pictures

SCREENS = (  # (output file, page under public/, element to show or None for the viewport's top)
    ("guide-article.png", "news/2016-06-17-maqiao-drill/index.html", "article"),
    ("guide-hazards.png", "hazards/index.html", "section:has(#by-level)"),
)


def _terminal(page, text: str, out: Path) -> None:
    """A command's output as a clerk sees it in the command window."""
    page.set_content(f'<html lang="zh-CN"><body style="margin:0;background:#1e1e1e">'
                     f'<pre style="margin:0;padding:16px;color:#e6e6e6;font:15px/1.5 \'Noto Sans Mono CJK SC\','
                     f'monospace;white-space:pre-wrap;width:1000px">{html.escape(text)}</pre></body></html>')
    page.locator("pre").screenshot(path=str(out))


def screenshots(site: Path, done: list[tuple[Step, str]], folder: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    made = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                    args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1100, "height": 800})
        for name, rel, selector in SCREENS:
            page.goto((site / "public" / rel).as_uri())
            page.locator(selector).first.screenshot(path=str(folder / name))
            made.append(folder / name)
        # The check that caught the first of the common mistakes, and the new record's stub.
        failed = next(out for step, out in done if step.kind == "run" and step.expect == 1)
        _terminal(page, "$ chabaocu check\n" + failed, folder / "guide-check.png")
        made.append(folder / "guide-check.png")
        browser.close()
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run docs/guide.md on a copy of the example site.")
    parser.add_argument("folder", type=Path, help="an empty folder for the copy")
    parser.add_argument("--screenshots", action="store_true", help="then write docs/guide-*.png from the result")
    args = parser.parse_args(argv)
    site = copy_site(args.folder)
    done = run(site, log=sys.stdout)
    if args.screenshots:
        for path in screenshots(site, done, REPO / "docs"):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
