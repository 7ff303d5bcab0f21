import { useId, useRef, useState } from "react";
import { useSettings } from "../settings/SettingsContext";
import { formatNumber, searchPhones } from "./phoneFormat";

/**
 * The phone (location) being configured: a combobox that searches by name, city, number or label, shows each
 * location's labels, marks the primary and inactive phones, and works with the keyboard (arrows, Home/End, Enter,
 * Escape).
 */
export function PhoneSelector() {
  const { phones, selectedPhone, selectPhone } = useSettings();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const matches = searchPhones(phones, query);
  const choose = (phoneId: string) => {
    selectPhone(phoneId);
    setOpen(false);
    setQuery("");
  };
  const move = (to: number) => {
    setOpen(true);
    setActive(Math.max(0, Math.min(matches.length - 1, to)));
  };
  const optionId = (index: number) => `${id}-option-${index}`;
  return (
    <div className="phone-selector">
      <label htmlFor={`${id}-input`}>Location</label>
      <div className="combobox">
        <input
          ref={input}
          id={`${id}-input`}
          role="combobox"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={open && matches[active] ? optionId(active) : undefined}
          placeholder={selectedPhone ? `${selectedPhone.displayName} · ${formatNumber(selectedPhone.phoneNumber)}` : "Search locations"}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown") move(open ? active + 1 : 0);
            else if (e.key === "ArrowUp") move(active - 1);
            else if (e.key === "Home" && open) move(0);
            else if (e.key === "End" && open) move(matches.length - 1);
            else if (e.key === "Enter" && open && matches[active]) choose(matches[active].id);
            else if (e.key === "Escape") {
              setOpen(false);
              setQuery("");
            } else return;
            e.preventDefault();
          }}
        />
        <ul id={`${id}-list`} role="listbox" aria-label="Locations" className="listbox" hidden={!open}>
          {matches.length === 0 && <li className="muted">No location matches “{query}”.</li>}
          {matches.map((phone, index) => (
            <li
              key={phone.id}
              id={optionId(index)}
              role="option"
              aria-selected={phone.id === selectedPhone?.id}
              className={`option${index === active ? " option-active" : ""}${phone.isActive ? "" : " option-inactive"}`}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(phone.id);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className="option-name">{phone.displayName}</span>
              <span className="option-number">
                {formatNumber(phone.phoneNumber)}
                {phone.labels.map((label) => (
                  <span key={label} className="tag option-label">
                    {label}
                  </span>
                ))}
              </span>
              {phone.isPrimary && <span className="badge badge-primary">Primary</span>}
              {!phone.isActive && <span className="badge badge-inactive">Inactive</span>}
            </li>
          ))}
        </ul>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open ? `${matches.length} locations` : ""}
      </p>
    </div>
  );
}
