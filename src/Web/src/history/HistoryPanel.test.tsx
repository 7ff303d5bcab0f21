import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SectionState } from "../settings/sectionApi";
import type { SectionEditorState } from "../settings/useSectionEditor";
import { HistoryPanel } from "./HistoryPanel";

// A phone's voice history of one change, and an API that refuses to undo it once (a later change touched the
// greeting), then undoes it when forced.
const change = {
  id: "rev-1",
  at: "2026-12-06T17:00:00Z",
  actor: { kind: "user", id: "alice" },
  target: { kind: "phoneSection", phoneId: "p1", section: "voice" },
  operation: "update",
  changes: [{ path: "greeting", before: "Hello", after: "Hi" }],
};
const undone = { section: "voice", phoneId: "p1", inherits: false, override: { greeting: "Hello" }, effective: { greeting: "Hello" }, sources: { greeting: "phone" }, version: 5 };
// Installed before the modules load: the typed client keeps the fetch it finds then.
const server = vi.hoisted(() => {
  const state = { restores: [] as { ifMatch: string | null; body: unknown }[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
    if (request.method === "GET") return json(200, { items: [change] });
    const body = await request.json();
    state.restores.push({ ifMatch: request.headers.get("If-Match"), body });
    if (!body.force) return json(409, { type: "urn:multiphone:problem:history-conflict", title: "Later changes", status: 409, conflicts: ["greeting"] });
    return json(200, undone);
  };
  return state;
});

function editor(restored: (state: SectionState<"voice">) => void): SectionEditorState {
  return {
    businessId: "b1",
    phoneId: "p1",
    layer: "phone",
    section: "voice",
    server: { own: { greeting: "Hey there" }, effective: { greeting: "Hey there" }, sources: {}, version: 4, updatedAt: null },
    dirty: false,
    saving: false,
    restored,
    reload: () => {},
  } as unknown as SectionEditorState;
}

describe("HistoryPanel", () => {
  afterEach(cleanup);

  it("names what an undo would overwrite, and undoes anyway with force on the editor's version", async () => {
    const restored: SectionState<"voice">[] = [];
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <HistoryPanel editor={editor((state) => restored.push(state))} canEdit title="Voice agent" />
      </QueryClientProvider>,
    );
    await userEvent.click(screen.getByRole("button", { name: "Show history" }));
    await userEvent.click(await screen.findByRole("button", { name: /^Undo this change/ }));

    expect((await screen.findByRole("alert")).textContent).toContain("Greeting: changed later to 'Hey there'; undoing sets it back to 'Hello'");
    await userEvent.click(screen.getByRole("button", { name: "Undo anyway" }));

    await waitFor(() => expect(restored).toHaveLength(1));
    expect(restored[0]!.own).toEqual({ greeting: "Hello" });
    expect(server.restores).toEqual([
      { ifMatch: '"v4"', body: { to: "before", force: false } },
      { ifMatch: '"v4"', body: { to: "before", force: true } },
    ]);
    expect(screen.getByRole("status").textContent).toContain("Undid the change of");
    expect(screen.queryByRole("alert")).toBeNull();
  });
});
