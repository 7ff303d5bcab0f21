import { describe, expect, it } from "vitest";
import { keys } from "../api/keys";
import { staleQueries } from "./invalidation";
import type { ChangeMessage } from "./types";

const message = (overrides: Partial<ChangeMessage>): ChangeMessage => ({
  channel: "business:b1",
  type: "phone.settings.changed",
  businessId: "b1",
  phoneId: "p1",
  sections: [],
  versions: {},
  changedAt: "2026-11-28T10:00:00Z",
  changedBy: "alice",
  data: null,
  ...overrides,
});

describe("staleQueries", () => {
  it("marks the changed section of the phone, its preview and the inheritance overview stale", () => {
    const stale = staleQueries(message({ sections: ["hours"], versions: { hours: 2 } }));

    expect(stale).toEqual([keys.section("b1", "p1", "hours"), keys.inheritance("b1"), keys.preview("b1", "p1")]);
  });

  it("marks every phone's sections stale when a default changes, since inheriting phones follow it", () => {
    const stale = staleQueries(message({ type: "defaults.changed", phoneId: null, sections: ["voice"] }));

    expect(stale).toContainEqual(keys.section("b1", null, "voice"));
    expect(stale).toContainEqual(keys.sections("b1"));
  });

  it("refreshes the phone list when phones come, go or change primary", () => {
    for (const type of ["phone.added", "phone.removed", "phone.primaryChanged", "phone.updated"] as const) {
      expect(staleQueries(message({ type }))).toContainEqual(keys.phones("b1"));
    }
  });

  it("refreshes a location's staff when its assignments change", () => {
    expect(staleQueries(message({ sections: ["staff"] }))).toContainEqual(keys.phoneStaff("b1", "p1"));
  });

  it("refreshes every history list of the business when a revision is added, and nothing else", () => {
    const stale = staleQueries(message({ type: "history.added", sections: ["voice"] }));

    expect(stale).toEqual([keys.history("b1")]);
  });

  it("covers the phone's, the business's and other phones' history lists with the key it marks stale", () => {
    const [stale] = staleQueries(message({ type: "history.added", phoneId: null, sections: ["voice"] }));
    const covers = (key: readonly unknown[]) => stale!.every((part, i) => key[i] === part);

    expect(covers(keys.historyList("b1", "p1", { section: "voice" }))).toBe(true);
    expect(covers(keys.historyList("b1", "p2", { section: "voice" }))).toBe(true);
    expect(covers(keys.historyList("b1", null, {}))).toBe(true);
    expect(covers(keys.historyList("b2", null, {}))).toBe(false);
  });

  it("refreshes every scheduled-changes list of the business when a scheduled change is created, moved, cancelled or resolves", () => {
    const stale = staleQueries(message({ type: "scheduled.changed", phoneId: "p1", itemId: "sch-1", sections: ["scheduled"] }));

    expect(stale).toEqual([keys.schedules("b1")]);
  });

  it("refreshes the bulk-edit list and every bulk edit read when one starts, progresses or ends", () => {
    const [stale] = staleQueries(message({ type: "bulkEdit.changed", phoneId: null, itemId: "bulk-1", sections: ["bulkEdit"] }));
    const covers = (key: readonly unknown[]) => stale!.every((part, i) => key[i] === part);

    expect(covers(keys.bulkEditList("b1"))).toBe(true);
    expect(covers(keys.bulkEdit("b1", "bulk-1"))).toBe(true);
    expect(covers(keys.bulkEdit("b2", "bulk-1"))).toBe(false);
  });
});
