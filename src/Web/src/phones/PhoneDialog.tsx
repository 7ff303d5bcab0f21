import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type ReactNode } from "react";
import { api, idempotencyKey, unwrap, unwrapWithETag, type Schemas } from "../api/client";
import { keys } from "../api/keys";
import { ApiError, fieldErrors, type Problem } from "../api/problem";
import { Dialog } from "../components/Dialog";
import { ProblemNotice } from "../components/ProblemNotice";
import type { Phone } from "../settings/SettingsContext";
import { labelProblem, maxLabels, parseLabels } from "./labels";

type Input = Schemas["PhoneNumberInput"];
const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : ["America/New_York", "America/Los_Angeles", "Europe/London"];

/** Adds a phone (location), or edits one's details; the API's field errors appear at the fields. */
export function PhoneDialog({ businessId, phone, open, onClose, onSaved }: { businessId: string; phone?: Phone; open: boolean; onClose: () => void; onSaved: (phone: Phone) => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [input, setInput] = useState<Input>(() => initial(phone));
  const [labelsText, setLabelsText] = useState(() => (phone ? phone.labels.join(", ") : ""));
  const labels = parseLabels(labelsText);
  // A retry of the same body reuses its Idempotency-Key; a corrected body is a new request with a new key.
  const attempt = useRef<{ body: string; key: string } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      // An address is all or nothing: without a street, none is sent.
      // Labels only when there are some (a new phone) or they changed (absent, the API keeps a phone's labels).
      const labelsChanged = labels.join() !== (phone ? phone.labels : []).join();
      const body = { ...input, address: input.address?.line1 ? input.address : null, ...(labelsChanged ? { labels } : {}) };
      if (!phone) {
        const json = JSON.stringify(body);
        if (attempt.current?.body !== json) attempt.current = { body: json, key: idempotencyKey() };
        const header = { "Idempotency-Key": attempt.current.key };
        return unwrap(api.POST("/api/v2/businesses/{businessId}/phone-numbers", { params: { path: { businessId }, header }, body }));
      }
      const path = { businessId, phoneId: phone.id };
      const current = await unwrapWithETag(api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", { params: { path } }));
      const { phoneNumber: _, settings: __, ...changes } = body;
      // PUT replaces the details: keep the phone's active and primary state as they are now.
      const kept = { isActive: current.data.isActive, isPrimary: current.data.isPrimary };
      return unwrap(api.PUT("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}", { params: { path, header: { "If-Match": current.etag } }, body: { ...kept, ...changes } }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: keys.phones(businessId) });
      void queryClient.invalidateQueries({ queryKey: keys.inheritance(businessId) });
      setProblem(null);
      onSaved(saved);
    },
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) }),
  });
  const set = (change: Partial<Input>) => setInput((current) => ({ ...current, ...change }));
  // An address needs its country (the API says so at the field when it is left empty).
  const setAddress = (change: Partial<NonNullable<Input["address"]>>) => set({ address: { country: "", ...input.address, ...change } });
  const field = (name: string, label: string, control: (props: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode) => {
    const errors = fieldErrors(problem?.errors, name, true);
    const fieldId = `${id}-${name}`;
    return (
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        {control({ id: fieldId, "aria-invalid": errors.length > 0, "aria-describedby": errors.length ? `${fieldId}-errors` : undefined })}
        {errors.length > 0 && (
          <ul className="field-errors" id={`${fieldId}-errors`}>
            {errors.map((m) => <li key={m}>{m}</li>)}
          </ul>
        )}
      </div>
    );
  };
  return (
    <Dialog open={open} title={phone ? `Edit ${phone.displayName}` : "Add a location"} onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
        <ProblemNotice problem={problem?.errors ? { ...problem, errors: undefined } : problem} />
        {!phone && field("phoneNumber", "Phone number", (p) => <input {...p} type="tel" required value={input.phoneNumber ?? ""} onChange={(e) => set({ phoneNumber: e.target.value })} placeholder="(415) 555-0111" />)}
        {field("displayName", "Name", (p) => <input {...p} required value={input.displayName ?? ""} onChange={(e) => set({ displayName: e.target.value })} placeholder="Harbor Dental - Mission" />)}
        <LabelsField id={`${id}-labels`} text={labelsText} labels={labels} errors={problem?.errors} onChange={setLabelsText} />
        {field("timezone", "Time zone", (p) => (
          <select {...p} value={input.timezone ?? ""} onChange={(e) => set({ timezone: e.target.value })}>
            {zones.map((zone) => <option key={zone} value={zone}>{zone}</option>)}
          </select>
        ))}
        <fieldset className="group">
          <legend>Address</legend>
          {field("address.line1", "Street", (p) => <input {...p} value={input.address?.line1 ?? ""} onChange={(e) => setAddress({ line1: e.target.value || null })} />)}
          <div className="grid-3">
            {field("address.city", "City", (p) => <input {...p} value={input.address?.city ?? ""} onChange={(e) => setAddress({ city: e.target.value || null })} />)}
            {field("address.region", "State or region", (p) => <input {...p} value={input.address?.region ?? ""} onChange={(e) => setAddress({ region: e.target.value || null })} />)}
            {field("address.postalCode", "Postal code", (p) => <input {...p} value={input.address?.postalCode ?? ""} onChange={(e) => setAddress({ postalCode: e.target.value || null })} />)}
          </div>
          {field("address.country", "Country (two letters)", (p) => <input {...p} maxLength={2} value={input.address?.country ?? ""} onChange={(e) => setAddress({ country: e.target.value.toUpperCase() })} />)}
        </fieldset>
        {!phone && (
          <fieldset className="group">
            <legend>Settings of the new location</legend>
            <label>
              <input type="radio" name={`${id}-settings`} checked={input.settings !== "copyDefaults"} onChange={() => set({ settings: "inherit" })} />
              Follow the business defaults, including their future changes
            </label>
            <label>
              <input type="radio" name={`${id}-settings`} checked={input.settings === "copyDefaults"} onChange={() => set({ settings: "copyDefaults" })} />
              Start from a copy of the current defaults
            </label>
          </fieldset>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.isPending}>
            {phone ? "Save details" : "Add location"}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function initial(phone?: Phone): Input {
  if (phone) return { displayName: phone.displayName, timezone: phone.timezone, address: phone.address ?? undefined };
  return { phoneNumber: "", displayName: "", timezone: Intl.DateTimeFormat().resolvedOptions().timeZone, address: { country: "US" }, settings: "inherit" };
}

/**
 * The location's labels as one comma-separated field, shown as they will be saved (lower case, hyphens for
 * spaces); the API's errors name a label by its index in what was sent (`labels[1]`), here by the label.
 */
function LabelsField({ id, text, labels, errors, onChange }: { id: string; text: string; labels: string[]; errors: Record<string, string[]> | undefined; onChange: (text: string) => void }) {
  const local = [...labels.map(labelProblem), labels.length > maxLabels ? `At most ${maxLabels} labels.` : null].filter((m): m is string => m !== null);
  const fromApi = Object.entries(errors ?? {})
    .filter(([key]) => key === "labels" || key.startsWith("labels["))
    .flatMap(([key, messages]) => {
      const index = /^labels\[(\d+)\]/.exec(key)?.[1];
      const label = index === undefined ? undefined : labels[Number(index)];
      return messages.map((m) => (label ? `“${label}”: ${m}` : m));
    });
  const messages = [...new Set([...local, ...fromApi])];
  return (
    <div className="field">
      <label htmlFor={id}>Labels</label>
      <input
        id={id}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder="downtown, west-coast"
        aria-describedby={`${id}-hint${messages.length ? ` ${id}-errors` : ""}`}
        aria-invalid={messages.length > 0}
      />
      <p className="field-hint" id={`${id}-hint`}>
        Separate labels with commas; they group locations for bulk edits. {labels.length ? `Saved as: ${labels.join(", ")}.` : "No labels."}
      </p>
      {messages.length > 0 && (
        <ul className="field-errors" id={`${id}-errors`}>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
