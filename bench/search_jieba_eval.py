"""Does a word segmenter (jieba) improve search ranking? A measurement, not a test (issue 6).

    .venv/bin/pip install jieba          # only for this measurement; the site does not use it
    .venv/bin/python bench/search_jieba_eval.py

Matching never depends on a segmenter (any 2+ character term is found by its bigrams). A
segmenter could only change the ranking: the index marks "word edges", and a match with an
edge on both sides counts as a whole term (ranked before one inside a longer run). Without
jieba an edge is punctuation or a break; with it, also every place jieba cuts a word.

This builds the example site's index both ways, runs every query of tests/search/queries.yaml
through the real client (search.js under Node) and compares, for the queries whose best
pages are known (`first:`), success@1 and the mean reciprocal rank of the first good page;
and for all queries, how many top-5 lists change.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import builder.search.encode as encode_module  # noqa: E402
from builder.diagnostics import Reporter  # noqa: E402
from builder.pipeline import prepare  # noqa: E402
from builder.render import render_site, static_files  # noqa: E402
from builder.search import build_search_index  # noqa: E402
from builder.search.tokens import Stream, stream  # noqa: E402

RUNNER = """
const core = require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const st = {shards: {}};
global.window = {__cbcSearch: {docs: m => st.m = m, shard: (n, d) => st.shards[n] = d, text: () => {}}};
for (const src of input.files) require('vm').runInThisContext(src);
const lookup = (t, k) => { const s = st.shards[core.shardOf(k, st.m.shards)]; return s && s[t][k]; };
const out = {};
for (const q of input.queries) {
  out[q] = core.rank(core.queryTerms(q), lookup, st.m).map(h => st.m.docs[h.doc][0].replace(/index\\.html$/, ''));
}
process.stdout.write(JSON.stringify(out));
"""


def jieba_stream(text: str) -> Stream:
    """The unit stream with an edge added wherever jieba starts a word."""
    import jieba
    s = stream(text)
    edge = list(s.edge)
    start = 0
    n = len(s.texts)
    while start < n:
        end = start + 1
        while end < n and not s.seg[end]:
            end += 1
        chars, owner = [], []
        for i in range(start, end):
            chars.append(s.texts[i])
            owner += [i] * len(s.texts[i])
        at = 0
        for word in jieba.cut("".join(chars), HMM=True):
            if at < len(owner):
                edge[owner[at]] = True
            at += len(word)
        start = end
    return Stream(s.texts, s.seg, edge, s.ascii_at)


def index_files(files: dict[str, bytes], site, with_jieba: bool) -> list[str]:
    encode_module.stream = jieba_stream if with_jieba else stream
    try:
        out = build_search_index(files, site)
    finally:
        encode_module.stream = stream
    return [v.decode() for k, v in sorted(out.items()) if "/text-" not in k]


def rank_all(index: list[str], queries: list[str]) -> dict[str, list[str]]:
    js = REPO / "themes" / "default" / "static" / "search" / "search.js"
    result = subprocess.run(["node", "-e", RUNNER, str(js)], input=json.dumps({"files": index, "queries": queries}),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main() -> int:
    try:
        import jieba
    except ImportError:
        print("需要 jieba：.venv/bin/pip install jieba（只用于这项测量）")
        return 1
    jieba.setLogLevel(60)
    cases = yaml.safe_load((REPO / "tests" / "search" / "queries.yaml").read_text(encoding="utf-8"))
    queries = [str(c["q"]) for c in cases]
    rep = Reporter()
    site, assets = prepare(REPO, rep)
    files = render_site(site, rep, "public")
    files.update(static_files(site, assets))
    t0 = time.perf_counter()
    plain_index = index_files(files, site, False)
    t1 = time.perf_counter()
    jieba.initialize()
    t2 = time.perf_counter()
    jieba_index = index_files(files, site, True)
    t3 = time.perf_counter()
    plain, cut = rank_all(plain_index, queries), rank_all(jieba_index, queries)

    def scores(results: dict[str, list[str]]) -> tuple[float, float, int]:
        judged = [c for c in cases if c.get("first")]
        hits, rr = 0, 0.0
        for c in judged:
            ranked = results[str(c["q"])]
            good = [i for i, url in enumerate(ranked) if url in c["first"]]
            hits += bool(good and good[0] == 0)
            rr += 1 / (good[0] + 1) if good else 0
        return hits / len(judged), rr / len(judged), len(judged)

    a, b = scores(plain), scores(cut)
    changed = [q for q in queries if plain[q][:5] != cut[q][:5]]
    same_sets = all(set(plain[q]) == set(cut[q]) for q in queries)
    print(f"查询 {len(queries)} 个，其中 {a[2]} 个标注了最佳结果（first）")
    print(f"{'':<18}{'success@1':>10}{'MRR':>8}{'建索引 s':>10}")
    print(f"{'标点/断句边界':<18}{a[0]:>10.3f}{a[1]:>8.3f}{t1 - t0:>10.2f}")
    print(f"{'+ jieba 词边界':<18}{b[0]:>10.3f}{b[1]:>8.3f}{t3 - t2:>10.2f}   (+ 词典加载 {t2 - t1:.2f} s)")
    print(f"结果集合完全相同：{'是' if same_sets else '否'}；前 5 名顺序改变的查询：{len(changed)} 个")
    for q in changed:
        print(f"  {q}\n    无 jieba：{plain[q][:5]}\n    有 jieba：{cut[q][:5]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
