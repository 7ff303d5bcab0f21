import { isSectionName } from "./api/sections";
import { ServicesEditor } from "./editors/ServicesEditor";
import { StaffEditor } from "./editors/StaffEditor";
import { PhoneActions } from "./phones/PhoneActions";
import { UpcomingList } from "./schedules/UpcomingList";
import { formatNumber } from "./phones/phoneFormat";
import { sectionEditors } from "./settings/sectionEditors";
import { useSettings } from "./settings/SettingsContext";

/** The selected phone's header and the editor of the section in the URL; every editor uses the selected phone. */
export function PhonePage() {
  const { businessId, selectedPhone, section, canEdit, canManage, phonesLoading, phonesError, phones } = useSettings();
  if (phonesLoading) return <p role="status">Loading locations…</p>;
  if (phonesError) return <p role="alert">Could not load the locations: {phonesError.message}</p>;
  if (!selectedPhone) {
    return (
      <div className="empty">
        <h1>{phones.length === 0 ? "No locations yet" : "This location does not exist"}</h1>
        <p>{phones.length === 0 ? "Add the first location's phone number to start." : "It may have been deleted. Choose another location above."}</p>
      </div>
    );
  }
  const phoneName = (phoneId: string) => phones.find((p) => p.id === phoneId)?.displayName ?? phoneId;
  const Editor = isSectionName(section) ? sectionEditors[section].Editor : null;
  // Remounting per phone and section gives each editor a fresh draft.
  const key = `${selectedPhone.id}:${section}`;
  return (
    <>
      <header className="page-head">
        <div>
          <h1>
            {selectedPhone.displayName}
            {selectedPhone.isPrimary && <span className="badge badge-primary">Primary</span>}
            {!selectedPhone.isActive && <span className="badge badge-inactive">Inactive</span>}
          </h1>
          <p className="muted">
            {formatNumber(selectedPhone.phoneNumber)} · {selectedPhone.timezone}
            {selectedPhone.address?.city ? ` · ${selectedPhone.address.city}` : ""}
          </p>
        </div>
        {canManage && <PhoneActions phone={selectedPhone} />}
      </header>
      {Editor && <Editor key={key} businessId={businessId} phoneId={selectedPhone.id} canEdit={canEdit} timezone={selectedPhone.timezone} />}
      {Editor && <UpcomingList businessId={businessId} phoneId={selectedPhone.id} canEdit={canEdit} phoneName={phoneName} />}
      {section === "staff" && <StaffEditor key={key} businessId={businessId} phoneId={selectedPhone.id} canManage={canManage} />}
      {section === "services" && <ServicesEditor key={key} businessId={businessId} phoneId={selectedPhone.id} canManage={canManage} />}
    </>
  );
}
