#!/usr/bin/env node
// Starts the local Cosmos-compatible server on loopback with keep-alive on.
// The package's own CLI answers every request with "Connection: close", which costs a TLS handshake per call.
// It counts the requests it serves by kind, for `scripts/bench.sh idle` (what an idle app costs Cosmos):
// GET /_emulator/requests answers the counts so far as JSON (and is not counted itself).
// Usage: node cosmos-server.js [port]   (port 0 picks a free one; the chosen port is printed)
"use strict";
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = Number.parseInt(process.argv[2] ?? "8081", 10);
const server = createHttpsServer({ keepAlive: true });
server.keepAliveTimeout = 120_000;

// A request's kind: its method, the container it names (if any), what it asks for, and whether it reads the change
// feed, is a query, a query plan or a transactional batch (all three are POSTs to docs, told apart by a header).
const flagged = (req, header) => String(req.headers[header] ?? "").toLowerCase() === "true";
const kind = (req) => {
  const path = (req.url ?? "").split("?")[0].split("/").filter((s) => s.length > 0);
  const colls = path.indexOf("colls");
  const container = colls >= 0 && colls + 1 < path.length ? decodeURIComponent(path[colls + 1]) : "";
  const resource = path.length % 2 === 1 ? path[path.length - 1] : path[path.length - 2] ?? "";
  const feed = req.headers["a-im"] ? " change-feed" : "";
  const what = flagged(req, "x-ms-cosmos-is-query-plan-request") ? " query-plan"
    : flagged(req, "x-ms-documentdb-isquery") ? " query"
    : flagged(req, "x-ms-cosmos-is-batch-request") ? " batch"
    : "";
  return `${req.method} ${container}${container ? "/" : ""}${resource}${feed}${what}`;
};
const served = new Map();
const [serve] = server.listeners("request");
server.removeAllListeners("request");
server.on("request", (req, res) => {
  if (req.method === "GET" && req.url === "/_emulator/requests") {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(Object.fromEntries(served)));
    return;
  }
  const k = kind(req);
  served.set(k, (served.get(k) ?? 0) + 1);
  serve(req, res);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos-compatible server listening on https://127.0.0.1:${server.address().port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
