#!/usr/bin/env node
// Drive one engine.js engine (warm across calls) from a JSON request on stdin:
// {"dir": "<search dir>", "calls": [{"method": "search"|"suggest"|"facets"|"parse", "args": [...]}]}
// Prints [{result, shards: [{name, bytes}] loaded by this call, ms}].
"use strict";
const path = require("path");
const js = path.join(__dirname, "..", "..", "theme", "static", "js");
const core = require(path.join(js, "engine.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", async () => {
  try {
    const req = JSON.parse(input);
    const engine = core.openNode(req.dir + path.sep);
    const out = [];
    for (const call of req.calls) {
      const before = engine.loadedShards().length;
      const t0 = process.hrtime.bigint();
      const result = await engine[call.method](...call.args);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      out.push({ result, shards: engine.loadedShards().slice(before), ms });
    }
    process.stdout.write(JSON.stringify(out));
  } catch (err) {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(1);
  }
});
