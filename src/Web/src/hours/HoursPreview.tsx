import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { api, unwrap } from "../api/client";
import { keys } from "../api/keys";
import { formatIn, instantToZoned, until, zonedToInstant } from "./zoned";

/**
 * "Open now / next change" for the saved hours, from the API (the same answer a voice agent gets), now or at an
 * instant chosen in the location's time zone.
 */
export function HoursPreview({ businessId, phoneId, timezone, version }: { businessId: string; phoneId: string; timezone: string; version: number }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [at, setAt] = useState<string>("");
  const instant = at ? zonedToInstant(at, timezone) : null;
  const preview = useQuery({
    queryKey: [...keys.preview(businessId, phoneId), at],
    queryFn: () =>
      unwrap(
        api.GET("/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/agent-config", {
          params: { path: { businessId, phoneId }, query: instant ? { at: instant.toISOString() } : {} },
        }),
      ),
  });

  // The agent configuration may be up to a second old (AgentConfig:MaxStaleness): ask again once that has passed
  // after a save, and again when the next change is due.
  const nextChangeAt = preview.data?.nextChangeAt;
  useEffect(() => {
    const again = () => void queryClient.invalidateQueries({ queryKey: keys.preview(businessId, phoneId) });
    const timers = [setTimeout(again, 1_200)];
    if (!at && nextChangeAt) timers.push(setTimeout(again, Math.max(1_000, new Date(nextChangeAt).getTime() - Date.now() + 1_000)));
    return () => timers.forEach(clearTimeout);
  }, [queryClient, businessId, phoneId, version, at, nextChangeAt]);

  const data = preview.data;
  const evaluated = data ? new Date(data.evaluatedAt) : null;
  return (
    <aside className="preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>What callers get</h3>
      <div className="row">
        <label htmlFor={`${id}-at`}>At ({timezone})</label>
        <input id={`${id}-at`} type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        {at ? (
          <button type="button" onClick={() => setAt("")}>
            Back to now
          </button>
        ) : (
          <button type="button" onClick={() => setAt(instantToZoned(new Date(), timezone))}>
            Pick a time
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="hours-preview">
        {preview.isPending && <p>Checking…</p>}
        {preview.error && <p role="alert">Could not check the hours: {preview.error.message}</p>}
        {data && evaluated && (
          <>
            <p className={`open-state ${data.openNow ? "is-open" : "is-closed"}`}>
              <strong>{data.openNow ? "Open" : "Closed"}</strong> {at ? `at ${formatIn(evaluated, timezone)}` : "now"}
            </p>
            <p>
              {data.nextChangeAt
                ? `${data.openNow ? "Closes" : "Opens"} ${formatIn(new Date(data.nextChangeAt), timezone)} (${until(new Date(data.nextChangeAt), evaluated)})`
                : data.openNow
                  ? "Open around the clock."
                  : "No opening in the coming weeks."}
            </p>
            <p className="muted">Saved hours, in {timezone}. Unsaved changes are not previewed.</p>
          </>
        )}
      </div>
    </aside>
  );
}
