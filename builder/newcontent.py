"""`chabaocu new article`: create a Markdown file with correct front matter, never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml


class NewContentError(Exception):
    pass


def section_folder(section: str, sections: dict[str, str]) -> str:
    """Accept a folder name (news) or its Chinese title (工作动态)."""
    if section in sections:
        return section
    for folder, title in sections.items():
        if title == section:
            return folder
    raise NewContentError(f"不认识的栏目“{section}”；可用栏目：" + "、".join(f"{v}（{k}）" for k, v in sections.items()))


def new_article(root: Path, title: str, section: str, sections: dict[str, str], today: dt.date,
                slug: str | None = None) -> Path:
    folder = root / "content" / section_folder(section, sections)
    folder.mkdir(parents=True, exist_ok=True)
    if slug is None:
        number = 1
        while (folder / f"{today.isoformat()}-{number}.md").exists():
            number += 1
        slug = f"{today.isoformat()}-{number}"
    path = folder / f"{slug}.md"
    if path.exists():
        raise NewContentError(f"文件已存在，不会覆盖：{path.relative_to(root).as_posix()}")
    front = yaml.safe_dump({"title": title, "date": today, "summary": "", "tags": [], "source": ""},
                           allow_unicode=True, sort_keys=False, default_flow_style=None)
    path.write_text(f"---\n{front}---\n\n在这里写正文。\n", encoding="utf-8")
    return path
