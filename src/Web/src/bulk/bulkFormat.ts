import type { SectionName } from "../api/sections";
import { fieldLabel, formatValue } from "../history/historyFormat";
import { describeSet } from "../schedules/scheduleFormat";
import { sectionEditors } from "../settings/sectionEditors";
import type { BulkChange, BulkCounts, BulkEditSummary, BulkItem, BulkOperation, BulkOutcome, BulkRequest, BulkStatus, BulkTarget, FieldSource } from "./types";

/**
 * Bulk edits in words: what an edit targets and does, each location's outcome and changes, and how far a running
 * edit is. Pure, so the dialog, the result, the Bulk edits page and the tests read them the same way.
 */

/** "3 selected locations", "the locations labelled downtown", "every active location (in America/Chicago)". */
export function describeTarget(target: BulkTarget): string {
  if ("phoneIds" in target) return target.phoneIds.length === 1 ? "1 selected location" : `${target.phoneIds.length} selected locations`;
  if ("label" in target) return `the locations labelled ${target.label}`;
  if ("timeZone" in target) return `every active location in ${target.timeZone}`;
  return "every active location";
}

export function sectionOf(operation: BulkOperation): SectionName | undefined {
  return "section" in operation ? operation.section : undefined;
}

/**
 * What the edit does, e.g. "Voice agent: set Greeting: 'Hello'", "Voice agent: back to the business defaults"; an
 * undo says what it undoes when `undone` finds that edit's operation.
 */
export function describeOperation(operation: BulkOperation, phoneName: (id: string) => string = (id) => id, undone: (id: string) => BulkOperation | undefined = () => undefined): string {
  switch (operation.kind) {
    case "set":
      return `${sectionEditors[operation.section].label}: set ${describeSet(operation.section, operation.fields).join("; ") || "nothing"}`;
    case "reset":
      return operation.fields?.length
        ? `${sectionEditors[operation.section].label}: ${operation.fields.map((f) => fieldLabel(operation.section, f)).join(", ")} back to the business defaults`
        : `${sectionEditors[operation.section].label}: back to the business defaults`;
    case "copy":
      return `${sectionEditors[operation.section].label}: copied from ${operation.fromPhoneId ? phoneName(operation.fromPhoneId) : "the business defaults"}`;
    case "services": {
      const off = operation.switchOff?.length ? `switched off ${operation.switchOff.join(", ")}` : "";
      const on = operation.switchOn?.length ? `switched on ${operation.switchOn.join(", ")}` : "";
      return `Services: ${[off, on].filter(Boolean).join("; ") || "no change"}`;
    }
    case "active":
      return operation.isActive ? "Activated" : "Deactivated";
    case "undo": {
      const original = undone(operation.of);
      const what = original && original.kind !== "undo" ? `“${describeOperation(original, phoneName)}”` : "an earlier bulk edit";
      return `Undo of ${what}${operation.force ? ", also where changed since" : ""}`;
    }
  }
}

const sourceLabels: Record<FieldSource, string> = { phone: "this location", business: "business default", system: "system default" };

/** One change of a location, e.g. { label: "Greeting", before: "'Hi' (business default)", after: "'Hello' (this location)" }. */
export function describeBulkChange(section: SectionName | undefined, change: BulkChange): { label: string; before: string; after: string } {
  const value = (v: unknown, source: FieldSource | null | undefined) => `${formatValue(change.path, v)}${source ? ` (${sourceLabels[source]})` : ""}`;
  return { label: fieldLabel(section, change.path), before: value(change.before, change.sourceBefore), after: value(change.after, change.sourceAfter) };
}

/** A location's outcome, as a preview says it ("Would change") or a result ("Changed"). */
export function outcomeLabel(outcome: BulkOutcome, preview: boolean): string {
  const labels: Record<BulkOutcome, [string, string]> = { change: ["Would change", "Changed"], unchanged: ["Unchanged", "Unchanged"], fail: ["Would fail", "Failed"] };
  return labels[outcome][preview ? 0 : 1];
}

/**
 * Why a location failed: the problem's title and detail and its field errors; for an undo's location changed since,
 * the fields changed, as the editors name them (the API's detail says the same in its words).
 */
export function failureReason(section: SectionName | undefined, item: BulkItem): string {
  const problem = item.problem;
  if (item.conflicts?.length) return `${problem?.title ?? "Changed since"}: ${item.conflicts.map((path) => fieldLabel(section, path)).join(", ")}`;
  const errors = Object.entries(problem?.errors ?? {}).map(([path, messages]) => `${fieldLabel(section, path)}: ${messages.join(" ")}`);
  return [problem?.title, problem?.detail, ...errors].filter(Boolean).join(" · ") || "Refused";
}

/** "2 would change, 1 unchanged, 1 would fail" (preview) or "2 changed, 1 unchanged, 1 failed". */
export function describeCounts(counts: BulkCounts, preview: boolean): string {
  return preview
    ? `${counts.changed} would change, ${counts.unchanged} unchanged, ${counts.failed} would fail`
    : `${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.failed} failed`;
}

/** How many locations are done, of how many, as a whole percentage (an edit of no location is done). */
export function progressOf(summary: Pick<BulkEditSummary, "counts" | "total">): { done: number; total: number; percent: number } {
  const done = summary.counts.changed + summary.counts.unchanged + summary.counts.failed;
  return { done, total: summary.total, percent: summary.total > 0 ? Math.min(100, Math.floor((done * 100) / summary.total)) : 100 };
}

export const statusLabels: Record<BulkStatus, string> = { running: "Running", completed: "Completed", failed: "Failed" };

/** The locations of a failed undo that another undo could force: those left alone because they were changed since. */
export function conflictedItems(items: BulkItem[]): BulkItem[] {
  return items.filter((item) => item.outcome === "fail" && (item.conflicts?.length ?? 0) > 0);
}

/** What the "Apply to selected…" dialog asks: which change, to which locations, and a note. */
export interface BulkForm {
  change: "set" | "copy" | "reset";
  target: "selected" | "label" | "all";
  label: string;
  note: string;
}

/**
 * The request for a section editor's bulk edit: its changed fields set as overrides, its layer copied (a phone's own
 * layer, or the defaults when `fromPhoneId` is null), or the section reset to inherit; on the selected locations,
 * a label's, or every active one.
 */
export function bulkRequest(section: SectionName, fields: Record<string, unknown>, fromPhoneId: string | null, selected: string[], form: BulkForm): Omit<BulkRequest, "dryRun"> {
  const operation: BulkRequest["operation"] =
    form.change === "set" ? { kind: "set", section, fields } : form.change === "copy" ? { kind: "copy", section, ...(fromPhoneId ? { fromPhoneId } : {}) } : { kind: "reset", section };
  const target: BulkTarget = form.target === "selected" ? { phoneIds: selected } : form.target === "label" ? { label: form.label } : { all: true };
  const note = form.note.trim();
  return { target, operation, ...(note ? { note } : {}) };
}
