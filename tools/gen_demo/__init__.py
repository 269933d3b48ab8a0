"""示例数据生成器：为示例站点写出虚构的 data/*.yaml 记录和几张漫画示意图。

Deterministic demo-data generator for the 查保促 example site (桓台县, 2016).

Everything it writes is fictional: enterprise names always contain “示例”, people are role
titles or made-up ordinary names, phones are office landlines 0533-8xxxxxx, and workers who
report hazards or write ideas appear only as pseudonyms (R-xxxx, A-xxxx). The figures follow
the recommended demo dataset in DOMAIN.md §4.3. Whatever content/ has already published is
honoured: the firms, drills, ledger rows, ideas and classes that news articles describe
(FEATURED_* tables), the dates of the county rounds and the skills contest, and the towns
praised at the year-end meeting. Ledger texts never repeat an article word for word, because
the builder's privacy scan forbids handbook-level text on public pages.

Determinism: every section draws from its own `random.Random` seeded from "2016/<section>",
nothing reads the clock, outputs are sorted, and the YAML writer is checked byte for byte
against PyYAML's; two runs give identical files. Only the files listed in
`writer.generated_files()` (and the six cartoons) are written; nothing is deleted.

The package has one module per record kind (named after the kind: `hazards.py` writes
data/hazards/, `golden_ideas.py` data/golden_ideas.yaml, …), plus
- `common`: the seed, the 2016 calendar, the schema's field order;
- `people`: fictional names and office phones, each handed out once;
- `generate`: the order in which the kinds are made (one feeds another) and the summary;
- `writer`: the YAML writer and the list of files the generator owns;
- `check`: `--check`, which reads the written files back with the builder's own loader and
  schema engine, then checks cross-references, the demo's own rules (listings ↔ 重大
  hazards, monthly figures ↔ ledger, awards ↔ disqualification, …), that no mobile/ID/e-mail
  pattern appears, and that no article in content/ quotes a handbook-level or internal value;
- `cli`: the command line.

Usage (from the repository root, with .venv/bin/python):
    python -m tools.gen_demo                          # data/ and content/images/works/
    python -m tools.gen_demo --check                  # ... then validate with the builder's engine
    python -m tools.gen_demo --out /tmp/big/data --scale-hazards 100000   # benchmark ledger
(`python tools/gen_demo …` works the same.)
"""
