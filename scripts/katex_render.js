// Typesets TeX with KaTeX at build time, so pages ship finished math and no math JavaScript.
// Protocol: one JSON request per line on stdin, {"tex": "...", "display": true|false};
// one JSON answer per line on stdout, {"html": "..."} or {"error": "..."}.
// Started by scripts/math_render.py; KaTeX comes from node_modules (package-lock.json).
"use strict";
const path = require("path");
const readline = require("readline");
const katex = require(path.join(__dirname, "..", "node_modules", "katex"));

const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = { html: katex.renderToString(tex, { displayMode: display, throwOnError: true, output: "htmlAndMathml" }) };
  } catch (error) {
    answer = { error: error.message };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
