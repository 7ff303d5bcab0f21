import type { SectionName } from "./sections";

/** Query keys of the server state, in one place so realtime changes can invalidate exactly what they touch. */

export const keys = {
  business: (b: string) => ["b", b] as const,
  businessInfo: (b: string) => ["b", b, "business"] as const,
  phones: (b: string) => ["b", b, "phones"] as const,
  /** A phone's section (phoneId) or a business default section (null). */
  section: (b: string, phoneId: string | null, section: SectionName) => ["b", b, "section", phoneId ?? "defaults", section] as const,
  sections: (b: string) => ["b", b, "section"] as const,
  phoneSections: (b: string, phoneId: string) => ["b", b, "section", phoneId] as const,
  inheritance: (b: string) => ["b", b, "inheritance"] as const,
  preview: (b: string, phoneId: string) => ["b", b, "preview", phoneId] as const,
  previews: (b: string) => ["b", b, "preview"] as const,
  staff: (b: string) => ["b", b, "staff"] as const,
  phoneStaff: (b: string, phoneId: string) => ["b", b, "staff", phoneId] as const,
  services: (b: string) => ["b", b, "services"] as const,
  phoneServices: (b: string, phoneId: string) => ["b", b, "services", phoneId] as const,
  /** Every history list of the business: a new revision can show in several (its phone's, the business's, inheriting phones'). */
  history: (b: string) => ["b", b, "history"] as const,
  /** A history list: a phone's (phoneId), or the business's (null), with its filters. */
  historyList: (b: string, phoneId: string | null, filters: object) => ["b", b, "history", phoneId ?? "business", filters] as const,
  /** Every list of scheduled changes of the business: a change of the defaults shows in each phone it reaches. */
  schedules: (b: string) => ["b", b, "schedules"] as const,
  /** The scheduled changes that reach a phone (phoneId), or all of the business's (null). */
  scheduleList: (b: string, phoneId: string | null) => ["b", b, "schedules", phoneId ?? "business"] as const,
  /** The business's bulk edits: the list and each one read. */
  bulkEdits: (b: string) => ["b", b, "bulkEdits"] as const,
  bulkEditList: (b: string) => ["b", b, "bulkEdits", "list"] as const,
  bulkEdit: (b: string, id: string) => ["b", b, "bulkEdits", "one", id] as const,
};
