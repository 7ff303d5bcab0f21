// Starts what the browser tests run against: a Cosmos-compatible server and Azurite (the Durable backend's storage) of
// their own on free ports and the built app with its development data (tools/MultiPhone.DevData: Release,
// Development settings, the demo business seeded before it listens) on E2E_PORT, serving the built console. Playwright's
// webServer starts this and stops it; stopping it stops both.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const port = process.env.E2E_PORT;
const app = `${root}tools/MultiPhone.DevData/bin/Release/net10.0/MultiPhone.DevData.dll`;
if (!port) throw new Error("E2E_PORT is not set (playwright.config.ts sets it).");
if (!existsSync(app)) throw new Error(`${app} is missing: build the solution in Release first (scripts/test.sh does).`);
if (!existsSync(`${root}src/Web/dist/index.html`)) throw new Error("The console is not built: run `npm run build` in src/Web.");

const children = [];
const stop = () => {
  children.forEach((child) => child.kill("SIGTERM"));
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

const cosmos = spawn(process.execPath, ["cosmos-server.js", "0"], { cwd: `${root}tools/emulators`, stdio: ["ignore", "pipe", "inherit"] });
children.push(cosmos);
const firstLine = await new Promise((resolve, reject) => {
  createInterface({ input: cosmos.stdout }).once("line", resolve);
  cosmos.once("exit", (code) => reject(new Error(`The Cosmos server exited (${code})`)));
});
const endpoint = /listening on (https:\S+)/.exec(firstLine)?.[1];
if (!endpoint) throw new Error(`Unexpected first line from the Cosmos server: ${firstLine}`);
cosmos.stdout.resume();

const azurite = spawn(
  `${root}tools/emulators/node_modules/.bin/azurite`,
  ["--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck", "--blobPort", "0", "--queuePort", "0", "--tablePort", "0"],
  { cwd: `${root}tools/emulators`, stdio: ["ignore", "pipe", "inherit"] },
);
children.push(azurite);
const storagePorts = await new Promise((resolve, reject) => {
  const ports = {};
  createInterface({ input: azurite.stdout }).on("line", (line) => {
    const match = /Azurite (Blob|Queue|Table) service is successfully listening at http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
    if (match) ports[match[1]] = match[2];
    if (ports.Blob && ports.Queue && ports.Table) resolve(ports);
  });
  azurite.once("exit", (code) => reject(new Error(`Azurite exited (${code})`)));
});
// Azurite's published development account key: local emulator only, not a secret.
const storage = [
  "DefaultEndpointsProtocol=http",
  "AccountName=devstoreaccount1",
  "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
  ...["Blob", "Queue", "Table"].map((service) => `${service}Endpoint=http://127.0.0.1:${storagePorts[service]}/devstoreaccount1`),
].join(";");

const api = spawn("dotnet", [app, "--urls", `http://127.0.0.1:${port}`], {
  cwd: `${root}src/Functions`,
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    ASPNETCORE_ENVIRONMENT: "Development",
    Cosmos__Endpoint: endpoint,
    Cosmos__Database: "e2e",
    AzureWebJobsStorage: storage,
    Demo__Seed: "true",
    Demo__TokensFile: "",
    Logging__LogLevel__Default: "Warning",
  },
});
children.push(api);
api.once("exit", (code) => {
  console.error(`The app exited (${code}).`);
  stop();
});
