import type { Schemas } from "../api/client";
import { ItemErrors, useItemErrors } from "../components/ItemErrors";
import { byDate, isOvernight, type SpecialDay } from "./hoursModel";

type TimePeriod = Schemas["TimePeriod"];

/** Special dates or holidays: a date or a range, a label, closed or its own hours. Errors are named by the API's index. */
export function SpecialDaysList({ list, path, noun, onChange, readOnly }: { list: SpecialDay[]; path: "specialDays" | "holidays"; noun: string; onChange: (list: SpecialDay[]) => void; readOnly: boolean }) {
  const update = (index: number, day: SpecialDay) => onChange(list.map((d, i) => (i === index ? day : d)));
  return (
    <div className="list">
      {list.length === 0 && <p className="muted">No {noun}s.</p>}
      {byDate(list).map(({ day, index }) => (
        <SpecialDayRow key={index} path={`${path}[${index}]`} noun={noun} day={day} readOnly={readOnly} onChange={(d) => update(index, d)} onRemove={() => onChange(list.filter((_, i) => i !== index))} />
      ))}
      {!readOnly && (
        <button type="button" onClick={() => onChange([...list, { date: new Date().toISOString().slice(0, 10), label: "", closed: true }])}>
          Add a {noun}
        </button>
      )}
    </div>
  );
}

function SpecialDayRow({ path, noun, day, readOnly, onChange, onRemove }: { path: string; noun: string; day: SpecialDay; readOnly: boolean; onChange: (d: SpecialDay) => void; onRemove: () => void }) {
  const name = day.label || day.date || noun;
  const date = useItemErrors(`${path}.date`);
  const end = useItemErrors(`${path}.endDate`);
  const periods = day.periods ?? [];
  const setPeriods = (next: TimePeriod[]) => onChange({ ...day, periods: next });
  return (
    <div className="special" data-special={path}>
      <div className="row">
        <label>
          Label
          <input value={day.label ?? ""} readOnly={readOnly} placeholder="Christmas" onChange={(e) => onChange({ ...day, label: e.target.value || null })} />
        </label>
        <label>
          From
          <input type="date" value={day.date ?? ""} readOnly={readOnly} aria-invalid={date.invalid} aria-describedby={date.errorId} onChange={(e) => onChange({ ...day, date: e.target.value })} />
        </label>
        <label>
          To (optional)
          <input type="date" value={day.endDate ?? ""} min={day.date ?? undefined} readOnly={readOnly} aria-invalid={end.invalid} aria-describedby={end.errorId} onChange={(e) => onChange({ ...day, endDate: e.target.value || null })} />
        </label>
        <label>
          Hours
          <select value={day.closed ? "closed" : "open"} disabled={readOnly} onChange={(e) => onChange(e.target.value === "closed" ? { ...day, closed: true, periods: null } : { ...day, closed: false, periods: [{ open: "10:00", close: "14:00" }] })}>
            <option value="closed">Closed all day</option>
            <option value="open">Open at other hours</option>
          </select>
        </label>
        {!readOnly && (
          <button type="button" onClick={onRemove} aria-label={`Remove ${noun} ${name}`}>
            Remove
          </button>
        )}
      </div>
      {!day.closed && (
        <div className="row">
          {periods.map((period, i) => (
            <span key={i} className="period">
              <input type="time" aria-label={`${name} period ${i + 1} opens`} value={period.open ?? ""} readOnly={readOnly} onChange={(e) => setPeriods(periods.map((p, j) => (j === i ? { ...p, open: e.target.value } : p)))} />
              <span aria-hidden="true">–</span>
              <input type="time" aria-label={`${name} period ${i + 1} closes`} value={period.close === "24:00" ? "00:00" : (period.close ?? "")} readOnly={readOnly} onChange={(e) => setPeriods(periods.map((p, j) => (j === i ? { ...p, close: e.target.value } : p)))} />
              {period.open && period.close && isOvernight({ open: period.open, close: period.close }) && <span className="tag">next day</span>}
              {!readOnly && (
                <button type="button" className="icon" aria-label={`Remove ${name} period ${i + 1}`} onClick={() => setPeriods(periods.filter((_, j) => j !== i))}>
                  ×
                </button>
              )}
            </span>
          ))}
          {!readOnly && (
            <button type="button" onClick={() => setPeriods([...periods, { open: "09:00", close: "12:00" }])}>
              + Period<span className="visually-hidden"> on {name}</span>
            </button>
          )}
        </div>
      )}
      <ItemErrors path={path} />
      <ItemErrors path={`${path}.date`} />
      <ItemErrors path={`${path}.endDate`} />
      <ItemErrors path={`${path}.label`} />
      <ItemErrors path={`${path}.periods`} within />
    </div>
  );
}
