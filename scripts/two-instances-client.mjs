// The HTTP side of scripts/two-instances.sh (which starts both instances, a listener on each, and kills one):
//   setup URL TOKEN PHONES STATE            a business with PHONES phones and a staff member; writes them to STATE
//   channels STATE                          the channels to listen to: the business's and each phone's voice channel
//   round URL TOKEN STATE LABEL SECONDS LISTENED...
//                                           one change of each kind below through URL, then waits up to SECONDS
//                                           until a listener (LISTENED: the JSON-lines files of tools/MultiPhone.Listen,
//                                           one per instance) has each one's message; notes the writes, when each was
//                                           made and when its message was first seen, in STATE.writes.jsonl
//   report STATE KILLED_AT_MS TAKEOVER_S DELIVERED_S LISTENED:LINES_AT_KILL...
//                                           the counts (see report below); exits 1 when a write's message is missing,
//                                           when a message before the kill came twice, when the survivor took longer
//                                           than TAKEOVER_S to deliver a first change of a feed it took over, or longer
//                                           than DELIVERED_S to deliver every change written after the kill
// Each kind of change is routed from another container's change feed, whose lease either instance may hold.
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { apiClient, inParallel } from "./trial-client.mjs";

const [command, ...args] = process.argv.slice(2);
const read = (statePath) => JSON.parse(readFileSync(statePath, "utf8"));
const anyVersion = { "If-Match": "*" };

/** The changes a round makes: what each writes, and the message (channel, type, phone, item) that announces it. */
function changes({ business, phoneIds, staffId }, label) {
  return [
    ...phoneIds.map((phoneId, i) => ({
      feed: "settings", channel: `phone:${phoneId}:voice`, type: "phone.voice.changed", phoneId, itemId: null,
      write: (call) => call("PUT", `/businesses/${business}/phone-numbers/${phoneId}/settings/voice`, { greeting: `Greeting ${label} ${i}` }, anyVersion),
    })),
    ...phoneIds.map((phoneId, i) => ({
      feed: "phoneNumbers", channel: `business:${business}`, type: "phone.updated", phoneId, itemId: null,
      write: (call) => call("PUT", `/businesses/${business}/phone-numbers/${phoneId}`, { displayName: `Location ${i} ${label}`, timezone: "America/Chicago" }, anyVersion),
    })),
    {
      feed: "businesses", channel: `business:${business}`, type: "business.updated", phoneId: null, itemId: null,
      write: (call) => call("PUT", `/businesses/${business}`, { name: `Two instances ${label}`, companyProfile: { defaultCountry: "US" } }, anyVersion),
    },
    {
      feed: "staff", channel: `business:${business}`, type: "staff.changed", phoneId: null, itemId: staffId,
      write: (call) => call("PUT", `/businesses/${business}/staff/${staffId}`, { name: `Staff ${label}` }, anyVersion),
    },
  ];
}

/** A message's identity: the same change announced twice has the same one. */
const identity = (m) => JSON.stringify([m.channel, m.type, m.phoneId ?? null, m.itemId ?? null, m.versions, m.changedAt]);

/** The messages of the listeners' files as they grow, each with when it was first seen here. */
class Listened {
  constructor(paths) {
    this.files = paths.map((path) => ({ path, offset: 0, messages: [] }));
  }

  poll() {
    const now = Date.now();
    for (const file of this.files) {
      const text = readFileSync(file.path, "utf8");
      const end = text.lastIndexOf("\n") + 1;
      for (const line of text.slice(file.offset, end).split("\n").filter((l) => l.length > 0)) {
        file.messages.push({ ...JSON.parse(line), seenAt: now });
      }
      file.offset = end;
    }
  }

  /** The first message announcing `change` made at or after `sentAt` (a message's changedAt is when the app wrote it). */
  delivery(change, sentAt) {
    return this.files.flatMap((f) => f.messages)
      .filter((m) => m.channel === change.channel && m.type === change.type && (m.phoneId ?? null) === change.phoneId
        && (m.itemId ?? null) === change.itemId && Date.parse(m.changedAt) >= sentAt)
      .reduce((first, m) => (first === undefined || m.seenAt < first.seenAt ? m : first), undefined);
  }
}

async function setup(url, token, phones, statePath) {
  const call = apiClient(url, token);
  const business = `twoinst-${Math.random().toString(36).slice(2, 10)}`;
  await call("PUT", `/businesses/${business}`, { name: "Two instances", companyProfile: { defaultCountry: "US" } });
  await call("PUT", `/businesses/${business}/subscription`, { plan: "enterprise", maxPhoneNumbers: phones }, anyVersion);
  const phoneIds = await inParallel([...Array(phones).keys()], 4, async (i) =>
    (await call("POST", `/businesses/${business}/phone-numbers`, {
      phoneNumber: `+1312${String(5550000 + i).padStart(7, "0")}`, displayName: `Location ${i}`, timezone: "America/Chicago",
    })).id);
  const staffId = (await call("POST", `/businesses/${business}/staff`, { name: "Staff" })).id;
  writeFileSync(statePath, JSON.stringify({ business, phoneIds, staffId }));
  console.log(`${business}: ${phoneIds.length} phones and a staff member`);
}

async function round(url, token, statePath, label, seconds, paths) {
  const call = apiClient(url, token);
  const listened = new Listened(paths);
  const writes = await inParallel(changes(read(statePath), label), 4, async (change) => {
    const sentAt = Date.now();
    await change.write(call);
    return { ...change, sentAt, writtenAt: Date.now() };
  });
  const deadline = Date.now() + seconds * 1000;
  let waiting = writes;
  while (true) {
    listened.poll();
    waiting = writes.filter((w) => listened.delivery(w, w.sentAt) === undefined);
    if (waiting.length === 0 || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const w of writes) {
    const message = listened.delivery(w, w.sentAt);
    const record = { label, via: url, feed: w.feed, channel: w.channel, type: w.type, phoneId: w.phoneId, itemId: w.itemId, sentAt: w.sentAt, writtenAt: w.writtenAt,
      seenAt: message?.seenAt ?? null, message: message ? identity(message) : null };
    appendFileSync(`${statePath}.writes.jsonl`, `${JSON.stringify(record)}\n`);
  }
  const last = Math.max(...writes.map((w) => listened.delivery(w, w.sentAt)?.seenAt ?? 0));
  const first = Math.min(...writes.map((w) => w.sentAt));
  if (waiting.length > 0) {
    console.log(`round ${label}: ${waiting.length} of ${writes.length} changes not delivered within ${seconds} s: ${waiting.map((w) => `${w.type} on ${w.channel}`).join(", ")}`);
    process.exitCode = 1;
  } else {
    console.log(`round ${label}: ${writes.length} changes, every one delivered ${((last - first) / 1000).toFixed(1)} s after the first write`);
  }
}

/**
 * The counts: per instance, the messages it delivered before the kill and after, by type; every write's message
 * found or not; the messages that came more than once (across both instances) before the kill, which exactly once
 * forbids, and after it, which at least once allows; and, per feed the killed instance had routed, how long after
 * the kill the survivor delivered the first round written after it: the fastest is the takeover (lease expiry, then
 * the survivor's next look for leases), the slowest also routed what the killed instance had left unrouted before it.
 */
function report(statePath, killedAt, takeoverBound, deliveredBound, listened) {
  const files = listened.map((spec) => {
    const [path, linesAtKill] = [spec.slice(0, spec.lastIndexOf(":")), Number(spec.slice(spec.lastIndexOf(":") + 1))];
    const messages = readFileSync(path, "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l));
    return { path, before: messages.slice(0, linesAtKill), after: messages.slice(linesAtKill) };
  });
  const writes = readFileSync(`${statePath}.writes.jsonl`, "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l));
  const byType = (messages) => Object.entries(messages.reduce((n, m) => ({ ...n, [m.type]: (n[m.type] ?? 0) + 1 }), {}))
    .map(([type, n]) => `${type} ${n}`).join(", ") || "none";
  const repeats = (messages, seen = new Set()) => messages.filter((m) => {
    const id = identity(m);
    const again = seen.has(id);
    seen.add(id);
    return again;
  }).length;

  const names = ["A", "B"];
  files.forEach((f, i) => {
    console.log(`instance ${names[i]}: ${f.before.length} messages before the kill (${byType(f.before)}); ${f.after.length} after`);
  });
  const before = writes.filter((w) => w.sentAt < killedAt);
  const after = writes.filter((w) => w.sentAt >= killedAt);
  const routedBy = (w) => names[files.findIndex((f) => [...f.before, ...f.after].some((m) => identity(m) === w.message))] ?? "nobody";
  const feedsOf = (ws) => [...new Set(ws.map((w) => w.feed))];
  const routers = (ws, feed) => [...new Set(ws.filter((w) => w.feed === feed).map(routedBy))].join("+");
  const feeds = (ws) => feedsOf(ws).map((feed) => `${feed} by ${routers(ws, feed)}`).join(", ");
  const missing = writes.filter((w) => w.message === null);
  const duplicatesBefore = repeats(files.flatMap((f) => f.before));
  const duplicatesAfter = repeats(files.flatMap((f) => f.after), new Set(files.flatMap((f) => f.before).map(identity)));

  const firstRound = after.filter((w) => w.label === after[0]?.label);
  const survivor = after.length > 0 ? routedBy(after[0]) : "nobody";
  const takenOver = feedsOf(before).filter((feed) => !routers(before, feed).includes(survivor));
  const delivered = (feed) => (Math.max(...firstRound.filter((w) => w.feed === feed).map((w) => w.seenAt ?? Infinity)) - killedAt) / 1000;
  const times = takenOver.map(delivered);
  const takeover = Math.min(...times);
  const slowest = Math.max(...times);

  console.log(`before the kill: ${before.length} changes written through both, ${before.filter((w) => w.message).length} delivered; feeds routed: ${feeds(before)}`);
  console.log(`after the kill: ${after.length} changes written through the survivor, ${after.filter((w) => w.message).length} delivered; feeds routed: ${feeds(after)}`);
  console.log(`messages twice before the kill: ${duplicatesBefore} (exactly once); after it: ${duplicatesAfter} (at least once allows them)`);
  console.log(`kill -> the first round written after it delivered, per feed taken over: ${takenOver.map((feed, i) => `${feed} ${times[i].toFixed(1)} s`).join(", ") || "none"}`
    + ` (takeover bound ${takeoverBound} s for the fastest, ${deliveredBound} s for all)`);
  const problems = [
    ...(missing.length > 0 ? [`missing: ${missing.map((w) => `${w.label} ${w.type} on ${w.channel}`).join(", ")}`] : []),
    ...(duplicatesBefore > 0 ? [`${duplicatesBefore} messages twice while both ran`] : []),
    ...(takenOver.length === 0 ? ["the killed instance had routed none of the feeds written to"] : []),
    ...(takeover > takeoverBound ? [`the takeover took ${takeover.toFixed(1)} s`] : []),
    ...(slowest > deliveredBound ? [`the changes written after the kill took ${slowest.toFixed(1)} s`] : []),
  ];
  problems.forEach((problem) => console.log(problem));
  console.log(problems.length === 0 ? "realtime: every change delivered, exactly once while both ran" : "realtime: NOT every change delivered exactly once");
  process.exitCode = problems.length === 0 ? 0 : 1;
}

const commands = {
  setup: () => setup(args[0], args[1], Number(args[2]), args[3]),
  channels: () => {
    const { business, phoneIds } = read(args[0]);
    console.log([`business:${business}`, ...phoneIds.map((p) => `phone:${p}:voice`)].join("\n"));
  },
  round: () => round(args[0], args[1], args[2], args[3], Number(args[4]), args.slice(5)),
  report: () => report(args[0], Number(args[1]), Number(args[2]), Number(args[3]), args.slice(4)),
};
if (!commands[command]) {
  console.error("usage: two-instances-client.mjs setup|channels|round|report ...");
  process.exit(2);
}
await commands[command]();
