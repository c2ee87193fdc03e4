// Oxigraph as a second SPARQL 1.1 engine for medkg's portability test (OxigraphPortabilityTest).
// Usage: node sparql.mjs FILE.nq
// Loads the N-Quads dump into an in-memory Store (the default graph stays the default graph; named graphs stay
// named), prints {"quads": N, "loadMillis": T}, then answers one query per stdin line, {"query": "..."}, with one
// stdout line: {"results": "<application/sparql-results+json text>"} or {"error": "..."}.
import fs from "node:fs";
import readline from "node:readline";
import oxigraph from "oxigraph";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node sparql.mjs FILE.nq");
  process.exit(2);
}
const store = new oxigraph.Store();
const t0 = performance.now();
store.load(fs.readFileSync(file, "utf8"), { format: "application/n-quads" });
console.log(JSON.stringify({ quads: store.size, loadMillis: Math.round(performance.now() - t0) }));

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let answer;
  try {
    const { query } = JSON.parse(line);
    answer = { results: store.query(query, { results_format: "application/sparql-results+json" }) };
  } catch (e) {
    answer = { error: String(e && e.message ? e.message : e) };
  }
  console.log(JSON.stringify(answer));
}
