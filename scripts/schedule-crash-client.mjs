// The HTTP side of scripts/schedule-crash-test.sh (which starts, kills and restarts the app):
//   setup URL TOKEN CHANGES LEAD_SECONDS STATE   a business, CHANGES/2 phones, and CHANGES scheduled changes all due at
//                                                one instant LEAD_SECONDS ahead (a greeting and an SMS signature per
//                                                phone, each its own value); writes what it scheduled to STATE
//   pending URL TOKEN STATE                      prints how many of the changes are still pending
//   check URL TOKEN STATE                        counts: each change applied, with exactly one revision (history
//                                                ?actor=<change id>), agent-config showing its value; exits 1 otherwise
import { readFileSync, writeFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { apiClient, inParallel } from "./trial-client.mjs";

const [command, url, token, ...rest] = process.argv.slice(2);
const call = apiClient(url, token);

/** Percentile by nearest rank. */
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];

async function setup(changes, leadSeconds, statePath) {
  const business = `crash-${randomUUID().slice(0, 8)}`;
  const phoneCount = Math.ceil(changes / 2);
  await call("PUT", `/businesses/${business}`, { name: "Schedule crash trial", companyProfile: { defaultCountry: "US" } });
  await call("PUT", `/businesses/${business}/subscription`, { plan: "enterprise", maxPhoneNumbers: phoneCount }, { "If-Match": "*" });
  const zones = ["America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe"];
  const phones = await inParallel([...Array(phoneCount).keys()], 4, async (i) =>
    (await call("POST", `/businesses/${business}/phone-numbers`, {
      phoneNumber: `+1415234${String(i).padStart(4, "0")}`,
      displayName: `Crash ${i}`,
      timezone: zones[i % zones.length],
    })).id);
  const due = new Date(Math.ceil(Date.now() / 1000) * 1000 + leadSeconds * 1000).toISOString();
  const planned = [...Array(changes).keys()].map((i) => {
    const phoneId = phones[i % phoneCount];
    const [section, field] = i < phoneCount ? ["voice", "greeting"] : ["sms", "signature"];
    return { phoneId, section, field, value: `Crash trial ${field} ${i}` };
  });
  const scheduled = await inParallel(planned, 8, async (change) => {
    const body = { section: change.section, set: { [change.field]: change.value }, at: { instant: due } };
    const created = await call("POST", `/businesses/${business}/phone-numbers/${change.phoneId}/scheduled-changes`, body);
    return { ...change, id: created.id };
  });
  writeFileSync(statePath, JSON.stringify({ business, due, changes: scheduled }));
  const left = (Date.parse(due) - Date.now()) / 1000;
  console.log(`${business}: ${phoneCount} phones, ${scheduled.length} changes due at ${due} (scheduled with ${left.toFixed(1)} s to spare)`);
}

async function pending(statePath) {
  const { business } = JSON.parse(readFileSync(statePath, "utf8"));
  console.log((await call("GET", `/businesses/${business}/scheduled-changes?status=pending`)).items.length);
}

async function check(statePath) {
  const { business, due, changes } = JSON.parse(readFileSync(statePath, "utf8"));
  const results = await inParallel(changes, 4, async (change) => {
    const current = await call("GET", `/businesses/${business}/scheduled-changes/${change.id}`);
    const history = await call("GET", `/businesses/${business}/history?actor=${change.id}&pageSize=200`);
    const config = await call("GET", `/businesses/${business}/phone-numbers/${change.phoneId}/agent-config`);
    const [application] = current.applications;
    return {
      status: current.status,
      revisions: history.items.length,
      shown: config[change.section].effective[change.field] === change.value,
      lateByMs: application.lateByMs,
    };
  });
  const count = (predicate) => results.filter(predicate).length;
  const late = results.map((r) => r.lateByMs).filter((l) => l != null).sort((a, b) => a - b);
  const statuses = new Map();
  results.forEach((r) => statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1));
  const byStatus = [...statuses].map(([status, n]) => `${n} ${status}`).join(", ");
  const once = count((r) => r.revisions === 1);
  const applied = count((r) => r.status === "applied");
  const shown = count((r) => r.shown);
  console.log(`changes due at ${due}: ${changes.length}; ${byStatus}`);
  console.log(`revisions per change: exactly one ${once}, none ${count((r) => r.revisions === 0)}, more than one ${count((r) => r.revisions > 1)}`);
  console.log(`agent-config shows the value of ${shown} of ${changes.length}`);
  if (late.length > 0) {
    console.log(`lateByMs: min ${late[0]}, p50 ${percentile(late, 50)}, max ${late[late.length - 1]}`);
  }
  const ok = applied === changes.length && once === changes.length && shown === changes.length;
  console.log(ok ? "every change applied exactly once, none lost" : "NOT every change applied exactly once");
  process.exitCode = ok ? 0 : 1;
}

const commands = {
  setup: () => setup(Number(rest[0]), Number(rest[1]), rest[2]),
  pending: () => pending(rest[0]),
  check: () => check(rest[0]),
};
if (!commands[command]) {
  console.error("usage: schedule-crash-client.mjs setup|pending|check URL TOKEN ...");
  process.exit(2);
}
await commands[command]();
