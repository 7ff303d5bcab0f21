import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { keys } from "../api/keys";
import { ApiError, type Problem } from "../api/problem";
import { ProblemNotice } from "../components/ProblemNotice";
import { useRealtime } from "../realtime/RealtimeProvider";
import { conflictedItems, describeCounts, describeOperation, describeTarget, progressOf, sectionOf, statusLabels } from "./bulkFormat";
import { readBulkEdit, readBulkEdits, undoBulkEdit } from "./bulkApi";
import { BulkItemsTable } from "./BulkItemsTable";

/**
 * One bulk edit: its progress while it runs (live on the business channel, `bulkEdit.changed`, and polled as well
 * while live updates are down), then each location's result, and "Undo this bulk edit". An undo that found
 * locations changed since names them and offers to undo them anyway. `onOpen` shows another edit (the undo).
 */
export function BulkEditResult({ businessId, bulkEditId, canEdit, phoneName, onOpen }: { businessId: string; bulkEditId: string; canEdit: boolean; phoneName: (id: string) => string; onOpen: (id: string) => void }) {
  const id = useId();
  const queryClient = useQueryClient();
  const { status: liveStatus } = useRealtime();
  const [problem, setProblem] = useState<Problem | null>(null);
  // An undo names the edit it undoes by what that did, from the business's list.
  const list = useQuery({ queryKey: keys.bulkEditList(businessId), queryFn: () => readBulkEdits(businessId) });
  const undone = (of: string) => list.data?.find((e) => e.id === of)?.operation;
  const edit = useQuery({
    queryKey: keys.bulkEdit(businessId, bulkEditId),
    queryFn: () => readBulkEdit(businessId, bulkEditId),
    // Live messages refetch it after every batch; polling covers a connection that is down.
    refetchInterval: (query) => (query.state.data?.status === "running" ? (liveStatus === "live" ? 5_000 : 1_000) : false),
  });
  const running = edit.data?.status === "running";
  const loaded = edit.data !== undefined;
  useEffect(() => {
    if (running || !loaded) return;
    // The locations it changed: their sections, details, history and the overviews, in case no live message said so.
    for (const key of [keys.sections(businessId), keys.phones(businessId), keys.history(businessId), keys.inheritance(businessId), keys.previews(businessId), keys.bulkEditList(businessId)]) {
      void queryClient.invalidateQueries({ queryKey: key });
    }
  }, [running, loaded, businessId, queryClient]);
  const undo = useMutation({
    mutationFn: ({ of, force }: { of: string; force: boolean }) => undoBulkEdit(businessId, of, force),
    onMutate: () => setProblem(null),
    onSuccess: (accepted) => {
      void queryClient.invalidateQueries({ queryKey: keys.bulkEdits(businessId) });
      onOpen(accepted.id);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) }),
  });

  if (edit.isPending) return <p role="status">Loading the bulk edit…</p>;
  if (edit.error) return <p role="alert">Could not load the bulk edit: {edit.error.message}</p>;
  const data = edit.data;
  const section = sectionOf(data.operation);
  const progress = progressOf(data);
  const conflicts = data.operation.kind === "undo" ? conflictedItems(data.items) : [];
  const undoOf = data.operation.kind === "undo" ? data.operation.of : null;
  return (
    <section className="bulk-result" aria-labelledby={`${id}-title`} data-bulk-edit={data.id}>
      <h3 id={`${id}-title`}>
        {describeOperation(data.operation, phoneName, undone)} <span className={`badge bulk-${data.status}`}>{statusLabels[data.status]}</span>
      </h3>
      <p className="muted">
        For {describeTarget(data.target)}, by {data.createdBy.name || data.createdBy.id}, {new Date(data.createdAt).toLocaleString()}
        {data.note ? ` · Note: ${data.note}` : ""}
      </p>
      <div className="bulk-progress">
        <label htmlFor={`${id}-progress`}>{running ? "Applying…" : "Done"}</label>
        <progress id={`${id}-progress`} max={100} value={progress.percent} aria-valuetext={`${progress.done} of ${progress.total} locations`} />
        <span role="status">
          {progress.done} of {progress.total} locations: {describeCounts(data.counts, false)}
        </span>
      </div>
      <ProblemNotice problem={problem} />
      {data.undoneBy && (
        <p className="notice">
          Undone by{" "}
          <button type="button" className="link" onClick={() => onOpen(data.undoneBy!)}>
            a later bulk edit
          </button>
          .
        </p>
      )}
      {undoOf && (
        <p>
          This undoes{" "}
          <button type="button" className="link" onClick={() => onOpen(undoOf)}>
            an earlier bulk edit
          </button>
          .
        </p>
      )}
      {data.items.length > 0 && <BulkItemsTable items={data.items} section={section} preview={false} caption="The result per location" businessId={businessId} />}
      {canEdit && !running && conflicts.length > 0 && undoOf && (
        <div className="notice" role="note">
          <p>
            {conflicts.length === 1 ? "1 location was changed again since and left as it is" : `${conflicts.length} locations were changed again since and left as they are`}:{" "}
            {conflicts.map((item) => item.displayName ?? item.phoneId).join(", ")}.
          </p>
          <button type="button" className="danger" disabled={undo.isPending} onClick={() => undo.mutate({ of: undoOf, force: true })}>
            Undo anyway
          </button>
        </div>
      )}
      {canEdit && !running && data.operation.kind !== "undo" && !data.undoneBy && data.counts.changed > 0 && (
        <button type="button" className="danger" disabled={undo.isPending} onClick={() => undo.mutate({ of: data.id, force: false })}>
          Undo this bulk edit
        </button>
      )}
    </section>
  );
}
