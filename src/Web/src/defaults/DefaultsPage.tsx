import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, unwrap } from "../api/client";
import { keys, type SectionName } from "../api/keys";
import { HoursEditor } from "../hours/HoursEditor";
import { RulesEditor } from "../editors/RulesEditor";
import { SmsEditor } from "../editors/SmsEditor";
import { VoiceEditor } from "../editors/VoiceEditor";
import { defaultsUrl, useSettings } from "../settings/SettingsContext";

const tabs: { section: SectionName; label: string }[] = [
  { section: "voice", label: "Voice agent" },
  { section: "rules", label: "Conversation rules" },
  { section: "hours", label: "Operating hours" },
  { section: "sms", label: "SMS" },
];

/** The business defaults, with the same editors, and which locations follow each section. */
export function DefaultsPage({ section }: { section: SectionName }) {
  const { businessId, canEdit, phones } = useSettings();
  const inheritance = useQuery({
    queryKey: keys.inheritance(businessId),
    queryFn: () => unwrap(api.GET("/api/v2/businesses/{businessId}/settings/defaults", { params: { path: { businessId } } })),
  });
  const nameOf = (id: string) => phones.find((p) => p.id === id)?.displayName ?? id;
  const countOf = (name: SectionName) => inheritance.data?.sections.find((s) => s.section === name);
  const current = countOf(section);
  const status = current && (
    <span data-testid="inheritance">
      Followed by {current.inheritingPhoneIds.length} of {current.inheritingPhoneIds.length + current.overridingPhoneIds.length} locations
      {current.overridingPhoneIds.length > 0 && ` (${current.overridingPhoneIds.map(nameOf).join(", ")} ${current.overridingPhoneIds.length === 1 ? "overrides" : "override"} it)`}.
    </span>
  );
  const props = { businessId, phoneId: null, canEdit, status };
  return (
    <>
      <header className="page-head">
        <div>
          <h1>Business defaults</h1>
          <p className="muted">Every location follows these unless it overrides a field. New locations start from them.</p>
        </div>
      </header>
      <nav aria-label="Default sections" className="tabs">
        {tabs.map((tab) => {
          const count = countOf(tab.section);
          return (
            <Link key={tab.section} href={defaultsUrl(businessId, tab.section)} aria-current={tab.section === section ? "page" : undefined}>
              {tab.label}
              {count && <span className="tab-count" aria-label={`, followed by ${count.inheritingPhoneIds.length} locations`}>{count.inheritingPhoneIds.length}</span>}
            </Link>
          );
        })}
      </nav>
      {section === "voice" && <VoiceEditor key="voice" {...props} />}
      {section === "rules" && <RulesEditor key="rules" {...props} />}
      {section === "hours" && <HoursEditor key="hours" {...props} />}
      {section === "sms" && <SmsEditor key="sms" {...props} />}
    </>
  );
}
