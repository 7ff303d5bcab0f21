import { sectionEditors } from "../settings/sectionEditors";
import { defaultsUrl, phoneUrl } from "../settings/SettingsContext";
import type { HistoryEntry } from "./historyApi";

/** What a business-wide history entry is about, in words, and the console page that shows it now (if there is one). */
export function targetOf(entry: HistoryEntry, businessId: string, phoneName: (phoneId: string) => string): { label: string; href?: string } {
  const { kind, phoneId, section, itemId } = entry.target;
  const place = phoneId ? phoneName(phoneId) : "A location";
  switch (kind) {
    case "phoneSection":
      return section && phoneId ? { label: `${place} · ${sectionEditors[section].label}`, href: phoneUrl(businessId, phoneId, section) } : { label: place };
    case "defaultSection":
      return section ? { label: `Business defaults · ${sectionEditors[section].label}`, href: defaultsUrl(businessId, section) } : { label: "Business defaults" };
    case "phone":
      return phoneId && entry.operation !== "delete" ? { label: `Location ${place}`, href: phoneUrl(businessId, phoneId) } : { label: `Location ${place}` };
    case "staffAssignments":
      return phoneId ? { label: `${place} · Staff`, href: phoneUrl(businessId, phoneId, "staff") } : { label: "Staff at a location" };
    case "switchedOffServices":
      return phoneId ? { label: `${place} · Services`, href: phoneUrl(businessId, phoneId, "services") } : { label: "Services at a location" };
    case "staff":
      return { label: `Staff member${itemId ? ` ${itemId}` : ""}` };
    case "service":
      return { label: `Service${itemId ? ` ${itemId}` : ""}` };
    case "business":
      return { label: "The business" };
  }
}

/** For a change of the business defaults: how many locations it changed, and which override it (so it did not reach them). */
export function reachOf(entry: HistoryEntry, phoneName: (phoneId: string) => string): string | null {
  if (entry.target.kind !== "defaultSection" || (!entry.affectedPhoneIds && !entry.unaffectedPhoneIds)) return null;
  const affected = entry.affectedPhoneIds?.length ?? 0;
  const overriding = entry.unaffectedPhoneIds ?? [];
  const reach = `Affects ${affected} ${affected === 1 ? "location" : "locations"}`;
  if (overriding.length === 0) return `${reach}.`;
  return `${reach}; ${overriding.length} ${overriding.length === 1 ? "overrides" : "override"} it (${overriding.map(phoneName).join(", ")}).`;
}
