import { TextSetting, ToggleSetting } from "../components/controls";
import { SectionFrame } from "../components/SectionFrame";
import { useSectionEditor } from "../settings/useSectionEditor";
import type { EditorProps } from "./editorProps";

export function SmsEditor({ businessId, phoneId, canEdit, status }: EditorProps) {
  const editor = useSectionEditor(businessId, phoneId, "sms");
  return (
    <SectionFrame editor={editor} canEdit={canEdit} status={status} description="How this number answers text messages.">
      <ToggleSetting path="enabled" label="Answer text messages" />
      <TextSetting path="autoReply" label="Automatic reply" multiline hint="Sent while the location is open. Up to 1600 characters." />
      <TextSetting path="afterHoursAutoReply" label="Reply after hours" multiline hint="Sent while the location is closed." />
      <div className="grid-2">
        <TextSetting path="forwardTo" label="Also forward messages to" type="tel" />
        <TextSetting path="signature" label="Signature" hint="Added to every reply." />
      </div>
    </SectionFrame>
  );
}
