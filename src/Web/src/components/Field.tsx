import { useId, type ReactNode } from "react";
import { fieldErrors } from "../api/problem";
import { getPath, sourceLabel } from "../settings/inheritance";
import { SourceBadge } from "./SourceBadge";
import { useReadOnly, useSection } from "./SectionContext";

interface FieldProps {
  /** The API's path of the field, e.g. `afterHours.transferTo`; problem details name fields by it. */
  path: string;
  label: string;
  hint?: string;
  /** How to show the inherited value beside an overridden one. */
  format?: (value: unknown) => string;
  /** Errors of fields below this one (a list's entries) are shown here too. */
  errorsWithin?: boolean;
  /** The control is several inputs (a list): the label names a group instead of one input. */
  group?: boolean;
  children: (control: { id: string; describedBy: string; value: unknown; set: (value: unknown) => void; invalid: boolean; readOnly: boolean }) => ReactNode;
}

export const show = (value: unknown): string =>
  value === undefined || value === null || value === "" ? "none" : typeof value === "boolean" ? (value ? "yes" : "no") : String(value);

/**
 * One setting: its label, whether it is inherited or overridden, the control (showing the effective value), the value
 * it would have without this layer, a per-field reset, and the API's errors for it.
 */
export function Field({ path, label, hint, format = show, errorsWithin = false, group = false, children }: FieldProps) {
  const section = useSection();
  const readOnly = useReadOnly();
  const id = useId();
  const source = section.source(path);
  const own = section.own(path);
  const isOwn = own !== undefined && own !== null;
  const inherited = section.inherited(path);
  const value = isOwn ? own : inherited !== undefined ? inherited : section.server ? getPath(section.server.effective, path) : undefined;
  const errors = fieldErrors(section.problem?.errors, path, errorsWithin);
  const describedBy = [`${id}-source`, hint ? `${id}-hint` : "", errors.length ? `${id}-errors` : ""].filter(Boolean).join(" ");
  return (
    <div className={`field${isOwn ? " field-own" : ""}${errors.length ? " field-invalid" : ""}`} data-field={path}>
      <div className="field-head">
        {group ? (
          <span className="label" id={`${id}-label`}>
            {label}
          </span>
        ) : (
          <label htmlFor={id}>{label}</label>
        )}
        <SourceBadge source={source} layer={section.layer} />
        {isOwn && !readOnly && (
          <button type="button" className="link" onClick={() => section.resetField(path)}>
            Reset to default<span className="visually-hidden">: {label}</span>
          </button>
        )}
      </div>
      {group ? (
        <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy}>
          {children({ id, describedBy, value, set: (next) => section.setField(path, next), invalid: errors.length > 0, readOnly })}
        </div>
      ) : (
        children({ id, describedBy, value, set: (next) => section.setField(path, next), invalid: errors.length > 0, readOnly })
      )}
      <p className="field-source" id={`${id}-source`}>
        {isOwn
          ? `${sourceLabel(source, section.layer)}. Default: ${inherited === undefined ? "the system's (shown once reset)" : format(inherited)}`
          : `${sourceLabel(source, section.layer)}.${readOnly ? "" : " Change it to override."}`}
      </p>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="field-errors" id={`${id}-errors`}>
          {errors.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
