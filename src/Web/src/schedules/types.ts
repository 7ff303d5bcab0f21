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

/** When a change applies: one instant, or a wall-clock time in each location's zone (or in the one zone given). */
export type ScheduleAt = { instant: string } | { localTime: string; timeZone?: string };

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
  appliedAt?: string;
  lateByMs?: number;
  /** The revision the change wrote; absent when nothing had to change. */
  revisionId?: string;
  /** Skipped: the fields someone changed after it was scheduled. */
  conflicts?: string[];
  /** Failed: why. */
  problem?: Pick<Problem, "title" | "detail" | "errors">;
}

export interface ScheduledChange {
  id: string;
  businessId: string;
  /** Absent: a change of the business defaults. */
  phoneId?: string;
  section: ScheduledSection;
  set: Record<string, unknown>;
  at: ScheduleAt;
  onConflict: ConflictPolicy;
  note?: string;
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
