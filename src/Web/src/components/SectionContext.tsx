import { createContext, useContext } from "react";
import type { SectionEditorState } from "../settings/useSectionEditor";

/** The section being edited, for the fields inside its frame. */
export const SectionContext = createContext<SectionEditorState | null>(null);

export function useSection(): SectionEditorState {
  const section = useContext(SectionContext);
  if (!section) throw new Error("A settings field must be inside a SectionFrame.");
  return section;
}

/** The section is read-only for this user (a viewer). */
export const ReadOnlyContext = createContext(false);
export const useReadOnly = () => useContext(ReadOnlyContext);
