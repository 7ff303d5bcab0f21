import type { Schemas } from "../api/client";

/** The weekly grid's logic, apart from the screen: periods by day, past midnight, copying, overlaps. */
export type Period = { open: string; close: string };
export type WeeklyPeriod = Schemas["WeeklyPeriod"];
export type SpecialDay = Schemas["SpecialDay"];

export const days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Day = (typeof days)[number];
export type Week = Record<Day, Period[]>;

export const dayNames: Record<Day, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

const minutes = (time: string) => {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export function emptyWeek(): Week {
  return Object.fromEntries(days.map((day) => [day, []])) as unknown as Week;
}

/** The API's list as a week: each day's periods in order of opening. */
export function toWeek(weekly: WeeklyPeriod[] | null | undefined): Week {
  const week = emptyWeek();
  for (const period of weekly ?? []) {
    if (period.day && period.open && period.close) week[period.day as Day].push({ open: period.open, close: period.close });
  }
  days.forEach((day) => week[day].sort((a, b) => minutes(a.open) - minutes(b.open)));
  return week;
}

export function fromWeek(week: Week): WeeklyPeriod[] {
  return days.flatMap((day) => week[day].map((period) => ({ day, ...period })));
}

/** A period whose close is not after its open runs into the next day ("22:00"–"02:00"); "24:00" ends at midnight. */
export function isOvernight(period: Period): boolean {
  return period.close !== "24:00" && minutes(period.close) <= minutes(period.open);
}

/** The next sensible period of a day: an hour after the last one closes, or 9 to 5. */
export function nextPeriod(periods: Period[]): Period {
  const last = periods[periods.length - 1];
  if (!last || isOvernight(last)) return { open: "09:00", close: "17:00" };
  const start = Math.min(minutes(last.close) + 60, 23 * 60);
  const end = Math.min(start + 120, 24 * 60);
  return { open: clock(start), close: end === 24 * 60 ? "24:00" : clock(end) };
}

export function clock(total: number): string {
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}

/** Copies one day's periods onto other days, replacing theirs. */
export function copyDay(week: Week, from: Day, to: Day[]): Week {
  const copy = { ...week };
  to.filter((day) => day !== from).forEach((day) => (copy[day] = week[from].map((p) => ({ ...p }))));
  return copy;
}

/**
 * Periods that overlap another, across midnight and from Sunday into Monday, as the API checks them: each message
 * names the day and both periods, so the grid can say it before saving.
 */
export function overlaps(week: Week): { day: Day; index: number; message: string }[] {
  const weekMinutes = 7 * 24 * 60;
  const spans = days.flatMap((day, d) =>
    week[day].map((period, index) => {
      const start = d * 24 * 60 + minutes(period.open);
      const end = d * 24 * 60 + (period.close === "24:00" ? 24 * 60 : minutes(period.close) + (isOvernight(period) ? 24 * 60 : 0));
      return { day, index, period, start, end };
    }),
  );
  const found: { day: Day; index: number; message: string }[] = [];
  spans.forEach((a, i) =>
    spans.slice(0, i).forEach((b) => {
      const hit = [0, weekMinutes, -weekMinutes].some((shift) => a.start + shift < b.end && b.start < a.end + shift);
      if (hit && !found.some((f) => f.day === a.day && f.index === a.index)) {
        found.push({ day: a.day, index: a.index, message: `Overlaps ${dayNames[b.day]} ${describe(b.period)}.` });
      }
    }),
  );
  return found;
}

export function describe(period: Period): string {
  return `${period.open}–${period.close === "24:00" ? "midnight" : period.close}${isOvernight(period) ? " (next day)" : ""}`;
}

export function describeDay(periods: Period[]): string {
  return periods.length === 0 ? "Closed" : periods.map(describe).join(", ");
}

/** Special days and holidays in date order, keeping each entry's index in the API's list (errors name it). */
export function byDate(list: SpecialDay[]): { day: SpecialDay; index: number }[] {
  return list.map((day, index) => ({ day, index })).sort((a, b) => (a.day.date ?? "").localeCompare(b.day.date ?? ""));
}

export function describeSpecial(day: SpecialDay): string {
  const when = day.endDate && day.endDate !== day.date ? `${day.date} to ${day.endDate}` : (day.date ?? "");
  const hours = day.closed ? "closed" : describeDay((day.periods ?? []).map((p) => ({ open: p.open ?? "", close: p.close ?? "" })));
  return `${day.label ? `${day.label}: ` : ""}${when}, ${hours}`;
}
