import { describe, expect, it } from "vitest";
import { bulkRequest, conflictedItems, describeBulkChange, describeCounts, describeOperation, describeTarget, failureReason, outcomeLabel, progressOf, type BulkForm } from "./bulkFormat";
import { greetingItems } from "./testData";

const form = (overrides: Partial<BulkForm> = {}): BulkForm => ({ change: "set", target: "selected", label: "", note: "", ...overrides });

describe("bulkFormat", () => {
  it("names each kind of target", () => {
    expect(describeTarget({ phoneIds: ["p1", "p2", "p3"] })).toBe("3 selected locations");
    expect(describeTarget({ phoneIds: ["p1"] })).toBe("1 selected location");
    expect(describeTarget({ label: "downtown" })).toBe("the locations labelled downtown");
    expect(describeTarget({ all: true })).toBe("every active location");
    expect(describeTarget({ timeZone: "America/Chicago" })).toBe("every active location in America/Chicago");
  });

  it("says what each kind of operation does, with the editors' field labels and the source location's name", () => {
    expect(describeOperation({ kind: "set", section: "voice", fields: { greeting: "Hello", transferNumber: null } })).toBe("Voice agent: set Greeting: 'Hello'; Transfer number: back to inherited");
    expect(describeOperation({ kind: "reset", section: "sms" })).toBe("SMS: back to the business defaults");
    expect(describeOperation({ kind: "reset", section: "voice", fields: ["greeting"] })).toBe("Voice agent: Greeting back to the business defaults");
    expect(describeOperation({ kind: "copy", section: "hours", fromPhoneId: "p1" }, () => "Oakland")).toBe("Operating hours: copied from Oakland");
    expect(describeOperation({ kind: "copy", section: "hours" })).toBe("Operating hours: copied from the business defaults");
    expect(describeOperation({ kind: "services", switchOff: ["cleaning"] })).toBe("Services: switched off cleaning");
    expect(describeOperation({ kind: "active", isActive: false })).toBe("Deactivated");
    expect(describeOperation({ kind: "undo", of: "bulk-1", force: false })).toBe("Undo of an earlier bulk edit");
    const undone = (id: string) => (id === "bulk-1" ? ({ kind: "active", isActive: false } as const) : undefined);
    expect(describeOperation({ kind: "undo", of: "bulk-1", force: true }, undefined, undone)).toBe("Undo of “Deactivated”, also where changed since");
  });

  it("writes a change before → after with where each value comes from", () => {
    const [changed] = greetingItems();

    expect(describeBulkChange("voice", changed!.changes![0]!)).toEqual({ label: "Greeting", before: "'Hi' (business default)", after: "'Hello' (this location)" });
    expect(describeBulkChange(undefined, { path: "isActive", before: true, after: false })).toEqual({ label: "Is active", before: "yes", after: "no" });
  });

  it("gives a failure's reason from its problem, naming the fields as the editors do, and an undo's conflicts", () => {
    const failed = greetingItems()[2]!;

    expect(failureReason("rules", failed)).toBe("Invalid settings · After hours: transfer to: Not a phone number.");
    expect(failureReason("voice", { ...failed, problem: { title: "Changed since", detail: "Changed again since the bulk edit: greeting.", errors: null }, conflicts: ["greeting", "agentName"] })).toBe("Changed since: Greeting, Agent name");
    expect(failureReason("voice", { ...failed, problem: undefined })).toBe("Refused");
  });

  it("words outcomes and counts as a preview (what would happen) or a result", () => {
    expect(outcomeLabel("change", true)).toBe("Would change");
    expect(outcomeLabel("fail", false)).toBe("Failed");
    expect(describeCounts({ changed: 2, unchanged: 1, failed: 1 }, true)).toBe("2 would change, 1 unchanged, 1 would fail");
    expect(describeCounts({ changed: 2, unchanged: 1, failed: 0 }, false)).toBe("2 changed, 1 unchanged, 0 failed");
  });

  it("measures progress as the locations done of the total, whole percent, an empty edit done", () => {
    expect(progressOf({ total: 3, counts: { changed: 1, unchanged: 0, failed: 0 } })).toEqual({ done: 1, total: 3, percent: 33 });
    expect(progressOf({ total: 0, counts: { changed: 0, unchanged: 0, failed: 0 } })).toEqual({ done: 0, total: 0, percent: 100 });
  });

  it("finds the locations an undo left alone because they changed since", () => {
    const items = greetingItems();
    items[2]!.conflicts = ["greeting"];

    expect(conflictedItems(items).map((i) => i.phoneId)).toEqual(["p3"]);
  });

  it("builds the request of a section editor's bulk edit: set, copy of a phone or the defaults, reset; to the selection, a label or all", () => {
    expect(bulkRequest("voice", { greeting: "Hello" }, "p1", ["p2", "p3"], form({ note: "  Spring " }))).toEqual({
      target: { phoneIds: ["p2", "p3"] },
      operation: { kind: "set", section: "voice", fields: { greeting: "Hello" } },
      note: "Spring",
    });
    expect(bulkRequest("hours", {}, "p1", [], form({ change: "copy", target: "label", label: "west-coast" }))).toEqual({
      target: { label: "west-coast" },
      operation: { kind: "copy", section: "hours", fromPhoneId: "p1" },
    });
    expect(bulkRequest("hours", {}, null, [], form({ change: "copy", target: "all" })).operation).toEqual({ kind: "copy", section: "hours" });
    expect(bulkRequest("sms", {}, "p1", ["p2"], form({ change: "reset" })).operation).toEqual({ kind: "reset", section: "sms" });
  });
});
