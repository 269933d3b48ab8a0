/* 站内搜索（site search）— issue 6.
 *
 * Works when the site is served over http and when it is opened from disk (file://): the
 * index is a set of scripts that call window.__cbcSearch (no fetch, no XHR). A query loads
 * docs.js, then only the index shards its keys hash to, then the page texts of the
 * results it shows. Everything the user typed reaches the page as DOM text nodes only.
 *
 * The tokenizer below must stay identical to builder/search/tokens.py (tests compare them).
 */
(function (root) {
  'use strict';

  // ------------------------------------------------------------------ tokens (= tokens.py)
  var HARD_BREAKS = ',;:?!\u3002\u3001\u2026\uff61';
  var ASCII_SPACE = ' \t\n\r\f\v';
  var foldCache = new Map();

  function isAscii(s) { return /^[\x00-\x7f]*$/.test(s); }

  function fold(ch) {
    var out = foldCache.get(ch);
    if (out === undefined) {
      out = ch.normalize('NFKC');
      if (isAscii(out)) out = out.toLowerCase();
      foldCache.set(ch, out);
    }
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

  /** A query as segments of unit texts. */
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

  /** A looser reading of a query: each segment split where Latin/digits meet Chinese, so
   *  "C3查生产设备" still finds a table whose "C3" and "查生产设备" sit in two cells. */
  function relaxed(terms) {
    var out = [];
    terms.forEach(function (seg) {
      var part = [];
      seg.forEach(function (u, i) {
        if (i > 0 && isAscii(u) !== isAscii(seg[i - 1])) { out.push(part); part = []; }
        part.push(u);
      });
      out.push(part);
    });
    return out;
  }

  /** The keys a segment needs: one unigram, or its bigrams. */
  function keysOf(seg) {
    if (seg.length === 1) return [{table: 'u', key: seg[0]}];
    var keys = [];
    for (var i = 0; i + 1 < seg.length; i++) keys.push({table: 'b', key: joinKey(seg[i], seg[i + 1])});
    return keys;
  }

  // ------------------------------------------------------------------ postings (= encode.py)
  function decode(str, positional) {
    var docs = new Map();
    if (!str) return docs;
    var doc = 0;
    str.split(';').forEach(function (part) {
      var nums = part.split(',').map(function (n) { return parseInt(n, 36); });
      doc += nums[0];
      if (!positional) { docs.set(doc, nums[1]); return; }
      var values = new Map(), last = 0;
      for (var j = 1; j < nums.length; j++) {
        last += nums[j];
        values.set(last >> 2, last & 3);   // position -> edge bits
      }
      docs.set(doc, values);
    });
    return docs;
  }

  /** Matches of one segment: Map doc -> {count, whole, title, titleWhole, head}.
   *  Positions number the title first, then the section headings, then the body. */
  function matchSegment(seg, lookup, titleLengths, headLengths) {
    var keys = keysOf(seg);
    var result = new Map();
    if (keys[0].table === 'u') {
      decode(lookup('u', keys[0].key), false).forEach(function (v, doc) {
        var latin = isAscii(seg[0]);
        result.set(doc, {count: v >> 1, whole: latin ? v >> 1 : 0, title: v & 1, titleWhole: latin ? v & 1 : 0,
          head: 0});
      });
      return result;
    }
    var lists = keys.map(function (k) { return decode(lookup('b', k.key), true); });
    var n = seg.length;
    lists[0].forEach(function (firsts, doc) {
      for (var k = 1; k < lists.length; k++) if (!lists[k].has(doc)) return;
      var m = {count: 0, whole: 0, title: 0, titleWhole: 0, head: 0};
      var t = titleLengths[doc], h = t + headLengths[doc];
      firsts.forEach(function (bits, p) {
        for (var k = 1; k < lists.length; k++) if (!lists[k].get(doc).has(p + k)) return;
        var lastBits = lists[lists.length - 1].get(doc).get(p + n - 2);
        var whole = (bits & 1) && (lastBits & 2) ? 1 : 0;
        var inTitle = p + n - 1 < t ? 1 : 0;
        var inHead = !inTitle && p >= t && p + n - 1 < h ? 1 : 0;
        m.count++; m.whole += whole; m.title += inTitle; m.titleWhole += inTitle && whole; m.head += inHead;
      });
      if (m.count) result.set(doc, m);
    });
    return result;
  }

  /** Rank the documents that match every segment: title first, whole terms before parts. */
  function rank(terms, lookup, manifest) {
    var titleLengths = manifest.docs.map(function (d) { return d[5]; });
    var headLengths = manifest.docs.map(function (d) { return d[7] || 0; });
    var perSeg = terms.map(function (seg) { return matchSegment(seg, lookup, titleLengths, headLengths); });
    if (!perSeg.length) return [];
    var squashed = terms.map(function (s) { return s.join(''); }).join('');
    var hits = [];
    perSeg[0].forEach(function (_, doc) {
      var ms = perSeg.map(function (m) { return m.get(doc); });
      if (ms.some(function (m) { return !m; })) return;
      var row = manifest.docs[doc];
      var titleSquashed = units(row[1]).map(function (u) { return u.text; }).join('');
      var tier;
      if (titleSquashed === squashed) tier = 0;
      else if (ms.every(function (m) { return m.titleWhole; })) tier = 1;
      else if (ms.every(function (m) { return m.title; })) tier = 2;
      else if (ms.every(function (m) { return m.head || m.title; })) tier = 3;
      else if (ms.every(function (m) { return m.whole; })) tier = 4;
      else tier = 5;
      var whole = 0, count = 0;
      ms.forEach(function (m) { whole += m.whole; count += m.count; });
      // Among title matches, the title the query covers most: 隐患排查治理 before a long
      // regulation title that contains 隐患排查.
      var cover = tier <= 2 ? Math.round(100 * squashed.length / titleSquashed.length) : 0;
      hits.push({doc: doc, tier: tier, cover: cover, whole: whole, count: count, date: row[4], url: row[0]});
    });
    hits.sort(function (a, b) {
      return a.tier - b.tier || b.cover - a.cover || b.whole - a.whole || b.count - a.count ||
        (a.date < b.date ? 1 : a.date > b.date ? -1 : 0) || (a.url < b.url ? -1 : 1);
    });
    return hits;
  }

  /** Character spans of every match of the query's segments in `text`, merged. */
  function highlights(text, terms) {
    var stream = units(text), spans = [];
    terms.forEach(function (seg) {
      for (var i = 0; i + seg.length <= stream.length; i++) {
        var ok = true;
        for (var k = 0; k < seg.length && ok; k++) {
          if (stream[i + k].text !== seg[k] || (k > 0 && stream[i + k].seg)) ok = false;
        }
        if (ok) spans.push([stream[i].start, stream[i + seg.length - 1].end]);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    });
    return merged;
  }

  /** A window of `text` around the first match, with spans relative to it. */
  function snippet(text, terms, width) {
    var flat = text.replace(/\n/g, ' ');
    var spans = highlights(text, terms);
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

  var core = {units: units, queryTerms: queryTerms, relaxed: relaxed, shardOf: shardOf, keysOf: keysOf, joinKey: joinKey,
    decode: decode, rank: rank, highlights: highlights, snippet: snippet};

  if (typeof module !== 'undefined' && module.exports) { module.exports = core; return; }

  // ------------------------------------------------------------------ loading (JSONP)
  var script = document.currentScript;
  var base = script.src.replace(/[^/]*([?#].*)?$/, '');
  var siteRoot = new URL('../../', base).href;
  var state = {manifest: null, shards: {}, texts: {}};
  var waiting = {};

  function load(name, version) {
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
    docs: function (manifest) { state.manifest = manifest; },
    shard: function (n, data) { state.shards[n] = data; },
    text: function (n, first, bodies) { bodies.forEach(function (b, i) { state.texts[first + i] = b; }); }
  };

  function searchTerms(terms) {
    return load('docs.js').then(function () {
      var m = state.manifest, need = {};
      terms.forEach(function (seg) {
        keysOf(seg).forEach(function (k) { need[shardOf(k.key, m.shards)] = true; });
      });
      return Promise.all(Object.keys(need).map(function (n) { return load('index-' + n + '.js', m.version); }));
    }).then(function () {
      var m = state.manifest;
      function lookup(table, key) { var s = state.shards[shardOf(key, m.shards)]; return s && s[table][key]; }
      return {terms: terms, hits: rank(terms, lookup, m)};
    });
  }

  function search(q) {
    var terms = queryTerms(q), loose = relaxed(terms);
    return searchTerms(terms).then(function (result) {
      if (result.hits.length || loose.length === terms.length) return result;
      return searchTerms(loose);
    });
  }

  function loadTexts(docs) {
    var m = state.manifest, need = {};
    docs.forEach(function (d) { if (state.texts[d] === undefined) need[m.docs[d][6]] = true; });
    return Promise.all(Object.keys(need).map(function (n) { return load('text-' + n + '.js', m.version); }));
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
      return (!sec || row[2] === si) && (!town || row[3].indexOf(ti) >= 0);
    });
  }

  function renderItem(hit) {
    var m = state.manifest, row = m.docs[hit.doc];
    var li = document.createElement('li');
    var h = document.createElement('h2');
    var a = document.createElement('a');
    a.href = new URL(row[0], siteRoot).href;
    marked(a, row[1], highlights(row[1], current.terms));
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement('p');
    meta.className = 'search-meta';
    var bits = [];
    if (row[2] >= 0) bits.push(m.sections[row[2]]);
    if (row[3].length) bits.push(row[3].map(function (t) { return m.towns[t]; }).join('、'));
    if (row[4]) bits.push(row[4]);
    meta.textContent = bits.join(' · ');
    li.appendChild(meta);
    var snip = snippet(state.texts[hit.doc] || '', current.terms, 90);
    var p = document.createElement('p');
    p.className = 'search-snippet';
    marked(p, snip.text, snip.spans);
    li.appendChild(p);
    return li;
  }

  function show(append) {
    var hits = filtered();
    var from = append ? shown : 0;
    var page = hits.slice(from, from + PAGE_SIZE);
    var mine = run;
    return loadTexts(page.map(function (h) { return h.doc; })).then(function () {
      if (mine !== run) return;
      if (!append) list.textContent = '';
      page.forEach(function (h) { list.appendChild(renderItem(h)); });
      shown = from + page.length;
      list.hidden = shown === 0;
      more.hidden = shown >= hits.length;
      var q = '“' + input.value.trim() + '”';
      var scope = [secSelect.value, townSelect.value].filter(Boolean).join('、');
      status.textContent = hits.length
        ? q + (scope ? '在' + scope + '中' : '') + '共找到 ' + hits.length + ' 条结果' +
          (append ? '，已显示 ' + shown + ' 条' : '')
        : '没有找到与' + q + '相关的内容' + (scope ? '（已限定' + scope + '）' : '') + '。';
    });
  }

  function facets() {
    var m = state.manifest, secs = [], towns = [];
    current.hits.forEach(function (h) {
      var row = m.docs[h.doc];
      if (row[2] >= 0) secs[row[2]] = (secs[row[2]] || 0) + 1;
      row[3].forEach(function (t) { towns[t] = (towns[t] || 0) + 1; });
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
      status.textContent = '搜索索引加载失败：请确认 static/search/ 文件夹完整，然后刷新页面。';
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
  load('docs.js').then(function () {
    setOptions(secSelect, state.manifest.sections, null, '全部栏目');
    setOptions(townSelect, state.manifest.towns, null, '全部镇街');
    if (input.value.trim()) go();
  }, function () {
    status.textContent = '搜索索引加载失败：请确认 static/search/ 文件夹完整，然后刷新页面。';
  });
})(typeof window !== 'undefined' ? window : this);
