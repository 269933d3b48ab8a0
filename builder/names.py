"""Names and paths that come from users — slugs, display names, file names, relative paths — checked once.

Every command and loader that turns a user's text into a file name or a path goes through
here, so one set of rules decides what can never happen: a name that climbs out of its
folder (`..`), an absolute path or a Windows drive letter, a control character (a pasted
newline, a NUL), or a name too long for a USB stick's file system. A refusal is a
NameProblem with a Chinese message and a hint; callers add where the text came from
(a command-line option, or a file:line).

    check_slug("county-kickoff")             # a URL/file name made of a-z, 0-9 and '-'
    check_display_name("马桥镇开展应急演练", "标题")
    check_file_name("索镇镇隐患台账.xlsx", "文件名")
    check_relative_path("images/works/manhua-01.png", "图片路径")
"""

from __future__ import annotations

import re
import unicodedata

from builder.diagnostics import UserError

MAX_SLUG = 80
MAX_DISPLAY_NAME = 200
MAX_FILE_NAME = 120          # characters; UTF-8 CJK is 3 bytes each, file systems allow 255 bytes
MAX_PATH = 400

_SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")
_DRIVE = re.compile(r"^[A-Za-z]:")
# What Windows refuses in a file name (a site is often copied to a USB stick for a Windows PC).
_WINDOWS_FORBIDDEN = set('<>:"|?*')
_WINDOWS_RESERVED = re.compile(r"^(CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9])(\..*)?$", re.I)


class NameProblem(UserError, ValueError):
    """A name or path a user gave cannot be used; message and hint are for the user."""


def _control(text: str) -> str | None:
    """The first control or invisible format character in `text` (newline, Tab, NUL, bidi marks…)."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return char
    return None


def _describe(char: str) -> str:
    names = {"\n": "换行", "\r": "回车", "\t": "Tab", "\0": "空字符 NUL"}
    return names.get(char, f"U+{ord(char):04X}")


def _common(text: str, what: str, limit: int) -> None:
    """What no user-given name may be: empty, with control characters, or too long."""
    if not text or not text.strip():
        raise NameProblem(f"{what}不能为空", f"请写出{what}")
    char = _control(text)
    if char is not None:
        raise NameProblem(f"{what}含有控制字符（{_describe(char)}）",
                          "请删去换行、Tab 等看不见的字符；从别处复制来的文字最容易带上它们")
    if len(text) > limit:
        raise NameProblem(f"{what}太长（{len(text)} 个字符，最多 {limit} 个）",
                          f"请缩短{' ' if what[-1].isascii() else ''}{what}")


def _no_escape(text: str, what: str) -> None:
    """No absolute path, drive letter or parent folder: the name stays inside its folder."""
    if text.startswith(("/", "\\")):
        raise NameProblem(f"{what}“{text}”是绝对路径（absolute path）", "只写相对路径，例如 images/x.png")
    if _DRIVE.match(text):
        raise NameProblem(f"{what}“{text}”含有盘符（drive letter）", "只写相对路径，不要写 C: 这样的盘符")
    if ".." in re.split(r"[/\\]", text):
        raise NameProblem(f"{what}“{text}”含有“..”（上一级文件夹）", "不能指向所在文件夹以外的位置")


def check_slug(text: str, what: str = "slug") -> str:
    """A slug: the last part of a URL and a file name; lowercase a-z, digits and '-' only."""
    _common(text, what, MAX_SLUG)
    _no_escape(text, what)
    if "/" in text or "\\" in text:
        raise NameProblem(f"{what}“{text}”含有路径分隔符“/”或“\\”", "slug 只是一个名字，不能含文件夹")
    if not _SLUG.fullmatch(text):
        raise NameProblem(f"{what}“{text}”不合法：只能用小写英文字母、数字和短横线，且不能以短横线开头或结尾",
                          "例如 county-kickoff 或 2016-06-17-drill")
    return text


def check_display_name(text: str, what: str, limit: int = MAX_DISPLAY_NAME) -> str:
    """A name people read (a title, a town's name): any printable text, one line, not too long."""
    _common(text, what, limit)
    if text != text.strip():
        raise NameProblem(f"{what}“{text.strip()}”前后有空格", "请删去开头和结尾的空格")
    return text


def check_file_name(text: str, what: str = "文件名") -> str:
    """One file name (no folders), usable on Linux, Windows and a USB stick."""
    _common(text, what, MAX_FILE_NAME)
    _no_escape(text, what)
    if "/" in text or "\\" in text:
        raise NameProblem(f"{what}“{text}”含有文件夹（“/”或“\\”）", "这里只写文件名")
    if text in (".", "..") or text.endswith((".", " ")):
        raise NameProblem(f"{what}“{text}”不能以句点或空格结尾", "Windows 不接受这样的文件名")
    bad = sorted(_WINDOWS_FORBIDDEN & set(text))
    if bad:
        raise NameProblem(f"{what}“{text}”含有文件名不能用的字符：{' '.join(bad)}",
                          "Windows（和复制到 U 盘后）不接受 < > : \" | ? * 这些字符")
    if _WINDOWS_RESERVED.match(text):
        raise NameProblem(f"{what}“{text}”是 Windows 的保留名称", "换一个文件名，例如在前面加上日期")
    return text


def check_relative_path(text: str, what: str = "路径") -> str:
    """A path relative to a folder (content/, an output): folders separated by '/', never leaving it."""
    _common(text, what, MAX_PATH)
    _no_escape(text, what)
    if "\\" in text:
        raise NameProblem(f"{what}“{text}”用了反斜杠“\\”", "文件夹之间用正斜杠“/”分隔，例如 images/works/x.png")
    parts = text.split("/")
    if any(part in ("", ".") for part in parts):
        raise NameProblem(f"{what}“{text}”含有空的或“.”的一级文件夹", "例如 images/works/x.png，不要写 // 或 ./")
    for part in parts:
        check_file_name(part, what)
    return text
