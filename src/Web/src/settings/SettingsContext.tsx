import { useQueries, useQuery } from "@tanstack/react-query";
import { createContext, useContext, type ReactNode } from "react";
import { useLocation } from "wouter";
import { api, unwrap, type Schemas } from "../api/client";
import { keys } from "../api/keys";
import { settingSections, type SectionName } from "../api/sections";
import { can, useSession, type Role } from "../auth/session";
import { channels } from "../realtime/types";
import { useChannels } from "../realtime/RealtimeProvider";
import { readSection, type SectionState } from "./sectionApi";

export type Phone = Schemas["PhoneNumberResponse"];
export type PhoneSection = SectionName | "staff" | "services";
export const phoneSections: readonly PhoneSection[] = [...settingSections, "staff", "services"];

export interface Settings {
  businessId: string;
  businessName: string | undefined;
  role: Role | undefined;
  canEdit: boolean;
  canManage: boolean;
  phones: Phone[];
  phonesLoading: boolean;
  phonesError: Error | null;
  selectedPhoneId: string | null;
  selectedPhone: Phone | undefined;
  section: PhoneSection;
  /** The selected phone's settings sections (shared with the editors through the query cache). */
  phoneSettings: Partial<{ [S in SectionName]: SectionState<S> }>;
  selectPhone: (phoneId: string) => void;
  selectSection: (section: PhoneSection) => void;
}

const SettingsContext = createContext<Settings | null>(null);

export function phoneUrl(businessId: string, phoneId: string, section: PhoneSection = "voice"): string {
  return `/b/${encodeURIComponent(businessId)}/phones/${encodeURIComponent(phoneId)}/${section}`;
}

export function defaultsUrl(businessId: string, section: SectionName = "voice"): string {
  return `/b/${encodeURIComponent(businessId)}/defaults/${section}`;
}

export function activityUrl(businessId: string): string {
  return `/b/${encodeURIComponent(businessId)}/activity`;
}

export function scheduledUrl(businessId: string): string {
  return `/b/${encodeURIComponent(businessId)}/scheduled`;
}

/** The business's bulk edits, or one of them. */
export function bulkEditsUrl(businessId: string, bulkEditId?: string): string {
  return `/b/${encodeURIComponent(businessId)}/bulk-edits${bulkEditId ? `/${encodeURIComponent(bulkEditId)}` : ""}`;
}

/**
 * The console's state as the seed describes it: the current business, its phones, the selected phone and that
 * phone's settings. The selection lives in the URL (`/b/{business}/phones/{phone}/{section}`), so a link opens the
 * same phone and section; with no phone in the URL, the primary is selected.
 */
export function SettingsProvider({
  businessId,
  phoneId,
  section = "voice",
  children,
}: {
  businessId: string;
  phoneId: string | null;
  section?: PhoneSection;
  children: ReactNode;
}) {
  const session = useSession();
  const [, navigate] = useLocation();
  const role: Role | undefined = session?.platformRoles.includes("ops")
    ? "admin"
    : session?.memberships.find((m) => m.businessId === businessId)?.role;

  const business = useQuery({
    queryKey: keys.businessInfo(businessId),
    queryFn: () => unwrap(api.GET("/api/v2/businesses/{businessId}", { params: { path: { businessId } } })),
  });
  const phones = useQuery({
    queryKey: keys.phones(businessId),
    queryFn: async () =>
      (await unwrap(api.GET("/api/v2/businesses/{businessId}/phone-numbers", { params: { path: { businessId } } }))).items,
  });
  const list = phones.data ?? [];
  const selectedPhone = list.find((p) => p.id === phoneId) ?? (phoneId === null ? list.find((p) => p.isPrimary) ?? list[0] : undefined);
  const selectedPhoneId = selectedPhone?.id ?? null;

  const sectionQueries = useQueries({
    queries: settingSections.map((name) => ({
      queryKey: keys.section(businessId, selectedPhoneId, name),
      queryFn: () => readSection(businessId, selectedPhoneId, name),
      enabled: selectedPhoneId !== null,
    })),
  });

  useChannels(businessId, [channels.business(businessId), ...(selectedPhoneId ? [channels.phoneSettings(selectedPhoneId), channels.phoneHours(selectedPhoneId)] : [])]);

  const phoneSettings = Object.fromEntries(
    settingSections.flatMap((name, i) => (sectionQueries[i]?.data ? [[name, sectionQueries[i].data]] : [])),
  ) as Settings["phoneSettings"];

  const value: Settings = {
    businessId,
    businessName: business.data?.name,
    role,
    canEdit: can(role, "editSettings"),
    canManage: can(role, "manage"),
    phones: list,
    phonesLoading: phones.isPending,
    phonesError: phones.error,
    selectedPhoneId,
    selectedPhone,
    section,
    phoneSettings,
    selectPhone: (id) => navigate(phoneUrl(businessId, id, section)),
    selectSection: (next) => selectedPhoneId && navigate(phoneUrl(businessId, selectedPhoneId, next)),
  };
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const settings = useContext(SettingsContext);
  if (!settings) throw new Error("useSettings needs a SettingsProvider.");
  return settings;
}
