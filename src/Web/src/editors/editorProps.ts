import type { ReactNode } from "react";

/** What every settings section editor gets: the layer (a phone, or the defaults when phoneId is null) and the user's rights. */
export interface EditorProps {
  businessId: string;
  phoneId: string | null;
  canEdit: boolean;
  /** Extra status for the section header (the defaults editor says how many phones follow it). */
  status?: ReactNode;
}
