import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// VITE_API_BASE_URL (build time) points the console at the API; empty means the same origin (the standalone app).
export default defineConfig({
  plugins: [react()],
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
