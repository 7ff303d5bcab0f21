import { api, unwrap, type Schemas } from "../api/client";
import type { BulkAccepted, BulkEdit, BulkEditSummary, BulkPreview, BulkRequest } from "./types";

/**
 * Every call of the bulk-edit API (the OpenAPI document's CreateBulkEdit, ListBulkEdits, GetBulkEdit, UndoBulkEdit)
 * the console makes: preview and apply an edit, list the business's edits, read one, undo one.
 */

// The request as the document types it (a target and an operation with every member optional).
const asInput = (request: BulkRequest) => request as unknown as Schemas["BulkEditInput"];
// The document's BulkEditResponse, with the one target and operation the API sends (see types.ts).
const asEdit = (body: Schemas["BulkEditResponse"]) => ({ ...body, items: body.items ?? [] }) as unknown as BulkEdit;

/** What the edit would do to each location; nothing is written. */
export async function previewBulkEdit(businessId: string, request: Omit<BulkRequest, "dryRun">): Promise<BulkPreview> {
  const body = asInput({ ...request, dryRun: true });
  return (await unwrap(api.POST("/api/v2/businesses/{businessId}/bulk-edits", { params: { path: { businessId } }, body }))) as BulkPreview;
}

/** Starts the edit (202); `key` (Idempotency-Key) is the same for every retry of one apply, so it runs once. */
export async function applyBulkEdit(businessId: string, request: Omit<BulkRequest, "dryRun">, key: string): Promise<BulkAccepted> {
  const body = asInput({ ...request, dryRun: false });
  const header = { "Idempotency-Key": key };
  return (await unwrap(api.POST("/api/v2/businesses/{businessId}/bulk-edits", { params: { path: { businessId }, header }, body }))) as BulkAccepted;
}

/** The business's bulk edits, newest first (at most 100), without their items. */
export async function readBulkEdits(businessId: string): Promise<BulkEditSummary[]> {
  const list = await unwrap(api.GET("/api/v2/businesses/{businessId}/bulk-edits", { params: { path: { businessId } } }));
  return list.items.map(asEdit);
}

export async function readBulkEdit(businessId: string, editId: string): Promise<BulkEdit> {
  return asEdit(await unwrap(api.GET("/api/v2/businesses/{businessId}/bulk-edits/{editId}", { params: { path: { businessId, editId } } })));
}

/**
 * Undoes an edit as a new one; locations changed again since are left alone (reported as conflicts) unless `force`.
 * 409 while the edit runs or once it was undone.
 */
export async function undoBulkEdit(businessId: string, editId: string, force: boolean): Promise<BulkAccepted> {
  return (await unwrap(api.POST("/api/v2/businesses/{businessId}/bulk-edits/{editId}/undo", { params: { path: { businessId, editId } }, body: { force } }))) as BulkAccepted;
}
