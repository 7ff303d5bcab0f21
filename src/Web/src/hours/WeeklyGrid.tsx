import { useState } from "react";
import { copyDay, dayNames, days, isOvernight, nextPeriod, overlaps, type Day, type Period, type Week } from "./hoursModel";

/** The usual week: several periods per day, periods past midnight, copy a day's times to other days. */
export function WeeklyGrid({ week, onChange, readOnly, errorsOf }: { week: Week; onChange: (week: Week) => void; readOnly: boolean; errorsOf: (day: Day, index: number) => string[] }) {
  const [copying, setCopying] = useState<Day | null>(null);
  const clashes = overlaps(week);
  const setDay = (day: Day, periods: Period[]) => onChange({ ...week, [day]: periods });
  return (
    <div className="week">
      {days.map((day) => {
        const periods = week[day];
        const name = dayNames[day];
        return (
          <div key={day} className={`day${periods.length ? "" : " day-closed"}`} data-day={day}>
            <div className="day-name">
              <label>
                <input type="checkbox" checked={periods.length > 0} disabled={readOnly} onChange={(e) => setDay(day, e.target.checked ? [nextPeriod([])] : [])} />
                <span className="visually-hidden">Open on </span>
                {name}
              </label>
            </div>
            <div className="periods">
              {periods.length === 0 && <span className="muted">Closed</span>}
              {periods.map((period, index) => {
                const label = `${name} period ${index + 1}`;
                const problems = [...clashes.filter((c) => c.day === day && c.index === index).map((c) => c.message), ...errorsOf(day, index)];
                return (
                  <div key={index} className="period">
                    <input type="time" aria-label={`${label} opens`} value={period.open} readOnly={readOnly} aria-invalid={problems.length > 0} onChange={(e) => setDay(day, periods.map((p, i) => (i === index ? { ...p, open: e.target.value } : p)))} />
                    <span aria-hidden="true">–</span>
                    <input type="time" aria-label={`${label} closes`} value={period.close === "24:00" ? "00:00" : period.close} readOnly={readOnly} aria-invalid={problems.length > 0} onChange={(e) => setDay(day, periods.map((p, i) => (i === index ? { ...p, close: e.target.value } : p)))} />
                    {isOvernight(period) && <span className="tag">{period.close === "00:00" || period.close === "24:00" ? "until midnight" : "next day"}</span>}
                    {!readOnly && (
                      <button type="button" className="icon" onClick={() => setDay(day, periods.filter((_, i) => i !== index))} aria-label={`Remove ${label}`}>
                        ×
                      </button>
                    )}
                    {problems.length > 0 && (
                      <span className="period-error" role="alert">
                        {problems.join(" ")}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
            {!readOnly && (
              <div className="day-actions">
                <button type="button" onClick={() => setDay(day, [...periods, nextPeriod(periods)])}>
                  + Period<span className="visually-hidden"> on {name}</span>
                </button>
                <button type="button" onClick={() => setCopying(copying === day ? null : day)} aria-expanded={copying === day}>
                  Copy to…<span className="visually-hidden"> (other days get {name}'s times)</span>
                </button>
              </div>
            )}
            {copying === day && <CopyPanel from={day} onCancel={() => setCopying(null)} onApply={(to) => { onChange(copyDay(week, day, to)); setCopying(null); }} />}
          </div>
        );
      })}
    </div>
  );
}

function CopyPanel({ from, onApply, onCancel }: { from: Day; onApply: (to: Day[]) => void; onCancel: () => void }) {
  const [chosen, setChosen] = useState<Day[]>([]);
  const others = days.filter((d) => d !== from);
  const toggle = (day: Day, on: boolean) => setChosen((list) => (on ? [...list, day] : list.filter((d) => d !== day)));
  return (
    <fieldset className="copy-panel">
      <legend>Copy {dayNames[from]}'s times to</legend>
      <label>
        <input type="checkbox" checked={chosen.length === others.length} onChange={(e) => setChosen(e.target.checked ? others : [])} />
        Every other day
      </label>
      {others.map((day) => (
        <label key={day}>
          <input type="checkbox" checked={chosen.includes(day)} onChange={(e) => toggle(day, e.target.checked)} />
          {dayNames[day]}
        </label>
      ))}
      <div className="row">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={chosen.length === 0} onClick={() => onApply(chosen)}>
          Apply
        </button>
      </div>
    </fieldset>
  );
}
