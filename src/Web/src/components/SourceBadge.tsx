import { sourceBadge, sourceLabel, type Layer, type Source } from "../settings/inheritance";

/** Inherited (from the business or the system) or overridden, at a glance; the field's description says it in words. */
export function SourceBadge({ source, layer }: { source: Source | undefined; layer: Layer }) {
  return (
    <span className={`badge badge-${source ?? "none"}`} title={sourceLabel(source, layer)} aria-hidden="true">
      {sourceBadge(source, layer)}
    </span>
  );
}
