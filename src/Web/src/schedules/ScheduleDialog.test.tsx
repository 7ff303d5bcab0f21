import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ScheduleDialog } from "./ScheduleDialog";
import { scheduledChange, supportDialogs } from "./testData";

// Installed before the modules load: the typed client keeps the fetch it finds then. It answers every call with the
// change it is given back, as the API does, and keeps the requests.
const server = vi.hoisted(() => {
  const state = { requests: [] as { method: string; path: string; ifMatch: string | null; body: unknown }[], answer: {} as unknown };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const text = await request.text();
    state.requests.push({ method: request.method, path: new URL(request.url).pathname, ifMatch: request.headers.get("If-Match"), body: text ? JSON.parse(text) : null });
    return new Response(JSON.stringify(state.answer), { status: request.method === "POST" ? 201 : 200, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

supportDialogs();

function renderDialog(props: Partial<Parameters<typeof ScheduleDialog>[0]> = {}) {
  const onScheduled = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ScheduleDialog businessId="b1" phoneId="p1" section="voice" set={{ greeting: "Happy new year" }} title="Schedule this change" onClose={() => undefined} onScheduled={onScheduled} {...props} />
    </QueryClientProvider>,
  );
  return onScheduled;
}

async function fillWhen(date: string, time: string) {
  await userEvent.clear(screen.getByLabelText("Date"));
  await userEvent.type(screen.getByLabelText("Date"), date);
  await userEvent.clear(screen.getByLabelText("Time"));
  await userEvent.type(screen.getByLabelText("Time"), time);
}

describe("ScheduleDialog", () => {
  afterEach(() => {
    cleanup();
    server.requests.length = 0;
  });

  it("schedules the editor's changed fields at a wall-clock time in each location's own zone", async () => {
    server.answer = scheduledChange();
    const onScheduled = renderDialog();
    expect(screen.getByText("Changes: Greeting: 'Happy new year'.")).toBeTruthy();

    await fillWhen("2027-01-04", "09:00");
    await userEvent.type(screen.getByLabelText("Note (optional)"), "New year greeting");
    await userEvent.click(screen.getByRole("button", { name: "Schedule" }));

    await waitFor(() => expect(onScheduled).toHaveBeenCalled());
    expect(server.requests).toEqual([
      {
        method: "POST",
        path: "/api/v2/businesses/b1/phone-numbers/p1/scheduled-changes",
        ifMatch: null,
        body: { section: "voice", set: { greeting: "Happy new year" }, at: { localTime: "2027-01-04T09:00" }, onConflict: "skip", note: "New year greeting" },
      },
    ]);
  });

  it("schedules the business defaults in one chosen zone for every location, applying over later changes when asked", async () => {
    server.answer = scheduledChange({ phoneId: undefined });
    const onScheduled = renderDialog({ phoneId: null, section: "hours", set: { alwaysOpen: true } });

    await fillWhen("2027-11-01", "06:30");
    await userEvent.selectOptions(screen.getByLabelText("Time zone"), "Europe/London");
    await userEvent.click(screen.getByLabelText("Apply this change anyway"));
    await userEvent.click(screen.getByRole("button", { name: "Schedule" }));

    await waitFor(() => expect(onScheduled).toHaveBeenCalled());
    expect(server.requests[0]).toEqual({
      method: "POST",
      path: "/api/v2/businesses/b1/scheduled-changes",
      ifMatch: null,
      body: { section: "hours", set: { alwaysOpen: true }, at: { localTime: "2027-11-01T06:30", timeZone: "Europe/London" }, onConflict: "apply" },
    });
  });

  it("reschedules a pending change with If-Match on its version, keeping its fields", async () => {
    const change = scheduledChange();
    server.answer = { ...change, version: 4 };
    const onScheduled = renderDialog({ change, set: change.set, initial: { date: "2027-01-04", time: "09:00", zone: "local", onConflict: "skip", note: "" } });

    await fillWhen("2027-01-05", "10:15");
    await userEvent.click(screen.getByRole("button", { name: "Reschedule" }));

    await waitFor(() => expect(onScheduled).toHaveBeenCalledWith(expect.objectContaining({ version: 4 })));
    expect(server.requests).toEqual([
      {
        method: "PUT",
        path: "/api/v2/businesses/b1/phone-numbers/p1/scheduled-changes/sch-1",
        ifMatch: '"v3"',
        body: { section: "voice", set: { greeting: "Happy new year" }, at: { localTime: "2027-01-05T10:15" }, onConflict: "skip" },
      },
    ]);
  });
});
