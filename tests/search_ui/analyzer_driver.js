// Runs theme/static/js/analyzer.js in Node for the parity tests: JSON request on stdin,
// JSON answer on stdout. Requests: {"op": "stem"|"lower"|"tokenize"|"analyze"|"wordbits", ...};
// "analyze" also takes "rules", the manifest's analyzer rules (export.client_rules()).
"use strict";
const path = require("path");
const P = require(path.resolve(__dirname, "../../theme/static/js/analyzer.js"));

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const req = JSON.parse(input);
  let out;
  if (req.op === "stem") {
    out = req.words.map((w) => P.stem(w));
  } else if (req.op === "lower") {
    out = req.strings.map((s) => P.lower(s));
  } else if (req.op === "analyze") {
    // Offsets converted to code point indices, which is what Whoosh reports.
    const analyzer = P.create(req.rules);
    out = req.texts.map((text) => analyzer.analyze(text).map((t) => [
      t.text, t.pos, Array.from(text.slice(0, t.start)).length,
      Array.from(text.slice(0, t.end)).length,
    ]));
  } else if (req.op === "wordbits") {
    // One character per code point: "1" when analyzer.js treats it as \w.
    const parts = [];
    for (let cp = 0; cp < 0x110000; cp++) parts.push(P.isWordCodePoint(cp) ? "1" : "0");
    out = parts.join("");
  } else if (req.op === "tokenize") {
    out = req.texts.map((text) => P.tokenize(text).map((t) => t.text));
  } else {
    throw new Error("unknown op " + req.op);
  }
  process.stdout.write(JSON.stringify(out));
});
