/*
 * newsarchive search core: loads the exported Whoosh index shards and ranks exactly like
 * `newsarchive search` (Whoosh BM25F, same query language, ties by document number).
 *
 * Public API (everything hangs off the global `NewsarchiveSearch`; in Node it is also
 * `module.exports`):
 *
 *   NewsarchiveSearch.open(baseUrl, [options]) -> Engine
 *       baseUrl: the URL of the exported `search/` folder, relative to the page or absolute,
 *       e.g. "search/" from search.html. Works from file:// and http(s)://. Shards are classic
 *       scripts added as <script src> tags; nothing uses fetch, XHR, modules or workers.
 *       options.loader: function(name, url) -> Promise (used by the Node shim; browsers omit it).
 *
 *   NewsarchiveSearch.openNode(dir) -> Engine        (Node only: reads the shard files with fs)
 *
 *   engine.ready() -> Promise<Manifest>               loads only the small manifest shard.
 *
 *   engine.search(query, [options]) -> Promise<Result>
 *       options: {limit = 10, offset = 0,
 *                 filters: {entity: ["people/ines-varga-holt", ...],   // entity keys, ANDed
 *                           provider: ["Coastline Ledger (CL)", ...],  // ORed
 *                           year: ["2024", ...]},                      // ORed ("undated" ok)
 *                 prefix: false,   // true while typing: the last bare word is completed
 *                 facets: false}   // true: also count facet values over all matches
 *       Result: {query, total, hits: [{rank, docnum, id, title, url, date, provider, summary,
 *                score}], terms: [stems to highlight], prefixes: [lower-cased prefixes
 *                being completed: highlight words starting with them], words: [chunks as typed],
 *                facets?: {entity: [{key, name, type, url, count}],
 *                          provider: [{value, count}], year: [{value, count}]},
 *                empty: "" | "stopwords" | "nothing"}
 *       Filters restrict the matches without changing scores (Whoosh's `filter=`).
 *       `url` is relative to the site root ("articles/2024/03/x.html").
 *
 *   engine.suggest(prefix, [{limit = 8}]) -> Promise<[{name, type, url, count}]>
 *       entity names having a word that starts with `prefix` (accents folded, case-less),
 *       most articles first.
 *
 *   engine.facets(docnums) -> Promise<Facets>   facet counts over the given document numbers.
 *
 *   engine.loadedShards() -> [{name, bytes}]    every shard loaded so far, in load order;
 *       name is the file path under search/ ("manifest.js", "t/12.js"), bytes its exact size.
 *
 *   NewsarchiveSearch.parse(query, [{prefix}]) -> {groups, exclude, words}
 *       the parsed query (for the UI: which words are terms, excluded, phrases).
 *
 *   NewsarchiveSearch.load(name, data, bytes)   the global loader every shard script calls.
 *
 * Query language (identical in newsarchive/search/query.py):
 *   words are ANDed; `a OR b` matches either (OR binds tighter than the implicit AND);
 *   `-word` / `-"a phrase"` excludes; `"quoted phrase"` needs the words adjacent (stop words
 *   inside are skipped, as in Whoosh's phrase queries); `word*` (2+ characters) completes a
 *   prefix: the PREFIX_EXPANSIONS (16) index terms starting with it that are in most articles
 *   (ties alphabetical), plus the word's own stem when indexed, ORed as words. With
 *   {prefix: true} the last bare word is treated as `word*` unless the query ends in a
 *   space (the CLI has no such mode; `word*` is the same query there). Every chunk goes through the
 *   same analyzer as the index (NewsarchivePorter.analyze); a chunk yielding several tokens
 *   ("e-mail", "U.S.-based") requires all of them; stop words and punctuation vanish; a query
 *   with nothing left matches nothing.
 *
 * Scoring (Whoosh 2.7 BM25F, reproduced bit for bit): per field and term
 *   idf * tf*(K1+1) / (tf + K1*((1-B) + B*fl/avgfl)),  K1 = 1.2, B = 0.75,
 *   idf = ln(N/(df+1)) + 1, tf = frequency * field boost (Whoosh applies field boosts to the
 *   posting weight at index time), fl = the byte-quantised field length read back through
 *   Whoosh's length table, avgfl = total field length / N. A word is an OR over the fields
 *   title/body/entities; ORs and ANDs add their children's scores in Whoosh's matcher-tree
 *   order; exclusions and filters remove documents without changing scores. Results are
 *   ordered by the score rounded to 1e-9 (``newsarchive.search.searcher.score_key``: Whoosh adds
 *   in each index segment's own order, which can move a sum by a unit in the last place), and
 *   ties go to the lower document number.
 */
(function (root) {
  "use strict";

  var K1 = 1.2;
  var B = 0.75;
  var PREFIX_EXPANSIONS = 16;
  var PREFIX_MIN = 2;
  var SCORE_SCALE = 1e9;

  /** The score in 1e-9 units, the value results are ordered by (Python's ``score_key``). */
  function scoreKey(score) {
    return Math.floor(score * SCORE_SCALE + 0.5);
  }

  var Porter = root.NewsarchivePorter;
  if (!Porter && typeof require === "function") {
    try {
      Porter = require("./porter.js");
    } catch (err) {
      Porter = null;
    }
  }

  function analyzer() {
    if (!Porter) Porter = root.NewsarchivePorter;
    if (!Porter) throw new Error("porter.js must be loaded before search-core.js");
    return Porter;
  }

  /* ---------------------------------------------------------------- decoding helpers */

  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var B64INV = {};
  for (var bi = 0; bi < B64.length; bi++) B64INV[B64.charAt(bi)] = bi;

  /** Decode standard base64 (no padding needed) into an array of byte values. */
  function b64bytes(s) {
    var out = [];
    var buf = 0;
    var bits = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === "=") break;
      buf = (buf << 6) | B64INV[c];
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out.push((buf >> bits) & 255);
      }
    }
    return out;
  }

  /** Decode a base64 string of LEB128 varints into an array of numbers. */
  function varints(s) {
    var bytes = b64bytes(s);
    var out = [];
    var n = 0;
    var shift = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      n += (b & 127) * Math.pow(2, shift);
      if (b & 128) {
        shift += 7;
      } else {
        out.push(n);
        n = 0;
        shift = 0;
      }
    }
    return out;
  }

  function utf8(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else
        out.push(
          0xf0 | (c >> 18),
          0x80 | ((c >> 12) & 63),
          0x80 | ((c >> 6) & 63),
          0x80 | (c & 63)
        );
    }
    return out;
  }

  /** FNV-1a 32-bit over UTF-8: the shard a term lives in (same function in export.py). */
  function fnv1a(s) {
    var h = 0x811c9dc5;
    var bytes = utf8(s);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function codepoints(s) {
    return Array.from(s);
  }

  /** Lower-case, accents folded: the key entity suggestions are matched on. */
  function foldKey(s) {
    return s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase();
  }

  /* ---------------------------------------------------------------- query parsing */

  /** Python's str.isspace(), which query.py's scanner uses (JS's \s differs at the edges). */
  var PY_SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;
  function isSpace(ch) {
    return PY_SPACE.test(ch);
  }

  /**
   * Split the raw query into chunks: {kind: "word"|"phrase"|"or", text, neg, star}.
   * The same scanner lives in query.py (`scan`).
   */
  function scan(q) {
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

  function tokensOf(text) {
    return analyzer()
      .analyze(text)
      .map(function (t) {
        return t.text;
      });
  }

  function itemKey(item) {
    return item.type + ":" + item.words.join(" ");
  }

  /**
   * Parse a query into {groups: [[item, ...], ...], exclude: [item, ...], words, prefixItem}.
   * An item is {type: "all"|"phrase"|"prefix", words: [...]}: "all" needs every word
   * (a single word is the common case), "phrase" needs them adjacent, "prefix" is a raw
   * lower-cased prefix to complete. Groups are ANDed, items inside a group ORed.
   */
  function parse(q, options) {
    var prefixMode = !!(options && options.prefix);
    var chunks = scan(q || "");
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
    var seenGroup = {};
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
        var raw = ch.text.toLowerCase();
        var stemmed = tokensOf(ch.text);
        if (codepoints(raw).length >= PREFIX_MIN && /^[\p{L}\p{N}_]+$/u.test(raw)) {
          item = { type: "prefix", words: [raw], stem: stemmed.length === 1 ? stemmed[0] : null };
        } else if (stemmed.length) {
          item = { type: "all", words: stemmed };
        }
      } else {
        var toks = tokensOf(ch.text);
        if (toks.length) item = { type: ch.kind === "phrase" && toks.length > 1 ? "phrase" : "all", words: toks };
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
      var key = g.keys.slice().join("|");
      if (!seenGroup[key]) {
        seenGroup[key] = true;
        outGroups.push(g.items);
      }
    });
    return { groups: outGroups, exclude: exclude, words: words };
  }

  /* ---------------------------------------------------------------- the engine */

  var loaded = {};

  /** Global loader: every shard script is `NewsarchiveSearch.load(name, data, bytes);`. */
  function load(name, data, bytes) {
    loaded[name] = { data: data, bytes: bytes || 0 };
  }

  function scriptLoader(name, url) {
    return new Promise(function (resolve, reject) {
      var doc = root.document;
      var el = doc.createElement("script");
      el.src = url;
      el.async = true;
      el.onload = function () {
        if (el.parentNode) el.parentNode.removeChild(el);
        resolve();
      };
      el.onerror = function () {
        reject(new Error("search shard " + name + " failed to load (" + url + ")"));
      };
      (doc.head || doc.documentElement).appendChild(el);
    });
  }

  function Engine(baseUrl, options) {
    if (baseUrl && baseUrl.charAt(baseUrl.length - 1) !== "/") baseUrl += "/";
    this.base = baseUrl || "";
    this.loader = (options && options.loader) || scriptLoader;
    this.order = [];
    this.cache = {};
    this.store = {};
    this.decoded = {};
    this.manifestPromise = null;
  }

  /** Load one shard (once per engine) and remember its data and byte size. */
  Engine.prototype.shard = function (name) {
    var self = this;
    if (self.cache[name]) return self.cache[name];
    var p = self.loader(name, self.base + name + ".js").then(function () {
      var entry = loaded[name];
      if (!entry) throw new Error("search shard " + name + " did not register");
      delete loaded[name];
      self.store[name] = entry.data;
      self.order.push({ name: name + ".js", bytes: entry.bytes });
      return entry.data;
    });
    self.cache[name] = p;
    p.catch(function () {
      delete self.cache[name];
    });
    return p;
  };

  Engine.prototype.ready = function () {
    var self = this;
    if (!self.manifestPromise) {
      self.manifestPromise = self.shard("manifest").then(function (m) {
        self.manifest = m;
        self.avgfl = m.fieldLength.map(function (total) {
          return total / (m.N || 1) || 1;
        });
        return m;
      });
    }
    return self.manifestPromise;
  };

  Engine.prototype.loadedShards = function () {
    return this.order.slice();
  };

  /** Postings of `term`: [{doc -> [freq, flbyte]} per field] plus doc order, decoded once. */
  Engine.prototype.postings = function (term) {
    var self = this;
    var m = self.manifest;
    var name = "t/" + (fnv1a(term) % m.termShards);
    return self.shard(name).then(function (data) {
      var key = name + "\u0000" + term;
      if (self.decoded[key]) return self.decoded[key];
      var entry = Object.prototype.hasOwnProperty.call(data, term) ? data[term] : null;
      var fields = m.fields.map(function (f, fi) {
        var res = { docs: [], freq: [], fl: [] };
        if (!entry || !entry[fi]) return res;
        var v = varints(entry[fi]);
        var doc = 0;
        for (var i = 0; i + 2 < v.length; i += 3) {
          doc += v[i];
          res.docs.push(doc);
          res.freq.push(v[i + 1]);
          res.fl.push(v[i + 2]);
        }
        return res;
      });
      self.decoded[key] = fields;
      return fields;
    });
  };

  /** Positions of `term` per field: {doc -> [positions]} (loaded only for phrases). */
  Engine.prototype.positions = function (term) {
    var self = this;
    var m = self.manifest;
    var name = "p/" + (fnv1a(term) % m.termShards);
    return Promise.all([self.shard(name), self.postings(term)]).then(function (res) {
      var data = res[0];
      var post = res[1];
      var entry = Object.prototype.hasOwnProperty.call(data, term) ? data[term] : null;
      return m.fields.map(function (f, fi) {
        var map = new Map();
        if (!entry || !entry[fi]) return map;
        var v = varints(entry[fi]);
        var at = 0;
        var docs = post[fi].docs;
        for (var d = 0; d < docs.length; d++) {
          var count = v[at++];
          var pos = [];
          var p = 0;
          for (var c = 0; c < count; c++) {
            p += v[at++];
            pos.push(p);
          }
          map.set(docs[d], pos);
        }
        return map;
      });
    });
  };

  /** Whoosh's BM25F term scorer for one field: scores keyed by document number. */
  Engine.prototype.termScores = function (fieldPostings, fi) {
    var m = this.manifest;
    var N = m.N;
    var df = fieldPostings.docs.length;
    var out = new Map();
    if (!df) return out;
    var idf = Math.log(N / (df + 1)) + 1;
    var avgfl = this.avgfl[fi];
    var boost = m.boosts[fi];
    var table = m.lengthTable;
    for (var i = 0; i < df; i++) {
      var tf = fieldPostings.freq[i] * boost;
      var fl = table[fieldPostings.fl[i]];
      out.set(fieldPostings.docs[i], idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + (B * fl) / avgfl))));
    }
    return out;
  };

  function union(a, b) {
    var out = new Map();
    a.forEach(function (s, d) {
      var t = b.get(d);
      out.set(d, t === undefined ? s : s + t);
    });
    b.forEach(function (t, d) {
      if (!a.has(d)) out.set(d, t);
    });
    return out;
  }

  function intersect(a, b) {
    var out = new Map();
    var small = a.size <= b.size ? a : b;
    small.forEach(function (_, d) {
      var s = a.get(d);
      var t = b.get(d);
      if (s !== undefined && t !== undefined) out.set(d, s + t);
    });
    return out;
  }

  /** Whoosh's make_binary_tree: fn(tree(first half), tree(second half)). */
  function binaryTree(fn, xs) {
    if (xs.length === 1) return xs[0];
    var half = Math.floor(xs.length / 2);
    return fn(binaryTree(fn, xs.slice(0, half)), binaryTree(fn, xs.slice(half)));
  }

  /** Whoosh's make_weighted_tree: repeatedly combine the two lightest (stable on ties). */
  function weightedTree(fn, pairs) {
    var ls = pairs.slice().sort(function (x, y) {
      return x.w - y.w;
    });
    while (ls.length > 1) {
      var a = ls.shift();
      var b = ls.shift();
      var node = { w: a.w + b.w, v: fn(a.v, b.v) };
      var at = ls.length;
      for (var i = 0; i < ls.length; i++) {
        if (node.w < ls[i].w) {
          at = i;
          break;
        }
      }
      ls.splice(at, 0, node);
    }
    return ls[0].v;
  }

  /** Whoosh's Or.estimate_size: the summed sizes, at most the document count. */
  function sumSize(subs, n) {
    var total = 0;
    subs.forEach(function (s) {
      total += s.size;
    });
    return Math.min(total, n);
  }

  /**
   * Or([...]) as Whoosh's tree of union matchers (query.py TreeOr): the two smallest
   * estimated sizes are combined first, so scores are added in the same order.
   */
  Engine.prototype.orScores = function (subs) {
    if (subs.length === 1) return subs[0].scores;
    return weightedTree(
      union,
      subs.map(function (s) {
        return { w: s.size, v: s.scores };
      })
    );
  };

  /** Evaluate one item to {scores: Map(doc -> score), size: Whoosh's estimate_size}. */
  Engine.prototype.evalItem = function (item) {
    var self = this;
    var m = self.manifest;
    if (item.type === "prefix") {
      return self.expandPrefix(item).then(function (terms) {
        if (!terms.length) return { scores: new Map(), size: 0 };
        return Promise.all(
          terms.map(function (t) {
            return self.evalItem({ type: "all", words: [t] });
          })
        ).then(function (subs) {
          return { scores: self.orScores(subs), size: sumSize(subs, m.N) };
        });
      });
    }
    if (item.type === "all") {
      return Promise.all(
        item.words.map(function (w) {
          return self.postings(w).then(function (post) {
            var perField = post.map(function (fp, fi) {
              return { scores: self.termScores(fp, fi), size: fp.docs.length };
            });
            return { scores: self.orScores(perField), size: sumSize(perField, m.N) };
          });
        })
      ).then(function (subs) {
        if (subs.length === 1) return subs[0];
        return {
          scores: weightedTree(
            intersect,
            subs.map(function (s) {
              return { w: -s.size, v: s.scores };
            })
          ),
          size: Math.min.apply(
            null,
            subs.map(function (s) {
              return s.size;
            })
          ),
        };
      });
    }
    // phrase: per field, the binary-tree sum of the word scores where the words are adjacent
    return Promise.all(
      item.words.map(function (w) {
        return Promise.all([self.postings(w), self.positions(w)]);
      })
    ).then(function (per) {
      var fieldResults = m.fields.map(function (f, fi) {
        var size = Math.min.apply(
          null,
          per.map(function (p) {
            return p[0][fi].docs.length;
          })
        );
        if (!size) return { scores: new Map(), size: 0 };
        var termMaps = per.map(function (p) {
          return self.termScores(p[0][fi], fi);
        });
        var both = binaryTree(intersect, termMaps);
        var out = new Map();
        both.forEach(function (score, d) {
          var spans = per[0][1][fi].get(d);
          for (var k = 1; k < per.length && spans.length; k++) {
            var next = per[k][1][fi].get(d);
            var keep = [];
            spans.forEach(function (p) {
              if (next.indexOf(p + 1) >= 0) keep.push(p + 1);
            });
            spans = keep;
          }
          if (spans.length) out.set(d, score);
        });
        return { scores: out, size: size };
      });
      return { scores: self.orScores(fieldResults), size: sumSize(fieldResults, m.N) };
    });
  };

  /** The index terms a prefix item stands for (query.py `expand_prefix` does the same). */
  Engine.prototype.expandPrefix = function (item) {
    var self = this;
    var m = self.manifest;
    var raw = item.words[0];
    var key = codepoints(raw).slice(0, PREFIX_MIN).join("");
    var name = "v/" + (fnv1a(key) % m.vocabShards);
    return self.shard(name).then(function (vocab) {
      var list = Object.prototype.hasOwnProperty.call(vocab, key) ? vocab[key] : [];
      var cands = [];
      for (var i = 0; i < list.length; i += 2) {
        if (list[i].lastIndexOf(raw, 0) === 0) cands.push([list[i], list[i + 1]]);
      }
      cands.sort(function (a, b) {
        return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      });
      var terms = cands.slice(0, PREFIX_EXPANSIONS).map(function (c) {
        return c[0];
      });
      if (item.stem && terms.indexOf(item.stem) < 0) {
        var found = list.some(function (t, i) {
          return i % 2 === 0 && t === item.stem;
        });
        var needShard = found ? Promise.resolve(true) : self.hasTerm(item.stem);
        return needShard.then(function (has) {
          if (has) terms.push(item.stem);
          return terms.sort();
        });
      }
      return terms.sort();
    });
  };

  Engine.prototype.hasTerm = function (term) {
    return this.postings(term).then(function (post) {
      return post.some(function (fp) {
        return fp.docs.length > 0;
      });
    });
  };

  /** All matches of a parsed query: Map(docnum -> score), before filters. */
  Engine.prototype.evaluate = function (parsed) {
    var self = this;
    if (!parsed.groups.length) return Promise.resolve(new Map());
    return Promise.all(
      parsed.groups.map(function (items) {
        return Promise.all(
          items.map(function (it) {
            return self.evalItem(it);
          })
        ).then(function (subs) {
          if (subs.length === 1) return subs[0];
          return { scores: self.orScores(subs), size: sumSize(subs, self.manifest.N) };
        });
      })
    ).then(function (groups) {
      var pos =
        groups.length === 1
          ? groups[0].scores
          : weightedTree(
              intersect,
              groups.map(function (g) {
                return { w: -g.size, v: g.scores };
              })
            );
      if (!parsed.exclude.length) return pos;
      return Promise.all(
        parsed.exclude.map(function (it) {
          return self.evalItem(it);
        })
      ).then(function (neg) {
        var out = new Map();
        pos.forEach(function (s, d) {
          for (var i = 0; i < neg.length; i++) if (neg[i].scores.has(d)) return;
          out.set(d, s);
        });
        return out;
      });
    });
  };

  Engine.prototype.facetShard = function (facet) {
    var self = this;
    return self.ready().then(function (m) {
      var name = m.facets[facet];
      if (!name) return {};
      return self.shard(name).then(function (data) {
        var key = "facet\u0000" + facet;
        if (self.decoded[key]) return self.decoded[key];
        var out = {};
        Object.keys(data).forEach(function (value) {
          var entry = data[value];
          var enc = typeof entry === "string" ? entry : entry[2];
          var docs = [];
          var d = 0;
          varints(enc).forEach(function (delta) {
            d += delta;
            docs.push(d);
          });
          out[value] = {
            docs: new Set(docs),
            name: typeof entry === "string" ? value : entry[0],
            url: typeof entry === "string" ? null : entry[1],
          };
        });
        self.decoded[key] = out;
        return out;
      });
    });
  };

  Engine.prototype.applyFilters = function (scores, filters) {
    var self = this;
    if (!filters) return Promise.resolve(scores);
    var jobs = [];
    (filters.entity || []).forEach(function (key) {
      var type = key.split("/")[0];
      jobs.push(
        self.facetShard(type).then(function (f) {
          return [f[key] ? f[key].docs : new Set()];
        })
      );
    });
    ["provider", "year"].forEach(function (facet) {
      var values = filters[facet] || [];
      if (!values.length) return;
      jobs.push(
        self.facetShard(facet).then(function (f) {
          return values.map(function (v) {
            return f[v] ? f[v].docs : new Set();
          });
        })
      );
    });
    return Promise.all(jobs).then(function (constraints) {
      if (!constraints.length) return scores;
      var out = new Map();
      scores.forEach(function (s, d) {
        for (var i = 0; i < constraints.length; i++) {
          var any = constraints[i].some(function (set) {
            return set.has(d);
          });
          if (!any) return;
        }
        out.set(d, s);
      });
      return out;
    });
  };

  Engine.prototype.docs = function (docnums) {
    var self = this;
    var chunk = self.manifest.docChunk;
    var names = {};
    docnums.forEach(function (d) {
      names["d/" + Math.floor(d / chunk)] = true;
    });
    var list = Object.keys(names);
    return Promise.all(
      list.map(function (n) {
        return self.shard(n);
      })
    ).then(function () {
      return docnums.map(function (d) {
        var rows = self.store["d/" + Math.floor(d / chunk)];
        var r = rows[d % chunk];
        return { id: r[0], title: r[1], url: r[2], date: r[3], provider: r[4], summary: r[5] };
      });
    });
  };

  Engine.prototype.facets = function (docnums) {
    var self = this;
    var m = self.manifest;
    var set = docnums instanceof Set ? docnums : new Set(docnums);
    var types = m.entityTypes;
    return Promise.all(
      ["provider", "year"].concat(types).map(function (f) {
        return self.facetShard(f);
      })
    ).then(function (all) {
      function counts(f) {
        var out = [];
        Object.keys(f).forEach(function (k) {
          var n = 0;
          f[k].docs.forEach(function (d) {
            if (set.has(d)) n++;
          });
          if (n) out.push({ key: k, name: f[k].name, url: f[k].url, count: n });
        });
        out.sort(function (a, b) {
          return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        });
        return out;
      }
      var entity = [];
      types.forEach(function (t, i) {
        counts(all[2 + i]).forEach(function (e) {
          entity.push({ key: e.key, name: e.name, type: t, url: e.url, count: e.count });
        });
      });
      entity.sort(function (a, b) {
        return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
      });
      return {
        entity: entity,
        provider: counts(all[0]).map(function (e) {
          return { value: e.key, count: e.count };
        }),
        year: counts(all[1]).map(function (e) {
          return { value: e.key, count: e.count };
        }),
      };
    });
  };

  Engine.prototype.search = function (query, options) {
    var self = this;
    options = options || {};
    var limit = options.limit === undefined ? 10 : options.limit;
    var offset = options.offset || 0;
    return self.ready().then(function () {
      var parsed = parse(query, { prefix: options.prefix });
      var terms = [];
      var prefixes = [];
      function addTerms(it) {
        if (it.type === "prefix") {
          if (it.stem && terms.indexOf(it.stem) < 0) terms.push(it.stem);
          if (prefixes.indexOf(it.words[0]) < 0) prefixes.push(it.words[0]);
          return;
        }
        it.words.forEach(function (w) {
          if (terms.indexOf(w) < 0) terms.push(w);
        });
      }
      parsed.groups.forEach(function (g) {
        g.forEach(addTerms);
      });
      return self
        .evaluate(parsed)
        .then(function (scores) {
          return self.applyFilters(scores, options.filters);
        })
        .then(function (scores) {
          var all = [];
          scores.forEach(function (s, d) {
            all.push([scoreKey(s), d]);
          });
          all.sort(function (a, b) {
            return b[0] - a[0] || a[1] - b[1];
          });
          var page = all.slice(offset, offset + limit);
          var facetPromise = options.facets
            ? self.facets(
                all.map(function (x) {
                  return x[1];
                })
              )
            : Promise.resolve(undefined);
          return Promise.all([
            self.docs(
              page.map(function (x) {
                return x[1];
              })
            ),
            facetPromise,
          ]).then(function (res) {
            var hits = res[0].map(function (doc, i) {
              doc.rank = offset + i + 1;
              doc.docnum = page[i][1];
              doc.score = page[i][0] / SCORE_SCALE;
              return doc;
            });
            var result = {
              query: query,
              total: all.length,
              hits: hits,
              terms: terms,
              prefixes: prefixes,
              words: parsed.words,
              empty: parsed.groups.length ? (all.length ? "" : "nothing") : "stopwords",
            };
            if (res[1]) result.facets = res[1];
            return result;
          });
        });
    });
  };

  Engine.prototype.suggest = function (prefix, options) {
    var self = this;
    var limit = (options && options.limit) || 8;
    var key = foldKey(prefix || "").trim();
    if (!key) return Promise.resolve([]);
    return self.ready().then(function (m) {
      var first = codepoints(key)[0];
      var name = "s/" + (fnv1a(first) % m.suggestShards);
      return self.shard(name).then(function (rows) {
        var out = [];
        rows.forEach(function (r) {
          var words = foldKey(r[0]).split(/[^\p{L}\p{N}]+/u);
          var full = foldKey(r[0]);
          if (
            full.lastIndexOf(key, 0) === 0 ||
            words.some(function (w) {
              return w && w.lastIndexOf(key, 0) === 0;
            })
          ) {
            out.push({ name: r[0], type: r[1], url: r[2], count: r[3] });
          }
        });
        out.sort(function (a, b) {
          return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
        });
        return out.slice(0, limit);
      });
    });
  };

  /* ---------------------------------------------------------------- module surface */

  function open(baseUrl, options) {
    return new Engine(baseUrl, options);
  }

  /** Node shim: the same global loader, fed by reading the shard files from disk. */
  function openNode(dir) {
    var fs = require("fs");
    var path = require("path");
    return new Engine(dir, {
      loader: function (name, url) {
        return new Promise(function (resolve, reject) {
          fs.readFile(path.resolve(url), "utf8", function (err, code) {
            if (err) return reject(err);
            try {
              new Function("NewsarchiveSearch", code)(api);
              resolve();
            } catch (e) {
              reject(e);
            }
          });
        });
      },
    });
  }

  var api = {
    open: open,
    openNode: openNode,
    parse: parse,
    load: load,
    fnv1a: fnv1a,
    varints: varints,
    K1: K1,
    B: B,
    PREFIX_EXPANSIONS: PREFIX_EXPANSIONS,
  };

  root.NewsarchiveSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : this);
