#!/usr/bin/env node
// Starts the local Cosmos-compatible server on loopback with keep-alive on.
// The package's own CLI answers every request with "Connection: close", which costs a TLS handshake per call.
// Usage: node cosmos-server.js [port]   (port 0 picks a free one; the chosen port is printed)
"use strict";
const { createHttpsServer } = require("@vercel/cosmosdb-server");

const port = Number.parseInt(process.argv[2] ?? "8081", 10);
const server = createHttpsServer({ keepAlive: true });
server.keepAliveTimeout = 120_000;
server.listen(port, "127.0.0.1", () => {
  console.log(`cosmos-compatible server listening on https://127.0.0.1:${server.address().port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
