import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { Link } from "wouter";
import { keys } from "../api/keys";
import { ApiError, type Problem } from "../api/problem";
import { ProblemNotice } from "../components/ProblemNotice";
import { sectionEditors } from "../settings/sectionEditors";
import { activityUrl } from "../settings/SettingsContext";
import { countdown, describeAt, describeSet, fieldNames, formOf, lateness, statusLabels, upcomingOrder, wallClock } from "./scheduleFormat";
import { ScheduleDialog } from "./ScheduleDialog";
import { cancelChange, readSchedules } from "./schedulesApi";
import type { ScheduledApplication, ScheduledChange } from "./types";

/**
 * The scheduled changes that reach one location (phoneId), or all of the business's (null): pending ones first with
 * a countdown on each location's own clock, then what became of the others. Its query is under keys.schedules, so
 * `scheduled.changed` (the realtime layer) refetches it.
 */
export function UpcomingList({ businessId, phoneId, canEdit, phoneName }: { businessId: string; phoneId: string | null; canEdit: boolean; phoneName: (id: string) => string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: keys.scheduleList(businessId, phoneId), queryFn: () => readSchedules(businessId, phoneId) });
  const [moving, setMoving] = useState<ScheduledChange | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const cancel = useMutation({
    mutationFn: cancelChange,
    onMutate: () => setProblem(null),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keys.schedules(businessId) }),
    onError: (error) => setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) }),
  });
  const changes = upcomingOrder(list.data ?? []);
  const now = useNow(changes.some((c) => c.status === "pending"));
  return (
    <section className="section upcoming" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upcoming changes</h2>
      <p className="muted">{phoneId ? "Changes scheduled for this location, its own and the business defaults'." : "Every change scheduled in the business, for the defaults and for each location."}</p>
      <ProblemNotice problem={problem} />
      {list.isPending && <p role="status">Loading scheduled changes…</p>}
      {list.error && <p role="alert">Could not load the scheduled changes: {list.error.message}</p>}
      {list.data && changes.length === 0 && <p className="muted">Nothing scheduled.</p>}
      {changes.length > 0 && (
        <ol className="history-list" aria-label="Scheduled changes, pending first">
          {changes.map((change) => (
            <li key={change.id} className="history-entry" data-change={change.id}>
              <ChangeSummary change={change} phoneName={phoneName} />
              {change.defaultsDueAt && <DefaultsLine change={change} dueAt={change.defaultsDueAt} now={now} businessId={businessId} />}
              {change.applications.length === 0 ? (
                <p className="muted">No location takes these fields from the business defaults.</p>
              ) : (
                <ul className="schedule-applications" aria-label="Where and when it applies">
                  {change.applications
                    .filter((app) => phoneId === null || app.phoneId === phoneId)
                    .map((app) => (
                      <ApplicationLine key={app.phoneId} app={app} change={change} now={now} businessId={businessId} phoneName={phoneName} />
                    ))}
                </ul>
              )}
              {canEdit && change.status === "pending" && (
                <div className="history-actions">
                  <button type="button" onClick={() => setMoving(change)}>
                    Reschedule…
                  </button>
                  <button type="button" className="danger" disabled={cancel.isPending} onClick={() => cancel.mutate(change)}>
                    Cancel this change
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      {moving && (
        <ScheduleDialog
          businessId={businessId}
          phoneId={moving.phoneId ?? null}
          section={moving.section}
          set={moving.set}
          title="Reschedule this change"
          change={moving}
          initial={formOf(moving.at, moving.onConflict, moving.note)}
          onClose={() => setMoving(null)}
          onScheduled={() => setMoving(null)}
        />
      )}
    </section>
  );
}

function ChangeSummary({ change, phoneName }: { change: ScheduledChange; phoneName: (id: string) => string }) {
  const section = change.section === "phone" ? "Location details" : sectionEditors[change.section].label;
  const layer = change.phoneId ? phoneName(change.phoneId) : "Business defaults";
  return (
    <>
      <p className="history-meta">
        <strong>
          {layer} · {section}
        </strong>
        <span className={`badge schedule-${change.status}`}>{statusLabels[change.status]}</span>
      </p>
      <ul className="history-changes">
        {describeSet(change.section, change.set).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {change.note && <p>Note: {change.note}</p>}
      <p className="muted">
        For {describeAt(change.at)}, scheduled by {change.createdBy.name || change.createdBy.id}; {change.onConflict === "skip" ? "skipped" : "applied anyway"} if someone changes these fields first.
      </p>
    </>
  );
}

/** One location's part: when on its clock, and the countdown or what happened. */
function ApplicationLine({ app, change, now, businessId, phoneName }: { app: ScheduledApplication; change: ScheduledChange; now: Date; businessId: string; phoneName: (id: string) => string }) {
  const due = <time dateTime={app.dueAt}>{wallClock(app.dueAt, app.timeZone)}</time>;
  return (
    <li data-application={app.phoneId}>
      {phoneName(app.phoneId)}: {due} <span className="muted">({app.timeZone})</span>
      {" · "}
      {app.status === "pending" && <span className="countdown">{countdown(app.dueAt, now)}</span>}
      {app.status === "applied" && (
        <>
          Applied{app.appliedAt ? ` ${wallClock(app.appliedAt, app.timeZone)}` : ""}
          {lateness(app.lateByMs)}
          {app.revisionId ? (
            <>
              {" · "}
              <Link href={`${activityUrl(businessId)}#revision-${app.revisionId}`}>See the revision</Link>
            </>
          ) : (
            " (nothing had to change)"
          )}
        </>
      )}
      {app.status === "skipped" && <>Skipped: {fieldNames(change.section, app.conflicts ?? [])} changed after it was scheduled</>}
      {app.status === "failed" && (
        <span className="problem-inline">
          Failed: {app.problem?.title ?? "the change was refused"}
          {app.problem?.detail ? ` ${app.problem.detail}` : ""}
        </span>
      )}
      {app.status === "cancelled" && "Cancelled"}
    </li>
  );
}

/**
 * A default change's write of the defaults layer itself (at its earliest location's time, or its instant), on the
 * browser's clock since the business has no zone of its own.
 */
function DefaultsLine({ change, dueAt, now, businessId }: { change: ScheduledChange; dueAt: string; now: Date; businessId: string }) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const status = change.defaultsStatus ?? "pending";
  return (
    <p data-defaults>
      The business defaults: <time dateTime={dueAt}>{wallClock(dueAt, zone)}</time>
      {" · "}
      {status === "pending" ? <span className="countdown">{countdown(dueAt, now)}</span> : statusLabels[status]}
      {change.defaultsRevisionId && (
        <>
          {" · "}
          <Link href={`${activityUrl(businessId)}#revision-${change.defaultsRevisionId}`}>See the defaults' revision</Link>
        </>
      )}
    </p>
  );
}

/** The current time, every second while something counts down. */
function useNow(ticking: boolean): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}
