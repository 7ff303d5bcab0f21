import { Field } from "./Field";

/** Settings controls: each is a Field (label, source, reset, errors) around one input. */
interface Common {
  path: string;
  label: string;
  hint?: string;
}

export function TextSetting({ path, label, hint, multiline = false, type = "text" }: Common & { multiline?: boolean; type?: "text" | "tel" }) {
  return (
    <Field path={path} label={label} hint={hint}>
      {({ id, describedBy, value, set, invalid, readOnly }) =>
        multiline ? (
          <textarea
            id={id}
            rows={3}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={readOnly}
            value={(value as string | null) ?? ""}
            onChange={(e) => set(e.target.value === "" ? undefined : e.target.value)}
          />
        ) : (
          <input
            id={id}
            type={type}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            readOnly={readOnly}
            value={(value as string | null) ?? ""}
            onChange={(e) => set(e.target.value === "" ? undefined : e.target.value)}
          />
        )
      }
    </Field>
  );
}

export function NumberSetting({ path, label, hint, min, max, step = 1 }: Common & { min: number; max: number; step?: number }) {
  return (
    <Field path={path} label={label} hint={hint}>
      {({ id, describedBy, value, set, invalid, readOnly }) => (
        <input
          id={id}
          type="number"
          min={min}
          max={max}
          step={step}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          readOnly={readOnly}
          value={value === undefined || value === null ? "" : String(value)}
          onChange={(e) => set(e.target.value === "" ? undefined : Number(e.target.value))}
        />
      )}
    </Field>
  );
}

export function SelectSetting({ path, label, hint, options }: Common & { options: { value: string; label: string }[] }) {
  return (
    <Field path={path} label={label} hint={hint} format={(v) => options.find((o) => o.value === v)?.label ?? String(v ?? "none")}>
      {({ id, describedBy, value, set, invalid, readOnly }) => (
        <select
          id={id}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          disabled={readOnly}
          value={(value as string | null) ?? ""}
          onChange={(e) => set(e.target.value || undefined)}
        >
          {value === undefined || value === null ? <option value="">Choose…</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function ToggleSetting({ path, label, hint }: Common) {
  return (
    <Field path={path} label={label} hint={hint}>
      {({ id, describedBy, value, set, readOnly }) => (
        <select id={id} aria-describedby={describedBy} disabled={readOnly} value={value ? "yes" : "no"} onChange={(e) => set(e.target.value === "yes")}>
          <option value="yes">Yes</option>
          <option value="no">No</option>
        </select>
      )}
    </Field>
  );
}
