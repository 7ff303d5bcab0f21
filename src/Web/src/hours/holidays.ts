import type Holidays from "date-holidays";
import type { SpecialDay } from "./hoursModel";

/**
 * Public holidays by country, region and year from the date-holidays data set (npm date-holidays 3.37.0), as hours
 * holidays. The library and its data are large, so the console loads them only when someone asks for holidays.
 */

export type HolidayLibrary = typeof Holidays;

export const loadHolidayLibrary = (): Promise<HolidayLibrary> => import("date-holidays").then((module) => module.default);

/** A holiday offered for the calendar: kept or not, and its label editable before it is added. */
export interface HolidayChoice {
  date: string;
  endDate?: string;
  label: string;
  include: boolean;
}

/** [code, name] pairs sorted by name, e.g. ["DE", "Deutschland"]. */
function sortedByName(names: Record<string, string> | undefined): [string, string][] {
  return Object.entries(names ?? {}).sort((a, b) => a[1].localeCompare(b[1]));
}

export function countriesOf(library: HolidayLibrary): [string, string][] {
  return sortedByName(new library().getCountries("en"));
}

/** The country's states or provinces that have holidays of their own; none for most countries. */
export function regionsOf(library: HolidayLibrary, country: string): [string, string][] {
  return sortedByName(new library().getStates(country, "en"));
}

const dayMs = 86_400_000;

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * dayMs).toISOString().slice(0, 10);
}

/**
 * The public holidays (type "public" only: not observances, bank or school holidays) of a country, or one of its
 * regions, in a year, with their names in the country's language; two on one date are one entry with both names.
 */
export function publicHolidays(library: HolidayLibrary, country: string, region: string | undefined, year: number): HolidayChoice[] {
  const calendar = region ? new library(country, region) : new library(country);
  const byDate = new Map<string, HolidayChoice>();
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type !== "public") continue;
    const date = holiday.date.slice(0, 10);
    const days = Math.round((holiday.end.getTime() - holiday.start.getTime()) / dayMs);
    const same = byDate.get(date);
    if (same) same.label = `${same.label} / ${holiday.name}`;
    else byDate.set(date, { date, ...(days > 1 ? { endDate: addDays(date, days - 1) } : {}), label: holiday.name, include: true });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The chosen holidays as closed days, leaving out dates the calendar already has. */
export function toHolidays(choices: HolidayChoice[], existing: SpecialDay[]): SpecialDay[] {
  const taken = new Set(existing.map((day) => day.date));
  return choices
    .filter((choice) => choice.include && !taken.has(choice.date))
    .map((choice) => ({ date: choice.date, ...(choice.endDate ? { endDate: choice.endDate } : {}), label: choice.label.trim() || null, closed: true }));
}
