import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Link } from "wouter";
import { ApiError, type Problem } from "../api/problem";
import { ProblemNotice } from "../components/ProblemNotice";
import { defaultsUrl } from "../settings/SettingsContext";
import type { SectionEditorState } from "../settings/useSectionEditor";
import { historyConflicts, restoreSection, type HistoryEntry, type RestoreTo } from "./historyApi";
import { conflictLines } from "./historyFormat";
import { HistoryItem, HistoryList } from "./HistoryList";

interface Restore {
  entry: HistoryEntry;
  to: RestoreTo;
  force?: boolean;
}

/** A section editor's history: collapsed until asked for, so a page that only edits does not load it. */
export function HistoryPanel({ editor, canEdit, title }: { editor: SectionEditorState; canEdit: boolean; title: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className="section history" aria-labelledby={`${id}-title`}>
      <div className="history-head">
        <h2 id={`${id}-title`}>History</h2>
        <button type="button" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          {open ? "Hide history" : "Show history"}
        </button>
      </div>
      <div id={`${id}-body`} hidden={!open}>
        {open && <SectionHistory editor={editor} canEdit={canEdit} title={title} />}
      </div>
    </section>
  );
}

/**
 * The section's revisions, newest first, each restorable ("Restore this version": as it left the section) or
 * undoable ("Undo this change": as the section was before it). A phone's list also shows changes of the business
 * defaults that reached it; those are restored on the defaults page, which the entry links to.
 */
function SectionHistory({ editor, canEdit, title }: { editor: SectionEditorState; canEdit: boolean; title: string }) {
  const { businessId, phoneId, section, layer } = editor;
  const ownKind = phoneId === null ? "defaultSection" : "phoneSection";
  const [conflict, setConflict] = useState<{ entry: HistoryEntry; fields: string[] } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState("");
  const restore = useMutation({
    mutationFn: ({ entry, to, force }: Restore) => restoreSection(businessId, phoneId, entry.id, { to, force, version: editor.server?.version ?? 0 }),
    onMutate: () => {
      setProblem(null);
      setDone("");
    },
    onSuccess: (state, { entry, to }) => {
      editor.restored(state);
      setConflict(null);
      const when = new Date(entry.at).toLocaleString();
      setDone(to === "before" ? `Undid the change of ${when}.` : `Restored the version of ${when}.`);
    },
    onError: (error, { entry }) => {
      const fields = historyConflicts(error);
      if (fields) return setConflict({ entry, fields });
      setConflict(null);
      if (error instanceof ApiError && error.isConflict) {
        // The editor's version is stale: show the latest, and let the user decide again on it.
        editor.reload();
        return setProblem({ ...error.problem, title: "These settings changed meanwhile", detail: "The latest version is shown now; restore again if you still want to." });
      }
      setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) });
    },
  });
  // Restoring replaces the section as saved; an unsaved draft would be lost silently.
  const blocked = editor.dirty || editor.saving || restore.isPending;
  return (
    <>
      <p role="status" className="history-status">
        {done}
      </p>
      <ProblemNotice problem={problem} />
      {canEdit && editor.dirty && <p className="notice">Save or discard your unsaved changes to restore an earlier version.</p>}
      <HistoryList
        businessId={businessId}
        phoneId={phoneId}
        filters={{ section }}
        label={`Changes to ${title.toLowerCase()}, newest first`}
        keep={(entry) => phoneId !== null || entry.target.kind === "defaultSection"}
        empty="No changes recorded yet."
      >
        {(entry, now, shown) => {
          const isOwn = (e: HistoryEntry) => e.target.kind === ownKind && !e.inherited;
          const own = isOwn(entry);
          // The newest of the section's own revisions is what it is now.
          const current = own && shown.find(isOwn) === entry;
          const when = new Date(entry.at).toLocaleString();
          return (
            <HistoryItem key={entry.id} entry={entry} now={now} layer={layer} section={section}>
              {!own && phoneId !== null && (
                <p className="history-actions">
                  <Link href={defaultsUrl(businessId, section)}>Open the business defaults</Link>
                </p>
              )}
              {own && canEdit && (
                <div className="history-actions">
                  {current ? (
                    <span className="badge badge-primary">Current version</span>
                  ) : (
                    <button type="button" disabled={blocked} onClick={() => restore.mutate({ entry, to: "after" })}>
                      Restore this version<span className="visually-hidden"> of {when}</span>
                    </button>
                  )}
                  <button type="button" disabled={blocked} onClick={() => restore.mutate({ entry, to: "before" })}>
                    Undo this change<span className="visually-hidden"> of {when}</span>
                  </button>
                </div>
              )}
              {conflict?.entry.id === entry.id && (
                <div className="problem" role="alert">
                  <strong>Later changes would be overwritten</strong>
                  <ul>
                    {conflictLines(section, conflict.fields, entry, editor.server?.own).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                  <p>Undoing anyway puts back the values from before this change, over the later ones.</p>
                  <div className="row">
                    <button type="button" className="danger" disabled={blocked} onClick={() => restore.mutate({ entry, to: "before", force: true })}>
                      Undo anyway
                    </button>
                    <button type="button" onClick={() => setConflict(null)}>
                      Keep the later values
                    </button>
                  </div>
                </div>
              )}
            </HistoryItem>
          );
        }}
      </HistoryList>
    </>
  );
}
