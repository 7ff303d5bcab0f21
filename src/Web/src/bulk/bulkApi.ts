import { idempotencyKey } from "../api/client";
import { ApiError, toProblem } from "../api/problem";
import { currentToken, signOut } from "../auth/session";
import { apiBaseUrl } from "../config";
import type { BulkAccepted, BulkEdit, BulkEditSummary, BulkPreview, BulkRequest } from "./types";

/**
 * Every call of the bulk-edit API (docs/bulk-edits.md) the console makes: preview and apply an edit, list the
 * business's edits, read one, undo one. The POSTs carry an Idempotency-Key, so a retried apply runs once.
 */

/** One call with the signed-in user's token; the body of a success, or an ApiError carrying the problem. */
async function call<T>(method: "GET" | "POST", path: string, body?: unknown, key?: string): Promise<T> {
  const headers = new Headers({ Accept: "application/json" });
  const token = currentToken();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  if (key) headers.set("Idempotency-Key", key);
  const url = new URL(`${apiBaseUrl}${path}`, window.location.href);
  const response = await fetch(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  // An expired or revoked token: back to the sign-in page, as the typed client does.
  if (response.status === 401) signOut();
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(toProblem(response.status, json));
  return json as T;
}

const base = (businessId: string) => `/api/v2/businesses/${encodeURIComponent(businessId)}/bulk-edits`;

/** What the edit would do to each location; nothing is written. */
export function previewBulkEdit(businessId: string, request: Omit<BulkRequest, "dryRun">): Promise<BulkPreview> {
  return call("POST", base(businessId), { ...request, dryRun: true }, idempotencyKey());
}

/** Starts the edit (202); `key` is the same for every retry of one apply. */
export function applyBulkEdit(businessId: string, request: Omit<BulkRequest, "dryRun">, key: string): Promise<BulkAccepted> {
  return call("POST", base(businessId), { ...request, dryRun: false }, key);
}

/** The business's bulk edits, newest first. */
export async function readBulkEdits(businessId: string): Promise<BulkEditSummary[]> {
  return (await call<{ items: BulkEditSummary[] }>("GET", base(businessId))).items;
}

export function readBulkEdit(businessId: string, bulkEditId: string): Promise<BulkEdit> {
  return call("GET", `${base(businessId)}/${encodeURIComponent(bulkEditId)}`);
}

/**
 * Undoes an edit as a new one; locations changed again since are left alone (reported as conflicts) unless `force`.
 * 409 while the edit runs or once it was undone.
 */
export function undoBulkEdit(businessId: string, bulkEditId: string, force: boolean, key: string): Promise<BulkAccepted> {
  return call("POST", `${base(businessId)}/${encodeURIComponent(bulkEditId)}/undo`, { force }, key);
}
