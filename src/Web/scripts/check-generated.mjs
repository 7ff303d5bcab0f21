// Fails when src/api/schema.gen.ts is not what openapi-typescript makes of docs/openapi/v2.json.
// Fix with `npm run generate` (in src/Web) and commit the result.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const document = new URL("../../../docs/openapi/v2.json", import.meta.url);
const generated = new URL("../src/api/schema.gen.ts", import.meta.url);
// With the enums' values as arrays too: the console takes its list of settings sections from one (src/api/sections.ts).
const expected = astToString(await openapiTS(JSON.parse(readFileSync(document, "utf8")), { enumValues: true }));
const committed = readFileSync(generated, "utf8");
// The CLI adds a banner; compare what follows it.
if (!committed.endsWith(expected)) {
  console.error(`${fileURLToPath(generated)} is out of date with docs/openapi/v2.json: run \`npm run generate\` in src/Web and commit it.`);
  process.exit(1);
}
console.log("Generated API client is up to date with docs/openapi/v2.json");
