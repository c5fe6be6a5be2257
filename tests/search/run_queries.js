#!/usr/bin/env node
// Run queries through theme/static/js/engine.js on exported shards, print JSON results.
// usage: node run_queries.js <search dir> <queries.json> [--limit N] [--prefix]
// queries.json: a JSON list of query strings, or of {q, filters, sort} objects. Output:
// [{query, total, hits: [{id, score, docnum, excerpt}], suggestions, shards: [{name, bytes}],
// ms}] with each query run on a fresh engine (cold).
"use strict";
const path = require("path");
const fs = require("fs");

const js = path.join(__dirname, "..", "..", "theme", "static", "js");
const core = require(path.join(js, "engine.js"));

const args = process.argv.slice(2);
const dir = args[0];
const queries = JSON.parse(fs.readFileSync(args[1], "utf8"));
const li = args.indexOf("--limit");
const limit = li >= 0 ? Number(args[li + 1]) : 10;
const prefix = args.includes("--prefix");

(async () => {
  const out = [];
  for (const entry of queries) {
    const spec = typeof entry === "string" ? { q: entry } : entry;
    const q = spec.q;
    const engine = core.openNode(dir + path.sep);
    const t0 = process.hrtime.bigint();
    const res = await engine.search(q, {
      limit, prefix, filters: spec.filters, sort: spec.sort, suggest: true,
    });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    out.push({
      query: q,
      filters: spec.filters || null,
      sort: spec.sort || null,
      total: res.total,
      hits: res.hits.map((h) => ({
        id: h.id, score: h.score, docnum: h.docnum, excerpt: h.excerpt, entities: h.entities,
      })),
      suggestions: res.suggestions,
      csv: engine.csv(res.hits),
      shards: engine.loadedShards(),
      ms,
    });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err && err.stack ? err.stack : String(err));
  process.exit(1);
});
