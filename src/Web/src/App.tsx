import { Redirect, Route, Switch, useParams } from "wouter";
import { isSectionName } from "./api/sections";
import { SignInPage } from "./auth/SignInPage";
import { useSession } from "./auth/session";
import { DefaultsPage } from "./defaults/DefaultsPage";
import { BulkEditsPage } from "./bulk/BulkEditsPage";
import { ActivityPage } from "./history/ActivityPage";
import { PhonePage } from "./PhonePage";
import { ScheduledPage } from "./schedules/ScheduledPage";
import { RealtimeProvider } from "./realtime/RealtimeProvider";
import { phoneSections, SettingsProvider, type PhoneSection } from "./settings/SettingsContext";
import { Shell } from "./Shell";

/**
 * Routes: /sign-in; /b/{business} (its primary phone); /b/{business}/phones/{phone}/{section};
 * /b/{business}/defaults/{section}; /b/{business}/activity; /b/{business}/scheduled; /b/{business}/bulk-edits[/{id}].
 * Everything but sign-in needs a session.
 */
export function App() {
  const session = useSession();
  if (!session) {
    return (
      <Switch>
        <Route path="/sign-in" component={SignInPage} />
        <Route>
          <Redirect to="/sign-in" replace />
        </Route>
      </Switch>
    );
  }
  const home = session.memberships[0]?.businessId;
  return (
    <RealtimeProvider>
      <Switch>
        <Route path="/b/:businessId/phones/:phoneId/:section" component={PhoneRoute} />
        <Route path="/b/:businessId/defaults/:section?" component={DefaultsRoute} />
        <Route path="/b/:businessId/activity" component={ActivityRoute} />
        <Route path="/b/:businessId/scheduled" component={ScheduledRoute} />
        <Route path="/b/:businessId/bulk-edits/:bulkEditId?" component={BulkEditsRoute} />
        <Route path="/b/:businessId" component={PhoneRoute} />
        <Route>{home ? <Redirect to={`/b/${encodeURIComponent(home)}`} replace /> : <NoBusiness />}</Route>
      </Switch>
    </RealtimeProvider>
  );
}

function PhoneRoute() {
  const params = useParams<{ businessId: string; phoneId?: string; section?: string }>();
  const section = phoneSections.includes(params.section as PhoneSection) ? (params.section as PhoneSection) : "voice";
  return (
    <SettingsProvider businessId={params.businessId} phoneId={params.phoneId ?? null} section={section}>
      <Shell area="phone">
        <PhonePage />
      </Shell>
    </SettingsProvider>
  );
}

function DefaultsRoute() {
  const params = useParams<{ businessId: string; section?: string }>();
  const section = isSectionName(params.section) ? params.section : "voice";
  return (
    <SettingsProvider businessId={params.businessId} phoneId={null}>
      <Shell area="defaults">
        <DefaultsPage section={section} />
      </Shell>
    </SettingsProvider>
  );
}

function ActivityRoute() {
  const params = useParams<{ businessId: string }>();
  return (
    <SettingsProvider businessId={params.businessId} phoneId={null}>
      <Shell area="activity">
        <ActivityPage />
      </Shell>
    </SettingsProvider>
  );
}

function ScheduledRoute() {
  const params = useParams<{ businessId: string }>();
  return (
    <SettingsProvider businessId={params.businessId} phoneId={null}>
      <Shell area="scheduled">
        <ScheduledPage />
      </Shell>
    </SettingsProvider>
  );
}

function BulkEditsRoute() {
  const params = useParams<{ businessId: string; bulkEditId?: string }>();
  return (
    <SettingsProvider businessId={params.businessId} phoneId={null}>
      <Shell area="bulk-edits">
        <BulkEditsPage bulkEditId={params.bulkEditId ?? null} />
      </Shell>
    </SettingsProvider>
  );
}

function NoBusiness() {
  return (
    <main id="main" className="signin">
      <h1>No business</h1>
      <p>Your token does not name a business you belong to. Sign out and sign in with another token.</p>
    </main>
  );
}
