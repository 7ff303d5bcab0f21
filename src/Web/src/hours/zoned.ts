/** Wall-clock times in a location's IANA time zone, with the browser's Intl (no time-zone library needed). */

function partsIn(timeZone: string, instant: Date): Record<string, number> {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  return Object.fromEntries(parts.filter((p) => p.type !== "literal").map((p) => [p.type, Number(p.value)]));
}

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(timeZone: string, instant: Date): number {
  const p = partsIn(timeZone, instant);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the zone's clocks show `local` ("2026-12-24T18:30"); in a gap it lands just after it. */
export function zonedToInstant(local: string, timeZone: string): Date {
  const [date, time = "00:00"] = local.split("T");
  const [y, m, d] = date!.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const asUtc = Date.UTC(y!, m! - 1, d!, h!, min!);
  const first = new Date(asUtc - offsetAt(timeZone, new Date(asUtc)));
  const second = new Date(asUtc - offsetAt(timeZone, first));
  // Only in a gap does neither guess show `local`; the first then lies just after the gap.
  return instantToZoned(second, timeZone) === local.slice(0, 16) ? second : first;
}

/** `instant` as the zone's wall clock, in the form a datetime-local input takes. */
export function instantToZoned(instant: Date, timeZone: string): string {
  const p = partsIn(timeZone, instant);
  const pad = (n: number | undefined) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** "Thu, Dec 24, 6:30 PM" in the zone. */
export function formatIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" }).format(instant);
}

/** "in 3 h 20 min" from `from` to `to`. */
export function until(to: Date, from: Date): string {
  const total = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60000));
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  if (days > 0) return `in ${days} d ${hours} h`;
  if (hours > 0) return `in ${hours} h ${mins} min`;
  return `in ${mins} min`;
}
