import { useEffect, useState, type ReactNode } from "react";
import { BulkEditDialog } from "../bulk/BulkEditDialog";
import { HistoryPanel } from "../history/HistoryPanel";
import { changedFields } from "../schedules/scheduleFormat";
import { ScheduleDialog } from "../schedules/ScheduleDialog";
import { ownCount } from "../settings/inheritance";
import { sectionEditors } from "../settings/sectionEditors";
import type { SectionEditorState } from "../settings/useSectionEditor";
import { Dialog } from "./Dialog";
import { ReadOnlyContext, SectionContext } from "./SectionContext";

/**
 * A settings section: what it inherits, override / reset for the whole section, save and discard (or schedule the
 * changes for later, or apply them to several locations), the API's problem, the conflict dialog when someone else
 * changed it meanwhile, and its history.
 */
export function SectionFrame({
  editor,
  canEdit,
  description,
  status,
  children,
}: {
  editor: SectionEditorState;
  canEdit: boolean;
  description: string;
  /** Extra status, e.g. how many phones follow these defaults. */
  status?: ReactNode;
  children: ReactNode;
}) {
  const [confirmReset, setConfirmReset] = useState(false);
  const [scheduling, setScheduling] = useState(false);
  const [bulk, setBulk] = useState(false);
  const title = sectionEditors[editor.section].label;
  // Closing or reloading the tab with unsaved changes asks first.
  useEffect(() => {
    if (!editor.dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [editor.dirty]);
  if (editor.loading) return <p role="status">Loading {title.toLowerCase()}…</p>;
  if (editor.loadError || !editor.server) return <p role="alert">Could not load {title.toLowerCase()}: {String(editor.loadError?.message ?? "unknown error")}</p>;
  const server = editor.server;
  const { own, total } = ownCount(server.sources, editor.layer);
  const isPhone = editor.layer === "phone";
  const inherits = server.own === null;
  const resetTarget = isPhone ? "the business defaults" : "the system defaults";
  return (
    <SectionContext.Provider value={editor}>
      <ReadOnlyContext.Provider value={!canEdit}>
        <form
          className="section"
          aria-labelledby={`section-${editor.section}-title`}
          onSubmit={(e) => {
            e.preventDefault();
            editor.save();
          }}
        >
          <header className="section-head">
            <div>
              <h2 id={`section-${editor.section}-title`}>{title}</h2>
              <p className="muted">{description}</p>
              <p className="section-status" data-testid="section-status">
                {isPhone
                  ? inherits
                    ? "This location follows the business defaults."
                    : `This location overrides ${own} of ${total} fields; the rest follow the business defaults.`
                  : `The business sets ${own} of ${total} fields; the rest are system defaults.`}{" "}
                {status}
                {server.updatedAt && <span className="muted"> Last changed {new Date(server.updatedAt).toLocaleString()}.</span>}
              </p>
            </div>
            {canEdit && (
              <div className="section-actions">
                {isPhone && inherits && !editor.dirty && (
                  <button type="button" onClick={editor.overrideAll}>
                    Override for this location
                  </button>
                )}
                {!inherits && (
                  <button type="button" onClick={() => setConfirmReset(true)} disabled={editor.saving}>
                    Reset to {isPhone ? "business defaults" : "system defaults"}
                  </button>
                )}
              </div>
            )}
          </header>
          {!canEdit && <p className="notice">You can view these settings; changing them needs the editor role.</p>}
          {editor.problem && (
            <div className="problem" role="alert">
              <strong>{editor.problem.title ?? "The change was refused"}</strong>
              {editor.problem.detail && <p>{editor.problem.detail}</p>}
              {editor.problem.errors && <p>The fields marked below need attention.</p>}
            </div>
          )}
          <fieldset className="section-body" disabled={editor.saving}>
            <legend className="visually-hidden">{title}</legend>
            {children}
          </fieldset>
          {canEdit && (
            <div className={`savebar${editor.dirty ? " savebar-dirty" : ""}`}>
              <span role="status">{editor.saving ? "Saving…" : editor.dirty ? "You have unsaved changes." : "All changes saved."}</span>
              <button type="button" onClick={editor.discard} disabled={!editor.dirty || editor.saving}>
                Discard
              </button>
              <button type="button" onClick={() => setScheduling(true)} disabled={!editor.dirty || editor.saving}>
                Schedule this change…
              </button>
              <button type="button" onClick={() => setBulk(true)} disabled={editor.saving}>
                Apply to selected…
              </button>
              <button type="submit" className="primary" disabled={!editor.dirty || editor.saving}>
                Save {title.toLowerCase()}
              </button>
            </div>
          )}
        </form>
        <HistoryPanel editor={editor} canEdit={canEdit} title={title} />
        {scheduling && (
          <ScheduleDialog
            businessId={editor.businessId}
            phoneId={editor.phoneId}
            section={editor.section}
            set={changedFields(editor.value, server.own)}
            title={`Schedule this change to ${title.toLowerCase()}`}
            onClose={() => setScheduling(false)}
            onScheduled={() => {
              // The change now waits on the server and shows under Upcoming; the editor is back to what is saved.
              setScheduling(false);
              editor.discard();
            }}
          />
        )}
        {bulk && (
          <BulkEditDialog
            section={editor.section}
            fromPhoneId={editor.phoneId}
            fields={changedFields(editor.value, server.own)}
            onClose={() => setBulk(false)}
            // The bulk edit makes the change (here too, when this location is one of them): the editor is back to what is saved.
            onApplied={editor.discard}
          />
        )}
        <Dialog open={confirmReset} title={`Reset ${title.toLowerCase()}?`} onClose={() => setConfirmReset(false)}>
          <p>
            {isPhone ? "This location's own values are removed and it follows " : "The business's values are removed and every inheriting location follows "}
            {resetTarget} again{isPhone ? ", including their future changes" : ""}.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirmReset(false)}>
              Cancel
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                setConfirmReset(false);
                editor.resetSection();
              }}
            >
              Reset to {resetTarget}
            </button>
          </div>
        </Dialog>
        <Dialog open={editor.conflict !== null} role="alertdialog" title="Someone else changed these settings" onClose={editor.reload}>
          <p>
            {editor.conflict?.how === "live"
              ? `${editor.conflict.changedBy || "Someone"} saved ${title.toLowerCase()} while you were editing${editor.conflict.changedAt ? ` (${new Date(editor.conflict.changedAt).toLocaleTimeString()})` : ""}.`
              : `${title} changed since you opened them, so your save was not applied.`}{" "}
            Reload to see their version (your unsaved changes are discarded), or overwrite it with yours.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={editor.reload}>
              Reload their version
            </button>
            <button type="button" className="danger" onClick={() => void editor.overwrite()}>
              Overwrite with mine
            </button>
          </div>
        </Dialog>
      </ReadOnlyContext.Provider>
    </SectionContext.Provider>
  );
}
