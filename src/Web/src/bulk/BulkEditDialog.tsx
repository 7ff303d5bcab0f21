import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { idempotencyKey } from "../api/client";
import { keys } from "../api/keys";
import { ApiError, type Problem } from "../api/problem";
import type { SectionName } from "../api/sections";
import { Dialog } from "../components/Dialog";
import { ProblemNotice } from "../components/ProblemNotice";
import { allLabels } from "../phones/labels";
import { describeSet } from "../schedules/scheduleFormat";
import { sectionEditors } from "../settings/sectionEditors";
import { bulkEditsUrl, useSettings } from "../settings/SettingsContext";
import { applyBulkEdit, previewBulkEdit } from "./bulkApi";
import { BulkEditResult } from "./BulkEditResult";
import { bulkRequest, describeCounts, describeOperation, describeTarget, type BulkForm } from "./bulkFormat";
import { BulkItemsTable } from "./BulkItemsTable";
import { LocationPicker } from "./LocationPicker";
import { useSelection } from "./selection";
import type { BulkPreview, BulkRequest } from "./types";

type Step = { at: "compose" } | { at: "preview"; request: Omit<BulkRequest, "dryRun">; preview: BulkPreview; key: string } | { at: "result"; id: string };

/**
 * "Apply to selected…" from a section editor: the change (the editor's changed fields, a copy of this layer, or a
 * reset to inherit) and the locations (the selected ones, a label's, every active one); then the preview per
 * location from a dry run; then Apply, its progress and result, and its undo.
 */
export function BulkEditDialog({ section, fromPhoneId, fields, onClose, onApplied }: { section: SectionName; fromPhoneId: string | null; fields: Record<string, unknown>; onClose: () => void; onApplied: () => void }) {
  const id = useId();
  const { businessId, phones, canEdit } = useSettings();
  const queryClient = useQueryClient();
  const [selected] = useSelection(businessId);
  const labels = allLabels(phones);
  const hasFields = Object.keys(fields).length > 0;
  const [form, setForm] = useState<BulkForm>({ change: hasFields ? "set" : "copy", target: "selected", label: labels[0] ?? "", note: "" });
  const [step, setStep] = useState<Step>({ at: "compose" });
  const [problem, setProblem] = useState<Problem | null>(null);
  const title = sectionEditors[section].label;
  const phoneName = (phoneId: string) => phones.find((p) => p.id === phoneId)?.displayName ?? phoneId;
  const chosen = phones.filter((p) => selected.includes(p.id)).map((p) => p.id);
  const fail = (error: unknown) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) });

  const preview = useMutation({
    mutationFn: (request: Omit<BulkRequest, "dryRun">) => previewBulkEdit(businessId, request).then((result) => ({ request, result })),
    onMutate: () => setProblem(null),
    onSuccess: ({ request, result }) => setStep({ at: "preview", request, preview: result, key: idempotencyKey() }),
    onError: fail,
  });
  const apply = useMutation({
    mutationFn: ({ request, key }: { request: Omit<BulkRequest, "dryRun">; key: string }) => applyBulkEdit(businessId, request, key),
    onMutate: () => setProblem(null),
    onSuccess: (accepted) => {
      void queryClient.invalidateQueries({ queryKey: keys.bulkEdits(businessId) });
      setStep({ at: "result", id: accepted.id });
      onApplied();
    },
    onError: fail,
  });
  const update = (change: Partial<BulkForm>) => setForm({ ...form, ...change });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    preview.mutate(bulkRequest(section, fields, fromPhoneId, chosen, form));
  };

  return (
    <Dialog open wide title={`Apply ${title.toLowerCase()} to several locations`} onClose={onClose}>
      <ProblemNotice problem={problem} />
      {step.at === "compose" && (
        <form className="bulk-form" onSubmit={submit} aria-label="What to change, and where">
          <fieldset>
            <legend>Change</legend>
            <label>
              <input type="radio" name={`${id}-change`} checked={form.change === "set"} disabled={!hasFields} onChange={() => update({ change: "set" })} />
              Set {hasFields ? describeSet(section, fields).join("; ") : "the fields you changed (you have changed none)"}
            </label>
            <label>
              <input type="radio" name={`${id}-change`} checked={form.change === "copy"} onChange={() => update({ change: "copy" })} />
              {fromPhoneId ? `Copy this location's own ${title.toLowerCase()} (what it inherits stays inherited)` : `Copy the business defaults' ${title.toLowerCase()} as each location's own`}
            </label>
            <label>
              <input type="radio" name={`${id}-change`} checked={form.change === "reset"} onChange={() => update({ change: "reset" })} />
              Reset {title.toLowerCase()} to follow the business defaults
            </label>
          </fieldset>
          <fieldset>
            <legend>Where</legend>
            <label>
              <input type="radio" name={`${id}-target`} checked={form.target === "selected"} onChange={() => update({ target: "selected" })} />
              The selected locations ({chosen.length})
            </label>
            {labels.length > 0 ? (
              <label>
                <input type="radio" name={`${id}-target`} checked={form.target === "label"} onChange={() => update({ target: "label" })} />
                Every location labelled
                <select aria-label="Label" value={form.label} onChange={(e) => update({ target: "label", label: e.target.value })}>
                  {labels.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <p className="muted">No location has a label yet (a location's details take labels).</p>
            )}
            <label>
              <input type="radio" name={`${id}-target`} checked={form.target === "all"} onChange={() => update({ target: "all" })} />
              Every active location
            </label>
          </fieldset>
          {form.target === "selected" && <LocationPicker businessId={businessId} phones={phones} />}
          <label htmlFor={`${id}-note`}>
            Note (optional)
            <input id={`${id}-note`} type="text" maxLength={500} value={form.note} onChange={(e) => update({ note: e.target.value })} />
          </label>
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={preview.isPending || (form.target === "selected" && chosen.length === 0)}>
              {preview.isPending ? "Previewing…" : "Preview"}
            </button>
          </div>
        </form>
      )}
      {step.at === "preview" && (
        <section aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>Preview: nothing is changed yet</h3>
          <p>
            {describeOperation(step.request.operation, phoneName)}, for {describeTarget(step.request.target)}: {describeCounts(step.preview.counts, true)}.
          </p>
          <BulkItemsTable items={step.preview.items} section={section} preview caption="The preview per location" businessId={businessId} />
          <div className="dialog-actions">
            <button type="button" onClick={() => setStep({ at: "compose" })} disabled={apply.isPending}>
              Back
            </button>
            <button
              type="button"
              className="primary"
              disabled={apply.isPending || step.preview.counts.changed === 0}
              // A retry of the same preview (after a lost answer) keeps its Idempotency-Key, so it applies once.
              onClick={() => apply.mutate({ request: step.request, key: step.key })}
            >
              {apply.isPending ? "Starting…" : step.preview.counts.changed === 1 ? "Apply to 1 location" : `Apply to ${step.preview.counts.changed} locations`}
            </button>
          </div>
        </section>
      )}
      {step.at === "result" && (
        <>
          <BulkEditResult businessId={businessId} bulkEditId={step.id} canEdit={canEdit} phoneName={phoneName} onOpen={(next) => setStep({ at: "result", id: next })} />
          <div className="dialog-actions">
            <Link href={bulkEditsUrl(businessId)}>All bulk edits</Link>
            <button type="button" onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
