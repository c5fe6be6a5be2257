/*
 * newsarchive query parser: newsarchive/search/query.py line for line, so the browser builds
 * the same query tree as `newsarchive search` (and the tree decides the order in which Whoosh
 * adds up scores).
 *
 * Query language:
 *   words are ANDed; `a OR b` matches either (OR binds tighter than the implicit AND);
 *   `-word` / `-"a phrase"` excludes; `"quoted phrase"` needs the words at the same distances
 *   as in the query, stop-word gaps included (analyzer.js); `word*` completes a prefix of at least
 *   `prefixMin` characters. With {prefix: true} the last bare word is treated as `word*` unless
 *   the query ends in a space (the CLI has no such mode; `word*` is the same query there).
 *   Every chunk goes through the index analyzer; a chunk yielding several tokens ("e-mail",
 *   "U.S.-based") requires all of them; stop words and punctuation vanish.
 *
 * The rules (`prefixMin`, and `spaces`: the characters Python's str.isspace() accepts, which
 * query.py's scanner splits on) come from the manifest's `query` entry.
 *
 * API (global NewsarchiveQuery; module.exports in Node):
 *   scan(text, rules) -> [{kind: "word"|"phrase"|"or", text, neg, star}]
 *   parse(text, {prefix}, rules, analyzer) -> {groups: [[item]], exclude: [item], words}
 *       item: {type: "all"|"phrase"|"prefix", words, stem?, offsets?}; "all" needs every word,
 *       "phrase" needs word k at offsets[k] after the first, "prefix" holds the raw lower-cased
 *       prefix (and its own stem).
 *       Groups are ANDed, items inside a group ORed. `analyzer` is NewsarchiveAnalyzer.create().
 */
(function (root) {
  "use strict";

  function spaceTest(rules) {
    return function (ch) {
      return ch !== "" && rules.spaces.indexOf(ch) >= 0;
    };
  }

  /** Split the raw query into chunks (query.py `scan`). */
  function scan(q, rules) {
    var isSpace = spaceTest(rules);
    var out = [];
    var i = 0;
    var n = q.length;
    while (i < n) {
      var ch = q.charAt(i);
      if (isSpace(ch)) {
        i++;
        continue;
      }
      var neg = false;
      if (ch === "-" && i + 1 < n && !isSpace(q.charAt(i + 1))) {
        neg = true;
        i++;
        ch = q.charAt(i);
      }
      if (ch === '"') {
        var end = q.indexOf('"', i + 1);
        if (end < 0) end = n;
        out.push({ kind: "phrase", text: q.slice(i + 1, end), neg: neg, star: false });
        i = end + 1;
        continue;
      }
      var j = i;
      while (j < n && !isSpace(q.charAt(j)) && q.charAt(j) !== '"') j++;
      var text = q.slice(i, j);
      i = j;
      if (!neg && text === "OR") {
        out.push({ kind: "or", text: text, neg: false, star: false });
        continue;
      }
      var star = false;
      if (text.length > 1 && text.charAt(text.length - 1) === "*") {
        star = true;
        text = text.replace(/\*+$/, "");
      }
      out.push({ kind: "word", text: text, neg: neg, star: star });
    }
    return out;
  }

  function itemKey(item) {
    var key = item.type + ":" + item.words.join(" ");
    if (item.offsets) key += "@" + item.offsets.join(",");
    return key;
  }

  /** query.py `_WORDLIKE`: every code point is one Python's re counts as \w. */
  function wordlike(raw, analyzer) {
    var cps = Array.from(raw);
    if (!cps.length) return false;
    return cps.every(function (ch) {
      return analyzer.isWordCodePoint(ch.codePointAt(0));
    });
  }

  /** Parse a query into AND-ed groups of OR-ed items (query.py `parse`). */
  function parse(q, options, rules, analyzer) {
    var isSpace = spaceTest(rules);
    var prefixMode = !!(options && options.prefix);
    var chunks = scan(q || "", rules);
    // In prefix mode the last chunk is completed when the query does not end in a space.
    var lastIdx = -1;
    if (prefixMode && q && !isSpace(q.charAt(q.length - 1))) {
      for (var k = chunks.length - 1; k >= 0; k--) {
        if (chunks[k].kind !== "or") {
          lastIdx = k;
          break;
        }
      }
      if (lastIdx >= 0 && (chunks[lastIdx].kind !== "word" || chunks[lastIdx].neg)) lastIdx = -1;
    }
    var groups = [];
    var exclude = [];
    var words = [];
    var pendingOr = false;
    var seenGroup = Object.create(null);
    var seenEx = {};
    var current = null;
    for (var c = 0; c < chunks.length; c++) {
      var ch = chunks[c];
      if (ch.kind === "or") {
        pendingOr = current !== null;
        continue;
      }
      var item = null;
      if (ch.kind === "word" && (ch.star || c === lastIdx)) {
        var raw = analyzer.lower(ch.text);
        var stemmed = analyzer.terms(ch.text);
        if (Array.from(raw).length >= rules.prefixMin && wordlike(raw, analyzer)) {
          item = { type: "prefix", words: [raw], stem: stemmed.length === 1 ? stemmed[0] : null };
        } else if (stemmed.length) {
          item = { type: "all", words: stemmed };
        }
      } else {
        var toks = analyzer.analyze(ch.text);
        if (toks.length) {
          var tw = toks.map(function (t) { return t.text; });
          if (ch.kind === "phrase" && toks.length > 1) {
            var first = toks[0].pos;
            item = { type: "phrase", words: tw, offsets: toks.map(function (t) {
              return t.pos - first;
            }) };
          } else {
            item = { type: "all", words: tw };
          }
        }
      }
      if (ch.text) words.push(ch.text);
      if (!item) {
        pendingOr = pendingOr && current !== null;
        continue;
      }
      if (item.type === "all") {
        // duplicate words inside one chunk collapse, like Whoosh's normalize()
        var uniq = [];
        item.words.forEach(function (w) {
          if (uniq.indexOf(w) < 0) uniq.push(w);
        });
        item.words = uniq;
      }
      if (ch.neg) {
        var ek = itemKey(item);
        if (!seenEx[ek]) {
          seenEx[ek] = true;
          exclude.push(item);
        }
        pendingOr = false;
        continue;
      }
      if (pendingOr && current) {
        if (current.keys.indexOf(itemKey(item)) < 0) {
          current.items.push(item);
          current.keys.push(itemKey(item));
        }
      } else {
        current = { items: [item], keys: [itemKey(item)] };
        groups.push(current);
      }
      pendingOr = false;
    }
    var outGroups = [];
    groups.forEach(function (g) {
      var key = g.keys.join("|");
      if (!seenGroup[key]) {
        seenGroup[key] = true;
        outGroups.push(g.items);
      }
    });
    return { groups: outGroups, exclude: exclude, words: words };
  }

  var api = { scan: scan, parse: parse };

  root.NewsarchiveQuery = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : this);
