import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { historyConflicts, type HistoryEntry } from "./historyApi";
import { actorLabel, conflictLines, dayToInstant, describeChange, fieldLabel, formatValue, relativeTime } from "./historyFormat";
import { reachOf, targetOf } from "./historyTargets";

const entry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: "rev-1",
  at: "2026-12-06T17:00:00Z",
  actor: { kind: "user", id: "alice", name: "Alice Smith", role: "editor" },
  target: { kind: "phoneSection", phoneId: "p1", section: "voice" },
  operation: "update",
  changes: [{ path: "greeting", before: "Hello", after: "Hi" }],
  requestId: null,
  inherited: null,
  restoredFrom: null,
  affectedPhoneIds: null,
  unaffectedPhoneIds: null,
  ...overrides,
});

describe("a change in words", () => {
  it("names the field as its editor does and quotes text before and after", () => {
    expect(describeChange("voice", { path: "greeting", before: "Hello", after: "Hi" }).text).toBe("Greeting: 'Hello' → 'Hi'");
  });

  it("says a field that did not exist before, or no longer does, is not set", () => {
    expect(describeChange("sms", { path: "signature", after: "Harbor Dental" }).text).toBe("Signature: not set → 'Harbor Dental'");
    expect(describeChange("voice", { path: "recordCalls", before: true, after: null }).text).toBe("Record calls: yes → not set");
  });

  it("reads nested paths under a known field, and unknown paths as words", () => {
    expect(fieldLabel("rules", "afterHours.transferTo")).toBe("After hours: transfer to");
    expect(fieldLabel("hours", "weekly.monday")).toBe("Weekly hours: Monday");
    expect(fieldLabel("rules", "escalation.phoneNumber")).toBe("Escalation: phone number");
    expect(fieldLabel(undefined, "displayName")).toBe("Display name");
  });

  it("summarizes the weekly hours by day and a day's periods below them", () => {
    const weekly = [
      { day: "monday", open: "09:00", close: "17:00" },
      { day: "friday", open: "22:00", close: "02:00" },
    ];
    expect(formatValue("weekly", weekly)).toBe(
      "Mon 09:00–17:00; Tue Closed; Wed Closed; Thu Closed; Fri 22:00–02:00 (next day); Sat Closed; Sun Closed",
    );
    expect(formatValue("weekly.monday", [{ open: "08:00", close: "12:00" }])).toBe("08:00–12:00");
  });

  it("counts rules, lists plain values and describes objects field by field", () => {
    expect(formatValue("rules", [{ when: "a", action: "transfer" }, { when: "b", action: "answer" }])).toBe("2 rules");
    expect(formatValue("refusedTopics", ["politics", "prices"])).toBe("'politics', 'prices'");
    expect(formatValue("refusedTopics", [])).toBe("none");
    expect(formatValue("afterHours", { action: "transfer", transferTo: "+14155550100", message: null })).toBe("action 'transfer', transfer to '+14155550100'");
    expect(formatValue("speakingRate", 1.25)).toBe("1.25");
  });

  it("shortens long text so one entry stays readable", () => {
    const shown = formatValue("instructions", "x".repeat(500));

    expect(shown.length).toBeLessThanOrEqual(122);
    expect(shown.endsWith("…'")).toBe(true);
  });
});

describe("who and when", () => {
  it("names a user by name, else by subject, and a run by its kind", () => {
    expect(actorLabel({ kind: "user", id: "alice", name: "Alice Smith" })).toBe("Alice Smith");
    expect(actorLabel({ kind: "user", id: "alice" })).toBe("alice");
    expect(actorLabel({ kind: "migration", id: "run-7" })).toBe("Migration (run-7)");
  });

  it("says how long ago, in the largest whole unit", () => {
    const now = new Date("2026-12-06T17:00:00Z");

    expect(relativeTime("2026-12-06T16:59:40Z", now)).toBe("just now");
    expect(relativeTime("2026-12-06T16:55:00Z", now)).toBe("5 minutes ago");
    expect(relativeTime("2026-12-06T14:00:00Z", now)).toBe("3 hours ago");
    expect(relativeTime("2026-12-05T17:00:00Z", now)).toBe("yesterday");
    expect(relativeTime("2026-11-20T17:00:00Z", now)).toBe("2 weeks ago");
  });

  it("turns the filter's days into instants: the start of the first, the end of the last", () => {
    expect(dayToInstant("2026-12-01")).toBe(new Date(2026, 11, 1).toISOString());
    expect(dayToInstant("2026-12-31", true)).toBe(new Date(2027, 0, 1).toISOString());
    expect(dayToInstant("")).toBeUndefined();
  });
});

describe("an undo that conflicts with later changes", () => {
  it("names each field, the value a later change gave it and the one undoing would put back", () => {
    const lines = conflictLines("voice", ["greeting"], entry(), { greeting: "Hey there" });

    expect(lines).toEqual(["Greeting: changed later to 'Hey there'; undoing sets it back to 'Hello'"]);
  });

  it("still names a conflicting field the entry itself does not list", () => {
    expect(conflictLines("voice", ["agentName"], entry(), {})).toEqual(["Agent name: changed later to not set"]);
  });

  it("reads the conflicting fields from the API's history-conflict problem only", () => {
    const conflict = new ApiError({ type: "urn:multiphone:problem:history-conflict", status: 409, conflicts: ["greeting"] });
    const stale = new ApiError({ type: "urn:multiphone:problem:precondition-failed", status: 412 });

    expect(historyConflicts(conflict)).toEqual(["greeting"]);
    expect(historyConflicts(stale)).toBeNull();
    expect(historyConflicts(new Error("network"))).toBeNull();
  });
});

describe("what a business-wide entry is about", () => {
  const names = (id: string) => ({ p1: "Mission", p2: "Downtown" })[id] ?? id;

  it("links a location's section and a default section to their editors", () => {
    expect(targetOf(entry(), "b1", names)).toEqual({ label: "Mission · Voice agent", href: "/b/b1/phones/p1/voice" });
    expect(targetOf(entry({ target: { kind: "defaultSection", section: "hours" } }), "b1", names)).toEqual({
      label: "Business defaults · Operating hours",
      href: "/b/b1/defaults/hours",
    });
  });

  it("does not link a location that was removed", () => {
    expect(targetOf(entry({ target: { kind: "phone", phoneId: "p9" }, operation: "delete" }), "b1", names)).toEqual({ label: "Location p9" });
  });

  it("says how many locations a default change reached and which override it", () => {
    const change = entry({ target: { kind: "defaultSection", section: "voice" }, affectedPhoneIds: ["p1"], unaffectedPhoneIds: ["p2"] });

    expect(reachOf(change, names)).toBe("Affects 1 location; 1 overrides it (Downtown).");
    expect(reachOf(entry({ target: { kind: "defaultSection", section: "voice" }, affectedPhoneIds: ["p1", "p2"], unaffectedPhoneIds: [] }), names)).toBe(
      "Affects 2 locations.",
    );
    expect(reachOf(entry(), names)).toBeNull();
  });
});
