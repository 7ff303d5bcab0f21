import type { Schemas } from "../api/client";
import type { SectionName } from "../api/sections";

/**
 * The bulk-edit API's shapes (issue 19), from the API's OpenAPI document. The document types a target and an
 * operation each as one object whose members are all optional; the API takes and sends exactly one kind of each,
 * as these unions say.
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

export type BulkRequest = Omit<Schemas["BulkEditInput"], "target" | "operation"> & { target: BulkTarget; operation: Exclude<BulkOperation, { kind: "undo" }> };

export type FieldSource = Schemas["SettingSource"];
/** One effective field of a location, before and after (absent: no value), with where each value comes from for section operations: History's field change. */
export type BulkChange = Schemas["FieldChange"];
export type BulkOutcome = Schemas["BulkOutcome"];
/** A location's outcome; the API leaves out empty members (`changes`, and `displayName` of an unknown id). */
export type BulkItem = Schemas["BulkItem"];
export type BulkCounts = Schemas["BulkCounts"];
/** What a dry run answers: nothing is written. */
export type BulkPreview = Schemas["BulkPreview"];
export type BulkStatus = Schemas["BulkEditStatus"];
/** The answer to an apply or an undo: the new bulk edit runs in the background. */
export type BulkAccepted = Schemas["BulkEditStarted"];

export type BulkEditSummary = Omit<Schemas["BulkEditResponse"], "target" | "operation" | "items"> & { target: BulkTarget; operation: BulkOperation };

/** A bulk edit with the locations done so far (all of them once it completed). */
export type BulkEdit = BulkEditSummary & { items: BulkItem[] };
