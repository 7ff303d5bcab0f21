import type { Phone } from "../settings/SettingsContext";

/** +14155550134 → +1 (415) 555-0134 for North American numbers; other numbers as stored. */
export function formatNumber(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return nanp ? `+1 (${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164;
}

/** Phones whose name or number matches the query; digits match however the number is written. */
export function searchPhones(phones: Phone[], query: string): Phone[] {
  const text = query.trim().toLowerCase();
  if (!text) return phones;
  const digits = text.replace(/\D/g, "");
  return phones.filter(
    (phone) =>
      phone.displayName.toLowerCase().includes(text) ||
      (phone.address?.city ?? "").toLowerCase().includes(text) ||
      (digits.length >= 3 && phone.phoneNumber.replace(/\D/g, "").includes(digits)),
  );
}
