import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { keys } from "../api/keys";
import type { SectionName } from "../api/sections";
import { ApiError, type Problem } from "../api/problem";
import { useLiveChange, useRealtime } from "../realtime/RealtimeProvider";
import { compact, getPath, sameValue, setPath, sourceOf, type Layer, type Source } from "./inheritance";
import { readSection, writeSection, type SectionState, type SectionValues } from "./sectionApi";

/** Someone else changed the section: on save (412) or live while this editor had unsaved changes. */
export interface Conflict {
  how: "on-save" | "live";
  changedBy?: string;
  changedAt?: string;
}

/**
 * One section of one layer being edited: the server state, a draft of the layer's own fields over it, saving with
 * If-Match on the version the draft started from, and what to do when someone else changed it meanwhile.
 */
export function useSectionEditor<S extends SectionName>(businessId: string, phoneId: string | null, section: S) {
  const queryClient = useQueryClient();
  const { live } = useRealtime();
  const layer: Layer = phoneId === null ? "defaults" : "phone";
  const key = keys.section(businessId, phoneId, section);
  const query = useQuery({ queryKey: key, queryFn: () => readSection(businessId, phoneId, section) });
  // A phone's inherited fields come from the business defaults: shown as "the default" beside overridden fields.
  const defaults = useQuery({
    queryKey: keys.section(businessId, null, section),
    queryFn: () => readSection(businessId, null, section),
    enabled: layer === "phone",
  });
  const [draft, setDraft] = useState<{ value: SectionValues[S]; baseVersion: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const server = query.data;
  const value = (draft?.value ?? server?.own ?? {}) as SectionValues[S];
  const dirty = draft !== null && !sameValue(draft.value, server?.own);

  // On a phone's channels a section's version is its default layer's plus its own (docs/realtime.md).
  const defaultsVersion = layer === "phone" ? (defaults.data?.version ?? 0) : 0;
  const saved = (state: SectionState<S>) => {
    queryClient.setQueryData(key, state);
    live?.markSeen(businessId, phoneId, section, defaultsVersion + state.version);
    setDraft(null);
    setProblem(null);
    setConflict(null);
    void queryClient.invalidateQueries({ queryKey: keys.inheritance(businessId) });
    void queryClient.invalidateQueries({ queryKey: keys.previews(businessId) });
    if (layer === "defaults") void queryClient.invalidateQueries({ queryKey: keys.sections(businessId) });
    // The change is a new revision; live updates bring it too, but not while they are down.
    void queryClient.invalidateQueries({ queryKey: keys.history(businessId) });
  };
  const failed = (error: unknown) => {
    if (error instanceof ApiError && error.isConflict) setConflict({ how: "on-save" });
    else setProblem(error instanceof ApiError ? error.problem : { type: "about:blank", status: 0, title: String(error) });
  };

  const write = useMutation({
    mutationFn: ({ next, version }: { next: SectionValues[S] | null; version: number }) =>
      writeSection(businessId, phoneId, section, next, version),
    onSuccess: saved,
    onError: failed,
  });

  const edit = (next: SectionValues[S]) => setDraft({ value: next, baseVersion: draft?.baseVersion ?? server?.version ?? 0 });
  const ownFields = (next: SectionValues[S]) => {
    const kept = compact(next) as SectionValues[S];
    // A phone whose override has no field left inherits the whole section again.
    return layer === "phone" && Object.keys(kept as object).length === 0 ? null : kept;
  };

  useLiveChange((message) => {
    const here = message.businessId === businessId && message.phoneId === phoneId;
    const version = message.versions[section];
    if (here && message.sections.includes(section) && draft && dirty && version !== undefined && version > defaultsVersion + draft.baseVersion) {
      setConflict({ how: "live", changedBy: message.changedBy, changedAt: message.changedAt });
    }
  });

  return {
    businessId,
    phoneId,
    layer,
    section,
    loading: query.isPending,
    loadError: query.error,
    server,
    value,
    dirty,
    saving: write.isPending,
    problem,
    conflict,
    /** The layer's own value of a field (undefined: it inherits). */
    own: (path: string) => getPath(value, path),
    /** What the field is without this layer's own value: the business default (phones) or the system's. */
    inherited: (path: string): unknown =>
      layer === "phone" ? getPath(defaults.data?.effective, path) : server && sourceOf(server.sources, path) === "system" ? getPath(server.effective, path) : undefined,
    /** The field's source as the draft stands: own when the draft sets it, else where the server says it comes from. */
    source: (path: string): Source | undefined => {
      if (getPath(value, path) !== undefined && getPath(value, path) !== null) return layer === "phone" ? "phone" : "business";
      const fromServer = server ? sourceOf(server.sources, path) : undefined;
      if (layer === "phone") return fromServer === "phone" ? sourceOf(defaults.data?.sources ?? {}, path) : fromServer;
      return fromServer === "business" ? "system" : fromServer;
    },
    setField: (path: string, field: unknown) => edit(setPath(value, path, field)),
    resetField: (path: string) => edit(setPath(value, path, undefined)),
    /** Starts an override from everything that applies now (phones only). */
    overrideAll: () => server && edit(structuredClone(server.effective)),
    discard: () => {
      setDraft(null);
      setProblem(null);
    },
    save: () => server && write.mutate({ next: ownFields(value), version: draft?.baseVersion ?? server.version }),
    /** Removes the layer's own fields on the server: a phone inherits the business defaults, defaults the system's. */
    resetSection: () => server && write.mutate({ next: null, version: server.version }),
    reload: () => {
      setDraft(null);
      setConflict(null);
      setProblem(null);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    /**
     * The server's state after a change made elsewhere in the console (restoring one of this section's revisions,
     * which answers this section): shown as saved.
     */
    restored: (state: SectionState<SectionName>) => saved(state as SectionState<S>),
    /** Saves the draft over whatever is there now. */
    overwrite: async () => {
      const latest = await queryClient.fetchQuery({ queryKey: key, queryFn: () => readSection(businessId, phoneId, section), staleTime: 0 });
      setConflict(null);
      write.mutate({ next: ownFields(value), version: latest.version });
    },
  };
}

export type SectionEditorState = ReturnType<typeof useSectionEditor>;
