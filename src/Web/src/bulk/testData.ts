import type { Phone } from "../settings/SettingsContext";
import type { BulkEdit, BulkItem } from "./types";

/** A location as the API lists it, with labels. */
export function phone(id: string, displayName: string, labels: string[] = [], overrides: Partial<Phone> = {}): Phone {
  return { id, businessId: "b1", displayName, labels, phoneNumber: "+14155550134", address: null, isPrimary: false, isActive: true, timezone: "America/New_York", createdAt: "2026-12-01T00:00:00Z", updatedAt: "2026-12-01T00:00:00Z", ...overrides };
}

/** A greeting set on three locations: one changed (it inherited before), one already so, one refused. */
export function greetingItems(): BulkItem[] {
  return [
    { phoneId: "p1", displayName: "Oakland", outcome: "change", changes: [{ path: "greeting", before: "Hi", after: "Hello", sourceBefore: "business", sourceAfter: "phone" }] },
    { phoneId: "p2", displayName: "Downtown", outcome: "unchanged", changes: [] },
    { phoneId: "p3", displayName: "Airport", outcome: "fail", changes: [], problem: { title: "Invalid settings", detail: null, errors: { "afterHours.transferTo": ["Not a phone number."] } } },
  ];
}

/** A completed bulk edit of the greeting, as GET .../bulk-edits/{id} answers it. */
export function bulkEdit(overrides: Partial<BulkEdit> = {}): BulkEdit {
  return {
    id: "bulk-1",
    businessId: "b1",
    status: "completed",
    target: { label: "downtown" },
    operation: { kind: "set", section: "voice", fields: { greeting: "Hello" } },
    note: null,
    createdAt: "2026-12-06T10:00:00Z",
    createdBy: { kind: "user", id: "alice", name: "Alice" },
    completedAt: "2026-12-06T10:00:05Z",
    total: 3,
    counts: { changed: 1, unchanged: 1, failed: 1 },
    undoneBy: null,
    items: greetingItems(),
    ...overrides,
  };
}
