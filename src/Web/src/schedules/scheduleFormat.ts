import { fieldLabel, formatValue } from "../history/historyFormat";
import { compact, sameValue } from "../settings/inheritance";
import type { ConflictPolicy, ScheduleAt, ScheduledSection, ScheduleRequest, ScheduleStatus } from "./types";

/**
 * Scheduled changes in words and the requests the dialog sends: pure, so the dialog, the Upcoming list and the
 * tests read them the same way.
 */

/**
 * What a scheduled change of the editor's draft sets: each top-level field whose value differs from the saved
 * layer's, as the draft has it; a field the draft no longer sets is null (it inherits again once applied).
 */
export function changedFields(draft: object | null | undefined, saved: object | null | undefined): Record<string, unknown> {
  const next = (compact(draft ?? {}) ?? {}) as Record<string, unknown>;
  const before = (compact(saved ?? {}) ?? {}) as Record<string, unknown>;
  const fields = new Set([...Object.keys(next), ...Object.keys(before)]);
  return Object.fromEntries([...fields].filter((field) => !sameValue({ v: next[field] }, { v: before[field] })).map((field) => [field, next[field] ?? null]));
}

/** What the dialog asks: a day and a time, in each location's own zone ("local") or in one named zone. */
export interface ScheduleForm {
  date: string;
  time: string;
  zone: "local" | string;
  onConflict: ConflictPolicy;
  note: string;
}

export function scheduleRequest(section: ScheduledSection, set: Record<string, unknown>, form: ScheduleForm): ScheduleRequest {
  const localTime = `${form.date}T${form.time}`;
  const at: ScheduleAt = form.zone === "local" ? { localTime } : { localTime, timeZone: form.zone };
  const note = form.note.trim();
  return { section, set, at, onConflict: form.onConflict, ...(note ? { note } : {}) };
}

/** The dialog's fields for a change being rescheduled; an instant is shown as a wall clock in UTC. */
export function formOf(at: ScheduleAt, onConflict: ConflictPolicy, note: string | null | undefined): ScheduleForm {
  const local = at.instant ? new Date(at.instant).toISOString().slice(0, 16) : (at.localTime ?? "");
  const zone = at.instant ? "UTC" : (at.timeZone ?? "local");
  return { date: local.slice(0, 10), time: local.slice(11, 16), zone, onConflict, note: note ?? "" };
}

/** "2027-01-04 09:00 in each location's local time", "… Europe/London", or an instant in UTC. */
export function describeAt(at: ScheduleAt): string {
  if (at.instant) return `${new Date(at.instant).toISOString().slice(0, 16).replace("T", " ")} UTC`;
  const when = (at.localTime ?? "").replace("T", " ");
  return at.timeZone ? `${when} ${at.timeZone}` : `${when} in each location's local time`;
}

/** "Mon, Jan 4, 9:00 AM EST": an instant on the wall clock of the location's zone, with the zone's abbreviation. */
export function wallClock(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(new Date(instant));
}

/** "in 2 d 4 h", "in 3 h 20 min", "in 4 min 05 s", "in 9 s"; "due now" once the time has come. */
export function countdown(dueAt: string, now: Date): string {
  const seconds = Math.ceil((Date.parse(dueAt) - now.getTime()) / 1000);
  if (seconds <= 0) return "due now";
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (days > 0) return `in ${days} d ${hours} h`;
  if (hours > 0) return `in ${hours} h ${minutes} min`;
  if (minutes > 0) return `in ${minutes} min ${String(rest).padStart(2, "0")} s`;
  return `in ${rest} s`;
}

export const statusLabels: Record<ScheduleStatus, string> = {
  pending: "Pending",
  applied: "Applied",
  skipped: "Skipped",
  failed: "Failed",
  cancelled: "Cancelled",
};

const phoneLabels: Record<string, string> = { isActive: "Active", displayName: "Display name" };

/** Each field a change sets, e.g. "Greeting: 'Happy holidays'". */
export function describeSet(section: ScheduledSection, set: Record<string, unknown>): string[] {
  return Object.entries(set).map(([path, value]) => {
    const label = section === "phone" ? (phoneLabels[path] ?? path) : fieldLabel(section, path);
    return `${label}: ${value === null ? "back to inherited" : formatValue(path, value)}`;
  });
}

/** The names of fields, as their editors label them. */
export function fieldNames(section: ScheduledSection, paths: string[]): string {
  return paths.map((path) => (section === "phone" ? (phoneLabels[path] ?? path) : fieldLabel(section, path))).join(", ");
}

/** How late it applied, when it was late enough to say. */
export function lateness(lateByMs: number | null | undefined): string {
  return typeof lateByMs === "number" && lateByMs >= 1000 ? ` (${Math.round(lateByMs / 1000)} s late)` : "";
}

/** The earliest time a change applies: to a location, or (a default change) to the defaults; else it sorts last. */
function firstDue(change: { applications: { dueAt: string }[]; defaultsDueAt?: string | null }): number {
  const times = [...change.applications.map((a) => a.dueAt), change.defaultsDueAt].filter((t): t is string => !!t).map(Date.parse);
  return times.length ? Math.min(...times) : Number.MAX_SAFE_INTEGER;
}

/** Pending changes first, soonest first; then the resolved ones, the latest first. */
export function upcomingOrder<T extends { status: ScheduleStatus; applications: { dueAt: string }[]; defaultsDueAt?: string | null }>(changes: T[]): T[] {
  const pending = changes.filter((c) => c.status === "pending").sort((a, b) => firstDue(a) - firstDue(b));
  const done = changes.filter((c) => c.status !== "pending").sort((a, b) => firstDue(b) - firstDue(a));
  return [...pending, ...done];
}
