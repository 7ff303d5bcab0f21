import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { keys } from "../api/keys";
import { ApiError, type Problem } from "../api/problem";
import { Dialog } from "../components/Dialog";
import { ProblemNotice } from "../components/ProblemNotice";
import { describeSet, scheduleRequest, type ScheduleForm } from "./scheduleFormat";
import { createSchedule, rescheduleChange } from "./schedulesApi";
import type { ScheduledChange, ScheduledSection } from "./types";

const allZones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
// Some engines leave UTC out of their list; a change scheduled at an instant is shown in it.
const zones = allZones.includes("UTC") ? allZones : ["UTC", ...allZones];

/** The next full hour, as the dialog's starting day and time (the browser's clock). */
function nextHour(): Pick<ScheduleForm, "date" | "time"> {
  const at = new Date(Date.now() + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`, time: `${pad(at.getHours())}:00` };
}

/**
 * Schedules a section change (the editor's unsaved fields), or reschedules a pending one: a day and a time, in each
 * location's own time zone or one chosen zone; what to do if someone changes the same fields first; a note.
 */
export function ScheduleDialog({
  businessId,
  phoneId,
  section,
  set,
  title,
  localZone,
  change,
  initial,
  onClose,
  onScheduled,
}: {
  businessId: string;
  /** The phone whose own layer changes, or null for the business defaults. */
  phoneId: string | null;
  section: ScheduledSection;
  set: Record<string, unknown>;
  title: string;
  /** The location's zone, named beside "local time" on a phone's page. */
  localZone?: string;
  /** The pending change being rescheduled; without it a new one is created. */
  change?: ScheduledChange;
  initial?: ScheduleForm;
  onClose: () => void;
  onScheduled: (change: ScheduledChange) => void;
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<ScheduleForm>(() => initial ?? { ...nextHour(), zone: "local", onConflict: "skip", note: "" });
  const [problem, setProblem] = useState<Problem | null>(null);
  const save = useMutation({
    mutationFn: (next: ScheduleForm) => {
      const request = scheduleRequest(section, set, next);
      return change ? rescheduleChange(change, request) : createSchedule(businessId, phoneId, request);
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.schedules(businessId) });
      onScheduled(saved);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) }),
  });
  const update = (field: keyof ScheduleForm, value: string) => setForm({ ...form, [field]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    save.mutate(form);
  };
  return (
    <Dialog open title={title} onClose={onClose}>
      <form className="schedule-form" onSubmit={submit} aria-label={title}>
        <p className="muted">Changes: {describeSet(section, set).join("; ") || "none"}.</p>
        <ProblemNotice problem={problem} />
        <div className="row">
          <label htmlFor={`${id}-date`}>
            Date
            <input id={`${id}-date`} type="date" required value={form.date} onChange={(e) => update("date", e.target.value)} />
          </label>
          <label htmlFor={`${id}-time`}>
            Time
            <input id={`${id}-time`} type="time" required value={form.time} onChange={(e) => update("time", e.target.value)} />
          </label>
        </div>
        <label htmlFor={`${id}-zone`}>
          Time zone
          <select id={`${id}-zone`} value={form.zone} onChange={(e) => update("zone", e.target.value)}>
            <option value="local">{localZone ? `The location's local time (${localZone})` : "In each location's local time"}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
        <fieldset>
          <legend>If someone changes these fields before then</legend>
          <label>
            <input type="radio" name={`${id}-conflict`} checked={form.onConflict === "skip"} onChange={() => update("onConflict", "skip")} />
            Skip this change and keep theirs
          </label>
          <label>
            <input type="radio" name={`${id}-conflict`} checked={form.onConflict === "apply"} onChange={() => update("onConflict", "apply")} />
            Apply this change anyway
          </label>
        </fieldset>
        <label htmlFor={`${id}-note`}>
          Note (optional)
          <input id={`${id}-note`} type="text" maxLength={500} value={form.note} placeholder="Holiday greeting" onChange={(e) => update("note", e.target.value)} />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose} disabled={save.isPending}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Scheduling…" : change ? "Reschedule" : "Schedule"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
