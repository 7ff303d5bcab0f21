import { api, unwrap } from "../api/client";
import type { ScheduledChange, ScheduledChangeList, ScheduleRequest, ScheduleStatus } from "./types";

/**
 * Every call of the scheduled-changes API (issue 18, SCHEDULES-API.md) the console makes: a phone's changes and the
 * business's, creating, rescheduling and cancelling one. Through the console's client (its auth and 401 handling)
 * on raw paths, since the API's document does not describe these routes yet.
 */

type Init = { body?: unknown; headers?: Record<string, string>; params?: { query?: Record<string, string | undefined> } };
type Call = (path: string, init?: Init) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
const raw = api as unknown as Record<"GET" | "POST" | "PUT" | "DELETE", Call>;

/** A phone's own changes (phoneId), or the business defaults' (null): where new ones are created. */
export function schedulesPath(businessId: string, phoneId: string | null): string {
  const business = `/api/v2/businesses/${encodeURIComponent(businessId)}`;
  return phoneId === null ? `${business}/scheduled-changes` : `${business}/phone-numbers/${encodeURIComponent(phoneId)}/scheduled-changes`;
}

/** One change's route, under the layer it belongs to. */
function changePath(change: ScheduledChange): string {
  return `${schedulesPath(change.businessId, change.phoneId ?? null)}/${encodeURIComponent(change.id)}`;
}

/** A change's ETag, which If-Match takes: its version, as the API sends it. */
export function scheduleETag(change: ScheduledChange): string {
  return `"v${change.version}"`;
}

/**
 * The changes that reach a phone (its own and the defaults' with an application for it), or all of the business's
 * (null), soonest first.
 */
export async function readSchedules(businessId: string, phoneId: string | null, status?: ScheduleStatus): Promise<ScheduledChange[]> {
  const list = await unwrap(raw.GET(schedulesPath(businessId, phoneId), { params: { query: { status } } }));
  return (list as ScheduledChangeList).items;
}

export async function createSchedule(businessId: string, phoneId: string | null, request: ScheduleRequest): Promise<ScheduledChange> {
  return (await unwrap(raw.POST(schedulesPath(businessId, phoneId), { body: request }))) as ScheduledChange;
}

/** Moves a pending change to another time (and policy, note); 412 when it changed meanwhile, 409 once it applied. */
export async function rescheduleChange(change: ScheduledChange, request: ScheduleRequest): Promise<ScheduledChange> {
  return (await unwrap(raw.PUT(changePath(change), { body: request, headers: { "If-Match": scheduleETag(change) } }))) as ScheduledChange;
}

/** Cancels a pending change; it stays listed as cancelled. */
export async function cancelChange(change: ScheduledChange): Promise<void> {
  await unwrap(raw.DELETE(changePath(change)));
}
