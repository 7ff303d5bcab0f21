import type { SectionName } from "../api/sections";
import { dayNames, days, describeDay, describeSpecial, toWeek, type Day, type Period, type SpecialDay, type WeeklyPeriod } from "../hours/hoursModel";
import { getPath } from "../settings/inheritance";
import type { HistoryActor, HistoryChange, HistoryEntry } from "./historyApi";

/**
 * History entries in words: each changed field as "Greeting: 'Hello' → 'Hi'", who made the change, and when. Pure, so
 * the panel, the Activity page and the tests read entries the same way.
 */

// The labels the section editors show for their fields; paths the API names that are not here read as words.
const labels: Record<SectionName, Record<string, string>> = {
  voice: {
    agentName: "Agent name",
    greeting: "Greeting",
    language: "Language",
    voiceProvider: "Voice provider",
    voiceId: "Voice",
    speakingRate: "Speaking rate",
    maxCallMinutes: "Longest call (minutes)",
    recordCalls: "Record calls",
    transferNumber: "Transfer number",
    instructions: "Instructions",
  },
  rules: {
    rules: "Rules",
    "afterHours.action": "After hours: when closed",
    "afterHours.message": "After hours: message callers hear",
    "afterHours.transferTo": "After hours: transfer to",
    escalationContacts: "Escalation contacts",
    refusedTopics: "Topics the agent declines",
  },
  hours: { alwaysOpen: "Open 24/7", weekly: "Weekly hours", specialDays: "Special dates", holidays: "Holiday calendar" },
  sms: {
    enabled: "Answer text messages",
    autoReply: "Automatic reply",
    afterHoursAutoReply: "Reply after hours",
    forwardTo: "Also forward messages to",
    signature: "Signature",
  },
};

/** "escalation.phoneNumber" → "Escalation: phone number". */
function words(path: string): string {
  const spaced = path
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase())
    .join(": ");
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The field's label as its editor shows it; a day of the week below `weekly` is "Weekly hours: Monday". */
export function fieldLabel(section: SectionName | undefined, path: string): string {
  const known = section ? labels[section][path] : undefined;
  if (known) return known;
  const [head, ...rest] = path.split(".");
  const parent = section && head ? labels[section][head] : undefined;
  return parent && rest.length ? `${parent}: ${words(rest.join("."))}` : words(path);
}

const longest = 120;

function quoted(text: string): string {
  return `'${text.length > longest ? `${text.slice(0, longest - 1)}…` : text}'`;
}

/** A field's value in a sentence: strings quoted, lists and objects summarized, an absent value "not set". */
export function formatValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return "not set";
  const field = path.split(".").pop();
  if (Array.isArray(value)) {
    if (field === "weekly") {
      const week = toWeek(value as WeeklyPeriod[]);
      return days.map((day) => `${dayNames[day].slice(0, 3)} ${describeDay(week[day])}`).join("; ");
    }
    if (days.includes(field as Day)) return describeDay(value as Period[]);
    if (field === "specialDays" || field === "holidays") return (value as SpecialDay[]).map(describeSpecial).join("; ") || "none";
    if (field === "rules") return value.length === 1 ? "1 rule" : `${value.length} rules`;
    if (value.length === 0) return "none";
    if (value.every((item) => typeof item !== "object" || item === null)) return value.map((item) => formatValue(path, item)).join(", ");
    return value.map((item) => formatValue(path, item)).join("; ");
  }
  if (typeof value === "object") {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    return fields.length ? fields.map(([key, v]) => `${words(key).toLowerCase()} ${formatValue(key, v)}`).join(", ") : "none";
  }
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return quoted(value);
  return String(value);
}

/** One changed field in words, e.g. "Greeting: 'Hello' → 'Hi'". */
export function describeChange(section: SectionName | undefined, change: HistoryChange): { label: string; before: string; after: string; text: string } {
  const label = fieldLabel(section, change.path);
  const before = formatValue(change.path, change.before);
  const after = formatValue(change.path, change.after);
  return { label, before, after, text: `${label}: ${before} → ${after}` };
}

const actorKinds: Record<HistoryActor["kind"], string> = {
  user: "",
  migration: "Migration",
  schedule: "Schedule",
  bulkEdit: "Bulk edit",
  system: "System",
};

/** Who made a change: a user's name (or subject), or what kind of run did it. */
export function actorLabel(actor: HistoryActor): string {
  const who = actor.name || actor.id;
  return actor.kind === "user" ? who : `${actorKinds[actor.kind]}${who ? ` (${who})` : ""}`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_557_600],
  ["month", 2_629_800],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/** "just now", "5 minutes ago", "yesterday": when `at` was, seen from `now`. */
export function relativeTime(at: string, now: Date): string {
  const seconds = (Date.parse(at) - now.getTime()) / 1000;
  if (Math.abs(seconds) < 45) return "just now";
  const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? units[units.length - 1]!;
  return relative.format(Math.round(seconds / size), unit);
}

/**
 * What undoing `entry` would overwrite, field by field: the value a later change gave each conflicting field (now
 * in `current`, the layer's own values) and the one undoing would put back.
 */
export function conflictLines(section: SectionName | undefined, conflicts: string[], entry: HistoryEntry, current: unknown): string[] {
  return conflicts.map((path) => {
    const change = entry.changes.find((c) => c.path === path);
    const now = formatValue(path, getPath(current, path));
    const back = change ? `; undoing sets it back to ${formatValue(path, change.before)}` : "";
    return `${fieldLabel(section, path)}: changed later to ${now}${back}`;
  });
}

/** A date input's day (yyyy-mm-dd, local) as the instant a filter takes: its start, or with `end`, the next day's. */
export function dayToInstant(day: string, end = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, end ? d + 1 : d).toISOString();
}
