import { useSyncExternalStore } from "react";

/**
 * The locations selected for a bulk edit, per business. Kept in this tab's session storage, so the selection
 * survives moving between locations and sections (which remounts the pages) and a reload, but not the tab.
 */

const listeners = new Set<() => void>();
const storageKey = (businessId: string) => `multiphone.selection.${businessId}`;
// useSyncExternalStore needs the same array for the same selection; the text in storage is the identity.
const cache = new Map<string, { text: string; ids: string[] }>();

function read(businessId: string): string[] {
  const text = sessionStorage.getItem(storageKey(businessId)) ?? "[]";
  const cached = cache.get(businessId);
  if (cached?.text === text) return cached.ids;
  let ids: string[] = [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) ids = parsed.filter((id): id is string => typeof id === "string");
  } catch {
    // Something else wrote the key: start with nothing selected.
  }
  cache.set(businessId, { text, ids });
  return ids;
}

export function setSelection(businessId: string, ids: Iterable<string>): void {
  sessionStorage.setItem(storageKey(businessId), JSON.stringify([...new Set(ids)]));
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The selected phone ids of the business, and a setter; every user of it re-renders on a change. */
export function useSelection(businessId: string): [string[], (ids: Iterable<string>) => void] {
  const ids = useSyncExternalStore(subscribe, () => read(businessId));
  return [ids, (next) => setSelection(businessId, next)];
}
