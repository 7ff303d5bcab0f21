import { useId, useState } from "react";
import { allLabels, phonesWithLabel } from "../phones/labels";
import { formatNumber } from "../phones/phoneFormat";
import type { Phone } from "../settings/SettingsContext";
import { useSelection } from "./selection";

/**
 * Chooses locations for a bulk edit: a checkbox per location (with its labels), narrowed to a label, and "select all
 * shown" (so selecting by label is: show that label, select all). The selection is the business's (selection.ts).
 */
export function LocationPicker({ businessId, phones }: { businessId: string; phones: Phone[] }) {
  const id = useId();
  const [selected, setSelected] = useSelection(businessId);
  const [label, setLabel] = useState("");
  const labels = allLabels(phones);
  const shown = label ? phonesWithLabel(phones, label) : phones;
  const toggle = (phoneId: string, on: boolean) => setSelected(on ? [...selected, phoneId] : selected.filter((s) => s !== phoneId));
  // Ids of deleted locations may linger in storage; only existing ones count.
  const count = phones.filter((p) => selected.includes(p.id)).length;
  return (
    <fieldset className="group location-picker">
      <legend>Locations to change</legend>
      <div className="row">
        <label htmlFor={`${id}-label`}>
          Show
          <select id={`${id}-label`} value={label} onChange={(e) => setLabel(e.target.value)}>
            <option value="">Every location</option>
            {labels.map((l) => (
              <option key={l} value={l}>
                Labelled {l}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setSelected([...selected, ...shown.map((p) => p.id)])}>
          {label ? `Select all labelled ${label}` : "Select all"}
        </button>
        <button type="button" onClick={() => setSelected([])} disabled={count === 0}>
          Clear selection
        </button>
      </div>
      <ul className="picker-list" aria-label="Locations to choose from">
        {shown.map((phone) => (
          <li key={phone.id}>
            <label>
              <input type="checkbox" checked={selected.includes(phone.id)} onChange={(e) => toggle(phone.id, e.target.checked)} />
              <span>
                {phone.displayName} <span className="muted">{formatNumber(phone.phoneNumber)}</span>
              </span>
              {!phone.isActive && <span className="badge badge-inactive">Inactive</span>}
              {phone.labels.map((l) => (
                <span key={l} className="tag">
                  {l}
                </span>
              ))}
            </label>
          </li>
        ))}
      </ul>
      <p role="status" className="muted">
        {count === 1 ? "1 location selected" : `${count} locations selected`}
      </p>
    </fieldset>
  );
}
