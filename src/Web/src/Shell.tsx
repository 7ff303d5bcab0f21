import { useState, type ReactNode } from "react";
import { Link, useLocation } from "wouter";
import { signOut, useSession } from "./auth/session";
import { PhoneDialog } from "./phones/PhoneDialog";
import { PhoneSelector } from "./phones/PhoneSelector";
import { LiveIndicator } from "./realtime/LiveIndicator";
import { isSectionName } from "./api/sections";
import { sectionEditors } from "./settings/sectionEditors";
import { SelectLocationsButton } from "./bulk/SelectLocationsButton";
import { activityUrl, bulkEditsUrl, defaultsUrl, scheduledUrl, phoneSections, phoneUrl, useSettings, type PhoneSection } from "./settings/SettingsContext";

const otherLabels = { staff: "Staff", services: "Services" };

function labelOf(section: PhoneSection): string {
  return isSectionName(section) ? sectionEditors[section].label : otherLabels[section];
}

/**
 * The frame of every signed-in page: business, location selector, the locations selected for bulk edits, live
 * status, user; section navigation.
 */
export function Shell({ children, area }: { children: ReactNode; area: "phone" | "defaults" | "activity" | "scheduled" | "bulk-edits" }) {
  const settings = useSettings();
  const session = useSession();
  const [location, navigate] = useLocation();
  const [adding, setAdding] = useState(false);
  const { businessId, selectedPhone, phoneSettings } = settings;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden="true">☎</span>
          <span>
            <strong>{settings.businessName ?? businessId}</strong>
            <span className="muted"> settings</span>
          </span>
        </div>
        <PhoneSelector />
        {settings.canEdit && <SelectLocationsButton />}
        {settings.canManage && (
          <button type="button" onClick={() => setAdding(true)}>
            + Add location
          </button>
        )}
        <div className="topbar-end">
          <LiveIndicator />
          <span className="user" title={`Signed in as ${session?.subject}`}>
            {session?.subject} <span className="badge">{settings.role ?? "no access"}</span>
          </span>
          <button type="button" className="link" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <div className="layout">
        <nav className="sidenav" aria-label="Settings">
          <h2 className="nav-title">{selectedPhone ? selectedPhone.displayName : "Location"}</h2>
          <ul>
            {phoneSections.map((section) => {
              const href = selectedPhone ? phoneUrl(businessId, selectedPhone.id, section) : "#";
              const overridden = isSectionName(section) && phoneSettings[section]?.own != null;
              return (
                <li key={section}>
                  <Link href={href} aria-current={location === href ? "page" : undefined}>
                    {labelOf(section)}
                    {overridden && <span className="nav-note">overridden</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
          <h2 className="nav-title">Business</h2>
          <ul>
            <li>
              <Link href={defaultsUrl(businessId)} aria-current={area === "defaults" ? "page" : undefined}>
                Business defaults
              </Link>
            </li>
            <li>
              <Link href={activityUrl(businessId)} aria-current={area === "activity" ? "page" : undefined}>
                Activity
              </Link>
            </li>
            <li>
              <Link href={scheduledUrl(businessId)} aria-current={area === "scheduled" ? "page" : undefined}>
                Scheduled changes
              </Link>
            </li>
            <li>
              <Link href={bulkEditsUrl(businessId)} aria-current={area === "bulk-edits" ? "page" : undefined}>
                Bulk edits
              </Link>
            </li>
          </ul>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
      {adding && (
        <PhoneDialog
          businessId={businessId}
          open
          onClose={() => setAdding(false)}
          onSaved={(phone) => {
            setAdding(false);
            navigate(phoneUrl(businessId, phone.id));
          }}
        />
      )}
    </>
  );
}
