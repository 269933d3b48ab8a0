"""What the privacy scan looks for: every handbook- and internal-level text value, once per build.

A value is secret at its field's visibility (a field inside a sub-record, like a town's
contacts, at its own). Two characters or more; enum choices, numbers, dates and yes/no are
not looked for (they repeat everywhere and identify no one). A short handbook value (a name,
a workshop, a role) carries the texts that name its record — its id, its public name, its
enterprise's — and counts only near one of them (builder.privacy); long values and internal
values count anywhere.

Published on purpose, so not secret: a handbook value that is also a whole public value (a
person named in a public honour), one quoted in a public field about the same enterprise (a
挂牌督办 summary quoting its hazard's description; a workshop in its model team's name), and
one on site.toml's `[privacy] allow` — which may never allow an internal value.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import ahocorasick

from builder.diagnostics import Loc, Reporter
from builder.model import Record, Site
from builder.schema.core import HANDBOOK, INTERNAL, PUBLIC, Schema

MIN_VALUE = 2        # a single character identifies nothing
LONG_VALUE = 10      # from this length a handbook value is evidence wherever it appears
MIN_ANCHOR = 3       # shorter names of a record (索镇) are too common to place a value
ANCHOR_FIELDS = ("name", "title", "union_org", "safety_station")
TEXT_KINDS = ("str", "text")


@dataclass(frozen=True, slots=True)
class Secret:
    """A value that must not be published, where it is written and what places it in a text."""

    value: str
    record: Record
    field: str                  # as the clerk writes it: contact, contacts[2].name
    label: str
    visibility: str
    anchors: tuple[str, ...]    # () when found anywhere, else one must be near it

    @property
    def origin(self) -> str:
        return f"{self.record.schema.label} {self.record.key} 的 {self.field}（{self.label}）"

    @property
    def source(self) -> Loc:
        top = self.field.split("[", 1)[0].split(".", 1)[0]
        return self.record.loc.at(self.record.lines.get(top, self.record.loc.line))


@dataclass
class Rules:
    """What one kind of output is scanned for, with the matcher built once per build."""

    secrets: dict[str, Secret]
    digest: str
    automaton: object = None

    def matcher(self):
        if self.automaton is None and self.secrets:
            automaton = ahocorasick.Automaton()
            for value in self.secrets:
                automaton.add_word(value, value)
            automaton.make_automaton()
            self.automaton = automaton
        return self.automaton


# ---------------------------------------------------------------- what is secret

_LEAVES: dict[int, tuple] = {}


def _leaf_fields(schema: Schema) -> tuple[tuple[str, str, str, Schema | None], ...]:
    """(name, label, visibility, sub-record schema or None) of each text field and each field
    holding sub-records (a town's contacts), worked out once per schema."""
    leaves = _LEAVES.get(id(schema))
    if leaves is None:
        found = []
        for f in schema.fields:
            if f.kind in TEXT_KINDS or (f.kind == "list" and getattr(f.item, "kind", None) in TEXT_KINDS):
                found.append((f.name, f.label, f.visibility, None))
            elif f.kind in ("list", "table") and isinstance(f.item, Schema):
                found.append((f.name, f.label, f.visibility, f.item))
        leaves = _LEAVES[id(schema)] = (schema, tuple(found))
    return leaves[1]


def text_values(schema: Schema, raw: dict, prefix: str = ""):
    """(field as written, label, visibility, text) for every text value of a record.

    A field inside a sub-record (a town's contacts) is secret at its own visibility — a
    contact's role is public, the name and phone beside it are not — unless the list is internal.
    """
    for name, label, visibility, inner in _leaf_fields(schema):
        value = raw.get(name)
        if value is None:
            continue
        if inner is not None:
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    where = f"{prefix}{name}[{index}]." if isinstance(value, list) else f"{prefix}{name}."
                    for field, inner_label, inner_visibility, text in text_values(inner, item, where):
                        yield field, inner_label, INTERNAL if visibility == INTERNAL else inner_visibility, text
        elif type(value) is str:
            if value:
                yield prefix + name, label, visibility, value.strip()
        else:
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str) and text.strip():
                    yield prefix + name, label, visibility, text.strip()


_ANCHOR_NAMES: dict[int, tuple[str, ...]] = {}


def _anchor_names(schema: Schema) -> tuple[str, ...]:
    names = _ANCHOR_NAMES.get(id(schema))
    if names is None:
        names = _ANCHOR_NAMES[id(schema)] = tuple(
            n for n in ANCHOR_FIELDS if (f := schema.field(n)) is not None and f.visibility == PUBLIC)
    return names


def _anchors(record: Record) -> tuple[str, ...]:
    """Texts that name a record on a page: its id, its public name, its enterprise's."""
    names = []
    for rec in (record, record.links.get("enterprise")):
        if isinstance(rec, Record):
            names.append(rec.key)
            names += [v for n in _anchor_names(rec.schema) if isinstance(v := rec.raw.get(n), str)]
    return tuple(dict.fromkeys(n for n in names if len(n) >= MIN_ANCHOR))


def _config_texts(site: Site) -> list[str]:
    out: list[str] = []
    for table in (site.config.site, site.config.handbook, site.config.campaign):
        for value in (table or {}).values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                out += [v for v in value if isinstance(v, str)]
    return out


def rules(site: Site, visibility: str, rep: Reporter | None = None) -> Rules:
    """The secrets of output of `visibility`, worked out once per build (100,000-row ledgers)."""
    memo = site.secrets
    if not memo:
        memo.update(_work_out(site, rep or Reporter()))
    return memo[PUBLIC if visibility == PUBLIC else HANDBOOK]


def _scope(record: Record) -> str:
    """The enterprise a record is about — directly, or through the record it refers to (a listing's
    hazard) — or the record itself: where a value quoted in a public field belongs."""
    for rec in (record, *(v for v in record.links.values() if isinstance(v, Record))):
        enterprise = rec if rec.schema.name == "enterprises" else rec.links.get("enterprise")
        if isinstance(enterprise, Record):
            return f"enterprises/{enterprise.key}"
    return f"{record.schema.name}/{record.key}"


def _work_out(site: Site, rep: Reporter) -> dict:
    internal: dict[str, Secret] = {}
    handbook: dict[str, Secret] = {}
    public_values: set[str] = set(_config_texts(site))
    public_by_scope: dict[str, list[str]] = {}
    scope_of: dict[str, str] = {}
    for records in site.records.values():
        for record in records:
            anchors = scope = scope_key = None
            for field, label, visibility, text in text_values(record.schema, record.raw):
                if visibility == PUBLIC:
                    public_values.add(text)
                    if scope is None:
                        scope_key = _scope(record)
                        scope = public_by_scope.setdefault(scope_key, [])
                    scope.append(text)
                elif len(text) >= MIN_VALUE:
                    if visibility == INTERNAL:
                        internal.setdefault(text, Secret(text, record, field, label, INTERNAL, ()))
                    elif text not in handbook:
                        if anchors is None:
                            anchors = _anchors(record)
                        near = () if len(text) >= LONG_VALUE else tuple(a for a in anchors if a != text)
                        handbook[text] = Secret(text, record, field, label, HANDBOOK, near)
                        scope_of[text] = scope_key if scope_key is not None else _scope(record)
    allowed = _allowed(site, rep, internal, handbook)
    # Published on purpose, so not secret: a handbook value that is also a whole public value (a
    # person named in a public honour), one quoted in a public field about the same enterprise (a
    # 挂牌督办 summary quoting its hazard's description, a workshop in its model team's name
    # 合成车间甲班), and one on the allow-list. The same text in a public field about something
    # else (a manager's phone in a town's union name) is a leak.
    published = {v for v in handbook if v in public_values or v in allowed}
    joined = {scope: "\n".join(texts) for scope, texts in public_by_scope.items()}
    published.update(v for v in handbook if v not in published and v in joined.get(scope_of[v], ""))
    for value in published:
        del handbook[value]
    public = {**handbook, **internal}
    return {PUBLIC: Rules(public, _digest(public, site)), HANDBOOK: Rules(internal, _digest(internal, site))}


def _allowed(site: Site, rep: Reporter, internal: dict[str, Secret], handbook: dict[str, Secret]) -> set[str]:
    allowed = set()
    for value, line in site.config.privacy_allow:
        loc = Loc("site.toml", line)
        if value in internal:
            rep.error(loc, f"[privacy] allow 不能放行内部字段的值：“{value}”是{internal[value].origin}",
                      "举报人代号、作者代号等内部信息永远不能公开；请从 allow 里删去")
        elif value not in handbook:
            rep.warning(loc, f"[privacy] allow 里的“{value}”不是任何手册级字段的值，不起作用", "可以从 allow 里删去")
        else:
            allowed.add(value)
    return allowed


def _digest(secrets: dict[str, Secret], site: Site) -> str:
    digest = hashlib.sha256(repr(sorted(e.lower() for e in allowed_emails(site))).encode())
    for value in sorted(secrets):
        digest.update(value.encode() + b"\0" + "\1".join(secrets[value].anchors).encode() + b"\0")
    return digest.hexdigest()


def secret_values(site: Site, visibility: str) -> dict[str, str]:
    """Values that must not appear in output of `visibility`, each with where it comes from."""
    return {value: secret.origin for value, secret in rules(site, visibility).secrets.items()}


def allowed_emails(site: Site) -> list[str]:
    return [e for e in (site.config.site.get("contact_email"),) if e]
