import { keys } from "../api/keys";
import { settingSections, type SectionName } from "../api/sections";
import type { ChangeMessage } from "./types";

/** The cached queries a change makes stale. */
export function staleQueries(message: ChangeMessage): (readonly unknown[])[] {
  const b = message.businessId;
  const p = message.phoneId;
  switch (message.type) {
    case "phone.added":
    case "phone.removed":
      return [keys.phones(b), keys.inheritance(b)];
    case "phone.updated":
    case "phone.primaryChanged":
      return p ? [keys.phones(b), keys.preview(b, p)] : [keys.phones(b)];
    case "defaults.changed":
      // Every inheriting phone's effective settings follow the defaults.
      return [...changedSettings(message).map((s) => keys.section(b, null, s)), keys.sections(b), keys.inheritance(b), keys.previews(b)];
    case "staff.changed":
      return [keys.staff(b), keys.previews(b)];
    case "services.changed":
      return [keys.services(b), keys.previews(b)];
    case "history.added":
      // A revision shows in its phone's history, the business's, and (a default's) every inheriting phone's.
      return [keys.history(b)];
    case "scheduled.changed":
      // A change of the defaults lists under every phone it reaches, so every list of the business refetches.
      return [keys.schedules(b)];
    case "bulkEdit.changed":
      // Its progress and result; the locations it changes announce themselves on their own channels.
      return [keys.bulkEdits(b)];
    case "phone.settings.changed":
    case "phone.voice.changed":
    case "phone.hours.changed": {
      if (!p) return [];
      const stale: (readonly unknown[])[] = changedSettings(message).map((s) => keys.section(b, p, s));
      if (message.sections.includes("staff")) stale.push(keys.phoneStaff(b, p));
      if (message.sections.includes("services")) stale.push(keys.phoneServices(b, p));
      return [...stale, keys.inheritance(b), keys.preview(b, p)];
    }
  }
}

export function changedSettings(message: ChangeMessage): SectionName[] {
  return settingSections.filter((section) => message.sections.includes(section));
}
