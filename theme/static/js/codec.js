/*
 * newsarchive search codec: reads what newsarchive/search/export.py and postings.py write.
 *
 * Everything about the shard format lives here, so the engine only sees decoded numbers:
 * base64 without padding, LEB128 varints, document-number gaps, the FNV-1a hash that picks a
 * term's shard, the accent fold entity suggestions are matched on, and the loading of shards
 * as classic scripts (`<script src>`: no fetch, XHR, modules or workers, so file:// works).
 *
 * The parameters of the hash and of the fold are not written here: they come with the
 * manifest (export.py `client_rules`), so the two sides cannot drift. FORMAT_VERSION is the
 * one number this file must state itself: the manifest version it was written to read
 * (export.py FORMAT_VERSION; a test compares them).
 *
 * API (global NewsarchiveCodec; module.exports in Node):
 *   FORMAT_VERSION
 *   bytes(b64) -> [byte]            base64 (padding optional) to byte values
 *   varints(b64) -> [number]        base64 of concatenated LEB128 varints
 *   undelta(gaps) -> [number]       running sums: gaps from 0 back to document numbers
 *   fnv1a(text, hash) -> uint32     FNV-1a over UTF-8; hash = manifest.hash {offset, prime}
 *   fold(text, rule) -> string      lower-case, accents out; rule = manifest.fold {form, strip}
 *   postings(entry, nFields) -> [{docs, freq, fl}]    one term of a t/ shard
 *   positions(entry, docsPerField) -> [Map(doc -> [position])]   one term of a p/ shard
 *   facet(data) -> {value: {docs: Set, name, url}}    an f/ shard
 *   Shards(baseUrl, loader) -> .get(name), .loaded()  shard store; load() is the global loader
 */
(function (root) {
  "use strict";

  var FORMAT_VERSION = 6;

  var B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  var B64INV = {};
  for (var bi = 0; bi < B64.length; bi++) B64INV[B64.charAt(bi)] = bi;

  /** Decode standard base64 (no padding needed) into an array of byte values. */
  function bytes(s) {
    var out = [];
    var buf = 0;
    var bits = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c === "=") break;
      buf = ((buf << 6) | B64INV[c]) & 0xffffff;
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
    var data = bytes(s);
    var out = [];
    var n = 0;
    var shift = 0;
    for (var i = 0; i < data.length; i++) {
      var b = data[i];
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

  /** Gaps (the first from 0) back to the numbers: postings.py `deltas` reversed. */
  function undelta(gaps) {
    var out = [];
    var d = 0;
    for (var i = 0; i < gaps.length; i++) {
      d += gaps[i];
      out.push(d);
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

  /** FNV-1a, 32 bits, over UTF-8 (export.py `fnv1a`): the shard a key lives in. */
  function fnv1a(s, hash) {
    var h = hash.offset >>> 0;
    var data = utf8(s);
    for (var i = 0; i < data.length; i++) {
      h ^= data[i];
      h = Math.imul(h, hash.prime) >>> 0;
    }
    return h >>> 0;
  }

  /** Lower-case with accents removed (export.py `fold`): decompose, drop the marks. */
  function fold(s, rule) {
    var kept = "";
    var chars = Array.from(s.normalize(rule.form));
    for (var i = 0; i < chars.length; i++) {
      var cp = chars[i].codePointAt(0);
      var drop = false;
      for (var r = 0; r < rule.strip.length && !drop; r++) {
        drop = cp >= rule.strip[r][0] && cp <= rule.strip[r][1];
      }
      if (!drop) kept += chars[i];
    }
    return kept.toLowerCase();
  }

  /** One term of a t/ shard: per field, its `(doc gap, frequency, length byte)` triples. */
  function postings(entry, nFields) {
    var out = [];
    for (var fi = 0; fi < nFields; fi++) {
      var res = { docs: [], freq: [], fl: [] };
      out.push(res);
      if (!entry || !entry[fi]) continue;
      var v = varints(entry[fi]);
      var doc = 0;
      for (var i = 0; i + 2 < v.length; i += 3) {
        doc += v[i];
        res.docs.push(doc);
        res.freq.push(v[i + 1]);
        res.fl.push(v[i + 2]);
      }
    }
    return out;
  }

  /** One term of a p/ shard: per field, `count, gap...` per posting, in posting order. */
  function positions(entry, docsPerField) {
    return docsPerField.map(function (docs, fi) {
      var map = new Map();
      if (!entry || !entry[fi]) return map;
      var v = varints(entry[fi]);
      var at = 0;
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
  }

  /** An f/ shard: provider/year `{value: docs}`, entity types `{key: [name, url, docs]}`. */
  function facet(data) {
    var out = Object.create(null); // keyed by data: "constructor" or "__proto__" are values too
    Object.keys(data).forEach(function (value) {
      var entry = data[value];
      var plain = typeof entry === "string";
      out[value] = {
        docs: new Set(undelta(varints(plain ? entry : entry[2]))),
        name: plain ? value : entry[0],
        url: plain ? null : entry[1],
      };
    });
    return out;
  }

  /* ---------------------------------------------------------------- loading shards */

  var arrived = {};

  /** The global loader: every shard script is `NewsarchiveSearch.load(name, data, bytes);`. */
  function load(name, data, size) {
    arrived[name] = { data: data, bytes: size || 0 };
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

  /** Node: run the shard file's code with `NewsarchiveSearch` bound to `global`. */
  function fileLoader(global) {
    var fs = require("fs");
    var path = require("path");
    return function (name, url) {
      return new Promise(function (resolve, reject) {
        fs.readFile(path.resolve(url), "utf8", function (err, code) {
          if (err) return reject(err);
          try {
            new Function("NewsarchiveSearch", code)(global);
            resolve();
          } catch (e) {
            reject(e);
          }
        });
      });
    };
  }

  /** The shards of one `search/` folder, each loaded once, in load order with exact sizes. */
  function Shards(baseUrl, loader) {
    if (baseUrl && baseUrl.charAt(baseUrl.length - 1) !== "/") baseUrl += "/";
    this.base = baseUrl || "";
    this.loader = loader || scriptLoader;
    this.order = [];
    this.cache = {};
    this.data = {};
  }

  Shards.prototype.get = function (name) {
    var self = this;
    if (self.cache[name]) return self.cache[name];
    var p = self.loader(name, self.base + name + ".js").then(function () {
      var entry = arrived[name];
      if (!entry) throw new Error("search shard " + name + " did not register");
      delete arrived[name];
      self.data[name] = entry.data;
      self.order.push({ name: name + ".js", bytes: entry.bytes });
      return entry.data;
    });
    self.cache[name] = p;
    p.catch(function () {
      delete self.cache[name];
    });
    return p;
  };

  /** Every shard loaded so far: [{name: "t/12.js", bytes}]. */
  Shards.prototype.loaded = function () {
    return this.order.slice();
  };

  var api = {
    FORMAT_VERSION: FORMAT_VERSION,
    bytes: bytes,
    varints: varints,
    undelta: undelta,
    fnv1a: fnv1a,
    fold: fold,
    postings: postings,
    positions: positions,
    facet: facet,
    load: load,
    scriptLoader: scriptLoader,
    fileLoader: fileLoader,
    Shards: Shards,
  };

  root.NewsarchiveCodec = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : this);
