import { Link } from "wouter";
import type { SectionName } from "../api/sections";
import { activityUrl } from "../settings/SettingsContext";
import { describeBulkChange, failureReason, outcomeLabel } from "./bulkFormat";
import type { BulkItem } from "./types";

/**
 * A bulk edit per location, one row each: its outcome and every effective field that changes (before → after, with
 * where each value comes from), or why it fails. A preview says what would happen; a result links each change to
 * its revision in the Activity.
 */
export function BulkItemsTable({ items, section, preview, caption, businessId }: { items: BulkItem[]; section: SectionName | undefined; preview: boolean; caption: string; businessId: string }) {
  return (
    <table className="table bulk-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Location</th>
          <th scope="col">Outcome</th>
          <th scope="col">{preview ? "What would change" : "What changed"}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.phoneId} data-phone={item.phoneId}>
            <th scope="row">{item.displayName || item.phoneId}</th>
            <td>
              <span className={`badge outcome-${item.outcome}`}>{outcomeLabel(item.outcome, preview)}</span>
            </td>
            <td>
              {item.outcome === "fail" && <p className="problem-inline">{failureReason(section, item)}</p>}
              {item.outcome === "unchanged" && <span className="muted">Already so; nothing to write.</span>}
              {(item.changes?.length ?? 0) > 0 && (
                <ul className="history-changes">
                  {item.changes!.map((change) => {
                    const text = describeBulkChange(section, change);
                    return (
                      <li key={change.path}>
                        <span className="history-field">{text.label}</span>: <span className="history-before">{text.before}</span> → {text.after}
                      </li>
                    );
                  })}
                </ul>
              )}
              {!preview && item.revisionId && <Link href={`${activityUrl(businessId)}#revision-${item.revisionId}`}>See the revision</Link>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
