import { api, unwrap, type Schemas } from "../api/client";
import type { ScheduledChange, ScheduleRequest, ScheduleStatus } from "./types";

/**
 * Every call of the scheduled-changes API (docs/scheduled-changes.md) the console makes: a phone's changes and the
 * business's, creating, rescheduling and cancelling one.
 */

/** A change's ETag, which If-Match takes: its version, as the API sends it. */
export function scheduleETag(change: ScheduledChange): string {
  return `"v${change.version}"`;
}

// The document's ScheduledChange, with the section, status and fields the API sends (see types.ts).
const asChange = (body: unknown) => body as ScheduledChange;
// The request as the document types it (its `set` an object without fields).
const asInput = (request: ScheduleRequest) => request as unknown as Schemas["ScheduledChangeInput"];

/**
 * The changes that reach a phone (its own and the defaults' with an application for it), or all of the business's
 * (null), soonest first.
 */
export async function readSchedules(businessId: string, phoneId: string | null, status?: ScheduleStatus): Promise<ScheduledChange[]> {
  const list =
    phoneId === null
      ? await unwrap(api.GET("/api/v2/businesses/{businessId}/scheduled-changes", { params: { path: { businessId }, query: { status } } }))
      : await unwrap(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/scheduled-changes", { params: { path: { businessId, phoneId }, query: { status } } }));
  return list.items.map(asChange);
}

/** Schedules a change of a phone's own layer (phoneId), or of the business defaults (null). */
export async function createSchedule(businessId: string, phoneId: string | null, request: ScheduleRequest): Promise<ScheduledChange> {
  const body = asInput(request);
  const call =
    phoneId === null
      ? api.POST("/api/v2/businesses/{businessId}/scheduled-changes", { params: { path: { businessId } }, body })
      : api.POST("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/scheduled-changes", { params: { path: { businessId, phoneId } }, body });
  return asChange(await unwrap(call));
}

/** Moves a pending change to another time (and policy, note); 412 when it changed meanwhile, 409 once it applied. */
export async function rescheduleChange(change: ScheduledChange, request: ScheduleRequest): Promise<ScheduledChange> {
  const body = asInput(request);
  const { businessId, id: changeId, phoneId } = change;
  const header = { "If-Match": scheduleETag(change) };
  const call = phoneId
    ? api.PUT("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/scheduled-changes/{changeId}", { params: { path: { businessId, phoneId, changeId }, header }, body })
    : api.PUT("/api/v2/businesses/{businessId}/scheduled-changes/{changeId}", { params: { path: { businessId, changeId }, header }, body });
  return asChange(await unwrap(call));
}

/** Cancels a pending change; it stays listed as cancelled. */
export async function cancelChange(change: ScheduledChange): Promise<void> {
  const { businessId, id: changeId, phoneId } = change;
  await unwrap(
    phoneId
      ? api.DELETE("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/scheduled-changes/{changeId}", { params: { path: { businessId, phoneId, changeId } } })
      : api.DELETE("/api/v2/businesses/{businessId}/scheduled-changes/{changeId}", { params: { path: { businessId, changeId } } }),
  );
}
