import { useEffect, useId, useState } from "react";
import { createPortal } from "react-dom";
import { Dialog } from "../components/Dialog";
import { countriesOf, loadHolidayLibrary, publicHolidays, regionsOf, toHolidays, type HolidayChoice, type HolidayLibrary } from "./holidays";
import type { SpecialDay } from "./hoursModel";

/**
 * "Add public holidays": a country, optionally a region, and a year; their public holidays listed for review (keep
 * or not, rename) before they join the holiday calendar, which the section's Save then stores.
 */
export function HolidayImport({ existing, onAdd }: { existing: SpecialDay[]; onAdd: (added: SpecialDay[]) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add public holidays…
      </button>
      {/* Outside the section's form, so Enter in a label does not save the section. */}
      {open &&
        createPortal(
          <HolidayDialog
            existing={existing}
            onClose={() => setOpen(false)}
            onAdd={(added) => {
              setOpen(false);
              onAdd(added);
            }}
          />,
          document.body,
        )}
    </>
  );
}

function HolidayDialog({ existing, onAdd, onClose }: { existing: SpecialDay[]; onAdd: (added: SpecialDay[]) => void; onClose: () => void }) {
  const id = useId();
  const [library, setLibrary] = useState<HolidayLibrary | null>(null);
  const [loadError, setLoadError] = useState("");
  const [country, setCountry] = useState("");
  const [region, setRegion] = useState("");
  const [year, setYear] = useState(new Date().getFullYear());
  const [choices, setChoices] = useState<HolidayChoice[]>([]);
  useEffect(() => {
    // The library is a class: handed to the setter as is, React would call it as an updater.
    loadHolidayLibrary().then((loaded) => setLibrary(() => loaded), (error: unknown) => setLoadError(String(error)));
  }, []);
  useEffect(() => {
    setChoices(library && country && year >= 1900 && year <= 2200 ? publicHolidays(library, country, region || undefined, year) : []);
  }, [library, country, region, year]);
  const regions = library && country ? regionsOf(library, country) : [];
  const taken = new Set(existing.map((day) => day.date));
  const added = toHolidays(choices, existing);
  const change = (index: number, choice: HolidayChoice) => setChoices(choices.map((c, i) => (i === index ? choice : c)));
  return (
    <Dialog open title="Add public holidays" onClose={onClose}>
      {loadError && <p role="alert">Could not load the holiday calendars: {loadError}</p>}
      {!library && !loadError && <p role="status">Loading holiday calendars…</p>}
      {library && (
        <div className="row">
          <label htmlFor={`${id}-country`}>
            Country
            <select
              id={`${id}-country`}
              value={country}
              onChange={(e) => {
                setCountry(e.target.value);
                setRegion("");
              }}
            >
              <option value="">Choose a country</option>
              {countriesOf(library).map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          {regions.length > 0 && (
            <label htmlFor={`${id}-region`}>
              Region (optional)
              <select id={`${id}-region`} value={region} onChange={(e) => setRegion(e.target.value)}>
                <option value="">The whole country</option>
                {regions.map(([code, name]) => (
                  <option key={code} value={code}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label htmlFor={`${id}-year`}>
            Year
            <input id={`${id}-year`} type="number" min={1900} max={2200} value={year} onChange={(e) => setYear(Number(e.target.value))} />
          </label>
        </div>
      )}
      {choices.length > 0 && (
        <ul className="holiday-choices" aria-label="Public holidays to add">
          {choices.map((choice, index) => (
            <li key={choice.date} className="row">
              <label>
                <input
                  type="checkbox"
                  aria-label={`${choice.date} ${choice.label}`}
                  checked={choice.include && !taken.has(choice.date)}
                  disabled={taken.has(choice.date)}
                  onChange={(e) => change(index, { ...choice, include: e.target.checked })}
                />
                {choice.date}
                {choice.endDate ? ` to ${choice.endDate}` : ""}
              </label>
              <input aria-label={`Label of ${choice.date}`} value={choice.label} onChange={(e) => change(index, { ...choice, label: e.target.value })} />
              {taken.has(choice.date) && <span className="muted">already in the calendar</span>}
            </li>
          ))}
        </ul>
      )}
      {country && library && choices.length === 0 && <p className="muted">No public holidays found for that year.</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={added.length === 0} onClick={() => onAdd(added)}>
          {added.length === 1 ? "Add 1 holiday" : `Add ${added.length} holidays`}
        </button>
      </div>
    </Dialog>
  );
}
