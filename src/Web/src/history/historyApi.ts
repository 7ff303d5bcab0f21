import { api, unwrap, type Schemas } from "../api/client";
import { ApiError } from "../api/problem";
import type { SectionName } from "../api/sections";
import { etagOf, toState, type SectionState } from "../settings/sectionApi";

/**
 * Every call of the history API (docs/history.md) the console makes, in one place: a phone's history and
 * the business's, and restoring or undoing one of their revisions.
 */

export type HistoryEntry = Schemas["HistoryEntry"];
export type HistoryChange = Schemas["FieldChange"];
export type HistoryActor = Schemas["Author"];
export type HistoryPage = Schemas["HistoryPage"];
export type RestoreTo = NonNullable<Schemas["RestoreRequest"]["to"]>;

/** What a history list is narrowed to; a phone's history has no `phoneId` filter (it is the phone's). */
export interface HistoryFilters {
  section?: SectionName;
  phoneId?: string;
  actor?: string;
  since?: string;
  until?: string;
}

/** One page of a phone's history (phoneId) or the business's (null), newest first; the token asks for older ones. */
export async function readHistory(businessId: string, phoneId: string | null, filters: HistoryFilters, continuationToken?: string): Promise<HistoryPage> {
  const { phoneId: onlyPhone, ...common } = filters;
  const query = { ...common, continuationToken };
  if (phoneId === null) {
    return unwrap(api.GET("/api/v2/businesses/{businessId}/history", { params: { path: { businessId }, query: { ...query, phoneId: onlyPhone } } }));
  }
  return unwrap(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/history", { params: { path: { businessId, phoneId }, query } }));
}

/**
 * Puts a section back as a revision left it (`after`) or as it was before it (`before`, undo). `version` is the
 * section's current version as the editor holds it, so a change made meanwhile answers 412 instead of being lost.
 */
export async function restoreSection<S extends SectionName>(
  businessId: string,
  phoneId: string | null,
  revisionId: string,
  restore: { to: RestoreTo; force?: boolean; version: number },
): Promise<SectionState<S>> {
  const body = { to: restore.to, force: restore.force ?? false };
  const header = { "If-Match": etagOf(restore.version) };
  const call =
    phoneId === null
      ? api.POST("/api/v2/businesses/{businessId}/history/{revisionId}/restore", { params: { path: { businessId, revisionId }, header }, body })
      : api.POST("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/history/{revisionId}/restore", {
          params: { path: { businessId, phoneId, revisionId }, header },
          body,
        });
  return toState<S>(await unwrap(call));
}

/** The fields an undo would overwrite, when the API refused it for that (409 history-conflict); else null. */
export function historyConflicts(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.slug !== "history-conflict") return null;
  return error.problem.conflicts ?? [];
}
