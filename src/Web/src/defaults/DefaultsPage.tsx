import { useQuery } from "@tanstack/react-query";
import { Link } from "wouter";
import { api, unwrap } from "../api/client";
import { keys } from "../api/keys";
import { settingSections, type SectionName } from "../api/sections";
import { sectionEditors } from "../settings/sectionEditors";
import { defaultsUrl, useSettings } from "../settings/SettingsContext";

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
  const { Editor } = sectionEditors[section];
  return (
    <>
      <header className="page-head">
        <div>
          <h1>Business defaults</h1>
          <p className="muted">Every location follows these unless it overrides a field. New locations start from them.</p>
        </div>
      </header>
      <nav aria-label="Default sections" className="tabs">
        {settingSections.map((tab) => {
          const count = countOf(tab);
          return (
            <Link key={tab} href={defaultsUrl(businessId, tab)} aria-current={tab === section ? "page" : undefined}>
              {sectionEditors[tab].label}
              {count && <span className="tab-count" aria-label={`, followed by ${count.inheritingPhoneIds.length} locations`}>{count.inheritingPhoneIds.length}</span>}
            </Link>
          );
        })}
      </nav>
      <Editor key={section} businessId={businessId} phoneId={null} canEdit={canEdit} status={status} />
    </>
  );
}
