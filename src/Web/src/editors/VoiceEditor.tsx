import { NumberSetting, SelectSetting, TextSetting, ToggleSetting } from "../components/controls";
import { SectionFrame } from "../components/SectionFrame";
import { useSectionEditor } from "../settings/useSectionEditor";
import type { EditorProps } from "./editorProps";

const providers = [
  { value: "azure", label: "Azure" },
  { value: "elevenLabs", label: "ElevenLabs" },
  { value: "openAi", label: "OpenAI" },
  { value: "google", label: "Google" },
  { value: "amazon", label: "Amazon" },
  { value: "cartesia", label: "Cartesia" },
];

export function VoiceEditor({ businessId, phoneId, canEdit, status }: EditorProps) {
  const editor = useSectionEditor(businessId, phoneId, "voice");
  return (
    <SectionFrame editor={editor} canEdit={canEdit} status={status} description="How the voice agent sounds and behaves on every call.">
      <div className="grid-2">
        <TextSetting path="agentName" label="Agent name" hint="What the agent calls itself." />
        <TextSetting path="language" label="Language" hint="A language tag such as en-US or es-MX." />
      </div>
      <TextSetting path="greeting" label="Greeting" multiline hint="The first thing callers hear." />
      <div className="grid-2">
        <SelectSetting path="voiceProvider" label="Voice provider" options={providers} />
        <TextSetting path="voiceId" label="Voice" hint="The provider's voice id." />
      </div>
      <div className="grid-3">
        <NumberSetting path="speakingRate" label="Speaking rate" min={0.5} max={2} step={0.05} hint="1 is normal speed." />
        <NumberSetting path="maxCallMinutes" label="Longest call (minutes)" min={1} max={240} />
        <ToggleSetting path="recordCalls" label="Record calls" />
      </div>
      <TextSetting path="transferNumber" label="Transfer number" type="tel" hint="Where callers who ask for a person are transferred. Any common format." />
      <TextSetting path="instructions" label="Instructions" multiline hint="How the agent should behave, in plain words." />
    </SectionFrame>
  );
}
