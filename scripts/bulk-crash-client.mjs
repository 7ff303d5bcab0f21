// The HTTP side of scripts/bulk-crash-test.sh (which starts, kills and restarts the app):
//   setup URL TOKEN LOCATIONS STATE   a business with LOCATIONS phones; writes them to STATE
//   start URL TOKEN STATE             starts a bulk edit of the greeting of every location; adds its id and the
//                                     greeting to STATE
//   progress URL TOKEN STATE          prints the edit's status and how many locations are done ("running 150")
//   check URL TOKEN STATE KILLED_AT   the edit completed, its result lists every location once as changed, each
//                                     location has exactly one revision by the edit (history ?actor=<edit id>) and
//                                     shows the new greeting; exits 1 otherwise. Also counts the revisions made
//                                     before KILLED_AT (the kill): those beyond the batches done then were written
//                                     by batches the kill cut short, which the run after the restart must not repeat
import { readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { apiClient, inParallel } from "./trial-client.mjs";

const [command, url, token, ...rest] = process.argv.slice(2);
const call = apiClient(url, token);

const read = (statePath) => JSON.parse(readFileSync(statePath, "utf8"));

async function setup(locations, statePath) {
  const business = `bulkcrash-${randomUUID().slice(0, 8)}`;
  const started = Date.now();
  await call("PUT", `/businesses/${business}`, { name: "Bulk edit crash trial", companyProfile: { defaultCountry: "US" } });
  await call("PUT", `/businesses/${business}/subscription`, { plan: "enterprise", maxPhoneNumbers: locations }, { "If-Match": "*" });
  const phoneIds = await inParallel([...Array(locations).keys()], 8, async (i) =>
    (await call("POST", `/businesses/${business}/phone-numbers`, {
      phoneNumber: `+1415${String(2340000 + i).padStart(7, "0")}`,
      displayName: `Crash ${String(i).padStart(4, "0")}`,
      timezone: "America/Los_Angeles",
      labels: ["crash-trial"],
    })).id);
  writeFileSync(statePath, JSON.stringify({ business, phoneIds }));
  console.log(`${business}: ${phoneIds.length} locations created in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function start(statePath) {
  const state = read(statePath);
  const greeting = `Crash trial greeting ${randomUUID().slice(0, 8)}`;
  const started = await call("POST", `/businesses/${state.business}/bulk-edits`, {
    target: { label: "crash-trial" },
    operation: { kind: "set", section: "voice", fields: { greeting } },
  });
  writeFileSync(statePath, JSON.stringify({ ...state, editId: started.id, greeting }));
  console.log(`started bulk edit ${started.id}`);
}

async function progress(statePath) {
  const { business, editId } = read(statePath);
  const edit = await call("GET", `/businesses/${business}/bulk-edits`);
  const summary = edit.items.find((e) => e.id === editId);
  const { changed, unchanged, failed } = summary.counts;
  console.log(`${summary.status} ${changed + unchanged + failed}`);
}

/** Every revision by the edit, page after page of the business's history. */
async function revisionsBy(business, editId) {
  const revisions = [];
  let continuation;
  do {
    const query = `actor=${encodeURIComponent(editId)}&pageSize=200${continuation ? `&continuationToken=${encodeURIComponent(continuation)}` : ""}`;
    const page = await call("GET", `/businesses/${business}/history?${query}`);
    revisions.push(...page.items);
    continuation = page.continuationToken;
  } while (continuation);
  return revisions;
}

async function check(statePath, killedAt) {
  const { business, phoneIds, editId, greeting } = read(statePath);
  const edit = await call("GET", `/businesses/${business}/bulk-edits/${editId}`);
  const listed = new Map();
  for (const item of edit.items) listed.set(item.phoneId, (listed.get(item.phoneId) ?? 0) + 1);
  const changedItems = edit.items.filter((item) => item.outcome === "change" && item.revisionId).length;
  const listedOnce = phoneIds.filter((id) => listed.get(id) === 1).length;

  const revisions = await revisionsBy(business, editId);
  const perPhone = new Map();
  for (const revision of revisions) perPhone.set(revision.target.phoneId, (perPhone.get(revision.target.phoneId) ?? 0) + 1);
  const once = phoneIds.filter((id) => perPhone.get(id) === 1).length;
  const none = phoneIds.filter((id) => !perPhone.has(id)).length;
  const twice = phoneIds.filter((id) => perPhone.get(id) > 1).length;

  const shown = (await inParallel(phoneIds, 8, async (id) =>
    (await call("GET", `/businesses/${business}/phone-numbers/${id}/settings/voice`)).effective.greeting === greeting)).filter(Boolean).length;

  const beforeKill = revisions.filter((revision) => Date.parse(revision.at) < Date.parse(killedAt)).length;

  const { changed, unchanged, failed } = edit.counts;
  console.log(`bulk edit ${editId}: status ${edit.status}; counts changed ${changed}, unchanged ${unchanged}, failed ${failed}`);
  console.log(`result lists ${edit.items.length} items: ${listedOnce} of ${phoneIds.length} locations exactly once, ${changedItems} changed with a revision`);
  console.log(`revisions by the edit: ${revisions.length} (${beforeKill} made before the kill); locations with exactly one ${once}, none ${none}, more than one ${twice}`);
  console.log(`the new greeting shows at ${shown} of ${phoneIds.length} locations`);
  const n = phoneIds.length;
  const ok = edit.status === "completed" && changed === n && edit.items.length === n && listedOnce === n && changedItems === n
    && revisions.length === n && once === n && shown === n;
  console.log(ok ? "every location changed exactly once, all listed, none lost" : "NOT every location changed exactly once");
  process.exitCode = ok ? 0 : 1;
}

const commands = {
  setup: () => setup(Number(rest[0]), rest[1]),
  start: () => start(rest[0]),
  progress: () => progress(rest[0]),
  check: () => check(rest[0], rest[1]),
};
if (!commands[command]) {
  console.error("usage: bulk-crash-client.mjs setup|start|progress|check URL TOKEN ...");
  process.exit(2);
}
await commands[command]();
