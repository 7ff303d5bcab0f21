import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState, type ReactNode } from "react";
import { keys } from "../api/keys";
import { SourceBadge } from "../components/SourceBadge";
import { sourceLabel, type Layer, type Source } from "../settings/inheritance";
import { readHistory, type HistoryEntry, type HistoryFilters } from "./historyApi";
import { actorLabel, describeChange, relativeTime } from "./historyFormat";

/**
 * A history list, newest first, one page at a time ("Show older"). Its query key is under keys.history, so a
 * `history.added` message (the realtime layer) refetches it and a new entry appears without a reload.
 */
export function HistoryList({
  businessId,
  phoneId,
  filters,
  label,
  keep = () => true,
  empty,
  children,
}: {
  businessId: string;
  /** A phone's history, or the business's (null). */
  phoneId: string | null;
  filters: HistoryFilters;
  /** The list's accessible name. */
  label: string;
  /** Which entries of the pages to show. */
  keep?: (entry: HistoryEntry) => boolean;
  empty: string;
  /** One entry's item; `shown` is every entry the list shows, newest first. */
  children: (entry: HistoryEntry, now: Date, shown: HistoryEntry[]) => ReactNode;
}) {
  const now = useNow();
  const history = useInfiniteQuery({
    queryKey: keys.historyList(businessId, phoneId, filters),
    queryFn: ({ pageParam }) => readHistory(businessId, phoneId, filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.continuationToken || undefined,
  });
  // A link to one revision (a scheduled change's result) names it in the URL's hash: shown once its page is loaded.
  const loaded = history.data?.pages.length ?? 0;
  useEffect(() => {
    if (loaded && window.location.hash.startsWith("#revision-")) document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: "center" });
  }, [loaded]);
  if (history.isPending) return <p role="status">Loading history…</p>;
  if (history.error) return <p role="alert">Could not load the history: {history.error.message}</p>;
  const entries = history.data.pages.flatMap((page) => page.items).filter(keep);
  return (
    <>
      {entries.length === 0 ? (
        <p className="muted">{history.hasNextPage ? "No changes in the latest page; older ones may match." : empty}</p>
      ) : (
        <ol className="history-list" aria-label={label}>
          {entries.map((entry) => children(entry, now, entries))}
        </ol>
      )}
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? "Loading older changes…" : "Show older"}
        </button>
      )}
    </>
  );
}

/** One entry: who, when (relative, and absolute on hover and for screen readers), and each changed field. */
export function HistoryItem({
  entry,
  now,
  layer,
  section,
  heading,
  children,
}: {
  entry: HistoryEntry;
  now: Date;
  /** Whose point of view the inherited / overridden markers take. */
  layer: Layer;
  section: HistoryEntry["target"]["section"];
  /** What the entry is about, when the list mixes targets. */
  heading?: ReactNode;
  children?: ReactNode;
}) {
  const absolute = new Date(entry.at).toLocaleString();
  return (
    <li className="history-entry" id={`revision-${entry.id}`} data-revision={entry.id}>
      <p className="history-meta">
        <strong>{actorLabel(entry.actor)}</strong>{" "}
        {entry.actor.role && <span className="badge">{entry.actor.role}</span>}{" "}
        <span>
          <time dateTime={entry.at} title={absolute}>
            {relativeTime(entry.at, now)}
          </time>
          <span className="muted"> · {absolute}</span>
        </span>
        {entry.restoredFrom && <span className="badge badge-business">Restore</span>}
        {entry.inherited && <span className="badge badge-business">From business defaults</span>}
        {entry.operation !== "update" && <span className="badge">{entry.operation === "create" ? "Created" : "Removed"}</span>}
      </p>
      {heading}
      {entry.changes.length > 0 ? (
        <ul className="history-changes">
          {entry.changes.map((change) => {
            const { label, before, after } = describeChange(section ?? undefined, change);
            return (
              <li key={change.path}>
                <span className="history-field">{label}:</span> <span className="history-before">{before}</span>
                <SourceNote source={change.sourceBefore ?? undefined} layer={layer} /> <span aria-hidden="true">→</span>
                <span className="visually-hidden"> to </span> <span className="history-after">{after}</span>
                <SourceNote source={change.sourceAfter ?? undefined} layer={layer} />
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted">No field changed.</p>
      )}
      {children}
    </li>
  );
}

function SourceNote({ source, layer }: { source: Source | undefined; layer: Layer }) {
  if (!source) return null;
  return (
    <>
      {" "}
      <SourceBadge source={source} layer={layer} />
      <span className="visually-hidden"> ({sourceLabel(source, layer).toLowerCase()})</span>
    </>
  );
}

/** The current time, again every half minute, so "2 minutes ago" stays true while the list is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
