import { useId, useState, type FormEvent } from "react";
import { Link } from "wouter";
import { isSectionName, settingSections } from "../api/sections";
import { sectionEditors } from "../settings/sectionEditors";
import { useSettings } from "../settings/SettingsContext";
import type { HistoryEntry, HistoryFilters } from "./historyApi";
import { dayToInstant } from "./historyFormat";
import { HistoryItem, HistoryList } from "./HistoryList";
import { reachOf, targetOf } from "./historyTargets";

/**
 * Everything that changed in the business, newest first, narrowed by section, location, person and dates; each entry
 * links to where it can be seen (and restored) now. New entries appear live: the page is on the business channel.
 */
export function ActivityPage() {
  const { businessId, phones } = useSettings();
  const [filters, setFilters] = useState<HistoryFilters>({});
  const id = useId();
  const phoneName = (phoneId: string) => phones.find((p) => p.id === phoneId)?.displayName ?? phoneId;

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const section = text("section");
    setFilters({
      section: isSectionName(section) ? section : undefined,
      phoneId: text("phoneId"),
      actor: text("actor"),
      since: dayToInstant(text("since") ?? ""),
      until: dayToInstant(text("until") ?? "", true),
    });
  };

  return (
    <>
      <header className="page-head">
        <div>
          <h1>Activity</h1>
          <p className="muted">Every change to this business's settings, locations, staff and services, newest first.</p>
        </div>
      </header>
      <form className="section activity-filters" aria-label="Filter the activity" onSubmit={apply} onReset={() => setFilters({})}>
        <label htmlFor={`${id}-section`}>
          Section
          <select id={`${id}-section`} name="section" defaultValue="">
            <option value="">Any</option>
            {settingSections.map((section) => (
              <option key={section} value={section}>
                {sectionEditors[section].label}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-phone`}>
          Location
          <select id={`${id}-phone`} name="phoneId" defaultValue="">
            <option value="">Any</option>
            {phones.map((phone) => (
              <option key={phone.id} value={phone.id}>
                {phone.displayName}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-actor`}>
          Changed by
          <input id={`${id}-actor`} name="actor" type="text" placeholder="User id" aria-describedby={`${id}-actor-hint`} />
          <span className="visually-hidden" id={`${id}-actor-hint`}>
            The person's user id (subject), as the entries show it.
          </span>
        </label>
        <label htmlFor={`${id}-since`}>
          From
          <input id={`${id}-since`} name="since" type="date" />
        </label>
        <label htmlFor={`${id}-until`}>
          To
          <input id={`${id}-until`} name="until" type="date" />
        </label>
        <div className="row">
          <button type="submit" className="primary">
            Apply filters
          </button>
          <button type="reset">Clear</button>
        </div>
      </form>
      <HistoryList businessId={businessId} phoneId={null} filters={filters} label="Activity, newest first" empty="Nothing matches these filters.">
        {(entry, now) => <ActivityEntry key={entry.id} entry={entry} now={now} businessId={businessId} phoneName={phoneName} />}
      </HistoryList>
    </>
  );
}

function ActivityEntry({ entry, now, businessId, phoneName }: { entry: HistoryEntry; now: Date; businessId: string; phoneName: (id: string) => string }) {
  const target = targetOf(entry, businessId, phoneName);
  const reach = reachOf(entry, phoneName);
  const heading = (
    <p className="history-target">
      {target.href ? <Link href={target.href}>{target.label}</Link> : <span>{target.label}</span>}
      {reach && <span className="muted"> {reach}</span>}
    </p>
  );
  return <HistoryItem entry={entry} now={now} layer={entry.target.kind === "phoneSection" ? "phone" : "defaults"} section={entry.target.section} heading={heading} />;
}
