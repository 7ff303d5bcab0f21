import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FakeTransport } from "../realtime/FakeTransport";
import { RealtimeProvider } from "../realtime/RealtimeProvider";
import { scheduledChange, supportDialogs } from "./testData";
import { UpcomingList } from "./UpcomingList";

// Installed before the modules load: the typed client keeps the fetch it finds then. It answers lists with the
// business's changes and keeps the other calls.
const server = vi.hoisted(() => {
  const state = { changes: [] as unknown[], calls: [] as string[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (request.method !== "GET") {
      state.calls.push(`${request.method} ${path}`);
      return new Response(null, { status: 204 });
    }
    return new Response(JSON.stringify({ items: state.changes }), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

supportDialogs();
const names: Record<string, string> = { p1: "Uptown", p2: "Harbor" };

function renderList(transport = new FakeTransport(), phoneId: string | null = "p1") {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <RealtimeProvider transport={() => transport}>
        <UpcomingList businessId="b1" phoneId={phoneId} canEdit phoneName={(id) => names[id] ?? id} />
      </RealtimeProvider>
    </QueryClientProvider>,
  );
  return transport;
}

const items = () => within(screen.getByRole("list", { name: "Scheduled changes, pending first" })).getAllByRole("listitem").filter((item) => item.dataset.change);
const item = (id: string) => items().find((li) => li.dataset.change === id)!;

describe("UpcomingList", () => {
  afterEach(() => {
    cleanup();
    server.calls.length = 0;
  });

  it("counts a pending change down on the location's own clock and offers to reschedule or cancel it", async () => {
    const dueAt = new Date(Date.now() + 90 * 60_000).toISOString();
    server.changes = [scheduledChange({}, { dueAt, timeZone: "Asia/Kolkata" })];
    renderList();

    await waitFor(() => expect(items()).toHaveLength(1));
    const pending = item("sch-1");
    expect(pending.textContent).toContain("Uptown · Voice agent");
    expect(pending.textContent).toContain("Greeting: 'Happy new year'");
    expect(pending.textContent).toContain("For 2027-01-04 09:00 in each location's local time, scheduled by Alice");
    const line = pending.querySelector("[data-application]")!;
    expect(line.textContent).toMatch(/^Uptown: .+ GMT\+5:30 \(Asia\/Kolkata\) · in 1 h (29|30) min$/);

    await userEvent.click(within(pending).getByRole("button", { name: "Cancel this change" }));

    await waitFor(() => expect(server.calls).toEqual(["DELETE /api/v2/businesses/b1/phone-numbers/p1/scheduled-changes/sch-1"]));
  });

  it("shows what became of each location: applied with a link to its revision, skipped with the fields changed meanwhile, failed with the problem", async () => {
    server.changes = [
      scheduledChange(
        { id: "sch-default", phoneId: undefined, status: "failed", at: { localTime: "2027-01-04T09:00" }, defaultsDueAt: "2027-01-04T14:00:00Z", defaultsStatus: "applied", defaultsRevisionId: "rev-8" },
        { phoneId: "p1", status: "applied", appliedAt: "2027-01-04T14:00:01Z", lateByMs: 1200, revisionId: "rev-9" },
      ),
    ];
    const harbor = { phoneId: "p2", timeZone: "America/Los_Angeles", dueAt: "2027-01-04T17:00:00Z", localDueAt: "2027-01-04T09:00" };
    server.changes.push(
      scheduledChange({ id: "sch-skipped", status: "skipped" }, { status: "skipped", conflicts: ["greeting"] }),
      scheduledChange({ id: "sch-failed", phoneId: "p2", status: "failed", applications: [{ ...harbor, status: "failed", problem: { title: "Invalid settings", detail: "The greeting is too long." } }] }),
    );
    renderList(new FakeTransport(), null);

    await waitFor(() => expect(items()).toHaveLength(3));
    const applied = item("sch-default");
    expect(applied.textContent).toContain("Business defaults · Voice agent");
    expect(applied.querySelector("[data-application]")!.textContent).toBe("Uptown: Mon, Jan 4, 9:00 AM EST (America/New_York) · Applied Mon, Jan 4, 9:00 AM EST (1 s late) · See the revision");
    expect(within(applied).getByRole("link", { name: "See the revision" }).getAttribute("href")).toBe("/b/b1/activity#revision-rev-9");
    // The defaults layer itself changed at the earliest location's time, in a revision of its own.
    expect(applied.querySelector("[data-defaults]")!.textContent).toMatch(/^The business defaults: .+ · Applied · See the defaults' revision$/);
    expect(within(applied).getByRole("link", { name: "See the defaults' revision" }).getAttribute("href")).toBe("/b/b1/activity#revision-rev-8");
    expect(item("sch-skipped").textContent).toContain("Skipped: Greeting changed after it was scheduled");
    expect(item("sch-failed").textContent).toContain("Harbor: Mon, Jan 4, 9:00 AM PST (America/Los_Angeles) · Failed: Invalid settings The greeting is too long.");
    // Only pending changes can be moved or cancelled.
    expect(screen.queryByRole("button", { name: "Cancel this change" })).toBeNull();
  });

  it("shows a change's result as soon as its scheduled.changed message arrives", async () => {
    server.changes = [scheduledChange({}, { dueAt: new Date(Date.now() + 60_000).toISOString() })];
    const transport = renderList();
    await waitFor(() => expect(item("sch-1").textContent).toContain("Pending"));

    server.changes = [scheduledChange({ status: "applied" }, { status: "applied", revisionId: "rev-2" })];
    act(() => transport.deliver({ channel: "business:b1", type: "scheduled.changed", businessId: "b1", phoneId: "p1", itemId: "sch-1", sections: ["scheduled"], data: server.changes[0] }));

    await waitFor(() => expect(item("sch-1").textContent).toContain("See the revision"));
    expect(item("sch-1").textContent).toContain("Applied");
  });
});
