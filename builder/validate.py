"""Stage 2: apply the schemas, resolve cross-references, and check what spans files."""

from __future__ import annotations

import difflib
import re
import unicodedata

from builder import contacts, images
from builder.config import SiteConfig
from builder.diagnostics import Loc, Reporter
from builder.load import Loaded
from builder.model import Page, Record, Site
from builder.schema.core import validate_mapping
from builder.schema.page import PAGE
from builder.schema.records import AWARDS, KINDS


def validate(config: SiteConfig, loaded: Loaded, rep: Reporter) -> Site:
    records, index, broken, unfinished = _validate_records(loaded, rep)
    _leave_out_unfinished(records, index, unfinished, rep)
    resolve_references(records, index, rep, broken)
    check_rules(config, records, index, rep)
    pages = _validate_pages(config, loaded, rep)
    return Site(config=config, pages=pages, records=records, index=index)


def _validate_records(loaded: Loaded, rep: Reporter) -> tuple[dict, dict, dict, dict]:
    records: dict[str, list[Record]] = {kind: [] for kind in KINDS}
    index: dict[str, dict[str, Record]] = {kind: {} for kind in KINDS}
    # Ids (and town names) of records that failed their own checks: a reference to one is not
    # reported again as "unknown", which would send the clerk looking for a record that exists.
    broken: dict[str, set] = {kind: set() for kind in KINDS}
    # Keys of records a clerk has not finished (a TODO left in them): warned about, left out.
    unfinished: dict[str, set] = {kind: set() for kind in KINDS}
    for kind, files in loaded.data.items():
        schema = KINDS[kind]
        for loc, result in files:
            outcomes, diagnostics = result
            rep.extend(diagnostics)
            for clean, line, lines, broken_keys, pending in outcomes:
                if clean is None:
                    (unfinished if pending else broken)[kind].update(broken_keys)
                    continue
                item_loc = loc.at(line)
                # A copy: reference resolution rewrites values in place, the cache must not see it.
                record = Record(schema, dict(clean), item_loc, lines)
                key = record.key
                if key in index[kind]:
                    first = index[kind][key]
                    rep.error(item_loc, f"重复的{schema.label}编号（duplicate id）“{key}”：{first.loc} 已经用过",
                              "每条记录的编号必须唯一；请改用新的编号")
                    continue
                index[kind][key] = record
                records[kind].append(record)
    return records, index, broken, unfinished


def _ref_fields(schema) -> list:
    return [f for f in schema.fields if f.kind == "ref" or (f.kind == "list" and getattr(f.item, "kind", "") == "ref")]


def _leave_out_unfinished(records: dict, index: dict, unfinished: dict, rep: Reporter) -> None:
    """A record that refers to an unfinished one is left out too (a hazard of an enterprise
    still being entered), with a warning, until the clerk has finished it; so on down the chain."""
    changed = any(unfinished.values())
    while changed:
        changed = False
        for kind, items in records.items():
            keep = []
            for record in items:
                waiting = _waits_for(record, unfinished)
                if waiting is None:
                    keep.append(record)
                    continue
                f, value = waiting
                rep.warning(record.loc.at(record.lines.get(f.name, record.loc.line)),
                            f"{f.label}“{value}”还没有填完（TODO），这条{record.schema.label}也暂不发布、不计入统计",
                            f"先填完那条{KINDS[f.ref or f.item.ref].label}记录")
                unfinished[kind].add(record.key)
                index[kind].pop(record.key, None)
                changed = True
            items[:] = keep


def _waits_for(record: Record, unfinished: dict):
    for f in _ref_fields(record.schema):
        value = record.raw.get(f.name)
        target = f.ref or f.item.ref
        for v in (value if isinstance(value, list) else [value] if value is not None else []):
            if str(v) in unfinished[target]:
                return f, v
    return None


def resolve_references(records: dict, index: dict, rep: Reporter, broken: dict) -> None:
    """Every reference, written as the target's key or as its name (schema `named_by`), becomes
    the key; the record's `links` hold the target itself, so pages show its canonical name."""
    names = _NameIndex(index)
    for kind, items in records.items():
        ref_fields = _ref_fields(KINDS[kind])
        if not ref_fields:
            continue
        for record in items:
            for f in ref_fields:
                value = record.raw.get(f.name)
                if value is None:
                    continue
                target_kind = f.ref or f.item.ref
                loc = record.loc.at(record.lines.get(f.name, record.loc.line))
                if f.kind == "list":
                    targets = [_lookup(target_kind, v, index, names, loc, rep, f.label, broken) for v in value]
                    if all(t is not None for t in targets):
                        record.raw[f.name] = [t.key for t in targets]
                        record.links[f.name] = targets
                else:
                    target = _lookup(target_kind, value, index, names, loc, rep, f.label, broken)
                    if target is not None:
                        record.raw[f.name] = target.key
                        record.links[f.name] = target


def _normal(text) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip()


class _NameIndex:
    """Records by the names a clerk may call them, built for a kind only when a name is used.

    Read from the index (kind -> key -> record): the spreadsheet import resolves its rows
    against every kind of data/ while handing over only its own records.
    """

    def __init__(self, index: dict):
        self._index = index
        self._built: dict[str, dict[str, list[Record]]] = {}

    def _records(self, kind: str):
        return self._index.get(kind, {}).values()

    def get(self, kind: str, name: str) -> list[Record]:
        if kind not in self._built:
            table: dict[str, list[Record]] = {}
            for record in self._records(kind):
                for field_name in KINDS[kind].named_by:
                    value = record.raw.get(field_name)
                    if value:
                        bucket = table.setdefault(_normal(value), [])
                        if record not in bucket:
                            bucket.append(record)
            self._built[kind] = table
        return self._built[kind].get(_normal(name), [])

    def described(self, kind: str, record: Record) -> str:
        """How a hint shows a record: its key, then its name (QY-0001 桓台示例化工有限公司), and
        for a team or a person, their enterprise (two 罐区一班 are told apart by it)."""
        name = next((record.raw[f] for f in KINDS[kind].named_by if record.raw.get(f)), None)
        text = f"{record.key} {name}" if name and name != record.key else record.key
        if kind != "enterprises" and record.raw.get("enterprise"):
            firm = self._index.get("enterprises", {}).get(record.raw["enterprise"])
            if firm is not None:
                text += f"（{firm.raw['name']}）"
        return text

    def nearest(self, kind: str, value: str, limit: int = 3) -> list[Record]:
        """The records whose key or name is closest to a mistyped value."""
        pool: dict[str, Record] = {}
        for record in self._records(kind):
            pool.setdefault(_normal(record.key).lower(), record)
            for field_name in KINDS[kind].named_by:
                if record.raw.get(field_name):
                    pool.setdefault(_normal(record.raw[field_name]).lower(), record)
        close = difflib.get_close_matches(_normal(value).lower(), list(pool), n=limit * 2, cutoff=0.5)
        found: list[Record] = []
        for text in close:
            if pool[text] not in found:
                found.append(pool[text])
        return found[:limit]


def _lookup(kind: str, value: str, index: dict, names: _NameIndex, loc: Loc, rep: Reporter, label: str,
            broken: dict):
    target = index[kind].get(value)
    if target is not None or value in broken[kind]:  # a broken target has its own error already
        return target
    what = KINDS[kind].label
    matches = names.get(kind, value)
    if len(matches) == 1:
        return matches[0]
    if matches:
        rep.error(loc, f"{label}“{value}”同名的{what}有 {len(matches)} 条，不知道指哪一条（ambiguous name）",
                  "请改写编号：" + "、".join(names.described(kind, r) for r in matches))
        return None
    nearest = names.nearest(kind, value)
    if nearest:
        hint = "是否想写：" + "、".join(names.described(kind, r) for r in nearest) + "？写编号或完整名称都可以"
    else:
        hint = f"先在 data/{kind} 里添加这条{what}记录"
    rep.error(loc, f"{label}“{value}”不存在：找不到这个{what}（unknown reference）", hint)
    return None


def check_rules(config: SiteConfig, records: dict, index: dict, rep: Reporter) -> None:
    """Rules that need more than one record: the plan's own logic."""
    for listing in records["listings"]:
        hazard = listing.links.get("hazard")
        if hazard is not None and hazard.raw["grade"] != "重大":
            rep.error(listing.loc.at(listing.lines.get("hazard", 0)),
                      f"只有重大隐患才能挂牌督办，而隐患 {hazard.key} 是“{hazard.raw['grade']}”", "核对隐患编号或等级")
    for hazard in records["hazards"]:
        enterprise = hazard.links.get("enterprise")
        if enterprise is not None:
            hazard.links["town"] = enterprise.links.get("town")
    disqualified = {r.raw.get("enterprise") for r in records["disqualifications"] if r.raw.get("enterprise")}
    for award in records["awards"]:
        enterprise = award.raw.get("enterprise")
        for name in ("contest_result", "pacesetter", "model_team", "golden_idea", "work"):
            source = award.links.get(name)
            if source is not None:
                enterprise = enterprise or source.raw.get("enterprise")
        if enterprise in disqualified:
            rep.error(award.loc, f"企业 {enterprise} 已被取消当年度评奖资格（安康杯及其他综合性奖励），不能获得表彰",
                      "行动方案规定：活动开展不力的单位取消其参评资格；请删除这条表彰或核对企业编号")
        if enterprise and "enterprise" not in award.links and enterprise in index["enterprises"]:
            award.links["enterprise"] = index["enterprises"][enterprise]
    for award in records["awards"]:
        _award_agrees(award, rep)
        result = award.links.get("contest_result")
        if award.raw["basis"] == "技能大赛第一名" and result is not None and result.raw["rank"] != 1:
            rep.error(award.loc.at(award.lines.get("basis", 0)),
                      f"获奖依据是“技能大赛第一名”，但成绩 {result.key} 是第 {result.raw['rank']} 名",
                      "核对 contest_result 编号，或把 basis 改为 技能大赛")
    for result in records["contest_results"]:
        contest = result.links.get("contest")
        if contest is not None and result.raw["trade"] not in contest.raw["trades"]:
            rep.error(result.loc.at(result.lines.get("trade", 0)),
                      f"工种“{result.raw['trade']}”不是大赛 {contest.key} 的比赛工种",
                      "可选工种：" + "、".join(contest.raw["trades"]))
    start, end = config.campaign["start"], config.campaign["end"]
    for report in records["monthly_reports"]:
        year, month = (int(p) for p in report.raw["month"].split("-"))
        if not (start.year, start.month) <= (year, month) <= (end.year, end.month):
            rep.warning(report.loc, f"月报月份 {report.raw['month']} 不在活动期间内")


# An award's own 等次/工种/名次 and the record it is for: (award field, linked field, its field).
_AWARD_AGREES = (("grade", "contest_result", "prize"), ("trade", "contest_result", "trade"),
                 ("rank", "contest_result", "rank"), ("grade", "golden_idea", "award"), ("grade", "work", "award"),
                 ("trade", "pacesetter", "post"))


def _award_agrees(award: Record, rep: Reporter) -> None:
    """An award that spells out its grade, trade or rank says the same as the result it is for."""
    for name, link, source_field in _AWARD_AGREES:
        source = award.links.get(link)
        mine = award.raw.get(name)
        if source is None or mine is None or source.raw.get(source_field) in (None, mine):
            continue
        label, theirs = AWARDS.field(name).label, source.raw[source_field]
        rep.error(award.loc.at(award.lines.get(name, award.loc.line)),
                  f"表彰的{label}“{mine}”与{source.schema.label} {source.key} 的“{theirs}”不一致",
                  f"改成 {theirs}，或删掉 {name} 这一行（不写时取{source.schema.label}的）")


def _validate_pages(config: SiteConfig, loaded: Loaded, rep: Reporter) -> list[Page]:
    pages: list[Page] = []
    urls: dict[str, Loc] = {}
    alias_lines: dict[tuple[str, str], Loc] = {}   # (page source, alias) -> where it is written
    for source in loaded.pages:
        if source.meta is None:
            rep.error(source.loc.at(1), "前置信息（front matter）是空的", "至少写 title 和 date 两行")
            continue
        meta = validate_mapping(PAGE, source.meta, source.loc, rep)
        if meta is None:
            continue
        if meta.get("draft"):
            continue
        meta = {**{f.name: None for f in PAGE.fields}, **meta}
        section = source.section
        if section not in config.sections:
            rep.error(source.loc, f"文件夹 content/{section}/ 不是已知栏目",
                      "栏目文件夹：" + "、".join(f"{k}（{v}）" for k, v in config.sections.items()))
            continue
        declared = meta.get("section")
        if declared and declared not in (section, config.sections[section]):
            rep.warning(source.loc.at(source.meta.lines.get("section", 1)),
                        f"前置信息写的栏目“{declared}”与所在文件夹“{config.sections[section]}”不一致，以文件夹为准",
                        "把文件移到对应栏目的文件夹，或删除 section 这一行")
        slug = url_name(source.stem, meta)
        url = f"{section}/{slug}/"
        if url in urls:
            rep.error(source.loc.at(source.meta.lines.get("slug", 1)), f"网址重复：{url} 已由 {urls[url]} 使用",
                      "修改文件名或 slug")
            continue
        urls[url] = source.loc
        if meta["date"] > config.as_of:
            rep.warning(source.loc.at(source.meta.lines.get("date", 1)),
                        f"发布日期 {meta['date']} 晚于统计截止日 {config.as_of}",
                        "政府网站不得出现未来日期；核对日期或 --as-of")
        check_unfinished(source, meta, config.expect.get(section) or [], rep)
        cover = _cover(config, source, meta, rep)
        body = contacts.expand(source.body, config.contacts, source.loc, source.body_line, rep)
        if meta.get("summary"):
            meta["summary"] = contacts.expand(meta["summary"], config.contacts, source.loc,
                                              source.meta.lines.get("summary", 1), rep)
        pages.append(Page(
            source=source.loc.path, section=section, slug=slug, url=url, title=meta["title"],
            date=meta["date"], meta=meta, body=body, body_line=source.body_line, cover=cover,
            aliases=_aliases(source, section, url, meta, rep, alias_lines),
        ))
    _check_aliases(pages, urls, rep, alias_lines)
    pages.sort(key=lambda p: (p.date, p.url), reverse=True)
    return pages


_DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})-(.+)$")


def url_name(stem: str, meta: dict) -> str:
    """The last part of an article's URL. `slug` when written; else the file name, with a
    leading date following the front matter: content/news/2016-06-16-drill.md dated
    2016-06-17 is news/2016-06-17-drill/ (its file name's URL then redirects, _aliases)."""
    if meta.get("slug"):
        return meta["slug"]
    dated = _DATED.match(stem)
    return f"{meta['date'].isoformat()}-{dated.group(2)}" if dated else stem


def _aliases(source, section: str, url: str, meta: dict, rep: Reporter,
             lines_of: dict[tuple[str, str], Loc]) -> tuple[str, ...]:
    """The URLs that redirect here: the file name's own (when the date or slug moved the page)
    and those written under `aliases`, as site-relative folder URLs."""
    found = []
    own = f"{section}/{source.stem}/"
    if own != url:
        found.append(own)
        lines_of[(source.loc.path, own)] = source.loc.at(source.meta.lines.get("date", 1))
    for index, alias in enumerate(meta.get("aliases") or []):
        text = alias.strip().strip("/")
        if "/" not in alias:  # a bare name is a slug in the article's own section
            text = f"{section}/{text}"
        parts = text.split("/")
        lines = getattr(source.meta.get("aliases"), "lines", None)
        loc = source.loc.at(lines[index] if lines else source.meta.lines.get("aliases", 1))
        if not text or any(part in ("", ".", "..") or not _URL_PART.match(part) for part in parts):
            rep.error(loc, f"旧网址“{alias}”写法不对", "写成站内的网址，例如 news/2016-06-16-drill/（不带域名，不含 ..）")
            continue
        if f"{text}/" != url:
            found.append(f"{text}/")
            lines_of[(source.loc.path, f"{text}/")] = loc
    return tuple(dict.fromkeys(found))


_URL_PART = re.compile(r"^[\w.~-]+$")


def _check_aliases(pages: list[Page], urls: dict[str, Loc], rep: Reporter,
                   lines_of: dict[tuple[str, str], Loc]) -> None:
    """An old URL may redirect to one page only, and never where a page lives now."""
    taken: dict[str, Page] = {}
    for page in pages:
        for alias in page.aliases:
            loc = lines_of.get((page.source, alias), Loc(page.source))
            if alias in urls:
                rep.error(loc, f"旧网址 {alias} 现在是另一篇文章（{urls[alias].path}）的网址，不能再跳转到这里",
                          "从 aliases 里删掉它，或给那篇文章换一个网址")
            elif alias in taken:
                rep.error(loc, f"旧网址 {alias} 已经跳转到 {taken[alias].source}",
                          "一个旧网址只能跳转到一篇文章：从其中一篇的 aliases 里删掉它")
            else:
                taken[alias] = page


# What `chabaocu new article` writes where the clerk's text goes (builder.newcontent).
BODY_PLACEHOLDER = "在这里写正文"
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def check_unfinished(source, meta: dict, expected: list[str], rep: Reporter) -> None:
    """Warnings for an article not finished yet: the body `new` left, an empty body, and the
    front matter its section expects (site.toml [expect]) left out. check --strict: errors."""
    body = source.body
    for offset, line in enumerate(body.split("\n")):
        if BODY_PLACEHOLDER in line:
            rep.warning(source.loc.at(source.body_line + offset),
                        f"正文还是占位文字“{line.strip()}”（chabaocu new 生成），还没有写",
                        "把这一行换成正文；没写完的文章可以先在前置信息里加 draft: true，就不会发布")
            break
    else:
        if not _COMMENT.sub("", body).strip():
            rep.warning(source.loc.at(source.body_line), "正文是空的",
                        "在第二个 --- 下面写正文；没写完的文章可以先在前置信息里加 draft: true")
    names = {f.name: f.label for f in PAGE.fields}
    for name in expected:
        value = meta.get(name)
        if value in (None, "", []):
            line = source.meta.lines.get(name, 1)
            hint = {"summary": "写一两句话的摘要，列表和搜索结果里显示它",
                    "cover": "写 cover: 图片文件名 和 cover_alt: 图片说明，图片放在文章旁边或 content/images/ 下"}
            rep.warning(source.loc.at(line), f"{names[name]}（{name}）没有填写：这个栏目的文章应当有{names[name]}",
                        hint.get(name, f"在前置信息里写 {name}: …") + "（要求见 site.toml 的 [expect]）")


def _cover(config: SiteConfig, source, meta: dict, rep: Reporter) -> str:
    """The cover image's content-relative path, found as article images are (builder.images)."""
    cover = meta.get("cover")
    if not cover:
        return ""
    line = source.meta.lines.get("cover", 1)
    if not (meta.get("cover_alt") or "").strip():
        rep.error(source.loc.at(line), "封面图缺少说明 cover_alt（替代文字）",
                  "加一行 cover_alt: 一句话描述图片内容，供读屏软件朗读（无障碍要求）")
    tried = images.candidates(source.loc.path, cover)
    content = config.root / "content"
    for candidate in tried:
        if (content / candidate).is_file() and images.is_raster(content / candidate):
            return candidate
    rep.error(source.loc.at(line), f"封面图 {cover} 找不到：找过 " + ("、".join(f"content/{t}" for t in tried) or "content/ 里"),
              "把图片（.jpg、.png）放在文章旁边或 content/images/ 下，写文件名或相对路径")
    return ""
