import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "wouter";
import { keys } from "../api/keys";
import { useRealtime } from "../realtime/RealtimeProvider";
import { bulkEditsUrl, useSettings } from "../settings/SettingsContext";
import { readBulkEdits } from "./bulkApi";
import { BulkEditResult } from "./BulkEditResult";
import { describeCounts, describeOperation, describeTarget, statusLabels } from "./bulkFormat";

/**
 * The business's bulk edits, newest first, with their status and counts (live on the business channel); one opened
 * (`/b/{b}/bulk-edits/{id}`) shows its result per location and its undo.
 */
export function BulkEditsPage({ bulkEditId }: { bulkEditId: string | null }) {
  const { businessId, phones, canEdit } = useSettings();
  const [, navigate] = useLocation();
  const { status: liveStatus } = useRealtime();
  const list = useQuery({
    queryKey: keys.bulkEditList(businessId),
    queryFn: () => readBulkEdits(businessId),
    // Live messages refetch it; while an edit runs it is polled as well, in case a message comes late or not at all.
    refetchInterval: (query) => (query.state.data?.some((edit) => edit.status === "running") ? (liveStatus === "live" ? 5_000 : 1_000) : false),
  });
  const phoneName = (phoneId: string) => phones.find((p) => p.id === phoneId)?.displayName ?? phoneId;
  return (
    <>
      <header className="page-head">
        <div>
          <h1>Bulk edits</h1>
          <p className="muted">Changes made to many locations at once ("Apply to selected…" in a section), each with its result per location and its undo.</p>
        </div>
      </header>
      {bulkEditId && (
        <div className="section">
          <BulkEditResult key={bulkEditId} businessId={businessId} bulkEditId={bulkEditId} canEdit={canEdit} phoneName={phoneName} onOpen={(next) => navigate(bulkEditsUrl(businessId, next))} />
        </div>
      )}
      <section className="section" aria-labelledby="bulk-list-title">
        <h2 id="bulk-list-title">All bulk edits</h2>
        {list.isPending && <p role="status">Loading bulk edits…</p>}
        {list.error && <p role="alert">Could not load the bulk edits: {list.error.message}</p>}
        {list.data?.length === 0 && <p className="muted">No bulk edits yet.</p>}
        {list.data && list.data.length > 0 && (
          <table className="table">
            <caption className="visually-hidden">Bulk edits, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Change</th>
                <th scope="col">Locations</th>
                <th scope="col">Status</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((edit) => (
                <tr key={edit.id} data-bulk-edit={edit.id} aria-current={edit.id === bulkEditId ? "true" : undefined}>
                  <td>
                    <Link href={bulkEditsUrl(businessId, edit.id)}>{new Date(edit.createdAt).toLocaleString()}</Link>
                    <div className="muted">{edit.createdBy.name || edit.createdBy.id}</div>
                  </td>
                  <td>
                    {describeOperation(edit.operation, phoneName, (of) => list.data.find((e) => e.id === of)?.operation)}
                    {edit.note && <div className="muted">Note: {edit.note}</div>}
                  </td>
                  <td>
                    {describeTarget(edit.target)} ({edit.total})
                  </td>
                  <td>
                    <span className={`badge bulk-${edit.status}`}>{statusLabels[edit.status]}</span>
                    {edit.undoneBy && <span className="badge">Undone</span>}
                  </td>
                  <td>{describeCounts(edit.counts, false)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
