import { useRealtime } from "./RealtimeProvider";
import type { LiveStatus } from "./types";

const text: Record<LiveStatus, { label: string; title: string }> = {
  idle: { label: "Not connected", title: "Live updates are off." },
  connecting: { label: "Connecting…", title: "Connecting to live updates." },
  live: { label: "Live", title: "Changes made by others appear here within a second." },
  reconnecting: { label: "Reconnecting…", title: "The live connection dropped; reconnecting. Edits still save." },
  offline: { label: "Offline, retrying", title: "Live updates are unreachable; retrying. Reload to see others' changes meanwhile." },
  unavailable: {
    label: "No live updates",
    title: "This server does not offer live updates yet: reload to see changes made by others. Everything else works.",
  },
};

/** A small, unobtrusive status of the live connection in the header. */
export function LiveIndicator() {
  const { status } = useRealtime();
  const { label, title } = text[status];
  return (
    <span className={`live live-${status}`} role="status" title={title} aria-label={`Live updates: ${label}. ${title}`}>
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
