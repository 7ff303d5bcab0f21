import type { Phone } from "../settings/SettingsContext";

/**
 * Labels on locations ("downtown", "west-coast"): lower-case words joined by hyphens, at most 40 characters and 20
 * per location, as the API checks them (src/Shared/PhoneNumbers/PhoneLabels.cs). Pure, so the form, the selector,
 * the location picker and the tests agree.
 */

const valid = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const maxLabels = 20;
export const maxLabelLength = 40;

/** One label as typed ("  West Coast ") → as stored ("west-coast"): lower case, spaces and underscores as hyphens. */
export function normaliseLabel(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^-|-$/g, "");
}

/** A comma-separated field ("Downtown, west coast, downtown") → its labels, normalised, without duplicates or blanks. */
export function parseLabels(text: string): string[] {
  return [...new Set(text.split(",").map(normaliseLabel).filter(Boolean))];
}

/** Why a normalised label would be refused, or null when it is fine (the API says the same at `labels[i]`). */
export function labelProblem(label: string): string | null {
  if (label.length > maxLabelLength) return `“${label}” is longer than ${maxLabelLength} characters.`;
  if (!valid.test(label)) return `“${label}” may hold only letters, digits and single hyphens between them.`;
  return null;
}

/** Every label in use, sorted. */
export function allLabels(phones: Phone[]): string[] {
  return [...new Set(phones.flatMap((phone) => phone.labels))].sort();
}

export function phonesWithLabel(phones: Phone[], label: string): Phone[] {
  return phones.filter((phone) => phone.labels.includes(label));
}
