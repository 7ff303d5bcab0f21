import type { ComponentType } from "react";
import type { SectionName } from "../api/sections";
import type { EditorProps } from "../editors/editorProps";
import { RulesEditor } from "../editors/RulesEditor";
import { SmsEditor } from "../editors/SmsEditor";
import { VoiceEditor } from "../editors/VoiceEditor";
import { HoursEditor } from "../hours/HoursEditor";

/** What the phone page gives every section editor; the hours editor also reads the phone's time zone. */
export type SectionEditorProps = EditorProps & { timezone?: string };

/**
 * Each settings section's editor and label, the one place the console names them. Keyed by the API's section enum,
 * so a section the API adds and the console has no editor for does not compile.
 */
export const sectionEditors: Record<SectionName, { label: string; Editor: ComponentType<SectionEditorProps> }> = {
  voice: { label: "Voice agent", Editor: VoiceEditor },
  rules: { label: "Conversation rules", Editor: RulesEditor },
  hours: { label: "Operating hours", Editor: HoursEditor },
  sms: { label: "SMS", Editor: SmsEditor },
};
