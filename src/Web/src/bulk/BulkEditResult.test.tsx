import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BulkEditResult } from "./BulkEditResult";
import { bulkEdit } from "./testData";
import type { BulkEdit } from "./types";

// The API: GET answers the bulk edit of that id from `edits` (or all of them); POST .../undo answers 202 with a new id and keeps the request.
const server = vi.hoisted(() => {
  const state = { edits: {} as Record<string, unknown>, posts: [] as { path: string; key: string | null; body: unknown }[] };
  globalThis.fetch = async (input: RequestInfo | URL) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (request.method === "POST") {
      state.posts.push({ path, key: request.headers.get("Idempotency-Key"), body: JSON.parse(await request.text()) });
      return new Response(JSON.stringify({ id: "bulk-undo", statusQueryGetUri: "http://api.test/x" }), { status: 202, headers: { "Content-Type": "application/json" } });
    }
    if (path.endsWith("/bulk-edits")) return new Response(JSON.stringify({ items: Object.values(state.edits) }), { status: 200, headers: { "Content-Type": "application/json" } });
    const edit = state.edits[path.split("/").pop()!];
    return new Response(JSON.stringify(edit ?? { type: "about:blank", title: "Not found" }), { status: edit ? 200 : 404, headers: { "Content-Type": "application/json" } });
  };
  return state;
});

function renderResult(edit: BulkEdit) {
  server.edits[edit.id] = edit;
  const onOpen = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <BulkEditResult businessId="b1" bulkEditId={edit.id} canEdit phoneName={(id) => id} onOpen={onOpen} />
    </QueryClientProvider>,
  );
  return onOpen;
}

describe("BulkEditResult", () => {
  afterEach(() => {
    cleanup();
    server.posts.length = 0;
  });

  it("shows a completed edit's counts and result per location, and undoes it", async () => {
    const onOpen = renderResult(bulkEdit());

    expect(await screen.findByText("3 of 3 locations: 1 changed, 1 unchanged, 1 failed")).toBeTruthy();
    expect(screen.getByRole("table", { name: "The result per location" })).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Undo this bulk edit" }));

    await waitFor(() => expect(onOpen).toHaveBeenCalledWith("bulk-undo"));
    expect(server.posts).toEqual([{ path: "/api/v2/businesses/b1/bulk-edits/bulk-1/undo", key: null, body: { force: false } }]);
  });

  it("offers no undo while the edit runs, and shows how far it is", async () => {
    renderResult(bulkEdit({ id: "bulk-2", status: "running", total: 4, counts: { changed: 1, unchanged: 0, failed: 0 }, items: [] }));

    expect(await screen.findByText("1 of 4 locations: 1 changed, 0 unchanged, 0 failed")).toBeTruthy();
    expect((screen.getByLabelText("Applying…") as HTMLProgressElement).value).toBe(25);
    expect(screen.queryByRole("button", { name: "Undo this bulk edit" })).toBeNull();
  });

  it("names the locations an undo left alone because they changed since, and undoes the edit anyway when asked", async () => {
    const undo = bulkEdit({
      id: "bulk-3",
      operation: { kind: "undo", of: "bulk-1", force: false },
      counts: { changed: 1, unchanged: 0, failed: 1 },
      total: 2,
      items: [
        { phoneId: "p1", displayName: "Oakland", outcome: "change", changes: [{ path: "greeting", before: "Hello", after: "Hi" }] },
        { phoneId: "p4", displayName: "Harbor", outcome: "fail", changes: [], conflicts: ["greeting"], problem: { title: "Changed since", detail: null } },
      ],
    });
    server.edits["bulk-1"] = bulkEdit({ undoneBy: "bulk-3" });
    renderResult(undo);

    expect(await screen.findByText(/1 location was changed again since and left as it is: Harbor\./)).toBeTruthy();
    expect((await screen.findByRole("heading", { name: /Undo of “Voice agent: set Greeting: 'Hello'”/ })).textContent).toContain("Completed");
    expect(screen.queryByRole("button", { name: "Undo this bulk edit" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Undo anyway" }));

    await waitFor(() => expect(server.posts).toHaveLength(1));
    expect(server.posts[0]).toMatchObject({ path: "/api/v2/businesses/b1/bulk-edits/bulk-1/undo", body: { force: true } });
  });
});
