import react from "@vitejs/plugin-react";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * The CSP of public/staticwebapp.config.json (the console's one list of security headers: the Static Web App applies
 * it, the standalone app reads it from the build) with `origin` added to connect-src.
 */
export function allowConnectionsTo(csp: string, origin: string): string {
  const directives = csp.split(";").map((directive) => directive.trim());
  const connect = directives.findIndex((directive) => directive.startsWith("connect-src "));
  if (connect < 0) throw new Error(`The console's content security policy has no connect-src: ${csp}`);
  directives[connect] += ` ${origin}`;
  return directives.join("; ");
}

// A console built to call the API on another origin (VITE_API_BASE_URL: the Function App, in Azure) must be allowed
// to connect there: the build's copy of the Static Web App configuration says so.
function allowApiOrigin(): Plugin {
  let apiBaseUrl = "";
  return {
    name: "allow-api-origin",
    apply: "build",
    configResolved: (config) => {
      apiBaseUrl = config.env.VITE_API_BASE_URL ?? "";
    },
    writeBundle: ({ dir }) => {
      if (!URL.canParse(apiBaseUrl) || !dir) return;
      const file = join(dir, "staticwebapp.config.json");
      const config = JSON.parse(readFileSync(file, "utf8"));
      config.globalHeaders["content-security-policy"] = allowConnectionsTo(config.globalHeaders["content-security-policy"], new URL(apiBaseUrl).origin);
      writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    },
  };
}

// VITE_API_BASE_URL (build time) points the console at the API; empty means the same origin (the standalone app).
export default defineConfig({
  plugins: [react(), allowApiOrigin()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
  server: {
    // `npm run dev` proxies the API of scripts/run.sh.
    proxy: { "/api": "http://localhost:7071" },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    // Absolute API URLs, so unit tests can answer them with a stubbed fetch.
    env: { VITE_API_BASE_URL: "http://api.test" },
  },
});
