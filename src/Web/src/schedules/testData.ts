import type { ScheduledApplication, ScheduledChange } from "./types";

/** A scheduled change as the API answers it: a greeting for one New York location, pending unless told otherwise. */
export function scheduledChange(overrides: Partial<ScheduledChange> = {}, application: Partial<ScheduledApplication> = {}): ScheduledChange {
  return {
    id: "sch-1",
    businessId: "b1",
    phoneId: "p1",
    section: "voice",
    set: { greeting: "Happy new year" },
    at: { localTime: "2027-01-04T09:00" },
    onConflict: "skip",
    status: "pending",
    createdAt: "2026-12-06T10:00:00Z",
    createdBy: { kind: "user", id: "alice", name: "Alice" },
    updatedAt: "2026-12-06T10:00:00Z",
    version: 3,
    applications: [{ phoneId: "p1", timeZone: "America/New_York", dueAt: "2027-01-04T14:00:00Z", localDueAt: "2027-01-04T09:00", status: "pending", ...application }],
    ...overrides,
  };
}

/** jsdom has <dialog> without its modal methods; the browser's open and close, as far as the tests need them. */
export function supportDialogs(): void {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
}
