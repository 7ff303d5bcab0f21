import { useSettings } from "../settings/SettingsContext";
import { UpcomingList } from "./UpcomingList";

/** Every scheduled change of the business, the defaults' and each location's, live on the business channel. */
export function ScheduledPage() {
  const { businessId, phones, canEdit } = useSettings();
  const phoneName = (phoneId: string) => phones.find((p) => p.id === phoneId)?.displayName ?? phoneId;
  return (
    <>
      <header className="page-head">
        <div>
          <h1>Scheduled changes</h1>
          <p className="muted">Changes that apply later, each at its time on every location's own clock, and what became of the earlier ones.</p>
        </div>
      </header>
      <UpcomingList businessId={businessId} phoneId={null} canEdit={canEdit} phoneName={phoneName} />
    </>
  );
}
