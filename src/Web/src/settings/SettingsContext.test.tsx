import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Router } from "wouter";
import { memoryLocation } from "wouter/memory-location";
import { SettingsProvider, useSettings, type PhoneSection } from "./SettingsContext";

// The API as the context sees it: the business, its phones (primary first, as the API lists them) and sections.
const phones = [
  { id: "p-main", displayName: "Main", phoneNumber: "+14155550134", isPrimary: true, isActive: true, timezone: "America/Los_Angeles" },
  { id: "p-east", displayName: "East", phoneNumber: "+12125550199", isPrimary: false, isActive: true, timezone: "America/New_York" },
];
const section = (phoneId: string, name: string) => ({
  section: name,
  phoneId,
  inherits: phoneId !== "p-east",
  override: phoneId === "p-east" ? { agentName: "Eve" } : null,
  effective: { agentName: phoneId === "p-east" ? "Eve" : "Ava" },
  sources: { agentName: phoneId === "p-east" ? "phone" : "business" },
  version: phoneId === "p-east" ? 1 : 0,
  updatedAt: null,
});
// Installed before the modules load: the typed client keeps the fetch it finds then.
const respond = vi.hoisted(() => {
  const state = { handler: (_path: string): unknown => null };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const body = state.handler(new URL(input instanceof Request ? input.url : String(input)).pathname);
    return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

function token(claims: object): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  return `${part({ alg: "HS256" })}.${part(claims)}.signature`;
}

function Probe() {
  const settings = useSettings();
  return (
    <div>
      <p data-testid="selected">{settings.selectedPhoneId ?? "none"}</p>
      <p data-testid="role">{`${settings.role} edit=${settings.canEdit} manage=${settings.canManage}`}</p>
      <p data-testid="voice">{settings.phoneSettings.voice?.effective.agentName ?? "loading"}</p>
      <p data-testid="phones">{settings.phones.map((p) => p.displayName).join(",")}</p>
      <button onClick={() => settings.selectPhone("p-east")}>east</button>
      <button onClick={() => settings.selectSection("hours")}>hours</button>
    </div>
  );
}

function renderAt(path: string, phoneId: string | null, sectionName: PhoneSection = "voice") {
  const location = memoryLocation({ path, record: true });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <Router hook={location.hook}>
        <SettingsProvider businessId="b1" phoneId={phoneId} section={sectionName}>
          <Probe />
        </SettingsProvider>
      </Router>
    </QueryClientProvider>,
  );
  return location;
}

describe("SettingsContext", () => {
  beforeEach(() => {
    localStorage.setItem("multiphone.token", token({ sub: "eddie", businesses: ["b1:editor", "other:admin"] }));
    respond.handler = (path) => {
      if (path === "/api/v2/businesses/b1") return { id: "b1", name: "Harbor" };
      if (path === "/api/v2/businesses/b1/phone-numbers") return { items: phones };
      const match = /phone-numbers\/([^/]+)\/settings\/(\w+)$/.exec(path);
      return match ? section(match[1]!, match[2]!) : null;
    };
  });
  afterEach(() => {
    cleanup();
    localStorage.clear();
  });

  it("selects the primary phone when the URL names none, and loads its settings", async () => {
    renderAt("/b/b1", null);

    await waitFor(() => expect(screen.getByTestId("selected").textContent).toBe("p-main"));
    expect(screen.getByTestId("phones").textContent).toBe("Main,East");
    await waitFor(() => expect(screen.getByTestId("voice").textContent).toBe("Ava"));
  });

  it("selects the phone the URL names, with that phone's own settings", async () => {
    renderAt("/b/b1/phones/p-east/voice", "p-east");

    await waitFor(() => expect(screen.getByTestId("voice").textContent).toBe("Eve"));
    expect(screen.getByTestId("selected").textContent).toBe("p-east");
  });

  it("selects nothing for a phone that does not exist, rather than another phone", async () => {
    renderAt("/b/b1/phones/gone/voice", "gone");

    await waitFor(() => expect(screen.getByTestId("phones").textContent).toBe("Main,East"));
    expect(screen.getByTestId("selected").textContent).toBe("none");
  });

  it("puts the selection in the URL, keeping the section when the phone changes", async () => {
    const location = renderAt("/b/b1/phones/p-main/sms", "p-main", "sms");
    await waitFor(() => expect(screen.getByTestId("selected").textContent).toBe("p-main"));

    act(() => screen.getByText("east").click());
    expect(location.history.at(-1)).toBe("/b/b1/phones/p-east/sms");
    act(() => screen.getByText("hours").click());
    expect(location.history.at(-1)).toBe("/b/b1/phones/p-main/hours");
  });

  it("takes the role for this business from the token", async () => {
    renderAt("/b/b1", null);

    expect(screen.getByTestId("role").textContent).toBe("editor edit=true manage=false");
  });

  it("treats platform operations as admin of every business", async () => {
    localStorage.setItem("multiphone.token", token({ sub: "ops-user", businesses: [], roles: ["ops"] }));
    renderAt("/b/b1", null);

    expect(screen.getByTestId("role").textContent).toBe("admin edit=true manage=true");
  });
});
