#!/usr/bin/env node
// Checks of the browser's search client in Node, on a real export; JSON request on stdin:
//   {"op": "vectors", "dir": "<search dir>", "vectors": "<search_vectors.json>"}
//       codec.js's answers to every case of the vectors file, with the manifest's parameters
//   {"op": "rules", "dir": "<search dir>", "probe": {...}}
//       what the engine took from the manifest, and how its analyzer and parser behave with it
"use strict";
const fs = require("fs");
const path = require("path");
const js = path.join(__dirname, "..", "..", "theme", "static", "js");
const Codec = require(path.join(js, "codec.js"));
const Query = require(path.join(js, "query.js"));
const core = require(path.join(js, "engine.js"));

function vectors(m, file) {
  const v = JSON.parse(fs.readFileSync(file, "utf8"));
  return {
    fnv1a: v.fnv1a.map((c) => Codec.fnv1a(c.text, m.hash)),
    fold: v.fold.map((c) => Codec.fold(c.text, m.fold)),
    varints: v.varints.map((c) => Codec.varints(c.b64)),
    deltas: v.deltas.map((c) => Codec.undelta(c.gaps)),
  };
}

function rules(engine, probe) {
  const m = engine.manifest;
  return {
    formatVersion: Codec.FORMAT_VERSION,
    manifest: m,
    scale: engine.scale,
    // every stop word and every word shorter than minChars is dropped; longer words are kept
    stopTerms: engine.analyzer.terms(probe.stopText),
    shortTerms: engine.analyzer.terms(probe.shortText),
    acronymTerms: engine.analyzer.terms(probe.acronymText),
    keptTerms: engine.analyzer.terms(probe.keptText),
    // the scanner splits on exactly the manifest's spaces
    chunks: Query.scan(probe.spacedQuery, m.query).map((c) => c.text),
    typeLabels: m.typeLabels,
  };
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  try {
    const req = JSON.parse(input);
    const engine = core.openNode(req.dir + path.sep);
    const m = await engine.ready();
    const out = req.op === "vectors" ? vectors(m, req.vectors) : rules(engine, req.probe);
    process.stdout.write(JSON.stringify(out));
  } catch (err) {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  }
});
