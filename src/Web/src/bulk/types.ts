import type { Problem } from "../api/problem";
import type { SectionName } from "../api/sections";

/**
 * The bulk-edit API's shapes (issue 19, docs/bulk-edits.md), written from its contract while the API's OpenAPI
 * document does not describe them yet.
 */

/** Which locations a bulk edit changes: these ids, every phone with a label, every active one, or every active one in a zone. */
export type BulkTarget = { phoneIds: string[] } | { label: string } | { all: true } | { timeZone: string };

/** What a bulk edit does to each location; `undo` only appears on the edits that undo another. */
export type BulkOperation =
  | { kind: "set"; section: SectionName; fields: Record<string, unknown> }
  | { kind: "reset"; section: SectionName; fields?: string[] }
  | { kind: "copy"; section: SectionName; fromPhoneId?: string }
  | { kind: "services"; switchOff?: string[]; switchOn?: string[] }
  | { kind: "active"; isActive: boolean }
  | { kind: "undo"; of: string; force: boolean };

export interface BulkRequest {
  target: BulkTarget;
  operation: Exclude<BulkOperation, { kind: "undo" }>;
  dryRun?: boolean;
  note?: string;
}

export type FieldSource = "phone" | "business" | "system";

/** One effective field of a location, before and after (with where each value comes from, for section operations). */
export interface BulkChange {
  path: string;
  before: unknown;
  after: unknown;
  sourceBefore?: FieldSource;
  sourceAfter?: FieldSource;
}

export type BulkOutcome = "change" | "unchanged" | "fail";

export interface BulkItem {
  phoneId: string;
  displayName: string;
  outcome: BulkOutcome;
  changes: BulkChange[];
  problem?: Omit<Problem, "type" | "status"> & { type?: string; status?: number };
  /** An undo's fields that were changed again since the edit it undoes. */
  conflicts?: string[];
  /** The location's revision in History (a changed item of an applied edit). */
  revisionId?: string;
}

export interface BulkCounts {
  changed: number;
  unchanged: number;
  failed: number;
}

/** What a dry run answers: nothing is written. */
export interface BulkPreview {
  counts: BulkCounts;
  items: BulkItem[];
}

export type BulkStatus = "running" | "completed" | "failed";

export interface BulkEditSummary {
  id: string;
  businessId: string;
  status: BulkStatus;
  target: BulkTarget;
  operation: BulkOperation;
  note?: string | null;
  createdAt: string;
  createdBy: { id: string; name?: string | null };
  completedAt?: string | null;
  total: number;
  counts: BulkCounts;
  /** The bulk edit that undid this one. */
  undoneBy?: string | null;
}

/** A bulk edit with the locations done so far (all of them once it completed). */
export interface BulkEdit extends BulkEditSummary {
  items: BulkItem[];
}

/** The answer to an apply or an undo: the new bulk edit runs in the background. */
export interface BulkAccepted {
  id: string;
  statusQueryGetUri: string;
}
