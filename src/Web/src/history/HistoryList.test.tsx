import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeTransport } from "../realtime/FakeTransport";
import { RealtimeProvider } from "../realtime/RealtimeProvider";
import type { HistoryEntry } from "./historyApi";
import { HistoryItem, HistoryList } from "./HistoryList";

// The phone's history as the API keeps it, newest first; pages of two, the token being the index of the next one.
const revision = (n: number, greeting: string): HistoryEntry => ({
  id: `rev-${n}`,
  at: new Date(Date.UTC(2026, 11, 6, 17, n)).toISOString(),
  actor: { kind: "user", id: "alice" },
  target: { kind: "phoneSection", phoneId: "p1", section: "voice" },
  operation: "update",
  changes: [{ path: "greeting", before: `Greeting ${n - 1}`, after: greeting, sourceBefore: "business", sourceAfter: "phone" }],
  requestId: null,
  inherited: null,
  restoredFrom: null,
  affectedPhoneIds: null,
  unaffectedPhoneIds: null,
});
// Installed before the modules load: the typed client keeps the fetch it finds then.
const server = vi.hoisted(() => {
  const state = { entries: [] as unknown[], requests: [] as URL[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    state.requests.push(url);
    const start = Number(url.searchParams.get("continuationToken") ?? 0);
    const items = state.entries.slice(start, start + 2);
    const body = start + 2 < state.entries.length ? { items, continuationToken: String(start + 2) } : { items };
    return new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

function renderHistory(transport: FakeTransport) {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RealtimeProvider transport={() => transport}>
        <HistoryList businessId="b1" phoneId="p1" filters={{ section: "voice" }} label="Voice history" empty="No changes.">
          {(entry, now) => <HistoryItem key={entry.id} entry={entry} now={now} layer="phone" section="voice" />}
        </HistoryList>
      </RealtimeProvider>
    </QueryClientProvider>,
  );
}

const shown = () => within(screen.getByRole("list", { name: "Voice history" })).getAllByRole("listitem").filter((item) => item.dataset.revision);

describe("HistoryList", () => {
  afterEach(() => {
    cleanup();
    server.requests.length = 0;
  });

  it("asks for the section's history and shows older pages on request with the page's continuation token", async () => {
    server.entries = [revision(3, "Three"), revision(2, "Two"), revision(1, "One")];
    renderHistory(new FakeTransport());

    await waitFor(() => expect(shown()).toHaveLength(2));
    expect(server.requests[0]!.pathname).toBe("/api/v2/businesses/b1/phone-numbers/p1/history");
    expect(server.requests[0]!.searchParams.get("section")).toBe("voice");
    expect(shown()[0]!.textContent).toMatch(/Greeting: 'Greeting 2'\s*Inherited \(inherited from business defaults\) → to\s+'Three'\s*Overridden/);

    await userEvent.click(screen.getByRole("button", { name: "Show older" }));

    await waitFor(() => expect(shown()).toHaveLength(3));
    expect(server.requests.at(-1)!.searchParams.get("continuationToken")).toBe("2");
    expect(screen.queryByRole("button", { name: "Show older" })).toBeNull();
  });

  it("shows a change made elsewhere as soon as its history.added message arrives", async () => {
    server.entries = [revision(1, "One")];
    const transport = new FakeTransport();
    renderHistory(transport);
    await waitFor(() => expect(shown()).toHaveLength(1));

    server.entries = [revision(2, "Two"), ...server.entries];
    act(() =>
      transport.deliver({ channel: "phone:p1:settings", type: "history.added", businessId: "b1", phoneId: "p1", sections: ["voice"], data: server.entries[0] }),
    );

    await waitFor(() => expect(shown()).toHaveLength(2));
    expect(shown()[0]!.textContent).toContain("'Two'");
  });
});
