import { api, unwrap } from "../api/client";
import type { paths } from "../api/schema.gen";
import type { SectionName } from "../api/sections";
import type { Source } from "./inheritance";

type DefaultsPut<S extends SectionName> = paths[`/api/v2/businesses/{businessId}/settings/defaults/${S}`]["put"];

/** Each section's fields, as its routes in the API's document take them. */
export type SectionValues = { [S in SectionName]: NonNullable<DefaultsPut<S>["requestBody"]>["content"]["application/json"] };

/** A section as one layer sees it, the same for a phone and for the business defaults. */
export interface SectionState<S extends SectionName> {
  /** The layer's own fields (a phone's override, or the business's defaults); null when it sets none. */
  own: SectionValues[S] | null;
  effective: SectionValues[S];
  sources: Record<string, Source>;
  version: number;
  updatedAt: string | null;
}

/** A section's ETag, which If-Match takes: its version. */
export function etagOf(version: number): string {
  return `"v${version}"`;
}

// One path per layer; the section name is a path segment, so the typed client sees the voice route's shape.
const phonePath = "/api/v2/businesses/{businessId}/phone-numbers/{phoneId}/settings/voice" as const;
const defaultsPath = "/api/v2/businesses/{businessId}/settings/defaults/voice" as const;

function pathOf(phoneId: string | null, section: SectionName) {
  return (phoneId === null ? defaultsPath : phonePath).replace(/voice$/, section) as typeof phonePath;
}

interface RawSection {
  override?: unknown;
  value?: unknown;
  effective?: unknown;
  sources: Record<string, Source>;
  version: number | string;
  updatedAt?: string | null;
}

/** A section as the API answers it (GET, PUT, DELETE, and restoring a revision of it), as the editors hold it. */
export function toState<S extends SectionName>(body: unknown): SectionState<S> {
  const raw = body as RawSection;
  return {
    own: ((raw.override ?? raw.value) as SectionValues[S] | undefined) ?? null,
    effective: raw.effective as SectionValues[S],
    sources: raw.sources,
    version: Number(raw.version),
    updatedAt: raw.updatedAt ?? null,
  };
}

export async function readSection<S extends SectionName>(businessId: string, phoneId: string | null, section: S) {
  const params = { path: { businessId, phoneId: phoneId ?? "" } };
  return toState<S>(await unwrap(api.GET(pathOf(phoneId, section), { params })));
}

/** Replaces the layer; `version` is what the editor started from, so a change made meanwhile answers 412. */
export async function writeSection<S extends SectionName>(
  businessId: string,
  phoneId: string | null,
  section: S,
  value: SectionValues[S] | null,
  version: number,
) {
  const params = { path: { businessId, phoneId: phoneId ?? "" }, header: { "If-Match": etagOf(version) } };
  const call =
    value === null
      ? api.DELETE(pathOf(phoneId, section), { params })
      : api.PUT(pathOf(phoneId, section), { params, body: value as SectionValues["voice"] });
  return toState<S>(await unwrap(call));
}
