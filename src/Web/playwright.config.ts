import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";

// One free port, chosen once: workers load this file again and inherit the variable.
process.env.E2E_PORT ||= execFileSync(process.execPath, [
  "-e",
  "const s = require('net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })",
])
  .toString()
  .trim();
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  // Workers take tests in the order of these projects. The scheduled-change tests go first: one of them waits a minute
  // or more for its change to fall due, and the other worker runs the rest meanwhile (last, it ran alone at the end).
  projects: [
    { name: "schedules", testMatch: "schedules.spec.ts" },
    { name: "console", testIgnore: "schedules.spec.ts" },
  ],
  globalSetup: "./e2e/globalSetup.ts",
  use: {
    baseURL,
    trace: "off",
    launchOptions: {
      // Debian's Chromium (scripts install it); the machine's closed network needs the background traffic off.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "node e2e/server.mjs",
    url: `${baseURL}/api/health/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
