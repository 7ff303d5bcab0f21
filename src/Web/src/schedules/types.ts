import type { Schemas } from "../api/client";
import type { SectionName } from "../api/sections";

/**
 * The scheduled-changes API's shapes (issue 18), from the API's OpenAPI document. The document types a change's
 * section as a string, its status as optional and its fields (`set`, a JsonObject) as an object without fields; the
 * API always sends the status, only these sections, and `set` as the section's fields.
 */

export type ScheduleStatus = Schemas["ScheduleStatus"];
export type ConflictPolicy = Schemas["ConflictPolicy"];
/** A settings section, or "phone": a phone's isActive / displayName. */
export type ScheduledSection = SectionName | "phone";

/** When a change applies: one instant, or a wall-clock time in each location's zone (or in the one zone given). */
export type ScheduleAt = Schemas["ScheduleTime"];

/** A section's fields, as in its PUT body: only the ones to change. */
export type ScheduledFields = Record<string, unknown>;

export type ScheduleRequest = Omit<Schemas["ScheduledChangeInput"], "section" | "set"> & { section: ScheduledSection; set: ScheduledFields };

/** How the change went (or will go) on one affected phone. */
export type ScheduledApplication = Schemas["ScheduleApplication"];

export type ScheduledChange = Omit<Schemas["ScheduledChange"], "section" | "status" | "set"> & { section: ScheduledSection; status: ScheduleStatus; set: ScheduledFields };
