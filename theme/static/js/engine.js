/*
 * newsarchive search engine: ranks the exported index exactly like `newsarchive search`
 * (newsarchive/search/searcher.py: Whoosh BM25F, the query tree of query.py, ties by document
 * number). Decoding is codec.js, parsing query.js, analysis analyzer.js; load those first.
 *
 * Every constant both sides share (BM25F's K1 and B, prefix limits, score rounding, stop list,
 * hash and fold parameters, entity types and labels) is read from the manifest shard, which
 * export.py writes from the Python definitions; this file holds none of them.
 *
 * Public API (everything hangs off the global `NewsarchiveSearch`; in Node it is also
 * `module.exports`):
 *
 *   NewsarchiveSearch.open(baseUrl, [options]) -> Engine
 *       baseUrl: the URL of the exported `search/` folder, relative to the page or absolute,
 *       e.g. "search/" from search.html. Works from file:// and http(s)://.
 *       options.loader: function(name, url) -> Promise (the Node shim; browsers omit it).
 *
 *   NewsarchiveSearch.openNode(dir) -> Engine        (Node only: reads the shard files with fs)
 *
 *   engine.ready() -> Promise<Manifest>   loads only the small manifest shard; rejects with an
 *       error whose `code` is "version" (and whose message says to rebuild the site) when the
 *       shards were written by another format version than codec.js reads.
 *   engine.manifest, engine.analyzer      set once ready: the manifest, and the analyzer built
 *       from its rules (the UI highlights with it).
 *
 *   engine.search(query, [options]) -> Promise<Result>
 *       options: {limit = 10, offset = 0,
 *                 filters: {entity: ["people/ines-varga-holt", ...],   // entity keys, ANDed
 *                           provider: ["Coastline Ledger (CL)", ...],  // ORed
 *                           year: ["2024", ...],                       // ORed ("undated" ok)
 *                           from: "2024-01-01", to: "2024-12-31"},     // inclusive dates
 *                 sort: "relevance" | "newest" | "oldest",
 *                 prefix: false,   // true while typing: the last bare word is completed
 *                 facets: false,   // true: also count facet values over all matches
 *                 excerpts: true,  // false: no x/ text shards (no excerpt, no entities)
 *                 suggest: false}  // true: "did you mean" words for unknown query words
 *       A query without chunks lists the articles the filters allow (none without a filter),
 *       newest first unless sort is "oldest" (searcher.py `search`).
 *       Result: {query, total, hits: [{rank, docnum, id, title, url, date, provider, score,
 *                excerpt, excerptParts: [[text, matched]], entities}], terms: [stems to
 *                highlight], prefixes: [lower-cased prefixes being completed: highlight words
 *                starting with them], words: [chunks as typed], browse, sort,
 *                suggestions?: [{word, suggestions}],
 *                facets?: {entity: [{key, name, type, url, count}],
 *                          provider: [{value, count}], year: [{value, count}]},
 *                empty: "" | "stopwords" | "nothing"}
 *       Filters restrict the matches without changing scores (Whoosh's `filter=`).
 *
 *   engine.csv(hits) -> string    the rows of `newsarchive search --csv` for these hits.
 *       `url` is relative to the site root ("articles/2024/03/x.html").
 *
 *   engine.suggest(prefix, [{limit = 8}]) -> Promise<[{key, name, type, url, count}]>
 *       entity names having a word that starts with `prefix` (accents folded, case-less),
 *       most articles first.
 *
 *   engine.facets(docnums) -> Promise<Facets>   facet counts over the given document numbers.
 *   engine.parse(query, [{prefix}]) -> Promise<{groups, exclude, words}>   the parsed query.
 *   engine.loadedShards() -> [{name, bytes}]    every shard loaded so far, in load order;
 *       name is the file path under search/ ("manifest.js", "t/12.js"), bytes its exact size.
 *
 *   NewsarchiveSearch.load(name, data, bytes)   the global loader every shard script calls.
 *
 * Scoring (Whoosh 2.7 BM25F, reproduced bit for bit): per field and term
 *   idf * tf*(K1+1) / (tf + K1*((1-B) + B*fl/avgfl)),
 *   idf = ln(N/(df+1)) + 1, tf = frequency * field boost (Whoosh applies field boosts to the
 *   posting weight at index time), fl = the byte-quantised field length read back through
 *   Whoosh's length table, avgfl = total field length / N. A word is an OR over the fields
 *   title/body/entities; ORs and ANDs add their children's scores in Whoosh's matcher-tree
 *   order; exclusions and filters remove documents without changing scores. Results are
 *   ordered by the score rounded to `scoreDecimals` (searcher.py `score_key`: Whoosh adds in
 *   each index segment's own order, which can move a sum by a unit in the last place), and
 *   ties go to the lower document number.
 */
(function (root) {
  "use strict";

  /** A sibling script: its global in browsers (loaded by an earlier tag), require() in Node. */
  function sibling(global, file) {
    if (root[global]) return root[global];
    if (typeof require === "function") return require(file);
    throw new Error(file + " must be loaded before engine.js");
  }

  var Codec = sibling("NewsarchiveCodec", "./codec.js");
  var Query = sibling("NewsarchiveQuery", "./query.js");
  var Analyzer = sibling("NewsarchiveAnalyzer", "./analyzer.js");

  var VERSION_MESSAGE =
    "The search index was built by a different version of newsarchive; rebuild the site";

  /** "YYYY-MM-DD" as the number YYYYMMDD; 0 when absent or malformed (searcher.py). */
  function dateNumber(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text || "") ? Number(text.replace(/-/g, "")) : 0;
  }

  function hasOwn(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key);
  }

  function byCountThenName(a, b) {
    return b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }

  /** `TYPE/SLUG` of an entity page URL, read through the manifest's `entityUrl` pattern. */
  function urlKeyReader(pattern) {
    var names = [];
    var source = pattern.replace(/\{(\w+)\}|[.*+?^$()|[\]\\]/g, function (all, name) {
      if (!name) return "\\" + all;
      names.push(name);
      return name === "slug" ? "(.+)" : "([^/]+)";
    });
    var re = new RegExp("^" + source + "$");
    return function (url) {
      var m = re.exec(url || "");
      if (!m) return null;
      return m[names.indexOf("type") + 1] + "/" + m[names.indexOf("slug") + 1];
    };
  }

  function Engine(baseUrl, options) {
    this.shards = new Codec.Shards(baseUrl, options && options.loader);
    this.decoded = {};
    this.manifestPromise = null;
    this.manifest = null;
    this.analyzer = null;
  }

  Engine.prototype.shard = function (name) {
    return this.shards.get(name);
  };

  Engine.prototype.loadedShards = function () {
    return this.shards.loaded();
  };

  /** Load the manifest once; check its version; derive what every query needs from it. */
  Engine.prototype.ready = function () {
    var self = this;
    if (!self.manifestPromise) {
      self.manifestPromise = self.shard("manifest").then(function (m) {
        if (!m || m.version !== Codec.FORMAT_VERSION) {
          var err = new Error(VERSION_MESSAGE);
          err.code = "version";
          err.found = m && m.version;
          err.expected = Codec.FORMAT_VERSION;
          throw err;
        }
        self.avgfl = m.fieldLength.map(function (total) {
          return total / (m.N || 1) || 1;
        });
        self.scale = Math.pow(10, m.scoreDecimals);
        self.analyzer = Analyzer.create(m.analyzer);
        self.entityKey = urlKeyReader(m.entityUrl);
        self.manifest = m;
        return m;
      });
    }
    return self.manifestPromise;
  };

  /** The score in units of the rounding scale: what results are ordered by (`score_key`). */
  Engine.prototype.scoreKey = function (score) {
    return Math.floor(score * this.scale + 0.5);
  };

  Engine.prototype.hash = function (key) {
    return Codec.fnv1a(key, this.manifest.hash);
  };

  Engine.prototype.parse = function (query, options) {
    var self = this;
    return self.ready().then(function (m) {
      return Query.parse(query, options, m.query, self.analyzer);
    });
  };

  /** Postings of `term`: per field {docs, freq, fl}, decoded once per engine. */
  Engine.prototype.postings = function (term) {
    var self = this;
    var m = self.manifest;
    var name = "t/" + (self.hash(term) % m.termShards);
    return self.shard(name)
      .then(function (data) {
        var entry = hasOwn(data, term) ? data[term] : null;
        if (typeof entry !== "number") return entry;
        // a term too large to share its shard: the entry names the shard of its own
        return self.shard("u/" + entry).then(function (own) {
          return hasOwn(own, term) ? own[term] : null;
        });
      })
      .then(function (entry) {
        var key = name + "\u0000" + term;
        if (!self.decoded[key]) self.decoded[key] = Codec.postings(entry, m.fields.length);
        return self.decoded[key];
      });
  };

  /** Positions of `term` per field: Map(doc -> [positions]) (loaded only for phrases). */
  Engine.prototype.positions = function (term) {
    var self = this;
    var name = "p/" + (self.hash(term) % self.manifest.positionShards);
    return Promise.all([self.shard(name), self.postings(term)]).then(function (res) {
      var entry = hasOwn(res[0], term) ? res[0][term] : null;
      return Codec.positions(
        entry,
        res[1].map(function (fp) {
          return fp.docs;
        })
      );
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
    var K1 = m.bm25f.K1;
    var B = m.bm25f.B;
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
          // word k must sit exactly offsets[k] after the first word (query.py GapPhrase)
          var spans = per[0][1][fi].get(d);
          for (var k = 1; k < per.length && spans.length; k++) {
            var next = per[k][1][fi].get(d);
            var off = item.offsets[k];
            spans = spans.filter(function (p) {
              return next.indexOf(p + off) >= 0;
            });
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
    var key = Array.from(raw).slice(0, m.prefixKeyChars).join("");
    return self.vocabShard(raw).then(function (vocab) {
      var list = hasOwn(vocab, key) ? vocab[key] : [];
      var cands = [];
      for (var i = 0; i < list.length; i += 2) {
        if (list[i].lastIndexOf(raw, 0) === 0) cands.push([list[i], list[i + 1]]);
      }
      cands.sort(function (a, b) {
        return b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
      });
      var terms = cands.slice(0, m.query.prefixExpansions).map(function (c) {
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

  /** The v/ shard holding every vocabulary key that starts with the word's first character. */
  Engine.prototype.vocabShard = function (word) {
    var m = this.manifest;
    return this.shard("v/" + (this.hash(Array.from(word)[0] || "") % m.vocabShards));
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
      var name = hasOwn(m.facets, facet) ? m.facets[facet] : null;
      if (!name) return Object.create(null);
      return self.shard(name).then(function (data) {
        var key = "facet\u0000" + facet;
        if (!self.decoded[key]) self.decoded[key] = Codec.facet(data);
        return self.decoded[key];
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
          return [hasOwn(f, key) ? f[key].docs : new Set()];
        })
      );
    });
    ["provider", "year"].forEach(function (facet) {
      var values = filters[facet] || [];
      if (!values.length) return;
      jobs.push(
        self.facetShard(facet).then(function (f) {
          return values.map(function (v) {
            return hasOwn(f, v) ? f[v].docs : new Set();
          });
        })
      );
    });
    var from = dateNumber(filters.from);
    var to = dateNumber(filters.to);
    var datesJob = from || to ? self.dates() : Promise.resolve(null);
    return Promise.all([Promise.all(jobs), datesJob]).then(function (res) {
      var constraints = res[0];
      var dates = res[1];
      if (!constraints.length && !dates) return scores;
      var out = new Map();
      scores.forEach(function (s, d) {
        if (dates) {
          var day = dates[d];
          if (!day || (from && day < from) || (to && day > to)) return;
        }
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

  /** Every document's date as YYYYMMDD (0: undated), from the f/date shard. */
  Engine.prototype.dates = function () {
    var self = this;
    return self.shard(self.manifest.dates).then(function (data) {
      if (!self.decoded.dates) self.decoded.dates = Codec.varints(data);
      return self.decoded.dates;
    });
  };

  /** One article's [text, entity names] from its x/ shard, named in its d/ row. */
  Engine.prototype.text = function (docnum) {
    var self = this;
    return self.docs([docnum]).then(function (rows) {
      return self.shard("x/" + rows[0].textShard);
    });
  };

  /** The excerpt of `text` as [[piece, matched]] (searcher.py `excerpt_parts`, step for step). */
  Engine.prototype.excerptParts = function (text, terms, prefixes) {
    var m = this.manifest;
    var rule = m.excerpt;
    var tokens = this.analyzer.analyze(text);
    var n = tokens.length;
    if (!n) return [];
    var wanted = {};
    terms.forEach(function (t) {
      wanted[t] = true;
    });
    var lowerOf = this.analyzer.lower;
    var hits = tokens.map(function (t) {
      if (wanted[t.text] === true) return true;
      var low = lowerOf(t.original);
      return prefixes.some(function (p) {
        return low.lastIndexOf(p, 0) === 0;
      });
    });
    var size = Math.min(n, rule.tokens);
    var starts = [];
    var score = {};
    for (var h = 0; h < n; h++) {
      if (!hits[h]) continue;
      var start = Math.max(0, Math.min(h - rule.lead, n - size));
      if (hasOwn(score, start)) continue;
      var distinct = {};
      var count = 0;
      for (var i = start; i < start + size; i++) {
        if (hits[i]) {
          distinct[tokens[i].text] = true;
          count++;
        }
      }
      score[start] = [Object.keys(distinct).length, count];
      starts.push(start);
    }
    starts.sort(function (a, b) {
      return score[b][0] - score[a][0] || score[b][1] - score[a][1] || a - b;
    });
    var chosen = [];
    starts.forEach(function (st) {
      if (chosen.length >= rule.fragments) return;
      var free = chosen.every(function (c) {
        return st + size <= c || c + size <= st;
      });
      if (free) chosen.push(st);
    });
    if (!chosen.length) chosen = [0];
    chosen.sort(function (a, b) {
      return a - b;
    });
    var spaces = this.spaceRun();
    var parts = [];
    if (chosen[0] > 0) parts.push([rule.ellipsis, false]);
    chosen.forEach(function (st, k) {
      if (k) parts.push([" " + rule.ellipsis + " ", false]);
      for (var j = st; j < st + size; j++) {
        if (j > st) parts.push([text.slice(tokens[j - 1].end, tokens[j].start).replace(spaces, " "), false]);
        parts.push([text.slice(tokens[j].start, tokens[j].end), hits[j]]);
      }
    });
    if (chosen[chosen.length - 1] + size < n) parts.push([rule.ellipsis, false]);
    return parts.filter(function (p) {
      return p[0] !== "";
    });
  };

  /** A global RegExp matching runs of the manifest's spaces (Python's str.isspace()). */
  Engine.prototype.spaceRun = function () {
    if (!this.spaceRe) {
      var cls = Array.from(this.manifest.query.spaces).map(function (ch) {
        return "\\u" + ("000" + ch.charCodeAt(0).toString(16)).slice(-4);
      }).join("");
      this.spaceRe = new RegExp("[" + cls + "]+", "g");
    }
    return this.spaceRe;
  };

  /** Optimal string alignment distance over code points (searcher.py `edit_distance`). */
  function editDistance(a, b) {
    var prev2 = [];
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      for (var k = 1; k <= b.length; k++) {
        var cost = a[i - 1] === b[k - 1] ? 0 : 1;
        var v = Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost);
        if (i > 1 && k > 1 && a[i - 1] === b[k - 2] && a[i - 2] === b[k - 1]) {
          v = Math.min(v, prev2[k - 2] + 1);
        }
        cur.push(v);
      }
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  /** Indexed words close to `term` (searcher.py `closest_words`). */
  Engine.prototype.closestWords = function (term) {
    var self = this;
    var rule = self.manifest.didYouMean;
    var a = Array.from(term);
    if (!a.length) return Promise.resolve([]);
    var limit = a.length <= rule.shortChars ? rule.distance[0] : rule.distance[1];
    return self.vocabShard(term).then(function (vocab) {
      var scored = [];
      Object.keys(vocab).forEach(function (key) {
        if (Array.from(key)[0] !== a[0]) return;
        var list = hasOwn(vocab, key) ? vocab[key] : [];
        for (var i = 0; i < list.length; i += 2) {
          var word = list[i];
          if (word === term) continue;
          var b = Array.from(word);
          if (Math.abs(a.length - b.length) > limit) continue;
          var d = editDistance(a, b);
          if (d <= limit) scored.push([d, -list[i + 1], word]);
        }
      });
      scored.sort(function (x, y) {
        return x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
      });
      return scored.slice(0, rule.words).map(function (x) {
        return x[2];
      });
    });
  };

  /**
   * How a reader writes the indexed `term`: its most frequent spelling, lower-cased (an acronym
   * as it is), in the title and text of the first article holding it; ties to the earliest; the
   * term itself when none is found (searcher.py `surface_word`).
   */
  Engine.prototype.surfaceWord = function (term) {
    var self = this;
    return self.postings(term).then(function (fields) {
      var first = -1;
      fields.forEach(function (fp) {
        if (fp.docs.length && (first < 0 || fp.docs[0] < first)) first = fp.docs[0];
      });
      if (first < 0) return term;
      return Promise.all([self.docs([first]), self.text(first)]).then(function (res) {
        var text = res[0][0].title + "\n" + res[1][0];
        var counts = new Map();
        var lowerOf = self.analyzer.lower;
        self.analyzer.analyze(text).forEach(function (t) {
          if (t.text !== term) return;
          var shown = t.original === term ? t.original : lowerOf(t.original);
          counts.set(shown, (counts.get(shown) || 0) + 1);
        });
        var best = term;
        var most = 0;
        counts.forEach(function (n, word) {
          if (n > most) {
            best = word;
            most = n;
          }
        });
        return best;
      });
    });
  };

  /** [{word, suggestions}] for the query's unknown words (searcher.py `did_you_mean`). */
  Engine.prototype.didYouMean = function (parsed) {
    var self = this;
    var unknown = [];
    var jobs = [];
    parsed.groups.forEach(function (g) {
      g.forEach(function (it) {
        if (it.type !== "all" || it.words.length !== 1) return;
        var term = it.words[0];
        if (unknown.indexOf(term) >= 0) return;
        unknown.push(term);
        jobs.push(self.hasTerm(term).then(function (has) {
          return has ? null : self.closestWords(term).then(function (close) {
            if (!close.length) return null;
            return Promise.all(close.map(function (w) {
              return self.surfaceWord(w);
            })).then(function (words) {
              return { word: term, suggestions: words };
            });
          });
        }));
      });
    });
    return Promise.all(jobs).then(function (list) {
      return list.filter(function (x) {
        return x;
      });
    });
  };

  function csvField(value) {
    var text = String(value);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The CSV of `search --csv` for these hits (each with `entities`, as search() gives). */
  Engine.prototype.csv = function (hits) {
    var rows = [this.manifest.csvHeader].concat(
      hits.map(function (h) {
        return [h.rank, h.title, h.date, h.provider, h.url, h.entities];
      })
    );
    return rows.map(function (r) {
      return r.map(csvField).join(",");
    }).join("\n") + "\n";
  };

  /**
   * The row shard of document d and its place there: rows are chunked within each folder's run
   * of documents, manifest.docGroups [[first document, name], ...] (export.py `doc_groups`).
   */
  Engine.prototype.docShard = function (d) {
    var groups = this.manifest.docGroups;
    var lo = 0;
    var hi = groups.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (groups[mid][0] <= d) lo = mid;
      else hi = mid - 1;
    }
    var offset = d - groups[lo][0];
    var chunk = this.manifest.docChunk;
    return { name: "d/" + groups[lo][1] + "-" + Math.floor(offset / chunk), row: offset % chunk };
  };

  Engine.prototype.docs = function (docnums) {
    var self = this;
    var places = docnums.map(function (d) {
      return self.docShard(d);
    });
    var names = {};
    places.forEach(function (p) {
      names[p.name] = true;
    });
    var list = Object.keys(names);
    return Promise.all(
      list.map(function (n) {
        return self.shard(n);
      })
    ).then(function () {
      return places.map(function (p) {
        var r = self.shards.data[p.name][p.row];
        return { id: r[0], title: r[1], url: r[2], date: r[3], provider: r[4], textShard: r[5] };
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
        return out.sort(byCountThenName);
      }
      var entity = [];
      types.forEach(function (t, i) {
        counts(all[2 + i]).forEach(function (e) {
          entity.push({ key: e.key, name: e.name, type: t, url: e.url, count: e.count });
        });
      });
      entity.sort(byCountThenName);
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
    return self.ready().then(function (m) {
      var parsed = Query.parse(query, { prefix: options.prefix }, m.query, self.analyzer);
      var browse = Query.scan(query || "", m.query).length === 0;
      var order = options.sort || "relevance";
      if (m.sorts.indexOf(order) < 0) throw new Error("unknown sort " + order);
      if (browse && order === "relevance") order = m.sorts[1];
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
      var f = options.filters || {};
      var filtered = ["entity", "provider", "year"].some(function (k) {
        return (f[k] || []).length > 0;
      }) || Boolean(dateNumber(f.from) || dateNumber(f.to));
      var matches;
      if (browse) {
        var all = new Map();
        if (filtered) for (var d = 0; d < m.N; d++) all.set(d, 0);
        matches = Promise.resolve(all);
      } else {
        matches = self.evaluate(parsed);
      }
      return matches
        .then(function (scores) {
          return self.applyFilters(scores, options.filters);
        })
        .then(function (scores) {
          var all = [];
          scores.forEach(function (s, d) {
            all.push([self.scoreKey(s), d]);
          });
          if (order === "relevance") {
            all.sort(function (a, b) {
              return b[0] - a[0] || a[1] - b[1];
            });
            return all;
          }
          // newest (m.sorts[1]) / oldest: by date, ties to the lower document number, undated last
          var sign = order === m.sorts[1] ? -1 : 1;
          return self.dates().then(function (dates) {
            all.sort(function (a, b) {
              var x = dates[a[1]];
              var y = dates[b[1]];
              return (x === 0) - (y === 0) || sign * (x - y) || a[1] - b[1];
            });
            return all;
          });
        })
        .then(function (all) {
          var page = all.slice(offset, offset + limit);
          var docnums = page.map(function (x) {
            return x[1];
          });
          var facetPromise = options.facets
            ? self.facets(
                all.map(function (x) {
                  return x[1];
                })
              )
            : Promise.resolve(undefined);
          var textPromise = options.excerpts === false
            ? Promise.resolve(null)
            : Promise.all(docnums.map(function (d) {
                return self.text(d);
              }));
          var suggestPromise = options.suggest ? self.didYouMean(parsed) : Promise.resolve(null);
          return Promise.all([self.docs(docnums), facetPromise, textPromise, suggestPromise])
            .then(function (res) {
              var marks = m.excerpt.mark;
              var hits = res[0].map(function (doc, i) {
                doc.rank = offset + i + 1;
                doc.docnum = page[i][1];
                doc.score = page[i][0] / self.scale;
                if (res[2]) {
                  var parts = self.excerptParts(res[2][i][0], terms, prefixes);
                  doc.excerptParts = parts;
                  doc.excerpt = parts.map(function (p) {
                    return p[1] ? marks[0] + p[0] + marks[1] : p[0];
                  }).join("");
                  doc.entities = res[2][i][1];
                }
                return doc;
              });
              var result = {
                query: query,
                total: all.length,
                hits: hits,
                terms: terms,
                prefixes: prefixes,
                words: parsed.words,
                browse: browse,
                sort: order,
                empty: browse || parsed.groups.length
                  ? (all.length ? "" : "nothing")
                  : "stopwords",
              };
              if (res[1]) result.facets = res[1];
              if (res[3]) result.suggestions = res[3];
              return result;
            });
        });
    });
  };

  Engine.prototype.suggest = function (prefix, options) {
    var self = this;
    var limit = (options && options.limit) || 8;
    return self.ready().then(function (m) {
      var key = Codec.fold(prefix || "", m.fold).trim();
      if (!key) return [];
      var name = "s/" + (self.hash(Array.from(key)[0]) % m.suggestShards);
      return self.shard(name).then(function (rows) {
        var out = [];
        rows.forEach(function (r) {
          var full = Codec.fold(r[0], m.fold);
          var words = full.split(/[^\p{L}\p{N}]+/u);
          if (
            full.lastIndexOf(key, 0) === 0 ||
            words.some(function (w) {
              return w && w.lastIndexOf(key, 0) === 0;
            })
          ) {
            out.push({ key: self.entityKey(r[2]), name: r[0], type: r[1], url: r[2], count: r[3] });
          }
        });
        return out.sort(byCountThenName).slice(0, limit);
      });
    });
  };

  /* ---------------------------------------------------------------- module surface */

  function open(baseUrl, options) {
    return new Engine(baseUrl, options);
  }

  /** Node shim: the same global loader, fed by reading the shard files from disk. */
  function openNode(dir) {
    return new Engine(dir, { loader: Codec.fileLoader(api) });
  }

  var api = {
    open: open,
    openNode: openNode,
    load: Codec.load,
    VERSION_MESSAGE: VERSION_MESSAGE,
  };

  root.NewsarchiveSearch = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : this);
