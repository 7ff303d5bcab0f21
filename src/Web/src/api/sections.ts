import type { Schemas } from "./client";
import { settingsSectionNameValues } from "./schema.gen";

/** A settings section, as the API's OpenAPI document names them (its SettingsSectionName enum). */
export type SectionName = Schemas["SettingsSectionName"];

/** Every settings section the API serves, in its order: the console's one list of them, generated from the document. */
export const settingSections: readonly SectionName[] = settingsSectionNameValues;

export function isSectionName(value: string | undefined): value is SectionName {
  return settingSections.includes(value as SectionName);
}
