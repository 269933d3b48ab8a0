/* 站内搜索（site search）— issues 6 and 15.
 *
 * Works when the site is served over http and when it is opened from disk (file://): the
 * index is a set of scripts that call window.__cbcSearch (no fetch, no XHR). A query loads
 * docs.js and fold.js, then only the index shards its keys hash to, then the page texts of
 * the results it shows. Everything the user typed reaches the page as DOM text nodes only.
 *
 * How a query is read and ranked (docs/search.md):
 * - folded like the index (full-width → half-width, traditional → simplified, lower case);
 * - dates (2016年4月, 2016-04, 4月) become date terms; question words and particles
 *   (怎么、如何、哪些、的、了、吗…) are dropped; the site's synonyms (site.toml [search])
 *   become terms any of whose words may match;
 * - pages are scored BM25-style over the bigrams they hold (title and headings weigh more);
 *   a page holding every term is a match, a page whose title is the query comes first, and
 *   when nothing holds every term the best partial matches are listed, marked 部分匹配;
 * - a bigram no page holds is the seam between two words (淄博市|行动方案) or a typo, and
 *   is not required; a word of 3+ characters found nowhere is looked up in the page titles
 *   with one character different (应急演炼 → 应急演练).
 *
 * The tokenizer below must stay identical to builder/search/tokens.py (tests compare them).
 */
(function (root) {
  'use strict';

  // ------------------------------------------------------------------ tokens (= tokens.py)
  var HARD_BREAKS = ',;:?!\u3002\u3001\u2026\uff61';
  var ASCII_SPACE = ' \t\n\r\f\v';
  var foldTable = new Map();
  var foldCache = new Map();

  function isAscii(s) { return /^[\x00-\x7f]*$/.test(s); }

  var soundsOf = new Map();

  /** fold.js: traditional → simplified pairs (one string, two characters a pair), and groups of
   *  characters that sound the same (for typo correction). */
  function setFold(pairs, sounds) {
    var chars = Array.from(pairs);
    foldTable = new Map();
    for (var i = 0; i + 1 < chars.length; i += 2) foldTable.set(chars[i], chars[i + 1]);
    foldCache = new Map();
    soundsOf = new Map();
    (sounds || []).forEach(function (group, g) {
      for (var ch of group) { if (!soundsOf.has(ch)) soundsOf.set(ch, []); soundsOf.get(ch).push(g); }
    });
  }

  function soundAlike(a, b) {
    var ga = soundsOf.get(a) || [], gb = soundsOf.get(b) || [];
    return ga.some(function (g) { return gb.indexOf(g) >= 0; });
  }

  function fold(ch) {
    var out = foldCache.get(ch);
    if (out === undefined) {
      out = '';
      for (var c of ch.normalize('NFKC')) out += foldTable.get(c) || c;
      if (isAscii(out)) out = out.toLowerCase();
      foldCache.set(ch, out);
    }
    return out;
  }

  function foldText(text) {
    var out = '';
    for (var ch of text) out += fold(ch);
    return out;
  }

  function classOf(ch) {
    if (isAscii(ch)) {
      if (/[0-9A-Za-z]/.test(ch)) return 'a';
      return (ASCII_SPACE.indexOf(ch) >= 0 || HARD_BREAKS.indexOf(ch) >= 0) ? 'h' : 's';
    }
    if (/[\p{L}\p{N}]/u.test(ch)) return 'w';
    if (/\p{Z}/u.test(ch) || HARD_BREAKS.indexOf(ch) >= 0) return 'h';
    return 's';
  }

  /** The unit stream of a text: [{text, start, end, seg, edge}], spans in the original text.
   *  The text is folded character by character, then cut into units (as tokens.py does). */
  function units(text) {
    var out = [], newSeg = true, edge = true, at = 0, run = null;
    function flush() {
      if (run) { out.push(run); newSeg = edge = false; run = null; }
    }
    for (var raw of text) {
      for (var c of fold(raw)) {
        var k = classOf(c);
        if (k === 'a') {
          if (run) { run.text += c; run.end = at + raw.length; continue; }
          run = {text: c, start: at, end: at + raw.length, seg: newSeg, edge: edge};
          continue;
        }
        flush();
        if (k === 'w') {
          out.push({text: c, start: at, end: at + raw.length, seg: newSeg, edge: edge});
          newSeg = edge = false;
        } else if (k === 'h') {
          newSeg = edge = true;
        } else {
          edge = true;
        }
      }
      at += raw.length;
    }
    flush();
    return out;
  }

  function joinKey(a, b) {
    return isAscii(a.slice(-1)) && isAscii(b[0]) ? a + ' ' + b : a + b;
  }

  function segments(stream) {
    var out = [];
    stream.forEach(function (u) {
      if (u.seg || !out.length) out.push([]);
      out[out.length - 1].push(u);
    });
    return out;
  }

  /** A text as segments of unit texts. */
  function queryTerms(q) {
    return segments(units(q)).map(function (seg) { return seg.map(function (u) { return u.text; }); });
  }

  function shardOf(key, count) {
    var h = 0x811c9dc5;
    for (var ch of key) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % count;
  }

  /** The keys a run of units needs: one unigram, or its bigrams. */
  function keysOf(seg) {
    if (seg.length === 1) return [{table: 'u', key: seg[0]}];
    var keys = [];
    for (var i = 0; i + 1 < seg.length; i++) keys.push({table: 'b', key: joinKey(seg[i], seg[i + 1])});
    return keys;
  }

  // ------------------------------------------------------------------ reading a query
  // Words that ask rather than name: dropped, and the query is cut where they stood.
  var QUESTION_WORDS = ['什么时候', '为什么', '怎么办', '怎么样', '是不是', '有没有', '是什么', '有哪些', '在哪里', '在哪儿',
    '怎么', '怎样', '如何', '哪些', '哪个', '哪里', '哪儿', '什么', '是否', '多少', '几个', '几次', '请问', '能否', '可否',
    '吗', '呢', '吧', '啊', '呀', '么'];
  // Particles dropped the same way, except inside these words.
  var PARTICLES = '的了';
  var KEEP_WORDS = ['目的', '的确', '了解', '为了', '除了', '了结', '了不起'];
  var MAX_QUERY = 100;

  function dropWords(text, dropped) {
    // The lists are folded as the query is (OpenCC folds 么 to 幺, for one).
    QUESTION_WORDS.forEach(function (word) {
      var w = foldText(word);
      if (text.indexOf(w) >= 0) { dropped.push(word); text = text.split(w).join(' '); }
    });
    var chars = Array.from(text), out = '', particles = foldText(PARTICLES);
    chars.forEach(function (ch, i) {
      if (particles.indexOf(ch) >= 0) {
        var kept = KEEP_WORDS.map(foldText).some(function (w) {
          return (chars[i - 1] || '') + ch === w || ch + (chars[i + 1] || '') === w;
        });
        if (!kept) { if (dropped.indexOf(ch) < 0) dropped.push(ch); out += ' '; return; }
      }
      out += ch;
    });
    return out;
  }

  // 2016年4月(15日), 2016-04(-15), 2016.4, 2016/04 — and a bare 4月(15日).
  var FULL_DATE = /(?<!\d)((?:19|20)\d\d)\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|[-./](\d{1,2})(?:[-./](\d{1,2}))?(?!\d))/g;
  var MONTH_DATE = /(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?/g;

  function takeDates(text, dates) {
    function add(y, m, d) {
      m = +m; d = d ? +d : 0;
      if (m < 1 || m > 12 || d < 0 || d > 31) return false;
      dates.push({y: y ? +y : 0, m: m, d: d});
      return true;
    }
    text = text.replace(FULL_DATE, function (all, y, m1, d1, m2, d2) {
      return add(y, m1 || m2, d1 || d2) ? ' ' : all;
    });
    return text.replace(MONTH_DATE, function (all, m, d, offset, whole) {
      if (offset > 0 && /[\d年]/.test(whole[offset - 1])) return all;  // part of a number or a 年 date
      return add(0, m, d) ? ' ' : all;
    });
  }

  function dateText(date, year) {
    var y = date.y || 0;
    return (y ? y + '年' : '') + date.m + '月' + (date.d ? date.d + '日' : '');
  }

  /** The synonym groups of the manifest as unit texts, longest word first. */
  function synonymTable(manifest) {
    var words = [];
    (manifest.synonyms || []).forEach(function (group, g) {
      var variants = group.map(function (w) { return queryTerms(w).reduce(function (a, s) { return a.concat(s); }, []); })
        .filter(function (v) { return v.length; });
      variants.forEach(function (v) { words.push({units: v, group: g, variants: variants}); });
    });
    return words.sort(function (a, b) { return b.units.length - a.units.length; });
  }

  function indexOfRun(seg, run) {
    for (var i = 0; i + run.length <= seg.length; i++) {
      var k = 0;
      while (k < run.length && seg[i + k] === run[k]) k++;
      if (k === run.length) return i;
    }
    return -1;
  }

  var MAX_VARIANTS = 8;

  /** The spellings of one segment: as typed first, then with each synonym found in it replaced
   *  by the other words of its group (16号令 → 国家安全生产监督管理总局令第16号; 有限空间作业 →
   *  受限空间作业). The seams between a synonym and the rest are bigrams no page may hold,
   *  which the ranking does not require. */
  function expandSynonyms(seg, synonyms) {
    for (var s = 0; s < synonyms.length; s++) {
      var at = indexOfRun(seg, synonyms[s].units);
      if (at < 0) continue;
      var before = seg.slice(0, at), typed = synonyms[s].units;
      var words = [typed].concat(synonyms[s].variants.filter(function (v) { return v.join('') !== typed.join(''); }));
      var rests = expandSynonyms(seg.slice(at + typed.length), synonyms);
      var out = [];
      words.forEach(function (w) {
        rests.forEach(function (rest) { if (out.length < MAX_VARIANTS) out.push(before.concat(w, rest)); });
      });
      return out;
    }
    return [seg];
  }

  /** A query as terms: {units (as typed), variants (unit texts any of which may match), kind, date}. */
  function parseQuery(q, manifest) {
    var text = foldText(String(q).slice(0, MAX_QUERY));
    var dates = [], dropped = [];
    text = takeDates(text, dates);
    text = dropWords(text, dropped);
    // 是 at the edge of a piece (什么是…, …是什么) asks; inside a word (是否 was dropped) it stays.
    text = text.replace(new RegExp('(^|\\s)' + fold('是') + '+|' + fold('是') + '+(?=\\s|$)', 'g'), '$1 ');
    var terms = [];
    var synonyms = synonymTable(manifest || {});
    dates.forEach(function (date) {
      var u = queryTerms(dateText(date))[0];
      terms.push({units: u, variants: [u], kind: 'date', date: date});
    });
    queryTerms(text).forEach(function (seg) {
      var variants = expandSynonyms(seg, synonyms);
      terms.push({units: seg, variants: variants, kind: variants.length > 1 ? 'alias' : 'text'});
    });
    return {terms: terms, dropped: dropped};
  }

  // ------------------------------------------------------------------ postings (= encode.py)
  /** Bigram postings "d,v;d;d,v" and unigram postings "d,d." → Map doc -> {tf, title, head}. */
  function decode(str, table) {
    var docs = new Map();
    if (!str) return docs;
    var doc = 0;
    if (table === 'b') {
      str.split(';').forEach(function (part) {
        var comma = part.indexOf(',');
        var v = comma < 0 ? 4 : parseInt(part.slice(comma + 1), 36);
        doc += parseInt(comma < 0 ? part : part.slice(0, comma), 36);
        docs.set(doc, {tf: v >> 2, title: v & 1, head: (v >> 1) & 1});
      });
    } else {
      str.split(',').forEach(function (part) {
        var title = part.charAt(part.length - 1) === '.';
        doc += parseInt(title ? part.slice(0, -1) : part, 36);
        docs.set(doc, {tf: title ? 5 : 1, title: title ? 1 : 0, head: 0});
      });
    }
    return docs;
  }

  // ------------------------------------------------------------------ ranking
  var K1 = 1.2, B = 0.75;
  // Added to the score of a page whose title holds every term: more than a body's BM25 score
  // usually reaches, so such pages come first among the matches; half as much when the
  // title and section headings together hold them.
  var TITLE_BONUS = 20;
  var OTHER_VARIANT = 0.5;
  var HEADING_BONUS = 10;

  function variantKeys(terms) {
    var keys = [];
    terms.forEach(function (t) { t.variants.forEach(function (v) { keys = keys.concat(keysOf(v)); }); });
    return keys;
  }

  /** Score every page against every term; see the comment at the top of this file. */
  function rank(parsed, lookup, manifest) {
    var terms = parsed.terms;
    var docs = manifest.docs, n = docs.length;
    if (!terms.length || !n) return {hits: [], partial: 0};
    var avg = docs.reduce(function (s, d) { return s + (d[5] || 1); }, 0) / n;
    var cache = {};
    function postings(k) {
      var id = k.table + k.key;
      if (!cache[id]) cache[id] = decode(lookup(k.table, k.key), k.table);
      return cache[id];
    }
    function idf(df) { return Math.log(1 + (n - df + 0.5) / (df + 0.5)); }

    var perDoc = new Map();   // doc -> [{full, score, title, head, factor} per term]
    terms.forEach(function (term, ti) {
      var best = new Map();
      // A term weighs what the word as typed weighs (or, found nowhere, its first variant found):
      // a long synonym (the campaign's full name) must not outweigh the short one typed.
      var total = 0;
      term.variants.forEach(function (variant) {
        if (total) return;
        total = keysOf(variant).reduce(function (sum, k) {
          var p = postings(k);
          return sum + (p.size ? idf(p.size) : 0);
        }, 0);
      });
      term.variants.forEach(function (variant, vi) {
        var keys = keysOf(variant).map(function (k) {
          var p = postings(k);
          return {p: p, w: p.size ? idf(p.size) : 0};
        });
        var live = keys.filter(function (k) { return k.p.size; });
        // Keys no page holds are seams or typos: not required, unless they are most of the word.
        var canBeWhole = live.length && live.length * 2 >= keys.length;
        var weight = live.reduce(function (s, k) { return s + k.w; }, 0);
        // The word as typed is what was asked: a synonym or correction counts a little less.
        var scale = weight ? total / weight * (vi ? OTHER_VARIANT : 1) : 0;
        var seen = new Map();
        live.forEach(function (k) {
          k.p.forEach(function (v, doc) {
            var len = docs[doc][5] || 1;
            var s = k.w * v.tf * (K1 + 1) / (v.tf + K1 * (1 - B + B * len / avg));
            var m = seen.get(doc) || {hits: 0, score: 0, title: 0, head: 0};
            m.hits++; m.score += s; m.title += v.title; m.head += v.head;
            seen.set(doc, m);
          });
        });
        seen.forEach(function (m, doc) {
          var r = {full: canBeWhole && m.hits === live.length, score: m.score * scale,
            title: canBeWhole && m.title === live.length, head: canBeWhole && m.head === live.length,
            factor: vi ? OTHER_VARIANT : 1};
          var b = best.get(doc);
          if (!b || (r.full && !b.full) || (r.full === b.full && r.score > b.score)) best.set(doc, r);
        });
      });
      best.forEach(function (r, doc) {
        if (!perDoc.has(doc)) perDoc.set(doc, []);
        perDoc.get(doc)[ti] = r;
      });
    });

    var squashed = terms.map(function (t) { return (t.shown || t.units).join(''); }).join('');
    var hits = [];
    perDoc.forEach(function (rs, doc) {
      var row = docs[doc], full = true, score = 0, inTitle = true, inHead = true, dateHit = 0, factor = 1;
      terms.forEach(function (term, ti) {
        var r = rs[ti];
        if (!r || !r.full) full = false;
        if (!r || !r.title) inTitle = false;
        if (!r || !r.head) inHead = false;
        if (r) { score += r.score; factor = Math.min(factor, r.factor); }
        if (term.date && dateMatches(term.date, row[3], manifest.year)) dateHit++;
      });
      var tier = full ? 1 : 2;
      if (full && inTitle) {
        var title = titleSquashed(row);
        if (title === squashed) tier = 0;
        // Every term in the title: the page is about it. Among such pages, the title the query
        // covers most first (隐患排查治理 before a long regulation title holding 隐患排查).
        score += factor * TITLE_BONUS * (1 + Math.min(1, squashed.length / title.length));
      } else if (full && inHead) {
        score += factor * HEADING_BONUS;  // a section of the page is about it (光荣榜: 工人先锋号)
      }
      hits.push({doc: doc, tier: tier, dateHit: dateHit, score: score, date: row[3], partial: !full});
    });
    // A page dated in the month asked for is "that month's" page, whatever else it says.
    terms.forEach(function (term) {
      if (!term.date) return;
      docs.forEach(function (row, doc) {
        if (!perDoc.has(doc) && dateMatches(term.date, row[3], manifest.year)) {
          hits.push({doc: doc, tier: terms.length === 1 ? 1 : 2, dateHit: 1, score: 0, date: row[3],
            partial: terms.length !== 1});
        }
      });
    });
    var fullCount = hits.filter(function (h) { return !h.partial; }).length;
    hits.sort(function (a, b) {
      return a.tier - b.tier || b.dateHit - a.dateHit || b.score - a.score ||
        (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || a.doc - b.doc;
    });
    return {hits: hits, partial: hits.length - fullCount};
  }

  function dateMatches(date, iso, campaignYear) {
    if (!iso) return false;
    var y = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
    var want = date.y || campaignYear;
    return (!want || y === want) && m === date.m && (!date.d || d === date.d);
  }

  var titleCache = new Map();
  function titleStream(row) {
    var u = titleCache.get(row);
    if (!u) { u = units(row[0]); titleCache.set(row, u); }
    return u;
  }
  function titleUnits(row) { return titleStream(row).map(function (x) { return x.text; }); }
  function titleSquashed(row) { return titleUnits(row).join(''); }

  /** Words of 3+ units in no title, corrected from the titles: one unit different. Returns the
   *  corrections of words found on no page at all (the status line names them). */
  function corrections(parsed, lookup, manifest) {
    var found = [];
    parsed.terms.forEach(function (term) {
      if (term.kind !== 'text' || term.units.length < 3) return;
      var keys = keysOf(term.units);
      var dead = keys.some(function (k) { return !lookup(k.table, k.key); });
      var counts = new Map(), n = term.units.length, exact = false;
      manifest.docs.forEach(function (row) {
        var t = titleUnits(row), stream = titleStream(row);
        if (indexOfRun(t, term.units) >= 0) exact = true;
        for (var i = 0; i + n <= t.length; i++) {
          var diff = 0, at = -1;
          for (var k = 0; k < n && diff < 2; k++) if (t[i + k] !== term.units[k]) { diff++; at = k; }
          // One unit different, and a Chinese one: 2015 ≠ 2016 is no typo.
          if (diff === 1 && !isAscii(term.units[at])) {
            var fixed = t.slice(i, i + n), key = fixed.join('\u0000');
            // A word standing alone (《…安全生产法》) is likelier meant than the start of a
            // longer one (安全生产监督管理总局): a word edge on either side counts.
            var weight = 1 + (stream[i].edge ? 1 : 0) + (i + n >= t.length || stream[i + n].edge ? 1 : 0);
            // Most typos come from a pinyin input method: a character of the same sound.
            if (soundAlike(t[i + at], term.units[at])) weight *= 4;
            counts.set(key, {units: fixed, count: (counts.has(key) ? counts.get(key).count : 0) + weight});
          }
        }
      });
      // A word some title holds as typed is no typo; one every bigram of which is on some page
      // may still be (安全生产发 holds 生产发展's bigrams): it gains the title's spelling as a
      // variant, and the status line names it only when the word itself matched nothing.
      if (exact) return;
      var best = Array.from(counts.values()).sort(function (a, b) { return b.count - a.count; });
      best = best.filter(function (c) { return c.count === best[0].count; }).slice(0, 2);
      if (!best.length) return;
      var fixes = best.map(function (c) { return c.units; });
      if (dead) {
        // A bigram found nowhere was a typo, not a seam: the title's spelling leads.
        term.variants = fixes.concat(term.variants);
        term.shown = best[0].units;
        found.push({from: term.units.join(''), to: best[0].units.join('')});
      } else {
        term.variants = term.variants.concat(fixes);
      }
    });
    return found;
  }

  // ------------------------------------------------------------------ highlighting
  /** Character spans in `text` of every run of units in `runs`, merged. */
  function spansOf(stream, runs) {
    var spans = [];
    runs.forEach(function (run) {
      for (var i = 0; i + run.length <= stream.length; i++) {
        var ok = true;
        for (var k = 0; k < run.length && ok; k++) {
          if (stream[i + k].text !== run[k] || (k > 0 && stream[i + k].seg)) ok = false;
        }
        if (ok) spans.push([stream[i].start, stream[i + run.length - 1].end]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  /** The runs to mark for a query: whole words; for a partial match where none is found, their
   *  bigrams (应急演 of 应急演炼). */
  function highlights(text, terms, pieces) {
    var stream = units(text);
    var whole = [], bigrams = [];
    terms.forEach(function (t) {
      t.variants.forEach(function (v) {
        whole.push(v);
        for (var i = 0; i + 1 < v.length; i++) bigrams.push([v[i], v[i + 1]]);
      });
    });
    var spans = spansOf(stream, whole);
    return spans.length || !pieces ? spans : spansOf(stream, bigrams);
  }

  /** A window of `text` around the first match, with spans relative to it. */
  function snippet(text, terms, width, pieces) {
    var flat = text.replace(/\n/g, ' ');
    var spans = highlights(text, terms, pieces);
    if (!spans.length) {
      var cut = Array.from(flat).slice(0, width).join('');
      return {text: cut + (cut.length < flat.length ? '…' : ''), spans: []};
    }
    var start = Math.max(0, spans[0][0] - Math.floor(width / 3));
    var end = Math.min(flat.length, start + width);
    var pre = start > 0 ? '…' : '';
    var inside = spans.filter(function (s) { return s[0] >= start && s[1] <= end; })
      .map(function (s) { return [s[0] - start + pre.length, s[1] - start + pre.length]; });
    return {text: pre + flat.slice(start, end) + (end < flat.length ? '…' : ''), spans: inside};
  }

  var core = {units: units, queryTerms: queryTerms, shardOf: shardOf, keysOf: keysOf, joinKey: joinKey,
    decode: decode, rank: rank, highlights: highlights, snippet: snippet, setFold: setFold, fold: fold,
    parseQuery: parseQuery, corrections: corrections, variantKeys: variantKeys};

  if (typeof module !== 'undefined' && module.exports) { module.exports = core; return; }

  // ------------------------------------------------------------------ loading (JSONP)
  var script = document.currentScript;
  var base = script.src.replace(/[^/]*([?#].*)?$/, '');
  var siteRoot = new URL('../../', base).href;
  var state = {manifest: null, shards: {}, texts: {}};
  var waiting = {};
  var arrived = {};   // files whose data is in (the page's own deferred docs.js and fold.js)

  function load(name, version) {
    if (arrived[name]) return Promise.resolve();
    if (waiting[name]) return waiting[name];
    waiting[name] = new Promise(function (resolve, reject) {
      var el = document.createElement('script');
      el.src = base + name + (version ? '?v=' + version : '');
      el.onload = function () { resolve(); };
      el.onerror = function () { delete waiting[name]; reject(new Error(name)); };
      document.head.appendChild(el);
    });
    return waiting[name];
  }

  root.__cbcSearch = {
    docs: function (manifest) { state.manifest = manifest; arrived['docs.js'] = true; },
    fold: function (pairs, sounds) { setFold(pairs, sounds); arrived['fold.js'] = true; },
    shard: function (n, data) { state.shards[n] = data; },
    text: function (n, first, lines, rows) {
      rows.forEach(function (r, i) {
        var refs = r[2] ? r[2].split(',') : [];
        state.texts[first + i] = {url: r[0], title: r[1],
          body: refs.map(function (x) { return lines[parseInt(x, 36)]; }).join('\n')};
      });
    }
  };

  function loadBasics() {
    // docs.js names the version; fold.js must be in before a query is read.
    return load('docs.js').then(function () { return load('fold.js', state.manifest.version); });
  }

  function loadKeys(keys) {
    var m = state.manifest, need = {};
    keys.forEach(function (k) { need[shardOf(k.key, m.shards)] = true; });
    return Promise.all(Object.keys(need).map(function (n) { return load('index-' + n + '.js', m.version); }));
  }

  function lookup(table, key) {
    var s = state.shards[shardOf(key, state.manifest.shards)];
    return s && s[table][key];
  }

  function search(q) {
    var parsed;
    return loadBasics().then(function () {
      parsed = parseQuery(q, state.manifest);
      return loadKeys(variantKeys(parsed.terms));
    }).then(function () {
      parsed.corrected = corrections(parsed, lookup, state.manifest);
      return loadKeys(variantKeys(parsed.terms));
    }).then(function () {
      var ranked = rank(parsed, lookup, state.manifest);
      return {parsed: parsed, terms: parsed.terms, hits: ranked.hits, partial: ranked.partial};
    });
  }

  /** Load the text shards of `docs`; `each` runs as each shard arrives (results are shown as
   *  soon as their own text is in, not when the slowest shard is). */
  function loadTexts(docs, each) {
    var m = state.manifest, need = {};
    docs.forEach(function (d) { if (state.texts[d] === undefined) need[m.docs[d][6]] = true; });
    return Promise.all(Object.keys(need).map(function (n) {
      return load('text-' + n + '.js', m.version).then(each);
    }));
  }

  // ------------------------------------------------------------------ page
  var PAGE_SIZE = 20;
  var form = document.getElementById('search-form');
  if (!form) return;
  var input = document.getElementById('search-q');
  var secSelect = document.getElementById('search-sec');
  var townSelect = document.getElementById('search-town');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');
  var current = null, shown = 0, run = 0;

  function marked(parent, text, spans) {
    var at = 0;
    spans.forEach(function (s) {
      if (s[0] > at) parent.appendChild(document.createTextNode(text.slice(at, s[0])));
      var mark = document.createElement('mark');
      mark.textContent = text.slice(s[0], s[1]);
      parent.appendChild(mark);
      at = s[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  function setOptions(select, labels, counts, allLabel) {
    var value = select.value || select.getAttribute('data-initial') || '';
    while (select.options.length) select.remove(0);
    select.add(new Option(allLabel, ''));
    labels.forEach(function (label, i) {
      var n = counts ? counts[i] || 0 : null;
      var opt = new Option(n === null ? label : label + '（' + n + '）', label);
      select.add(opt);
    });
    select.value = labels.indexOf(value) >= 0 ? value : '';
  }

  function filtered() {
    var m = state.manifest, sec = secSelect.value, town = townSelect.value;
    var si = m.sections.indexOf(sec), ti = m.towns.indexOf(town);
    return current.hits.filter(function (h) {
      var row = m.docs[h.doc];
      return (!sec || row[1] === si) && (!town || row[2].indexOf(ti) >= 0);
    });
  }

  function renderItem(hit) {
    var m = state.manifest, row = m.docs[hit.doc], text = state.texts[hit.doc];
    var li = document.createElement('li');
    if (hit.partial) li.className = 'search-partial';
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = new URL(text.url, siteRoot).href;
    marked(a, row[0], highlights(row[0], current.terms, hit.partial));
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'search-meta';
    if (hit.partial) {
      var label = document.createElement('span');
      label.className = 'search-partial-label';
      label.textContent = '部分匹配';
      meta.appendChild(label);
      meta.appendChild(document.createTextNode(' '));
    }
    var bits = [];
    if (row[1] >= 0) bits.push(m.sections[row[1]]);
    if (row[2].length) bits.push(row[2].map(function (t) { return m.towns[t]; }).join('、'));
    if (row[3]) bits.push(row[3]);
    meta.appendChild(document.createTextNode(bits.join(' · ')));
    li.appendChild(meta);
    var snip = snippet(text.body || '', current.terms, 90, hit.partial);
    var p = document.createElement('p');
    p.className = 'search-snippet';
    marked(p, snip.text, snip.spans);
    li.appendChild(p);
    return li;
  }

  function describe(hits, append) {
    var q = '“' + input.value.trim() + '”';
    var scope = [secSelect.value, townSelect.value].filter(Boolean).join('、');
    var partial = hits.filter(function (h) { return h.partial; }).length, whole = hits.length - partial;
    var fixed = current.parsed.corrected.map(function (c) { return '“' + c.to + '”'; }).join('、');
    var out = fixed ? '没有找到' + q + '，已按' + fixed + '搜索：' : '';
    if (!hits.length) {
      out = '没有找到与' + q + '相关的内容' + (scope ? '（已限定' + scope + '）' : '') + '。';
    } else if (whole) {
      out += (fixed ? '' : q) + (scope ? '在' + scope + '中' : '') + '共找到 ' + whole + ' 条结果' +
        (partial ? '，另有 ' + partial + ' 条部分匹配' : '') + (append ? '，已显示 ' + shown + ' 条' : '') + '。';
    } else {
      out += '没有完全匹配' + q + '的内容' + (scope ? '（已限定' + scope + '）' : '') + '，以下 ' + partial +
        ' 条为部分匹配' + (append ? '，已显示 ' + shown + ' 条' : '') + '。';
    }
    var dropped = current.parsed.dropped;
    if (hits.length && dropped.length) out += '搜索时略去了“' + dropped.join('”“') + '”。';
    return out;
  }

  function show(append) {
    var hits = filtered();
    var from = append ? shown : 0;
    var page = hits.slice(from, from + PAGE_SIZE);
    var mine = run, done = 0;
    if (!append) { list.textContent = ''; shown = 0; }
    more.hidden = true;  // until this page is in: a second click must not append it twice
    function renderReady() {
      if (mine !== run) return;
      // In order: the results up to the first whose text has not arrived yet.
      while (done < page.length && state.texts[page[done].doc] !== undefined) {
        list.appendChild(renderItem(page[done]));
        if (!done && !append) mark('cbc-search-first');
        done++;
      }
      list.hidden = from + done === 0;
    }
    return loadTexts(page.map(function (h) { return h.doc; }), renderReady).then(function () {
      if (mine !== run) return;
      renderReady();
      shown = from + page.length;
      more.hidden = shown >= hits.length;
      status.textContent = describe(hits, append);
    });
  }

  function facets() {
    var m = state.manifest, secs = [], towns = [];
    current.hits.forEach(function (h) {
      var row = m.docs[h.doc];
      if (row[1] >= 0) secs[row[1]] = (secs[row[1]] || 0) + 1;
      row[2].forEach(function (t) { towns[t] = (towns[t] || 0) + 1; });
    });
    setOptions(secSelect, m.sections, secs, '全部栏目');
    setOptions(townSelect, m.towns, towns, '全部镇街');
  }

  /** A performance mark, read by bench/search_bench.py to time a search in the browser. */
  function mark(name) {
    if (root.performance && performance.mark) performance.mark(name);
  }

  function updateUrl() {
    var params = new URLSearchParams();
    params.set('q', input.value.trim());
    if (secSelect.value) params.set('sec', secSelect.value);
    if (townSelect.value) params.set('town', townSelect.value);
    try { history.replaceState(null, '', '?' + params.toString()); } catch (e) { /* file:// may refuse */ }
  }

  var FAILED = '搜索索引加载失败：请确认 static/search/ 文件夹完整，然后刷新页面。';

  function go() {
    var q = input.value.trim();
    run++;
    var mine = run;
    if (!queryTerms(q).length) {
      current = null;
      list.textContent = '';
      list.hidden = more.hidden = true;
      status.textContent = q ? '请输入汉字、字母或数字。' : '请输入要搜索的词语。';
      return Promise.resolve();
    }
    status.textContent = '正在搜索…';
    mark('cbc-search-start');
    return search(q).then(function (result) {
      if (mine !== run) return;
      current = result;
      facets();
      return show(false).then(function () { mark('cbc-search-done'); });
    }).catch(function () {
      status.textContent = FAILED;
    });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); updateUrl(); go(); });
  [secSelect, townSelect].forEach(function (sel) {
    sel.addEventListener('change', function () { if (current) { updateUrl(); run++; show(false); } });
  });
  more.addEventListener('click', function () { show(true); });

  var params = new URLSearchParams(location.search);
  input.value = params.get('q') || '';
  secSelect.setAttribute('data-initial', params.get('sec') || '');
  townSelect.setAttribute('data-initial', params.get('town') || '');
  function start() {
    if (input.value.trim()) {
      go();
    } else {
      loadBasics().then(function () {
        if (current) return;
        setOptions(secSelect, state.manifest.sections, null, '全部栏目');
        setOptions(townSelect, state.manifest.towns, null, '全部镇街');
      }, function () { status.textContent = FAILED; });
    }
  }
  // The page's deferred docs.js and fold.js run after this (deferred) script, all before
  // DOMContentLoaded: start then, not now (readyState is already "interactive" here).
  if (document.readyState === 'complete') start();
  else document.addEventListener('DOMContentLoaded', start);
})(typeof window !== 'undefined' ? window : this);
