import { useState } from "react";
import { Dialog } from "../components/Dialog";
import { useSettings } from "../settings/SettingsContext";
import { LocationPicker } from "./LocationPicker";
import { useSelection } from "./selection";

/** "Select locations (3)" in the top bar: the locations a section's "Apply to selected…" changes. */
export function SelectLocationsButton() {
  const { businessId, phones } = useSettings();
  const [selected] = useSelection(businessId);
  const [open, setOpen] = useState(false);
  const count = phones.filter((p) => selected.includes(p.id)).length;
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Select locations{count > 0 ? ` (${count})` : ""}
      </button>
      {open && (
        <Dialog open title="Select locations for bulk edits" onClose={() => setOpen(false)}>
          <p className="muted">"Apply to selected…" in any section changes these locations.</p>
          <LocationPicker businessId={businessId} phones={phones} />
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setOpen(false)}>
              Done
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
