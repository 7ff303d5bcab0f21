/**
 * Where each effective field comes from, and what that means to a person. Paths are the API's: dotted for fields
 * of objects (`afterHours.action`), whole lists as one field (`weekly`).
 */
export type Source = "system" | "business" | "phone";

/** Whose settings are being edited: one phone's override, or the business defaults. */
export type Layer = "phone" | "defaults";

const ownSource: Record<Layer, Source> = { phone: "phone", defaults: "business" };

export function isOwn(source: Source | undefined, layer: Layer): boolean {
  return source === ownSource[layer];
}

/** The source of a field; for an object, the closest layer any of its fields comes from. */
export function sourceOf(sources: Record<string, Source>, path: string): Source | undefined {
  if (sources[path]) return sources[path];
  const below = Object.entries(sources).filter(([key]) => key.startsWith(`${path}.`)).map(([, source]) => source);
  return (["phone", "business", "system"] as const).find((source) => below.includes(source));
}

export function sourceLabel(source: Source | undefined, layer: Layer): string {
  switch (source) {
    case "phone":
      return "Overridden for this location";
    case "business":
      return layer === "phone" ? "Inherited from business defaults" : "Set for the business";
    case "system":
      return "System default";
    default:
      return "Not set";
  }
}

/** Short badge text. */
export function sourceBadge(source: Source | undefined, layer: Layer): string {
  if (isOwn(source, layer)) return layer === "phone" ? "Overridden" : "Business default";
  return source === "business" ? "Inherited" : "System";
}

/** How many of the section's fields this layer sets itself, of all fields. */
export function ownCount(sources: Record<string, Source>, layer: Layer): { own: number; total: number } {
  const values = Object.values(sources);
  return { own: values.filter((source) => isOwn(source, layer)).length, total: values.length };
}

type Json = Record<string, unknown>;

export function getPath(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), value);
}

/**
 * A copy of `value` with the field at `path` set; `undefined` or `null` removes it (the field inherits again), and an
 * object left empty is removed too, so it inherits as a whole.
 */
export function setPath<T extends object>(value: T | null | undefined, path: string, field: unknown): T {
  const [head, ...rest] = path.split(".");
  const copy: Json = { ...(value as Json | null | undefined) };
  const next = rest.length ? setPath(copy[head!] as Json | undefined, rest.join("."), field) : field;
  if (next === undefined || next === null || (rest.length && Object.keys(next as Json).length === 0)) {
    delete copy[head!];
  } else {
    copy[head!] = next;
  }
  return copy as T;
}

/** Drops null and undefined fields recursively: `{a: null}` and `{}` are the same override. */
export function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Json)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, compact(v)] as const)
      .filter(([, v]) => !(v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0));
    return Object.fromEntries(entries);
  }
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(compact(a ?? {}))) === JSON.stringify(sorted(compact(b ?? {})));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.keys(value as Json).sort().map((key) => [key, sorted((value as Json)[key])]));
  }
  return value;
}
