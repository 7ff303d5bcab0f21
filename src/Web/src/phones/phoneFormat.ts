import type { Phone } from "../settings/SettingsContext";
import { normaliseLabel } from "./labels";

/** +14155550134 → +1 (415) 555-0134 for North American numbers; other numbers as stored. */
export function formatNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

/**
 * Phones whose name, city, number or a label matches the query; digits match however the number is written, a
 * label however it is typed ("West coast" finds "west-coast").
 */
export function searchPhones(phones: Phone[], query: string): Phone[] {
  const text = query.trim().toLowerCase();
  if (!text) return phones;
  const digits = text.replace(/\D/g, "");
  const label = normaliseLabel(text);
  return phones.filter(
    (phone) =>
      phone.displayName.toLowerCase().includes(text) ||
      (phone.address?.city ?? "").toLowerCase().includes(text) ||
      (digits.length >= 3 && phone.phoneNumber.replace(/\D/g, "").includes(digits)) ||
      (label !== "" && phone.labels.some((l) => l.includes(label))),
  );
}
