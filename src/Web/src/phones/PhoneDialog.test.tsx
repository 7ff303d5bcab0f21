import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { phone } from "../bulk/testData";
import { supportDialogs } from "../schedules/testData";
import { PhoneDialog } from "./PhoneDialog";

// The API: GET answers the phone with an ETag; a PUT or POST answers `answer` with its status, and is kept.
const server = vi.hoisted(() => {
  const state = { writes: [] as { method: string; body: Record<string, unknown> }[], answer: { status: 200, body: {} as unknown } };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    if (request.method === "GET") return new Response(JSON.stringify(state.answer.body), { status: 200, headers: { "Content-Type": "application/json", ETag: '"1"' } });
    state.writes.push({ method: request.method, body: JSON.parse(await request.text()) });
    return new Response(JSON.stringify(state.answer.body), { status: state.answer.status, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

supportDialogs();

function renderDialog(existing = phone("p1", "Oakland", ["downtown"], { phoneNumber: "+14155550134" })) {
  const onSaved = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <PhoneDialog businessId="b1" phone={existing} open onClose={() => undefined} onSaved={onSaved} />
    </QueryClientProvider>,
  );
  return onSaved;
}

describe("PhoneDialog labels", () => {
  afterEach(() => {
    cleanup();
    server.writes.length = 0;
  });

  it("saves a location's labels as typed, normalised to lower-case words", async () => {
    server.answer = { status: 200, body: phone("p1", "Oakland", ["downtown", "west-coast"]) };
    const onSaved = renderDialog();
    const labels = screen.getByLabelText("Labels");
    expect((labels as HTMLInputElement).value).toBe("downtown");

    await userEvent.type(labels, ", West Coast, DOWNTOWN");
    expect(screen.getByText(/Saved as: downtown, west-coast\./)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Save details" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(server.writes[0]).toMatchObject({ method: "PUT", body: { labels: ["downtown", "west-coast"] } });
  });

  it("leaves the labels out of a save that did not change them, so the API keeps them", async () => {
    server.answer = { status: 200, body: phone("p1", "Oakland", ["downtown"]) };
    const onSaved = renderDialog();

    await userEvent.type(screen.getByLabelText("Name"), " Bay");
    await userEvent.click(screen.getByRole("button", { name: "Save details" }));

    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(server.writes[0]!.body).not.toHaveProperty("labels");
  });

  it("names a label the API refused at the labels field, and one it would refuse before sending", async () => {
    server.answer = { status: 400, body: { type: "urn:multiphone:problem:validation", title: "Invalid", errors: { "labels[1]": ["Is reserved."] } } };
    renderDialog();
    const labels = screen.getByLabelText("Labels");

    await userEvent.type(labels, ", vip");
    await userEvent.click(screen.getByRole("button", { name: "Save details" }));
    expect(await screen.findByText("“vip”: Is reserved.")).toBeTruthy();
    expect(labels.getAttribute("aria-invalid")).toBe("true");

    await userEvent.clear(labels);
    await userEvent.type(labels, "café");
    expect(screen.getByText("“café” may hold only letters, digits and single hyphens between them.")).toBeTruthy();
  });
});
