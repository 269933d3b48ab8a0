"""The validated model shared by every output: records, pages and the site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from builder.diagnostics import Loc
from builder.schema.core import VISIBILITY_RANK, Schema

if TYPE_CHECKING:  # only for the annotation: figures is computed from the model, not part of it
    from builder.figures import Stats


class VisibilityError(Exception):
    """A template asked for a field above the visibility of the view it was given.

    `needs` is the field's visibility, `allows` the view's (public, handbook or internal)."""

    def __init__(self, kind: str, name: str, needs: str, allows: str):
        super().__init__(f"{kind}.{name}")
        self.kind, self.name, self.needs, self.allows = kind, name, needs, allows


# A record's own machinery, never a field: templates may not read these (builder.templates).
RECORD_INTERNALS = frozenset({"schema", "raw", "loc", "lines", "links", "view", "unrestricted"})


class Record:
    """One validated data record. Attribute access is checked against its view's visibility.

    Stats and checks read `record.raw`; templates get `record.view(visibility)` and read
    attributes, and a field above that visibility raises VisibilityError, which fails
    the build at the template line. The template environment refuses `raw` and the other
    RECORD_INTERNALS, and any record that is not a view (builder.templates).
    """

    __slots__ = ("schema", "raw", "loc", "lines", "_rank", "links")

    def __init__(self, schema: Schema, raw: dict, loc: Loc, lines: dict, rank: int = 2):
        self.schema, self.raw, self.loc, self.lines, self._rank = schema, raw, loc, lines, rank
        self.links: dict[str, Any] = {}

    def view(self, visibility: str) -> Record:
        """The same record, restricted to fields of `visibility` (public, handbook) or below."""
        other = Record(self.schema, self.raw, self.loc, self.lines, VISIBILITY_RANK[visibility])
        other.links = self.links
        return other

    @property
    def unrestricted(self) -> bool:
        """Not a view: every field, internal ones too, is readable (the builder's own code only)."""
        return self._rank >= VISIBILITY_RANK["internal"]

    @property
    def key(self) -> str:
        return "/".join(str(self.raw.get(name)) for name in self.schema.key)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        f = self.schema.field(name)
        if f is None:
            if name in self.links:
                return _restrict(self.links[name], self._rank)
            raise AttributeError(name)
        if VISIBILITY_RANK[f.visibility] > self._rank:
            raise VisibilityError(self.schema.name, name, f.visibility, _VISIBILITY_OF_RANK[self._rank])
        if name in self.links:
            return _restrict(self.links[name], self._rank)
        return self.raw.get(name)

    __getitem__ = __getattr__

    def get(self, name: str, default: Any = None) -> Any:
        value = self.__getattr__(name)
        return default if value is None else value

    def __repr__(self) -> str:
        return f"<{self.schema.name} {self.key}>"


_VISIBILITY_OF_RANK = {0: "public", 1: "handbook", 2: "internal"}


def _restrict(value: Any, rank: int) -> Any:
    """Linked records inherit the visibility of the record they were reached from."""
    if isinstance(value, Record):
        return value if value._rank == rank else value.view(_VISIBILITY_OF_RANK[rank])
    if isinstance(value, list):
        return [_restrict(item, rank) for item in value]
    return value


@dataclass(frozen=True, slots=True)
class Page:
    """One Markdown article or single page."""

    source: str            # path relative to the site root, e.g. content/news/x.md
    section: str           # folder name: news, notices, policies, pages
    slug: str
    url: str               # site-relative URL path, e.g. news/x/
    title: str
    date: dt.date
    meta: dict
    body: str              # Markdown text
    body_line: int         # line of the body's first line in the source file
    html: str = ""
    toc: list = field(default_factory=list)
    summary: str = ""
    cover: str = ""        # the cover image found, content-relative (images/drill.jpg), or ""
    aliases: tuple = ()    # earlier URLs that redirect here (site-relative, news/old/)

    @property
    def tags(self) -> list[str]:
        return self.meta.get("tags") or []


@dataclass(frozen=True)
class Site:
    """Everything loaded and validated; each later stage hands on a new Site (dataclasses.replace).

    validate makes it (stats is None), derive adds the figures, the Markdown stage the pages'
    HTML. The records themselves are shared by every copy, never changed after validation.
    """

    config: Any
    pages: list[Page]
    records: dict[str, list[Record]]
    index: dict[str, dict[str, Record]]
    stats: Stats | None = None
    # The privacy scan's values that must not be published, worked out once per build
    # (builder.privacy); copies made with dataclasses.replace share it, as they share the records.
    secrets: dict = field(default_factory=dict, repr=False, compare=False)

    def get(self, kind: str, key: str) -> Record | None:
        return self.index.get(kind, {}).get(key)
