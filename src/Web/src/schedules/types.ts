import type { Problem } from "../api/problem";
import type { SectionName } from "../api/sections";

/**
 * The scheduled-changes API's shapes (issue 18), written from its contract until the API's OpenAPI document has
 * them; kept in this one file so switching to the generated types touches nothing else.
 */

export type ScheduleStatus = "pending" | "applied" | "skipped" | "failed" | "cancelled";
export type ConflictPolicy = "skip" | "apply";
/** A settings section, or "phone": a phone's isActive / displayName. */
export type ScheduledSection = SectionName | "phone";

/**
 * When a change applies: one instant, or a wall-clock time in each location's zone (or in the one zone given). The
 * fields not used may come back as null.
 */
export interface ScheduleAt {
  instant?: string | null;
  localTime?: string | null;
  timeZone?: string | null;
}

export interface ScheduleRequest {
  section: ScheduledSection;
  set: Record<string, unknown>;
  at: ScheduleAt;
  onConflict: ConflictPolicy;
  note?: string;
}

/** How the change went (or will go) on one affected phone. */
export interface ScheduledApplication {
  phoneId: string;
  timeZone: string;
  dueAt: string;
  localDueAt: string;
  status: ScheduleStatus;
  appliedAt?: string | null;
  lateByMs?: number | null;
  /** The revision the change wrote; absent when nothing had to change. */
  revisionId?: string | null;
  /** Skipped: the fields someone changed after it was scheduled. */
  conflicts?: string[] | null;
  /** Failed: why. */
  problem?: Pick<Problem, "title" | "detail" | "errors"> | null;
}

export interface ScheduledChange {
  id: string;
  businessId: string;
  /** Absent (or null): a change of the business defaults. */
  phoneId?: string | null;
  section: ScheduledSection;
  set: Record<string, unknown>;
  at: ScheduleAt;
  onConflict: ConflictPolicy;
  note?: string | null;
  status: ScheduleStatus;
  createdAt: string;
  createdBy: { kind: string; id: string; name?: string; role?: string };
  updatedAt: string;
  version: number;
  applications: ScheduledApplication[];
}

export interface ScheduledChangeList {
  items: ScheduledChange[];
}
