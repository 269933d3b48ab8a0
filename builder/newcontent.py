"""`chabaocu new article`: create a Markdown file with correct front matter, never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from builder.names import NameProblem, check_display_name, check_slug


class NewContentError(Exception):
    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


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
    """Write content/<section>/<slug>.md (slug: the given one, else <date>-<n>) and return its path.

    The title and slug are checked by builder.names: a slug never climbs out of content/<section>/.
    """
    try:
        check_display_name(title, "标题")
        if slug is not None:
            check_slug(slug)
    except NameProblem as problem:
        raise NewContentError(problem.message, problem.hint) from None
    content = root / "content"
    folder = content / section_folder(section, sections)
    if folder.exists() and not folder.resolve().is_relative_to(content.resolve()):
        raise NewContentError(f"栏目文件夹 {folder.relative_to(root).as_posix()} 是指向站点以外的链接（symlink）",
                              "把它换成真正的文件夹")
    folder.mkdir(parents=True, exist_ok=True)
    number = 1
    while True:
        name = slug or f"{today.isoformat()}-{number}"
        path = folder / f"{name}.md"
        front = yaml.safe_dump({"title": title, "date": today, "summary": "", "tags": [], "source": ""},
                               allow_unicode=True, sort_keys=False, default_flow_style=None)
        try:
            # "x": created here or not at all, even if another file (or a link) appeared meanwhile.
            with open(path, "x", encoding="utf-8") as handle:
                handle.write(f"---\n{front}---\n\n在这里写正文。\n")
            return path
        except FileExistsError:
            if slug is not None:
                raise NewContentError(f"文件已存在，不会覆盖：{path.relative_to(root).as_posix()}",
                                      "换一个 --slug，或不写 --slug（按日期自动编号）") from None
            number += 1
